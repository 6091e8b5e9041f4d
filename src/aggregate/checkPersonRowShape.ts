import { PrikkError } from '../errors/PrikkError.js';
import type { PersonRow } from './PersonRow.js';

/**
 * Checks that a value has the shape of a {@link PersonRow} (without looking at any extract): an object with `keep`
 * `first` or `last`, an optional non-empty `orderBy` text, and no other keys. Internal: `describePersonRow` and
 * `compilePersonRow` call it first.
 *
 * Cost: O(1).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming `path` and the bad key (e.g. `aggregate: personRow.keep`).
 */
export function checkPersonRowShape(personRow: unknown, path: string): asserts personRow is PersonRow {
  if (typeof personRow !== 'object' || personRow === null || Array.isArray(personRow)) {
    throw new PrikkError('INVALID_ARGUMENT', `${path}: expected { keep: 'first' | 'last', orderBy?: column }, got ${Array.isArray(personRow) ? 'an array' : String(personRow)}`);
  }
  const p = personRow as Record<string, unknown>;
  for (const key of Object.keys(p)) {
    if (key !== 'keep' && key !== 'orderBy') throw new PrikkError('INVALID_ARGUMENT', `${path}: unknown key '${key}' (expected 'keep' and 'orderBy')`);
  }
  if (p.keep !== 'first' && p.keep !== 'last') throw new PrikkError('INVALID_ARGUMENT', `${path}.keep: expected 'first' or 'last', got ${p.keep === undefined ? 'nothing' : `'${String(p.keep)}'`}`);
  if (p.orderBy !== undefined && (typeof p.orderBy !== 'string' || p.orderBy === '')) {
    throw new PrikkError('INVALID_ARGUMENT', `${path}.orderBy: expected a column name, got ${typeof p.orderBy === 'string' ? 'an empty text' : String(p.orderBy)}`);
  }
}
