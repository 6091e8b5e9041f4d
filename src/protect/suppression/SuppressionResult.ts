import type { CellTable } from '../../aggregate/CellTable.js';
import type { AuditResult } from '../../audit/AuditResult.js';

/** The result of `suppressCells`: the protected tables and what it took. No hidden value appears in it. */
export interface SuppressionResult {
  /** The input tables with statuses set (`primary`, `secondary`, `published`), in input order. */
  readonly tables: readonly CellTable[];
  readonly method: 'fast' | 'optimal';
  /** Distinct primary cells (a cell shared by linked tables counts once). */
  readonly primaryCount: number;
  /** Primary cells per rule name (a cell can count under several rules). */
  readonly primaryByRule: Readonly<Record<string, number>>;
  /** Distinct secondary cells. */
  readonly secondaryCount: number;
  /** Share of the summed counts of all cells that is hidden (0..1). */
  readonly suppressedValueShare: number;
  /** Cells hidden by the singleton rule (included in `secondaryCount`). */
  readonly singletonAdded: number;
  /**
   * Cells hidden for the audit's interval requirements (included in `secondaryCount`): where one relation proves a
   * failure before the first audit (`relationBoundPass`, counted in `loop.relationBound`), and by repairs of what the
   * audits find.
   */
  readonly repairAdded: number;
  /** The audit of the final pattern. */
  readonly audit: AuditResult;
  /** Wall time in milliseconds, audit included. */
  readonly milliseconds: number;
  /**
   * Where the time went, in milliseconds: primary rules (and building the cell space), the secondary method
   * (Gaussian elimination; for the optimal method also the fast pattern's repairs, its starting incumbent, and the
   * MIP), every audit, and the singleton and repair steps of the final pattern.
   */
  readonly phases: Readonly<{ primary: number; secondary: number; audits: number; repairs: number }>;
  /**
   * The audit-and-repair loop: repair rounds, audits run (complete and failures-only), and repair LPs solved (a
   * failure repaired in a round gets one per direction it fails in, more when a larger neighbourhood is needed; a
   * failure left to the next round none, a direction repaired by `boxRepair` none), and box repairs (directions
   * repaired by one cell whose hiding box moves prove enough, without an LP); for the optimal method, the fast
   * pattern's loop and the final one together; `relationBound`: cells hidden before the first audit for failures one
   * relation proves (no LP); `propagationRepairs`: cells hidden for failures in hidden components too large for one
   * repair LP per failure, from the relations that bind their propagated bounds (`propagationRepairPass`, no LP);
   * `derivablePublished`: hidden non-sensitive cells published again before the first audit because the attacker
   * derives their values exactly anyway (`publishDerivable`: no interval changes; counted in neither
   * `secondaryCount` nor, once published, any table's hidden cells); `provedRounds`: the repair rounds (counted in
   * `rounds`) whose failures bound propagation proved before the first audit (each later round is followed by one
   * audit). Optional, so that results made elsewhere (e.g. test stubs) need not carry it; `suppressCells` always sets
   * it.
   */
  readonly loop?: Readonly<{ rounds: number; audits: number; repairLps: number; boxRepairs: number; relationBound: number; propagationRepairs: number; derivablePublished: number; provedRounds: number }>;
  /**
   * The optimal method only: how sure it is of its pattern. `proven`: the pattern is a minimum-cost one (the MIP was
   * solved to optimality, its pattern passed the audit, and nothing was added after it). `cost`: the pattern's cost
   * under the policy's cost (every hidden cell, primaries included); `costLowerBound`: no protecting pattern costs
   * less (so `cost - costLowerBound` is how far from optimal it can be). `timeLimitReached`: the time limit
   * (`optimalTimeLimit`) stopped the search; the pattern is then the best protecting one known (at worst the fast
   * method's, cleaned). `rounds`: rounds of MIP, audit and cuts. `republished`: secondaries of the fast pattern that
   * the cleanup before the MIP published again, as the pattern passed the audit without them (see `cleanupPattern`).
   */
  readonly optimal?: Readonly<{ proven: boolean; rounds: number; cost: number; costLowerBound: number; timeLimitReached: boolean; republished: number }>;
}
