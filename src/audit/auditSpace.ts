import { attackIntervals } from './attackIntervals.js';
import { AUDIT_MAX_MOVES, AUDIT_REFILLS, BoxMoveFinder, type FeasiblePoint } from './BoxMoveFinder.js';
import type { CellSpace, Quantity } from './CellSpace.js';
import type { CoreModelCache } from './CoreModelCache.js';
import type { NarrowestBudget } from './NarrowestBudget.js';
import type { ProtectionRequirement } from './ProtectionRequirement.js';
import { isNotPinnedOnly, NOT_PINNED_AIM } from './sensitiveTargets.js';

/** Hidden sensitive cells of one quantity and what each needs. @internal */
export interface QuantityTargets {
  readonly quantity: Quantity;
  /** Values of the quantity per space cell (hidden cells may be NaN when unknown). */
  readonly values: Float64Array;
  readonly cells: Int32Array;
  readonly requirements: readonly ProtectionRequirement[];
}

/** The audit's finding for one target: the interval's width and which requirement failed. @internal */
export interface TargetVerdict {
  /** The interval's width: exact when `exact`, else a width the interval is known to reach (it passes). */
  readonly width: number;
  readonly exact: boolean;
  readonly pass: boolean;
  /** The upper bound falls short of its target (the attacker can rule out large values). */
  readonly failUpper: boolean;
  /** The lower bound stays above its target. */
  readonly failLower: boolean;
  /** The interval is narrower than the minimum width. */
  readonly failWidth: boolean;
}

/** Relative tolerance of the comparisons with the targets (LP solutions are accurate to about 1e-9). */
const TOL = 1e-6;

/** How {@link auditSpace} runs; every field optional. @internal */
export interface AuditSpaceOptions {
  /** Default false. Every width exact (two LPs per target not fixed by the reduction; no early stop at the goals). */
  readonly exact?: boolean;
  /**
   * Default `Infinity`. An exact width known outside the groups (see `AttackInput.exactBelow`): only targets whose
   * known width lies below it take part in making the narrowest exact. The groups are audited counts first, each
   * with the smallest exact width of those before it as its bound, so the narrowest over all of them is exact.
   */
  readonly exactBelow?: number;
  /**
   * Default none (the narrowest width is always made exact). The LP work the walks that make the narrowest width exact
   * may spend, shared by every quantity (see {@link NarrowestBudget}).
   */
  readonly narrowestBudget?: NarrowestBudget | undefined;
  /** Keeps the cores' LP models between calls (see `CoreModelCache`). */
  readonly models?: CoreModelCache | undefined;
  /** Stops the audit before its next LP once aborted. */
  readonly signal?: AbortSignal | undefined;
  /** Called after every LP with its work, columns × (iterations + 1) (see `AttackInput.chargeLp`). */
  readonly chargeLp?: ((work: number) => void) | undefined;
  /** Called as the LPs' unknowns of a quantity are proved (see `AttackInput.onProved`). */
  readonly onProved?: ((proved: number, total: number) => void) | undefined;
}

/**
 * Audits hidden sensitive cells of a cell space: for each quantity, the attacker's interval of every target
 * ({@link attackIntervals}) checked against its requirement. Returns one verdict per target, per quantity. See
 * {@link AuditSpaceOptions} for exact widths, a known exact width, kept models and stopping.
 *
 * Cost: see {@link attackIntervals}, once per quantity (the large cores' LPs on worker threads, as `PRIKK_THREADS`
 * says: see `auditThreads`; the verdicts are the same on every setting).
 * @throws {PrikkError} `INVALID_VALUE` when the published values admit no non-negative table, or when HiGHS or an
 * LP worker fails; `INVALID_ARGUMENT` when `exactBelow` is negative or NaN, or `PRIKK_THREADS` or
 * `PRIKK_POOL_MIN_COLUMNS` is malformed; `ABORTED` when `signal` is aborted.
 * @internal
 */
