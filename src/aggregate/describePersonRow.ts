import { checkPersonRowShape } from './checkPersonRowShape.js';
import type { PersonRow } from './PersonRow.js';

/**
 * A short, deterministic description of a {@link PersonRow} choice, as recorded in a cell table's reconciliation
 * under the reason `person-row:<description>` and written in a released table's notes ("each person counted once,
 * in the cell of their first row by year").
 *
 * Cost: O(1).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when `personRow` is not a well-formed {@link PersonRow}.
 * @example
 * describePersonRow({ keep: 'first', orderBy: 'year' })  // 'first by year'
 * describePersonRow({ keep: 'last' })                    // 'last in file order'
 */
export function describePersonRow(personRow: PersonRow): string {
  checkPersonRowShape(personRow, 'describePersonRow: personRow');
  return personRow.orderBy === undefined ? `${personRow.keep} in file order` : `${personRow.keep} by ${personRow.orderBy}`;
}
