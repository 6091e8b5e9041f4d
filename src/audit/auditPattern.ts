import { PrikkError } from '../errors/PrikkError.js';
import type { PrimaryRule } from '../protect/suppression/rules/PrimaryRule.js';
import type { AuditResult, CellAudit } from './AuditResult.js';
import { auditResultOf } from './auditResultOf.js';
import { auditSpace, type QuantityTargets, type TargetVerdict } from './auditSpace.js';
import type { CellSpace } from './CellSpace.js';
import { CoreModelCache } from './CoreModelCache.js';
import type { ProtectionRequirement } from './ProtectionRequirement.js';
import { countSingletonLeaks } from './countSingletonLeaks.js';
import { NARROWEST_MAX_REPROOFS, NarrowestBudget } from './NarrowestBudget.js';
import { isNotPinnedOnly, sensitiveTargets } from './sensitiveTargets.js';

/** A failed check, for the secondary suppression's repair loop. @internal */
export interface AuditFailure {
  readonly cell: number;
  readonly group: number;
  readonly requirement: ProtectionRequirement;
  readonly verdict: TargetVerdict;
}

/** The audit of a pattern on a space, with the inputs the repair loop needs. @internal */
export interface PatternAudit {
  readonly result: AuditResult;
  readonly groups: readonly QuantityTargets[];
  readonly failures: readonly AuditFailure[];
  /** Every verdict, by `group:cell`, for reuse by a later audit of a grown pattern. */
  readonly verdicts: ReadonlyMap<string, TargetVerdict>;
  /** A copy of the pattern audited (1 = hidden), to pass as `AuditReuse.hidden` with `verdicts`. */
  readonly hidden: Uint8Array;
}

/**
 * Verdicts of an earlier audit that still hold: a target's interval depends only on the hidden cells connected
 * to it through relations, so after hiding more cells only targets connected to a newly hidden cell (`recheck`)
 * need new LPs. @internal
 */
export interface AuditReuse {
  readonly verdicts: ReadonlyMap<string, TargetVerdict>;
  readonly recheck: Uint8Array;
  /**
   * Optional: the pattern the verdicts were found on (`PatternAudit.hidden`, same space, rules and values). When
   * every cell hidden there is still hidden, the pattern only grew: each table the attacker could not rule out then
   * is one now (a published cell that became hidden keeps its value in it), so every interval only widened and a
   * passing verdict still passes. A target in `recheck` whose verdict passed is then carried over without an LP
   * (its width now a proved inner width, not exact); only the others get LPs, and the narrowest width is made exact
   * again (see `exactNarrowest`). Without it, or when a cell hidden then is published now, every target in
   * `recheck` gets LPs.
   */
  readonly hidden?: Uint8Array;
}

/** How {@link auditPattern} runs. @internal */
export interface AuditPatternOptions {
  /**
   * Make the narrowest width exact only when every check passes (default false: always). For an audit that
   * only tells the repair loop what fails: when something fails, the pattern changes and is audited again, so
   * an exact narrowest width would be thrown away. An audit run this way that found failures may report an inner
   * (inexact) narrowest width; audit it again (`reuse` with an empty `recheck`) to make it exact.
   */
  readonly exactOnlyWhenPassing?: boolean;
  /**
   * Never make the narrowest width exact (default false): for an audit whose caller reads pass/fail only, as the
   * cleanup's tries (see `cleanupPattern`). Its narrowest width may then be an inner one.
   */
  readonly passFailOnly?: boolean;
  /**
   * Models of the cores' LPs kept from earlier audits, and where this one keeps its own (see `CoreModelCache`; the
   * caller ends the generation and disposes). Without it, the audit keeps its models only between its own LP calls.
   */
  readonly models?: CoreModelCache;
  /**
   * Default `NARROWEST_LP_WORK`. The LP work (simplex work, see {@link NarrowestBudget}) this audit may spend making
   * its narrowest width exact; past it, the narrowest width is reported as a proved inner width (`widthExact`
   * false). `Infinity`: exact unless more than `NARROWEST_MAX_REPROOFS` kept verdicts would have to be proved again.
   */
  readonly narrowestLpWork?: number;
  /** Optional: stops the audit before its next LP once aborted (`PrikkError` `ABORTED`). */
  readonly signal?: AbortSignal | undefined;
  /** Optional: called as the LPs' unknowns are proved (see `AttackInput.onProved`; not by the narrowest walk). */
  readonly onProved?: ((proved: number, total: number) => void) | undefined;
}

/**
 * Audits a hidden/published pattern on a cell space against the rules (the engine behind `auditTable` and the
 * repair loop of `suppressCells`).
 *
 * Cost: see `auditTable`.
 * @throws {PrikkError} `INVALID_VALUE` when the published values contradict the relations.
 * @internal
 */
