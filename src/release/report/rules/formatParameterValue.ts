/**
 * Writes any parameter value as short plain text for the generic key/value list: strings as they are, numbers and
 * booleans as JSON, arrays and objects as compact JSON (keys in their order).
 *
 * Cost: O(size of the value).
 *
 * @example
 * formatParameterValue({ D: 3, V: 1 }) // '{"D":3,"V":1}'
 * formatParameterValue('fast')         // 'fast'
 */
export function formatParameterValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return value.toString();
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    return text ?? String(value);
  } catch {
    return String(value);
  }
}
