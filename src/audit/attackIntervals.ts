import type { FeasiblePoint } from './BoxMoveFinder.js';
import { AttackCore, TOL, type AttackState, type CertifyState, type CoreRow } from './AttackCore.js';
import { PrikkError } from '../errors/PrikkError.js';
import { auditThreads, type AuditThreads } from './auditThreads.js';
import { CoreModelCache } from './CoreModelCache.js';
import type { NarrowestBudget } from './NarrowestBudget.js';
import { reduceHidden } from './reduceHidden.js';
import type { Relations } from './Relations.js';

/** What a target's interval must reach for the audit to pass (see `ProtectionRequirement`). @internal */
export interface AttackGoal {
  /** The upper bound must reach this (`-Infinity`: no requirement). */
  readonly upper: number;
  /** The lower bound must reach down to this (`Infinity`: no requirement). */
  readonly lower: number;
  /** Minimum width `upper - lower`. */
  readonly width: number;
  /**
   * Optional, with a width goal alone: the width the saturating LPs aim at (at least `width`). A "not pinned" goal
   * (a width of 10^-3) aims at `NOT_PINNED_AIM`: an LP's table reaching exactly 10^-3 among values of 10^5
   * could fall short of it by round-off and leave the goal open. Defaults to `width`.
   */
  readonly aim?: number;
}

/** What {@link attackIntervals} needs: the relations, the published values, which cells are hidden, and targets. @internal */
export interface AttackInput {
  readonly relations: Relations;
  /** Published values; hidden entries are read only as a known feasible point, and may be NaN. */
  readonly values: Float64Array;
  /** 1 for hidden cells. */
  readonly hidden: Uint8Array;
  /** Hidden cells whose feasible interval is wanted. */
  readonly targets: Int32Array;
  /**
   * Optional goal per target. With goals, a target whose interval is shown to reach its goal by feasible tables
   * found on the way needs no LP of its own; its bounds are then inner bounds (`exact[i] = 0`). Without goals,
   * every bound is exact.
   */
  readonly goals?: readonly AttackGoal[];
  /** Names a cell for error messages (coordinates, never a value). */
  readonly describe: (cell: number) => string;
  /**
   * Optional cheap certificates (with goals only): a table the attacker cannot rule out, reached from the true
   * table (`values`, hidden entries known) by moving `cell` towards `amount` in `direction`, or undefined. It must
   * be a proof (every relation and published value kept, nothing negative: see {@link FeasiblePoint}, made by
   * `BoxMoveFinder.reach`); the goals its values reach need no LP. Only a failure to find one falls back to the LP.
   * Each point is read before the next call, so it may share buffers between calls (`BoxMoveFinder.reachShared`).
   * With `from` (a table the attacker cannot rule out, one value per cell), the move starts there instead of the
   * true table, and the point's other cells keep their values in `from`: after each saturating LP of a core, the
   * goals still open are tried again from the LP's table, where cells the true table had at zero may carry the box.
   */
  readonly moves?: ((cell: number, direction: 1 | -1, amount: number, from?: Float64Array) => FeasiblePoint | undefined) | undefined;
  /**
   * Optional: an exact width known from outside `targets` (another target's, audited before). The narrowest of
   * the targets and that one is made exact: targets whose known width is not below it keep inner widths (their
   * true widths are at least their known ones, so at least it). Defaults to `Infinity` (the narrowest of the
   * targets themselves is made exact).
   */
  readonly exactBelow?: number;
  /**
   * Optional, per target: 1 when its width is reported, so that it takes part in making the narrowest exact; 0 for
   * a target required only not to be pinned (see `NOT_PINNED`: its width is no protection interval, so the walk
   * gives it no LP and its width, exact or not, bounds no other). Defaults to every target taking part.
   */
  readonly widthReported?: Uint8Array;
  /**
   * Optional: the LP work the walk that makes the narrowest width exact may spend (shared with the audit's other
   * calls; see {@link NarrowestBudget}). Without it the walk goes on until the narrowest width is exact.
   */
  readonly narrowestBudget?: NarrowestBudget | undefined;
  /**
   * Optional: where the core LPs are solved (a worker pool for the large cores, see {@link AuditThreads}). Defaults
   * to `auditThreads()` (the `PRIKK_THREADS` setting). The bounds are the same on every setting.
   */
  readonly threads?: AuditThreads;
  /**
   * Optional: models of cores kept from earlier calls (see {@link CoreModelCache}); a core whose LP is there is
   * re-solved warm, and a core built here is kept there. Without it every model is built here and freed at the end.
   */
  readonly models?: CoreModelCache;
  /** Optional: stops before the next LP once aborted (`PrikkError` `ABORTED`); the models are freed as on any error. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Optional: called after every LP of a core (certification, push-down, walk) with its work, the core's columns
   * times (the LP's simplex iterations + 1), as a charge (see {@link NarrowestBudget}); to stop, it aborts `signal`
   * (the next LP is then not started).
   */
  readonly chargeLp?: ((work: number) => void) | undefined;
  /**
   * Optional: called as the LPs' unknowns (the hidden cells left after the reduction, each standing for those tied
   * to it) are proved, with how many of how many: after each core's moves, after each saturating round, and as each
   * core ends (for a progress line; the walk to the exact narrowest width comes after).
   */
  readonly onProved?: ((proved: number, total: number) => void) | undefined;
}

