import { CELL_STATUS, CellTable } from '../../aggregate/CellTable.js';
import { auditPattern, type AuditFailure, type AuditReuse } from '../../audit/auditPattern.js';
import { auditThreads, envInt, warmAuditThreads } from '../../audit/auditThreads.js';
import type { CoreLp, CoreLpData } from '../../audit/CoreLp.js';
import { localCoreLp } from '../../audit/localCoreLp.js';
import { BoxMoveFinder } from '../../audit/BoxMoveFinder.js';
import { CellSpace, quantityKey } from '../../audit/CellSpace.js';
import { CoreModelCache } from '../../audit/CoreModelCache.js';
import { loadHighs } from '../../audit/loadHighs.js';
import { PrikkError } from '../../errors/PrikkError.js';
import { checkCallback } from '../../errors/checkCallback.js';
import { checkSignal, throwIfAborted } from '../../errors/throwIfAborted.js';
import { abortPoint } from '../../errors/abortPoint.js';
import { boxRepair } from './boxRepair.js';
import { gaussSecondary } from './gaussSecondary.js';
import { type OptimalOutcome, optimalPattern } from './optimalPattern.js';
import { publishOrder } from './publishOrder.js';
import { repairCell } from './repairCell.js';
import { repairWaves, WaveScratch } from './repairWaves.js';
import { applyPrimaryRules } from './rules/applyPrimaryRules.js';
import { singletonPass } from './singletonPass.js';
import { propagationRepairPass } from './propagationRepairPass.js';
import { publishDerivable } from './publishDerivable.js';
import { relationBoundPass } from './relationBoundPass.js';
import { hiddenComponents } from './hiddenComponents.js';
import { cleanupPattern } from './cleanupPattern.js';
import { boundTargets, propagatedFailures } from './propagatedFailures.js';
import type { PropagatedBounds } from '../../audit/propagateBounds.js';
import type { SuppressionCost, SuppressionPolicy } from './SuppressionPolicy.js';
import type { SuppressionProgress } from './SuppressionProgress.js';
import type { SuppressionResult } from './SuppressionResult.js';

const PRIMARY = CELL_STATUS.indexOf('primary');
const SECONDARY = CELL_STATUS.indexOf('secondary');
const PUBLISHED = CELL_STATUS.indexOf('published');

/**
 * Refills per chain of box moves in `boxRepair` (see `BoxMoveFinderOptions.refills`), with the default 16 moves per
 * chain. Without refills a
 * chain stuck on a cell an earlier box emptied gave up where the repair LP then found a single cell. Measured (session
 * 11, see bench/results/suppression.md): on the 110k-cell benchmark table box repairs 12 → 25, repair LPs 19 → 6,
 * 9,246 → 9,247 secondaries, the repair phase 4.1 → 2.2 s (the box searches 0.6 → 1.8 s of this thread, 1.2 s once
 * `boxRepair` tries only the blockers); on the registry's 108,576-cell table repair LPs 143 → 125 and the repairs
 * 62 → 55 s; on its 38k-cell table repair LPs 122 → 110 but one more repair round, 4,315 → 4,324 secondaries and
 * 1.6 → 1.8 s. The audit's 8 refills and 32 moves (session 19) made the repairs slower: on the 38k-cell table 2.5-2.6
 * → 2.8-2.9 s protect + audit, one more secondary (with them on the 110k-cell table: 8 → 6 repair LPs, the same
 * secondaries).
 */
const REPAIR_REFILLS = 4;

/**
 * Neighbourhood radii tried in turn by the repair LP; the last one covers any connected table. Radius 4 before 5:
 * measured on the example registry's 1M-row extract tabulated by municipality (-> county -> region) x age (5- and
 * 10-year bands) x sex, 38,454 cells, rule count < 5 (one thread): the 9 failures that radius 3 could not repair all
 * needed radius 5 before (LPs of up to 13,068 columns, 2.3 s of HiGHS), and radius 4 repairs each of them (0.5 s),
 * with the same number of secondaries (3,879); the benchmark tables' repairs all succeed at radius 2 or 3.
 */
const RADII = [2, 3, 4, 5, 1_000_000];

/**
 * Layers of hidden cells (relations from the target through hidden cells) a repair LP moves first, before the whole
 * hidden component (`RepairInput.hiddenDepth`; not on the last, unbounded radius). The neighbourhood takes the whole
 * component so that a change can flow through hidden cells for free; in a table whose hidden cells join into a few
 * giant components every repair LP spans one of them. Measured on the registry's 108,576-cell table (one run each,
 * protect; 125 repair LPs): without the layers 87.8 s, repairs 46.5 s, 11,701 secondaries; 2 layers 91.1 s (most LPs
 * infeasible, then the whole component); 3 layers 95.7 s; 4 layers 72.2 s, repairs 27.4 s, 11,706 secondaries; 5
 * layers 76.7 s, repairs 33.1 s, 11,701; 6 layers 78.5 s, 34.8 s, 11,701. On the benchmark tables (12k, 49k, 110k and
 * 38k cells) 5 layers leave every count of secondaries as it was (1,105, 6,680, 9,247, 4,324) and the times within
 * noise (the registry's 38k-cell table solves 151 repair LPs instead of 110: more restricted LPs find no change).
 */
