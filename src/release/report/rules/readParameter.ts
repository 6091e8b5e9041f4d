/**
 * Readers for the loosely typed `TableManifest.parameters` (their shapes belong to the method plug-ins): each
 * returns the value when it has the expected type, else `undefined`, so a describer renders what it recognises
 * and leaves the rest to the generic key/value list.
 */

/**
 * The value as a plain object, or `undefined`.
 * @example asRecord({ n: 5 }) // { n: 5 }; asRecord([1]) // undefined
 */
export function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The value as a finite number (a numeric string such as `'0.5'` too), or `undefined`.
 * @example asNumber('0.5') // 0.5; asNumber('x') // undefined
 */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/**
 * The value as a non-empty string, or `undefined`.
 * @example asString('fast') // 'fast'
 */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The value as a boolean, or `undefined`.
 * @example asBoolean(true) // true; asBoolean('yes') // undefined
 */
export function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * The value as an array, or `undefined`.
 * @example asArray([1, 2]) // [1, 2]
 */
export function asArray(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}
