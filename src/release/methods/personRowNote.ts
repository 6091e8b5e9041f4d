import { checkPersonRowShape } from '../../aggregate/checkPersonRowShape.js';
import type { PersonRow } from '../../aggregate/PersonRow.js';

/**
 * The note a released table carries when its policy counts each person once (`personRow`): in which row's cell each
 * person is counted, and that their other rows count nowhere, so a reader does not take the table for one of all
 * operations (or all rows).
 *
 * Cost: O(1).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when `personRow` is not a well-formed `PersonRow`.
 * @example
 * personRowNote({ keep: 'first', orderBy: 'year' })
 * // 'Each person is counted once, in the cell of their first row by year (ties: the earliest in the extract); their other rows are left out of every count, sum and mean.'
 * personRowNote({ keep: 'last' })
 * // 'Each person is counted once, in the cell of their last row in the extract; their other rows are left out of every count, sum and mean.'
 */
export function personRowNote(personRow: PersonRow): string {
  checkPersonRowShape(personRow, 'personRowNote: personRow');
  const which =
    personRow.orderBy === undefined
      ? `${personRow.keep} row in the extract`
      : `${personRow.keep} row by ${personRow.orderBy} (ties: the ${personRow.keep === 'first' ? 'earliest' : 'latest'} in the extract)`;
  return `Each person is counted once, in the cell of their ${which}; their other rows are left out of every count, sum and mean.`;
}