const REPAIR_HIDDEN_DEPTH = 5;

/**
 * Repair-LP work a hidden component may take in one round before its propagated failures go to
 * `propagationRepairPass` instead: its failures times its hidden cells (each repair LP spans the component). Measured:
 * the synthetic benchmark tables and the example registry's 38k-cell table stay below it in every round (up to
 * ~30 failures × 3,434 cells on the 110k-cell table), and their patterns are unchanged; the registry's 108k-cell
 * 4-dimensional table has components of 4,000-7,900 hidden cells with hundreds of failures each, whose repair LPs
 * (5,000-44,000 columns, one per failure) did not finish a round in 10 minutes. With the pass it is protected in
 * 4.9 min (15 rounds, the audit passes), at a price: the pass hid 4,005 cells for 1,949 failures (22,442 primaries,
 * 14,121 secondaries), where repair LPs on smaller tables hide about one cell per failure.
 */
const LP_WORK_LIMIT = 200_000;

/** {@link LP_WORK_LIMIT}, or the `PRIKK_REPAIR_LP_WORK` environment variable when set (tests set 0: every failure). */
function lpWorkLimit(): number {
  return envInt('PRIKK_REPAIR_LP_WORK', 0) ?? LP_WORK_LIMIT;
}

/**
 * Cell suppression that holds: primary rules, secondary suppression, singleton handling and an audit, for one
 * table or for linked tables protected together (see `CellSpace`).
 *
 * Fast method (default):
 * 1. Gaussian elimination (Langsrud 2024, SSB's GaussSuppression; `gaussSecondary`): candidates in order of
 *    publishing priority (`publishOrder`: zeros first, as they are poor cover, then most costly to hide, then larger
 *    count, then index); no primary cell is then a linear combination of published cells.
 * 2. Singletons (`singletonPass`): no relation keeps a singleton with only one other hidden cell, where a hidden cell
 *    the attacker derives exactly counts as published (it covers nothing). Then, once, the
 *    interval failures one relation proves (`relationBoundPass`: a target whose relation with a published total
 *    leaves its hidden members summing below its upper target gets one more hidden cell there, no LP), and the
 *    singleton pass again for what that hid.
 * 3. Repair rounds. A round's failures are grouped by the hidden component they lie in; the groups are repaired
 *    independently, each from the round's pattern (so at the same time, the large repair LPs on the audit's worker
 *    threads, merged in group order: the same pattern on every thread setting), and within a group in waves of
 *    failures at least 3 relations apart (`repairWaves`, in cell order), each on the pattern as the group's earlier
 *    waves left it: first the cheap candidate (`boxRepair`: one published cell near the target, on its relations or
 *    on those of its hidden partners, whose hiding lets box moves, the hypercube method's cubes, prove the interval
 *    wide enough), else a repair LP (`repairCell`, the Fischetti–Salazar attacker subproblem with the hiding
 *    decisions relaxed) picks published cells to hide; a failure within `NEAR` (2) relations of a cell the group hid
 *    earlier in the round (an earlier wave, or an earlier member of its own) waits for the next round, as that repair
 *    often fixed it too; in the rounds on failures propagation proved, a failure gets its repair LP only while
 *    propagation still proves it on the pattern the repairs before it left (after the propagation pass, and before
 *    each later wave: in the hierarchical 5-D table's giant component 24 of 94 repair LPs had found nothing to hide,
 *    45 s of LP time; before its first audit 72 → 35 s; registry4 124 → 115 repair LPs, 10 fewer secondaries). The
 *    first rounds take the failures that bound propagation proves (`propagatedFailures`:
 *    interval propagation over the relations, outer bounds of the attacker's LP, no LP; on the benchmark tables it
 *    proves all or nearly all of what the first audit would find), until it proves none. In a hidden component where one repair LP per failure would be
 *    too much work (its failures × its hidden cells above `LP_WORK_LIMIT`, as when a registry's 4-dimensional table
 *    joins most hidden cells into a few components), these proved failures get a cell from the relation that binds
 *    their propagated bound instead (`propagationRepairPass`, no LP), round after round. Then hidden non-sensitive
 *    cells the attacker derives exactly anyway are published again (`publishDerivable`: no interval changes), and the
 *    audit (`auditTable`'s engine) finds what is left (intervals bounded by non-negativity through several relations
 *    at once, which linear independence does not see and propagation may miss), and rounds and audits alternate until the audit passes; the
 *    result's audit is a complete one (as de Wolf's HiTaS and sdcTable's protectTable end with a check of the whole
 *    pattern). Every audit after a round is complete (hiding more cells never narrows an interval): it re-audits the
 *    targets connected to a cell hidden since the last audit, carrying their passing verdicts over as inner widths
 *    (`AuditReuse.hidden`: the pattern only grew) and solving LPs for the failing ones, and, when it passes, makes the
 *    narrowest width exact (a failing audit's narrowest width is thrown away with its pattern). The cores' LP models
 *    are kept from one audit to the next (`CoreModelCache`): a core the round did not change is re-solved warm.
 *    Benchmark tables (session 6, against session 5): the 49k-cell table 6,342 → 6,332 secondaries, 170 → 45 repair
 *    LPs, 4 audits → 1, 15.1 → 6.7 s; the 110k-cell one 8,937 → 8,943 secondaries, 67 → 32 repair LPs, 4 audits → 1,
 *    35.8 → 16.5 s.
 *
 * Optimal method: the fast pattern, cleaned of the secondaries it does not need (`cleanupPattern`: each published
 * again, in publishing order, when the audit still passes without it; at most 3/4 of the time limit), then the
 * mixed-integer program of Fischetti & Salazar (2001) with Benders cuts from the audit's attacker LPs, solved by HiGHS
 * (`optimalPattern`); then the same audit and singleton pass. The cleaned pattern is the MIP's first incumbent, and
 * the result when the loop after the MIP ends costlier than it (the MIP reads singletons by the structural rule,
 * without derivable cells) or failing where it passed. On the benchmark's small tables (rule count < 5) the cleanup
 * published 0, 5, 7 and 27 of 84, 139, 196 and 476 secondaries (about 1 s on the first three, 27-28 s on the last);
 * on the last (3,036 cells, 4 dimensions), where the MIP finds nothing cheaper in 60 s, the result went from 474-476
 * to 449 secondaries.
 *
 * Deterministic: the same tables and policy give the same pattern (no randomness; ties by index; HiGHS runs
 * single-threaded and deterministically). The optimal method is, unless its time limit stops the cleanup or the MIP:
 * where they stop depends on the machine's speed (`optimal.timeLimitReached` says so).
 *
 * Cost: fast — step 1 near-linear in the cells plus fill-in (see `gaussSecondary`), step 2 linear per sweep,
 * plus per repaired failure a few dozen box searches (`boxRepair`) and, when those find nothing, one LP over
 * its neighbourhood, and one audit per round (LPs only for the failing targets, see step 3);
 * optimal — exponential in the worst case (a MIP), for tables up to `maxOptimalCells`.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a bad policy (no rules, unknown method, bad weights) or tables that
 * cannot be linked, or when the environment variable `PRIKK_REPAIR_LP_WORK` (a test setting for `LP_WORK_LIMIT`) is
 * set to anything but an integer >= 0; whatever a rule throws when the table lacks what it reads; `ABORTED` when
 * `policy.signal` is aborted (no result: checked between steps and before each LP), and whatever `onProgress` throws.
 * @example
 * const r = await suppressCells(table, { rules: [frequencyRule({ n: 3 })] });
 * r.primaryCount     // 1 on the sdcTable example
 * r.secondaryCount   // 3
 * r.audit.passed     // true
 * r.tables[0].statusOf(r.tables[0].indexOf({ region: 'A', gender: 'female' })) // 'primary'
 */
