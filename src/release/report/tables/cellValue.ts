import type { ReleasedCell } from '../../ReleasedTable.js';

/**
 * The value of a published cell for a value field key (`persons`, `rows`, `sum:<measure>`, `mean:<measure>`), or
 * `undefined` when the cell has none (a mean of an empty cell). Callers never ask a hidden cell: it has no value.
 *
 * Cost: O(1).
 *
 * @example
 * cellValue({ coords: {}, status: 'published', persons: 12, sums: { cost: 80 } }, 'sum:cost') // 80
 */
export function cellValue(cell: ReleasedCell, key: string): number | undefined {
  if (key === 'persons') return cell.persons;
  if (key === 'rows') return cell.rows;
  const colon = key.indexOf(':');
  if (colon < 0) return undefined;
  const kind = key.slice(0, colon);
  const measure = key.slice(colon + 1);
  const values = kind === 'sum' ? cell.sums : kind === 'mean' ? cell.means : undefined;
  return values !== undefined && Object.hasOwn(values, measure) ? values[measure] : undefined;
}
