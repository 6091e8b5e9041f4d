import type { ReleasedTable } from '../ReleasedTable.js';

/**
 * The footnotes of a released table as plain lines, the same in every writer: one per legend entry,
 * `symbol: meaning (n cells)` (an entry without a symbol, such as `published`, is named by its status), then each
 * note as it is. This is how statistical offices footnote a table (e.g. SSB's and Statistics Sweden's explanation of
 * symbols below the table): the reader sees what each symbol means and how many cells carry it.
 *
 * Cost: O(legend + notes).
 *
 * @throws Nothing: the table's legend and notes are plain data.
 * @example
 * footnoteLines(table)
 * // ['..: Hidden: fewer than 5 persons (1 cell)', '..: Hidden to protect another cell (1 cell)',
 * //  'Counts are of distinct persons.']
 */
export function footnoteLines(table: ReleasedTable): readonly string[] {
  const legend = table.legend.map((e) => `${e.symbol === '' ? e.status : e.symbol}: ${e.meaning} (${e.cells} ${e.cells === 1 ? 'cell' : 'cells'})`);
  return [...legend, ...table.notes];
}