/**
 * The attacker's interval for each target. Where `exact[i]` is 1, `lower[i]`/`upper[i]` are the smallest and
 * largest values of `targets[i]` over all non-negative tables that agree with every published value and every
 * relation (`upper` may be `Infinity`); where 0, they are values some such table takes (so the true interval
 * contains them) and they already reach the target's goal. The narrowest target (by width) is exact unless the
 * walk ran out of `narrowestBudget`.
 * Internal to the audit: these bounds say a lot about hidden values, so they never leave it; the audit reports
 * widths and pass/fail only.
 * @internal
 */
export interface AttackBounds {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly exact: Uint8Array;
}


/**
 * Roots of one core from which the walk pushes its candidates down in one LP first (a single root gets its own
 * exact LPs anyway). Measured on the 110k-cell benchmark: the walk ran 124 LPs (65 max, 59 min) after the
 * certification.
 */
const PUSH_DOWN_MIN = 2;

/**
 * Solves the attacker's linear programs: min and max of each target hidden cell subject to the relations, the
 * published values and non-negativity (the audit of tau-ARGUS and sdcTable's `attack`; Hundepool et al. 2012,
 * §4.4.1). Four devices keep it fast without changing any verdict:
 * 1. Reduction ({@link reduceHidden}): relations with at most two free unknowns are eliminated; a target whose
 *    group takes part in no remaining relation gets its exact interval from its group's non-negativity bounds.
 * 2. Moves (optional, `moves`): feasible tables found without an LP (box moves from the true table) certify the
 *    goals they reach, and push each target towards zero; each is a proof, so a goal they reach holds. After each
 *    saturating LP of a core (3), the goals still open are tried again from the LP's table.
 * 3. LP certificates: the remaining relations form cores, one HiGHS model each, built only when a goal is still
 *    open. LPs that push all open targets of a core up (or down) at once, each capped at its goal, find tables
 *    that certify most goals; only targets still uncertified get their own (warm-started) LPs, which are exact.
 *    A model's first solve is cold (the dual simplex, after presolve on cores of 600+ columns), every later one
 *    warm (the primal simplex from the last basis).
 * 4. The narrowest interval is made exact: targets (those whose width is reported, `widthReported`) are visited by
 *    increasing known width and get exact LPs until
 *    the next known width is not below the smallest exact width found (or `exactBelow`, an exact width known
 *    outside the targets), or until `narrowestBudget` is spent; a target whose interval the walk's
 *    earlier optima widened to at least that width gets none. Before that walk, one LP per core pushes the roots of
 *    every target it may visit down at once (a minimum at the non-negativity bound is exact), so that fewer targets
 *    stay narrower than the smallest exact width.
 *
 * The cores are independent: their certification (3) and the push-down before the walk (4) run for all cores at
 * the same time, the large cores' models in worker threads (`threads`, see `auditThreads`: cores of `minColumns`
 * or more), the others on this thread; the walk itself stays one LP at a time. A core's
 * sequence of solves depends only on its own roots, so the bounds are the same on every thread setting and in
 * whatever order the workers finish.
 *
 * Cost: near-linear in the relations for the reduction; a bounded box search per target goal (see
 * `BoxMoveFinder`); per core with open goals, a few aggregate LPs plus at most two per uncertified group (spread
 * over the pool's workers when it is used).
 *
 * @throws {PrikkError} `INVALID_VALUE` when the published values admit no non-negative table, or when HiGHS or a
 * worker fails, or HiGHS answers "infeasible" on three models for a core the true table satisfies (the message names
 * the core by its first cell's coordinates; when several cores fail, the first core's error); `INVALID_ARGUMENT`
 * when `exactBelow` is negative or NaN, or when `PRIKK_THREADS` or `PRIKK_POOL_MIN_COLUMNS` is malformed (without
 * `threads`).
 * @example
 * // Published 9 = x0 + x1 + x2 and 4 = x0 + x3 + x4 (cells 5 and 6), cells 0-4 hidden (true values 2, 3, 4, 1, 1):
 * const b = await attackIntervals({ relations, values: Float64Array.of(2, 3, 4, 1, 1, 9, 4), hidden: Uint8Array.of(1, 1, 1, 1, 1, 0, 0), targets: Int32Array.of(0), describe: String });
 * [b.lower[0], b.upper[0], b.exact[0]] // [0, 4, 1]
 * @internal
 */
