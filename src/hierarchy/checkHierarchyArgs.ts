import { PrikkError } from '../errors/PrikkError.js';

/**
 * Validates a factory's `total` option: a non-empty string, `Total` when omitted. Internal.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming `fn` when `total` is not a non-empty string.
 * @example
 * checkTotal('flatHierarchy', undefined) // 'Total'
 */
export function checkTotal(fn: string, total: unknown): string {
  if (total === undefined) return 'Total';
  if (typeof total !== 'string' || total === '') {
    throw new PrikkError('INVALID_ARGUMENT', `${fn}: options.total must be a non-empty string, got ${JSON.stringify(total)}`);
  }
  return total;
}

/**
 * Validates a factory's values: a non-empty array of strings (empty strings and duplicates are left to the
 * builder, which names the row). Internal.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming `fn` and the index of the first non-string.
 * @example
 * checkValues('flatHierarchy', ['1', '2']) // ['1', '2']
 */
export function checkValues(fn: string, values: unknown): readonly string[] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new PrikkError('INVALID_ARGUMENT', `${fn}: values must be a non-empty array of strings`);
  }
  values.forEach((v, i) => {
    if (typeof v !== 'string') throw new PrikkError('INVALID_ARGUMENT', `${fn}: values[${i}] must be a string, got ${typeof v}`);
  });
  return values as readonly string[];
}
