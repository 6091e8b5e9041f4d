/** A value that fits in this many characters on one line stays on one line. */
const LINE = 88;

/**
 * Writes a value as JSON for people: indented by two spaces like `JSON.stringify(value, null, 2)`, but every array or
 * object whose one-line form (a space after `,` and `:`) fits in 88 characters with its indent stays on one line, so a list of 47
 * `[child, parent]` pairs takes 47 lines, not 188 (the layout Prettier and Python's `pprint` use). BigInts are
 * written as their decimal text, `undefined` fields are left out, and keys keep their order. Parsing the result
 * gives the same value as parsing `JSON.stringify(value)`.
 *
 * Cost: O(size × depth) (each level is measured once on one line).
 *
 * @example
 * compactJson({ pairs: [['A', 'East'], ['B', 'West']], noise: { level: 0, loss: { kind: 'pure', epsilon: '1/16' } } })
 * // '{\n  "pairs": [["A", "East"], ["B", "West"]],\n  "noise": {"level": 0, "loss": {"kind": "pure", "epsilon": "1/16"}}\n}'
 */
export function compactJson(value: unknown): string {
  const data = normalise(value);
  return data === undefined ? 'null' : write(data, 0);
}

/** The value as plain JSON data (BigInt as text, toJSON applied, undefined dropped), by a JSON round trip. */
function normalise(value: unknown): unknown {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

/** JSON on one line with a space after each `,` and `:` (as people write it). */
function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `value` at nesting `indent`, starting `used` characters into its line (its indent, and a key when it has one). */
function write(value: unknown, indent: number, used = indent): string {
  const flat = oneLine(value);
  if (typeof value !== 'object' || value === null || used + flat.length <= LINE) return flat;
  const pad = ' '.repeat(indent + 2);
  const end = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => pad + write(v, indent + 2)).join(',\n')}\n${end}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const fields = entries.map(([k, v]) => {
    const key = `${JSON.stringify(k)}: `;
    return pad + key + write(v, indent + 2, indent + 2 + key.length);
  });
  return `{\n${fields.join(',\n')}\n${end}}`;
}
