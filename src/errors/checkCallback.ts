import { PrikkError } from './PrikkError.js';

/**
 * Checks that an optional callback option (a progress callback) is a function when given, so a wrong value fails at
 * once rather than on the first report, deep inside the work.
 *
 * Cost: O(1).
 * @throws {PrikkError} `INVALID_ARGUMENT` naming the function and the option.
 * @example
 * checkCallback(3, 'suppressCells', 'policy.onProgress') // throws: expected policy.onProgress to be a function, got number
 */
export function checkCallback(value: unknown, fn: string, option: string): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new PrikkError('INVALID_ARGUMENT', `${fn}: expected ${option} to be a function, got ${typeof value}`);
  }
}
