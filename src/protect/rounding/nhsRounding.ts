import { CELL_STATUS, type CellTable } from '../../aggregate/CellTable.js';
import { PrikkError } from '../../errors/PrikkError.js';
import type { RoundedTable } from './RoundedTable.js';

/** Options of {@link nhsRounding}; the defaults are the NHS rule. */
export interface NhsRoundingOptions {
  /** Defaults to 1. Smallest count shown as the symbol. */
  readonly low?: number;
  /** Defaults to 7. Largest count shown as the symbol. */
  readonly high?: number;
  /** Defaults to 5. Other counts are rounded to the nearest multiple of this base. */
  readonly base?: number;
  /** Defaults to `*`. */
  readonly symbol?: string;
}

const PUBLISHED = CELL_STATUS.indexOf('published');

/**
 * The NHS small-number rule (NHS England / NHS Digital disclosure control for Hospital Episode Statistics):
 * counts from 1 to 7 are shown as `*`, zero stays 0, every other count is rounded to the nearest 5 (halves up),
 * each cell on its own, margins included. Configurable bounds, base and symbol. Cells already hidden by
 * suppression show the symbol too.
 *
 * Cost: O(cells).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when low/high are not integers with 1 <= low <= high, base is not an
 * integer >= 2, or symbol is not a string.
 * @example
 * nhsRounding(table).values // counts 0, 3, 8, 12, 13 → 0, NaN (shown as *), 10, 10, 15
 */
export function nhsRounding(table: CellTable, options: NhsRoundingOptions = {}): RoundedTable {
  const low = options.low ?? 1;
  const high = options.high ?? 7;
  const base = options.base ?? 5;
  const symbol = options.symbol ?? '*';
  if (!Number.isInteger(low) || !Number.isInteger(high) || low < 1 || high < low) {
    throw new PrikkError('INVALID_ARGUMENT', `nhsRounding: expected integers 1 <= low <= high, got low = ${low}, high = ${high}`);
  }
  if (!Number.isInteger(base) || base < 2) throw new PrikkError('INVALID_ARGUMENT', `nhsRounding: expected base to be an integer >= 2, got ${base}`);
  if (typeof symbol !== 'string') throw new PrikkError('INVALID_ARGUMENT', 'nhsRounding: expected symbol to be a string');
  const counts = table.counts;
  const values = new Float64Array(table.cellCount);
  const sym = new Uint8Array(table.cellCount);
  for (let c = 0; c < values.length; c++) {
    const x = counts[c]!;
    if (table.status[c] !== PUBLISHED || (x >= low && x <= high)) {
      values[c] = Number.NaN;
      sym[c] = 1;
    } else values[c] = Math.round(x / base) * base;
  }
  return Object.freeze({
    table,
    method: `nhs(${low}-${high} as ${symbol}, base ${base})`,
    base,
    values,
    symbol: sym,
    symbolText: symbol,
    marginsRoundedIndependently: true,
  });
}
