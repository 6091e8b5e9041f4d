import type { DpCube } from '../queries/DpCube.js';

/** The options of {@link fitConsistent}. */
export interface ConsistentFitOptions {
  /** Required. The table's cube. */
  readonly cube: DpCube;
  /** Required. Noisy value per cell (read only where the weight is positive). */
  readonly noisy: Float64Array;
  /** Required. Weight per cell, 1 / noise variance; 0 for a cell that was not measured. */
  readonly weight: Float64Array;
  /** Required. Whether the finest cells must be >= 0 (counts; sums of non-negative measures). */
  readonly nonNegative: boolean;
  /** Required. Whether the finest cells must be whole numbers (then margins are too). */
  readonly integer: boolean;
  /** Defaults to 1000. Conjugate-gradient iterations per solve. */
  readonly maxIterations?: number;
}

const ACTIVE_SET_ROUNDS = 20;

/**
 * Post-processing of a noisy table into a consistent one: values for the finest cells whose sums are the margins
 * (children add up to their parent in every dimension), close to every noisy measurement, and optionally
 * non-negative whole numbers. Post-processing of DP output costs no privacy.
 *
 * Method:
 * 1. Weighted least squares: minimise Σ_cells w_c (Σ_{finest j under c} x_j − z_c)² with w_c = 1/Var(noise_c), the
 *    best linear unbiased estimate from all hierarchy levels (Hay, Rastogi, Miklau & Suciu 2010, "Boosting the
 *    accuracy of differentially private histograms through consistency", generalised to a product of trees).
 *    Solved by conjugate gradients on the normal equations AᵀWA x = AᵀWz with a Jacobi preconditioner; A (sum
 *    finest cells into every cell) is a roll-up and Aᵀ a roll-down, O(cells × dimensions) each. Iteration stops when
 *    every preconditioned residual is below 10^−4 of the smallest noise standard deviation.
 * 2. Non-negativity (optional), by an active-set heuristic: finest cells that come out negative are fixed at 0 and
 *    the rest re-fitted, up to 20 rounds, then any remainder is clamped. This is close to, but not exactly, the
 *    non-negative least-squares optimum (the US Census TopDown algorithm solves that exactly with an LP/QP solver).
 * 3. Whole numbers (optional), by cumulative rounding along a depth-first order of the finest cells:
 *    x'_k = round(S_k) − round(S_{k−1}) with S_k the running sum. Every finest cell moves by less than 1, values stay
 *    non-negative, the grand total is the rounded fitted total, and every margin whose finest cells are contiguous in
 *    that order (every margin of the last dimension, every node of a one-dimensional table) moves by less than 1.
 * 4. Margins are the sums of the finest cells, so the result is consistent by construction.
 *
 * Cost: O(iterations × cells × dimensions) per round; typically tens of iterations.
 *
 * @returns The fitted value of every cell.
 */
export function fitConsistent(options: ConsistentFitOptions): Float64Array {
  const { cube, noisy, weight } = options;
  const n = cube.cellCount;
  const finest = cube.finest;
  const maxIterations = options.maxIterations ?? 1000;
  const free = new Uint8Array(n);
  for (let c = 0; c < n; c++) free[c] = finest[c]!;

  // b = Aᵀ W z and the Jacobi diagonal D = Aᵀ W 1.
  const wz = new Float64Array(n);
  for (let c = 0; c < n; c++) wz[c] = weight[c]! > 0 ? weight[c]! * noisy[c]! : 0;
  cube.rollDown(wz);
  const diag = Float64Array.from(weight);
  cube.rollDown(diag);

  const x = new Float64Array(n);
  for (let c = 0; c < n; c++) if (free[c] === 1) x[c] = weight[c]! > 0 ? noisy[c]! : 0;

  let maxWeight = 0;
  for (let c = 0; c < n; c++) if (weight[c]! > maxWeight) maxWeight = weight[c]!;
  const work: Work = {
    cube,
    weight,
    free,
    diag,
    wz,
    x,
    tmp: new Float64Array(n),
    r: new Float64Array(n),
    z: new Float64Array(n),
    p: new Float64Array(n),
    q: new Float64Array(n),
    stop: maxWeight > 0 ? 1e-4 / Math.sqrt(maxWeight) : 0,
    maxIterations,
  };
  conjugateGradient(work);
  if (options.nonNegative) {
    for (let round = 0; round < ACTIVE_SET_ROUNDS; round++) {
      let fixed = 0;
      for (let c = 0; c < n; c++) {
        if (free[c] === 1 && x[c]! < 0) {
          free[c] = 0;
          x[c] = 0;
          fixed++;
        }
      }
      if (fixed === 0) break;
      conjugateGradient(work);
    }
    for (let c = 0; c < n; c++) if (finest[c] === 1 && x[c]! < 0) x[c] = 0;
  }

  if (options.integer) {
    const order = cube.finestOrder();
    let running = 0;
    let roundedBefore = 0;
    for (let k = 0; k < order.length; k++) {
      const c = order[k]!;
      running += x[c]!;
      const roundedNow = Math.round(running);
      x[c] = roundedNow - roundedBefore;
      roundedBefore = roundedNow;
    }
  }
  for (let c = 0; c < n; c++) if (finest[c] !== 1) x[c] = 0;
  cube.rollUp(x);
  return x;
}