export async function attackIntervals(input: AttackInput): Promise<AttackBounds> {
  const { relations, values, hidden, targets, goals, describe } = input;
  if (input.exactBelow !== undefined && !(input.exactBelow >= 0)) {
    throw new PrikkError('INVALID_ARGUMENT', `attackIntervals: exactBelow must be a width >= 0 (or Infinity), got ${input.exactBelow}`);
  }
  const threads = input.threads ?? auditThreads();
  const n = hidden.length;
  const red = reduceHidden(relations, values, hidden, describe);
  const lo = new Float64Array(n).fill(-Infinity);
  const hi = new Float64Array(n).fill(Infinity);
  for (let c = 0; c < n; c++) {
    if (!hidden[c]) continue;
    const r = red.root[c]!;
    const a = red.coef[c]!;
    const b = red.offset[c]!;
    if (red.fixed[r]) {
      const v = b + a * red.fixedValue[r]!;
      if (v < -TOL * Math.max(1, Math.abs(b))) {
        throw new PrikkError('INVALID_VALUE', `audit: the published values force a negative value on ${describe(c)}`);
      }
      continue;
    }
    if (a > 0) lo[r] = Math.max(lo[r]!, -b / a);
    else hi[r] = Math.min(hi[r]!, -b / a);
  }
  for (let c = 0; c < n; c++) {
    if (!hidden[c] || red.root[c] !== c || red.fixed[c] || !(lo[c]! > hi[c]!)) continue;
    if (lo[c]! > hi[c]! + TOL * Math.max(1, Math.abs(lo[c]!))) {
      throw new PrikkError('INVALID_VALUE', `audit: the published values admit no non-negative table (around ${describe(c)})`);
    }
    // Crossed by round-off only (sums of decimal values: a cell the published values pin at 0 can come out with an
    // upper bound of -6.5e-9 on a table of costs): the root is pinned, at its lower bound. Left crossed, the core's
    // LP has an empty column box, which HiGHS answers "infeasible".
    hi[c] = lo[c]!;
  }
  // Per root: the best known values (exact when solved or equal to the box bound), and goals in t-space.
  const minT = lo.slice();
  const maxT = hi.slice();
  const bestMin = new Float64Array(n).fill(Infinity);
  const bestMax = new Float64Array(n).fill(-Infinity);
  const exactMin = new Uint8Array(n).fill(1);
  const exactMax = new Uint8Array(n).fill(1);
  const needMax = new Float64Array(n).fill(-Infinity);
  const needMin = new Float64Array(n).fill(Infinity);
  const needSpan = new Float64Array(n);
  const aimSpan = new Float64Array(n);
  // The true table, when known, is a feasible point.
  for (let c = 0; c < n; c++) {
    if (hidden[c] && red.root[c] === c && !red.fixed[c] && !Number.isNaN(values[c]!)) {
      bestMin[c] = values[c]!;
      bestMax[c] = values[c]!;
    }
  }
  const withGoals = goals !== undefined;
  targets.forEach((c, i) => {
    const r = red.root[c]!;
    if (red.fixed[r]) return;
    const a = red.coef[c]!;
    const b = red.offset[c]!;
    if (!goals) {
      needMax[r] = Infinity;
      needMin[r] = -Infinity;
      return;
    }
    const g = goals[i]!;
    // y = b + a t: U >= g.upper is a condition on max t (a > 0) or min t (a < 0); likewise for L.
    if (g.upper > -Infinity) {
      const t = (g.upper - b) / a;
      if (a > 0) needMax[r] = Math.max(needMax[r]!, t);
      else needMin[r] = Math.min(needMin[r]!, t);
    }
    if (g.lower < Infinity) {
      const t = (g.lower - b) / a;
      if (a > 0) needMin[r] = Math.min(needMin[r]!, t);
      else needMax[r] = Math.max(needMax[r]!, t);
    }
    if (g.width > 0) {
      needSpan[r] = Math.max(needSpan[r]!, g.width / Math.abs(a));
      aimSpan[r] = Math.max(aimSpan[r]!, needSpan[r]!, (g.aim ?? 0) / Math.abs(a));
    }
  });

  const cores: AttackCore[] = [];
  // Every LP's work goes to the caller's charge; the walk's (below) to the narrowest budget too.
  let walking = false;
  const chargeLp = (work: number): void => {
    input.chargeLp?.(work);
    if (walking) input.narrowestBudget?.spend(work);
  };
  // The core of each root in `cores` (readable version: a Map from root to AttackCore).
  const coreOf = new Int32Array(n).fill(-1);
  try {
    if (red.core.length > 0) {
      const groups = coreGroups(red, relations, hidden);
      // Roots with a target (readable version: a Set of roots).
      const wanted = new Uint8Array(n);
      for (const c of targets) if (!red.fixed[red.root[c]!]) wanted[red.root[c]!] = 1;
      for (const g of groups) {
        if (!g.roots.some((x) => wanted[x] === 1)) continue;
        cores.push(new AttackCore(g.roots, g.rows, lo, hi, describe, input.models, values, input.signal, chargeLp));
        for (const x of g.roots) coreOf[x] = cores.length - 1;
      }
      const s: CertifyState = { bestMin, bestMax, needMin, needMax, needSpan, aimSpan, minT, maxT, exactMin, exactMax, withGoals };
      await certifyCores({ cores, coreOf, red, targets, values, wanted, s, threads, ...(goals && input.moves ? { goals, moves: input.moves } : {}), onProved: input.onProved });
    }
    const intervalOf = (c: number): [number, number] => {
      const r = red.root[c]!;
      const a = red.coef[c]!;
      const b = red.offset[c]!;
      if (red.fixed[r]) {
        const v = b + a * red.fixedValue[r]!;
        return [v, v];
      }
      const l = a > 0 ? b + a * minT[r]! : b + a * maxT[r]!;
      const u = a > 0 ? b + a * maxT[r]! : b + a * minT[r]!;
      return [Number.isNaN(l) ? -Infinity : l, Number.isNaN(u) ? Infinity : u];
    };
    const isExact = (c: number): boolean => {
      const r = red.root[c]!;
      return red.fixed[r] === 1 || (exactMin[r] === 1 && exactMax[r] === 1);
    };
    // Make the narrowest exact. Targets are visited by increasing known width; an exact width never falls below the
    // known (inner) one. So the walk can stop at the first target whose known width is not below the smallest exact
    // width found: every later target's true width is at least its known width, hence at least that exact one (ties
    // go to the exact one). Each exact LP's optimum is a feasible table that widens the known intervals of its core's
    // other roots (`widenInexact`), so a target visited later may already be known at least that wide: it is passed
    // over without an LP. `exactBelow`, an exact width outside the targets, bounds the walk from the start.
    const widthOf = (c: number): number => {
      const [l, u] = intervalOf(c);
      return u - l;
    };
    let bestExact = input.exactBelow ?? Infinity;
    const onRoot = new Map<number, number[]>();
    const reported = (i: number): boolean => input.widthReported === undefined || input.widthReported[i] === 1;
    targets.forEach((c, i) => {
      if (!reported(i)) return;
      const r = red.root[c]!;
      let list = onRoot.get(r);
      if (!list) onRoot.set(r, (list = []));
      list.push(i);
      if (isExact(c)) bestExact = Math.min(bestExact, widthOf(c));
    });
    let known = Float64Array.from(targets, (c) => widthOf(c));
    // Only targets whose known width is below the smallest exact width at the start can be visited (the walk stops
    // at the first that is not, and that bound only falls): the rest need no sort. Readable version: sort every
    // target's index by (known width, index).
    let candidates: number[] = [];
    for (let i = 0; i < targets.length; i++) if (reported(i) && known[i]! < bestExact) candidates.push(i);
    // Before the walk, one LP per core pushes the candidates' roots down at once (their minimum is most often the
    // non-negativity bound, which makes it exact): the known widths grow, and fewer targets need their own LPs.
    if (await pushDownCandidates(candidates, targets, red, cores, coreOf, { bestMin, bestMax, minT, maxT, exactMin, exactMax })) {
      known = Float64Array.from(targets, (c) => widthOf(c));
      for (let i = 0; i < targets.length; i++) if (reported(i) && isExact(targets[i]!)) bestExact = Math.min(bestExact, known[i]!);
      candidates = candidates.filter((i) => known[i]! < bestExact);
    }
    candidates.sort((a, b) => known[a]! - known[b]! || a - b);
    const state: AttackState = { bestMin, bestMax, minT, maxT, exactMin, exactMax };
    for (const i of candidates) {
      if (!(known[i]! < bestExact)) break;
      const c = targets[i]!;
      // Exact already, or proved at least as wide as the smallest exact width by an LP of the walk since the sort
      // (its optimum is a feasible table; see widenInexact): no LP of its own.
      if (isExact(c) || !(widthOf(c) < bestExact)) continue;
      const r = red.root[c]!;
      const core = cores[coreOf[r]!]!;
      // Budget spent: the walk stops, and the narrowest known width stays a proved inner width (see NarrowestBudget).
      if (input.narrowestBudget?.exhausted) {
        input.narrowestBudget.cut = true;
        break;
      }
      walking = true;
      await core.solveExact(r, state);
      walking = false;
      core.widenInexact(state);
      for (const k of onRoot.get(r)!) bestExact = Math.min(bestExact, widthOf(targets[k]!));
    }
    const lower = new Float64Array(targets.length);
    const upper = new Float64Array(targets.length);
    const exact = new Uint8Array(targets.length);
    targets.forEach((c, i) => {
      const [l, u] = intervalOf(c);
      lower[i] = l;
      upper[i] = u;
      exact[i] = isExact(c) ? 1 : 0;
    });
    return { lower, upper, exact };
  } finally {
    for (const core of cores) core.dispose();
  }
}

