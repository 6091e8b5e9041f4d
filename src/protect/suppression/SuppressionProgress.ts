/**
 * Where a running `suppressCells` is, for a progress line (`SuppressionPolicy.onProgress`). Counts of cells only,
 * never a value: safe to log.
 *
 * - `secondary`: the primary cells are set and the Gaussian elimination has chosen its secondary cells;
 * - `optimal`: the optimal method's search: when it starts (from the fast pattern), after each secondary its cleanup
 *   publishes again, and after each MIP round's audit (`round`: MIP rounds so far; the pattern that round's);
 * - `repairs`: a round of repairs starts (`failures` cells whose interval is too narrow, found by bound propagation
 *   or by the last audit);
 * - `audit`: an audit of the pattern starts (each is complete; the last one is the result's);
 * - `proving`: that audit goes on: `proved` of `toProve` hidden cells proved so far (see `AuditProgress`).
 *
 * @example
 * const line = (p: SuppressionProgress) => `${p.step} round ${p.round}: ${p.hidden} hidden, ${p.failures} to repair`;
 * await suppressCells(table, { rules: [frequencyRule({ n: 5 })], onProgress: (p) => console.error(line(p)) });
 */
export interface SuppressionProgress {
  readonly step: 'secondary' | 'optimal' | 'repairs' | 'audit' | 'proving';
  /**
   * Repair rounds begun so far, this one included (0 before the first; counted anew after the optimal search); for
   * `optimal`, the MIP rounds so far.
   */
  readonly round: number;
  /** Audits begun so far, this one included (0 before the first, and for `optimal`; counted anew after the optimal search). */
  readonly audits: number;
  /** Cells hidden now (primary and secondary). */
  readonly hidden: number;
  /** `repairs`: the cells this round repairs; 0 for the other steps. */
  readonly failures: number;
  /** `proving`: the hidden cells the audit's LPs solve for that are proved so far, of `toProve`; 0 otherwise. */
  readonly proved: number;
  /** `proving`: the hidden cells the audit's LPs solve for; 0 otherwise. */
  readonly toProve: number;
  /** Milliseconds since `suppressCells` was called. */
  readonly elapsedMs: number;
}
