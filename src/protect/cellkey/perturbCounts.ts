import { PrikkError } from '../../errors/PrikkError.js';
import type { PerturbationTable } from './PerturbationTable.js';

/** The cells {@link perturbCounts} works on. */
export interface CountCells {
  /** Required. The original count per cell (NaN where hidden and unknown). */
  readonly counts: Float64Array;
  /** Required. The cell key per cell, 32-bit fixed point (from `cellKeySums`). */
  readonly cellKeys: Uint32Array;
}

/**
 * Perturbs counts with the cell key method: each cell's count n and 32-bit fixed-point cell key u give the published
 * value `n + v`, where v is the noise of the p-table row of n (the last row for n above its largest i, as tau-ARGUS
 * does) at the first interval whose upper bound exceeds `u / 2^32` (see `PerturbationTable`). The noise is a function
 * of (count, cell key) only, so a cell with the same persons gets the same noise in every table. Cells whose count is
 * NaN (hidden, values unknown) stay NaN. Zeros stay zero (row 0 of every p-table).
 *
 * Source: Thompson, Broadfoot & Elazar (2013); Giessing & Tent (2019); tau-ARGUS 4.2.
 *
 * Cost: O(cells × (2D + 1)).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when the table is not a counts p-table, the arrays differ in length, or a
 * count is not a non-negative integer (naming the cell index only).
 * @example
 * perturbCounts({ counts: Float64Array.of(0, 3), cellKeys: Uint32Array.of(123, 0xcccccccc) }, handbookPTable) // Float64Array [0, 4]
 */
export function perturbCounts(cells: CountCells, ptable: PerturbationTable): Float64Array {
  const { counts, cellKeys } = cells;
  if (ptable?.kind !== 'counts') throw new PrikkError('INVALID_ARGUMENT', 'perturbCounts: expected a counts perturbation table');
  if (counts.length !== cellKeys.length) {
    throw new PrikkError('INVALID_ARGUMENT', `perturbCounts: ${counts.length} counts but ${cellKeys.length} cell keys`);
  }
  const out = new Float64Array(counts.length);
  const last = ptable.rows.length - 1;
  const maxI = ptable.maxI;
  for (let c = 0; c < counts.length; c++) {
    const n = counts[c]!;
    if (Number.isNaN(n)) {
      out[c] = Number.NaN;
      continue;
    }
    if (!(Number.isInteger(n) && n >= 0)) throw new PrikkError('INVALID_ARGUMENT', `perturbCounts: the count of cell ${c} is not a non-negative integer`);
    // Readable: out[c] = n + ptable.noiseOfCount(n, cellKeys[c] / 2^32).
    out[c] = n + ptable.noiseAt(n < maxI ? n : last, cellKeys[c]!);
  }
  return out;
}