/**
 * Tries a move (a feasible table, see {@link AttackInput.moves}) for every goal of the targets `picks` (indices
 * into `targets`, all with a root in core `core`) that the known tables do not reach yet, and records the value of
 * every moved root of that core: feasible values are inner bounds. With `towardsZero`, also a move of each target
 * towards zero (for the narrowest walk, see below).
 */
function certifyByMoves(
  moves: NonNullable<AttackInput['moves']>,
  red: ReturnType<typeof reduceHidden>,
  values: Float64Array,
  targets: Int32Array,
  goals: readonly AttackGoal[],
  picks: readonly number[],
  coreOf: Int32Array,
  core: number,
  bestMin: Float64Array,
  bestMax: Float64Array,
  towardsZero: boolean,
): void {
  const record = (m: FeasiblePoint): void => {
    for (let j = 0; j < m.cells.length; j++) {
      const c = m.cells[j]!;
      const x = red.root[c]!;
      // Only this core's roots: the other cores may be certifying meanwhile (their entries are theirs alone).
      if (red.fixed[x] || coreOf[x] !== core) continue;
      const t = (m.values[j]! - red.offset[c]!) / red.coef[c]!;
      if (t < bestMin[x]!) bestMin[x] = t;
      if (t > bestMax[x]!) bestMax[x] = t;
    }
  };
  // How far the known tables take cell c in direction dir.
  const reach = (c: number, dir: 1 | -1): number => {
    const x = red.root[c]!;
    const a = red.coef[c]!;
    const t = (a > 0) === (dir > 0) ? bestMax[x]! : bestMin[x]!;
    return red.offset[c]! + a * t;
  };
  const tryMove = (c: number, dir: 1 | -1, amount: number): void => {
    const m = moves(c, dir, amount);
    if (m) record(m);
  };
  const tol = (v: number): number => TOL * Math.max(1, Math.abs(v));
  for (const i of picks) {
    const c = targets[i]!;
    const v = values[c]!;
    if (Number.isNaN(v)) continue;
    const g = goals[i]!;
    if (g.upper > -Infinity && reach(c, 1) < g.upper - tol(g.upper)) tryMove(c, 1, g.upper - v);
    if (g.lower < Infinity && reach(c, -1) > g.lower + tol(g.lower)) tryMove(c, -1, v - g.lower);
    if (g.width > 0 && reach(c, 1) - reach(c, -1) < g.width - tol(g.width)) {
      const aim = Math.max(g.width, g.aim ?? 0);
      tryMove(c, 1, aim);
      if (reach(c, 1) - reach(c, -1) < g.width - tol(g.width)) tryMove(c, -1, aim);
    }
    // Towards zero (every cell is non-negative), so that the known widths come near the exact ones and the walk
    // that makes the narrowest width exact has few LPs to solve.
    if (!towardsZero) continue;
    const low = reach(c, -1);
    if (low > tol(v)) tryMove(c, -1, v);
  }
}

