/**
 * Where a key sits in a policy: object keys and array indexes from the top, e.g.
 * `['tables', 0, 'method', 'suppression', 'rules', 1, 'frequency', 'n']`.
 */
export type PolicyPath = readonly (string | number)[];

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * Writes a policy path as people read it: `tables[0].method.suppression.rules[1].frequency.n`. A key that is not a
 * plain word is written in brackets as JSON text (`hierarchies["age band"]`); the empty path is `(top level)`.
 *
 * Cost: O(length of the path).
 *
 * @throws nothing.
 * @example
 * formatPolicyPath(['tables', 0, 'method', 'dp', 'privacy', 'epsilon']) // 'tables[0].method.dp.privacy.epsilon'
 * formatPolicyPath(['hierarchies', 'age band'])                          // 'hierarchies["age band"]'
 */
export function formatPolicyPath(path: PolicyPath): string {
  if (path.length === 0) return '(top level)';
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * Reads back what {@link formatPolicyPath} writes. Returns undefined for text it cannot have written.
 *
 * Cost: O(length of the text).
 *
 * @throws nothing; returns undefined for text it cannot read.
 * @example
 * parsePolicyPath('tables[0].method.dp')      // ['tables', 0, 'method', 'dp']
 * parsePolicyPath('hierarchies["age band"]')  // ['hierarchies', 'age band']
 * parsePolicyPath('(top level)')              // []
 */
export function parsePolicyPath(text: string): PolicyPath | undefined {
  if (text === '(top level)') return [];
  const out: (string | number)[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '[') {
      const close = text[i + 1] === '"' ? closingQuote(text, i + 1) : text.indexOf(']', i);
      if (close < 0) return undefined;
      if (text[i + 1] === '"') {
        if (text[close + 1] !== ']') return undefined;
        try {
          out.push(JSON.parse(text.slice(i + 1, close + 1)) as string);
        } catch {
          return undefined;
        }
        i = close + 2;
      } else {
        const digits = text.slice(i + 1, close);
        if (!/^\d+$/.test(digits)) return undefined;
        out.push(Number(digits));
        i = close + 1;
      }
    } else {
      if (c === '.') {
        if (out.length === 0) return undefined;
        i++;
      } else if (out.length > 0) return undefined;
      const m = /^[A-Za-z_$][A-Za-z0-9_$-]*/.exec(text.slice(i));
      if (!m) return undefined;
      out.push(m[0]);
      i += m[0].length;
    }
  }
  return out;
}

/** Index of the quote that closes the JSON string starting at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  for (let j = open + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j;
  }
  return -1;
}