/** The state of one fit, passed to the solver as one object (top-level functions optimise better than closures). */
interface Work {
  readonly cube: DpCube;
  readonly weight: Float64Array;
  readonly free: Uint8Array;
  readonly diag: Float64Array;
  readonly wz: Float64Array;
  readonly x: Float64Array;
  readonly tmp: Float64Array;
  readonly r: Float64Array;
  readonly z: Float64Array;
  readonly p: Float64Array;
  readonly q: Float64Array;
  readonly stop: number;
  readonly maxIterations: number;
}

/** out = (AᵀWA v) restricted to the free cells. */
function applyNormal(w: Work, v: Float64Array, out: Float64Array): void {
  const { cube, weight, free, tmp } = w;
  const n = tmp.length;
  tmp.set(v);
  cube.rollUp(tmp);
  for (let c = 0; c < n; c++) tmp[c]! *= weight[c]!;
  cube.rollDown(tmp);
  for (let c = 0; c < n; c++) out[c] = free[c] === 1 ? tmp[c]! : 0;
}

/**
 * Preconditioned conjugate gradients for AᵀWA x = AᵀWz over the free cells, from the current x. Stops when every
 * preconditioned residual r_j / D_jj (about the correction still due to x_j, in the statistic's units) is below
 * `stop` (10^−4 of the smallest noise standard deviation: far below what rounding to integers keeps).
 */
function conjugateGradient(w: Work): void {
  const { free, diag, wz, x, r, z, p, q, stop } = w;
  const n = x.length;
  applyNormal(w, x, q);
  let rz = 0;
  for (let c = 0; c < n; c++) {
    r[c] = free[c] === 1 ? wz[c]! - q[c]! : 0;
    z[c] = free[c] === 1 && diag[c]! > 0 ? r[c]! / diag[c]! : 0;
    p[c] = z[c]!;
    rz += r[c]! * z[c]!;
  }
  for (let it = 0; it < w.maxIterations; it++) {
    let worst = 0;
    for (let c = 0; c < n; c++) {
      const a = z[c]! < 0 ? -z[c]! : z[c]!;
      if (a > worst) worst = a;
    }
    if (worst <= stop) return;
    applyNormal(w, p, q);
    let pq = 0;
    for (let c = 0; c < n; c++) pq += p[c]! * q[c]!;
    if (!(pq > 0)) return;
    const alpha = rz / pq;
    let rzNext = 0;
    for (let c = 0; c < n; c++) {
      if (free[c] !== 1) continue;
      x[c]! += alpha * p[c]!;
      r[c]! -= alpha * q[c]!;
      z[c] = diag[c]! > 0 ? r[c]! / diag[c]! : 0;
      rzNext += r[c]! * z[c]!;
    }
    const beta = rzNext / rz;
    rz = rzNext;
    for (let c = 0; c < n; c++) p[c] = free[c] === 1 ? z[c]! + beta * p[c]! : 0;
  }
}