export async function auditSpace(
  space: CellSpace,
  hidden: Uint8Array,
  groups: readonly QuantityTargets[],
  options: AuditSpaceOptions = {},
): Promise<TargetVerdict[][]> {
  const { exact = false, models, signal, onProved, narrowestBudget, chargeLp } = options;
  // The smallest exact width so far: the given one, then each quantity's narrowest for the quantities after it. The
  // audit reports one narrowest check over all of them, so a quantity whose targets are all at least that wide needs
  // no LP to make its own narrowest exact. Measured on the registry's costs by municipality × age × sex under count < 5
  // and dominance (counts first, narrowest 5 persons; then the costs, whose widths are NOK), one thread: the
  // stand-alone audit's LPs 2,195 -> 61, 4.9 -> 1.1 s (the costs' walk had visited ~2,000 targets).
  let exactBelow = options.exactBelow ?? Infinity;
  const out: TargetVerdict[][] = groups.map(() => []);
  const describe = (c: number): string => JSON.stringify(space.coords(c));
  // Counts first: their widths (persons) are the narrow ones as a rule, so the sums' walks mostly stop at once.
  const order = groups.map((_, i) => i).sort((a, b) => Number(groups[a]!.quantity.kind !== 'count') - Number(groups[b]!.quantity.kind !== 'count') || a - b);
  for (const gi of order) {
    const g = groups[gi]!;
    if (g.cells.length === 0) continue;
    // `exactBelow` bounds the walk only; it is not made a width goal of the moves and saturating LPs (measured on the
    // protect loop: 3.4 % fewer simplex iterations on the 49k-cell benchmark, but 1.6 % more and 31 more LPs on the
    // 110k-cell one).
    const goals = g.requirements.map((r) => ({ upper: r.upperTarget, lower: r.lowerTarget, width: r.minWidth, ...(isNotPinnedOnly(r) ? { aim: NOT_PINNED_AIM } : {}) }));
    const finder = new BoxMoveFinder(space, { refills: AUDIT_REFILLS, maxMoves: AUDIT_MAX_MOVES });
    const moves = (cell: number, direction: 1 | -1, amount: number, from?: Float64Array): FeasiblePoint | undefined =>
      finder.reachShared(from ?? g.values, hidden, cell, direction, amount);
    // A target required only not to be pinned has no protection interval to report: it stays out of the narrowest.
    const widthReported = Uint8Array.from(g.requirements, (r) => (isNotPinnedOnly(r) ? 0 : 1));
    const input = { relations: space.relations, values: g.values, hidden, targets: g.cells, describe, exactBelow, narrowestBudget, widthReported, ...(models ? { models } : {}), ...(signal ? { signal } : {}), ...(onProved ? { onProved } : {}), ...(chargeLp ? { chargeLp } : {}) };
    // Exact: no goals, so every bound is an exact LP bound (no certificate stops early).
    const bounds = await attackIntervals(exact ? input : { ...input, goals, moves });
    const verdicts = Array.from(g.cells, (_, i) => {
      const L = bounds.lower[i]!;
      const U = bounds.upper[i]!;
      const req = g.requirements[i]!;
      // Rounded to 1e-9 so that LP round-off does not show as 4.999999999999998.
      const width = Number.isFinite(U - L) ? Math.round((U - L) * 1e9) / 1e9 : U - L;
      const failUpper = U < req.upperTarget - TOL * Math.max(1, Math.abs(req.upperTarget));
      const failLower = L > req.lowerTarget + TOL * Math.max(1, Math.abs(req.lowerTarget));
      const failWidth = width < req.minWidth - TOL * Math.max(1, req.minWidth);
      return { width, exact: bounds.exact[i] === 1, pass: !(failUpper || failLower || failWidth), failUpper, failLower, failWidth };
    });
    for (let i = 0; i < verdicts.length; i++) {
      const v = verdicts[i]!;
      if (widthReported[i] === 1 && v.exact && v.width < exactBelow) exactBelow = v.width;
    }
    out[gi] = verdicts;
  }
  return out;
}