export async function suppressCells(input: CellTable | readonly CellTable[], policy: SuppressionPolicy): Promise<SuppressionResult> {
  const start = performance.now();
  const tables: readonly CellTable[] = input instanceof CellTable ? [input] : input;
  validatePolicy(tables, policy);
  const { signal } = policy;
  throwIfAborted(signal, 'suppressCells');
  const method = policy.method ?? 'fast';
  const singletons = policy.singletons ?? true;
  const space = CellSpace.fromTables(tables);

  // Primary cells, per table, merged into the space.
  const primary = new Uint8Array(space.cellCount);
  const byRule = new Map<string, Set<number>>();
  tables.forEach((t, ti) => {
    const p = applyPrimaryRules(t, policy.rules);
    const map = space.cellOf[ti]!;
    for (let c = 0; c < t.cellCount; c++) {
      const mask = p.reasons[c]!;
      if (!mask) continue;
      const s = map[c]!;
      primary[s] = 1;
      p.ruleNames.forEach((name, r) => {
        if (mask & (1 << r)) {
          let set = byRule.get(name);
          if (!set) byRule.set(name, (set = new Set()));
          set.add(s);
        }
      });
    }
  });
  const counts = space.values({ kind: 'count' });
  const cost = cellCosts(space, counts, policy.cost ?? 'cells');
  const order = publishOrder(cost, counts);
  const rank = new Int32Array(space.cellCount);
  order.forEach((c, i) => (rank[c] = i));

  const tSecondary = performance.now();
  // The hidden count of the last pattern reported, for the `proving` events of its audit (the pattern is the same).
  let lastHidden = 0;
  const report: ProgressReport = (hidden, step, at = {}) => {
    // Once aborted, nothing more is reported: the run stops at its next check.
    if (!policy.onProgress || signal?.aborted) return;
    if (hidden) {
      lastHidden = 0;
      for (let c = 0; c < hidden.length; c++) lastHidden += hidden[c]!;
    }
    const { round = 0, audits = 0, failures = 0, proved = 0, toProve = 0 } = at;
    policy.onProgress(Object.freeze({ step, round, audits, hidden: lastHidden, failures, proved, toProve, elapsedMs: performance.now() - start }));
  };
  const ctx: LoopContext = { space, primary, rules: policy.rules, singletons, counts, cost, rank, signal, report };
  const fastHidden = primary.slice();
  // The repairs and the audit of a large table want the LP workers: they load HiGHS while the elimination runs here.
  warmAuditThreads(space.cellCount);
  const sec = gaussSecondary(space, primary, order, Uint8Array.from(counts, (v) => (v === 0 ? 1 : 0)));
  for (let c = 0; c < fastHidden.length; c++) if (sec[c]) fastHidden[c] = 1;
  throwIfAborted(signal, 'suppressCells');
  report(fastHidden, 'secondary');
  let hidden: Uint8Array = fastHidden;
  let fast: LoopOutcome | undefined;
  let optimal: OptimalOutcome | undefined;
  let republished = 0;
  if (method === 'optimal') {
    // The fast pattern, protected, is the MIP's starting incumbent: the optimum can only be as good or better, and a
    // MIP stopped by its time limit still returns a pattern no worse than the fast one.
    fast = await auditAndRepair(ctx, fastHidden);
    report(fastHidden, 'optimal');
    const limit = policy.optimalTimeLimit ?? 60;
    const tSearch = performance.now();
    if (fast.audit.result.passed) {
      // The secondaries the fast pattern does not need are published again first (at most 3/4 of the time limit:
      // where it is slow, on larger tables, the MIP rarely improves on its start; where the MIP does, it is fast), so
      // the MIP starts from a cheaper incumbent, and the cleaned pattern stands when it finds nothing cheaper.
      const cleaned = await cleanupPattern({
        space,
        primary,
        rules: policy.rules,
        singletons,
        hidden: fastHidden,
        audit: fast.audit,
        order,
        deadline: tSearch + limit * 750,
        signal,
        onPublished: (h) => report(h, 'optimal'),
      });
      fastHidden.set(cleaned.hidden);
      fast = { ...fast, audit: cleaned.audit };
      republished = cleaned.published.length;
    }
    optimal = await optimalPattern({
      space,
      primary,
      rules: policy.rules,
      cost,
      singletons,
      timeLimit: Math.max(0.01, limit - (performance.now() - tSearch) / 1000),
      ...(fast.audit.result.passed ? { start: fastHidden } : {}),
      ...(signal ? { signal } : {}),
      onRound: (rounds, h) => report(h, 'optimal', { round: rounds }),
    });
    hidden = optimal.hidden.slice();
  }

  const tLoop = performance.now();
  const loop = await auditAndRepair(ctx, hidden);
  // The MIP reads singletons by the structural rule only; should the loop then hide more than the fast pattern did
  // (or fail where the fast one passed), the fast pattern is the result: the optimal method never hides more.
  const fastWins = fast !== undefined && fast.audit.result.passed && (!loop.audit.result.passed || costOf(fastHidden, cost) < costOf(hidden, cost));
  if (fastWins) hidden = fastHidden;
  const { audit, singletonAdded, repairAdded } = fastWins ? fast! : loop;
  // Aborted during a last step that needed no LP: still no result, as the signal promises.
  throwIfAborted(signal, 'suppressCells');
  const tEnd = performance.now();
  const out = tables.map((t, ti) => {
    const map = space.cellOf[ti]!;
    const status = new Uint8Array(t.cellCount);
    for (let c = 0; c < t.cellCount; c++) {
      const s = map[c]!;
      status[c] = primary[s] ? PRIMARY : hidden[s] ? SECONDARY : PUBLISHED;
    }
    return t.withStatus(status);
  });
  let primaryCount = 0;
  let secondaryCount = 0;
  let hiddenValue = 0;
  let allValue = 0;
  for (let s = 0; s < space.cellCount; s++) {
    if (primary[s]) primaryCount++;
    else if (hidden[s]) secondaryCount++;
    allValue += counts[s]!;
    if (hidden[s]) hiddenValue += counts[s]!;
  }
  const primaryByRule: Record<string, number> = {};
  for (const rule of policy.rules) primaryByRule[rule.name] = byRule.get(rule.name)?.size ?? 0;
  return Object.freeze({
    tables: Object.freeze(out),
    method,
    primaryCount,
    primaryByRule: Object.freeze(primaryByRule),
    secondaryCount,
    suppressedValueShare: allValue > 0 ? hiddenValue / allValue : 0,
    singletonAdded,
    repairAdded,
    audit: audit.result,
    milliseconds: performance.now() - start,
    phases: Object.freeze({
      primary: tSecondary - start,
      secondary: tLoop - tSecondary - (fast?.auditMs ?? 0),
      audits: (fast?.auditMs ?? 0) + loop.auditMs,
      repairs: tEnd - tLoop - loop.auditMs,
    }),
    loop: Object.freeze({
      rounds: (fast?.rounds ?? 0) + loop.rounds,
      audits: (fast?.audits ?? 0) + loop.audits,
      repairLps: (fast?.lpCounter.n ?? 0) + loop.lpCounter.n,
      boxRepairs: (fast?.lpCounter.box ?? 0) + loop.lpCounter.box,
      relationBound: (fast?.relationBound ?? 0) + loop.relationBound,
      propagationRepairs: (fast?.propagationAdded ?? 0) + loop.propagationAdded,
      derivablePublished: (fast?.derivablePublished ?? 0) + loop.derivablePublished,
      provedRounds: (fast?.provedRounds ?? 0) + loop.provedRounds,
    }),
    ...(optimal ? { optimal: optimalSummary(optimal, hidden, cost, republished) } : {}),
  });
}