/** What {@link certifyCores} reads and writes. */
interface CertifyCoresInput {
  readonly cores: readonly AttackCore[];
  /** Index in `cores` of each root in a core, -1 for any other cell. */
  readonly coreOf: Int32Array;
  readonly red: ReturnType<typeof reduceHidden>;
  readonly targets: Int32Array;
  readonly values: Float64Array;
  readonly wanted: Uint8Array;
  readonly s: CertifyState;
  readonly threads: AuditThreads;
  readonly goals?: readonly AttackGoal[];
  readonly moves?: NonNullable<AttackInput['moves']>;
  readonly onProved?: AttackInput['onProved'];
}

/** Targets per move chunk between two yields to the event loop (~70 µs of box search each on the 110k-cell table). */
const MOVE_CHUNK = 256;

/**
 * Certifies every core: its targets' moves (when given), then its LPs ({@link AttackCore.certify}). The cores are
 * certified at the same time: each reads and writes only its own roots' entries of `s` (moves included: a move's
 * values are recorded for the target's core only), and its sequence of solves depends only on them, so the order in
 * which they finish changes nothing. The large cores (`threads.minColumns` columns or more) come first, largest
 * first: each one's moves, then, when it still has open goals, its LPs on the worker pool while this thread goes on
 * with the next core's moves (in chunks, yielding between them so that the workers' replies are read). A large core
 * alone goes to the pool too: this thread then only waits, so a time limit's timer runs and the caller's signal
 * gives up on an LP of minutes at once (on this thread it would run to its end first). Then the other cores'
 * moves, and their LPs on this thread, one core after the other in order (each core's solves together, which
 * keeps its model in the caches). Before: all moves, then all LPs (on the 110k-cell benchmark the moves, ~2 s of
 * this thread in the first audit, ran while the workers waited). When some core fails, the error of the smallest
 * core index is thrown, whichever finished first.
 */