export async function auditPattern(
  space: CellSpace,
  hidden: Uint8Array,
  statusPrimary: Uint8Array,
  rules: readonly PrimaryRule[],
  singletons: boolean,
  reuse?: AuditReuse,
  options: AuditPatternOptions = {},
): Promise<PatternAudit> {
  const start = performance.now();
  const targets = sensitiveTargets(space, rules, statusPrimary);
  const publishedSensitive: { table: number; coords: Record<string, string> }[] = [];
  const seenPublished = new Set<number>();
  const groups: QuantityTargets[] = [];
  const meta: { quantity: string; rules: string[][] }[] = [];
  for (const [key, g] of targets.byQuantity) {
    const cells: number[] = [];
    const reqs: ProtectionRequirement[] = [];
    const ruleNames: string[][] = [];
    for (const [cell, e] of [...g.cells.entries()].sort((a, b) => a[0] - b[0])) {
      if (!hidden[cell]) {
        if (!seenPublished.has(cell)) {
          seenPublished.add(cell);
          publishedSensitive.push({ table: space.originTable[cell]!, coords: space.coords(cell) });
        }
        continue;
      }
      cells.push(cell);
      reqs.push(e.requirement);
      ruleNames.push(e.rules);
    }
    groups.push({ quantity: g.quantity, values: space.values(g.quantity), cells: Int32Array.from(cells), requirements: reqs });
    meta.push({ quantity: key, rules: ruleNames });
  }
  // Only targets without a reusable verdict go to the LPs: a target not to recheck keeps its verdict, and on a
  // grown pattern a target to recheck keeps a passing one (as an inner width).
  const grown = reuse?.hidden !== undefined && grewFrom(reuse.hidden, hidden);
  const fresh = groups.map((g, gi) => {
    const keep: number[] = [];
    g.cells.forEach((c, i) => {
      const old = reuse?.verdicts.get(`${gi}:${c}`);
      if (!old || (reuse!.recheck[c] && !(grown && old.pass))) keep.push(i);
    });
    return keep;
  });
  // A group audited whole (every stand-alone audit) is passed as it is; readable version: always the mapped copy.
  const sub = groups.map((g, gi) => {
    const keep = fresh[gi]!;
    if (keep.length === g.cells.length) return g;
    const cells = new Int32Array(keep.length);
    for (let k = 0; k < keep.length; k++) cells[k] = g.cells[keep[k]!]!;
    return { ...g, cells, requirements: keep.map((i) => g.requirements[i]!) };
  });
  // The main call and the narrowest walk below audit the same pattern, so they share the cores' models.
  const models = options.models ?? new CoreModelCache();
  const narrowestBudget = new NarrowestBudget(options.narrowestLpWork);
  let verdicts: TargetVerdict[][];
  try {
    const subVerdicts = await auditSpace(space, hidden, sub, { models, signal: options.signal, onProved: options.onProved, narrowestBudget });
    verdicts = groups.map((g, gi) => {
      const out: TargetVerdict[] = new Array(g.cells.length);
      fresh[gi]!.forEach((i, k) => (out[i] = subVerdicts[gi]![k]!));
      g.cells.forEach((c, i) => {
        if (out[i]) return;
        const old = reuse!.verdicts.get(`${gi}:${c}`)!;
        // Carried over a grown pattern: still passing, its width now an inner one (an unbounded one stays unbounded).
        out[i] = reuse!.recheck[c] && old.exact && old.width !== Infinity ? { ...old, exact: false } : old;
      });
      return out;
    });
    // Kept verdicts (carried or not rechecked) may hold inner widths below every exact width found now (the target
    // that was narrowest may have been rechecked and widened): the narrowest is made exact again whenever any was
    // kept (no LP when none lies below the smallest exact width), unless only a passing audit needs it and one failed,
    // or the walk above ran out of budget already.
    const failing = verdicts.some((vs) => vs.some((v) => !v.pass));
    if (reuse !== undefined && !options.passFailOnly && !(options.exactOnlyWhenPassing && failing) && !narrowestBudget.cut) {
      await exactNarrowest(space, hidden, groups, verdicts, models, narrowestBudget, options.signal);
    }
  } finally {
    if (!options.models) models.dispose();
  }
  const verdictMap = new Map<string, TargetVerdict>();
  groups.forEach((g, gi) => g.cells.forEach((c, i) => verdictMap.set(`${gi}:${c}`, verdicts[gi]![i]!)));
  const cells: CellAudit[] = [];
  const failures: AuditFailure[] = [];
  groups.forEach((g, gi) => {
    g.cells.forEach((cell, i) => {
      const v = verdicts[gi]![i]!;
      const why: ('upper' | 'lower' | 'width')[] = [];
      if (v.failUpper) why.push('upper');
      if (v.failLower) why.push('lower');
      if (v.failWidth) why.push('width');
      if (!v.pass) failures.push({ cell, group: gi, requirement: g.requirements[i]!, verdict: v });
      cells.push(
        Object.freeze({
          table: space.originTable[cell]!,
          coords: space.coords(cell),
          quantity: meta[gi]!.quantity,
          rules: Object.freeze(meta[gi]!.rules[i]!),
          width: v.width,
          widthExact: v.exact,
          notPinnedOnly: isNotPinnedOnly(g.requirements[i]!),
          pass: v.pass,
          failures: Object.freeze(why),
        }),
      );
    });
  });
  const singletonLeaks = singletons ? countSingletonLeaks(space.relations, space.values({ kind: 'count' }), hidden, statusPrimary) : 0;
  const result = auditResultOf({ cells, publishedSensitive, singletonLeaks, milliseconds: performance.now() - start });
  return { result, groups, failures, verdicts: verdictMap, hidden: hidden.slice() };
}