/** The cost of hiding the cells of `hidden`. */
function costOf(hidden: Uint8Array, cost: Float64Array): number {
  let sum = 0;
  for (let c = 0; c < hidden.length; c++) if (hidden[c]) sum += cost[c]!;
  return sum;
}

/**
 * How sure the optimal method is of its pattern. The final loop may hide more cells than the MIP chose (singletons
 * and repairs after it): then the pattern is not the MIP's optimum, and is not called proven.
 */
function optimalSummary(o: OptimalOutcome, hidden: Uint8Array, cost: Float64Array, republished: number): NonNullable<SuppressionResult['optimal']> {
  let same = true;
  for (let c = 0; c < hidden.length && same; c++) if (hidden[c] !== o.hidden[c]) same = false;
  const patternCost = costOf(hidden, cost);
  return Object.freeze({
    proven: o.proven && same,
    rounds: o.rounds,
    cost: patternCost,
    costLowerBound: Math.min(o.costLowerBound, patternCost),
    timeLimitReached: o.timeLimitReached,
    republished,
  });
}

/** What the audit-and-repair loop reads (fixed for one protect run). */
interface LoopContext {
  readonly space: CellSpace;
  readonly primary: Uint8Array;
  readonly rules: SuppressionPolicy['rules'];
  readonly singletons: boolean;
  readonly counts: Float64Array;
  readonly cost: Float64Array;
  readonly rank: Int32Array;
  /** Stops the loop before its next step or LP once aborted. */
  readonly signal: AbortSignal | undefined;
  /** Tells `onProgress` a step starts, or how an audit goes on (see {@link ProgressReport}). */
  readonly report: ProgressReport;
}

