import { auditPattern, type PatternAudit } from '../../audit/auditPattern.js';
import type { CellSpace } from '../../audit/CellSpace.js';
import { abortPoint } from '../../errors/abortPoint.js';
import { anyInBall } from './anyInBall.js';
import { hiddenComponents } from './hiddenComponents.js';
import { boundTargets, propagatedFailures } from './propagatedFailures.js';
import type { PrimaryRule } from './rules/PrimaryRule.js';

/** What {@link cleanupPattern} needs. @internal */
export interface CleanupInput {
  readonly space: CellSpace;
  readonly primary: Uint8Array;
  readonly rules: readonly PrimaryRule[];
  readonly singletons: boolean;
  /** A pattern that passes the audit (1 = hidden), and that audit. Not changed. */
  readonly hidden: Uint8Array;
  readonly audit: PatternAudit;
  /** Every cell, most wanted published first (`publishOrder`): the secondaries are tried in this order. */
  readonly order: Int32Array;
  /** `performance.now()` after which no further cell is tried. */
  readonly deadline: number;
  readonly signal?: AbortSignal | undefined;
  /**
   * Defaults to {@link LOCAL_RADIUS}. Relations around a candidate whose targets are audited first. The result does
   * not depend on it (the audit of the whole component decides); the tests set 0 to check just that.
   */
  readonly localRadius?: number;
  /** Optional: called after each cell published again, with the pattern (for progress). */
  readonly onPublished?: (hidden: Uint8Array) => void;
}

/** What {@link cleanupPattern} did. @internal */
export interface CleanupOutcome {
  /** The pattern with every secondary cell published again that the audit showed is not needed. */
  readonly hidden: Uint8Array;
  /** Its audit (passed). */
  readonly audit: PatternAudit;
  /** The cells published again, in the order they were. */
  readonly published: readonly number[];
  /** Secondaries tried (each costs a local audit, and a second one over its component when that passes). */
  readonly tried: number;
  /** Whether the deadline stopped it before every secondary was tried. */
  readonly timedOut: boolean;
}

/**
 * Relations around a candidate whose targets are audited first: candidates that must stay hidden nearly always fail
 * there (on the optimal benchmark's tables, 1 of 656 tries passed there and failed further out).
 */
export const LOCAL_RADIUS = 2;

/**
 * Publishes again, one at a time, every secondary cell the pattern does not need: a secondary is published when the
 * pattern without it still passes the audit (every sensitive interval wide enough, no singleton leak), tried in
 * publishing order (most wanted published first), each on the pattern as the earlier ones left it. This is the
 * cleanup of a heuristic pattern that tau-ARGUS's hypercube method and sdcTable's `protectTable` run as their last
 * step ("remove unnecessary secondary suppressions"); here it is the optimal method's first step, so that the MIP starts from
 * a cheaper incumbent, and what it finds stands when the MIP, within its time limit, finds nothing cheaper.
 *
 * Publishing a cell can only narrow intervals, and only those of the targets in its hidden component. Each try is
 * audited in two steps: the targets within {@link LOCAL_RADIUS} relations of the cell first (the other verdicts
 * carried over), where a failure rejects it; then, when those pass, every target of its component (its verdicts
 * are the audit's, and the cell is published only when it passes).
 *
 * Measured (the benchmark's small optimal-mode tables, rule count < 5, every secondary of the fast pattern tried with
 * a whole stand-alone audit): 0 of 84, 5 of 139, 7 of 196 and 27 of 476 secondaries were not needed.
 *
 * Cost: per secondary tried, one audit of the targets near it (LPs only where box moves do not certify), and for
 * those that pass one of its component's targets; stops at `deadline`.
 * @throws {PrikkError} `ABORTED` when `signal` is aborted; what `auditPattern` throws.
 * @internal
 * @example
 * const c = await cleanupPattern({ space, primary, rules, singletons: true, hidden, audit, order, deadline: performance.now() + 30_000 });
 * c.published // the secondaries published again
 */
export async function cleanupPattern(input: CleanupInput): Promise<CleanupOutcome> {
  const { space, primary, rules, singletons, order, deadline, signal } = input;
  const hidden = input.hidden.slice();
  let audit = input.audit;
  const published: number[] = [];
  let tried = 0;
  const near = new Uint8Array(space.cellCount);
  const ball = { seen: new Int32Array(space.cellCount), seenClock: 0 };
  const targets = boundTargets(space, rules, primary);
  for (const c of order) {
    if (!hidden[c] || primary[c]) continue;
    if (performance.now() >= deadline) return { hidden, audit: await exact(input, hidden, audit, published), published, tried, timedOut: true };
    await abortPoint(signal, 'suppressCells');
    tried++;
    hidden[c] = 0;
    // Bound propagation (no LP) proves most of the failures that keep a cell hidden.
    if (propagatedFailures(space, targets, hidden).length > 0) {
      hidden[c] = 1;
      continue;
    }
    anyInBall(space, c, input.localRadius ?? LOCAL_RADIUS, ball, (x) => ((near[x] = 1), false));
    const local = await auditPattern(space, hidden, primary, rules, singletons, { verdicts: audit.verdicts, recheck: near }, { passFailOnly: true, signal });
    let accepted = false;
    if (local.result.passed) {
      // The rest of the component the cell was in (its verdicts near the cell are the local audit's, and current).
      hidden[c] = 1;
      const component = hiddenComponents(space.relations, hidden);
      hidden[c] = 0;
      const root = component[c]!;
      const recheck = Uint8Array.from(component, (r, x) => (r === root && !near[x] ? 1 : 0));
      const whole = await auditPattern(space, hidden, primary, rules, singletons, { verdicts: local.verdicts, recheck }, { passFailOnly: true, signal });
      if (whole.result.passed) {
        audit = whole;
        accepted = true;
      }
    }
    near.fill(0);
    if (accepted) {
      published.push(c);
      input.onPublished?.(hidden);
    } else hidden[c] = 1;
  }
  return { hidden, audit: await exact(input, hidden, audit, published), published, tried, timedOut: false };
}

/** The audit of the cleaned pattern with its narrowest width exact (the tries' audits read pass/fail only). */
async function exact(input: CleanupInput, hidden: Uint8Array, audit: PatternAudit, published: readonly number[]): Promise<PatternAudit> {
  if (published.length === 0) return audit;
  const { space, primary, rules, singletons, signal } = input;
  return auditPattern(space, hidden, primary, rules, singletons, { verdicts: audit.verdicts, recheck: new Uint8Array(space.cellCount) }, { signal });
}
