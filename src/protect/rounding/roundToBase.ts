import { CELL_STATUS, type CellTable } from '../../aggregate/CellTable.js';
import { PrikkError } from '../../errors/PrikkError.js';
import type { RoundedTable } from './RoundedTable.js';

/** Options of {@link roundToBase}. */
export interface RoundToBaseOptions {
  /** Required. The rounding base, an integer >= 2 (e.g. 5 or 10). */
  readonly base: number;
  /** Defaults to `:`. Shown for cells hidden by suppression. */
  readonly symbol?: string;
}

const PUBLISHED = CELL_STATUS.indexOf('published');

/**
 * Conventional rounding of every published count to the nearest multiple of `base` (halves away from zero:
 * 7.5 → 10 for base 5), each cell on its own (margins rounded independently; Hundepool et al. 2012, §5.3.1).
 * Deterministic, so it protects little on its own: use it after suppression or as the NHS rule does.
 *
 * Cost: O(cells).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when base is not an integer >= 2 or symbol is not a string.
 * @example
 * roundToBase(table, { base: 5 }).values // counts 0, 2, 3, 12 → 0, 0, 5, 10
 */
export function roundToBase(table: CellTable, options: RoundToBaseOptions): RoundedTable {
  const { base } = options;
  const symbol = options.symbol ?? ':';
  if (!Number.isInteger(base) || base < 2) throw new PrikkError('INVALID_ARGUMENT', `roundToBase: expected base to be an integer >= 2, got ${base}`);
  if (typeof symbol !== 'string') throw new PrikkError('INVALID_ARGUMENT', 'roundToBase: expected symbol to be a string');
  const counts = table.counts;
  const values = new Float64Array(table.cellCount);
  const sym = new Uint8Array(table.cellCount);
  for (let c = 0; c < values.length; c++) {
    if (table.status[c] !== PUBLISHED) {
      values[c] = Number.NaN;
      sym[c] = 1;
      continue;
    }
    values[c] = Math.round(counts[c]! / base) * base;
  }
  return Object.freeze({ table, method: `base(${base})`, base, values, symbol: sym, symbolText: symbol, marginsRoundedIndependently: true });
}