/**
 * Tells `onProgress` where the run is: the pattern (undefined: the one reported last), the step, and the counts that
 * apply to it (0 when left out).
 */
type ProgressReport = (
  hidden: Uint8Array | undefined,
  step: SuppressionProgress['step'],
  at?: { readonly round?: number; readonly audits?: number; readonly failures?: number; readonly proved?: number; readonly toProve?: number },
) => void;

/** What {@link auditAndRepair} did: the last audit, and counts for the result. */
interface LoopOutcome {
  readonly audit: Awaited<ReturnType<typeof auditPattern>>;
  readonly singletonAdded: number;
  readonly repairAdded: number;
  readonly relationBound: number;
  readonly propagationAdded: number;
  readonly derivablePublished: number;
  readonly provedRounds: number;
  readonly auditMs: number;
  readonly rounds: number;
  readonly audits: number;
  readonly lpCounter: { readonly n: number; readonly box: number };
}

/**
 * Steps 2-3 of the fast method (see {@link suppressCells}): the singleton pass, the audit, and repairs of what it
 * finds, round by round until the audit passes or nothing more can be repaired. `hidden` is grown in place.
 */
async function auditAndRepair(ctx: LoopContext, hidden: Uint8Array): Promise<LoopOutcome> {
  // The cores' LP models are kept from one audit to the next (most cores come back unchanged: see CoreModelCache).
  const models = new CoreModelCache();
  try {
    return await auditAndRepairWith(ctx, hidden, models);
  } finally {
    models.dispose();
  }
}