async function certifyCores(input: CertifyCoresInput): Promise<void> {
  const { cores, coreOf, red, targets, values, wanted, s, threads, goals, moves } = input;
  const picksOf: number[][] = cores.map(() => []);
  if (goals && moves) {
    for (let i = 0; i < targets.length; i++) {
      const x = red.root[targets[i]!]!;
      if (!red.fixed[x] && coreOf[x]! >= 0) picksOf[coreOf[x]!]!.push(i);
    }
  }
  const movesOf = async (k: number): Promise<void> => {
    const picks = picksOf[k]!;
    for (let from = 0; from < picks.length; from += MOVE_CHUNK) {
      if (from > 0) await yieldToEventLoop();
      certifyByMoves(moves!, red, values, targets, goals!, picks.slice(from, from + MOVE_CHUNK), coreOf, k, s.bestMin, s.bestMax, true);
    }
  };
  // After each saturating LP of core k: the moves of its targets' open goals again, from the LP's table (its roots'
  // values `v` carried to every hidden cell of the core; the other cells keep their true values, a table of the whole
  // space). Not towards zero: measured on the 110k-cell benchmark table, 4,347 such moves after the rounds found 453
  // tables (0.35 s of this thread) and the walk solved 33 exact LPs without them against 32 with them.
  let cellsOf: number[][] | undefined;
  const fromLp = (k: number, roots: readonly number[], v: Float64Array): void => {
    if (!cellsOf) {
      cellsOf = cores.map(() => []);
      for (let c = 0; c < values.length; c++) {
        const x = red.root[c]!;
        if (!red.fixed[x] && coreOf[x]! >= 0) cellsOf[coreOf[x]!]!.push(c);
      }
    }
    const at = new Map<number, number>();
    roots.forEach((x, j) => at.set(x, v[j]!));
    const from = values.slice();
    for (const c of cellsOf[k]!) from[c] = red.offset[c]! + red.coef[c]! * at.get(red.root[c]!)!;
    const movesFrom = (c: number, d: 1 | -1, amount: number): FeasiblePoint | undefined => moves!(c, d, amount, from);
    certifyByMoves(movesFrom, red, from, targets, goals!, picksOf[k]!, coreOf, k, s.bestMin, s.bestMax, false);
  };
  // Progress: the wanted roots proved so far (every one of a core that ended).
  const onProved = input.onProved;
  const ended = new Uint8Array(cores.length);
  const wantedOf = onProved ? cores.map((c) => c.wantedCount(wanted)) : [];
  const total = wantedOf.reduce((a, b) => a + b, 0);
  const report = (): void => {
    let proved = 0;
    cores.forEach((c, k) => (proved += ended[k] ? wantedOf[k]! : c.settledCount(wanted, s)));
    onProved!(proved, total);
  };
  const afterRound = (k: number): ((roots: readonly number[], v: Float64Array) => void) | undefined => {
    const more = goals && moves ? (roots: readonly number[], v: Float64Array): void => fromLp(k, roots, v) : undefined;
    if (!onProved) return more;
    return (roots, v) => {
      more?.(roots, v);
      report();
    };
  };
  const done = new Array<Promise<void>>(cores.length);
  const counted = (k: number, task: Promise<void>): Promise<void> =>
    onProved
      ? task.then(() => {
          ended[k] = 1;
          report();
        })
      : task;
  const pool = threads.pool;
  const large = pool ? cores.map((_, k) => k).filter((k) => cores[k]!.columns >= threads.minColumns).sort((a, b) => cores[b]!.columns - cores[a]!.columns || a - b) : [];
  for (const k of large) {
    // In the pool also when the moves reach every goal: the walk's exact LPs may still need the model.
    cores[k]!.placeIn(pool!);
    await movesOf(k);
    if (onProved) report();
    if (!cores[k]!.hasOpenGoals(wanted, s)) continue;
    done[k] = counted(k, cores[k]!.certify(wanted, s, afterRound(k)));
    done[k].catch(() => undefined); // its error is thrown below, in order
    // Let the workers start before the next core's moves.
    await yieldToEventLoop();
  }
  const isLarge = new Uint8Array(cores.length);
  for (const k of large) isLarge[k] = 1;
  for (let k = 0; k < cores.length; k++) if (!isLarge[k]) await movesOf(k);
  if (onProved) report();
  for (let k = 0; k < cores.length; k++) {
    if (done[k]) continue;
    const task = counted(k, cores[k]!.certify(wanted, s, afterRound(k)));
    done[k] = task;
    await task.catch(() => undefined); // its error is thrown below, in order
  }
  await throwFirstRejection(done);
}