/** Whether every cell hidden in `before` is hidden in `after` (the pattern only grew). */
function grewFrom(before: Uint8Array, after: Uint8Array): boolean {
  if (before.length !== after.length) return false;
  for (let c = 0; c < after.length; c++) if (before[c] && !after[c]) return false;
  return true;
}

/**
 * Makes the narrowest width exact when some verdicts are inner widths kept from an earlier audit (which
 * `attackIntervals` did not see): the targets whose inexact width lies below the smallest exact width are audited
 * again, together, in one `auditSpace` call, with that smallest exact width as `exactBelow`: their walk makes exact
 * only what stays below it (a pick whose moves or LPs prove it at least that wide needs no exact LP). So afterwards no inexact width lies below the smallest exact width
 * (every other one was not below it, that is how they were chosen), and the narrowest width is exact (on a tie
 * the exact one is reported). Should round-off leave one below, the next pass solves it exactly. Every LP of
 * those calls is charged to `budget`; once it is spent the call stops, its verdicts are dropped and the kept ones
 * stay: the narrowest width may then be an inner one (`exact` false). So it is when there are more than
 * `NARROWEST_MAX_REPROOFS` such targets (no call at all).
 *
 * Cost: one `auditSpace` call over those targets (none when the narrowest is exact already), within `budget`.
 */
async function exactNarrowest(
  space: CellSpace,
  hidden: Uint8Array,
  groups: readonly QuantityTargets[],
  verdicts: TargetVerdict[][],
  models: CoreModelCache,
  budget: NarrowestBudget,
  signal?: AbortSignal,
): Promise<void> {
  for (let pass = 0; !budget.cut; pass++) {
    // Targets required only not to be pinned report no width: they neither bound the narrowest nor are made exact.
    const reported = (gi: number, i: number): boolean => !isNotPinnedOnly(groups[gi]!.requirements[i]!);
    let best = Infinity;
    verdicts.forEach((vs, gi) => {
      vs.forEach((v, i) => {
        if (reported(gi, i) && v.exact && v.width < best) best = v.width;
      });
    });
    const picks = verdicts.map((vs, gi) => {
      const out: number[] = [];
      vs.forEach((v, i) => (reported(gi, i) && !v.exact && v.width < best ? out.push(i) : undefined));
      return out;
    });
    if (picks.every((p) => p.length === 0)) return;
    if (budget.exhausted || picks.reduce((n, p) => n + p.length, 0) > NARROWEST_MAX_REPROOFS) {
      budget.cut = true;
      return;
    }
    const subs = groups.map((g, gi) => ({
      ...g,
      cells: Int32Array.from(picks[gi]!, (i) => g.cells[i]!),
      requirements: picks[gi]!.map((i) => g.requirements[i]!),
    }));
    // `best` is exact (a target outside the picks): the walk inside need not make exact what is not below it. Every
    // LP of the call is charged (its certification only re-proves verdicts that passed already: the whole call is
    // for the narrowest width); past the budget it stops, and the verdicts stay as they were (proved inner widths).
    const stop = new AbortController();
    const chargeLp = (work: number): void => {
      budget.spend(work);
      if (budget.exhausted) {
        budget.cut = true;
        stop.abort();
      }
    };
    let again: TargetVerdict[][];
    try {
      const both = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
      again = await auditSpace(space, hidden, subs, { exact: pass > 0, exactBelow: best, models, signal: both, chargeLp });
    } catch (error) {
      if (budget.cut && !signal?.aborted && error instanceof PrikkError && error.code === 'ABORTED') return;
      throw error;
    }
    picks.forEach((is, gi) => is.forEach((i, k) => (verdicts[gi]![i] = again[gi]![k]!)));
  }
}