async function auditAndRepairWith(ctx: LoopContext, hidden: Uint8Array, models: CoreModelCache): Promise<LoopOutcome> {
  const { space, primary, rules, singletons, counts, cost, rank, signal, report } = ctx;
  let auditMs = 0;
  let singletonAdded = 0;
  let repairAdded = 0;
  const unrepairable = new Set<string>();
  let audit: Awaited<ReturnType<typeof auditPattern>> | undefined;
  // Cells hidden since the last audit.
  let addedSince: number[] = [];
  let rounds = 0;
  const lpCounter = { n: 0, box: 0 };
  // The box repairs' chains refill emptied cells as the audit's do (see REPAIR_REFILLS).
  const finder = new BoxMoveFinder(space, { refills: REPAIR_REFILLS });
  const emptyOnce = new Set<string>();
  const waveScratch = new WaveScratch(space.cellCount);
  let audits = 0;
  // Before the first audit: rounds whose failures bound propagation proves (no LP finds them; see
  // propagatedFailures), repaired as the audit's are, until propagation proves none; the first audit then finds only
  // what propagation cannot see. In the first round, the failures one relation proves are closed first without an LP
  // (relationBoundPass, after the singleton pass, which then runs again for the cells it hid).
  const targets = boundTargets(space, rules, primary);
  const valuesOfGroup = new Map(targets.map((t) => [t.group, t.values]));
  let proving = targets.length > 0;
  let provedRounds = 0;
  let relationBound = 0;
  let propagationAdded = 0;
  const workLimit = lpWorkLimit();
  // Every quantity the audit reads (for publishDerivable), each once.
  const quantities = [...new Map(rules.map((r) => [quantityKey(r.quantity), r.quantity])).values()].map((q) => space.values(q));
  if (!rules.some((r) => r.quantity.kind === 'count')) quantities.push(counts);
  let derivablePublished = 0;
  // The singleton pass on the pattern as it is (derivable cells read as published; sensitive cells always cover).
  const hideForSingletons = (): number[] => singletonPass(space.relations, counts, hidden, rank, primary, space.relationIndex);
  for (;;) {
    await abortPoint(signal, 'suppressCells');
    if (singletons) {
      const more = hideForSingletons();
      singletonAdded += more.length;
      for (const c of more) addedSince.push(c);
    }
    if (rounds === 0 && audits === 0) {
      const bound = relationBoundPass(space.relations, space.relationIndex, targets, hidden, rank);
      relationBound = bound.length;
      repairAdded += bound.length;
      if (singletons && bound.length > 0) singletonAdded += hideForSingletons().length;
    }
    let failures: readonly AuditFailure[] = [];
    /** Of `failures` (proved by propagation), those propagation still proves on `pattern`, in order. */
    const stillProved = (list: readonly AuditFailure[], pattern: Uint8Array): AuditFailure[] => {
      const proved = new Set(propagatedFailures(space, targets, pattern).map((f) => `${f.group}:${f.cell}`));
      return list.filter((f) => proved.has(`${f.group}:${f.cell}`));
    };
    // This round's propagated bounds per group (filled by propagatedFailures, read by propagationRepairPass).
    const roundBounds = new Map<number, PropagatedBounds>();
    if (proving) {
      failures = propagatedFailures(space, targets, hidden, roundBounds).filter((f) => !unrepairable.has(`${f.group}:${f.cell}`));
      if (failures.length === 0) proving = false;
    }
    // Hiding more cells only removes constraints from the attacker's problem (a published value becomes an
    // unknown >= 0), so every table feasible before stays feasible and a passing verdict keeps passing. Every
    // audit after the first re-audits only the targets connected to a cell hidden since the last one (the others'
    // verdicts are current), and of those the audit carries the passing verdicts over as inner widths (the pattern
    // grew from `audit.hidden`) and solves LPs for the failing ones, then makes the narrowest width exact: each
    // audit is complete and costs about what an audit of the failures alone would, and the loop ends with the
    // audit of the final pattern.
    // The hidden components of this round's pattern (the audit changes nothing), made once when first needed: for
    // the recheck and the repair groups.
    let components: Int32Array | undefined;
    const componentsOf = (): Int32Array => (components ??= hiddenComponents(space.relations, hidden));
    let reuse: AuditReuse | undefined;
    if (audit && !proving) {
      const comp = componentsOf();
      const touched = new Set(addedSince.map((c) => comp[c]!));
      const recheck = Uint8Array.from(comp, (r, c) => (hidden[c] && touched.has(r) ? 1 : 0));
      reuse = { verdicts: audit.verdicts, recheck, hidden: audit.hidden };
    }
    if (!proving && audits === 0) {
      // Before the first audit: hidden cells the attacker derives exactly anyway are published (no interval changes),
      // then the singleton pass runs again, as a published cell may leave a relation with two hidden cells.
      derivablePublished = publishDerivable(space.relations, quantities, hidden, primary).length;
      if (singletons && derivablePublished > 0) singletonAdded += hideForSingletons().length;
    }
    if (!proving) {
      const tAudit = performance.now();
      report(hidden, 'audit', { round: rounds, audits: audits + 1 });
      const onProved = (proved: number, toProve: number): void => report(undefined, 'proving', { round: rounds, audits: audits + 1, proved, toProve });
      // The narrowest width is made exact only by a passing audit (a failing one is followed by repairs and another
      // audit); should the loop stop with failures left, that audit is made exact below.
      audit = await auditPattern(space, hidden, primary, rules, singletons, reuse, { exactOnlyWhenPassing: true, models, signal, onProved });
      models.endGeneration();
      auditMs += performance.now() - tAudit;
      audits++;
      addedSince = [];
      failures = audit.failures;
    }
    let todo = failures.filter((f) => !unrepairable.has(`${f.group}:${f.cell}`));
    if (todo.length === 0) break;
    report(hidden, 'repairs', { round: rounds + 1, audits, failures: todo.length });
    let progress = false;
    // Failures proved by propagation in components too large for one repair LP each (see LP_WORK_LIMIT) get cells
    // from their binding relations instead; the next round's propagation, then the audit, tell what still fails.
    if (proving) {
      const { large, rest } = splitByLpWork(todo, componentsOf(), hidden, workLimit);
      if (large.length > 0) {
        const pass = propagationRepairPass(space.relations, space.relationIndex, (g) => valuesOfGroup.get(g)!, hidden, rank, large, roundBounds);
        for (const c of pass.added) {
          repairAdded++;
          addedSince.push(c);
          progress = true;
        }
        propagationAdded += pass.added.length;
        todo = [...rest, ...pass.left];
        // The cells just hidden may have fixed failures in other components too (they join components): only those
        // propagation still proves go to the repair LPs, the others wait for the next round.
        if (pass.added.length > 0 && todo.length > 0) todo = stillProved(todo, hidden);
      }
    }
    // Failures are grouped by the hidden component they lie in (at the round's start); each group is repaired in
    // waves (`repairWaves`, which also says which failures wait for the next round, whose audit or propagation tells
    // whether a neighbour's repair fixed them). The groups are independent of each other (each starts from the round's
    // pattern), so their LPs run at the same time as a wave's — the large ones on the audit's worker threads — and
    // what they hide is merged in group order: the same pattern on every thread setting.
    const highs = await loadHighs();
    rounds++;
    if (proving) provedRounds++;
    const valuesOf = (group: number): Float64Array => (proving ? valuesOfGroup.get(group)! : audit!.groups[group]!.values);
    const comp = componentsOf();
    const byComponent = new Map<number, AuditFailure[]>();
    for (const f of todo) {
      const list = byComponent.get(comp[f.cell]!);
      if (list) list.push(f);
      else byComponent.set(comp[f.cell]!, [f]);
    }
    const threads = auditThreads();
    const pool = threads.pool;
    const lpOf = pool
      ? (data: CoreLpData, label: string): CoreLp => (data.numCols >= threads.minColumns ? pool.createModel(data, label) : localCoreLp(highs, data, label))
      : undefined;
    const repair = (f: AuditFailure, pattern: Uint8Array): Promise<number[] | undefined> =>
      repairFailure({ highs, finder, space, values: valuesOf(f.group), hidden: pattern, cost, rank, failure: f, counter: lpCounter, lpOf, signal });
    // In a round on failures propagation proved, a failure of a later wave gets its LP only while propagation still
    // proves it on the pattern the earlier waves left: in a giant hidden component their cells often fix it from
    // further away than NEAR, and its repair LP (thousands of columns there) would find nothing to hide.
    const repaired = await Promise.all([...byComponent.values()].map((failures) => repairWaves(space, hidden, failures, repair, waveScratch, proving ? stillProved : undefined)));
    for (const { key, added } of repaired.flat()) {
      if (!added) {
        unrepairable.add(key);
        continue;
      }
      let any = false;
      for (const c of added) {
        if (!hidden[c]) {
          hidden[c] = 1;
          repairAdded++;
          addedSince.push(c);
          progress = true;
          any = true;
        }
      }
      // An LP that finds nothing to hide for a failure the audit still reports (round-off between the two) is not
      // retried for ever: the second time, the failure stays in the result.
      if (!any) {
        if (emptyOnce.has(key)) unrepairable.add(key);
        emptyOnce.add(key);
      }
    }
    if (!progress && todo.every((f) => unrepairable.has(`${f.group}:${f.cell}`))) {
      if (!proving) break;
      proving = false;
    }
  }
  if (!audit!.result.passed && audit!.failures.length > 0) {
    // Stopped with failures left (unrepairable): the result's narrowest width is made exact on the same pattern
    // (nothing to recheck, so no LP but those of the narrowest walk).
    const tAudit = performance.now();
    report(hidden, 'audit', { round: rounds, audits: audits + 1 });
    audit = await auditPattern(space, hidden, primary, rules, singletons, { verdicts: audit!.verdicts, recheck: new Uint8Array(space.cellCount), hidden: audit!.hidden }, { models, signal });
    auditMs += performance.now() - tAudit;
    audits++;
  }

  return { audit: audit!, singletonAdded, repairAdded, relationBound, propagationAdded, derivablePublished, provedRounds, auditMs, rounds, audits, lpCounter };
}

