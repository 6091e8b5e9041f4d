import type { PrimaryRule } from './rules/PrimaryRule.js';
import type { SuppressionProgress } from './SuppressionProgress.js';

/**
 * What a suppression should cost: `cells` (fewest hidden cells, the default), `value` (least hidden total, each
 * cell costing its count plus 1, so that hiding an empty cell is not free), or explicit weights per cell of each
 * table (positive numbers, one array per table, in table cell order).
 */
export type SuppressionCost = 'cells' | 'value' | { readonly weights: readonly Float64Array[] };

/** Options of `suppressCells`. */
export interface SuppressionPolicy {
  /** Required. The primary rules (frequency, dominance, p %); a cell is primary when any of them fires. */
  readonly rules: readonly PrimaryRule[];
  /**
   * Defaults to `fast`. `fast`: Gaussian elimination, then audit-driven repairs (scales to 100k+ cells).
   * `optimal`: the fast pattern cleaned of the secondaries it does not need, then a mixed-integer program solved with
   * HiGHS (small and medium tables; see `maxOptimalCells`).
   */
  readonly method?: 'fast' | 'optimal';
  /** Defaults to `cells`. See {@link SuppressionCost}. */
  readonly cost?: SuppressionCost;
  /** Defaults to true. Protect singletons: no relation may hold a singleton and only one other hidden cell. */
  readonly singletons?: boolean;
  /** Defaults to 5000. The optimal method refuses larger cell spaces (use `fast`). */
  readonly maxOptimalCells?: number;
  /**
   * Defaults to 60. Time limit in seconds of the optimal method's search (the cleanup of the fast pattern, at most
   * 3/4 of it, then every MIP solve, audit and cut together; the fast pattern it starts from and the final audit
   * come on top). When it runs out, the result is the best protecting pattern known, at worst the fast method's
   * (cleaned as far as the cleanup got), and `SuppressionResult.optimal` says so.
   */
  readonly optimalTimeLimit?: number;
  /**
   * Defaults to none. Stops the work once aborted, with `PrikkError` `ABORTED` and no result (a pattern the audit
   * has not passed is never returned): e.g. `AbortSignal.timeout(600_000)` for a time limit, or a request's signal.
   * Checked between steps and before each LP, letting the event loop turn at least every 50 ms so that a timer can
   * abort it; an LP on a worker thread (the large ones, see `PRIKK_THREADS`) is given up on at once, an LP on this
   * thread finishes first (a few milliseconds, or seconds with `PRIKK_THREADS=1`; the elimination, one synchronous
   * step, cannot be stopped part way, nor can a MIP solve of the optimal method, which `optimalTimeLimit` bounds).
   */
  readonly signal?: AbortSignal;
  /**
   * Defaults to none. Called as each step starts and as each audit goes on (see {@link SuppressionProgress}: counts
   * only, no values), for a progress line: a large table's repairs and audits take seconds to minutes. Nothing is
   * reported once `signal` is aborted. An error it throws stops the work.
   */
  readonly onProgress?: (progress: SuppressionProgress) => void;
}
