/**
 * Freezes a JSON value and everything in it, so that records handed out cannot be changed by callers.
 * Cost: O(size of the value).
 * @example Object.isFrozen(deepFreeze({ a: [1] }).a) // true
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
