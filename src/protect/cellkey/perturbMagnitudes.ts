import type { TopContributions } from '../../aggregate/CellTable.js';
import { PrikkError } from '../../errors/PrikkError.js';
import { contributorKey } from './contributorKey.js';
import type { PerturbationTable } from './PerturbationTable.js';

/**
 * How sums are perturbed (the cellKey package's `ck_params_nums(type = "top_contr", mult_params = ck_simpleparams(p,
 * epsilon))`, without the separation of very small cells and without extra protection `mu_c`).
 */
export interface MagnitudeOptions {
  /** Required. A magnitudes p-table (`createPTable({ kind: 'magnitudes', ... })` or ptable's `create_num_ptable`). */
  readonly ptable: PerturbationTable;
  /** Required. The noise scale as a share of a contribution, 0 < p <= 1 (ck_simpleparams' `p`, e.g. 0.05). */
  readonly p: number;
  /**
   * Defaults to `[1]`: only the largest contribution. One weight per contributor perturbed, descending, the first 1,
   * all in [0, 1] (ck_simpleparams' `epsilon`); its length is the number of top contributors used (top_k), at most the
   * table's `top` k.
   */
  readonly epsilon?: readonly number[];
}

/**
 * Checks magnitude options (before any data is touched) and returns the weights. Cost O(top_k).
 * @throws {PrikkError} `INVALID_ARGUMENT` naming the field.
 * @example
 * checkMagnitudeOptions('cellKeyPerturbation', { ptable, p: 0.05 })                    // [1]
 * checkMagnitudeOptions('cellKeyPerturbation', { ptable, p: 0.05, epsilon: [1, 0.5] }) // [1, 0.5]
 */
export function checkMagnitudeOptions(where: string, m: MagnitudeOptions): readonly number[] {
  if (typeof m !== 'object' || m === null) throw new PrikkError('INVALID_ARGUMENT', `${where}: magnitudes must be an options object { ptable, p, epsilon? }`);
  for (const key of Object.keys(m)) {
    if (!['ptable', 'p', 'epsilon'].includes(key)) throw new PrikkError('INVALID_ARGUMENT', `${where}: magnitudes: unknown option '${key}' (expected ptable, p, epsilon)`);
  }
  if (m.ptable?.kind !== 'magnitudes') {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: magnitudes.ptable must be a magnitudes PerturbationTable (createPTable({ kind: 'magnitudes', ... }))`);
  }
  if (!(typeof m.p === 'number' && m.p > 0 && m.p <= 1)) throw new PrikkError('INVALID_ARGUMENT', `${where}: magnitudes.p must be a number with 0 < p <= 1, got ${String(m.p)}`);
  const epsilon = m.epsilon ?? [1];
  if (!Array.isArray(epsilon) || epsilon.length === 0 || epsilon[0] !== 1 || epsilon.some((e, j) => !(e >= 0 && e <= 1) || (j > 0 && e > epsilon[j - 1]!))) {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: magnitudes.epsilon must be weights in [0, 1], descending, the first 1, got [${String(epsilon)}]`);
  }
  return epsilon;
}

/** The cells {@link perturbMagnitudes} works on. */
export interface MagnitudeCells {
  /** Required. The sum per cell (NaN where hidden and unknown). */
  readonly sums: Float64Array;
  /** Required. The largest per-person contributions per cell, descending (`CellTable.top`). */
  readonly top: TopContributions;
  /** Required. Contributors per cell (persons, or rows without a person column): 0 means an empty cell. */
  readonly counts: Float64Array;
  /** Required. The cell key per cell, 32-bit fixed point (from `cellKeySums`). */
  readonly cellKeys: Uint32Array;
}