/** Lets queued events (the workers' replies) run before going on. */
function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/** Waits for every task; when some failed, throws the error of the first in array order, whichever failed first. */
async function throwFirstRejection(done: readonly Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(done);
  for (const r of results) if (r.status === 'rejected') throw r.reason;
}

/**
 * Runs `task(k)` for every core k of `cores`: the pooled ones at the same time (largest first, so that each goes
 * to the least loaded worker), and meanwhile the others one after the other on this thread, in order. Waits for
 * all; when some fail, throws the error of the smallest such k, so that the error does not depend on which
 * finished first.
 */
async function settleInOrder(cores: readonly { readonly pooled: boolean; readonly columns: number }[], task: (k: number) => Promise<void>): Promise<void> {
  const done = new Array<Promise<void>>(cores.length);
  const ks = cores.map((_, k) => k);
  for (const k of ks.filter((k) => cores[k]!.pooled).sort((a, b) => cores[b]!.columns - cores[a]!.columns || a - b)) done[k] = task(k);
  for (const k of ks) {
    if (cores[k]!.pooled) continue;
    done[k] = task(k);
    await done[k].catch(() => undefined); // its error is thrown below, in order
  }
  await throwFirstRejection(done);
}

/**
 * Pushes the roots of the walk's candidates down: per core with a model and at least {@link PUSH_DOWN_MIN} such
 * roots whose minimum is not known exactly, one LP minimising their sum ({@link AttackCore.pushDown}), the cores at the
 * same time. Returns whether any LP ran.
 */