function validatePolicy(tables: readonly CellTable[], policy: SuppressionPolicy): void {
  if (!Array.isArray(tables) || tables.length === 0 || !tables.every((t) => t instanceof CellTable)) {
    throw new PrikkError('INVALID_ARGUMENT', 'suppressCells: expected a CellTable or a non-empty array of CellTables');
  }
  if (!policy || !Array.isArray(policy.rules) || policy.rules.length === 0) {
    throw new PrikkError('INVALID_ARGUMENT', 'suppressCells: expected policy.rules to hold at least one primary rule');
  }
  if (policy.method !== undefined && policy.method !== 'fast' && policy.method !== 'optimal') {
    throw new PrikkError('INVALID_ARGUMENT', `suppressCells: expected policy.method 'fast' or 'optimal', got '${String(policy.method)}'`);
  }
  checkSignal(policy.signal, 'suppressCells: policy.signal');
  checkCallback(policy.onProgress, 'suppressCells', 'policy.onProgress');
  if (policy.singletons !== undefined && typeof policy.singletons !== 'boolean') {
    throw new PrikkError('INVALID_ARGUMENT', 'suppressCells: expected policy.singletons to be a boolean');
  }
  const c = policy.cost;
  if (c !== undefined && c !== 'cells' && c !== 'value') {
    if (!c || !Array.isArray(c.weights) || c.weights.length !== tables.length) {
      throw new PrikkError('INVALID_ARGUMENT', `suppressCells: expected policy.cost 'cells', 'value' or { weights } with one array per table (${tables.length})`);
    }
    c.weights.forEach((w, i) => {
      if (w.length !== tables[i]!.cellCount) {
        throw new PrikkError('INVALID_ARGUMENT', `suppressCells: policy.cost.weights[${i}] has ${w.length} values, expected ${tables[i]!.cellCount}`);
      }
      for (const x of w) {
        if (!(Number.isFinite(x) && x > 0)) throw new PrikkError('INVALID_ARGUMENT', `suppressCells: policy.cost.weights[${i}] must hold positive finite numbers`);
      }
    });
  }
  const m = policy.maxOptimalCells ?? 5000;
  if (!Number.isInteger(m) || m < 1) throw new PrikkError('INVALID_ARGUMENT', `suppressCells: expected policy.maxOptimalCells to be an integer >= 1, got ${m}`);
  const tl = policy.optimalTimeLimit ?? 60;
  if (!(typeof tl === 'number' && tl > 0)) throw new PrikkError('INVALID_ARGUMENT', `suppressCells: expected policy.optimalTimeLimit > 0, got ${tl}`);
  if (policy.method === 'optimal') {
    let total = 0;
    for (const t of tables) total += t.cellCount;
    if (total > m) {
      throw new PrikkError('INVALID_ARGUMENT', `suppressCells: the optimal method is limited to ${m} cells (policy.maxOptimalCells), the tables have ${total}; use method 'fast'`);
    }
  }
}

