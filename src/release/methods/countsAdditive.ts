import type { CellTable } from '../../aggregate/CellTable.js';

/**
 * Whether a table's count adds up over its finest cells to the grand total: always for rows; for distinct persons
 * only when no person has rows in two finest cells (then Σ finest persons = persons in the grand total). When it
 * holds, the count hidden in the finest cells is the published grand total minus the published finest cells, a
 * number anyone can compute from the release (see `releasedFromCellTable`'s `hiddenCountShare`).
 *
 * Cost: O(cells × dimensions).
 *
 * @example
 * countsAdditive(aggregate(extract, { dimensions: ['hospital'], unit: 'rows' }))  // true
 * countsAdditive(aggregate(extract, { dimensions: ['year'] }))                    // false if a person has rows in two years
 */
export function countsAdditive(table: CellTable): boolean {
  if (table.unit === 'rows') return true;
  const counts = table.counts;
  let finest = 0;
  for (let c = 0; c < table.cellCount; c++) if (isFinest(table, c)) finest += counts[c]!;
  return finest === counts[table.cellCount - 1];
}

/**
 * Whether a cell is a finest cell of its table: every coordinate is a leaf of its dimension's hierarchy.
 *
 * Cost: O(dimensions).
 *
 * @example
 * isFinest(table, table.indexOf({ hospital: 'A', sex: '1' })) // true
 * isFinest(table, table.indexOf({ hospital: 'A' }))           // false (sex at its total)
 */
export function isFinest(table: Pick<CellTable, 'dimensions' | 'nodeAt'>, cell: number): boolean {
  for (let d = 0; d < table.dimensions.length; d++) {
    if (table.nodeAt(cell, d) >= table.dimensions[d]!.hierarchy.leafCount) return false;
  }
  return true;
}
