import type { CellTable, TopContributions } from '../../../aggregate/CellTable.js';
import { PrikkError } from '../../../errors/PrikkError.js';

/**
 * The sums and top per-person contributions of a measure, checked to hold at least `need` contributions per cell.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when the table has no sums or no top contributions for the measure, or
 * fewer than `need` of them per cell.
 * @example
 * const { sums, top } = topContributions(table, 'cost', 2, 'pPercentRule');
 */
export function topContributions(table: CellTable, measure: string, need: number, who: string): { sums: Float64Array; top: TopContributions } {
  const sums = table.sums.get(measure);
  if (!sums) throw new PrikkError('INVALID_ARGUMENT', `${who}: the table has no sums for measure '${measure}'`);
  const top = table.top.get(measure);
  if (!top) {
    throw new PrikkError('INVALID_ARGUMENT', `${who}: the table has no top contributions for measure '${measure}' (aggregate with top contributions to use a magnitude rule)`);
  }
  if (top.k < need) {
    throw new PrikkError('INVALID_ARGUMENT', `${who}: needs the ${need} largest contributions per cell for measure '${measure}', the table keeps ${top.k}`);
  }
  return { sums, top };
}