async function pushDownCandidates(
  candidates: readonly number[],
  targets: Int32Array,
  red: ReturnType<typeof reduceHidden>,
  cores: readonly AttackCore[],
  coreOf: Int32Array,
  s: AttackState,
): Promise<boolean> {
  const perCore = new Map<number, number[]>();
  const seen = new Set<number>();
  for (const i of candidates) {
    const x = red.root[targets[i]!]!;
    if (red.fixed[x] || s.exactMin[x] || seen.has(x)) continue;
    seen.add(x);
    const k = coreOf[x]!;
    let list = perCore.get(k);
    if (!list) perCore.set(k, (list = []));
    list.push(x);
  }
  // Only on a model built already: a core whose goals the moves all reached has none, and may need no LP at all.
  const jobs = [...perCore].filter(([k, roots]) => roots.length >= PUSH_DOWN_MIN && cores[k]!.hasModel).sort((a, b) => a[0] - b[0]);
  await settleInOrder(
    jobs.map(([k]) => cores[k]!),
    (j) => cores[jobs[j]![0]]!.pushDown(jobs[j]![1], s),
  );
  return jobs.length > 0;
}

/** Connected groups of roots through the relations the reduction left (each becomes one LP model). */
function coreGroups(red: ReturnType<typeof reduceHidden>, relations: Relations, hidden: Uint8Array): { roots: number[]; rows: CoreRow[] }[] {
  const rows: CoreRow[] = [];
  // Union-find id per root (-1: in no row yet) and the roots in order of first sight (readable version: a Map from
  // root to id, its entries sorted by root at the end).
  const comp = new Int32Array(hidden.length).fill(-1);
  const compRoots: number[] = [];
  const parent: number[] = [];
  const findC = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  // Net coefficient per root of the row being read (zero between rows), and the roots it touched. Readable
  // version: a Map from root to coefficient per row, its entries sorted by root.
  const acc = new Float64Array(hidden.length);
  const seen = new Uint8Array(hidden.length);
  const touched: number[] = [];
  let constant = 0;
  const add = (c: number, s: number): void => {
    const x = red.root[c]!;
    if (red.fixed[x]) {
      constant += s * (red.offset[c]! + red.coef[c]! * red.fixedValue[x]!);
      return;
    }
    constant += s * red.offset[c]!;
    if (!seen[x]) {
      seen[x] = 1;
      touched.push(x);
    }
    acc[x] = acc[x]! + s * red.coef[c]!;
  };
  for (const r of red.core) {
    touched.length = 0;
    constant = 0;
    const t = relations.totals[r]!;
    if (hidden[t]) add(t, 1);
    for (let j = relations.starts[r]!; j < relations.starts[r + 1]!; j++) if (hidden[relations.members[j]!]) add(relations.members[j]!, -1);
    touched.sort((p, q) => p - q);
    const rootsOfRow: number[] = [];
    const coefs: number[] = [];
    for (const x of touched) {
      const a = acc[x]!;
      acc[x] = 0;
      seen[x] = 0;
      if (Math.abs(a) <= 1e-9) continue;
      rootsOfRow.push(x);
      coefs.push(a);
      if (comp[x]! < 0) {
        comp[x] = parent.length;
        parent.push(parent.length);
        compRoots.push(x);
      }
    }
    if (rootsOfRow.length === 0) continue;
    // Union by smallest id: both sides are roots of their sets, and `first` follows the merged set's root (linking
    // a stale `first` again would overwrite its parent and split a connected group, leaving a row in a model
    // without some of its columns).
    let first = findC(comp[rootsOfRow[0]!]!);
    for (const x of rootsOfRow) {
      const o = findC(comp[x]!);
      if (o !== first) {
        const low = Math.min(o, first);
        parent[Math.max(o, first)] = low;
        first = low;
      }
    }
    rows.push({ roots: rootsOfRow, coefs, rhs: red.rhs[r]! - constant });
  }
  const groups = new Map<number, { roots: number[]; rows: CoreRow[] }>();
  for (const x of new Int32Array(compRoots).sort()) {
    const g = findC(comp[x]!);
    let e = groups.get(g);
    if (!e) groups.set(g, (e = { roots: [], rows: [] }));
    e.roots.push(x);
  }
  for (const row of rows) groups.get(findC(comp[row.roots[0]!]!))!.rows.push(row);
  return [...groups.values()];
}