/** Cost of hiding each space cell. */
function cellCosts(space: CellSpace, counts: Float64Array, cost: SuppressionCost): Float64Array {
  const out = new Float64Array(space.cellCount);
  if (cost === 'cells') out.fill(1);
  else if (cost === 'value') for (let c = 0; c < out.length; c++) out[c] = counts[c]! + 1;
  else {
    for (let c = 0; c < out.length; c++) out[c] = cost.weights[space.originTable[c]!]![space.originCell[c]!]!;
  }
  return out;
}

/**
 * Splits failures by the repair-LP work their hidden component would take this round (its failures × its hidden
 * cells, see {@link LP_WORK_LIMIT}): `large` over `limit`, `rest` within it, each in the given order.
 */
function splitByLpWork(failures: readonly AuditFailure[], comp: Int32Array, hidden: Uint8Array, limit: number): { large: AuditFailure[]; rest: AuditFailure[] } {
  const count = new Map<number, number>();
  for (const f of failures) count.set(comp[f.cell]!, (count.get(comp[f.cell]!) ?? 0) + 1);
  const size = new Map<number, number>();
  for (let c = 0; c < hidden.length; c++) if (hidden[c] && count.has(comp[c]!)) size.set(comp[c]!, (size.get(comp[c]!) ?? 0) + 1);
  const large: AuditFailure[] = [];
  const rest: AuditFailure[] = [];
  for (const f of failures) {
    const k = comp[f.cell]!;
    (count.get(k)! * size.get(k)! > limit ? large : rest).push(f);
  }
  return { large, rest };
}



/** What {@link repairFailure} needs. */
interface RepairFailureInput {
  readonly highs: Awaited<ReturnType<typeof loadHighs>>;
  readonly finder: BoxMoveFinder;
  readonly space: CellSpace;
  readonly values: Float64Array;
  readonly hidden: Uint8Array;
  readonly cost: Float64Array;
  readonly rank: Int32Array;
  readonly failure: AuditFailure;
  /** Repair LPs solved (`n`) and directions repaired by one cell without an LP (`box`), counted up. */
  readonly counter: { n: number; box: number };
  /** Where the repair LPs are solved (see `RepairInput.lpOf`); defaults to this thread. */
  readonly lpOf?: ((data: CoreLpData, label: string) => CoreLp) | undefined;
  /** Stops before the next repair LP once aborted. */
  readonly signal: AbortSignal | undefined;
}

/**
 * The cells to hide for one failure, per direction it fails in: first the cheap candidate (`boxRepair`: one
 * published cell on the target's relations whose hiding box moves prove enough), else the repair LP
 * (`repairCell`) on larger neighbourhoods in turn. Undefined when neither works. The `hidden` array is left as it
 * was; a direction's box candidate counts as hidden while the next direction is repaired.
 */
async function repairFailure(input: RepairFailureInput): Promise<number[] | undefined> {
  const { highs, finder, space, values, hidden, cost, rank, failure: f, counter } = input;
  const x = values[f.cell]!;
  const added: number[] = [];
  const deltas: number[] = [];
  const scale = Math.max(1, Math.abs(x));
  if (f.verdict.failUpper || f.verdict.failWidth) {
    deltas.push(Math.max(f.requirement.upperTarget - x, f.requirement.minWidth, 0) + 1e-6 * scale);
  }
  if (f.verdict.failLower) deltas.push(-Math.min(x, Math.max(x - f.requirement.lowerTarget, 0) + 1e-6 * scale));
  const tentative: number[] = [];
  try {
    for (const delta of deltas) {
      const one = boxRepair({ space, finder, values, hidden, cost, rank, target: f.cell, delta });
      if (one !== undefined) {
        counter.box++;
        added.push(one);
        hidden[one] = 1;
        tentative.push(one);
        continue;
      }
      let done = false;
      for (const radius of RADII) {
        const hiddenDepth = radius < RADII[RADII.length - 1]! ? REPAIR_HIDDEN_DEPTH : Infinity;
        await abortPoint(input.signal, 'suppressCells');
        const cells = await repairCell({ highs, space, values, hidden, cost, rank, target: f.cell, delta, radius, hiddenDepth, counter, signal: input.signal, ...(input.lpOf ? { lpOf: input.lpOf } : {}) });
        if (cells) {
          for (const c of cells) added.push(c);
          done = true;
          break;
        }
      }
      if (!done) return undefined;
    }
  } finally {
    for (const c of tentative) hidden[c] = 0;
  }
  return added;
}