/**
 * Perturbs sums (magnitude tables) with the cell key method of the cellKey R package (Meindl; `.perturb_cell_simple`
 * in R/utils_numtabs.R; Giessing & Tent 2019), "top contributors" variant. For a cell with value x (its sum) and
 * largest contributions x_1 >= x_2 >= ... (one per person, from `aggregate`'s top lists), contributor j in turn:
 * - its noise scale is `d = x_j × p × ε_j`, or the current value itself when that is smaller (`|x| < |d|`);
 * - the row of the magnitudes p-table is looked up at `a = |x / d|`, capped at the table's largest i; between two rows
 *   i0 < a < i1 the two noises (same key) are interpolated, `(1 - λ) v(i0) + λ v(i1)` with `λ = (a - i0) / (i1 - i0)`;
 * - the key is {@link contributorKey}`(cellKey, j)`;
 * - the value moves by `d × v`, but never past 0 (a negative noise is capped at `-x`), and the next contributor
 *   starts from the moved value.
 * The rows of a magnitudes p-table have `v >= -i`, so `x + d v >= x - a d = 0`: perturbed sums of non-negative
 * values stay non-negative. A cell without contributors, or with sum 0, stays 0. Roughly, the noise of a large cell
 * has standard deviation `p √V √(Σ ε_j² x_j²)`.
 *
 * Cost: O(cells × top_k × (2D × step + rows of the p-table)).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for bad options or arrays of different lengths, or when the top lists hold
 * fewer contributors than `epsilon` asks for.
 * @example
 * // One contributor of 100 in a cell of 100, p = 0.1: d = 10, a = 10 capped at D; v = 1.5 gives 115.
 * perturbMagnitudes({ sums: Float64Array.of(100), top: { k: 1, values: Float64Array.of(100) }, counts: Float64Array.of(1), cellKeys },
 *   { ptable, p: 0.1 })
 */
export function perturbMagnitudes(cells: MagnitudeCells, options: MagnitudeOptions): Float64Array {
  const { sums, top, counts, cellKeys } = cells;
  const epsilon = checkMagnitudeOptions('perturbMagnitudes', options);
  const K = epsilon.length;
  if (!top || top.k < K) {
    throw new PrikkError('INVALID_ARGUMENT', `perturbMagnitudes: epsilon asks for ${K} top contributors, the table keeps ${top?.k ?? 0} (aggregate with topContributors >= ${K})`);
  }
  const n = sums.length;
  if (counts.length !== n || cellKeys.length !== n || top.values.length !== n * top.k) {
    throw new PrikkError('INVALID_ARGUMENT', 'perturbMagnitudes: sums, top lists, counts and cell keys must cover the same cells');
  }
  const { ptable, p } = options;
  const rows = ptable.rows;
  const last = rows.length - 1;
  const maxI = ptable.maxI;
  const classes = rows.map((r) => r.i);
  const out = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const cv = sums[c]!;
    if (Number.isNaN(cv)) {
      out[c] = Number.NaN;
      continue;
    }
    if (counts[c] === 0 || cv === 0) continue;
    let x = cv;
    for (let j = 0; j < K; j++) {
      const xj = top.values[c * top.k + j]!;
      if (!(xj > 0) || x === 0) break;
      let d = xj * p * epsilon[j]!;
      if (Math.abs(x) < Math.abs(d)) d = x;
      const a = Math.min(Math.abs(x / d), maxI);
      const u = contributorKey(cellKeys[c]!, j);
      let v: number;
      if (a >= maxI) v = ptable.noiseAt(last, u);
      else {
        // The rows around a (a >= 1 = the smallest class): exact, or interpolated between i0 < a < i1.
        let r = 1;
        while (classes[r + 1] !== undefined && classes[r + 1]! <= a) r++;
        if (classes[r] === a) v = ptable.noiseAt(r, u);
        else {
          const i0 = classes[r]!;
          const i1 = classes[r + 1]!;
          const lambda = (a - i0) / (i1 - i0);
          v = (1 - lambda) * ptable.noiseAt(r, u) + lambda * ptable.noiseAt(r + 1, u);
        }
      }
      let move = Math.sign(x || 1) * Math.abs(d) * v;
      // A negative noise never takes the value past 0.
      if (v < 0) move = x >= 0 ? Math.max(move, -x) : Math.min(move, -x);
      x += move;
    }
    out[c] = x;
  }
  return out;
}
