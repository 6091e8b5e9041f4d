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
  /**
   * Defaults to none (a fresh draw per cell from `random`). Keyed draws: one 32-bit fixed-point key per cell (its cell
   * key, `cellKeySums`: the sum of its persons' record keys mod 1, a key being `k / 2^32`); cell `c` rounds up when
   * `cellKeys[c] / 2^32 < r / b`, so the same persons round the same way in every table (`random` is then not used).
   */
  readonly cellKeys?: Uint32Array;
}

const TWO_32 = 4294967296;

const PUBLISHED = CELL_STATUS.indexOf('published');

/**
 * Unbiased random rounding: a count `x = q·b + r` (0 <= r < b) becomes `(q+1)·b` with probability `r/b` and
 * `q·b` otherwise, so its expected value is `x` and multiples of b stay as they are (Hundepool et al. 2012,
 * §5.3.2, "unbiased random rounding"). Each cell, margins included, is rounded on its own draw
 * (so margins need not add up, and the result says so). The draw is exact: `uniformInt(random, b) < r`.
 *
 * Keyed draws (`cellKeys`): the draw is the cell's key U = k / 2^32, up when U < r / b, decided exactly in integers
 * (`k·b < r·2^32`, so P(up) = ⌈r·2^32 / b⌉ / 2^32, within 2^-32 of r / b). Record keys are HMACs of person ids under
 * a registry secret, so a cell key is uniform on the 2^32 fixed-point values and the rounding stays unbiased, while the same set of persons always gives the same rounding:
 * a count released again, or in a differently written table, cannot be averaged back (the promise of the cell key
 * method: Thompson, Broadfoot & Elazar 2013, applied to the rounding decision as ABS TableBuilder does with its
 * perturbation).
 *
 * Cost: O(cells), one draw per published cell that is not a multiple of b.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when base is not an integer >= 2, the random source lacks
 * `nextUint32`, `cellKeys` is not a Uint32Array of one key per cell, or a published count is not a non-negative integer (message names the cell's coordinates only).
 * @example
 * randomRounding(table, { base: 5, random: seededRandomSource('doc') }).values // 12 → 10 (p 0.6) or 15 (p 0.4)
 * randomRounding(table, { base: 5, cellKeys }).values // 12 with cell key 0.3 → 15 (0.3 < 2/5), with 0.5 → 10
 */
export function randomRounding(table: CellTable, options: RandomRoundingOptions): RoundedTable {
  const { base } = options;
  const random = options.cellKeys ? undefined : (options.random ?? cryptoRandomSource());
  const symbol = options.symbol ?? ':';
  if (!Number.isInteger(base) || base < 2) throw new PrikkError('INVALID_ARGUMENT', `randomRounding: expected base to be an integer >= 2, got ${base}`);
  if (random !== undefined && typeof random.nextUint32 !== 'function') throw new PrikkError('INVALID_ARGUMENT', 'randomRounding: expected random to be a RandomSource');
  if (typeof symbol !== 'string') throw new PrikkError('INVALID_ARGUMENT', 'randomRounding: expected symbol to be a string');
  const keys = options.cellKeys;
  if (keys !== undefined && !(keys instanceof Uint32Array && keys.length === table.cellCount)) {
    throw new PrikkError('INVALID_ARGUMENT', `randomRounding: expected cellKeys to be a Uint32Array with one key per cell (${table.cellCount})`);
  }
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
    const up = r === 0 ? false : keys ? keys[c]! * base < r * TWO_32 : uniformInt(random!, base) < r;
    values[c] = up ? x - r + base : x - r;
  }
  return Object.freeze({ table, method: keys ? `random(${base}, keyed)` : `random(${base})`, base, values, symbol: sym, symbolText: symbol, marginsRoundedIndependently: true });
}
