import { CELL_STATUS, type CellTable } from '../../aggregate/CellTable.js';
import { PrikkError } from '../../errors/PrikkError.js';
import { cryptoRandomSource } from '../../random/cryptoRandomSource.js';
import type { RandomSource } from '../../random/RandomSource.js';
import { uniformInt } from '../../random/uniformInt.js';
import type { RoundedTable } from './RoundedTable.js';

/** Options of {@link randomRounding}. */
export interface RandomRoundingOptions {
  /** Required. The rounding base, an integer >= 2. */
  readonly base: number;
  /** Defaults to {@link cryptoRandomSource} (`node:crypto`). Tests pass a seeded source. */
  readonly random?: RandomSource;
  /** Defaults to `:`. Shown for cells hidden by suppression. */
  readonly symbol?: string;
}

const PUBLISHED = CELL_STATUS.indexOf('published');

/**
 * Unbiased random rounding: a count `x = q·b + r` (0 <= r < b) becomes `(q+1)·b` with probability `r/b` and
 * `q·b` otherwise, so its expected value is `x` and multiples of b stay as they are (Hundepool et al. 2012,
 * §5.3.2, "unbiased random rounding"). Each cell, margins included, is rounded independently with its own draw
 * (so margins need not add up, and the result says so). The draw is exact: `uniformInt(random, b) < r`.
 *
 * Cost: O(cells), one draw per published cell that is not a multiple of b.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when base is not an integer >= 2, the random source lacks
 * `nextUint32`, or a published count is not a non-negative integer (message names the cell's coordinates only).
 * @example
 * randomRounding(table, { base: 5, random: seededRandomSource('doc') }).values // 12 → 10 (p 0.6) or 15 (p 0.4)
 */
export function randomRounding(table: CellTable, options: RandomRoundingOptions): RoundedTable {
  const { base } = options;
  const random = options.random ?? cryptoRandomSource();
  const symbol = options.symbol ?? ':';
  if (!Number.isInteger(base) || base < 2) throw new PrikkError('INVALID_ARGUMENT', `randomRounding: expected base to be an integer >= 2, got ${base}`);
  if (!random || typeof random.nextUint32 !== 'function') throw new PrikkError('INVALID_ARGUMENT', 'randomRounding: expected random to be a RandomSource');
  if (typeof symbol !== 'string') throw new PrikkError('INVALID_ARGUMENT', 'randomRounding: expected symbol to be a string');
  const counts = table.counts;
  for (let c = 0; c < table.cellCount; c++) {
    const x = counts[c]!;
    if (table.status[c] === PUBLISHED && !(Number.isInteger(x) && x >= 0)) {
      throw new PrikkError('INVALID_ARGUMENT', `randomRounding: the count of cell ${JSON.stringify(table.coords(c))} is not a non-negative integer`);
    }
  }
  const values = new Float64Array(table.cellCount);
  const sym = new Uint8Array(table.cellCount);
  for (let c = 0; c < values.length; c++) {
    if (table.status[c] !== PUBLISHED) {
      values[c] = Number.NaN;
      sym[c] = 1;
      continue;
    }
    const x = counts[c]!;
    const r = x % base;
    values[c] = r === 0 ? x : uniformInt(random, base) < r ? x - r + base : x - r;
  }
  return Object.freeze({ table, method: `random(${base})`, base, values, symbol: sym, symbolText: symbol, marginsRoundedIndependently: true });
}
