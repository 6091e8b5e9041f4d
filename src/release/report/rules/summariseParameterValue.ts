import { formatPlain } from '../formatNumber.js';

/** A short array of scalars is listed when it has at most this many items, in at most LIST_CHARS characters. */
const LIST_MAX = 6;
const LIST_CHARS = 60;
/** An object shows at most this many fields; the rest are counted. */
const FIELDS_MAX = 8;

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? formatPlain(value) : String(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  return undefined;
}

function items(n: number): string {
  return `${n} ${n === 1 ? 'item' : 'items'}`;
}

/** An array as a list of its scalars when short, else its length. */
function arrayText(value: readonly unknown[]): string {
  const texts = value.map(scalarText);
  if (value.length > 0 && value.length <= LIST_MAX && texts.every((t) => t !== undefined)) {
    const list = texts.join(', ');
    if (list.length <= LIST_CHARS) return list;
  }
  return items(value.length);
}

/**
 * Writes a parameter's value as one short line for the report's key/value list, so that nothing floods the page
 * (the full value is in the report's "All parameters" block and in manifest.json):
 * - a scalar as it is (numbers with up to six significant digits, `formatPlain`);
 * - an array as `n items`, or as its items when it is a short list of scalars (`persons, rows`);
 * - an object as its fields `key = value`, scalar fields as they are, arrays as `[n items]` or `[a, b]`, objects
 *   as `{n fields}`; at most 8 fields, then `… (n more)`.
 *
 * Cost: O(size of the top two levels of the value).
 *
 * @example
 * summariseParameterValue({ loss: 0.27204745, height: 3, search: { strategy: 'optimal' } })
 * // 'loss = 0.272047, height = 3, search = {1 field}'
 * summariseParameterValue([1, 2, 3, 4, 5, 6, 7]) // '7 items'
 * summariseParameterValue(['persons', 'rows'])    // 'persons, rows'
 */
export function summariseParameterValue(value: unknown): string {
  const scalar = scalarText(value);
  if (scalar !== undefined) return scalar;
  if (Array.isArray(value)) return arrayText(value);
  if (typeof value !== 'object') return String(value);
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return 'empty';
  const fields = entries.slice(0, FIELDS_MAX).map(([key, v]) => {
    const s = scalarText(v);
    if (s !== undefined) return `${key} = ${s}`;
    if (Array.isArray(v)) return `${key} = [${arrayText(v)}]`;
    const n = typeof v === 'object' ? Object.keys(v as object).length : 0;
    return `${key} = {${n} ${n === 1 ? 'field' : 'fields'}}`;
  });
  const more = entries.length - fields.length;
  return more > 0 ? `${fields.join(', ')}, … (${more} more)` : fields.join(', ');
}
