import { PrikkError } from '../errors/PrikkError.js';

const NAME = /^[A-Za-z0-9._-]+$/;

/**
 * Checks a name that becomes one folder or file name in the ledger (a dataset, a release id): letters, digits,
 * `.`, `_` and `-` only, and not `.` or `..`, so that it can never reach outside its folder.
 *
 * Cost: O(length).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming `what` and the expected form.
 * @example
 * checkLedgerName('hip-fracture-2025', 'ReleaseLedger.open: dataset') // returns 'hip-fracture-2025'
 * checkLedgerName('../x', 'ReleaseLedger.open: dataset') // throws INVALID_ARGUMENT
 */
export function checkLedgerName(value: unknown, what: string): string {
  if (typeof value !== 'string' || !NAME.test(value) || value === '.' || value === '..') {
    const shown = typeof value === 'string' ? `'${value}'` : typeof value;
    throw new PrikkError('INVALID_ARGUMENT', `${what}: expected a name of letters, digits, '.', '_' and '-' (not '.' or '..'), got ${shown}`);
  }
  return value;
}

/**
 * Checks a file path inside a stored release (`manifest.json`, `tables/by_region.csv`): relative, `/`-separated,
 * each part non-empty and not `.` or `..`, no `\`, `:` or control characters, so that it stays inside the release's
 * folder on every platform.
 *
 * Cost: O(length).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming `what` and the expected form.
 * @example checkStoredPath('tables/by_region.csv', 'ReleaseLedger.append: files[0].path') // 'tables/by_region.csv'
 */
export function checkStoredPath(value: unknown, what: string): string {
  const ok =
    typeof value === 'string' &&
    value.length > 0 &&
    // eslint-disable-next-line no-control-regex
    !/[\\:\u0000-\u001f\u007f]/.test(value) &&
    value.split('/').every((part) => part.length > 0 && part !== '.' && part !== '..');
  if (!ok) {
    const shown = typeof value === 'string' ? `'${value}'` : typeof value;
    throw new PrikkError(
      'INVALID_ARGUMENT',
      `${what}: expected a relative path of '/'-separated names (no '.', '..', '\\', ':' or empty parts), got ${shown}`,
    );
  }
  return value;
}
