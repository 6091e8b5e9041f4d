import type { FeasiblePoint } from './BoxMoveFinder.js';
import { PrikkError } from '../errors/PrikkError.js';
import { auditThreads, type AuditThreads } from './auditThreads.js';
import type { CoreLp, CoreLpData, CoreLpOutcome, CoreLpSolve } from './CoreLp.js';
import { CoreModelCache } from './CoreModelCache.js';
import type { HighsPool } from './HighsPool.js';
import { loadHighs } from './loadHighs.js';
import { localCoreLp } from './localCoreLp.js';
import { reduceHidden } from './reduceHidden.js';
import { anotherRound, COLD_ROUND_MIN_OPEN, goesCold, progressWeight, START_MAX_SHARE } from './saturatingRounds.js';
import type { Relations } from './Relations.js';

/** What a target's interval must reach for the audit to pass (see `ProtectionRequirement`). @internal */
export interface AttackGoal {
  /** The upper bound must reach this (`-Infinity`: no requirement). */
  readonly upper: number;
  /** The lower bound must reach down to this (`Infinity`: no requirement). */
  readonly lower: number;
  /** Minimum width `upper - lower`. */
  readonly width: number;
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
   * Optional: where the core LPs are solved (a worker pool for the large cores, see {@link AuditThreads}). Defaults
   * to `auditThreads()` (the `PRIKK_THREADS` setting). The bounds are the same on every setting.
   */
  readonly threads?: AuditThreads;
  /**
   * Optional: models of cores kept from earlier calls (see {@link CoreModelCache}); a core whose LP is there is
   * re-solved warm, and a core built here is kept there. Without it every model is built here and freed at the end.
   */
  readonly models?: CoreModelCache;
}

/**
 * The attacker's interval for each target. Where `exact[i]` is 1, `lower[i]`/`upper[i]` are the smallest and
 * largest values of `targets[i]` over all non-negative tables that agree with every published value and every
 * relation (`upper` may be `Infinity`); where 0, they are values some such table takes (so the true interval
 * contains them) and they already reach the target's goal. The narrowest target (by width) is always exact.
 * Internal to the audit: these bounds say a lot about hidden values, so they never leave it; the audit reports
 * widths and pass/fail only.
 * @internal
 */
export interface AttackBounds {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly exact: Uint8Array;
}

const TOL = 1e-7;

/**
 * Roots of one core from which the walk pushes its candidates down in one LP first (a single root gets its own
 * exact LPs anyway). Measured on the 110k-cell benchmark: the walk ran 124 LPs (65 max, 59 min) after the
 * certification.
 */
const PUSH_DOWN_MIN = 2;

/**
 * HiGHS options after a model's first solve: the primal simplex without presolve, so that after an objective or bound
 * change the last basis (still primal feasible when only caps were loosened) is the warm start (measured on the
 * 12k-cell benchmark: 7 times less CPU than HiGHS's default dual simplex for these re-solves). Measured on the 49k-cell
 * benchmark's stand-alone audit (one thread, LP iterations and time) and not kept: the dual simplex for the re-solves
 * (2.5 times the audit's time), steepest edge pricing for the primal (twice the time), keeping the caps of roots
 * certified in earlier rounds so that the basis stays primal feasible (the same iterations), the true table handed to
 * HiGHS as a start by `setSolution` (its crossover doubled the cold solves' iterations; an explicit crossover is kept,
 * see `trueStart`), and the model written in deviations from the true table (`t = a + u - w`, whose all-slack basis is
 * feasible: degenerate, 2.3 times the time). Dantzig pricing for the primal (`simplex_primal_edge_weight_strategy` 0)
 * instead of HiGHS's choice (Devex): the same time on the 49k-cell table, and on a replay of every LP of the 110k-cell
 * benchmark's stand-alone audit (12 cores of 1,509-2,525 columns, one thread) the warm rounds 19,596 → 14,782 simplex
 * iterations, 5.8 → 4.2 s.
 */
const WARM = { solver: 'simplex', presolve: 'off', simplex_strategy: 4, simplex_primal_edge_weight_strategy: 0 } as const;

/**
 * Columns from which a core's cold first solve runs presolve. HiGHS's presolve (in WebAssembly) has a fixed cost of
 * about 3 ms per model that pays off only on larger cores. Measured (CPU of the first solves, medians): the 12k-cell
 * benchmark's 14 cores (265-479 columns) 97 ms with presolve, 42-47 ms without (though 40 % more iterations); the
 * 49k-cell benchmark's cores (725-1,441 columns) need more CPU without it (LP run time 6.1 s with, 8.2 s without).
 */
const PRESOLVE_MIN_COLUMNS = 600;

/**
 * Columns from which a core's cold re-solves (the saturating rounds that start cold, see {@link goesCold}) run
 * HiGHS's interior point method (IPX) and its crossover instead of the dual simplex (`CoreLpData.recoldOptions`); the
 * first solve stays with the dual simplex, whose iterations decide whether later rounds start cold. Measured by
 * replaying the cold solves of the registry's 108,576-cell table's protection (one thread, each LP twice, the second
 * timed): at 3,300-6,700 columns 15-45 % less time (6,659 columns: 1.4-1.8 s → 1.0-1.1 s), about even at 1,500-2,000
 * columns, slower under 1,300 (461 columns: 24 → 224 ms); all 39 replayed 28.6 → 20.0 s, the same objectives, 2,926
 * against 2,947 open roots at their caps (the crossover ends at another optimal vertex). In that table's audit the
 * largest core (6,659 columns, 1,982 goals open) took 34.6 s of its worker (16 cold rounds 26.8 s) and bounded the
 * audit; with IPX 26.0 s (14 rounds 14.8 s, but 58 exact LPs instead of 25: 3.9 → 7.2 s), and the audit gains once
 * the placement evens the workers (see {@link Core.placementWork}). The benchmark tables' audits solve no cold round.
 */
const IPM_MIN_COLUMNS = 2000;

/**
 * HiGHS's dual edge weights for a core's cold solves: Devex (`simplex_dual_edge_weight_strategy` 1) instead of
 * HiGHS's choice (steepest edge). Measured by replaying every LP of the 110k-cell benchmark's stand-alone audit (15
 * cores of 996-2,525 columns, the same requests in order, one thread, twice each): the cold first solves 42,442 →
 * 37,366 simplex iterations, 5.2 → 4.2-4.5 s, the warm re-solves after them unchanged (the same optima); Dantzig
 * pricing doubled the iterations, the primal simplex took fewer iterations but more time. In the benchmark: the
 * 110k-cell table's stand-alone audit 9.0 → 8.5 s wall (CPU 16.2 → 15.1 s), the registry's 108,576-cell table's
 * 64.8 → 62.5 s; the 49k-cell table's (cores of 725-1,441 columns) the same within noise.
 */
const DUAL_DEVEX = 1;

interface CoreRow {
  readonly roots: number[];
  readonly coefs: number[];
  readonly rhs: number;
}

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
 * 4. The narrowest interval is made exact: targets are visited by increasing known width and get exact LPs until
 *    the next known width is not below the smallest exact width found (or `exactBelow`, an exact width known
 *    outside the targets). Before that walk, one LP per core pushes the roots of every target it may visit down at
 *    once (a minimum at the non-negativity bound is exact), so that fewer targets stay narrower than the smallest
 *    exact width.
 *
 * The cores are independent: their certification (3) and the push-down before the walk (4) run for all cores at
 * the same time, the large cores' models in worker threads (`threads`, see `auditThreads`: with at least two cores
 * of `minColumns` or more needing LPs), the others on this thread; the walk itself stays one LP at a time. A core's
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
    if (hidden[c] && red.root[c] === c && !red.fixed[c] && lo[c]! > hi[c]! + TOL * Math.max(1, Math.abs(lo[c]!))) {
      throw new PrikkError('INVALID_VALUE', `audit: the published values admit no non-negative table (around ${describe(c)})`);
    }
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
    if (g.width > 0) needSpan[r] = Math.max(needSpan[r]!, g.width / Math.abs(a));
  });

  const cores: Core[] = [];
  // The core of each root in `cores` (readable version: a Map from root to Core).
  const coreOf = new Int32Array(n).fill(-1);
  try {
    if (red.core.length > 0) {
      const groups = coreGroups(red, relations, hidden);
      // Roots with a target (readable version: a Set of roots).
      const wanted = new Uint8Array(n);
      for (const c of targets) if (!red.fixed[red.root[c]!]) wanted[red.root[c]!] = 1;
      for (const g of groups) {
        if (!g.roots.some((x) => wanted[x] === 1)) continue;
        cores.push(new Core(g.roots, g.rows, lo, hi, describe, input.models, values));
        for (const x of g.roots) coreOf[x] = cores.length - 1;
      }
      const s: CertifyState = { bestMin, bestMax, needMin, needMax, needSpan, minT, maxT, exactMin, exactMax, withGoals };
      await certifyCores({ cores, coreOf, red, targets, values, wanted, s, threads, ...(goals && input.moves ? { goals, moves: input.moves } : {}) });
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
    // Make the narrowest exact. Targets are visited by increasing known width; solving a root changes only the
    // intervals of the targets on that root, and an exact width never falls below the known (inner) one. So the
    // walk can stop at the first target whose known width is not below the smallest exact width found: every later
    // target's true width is at least its known width, hence at least that exact one (ties go to the exact one).
    // `exactBelow`, an exact width outside the targets, bounds the walk from the start.
    const widthOf = (c: number): number => {
      const [l, u] = intervalOf(c);
      return u - l;
    };
    let bestExact = input.exactBelow ?? Infinity;
    const onRoot = new Map<number, number[]>();
    targets.forEach((c, i) => {
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
    for (let i = 0; i < targets.length; i++) if (known[i]! < bestExact) candidates.push(i);
    // Before the walk, one LP per core pushes the candidates' roots down at once (their minimum is most often the
    // non-negativity bound, which makes it exact): the known widths grow, and fewer targets need their own LPs.
    if (await pushDownCandidates(candidates, targets, red, cores, coreOf, { bestMin, bestMax, minT, maxT, exactMin, exactMax })) {
      known = Float64Array.from(targets, (c) => widthOf(c));
      for (let i = 0; i < targets.length; i++) if (isExact(targets[i]!)) bestExact = Math.min(bestExact, known[i]!);
      candidates = candidates.filter((i) => known[i]! < bestExact);
    }
    candidates.sort((a, b) => known[a]! - known[b]! || a - b);
    for (const i of candidates) {
      if (!(known[i]! < bestExact)) break;
      const c = targets[i]!;
      if (isExact(c)) continue;
      const r = red.root[c]!;
      await cores[coreOf[r]!]!.solveExact(r, { bestMin, bestMax, minT, maxT, exactMin, exactMax });
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
      tryMove(c, 1, g.width);
      if (reach(c, 1) - reach(c, -1) < g.width - tol(g.width)) tryMove(c, -1, g.width);
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
  readonly cores: readonly Core[];
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
}

/** Targets per move chunk between two yields to the event loop (~70 µs of box search each on the 110k-cell table). */
const MOVE_CHUNK = 256;

/**
 * Certifies every core: its targets' moves (when given), then its LPs ({@link Core.certify}). The cores are
 * certified at the same time: each reads and writes only its own roots' entries of `s` (moves included: a move's
 * values are recorded for the target's core only), and its sequence of solves depends only on them, so the order in
 * which they finish changes nothing. The large cores (`threads.minColumns` columns or more) come first, largest
 * first: each one's moves, then, when it still has open goals, its LPs on the worker pool while this thread goes on
 * with the next core's moves (in chunks, yielding between them so that the workers' replies are read); the pool
 * starts once two large cores need LPs (one alone stays on this thread, as no pool would help it), or with the first
 * when its workers run already (started by an earlier audit or repair). Then the other cores' moves, and their LPs
 * on this thread, one core after the other in order (each core's solves together, which keeps its model in the
 * caches). Before: all moves, then all LPs (on the 110k-cell benchmark the moves, ~2 s of this thread in the first
 * audit, ran while the workers waited). When some core fails, the error of the smallest core index is thrown,
 * whichever finished first.
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
  const afterRound = (k: number): ((roots: readonly number[], v: Float64Array) => void) | undefined =>
    goals && moves ? (roots, v) => fromLp(k, roots, v) : undefined;
  const done = new Array<Promise<void>>(cores.length);
  const pool = threads.pool;
  const large = pool ? cores.map((_, k) => k).filter((k) => cores[k]!.columns >= threads.minColumns).sort((a, b) => cores[b]!.columns - cores[a]!.columns || a - b) : [];
  // Large cores with open goals not yet started (the first waits until a second one shows the pool is worth it,
  // unless the pool's workers run already, started by an earlier audit or repair: then pooling costs nothing).
  const waiting: number[] = [];
  let pooling = large.length >= 2 && pool!.running > 0;
  for (const k of large) {
    await movesOf(k);
    if (!cores[k]!.hasOpenGoals(wanted, s)) continue;
    waiting.push(k);
    if (!pooling && waiting.length < 2) continue;
    pooling = true;
    for (const w of waiting.splice(0)) {
      cores[w]!.placeIn(pool!);
      done[w] = cores[w]!.certify(wanted, s, afterRound(w));
      done[w].catch(() => undefined); // its error is thrown below, in order
    }
    // Let the workers start before the next core's moves.
    await yieldToEventLoop();
  }
  const isLarge = new Uint8Array(cores.length);
  for (const k of large) isLarge[k] = 1;
  for (let k = 0; k < cores.length; k++) if (!isLarge[k]) await movesOf(k);
  for (let k = 0; k < cores.length; k++) {
    if (done[k]) continue;
    const task = cores[k]!.certify(wanted, s, afterRound(k));
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
 * roots whose minimum is not known exactly, one LP minimising their sum ({@link Core.pushDown}), the cores at the
 * same time. Returns whether any LP ran.
 */
async function pushDownCandidates(
  candidates: readonly number[],
  targets: Int32Array,
  red: ReturnType<typeof reduceHidden>,
  cores: readonly Core[],
  coreOf: Int32Array,
  s: State,
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

interface State {
  readonly bestMin: Float64Array;
  readonly bestMax: Float64Array;
  readonly minT: Float64Array;
  readonly maxT: Float64Array;
  readonly exactMin: Uint8Array;
  readonly exactMax: Uint8Array;
}

/** How {@link Core}'s `solve` runs one LP. */
interface SolveOptions {
  /** Column bounds for this solve only (both or neither). */
  readonly cl?: Float64Array | undefined;
  readonly cu?: Float64Array | undefined;
  /** From scratch (the basis dropped). */
  readonly cold?: boolean;
  /** A model's first solve starts from this table instead of cold. */
  readonly start?: Float64Array | undefined;
  /** Any feasible table will do (not only an optimum). */
  readonly anyTable?: boolean;
}

interface CertifyState extends State {
  readonly needMin: Float64Array;
  readonly needMax: Float64Array;
  readonly needSpan: Float64Array;
  readonly withGoals: boolean;
}

/**
 * The true table's values of a core's roots, when every one is known and inside its column's bounds; else undefined
 * (a table read without its hidden values). The first saturating round of a model built here starts from it instead
 * of cold when at most {@link START_MAX_SHARE} of the core's columns are open goals (`CoreLpSolve.start`): HiGHS's
 * crossover makes a vertex of this feasible point and the primal simplex goes on from there, instead of the dual
 * simplex's cold start from the slack basis. The true table lies inside every round's caps (a goal is open only while
 * the true value falls short of it).
 */
function trueStart(roots: readonly number[], values: Float64Array, colLower: Float64Array, colUpper: Float64Array): Float64Array | undefined {
  const start = new Float64Array(roots.length);
  for (let j = 0; j < roots.length; j++) {
    const v = values[roots[j]!]!;
    if (!(v >= colLower[j]! && v <= colUpper[j]!)) return undefined;
    start[j] = v;
  }
  return start;
}

/**
 * One core's LP as a persistent HiGHS model (built on first use, on this thread or in a worker of the pool, see
 * {@link CoreLp}), re-solved (warm-started from the last basis) with different objectives and bounds. Columns: one
 * per root (`t`), bounded by the roots' non-negativity box. Its methods read and write only its own roots' entries
 * of the state, so several cores may run at the same time; one core's solves run one after the other.
 */
class Core {
  private built: CoreLp | undefined;
  private readonly data: CoreLpData;
  private readonly col = new Map<number, number>();
  private readonly nc: number;
  private readonly colLower: Float64Array;
  private readonly colUpper: Float64Array;
  private solvedMax = new Set<number>();
  private solvedMin = new Set<number>();
  private pool: HighsPool | undefined;
  /** The model's key in `models` when the cache owns it (taken from or put there), else undefined. */
  private cachedKey: string | undefined;
  /** Simplex iterations of the model's cold first solve (-1: not known, e.g. a model kept from an earlier audit). */
  private coldIterations = -1;
  /** Whether the next solve is the first of a model built here (cold). */
  private fresh = false;
  /** Simplex iterations of the last solve. */
  private lastIterations = 0;
  /** Set once a warm saturating round took more iterations than the cold first solve: later rounds run cold. */
  private roundsCold = false;
  /** The true table's values of the roots, when known (see {@link trueStart}). */
  private readonly start: Float64Array | undefined;
  /**
   * Wanted roots with an open goal when {@link certify} began (every wanted root without goals); with the columns, the
   * model's estimated LP work ({@link placementWork}).
   */
  private openAtStart = 1;

  /**
   * The model's LP work as the pool's placement estimates it: columns² × √(open goals). The LP work per round grows
   * with the columns times the iterations, and the rounds' iterations with the open goals, but less than in
   * proportion. History: by columns alone, the registry's 108,576-cell table's largest core (6,659 columns, 1,961
   * goals open) shared a worker with two others (42.3 s of LPs against 26.0 s, audit 43.8 s); by columns² × open goals
   * it had a worker to itself (31.5 and 31.1 s, audit 33.1 s). Measured since (each core's solve times inside its
   * worker, summed): on that table columns² × open goals overstates the large cores' work against the small ones'
   * (per unit of the estimate 0.3-0.4 s at 4,900-6,700 columns, 1.2-2.9 s at 1,200-2,000); on the 110k-cell
   * benchmark table's 15 cores (996-2,525 columns, 35-125 open) √ fits better too. Placing the measured loads as the
   * audit does (largest columns first, each on the least loaded worker by the estimate): the 110k-cell table's
   * workers 6.9 → 6.6 s (ideal 6.6), the registry table's with the interior point rounds ({@link IPM_MIN_COLUMNS})
   * 33.1 → 29.8 s (ideal 29.6), the 49k-cell table's 2.00 → 1.93 s (ideal 1.90). Stand-alone audits, alternating,
   * with the interior point rounds: the 110k-cell table 8.69, 8.51, 8.74 → 8.07, 8.25, 8.25 s; the registry table
   * 36.6, 36.9 → 32.7, 32.5 s (protect 68.2, 68.7 → 64.1, 64.5 s); but the 49k-cell table (15 cores of 865-1,484
   * columns, no cold round) 2.56, 2.61, 2.43 → 2.85, 2.71, 2.77 s, which the placement of the measured loads does not
   * explain (the order in which replies come back moves the main thread's work between the LPs).
   */
  private get placementWork(): number {
    return this.nc * this.nc * Math.sqrt(Math.max(1, this.openAtStart));
  }

  constructor(
    private readonly roots: number[],
    rows: CoreRow[],
    private readonly lo: Float64Array,
    private readonly hi: Float64Array,
    private readonly describe: (cell: number) => string,
    private readonly models?: CoreModelCache,
    values?: Float64Array,
  ) {
    roots.forEach((x, i) => this.col.set(x, i));
    const numCols = roots.length;
    const numRows = rows.length;
    this.nc = numCols;
    const starts = new Int32Array(numRows + 1);
    let nnz = 0;
    rows.forEach((r, i) => {
      nnz += r.roots.length;
      starts[i + 1] = nnz;
    });
    const indices = new Int32Array(nnz);
    const vals = new Float64Array(nnz);
    let p = 0;
    for (const r of rows) {
      r.roots.forEach((x, j) => {
        indices[p] = this.col.get(x)!;
        vals[p++] = r.coefs[j]!;
      });
    }
    // HiGHS's infinity is IEEE infinity (`highs.infinity`).
    const colLower = new Float64Array(numCols).fill(-Infinity);
    const colUpper = new Float64Array(numCols).fill(Infinity);
    roots.forEach((x, i) => {
      if (Number.isFinite(lo[x]!)) colLower[i] = lo[x]!;
      if (Number.isFinite(hi[x]!)) colUpper[i] = hi[x]!;
    });
    this.colLower = colLower;
    this.colUpper = colUpper;
    this.start = values ? trueStart(roots, values, colLower, colUpper) : undefined;
    // The first solve starts cold (unless it starts from the true table, see `trueStart`): the dual simplex, with
    // presolve on cores of PRESOLVE_MIN_COLUMNS or more (measured on the 49k-cell benchmark's largest core, 1,441
    // columns x 1,266 rows: presolve and the dual simplex took 1.8 times less CPU over its first six solves than the
    // primal simplex from the slack basis). Later solves run under `WARM`; cold re-solves of large cores under IPX
    // (IPM_MIN_COLUMNS).
    const coldOptions = { output_flag: false, presolve: numCols >= PRESOLVE_MIN_COLUMNS ? 'on' : 'off', simplex_strategy: 1, simplex_dual_edge_weight_strategy: DUAL_DEVEX };
    this.data = {
      numCols,
      numRows,
      colLower,
      colUpper,
      rowBound: Float64Array.from(rows, (r) => r.rhs),
      starts,
      indices,
      values: vals,
      coldOptions,
      warmOptions: WARM,
      recoldOptions: numCols >= IPM_MIN_COLUMNS ? { ...coldOptions, solver: 'ipm' } : undefined,
    };
  }

  /** Columns of the core's LP (one per root). */
  get columns(): number {
    return this.nc;
  }

  /** Whether the model goes (or went) to a worker pool. */
  get pooled(): boolean {
    return this.pool !== undefined;
  }

  /** Builds the model in `pool` instead of on this thread (called before its first solve). */
  placeIn(pool: HighsPool): void {
    this.pool = pool;
  }

  /**
   * The HiGHS model, built on first use (a core whose goals the moves all reached never needs one), or the one kept
   * in `models` for the same LP (warm from earlier calls; it stays where it was built). `confirm` (a new model that
   * checks an "infeasible", see `solve`): its cold solves run without presolve, with the simplex (`'simplex'`) or the
   * interior point method (`'ipm'`).
   */
  private async model(confirm?: 'simplex' | 'ipm'): Promise<CoreLp> {
    if (!this.built) {
      const key = this.models ? CoreModelCache.keyOf(this.data) : undefined;
      const kept = key !== undefined ? this.models!.take(key) : undefined;
      if (kept) {
        this.built = kept;
        this.cachedKey = key;
        return kept;
      }
      const label = this.describe(this.roots[0]!);
      this.fresh = true;
      const data = confirm ? { ...this.data, coldOptions: { ...this.data.coldOptions, presolve: 'off', solver: confirm }, recoldOptions: undefined } : this.data;
      if (this.pool) this.built = this.pool.createModel(data, label, this.placementWork);
      else {
        const highs = await loadHighs();
        this.built ??= localCoreLp(highs, data, label);
      }
      if (key !== undefined && this.models!.put(key, this.built)) this.cachedKey = key;
    }
    return this.built;
  }

  /** Whether the HiGHS model has been built (a first solve made). */
  get hasModel(): boolean {
    return this.built !== undefined;
  }

  /** Frees the model, or gives it back to `models` when the cache owns it. */
  dispose(): void {
    if (this.cachedKey !== undefined) this.models!.release(this.cachedKey);
    else this.built?.dispose();
  }

  /**
   * Solves with objective `costs` (one per root) and sense, under column bounds `o.cl`/`o.cu` for this solve only
   * when given, cold when `o.cold` (or the model's first solve); the model's first solve from `o.start` instead when
   * given; returns the roots' values, or undefined when unbounded. With `o.anyTable` (the caller needs a feasible
   * table, not an optimum: a saturating round, a push) the true table answers when HiGHS cannot.
   */
  private async solve(costs: Float64Array, sense: 'max' | 'min', o: SolveOptions = {}): Promise<Float64Array | undefined> {
    const { cl, cu, cold = false, start } = o;
    const model = await this.model();
    const first = this.fresh;
    this.fresh = false;
    // A start replaces the cold first solve only (measured: cold rounds later from the true table took more
    // iterations than from the slack basis, on the registry's 108,576-cell table 240k against 218k).
    const from = first ? start : undefined;
    const bounds = cl && cu ? { colLower: cl, colUpper: cu } : {};
    let res = await model.solve({ costs, sense, ...bounds, ...(from ? { start: from } : cold && !first ? { cold: true } : {}) });
    let confirmedCold: boolean | undefined; // set when a new model confirmed the answer: whether it solved cold
    if (res.kind === 'infeasible') {
      // Confirmed on a new model before it is believed: twice in CI (the same property case, never reproduced on
      // other machines, nor with HiGHS's clock sped up) a core the true table lies in came back "infeasible", the
      // second time also when the same model was asked again from the true table. A new model starts from nothing
      // HiGHS kept, without presolve, on the other path: from the true table when known and the answer was not
      // (HiGHS's crossover, then the primal simplex from a feasible vertex), else cold (the dual simplex).
      const other = from || !this.start ? {} : { start: this.start };
      res = await this.solveAnew('simplex', { costs, sense, ...bounds, ...other });
      confirmedCold = !('start' in other);
    }
    const feasible = res.kind === 'infeasible' && this.start !== undefined && this.holds(this.start, cl ?? this.colLower, cu ?? this.colUpper);
    if (feasible && !o.anyTable) {
      // The true table satisfies the LP, so both answers were wrong; an exact LP needs an optimum: a third model, by
      // another algorithm (the interior point method and its crossover, cold).
      res = await this.solveAnew('ipm', { costs, sense, ...bounds });
      confirmedCold = false;
    }
    if (res.kind === 'optimal') {
      this.lastIterations = res.iterations;
      // A first solve from the true table is not a cold solve: its iterations say nothing of one.
      if (confirmedCold ?? (first && !from)) this.coldIterations = res.iterations;
      return res.colValue;
    }
    if (res.kind === 'unbounded') return undefined;
    const where = this.describe(this.roots[0]!);
    if (res.kind === 'infeasible') {
      if (feasible) {
        // HiGHS is wrong: the true table is a feasible table of this LP, all a round or a push needs (it learns
        // nothing from it, so the goals it leaves open go to the exact LPs, on a model built anew).
        if (o.anyTable) {
          this.discardModel();
          return this.start!.slice();
        }
        throw new PrikkError('INVALID_VALUE', `audit: HiGHS answered "infeasible" on three models for the LP of the group of ${where}, which the true table satisfies (a solver failure)`);
      }
      throw new PrikkError('INVALID_VALUE', `audit: the published values admit no non-negative table (around ${where})`);
    }
    throw new PrikkError('INVALID_VALUE', `audit: the LP solver stopped with status ${res.status} on the group of ${where}`);
  }

  /** Drops the model and asks `r` of a new one that confirms an "infeasible" (see {@link model}'s `confirm`). */
  private async solveAnew(confirm: 'simplex' | 'ipm', r: CoreLpSolve): Promise<CoreLpOutcome> {
    this.discardModel();
    const model = await this.model(confirm);
    this.fresh = false;
    return model.solve(r);
  }

  /** Whether `x` (one value per column) lies within `cl`/`cu` and meets every row of the LP (to 1e-7, relative). */
  private holds(x: Float64Array, cl: Float64Array, cu: Float64Array): boolean {
    for (let j = 0; j < this.nc; j++) if (!(x[j]! >= cl[j]! && x[j]! <= cu[j]!)) return false;
    const { starts, indices, values, rowBound } = this.data;
    for (let r = 0; r < this.data.numRows; r++) {
      let sum = 0;
      for (let p = starts[r]!; p < starts[r + 1]!; p++) sum += values[p]! * x[indices[p]!]!;
      if (!(Math.abs(sum - rowBound[r]!) <= 1e-7 * Math.max(1, Math.abs(rowBound[r]!)))) return false;
    }
    return true;
  }

  /** Drops the model (it answered "infeasible"): out of `models` when the cache owned it; the next use builds anew. */
  private discardModel(): void {
    if (this.cachedKey !== undefined) this.models!.discard(this.cachedKey);
    else this.built?.dispose();
    this.cachedKey = undefined;
    this.built = undefined;
  }

  private record(v: Float64Array, s: State): void {
    this.roots.forEach((x, j) => {
      if (v[j]! < s.bestMin[x]!) s.bestMin[x] = v[j]!;
      if (v[j]! > s.bestMax[x]!) s.bestMax[x] = v[j]!;
    });
  }

  /**
   * One LP minimising the sum of `xs` (roots of this core whose minimum is not exact), warm-started: its solution
   * is a feasible table, so every root's recorded values stay inner bounds; a root of `xs` that reaches its box
   * bound has its exact minimum. Every inexact bound of the core takes the values recorded.
   */
  async pushDown(xs: readonly number[], s: State): Promise<void> {
    const costs = new Float64Array(this.nc);
    for (const x of xs) costs[this.col.get(x)!] = 1;
    const v = await this.solve(costs, 'min', { anyTable: true });
    if (!v) return; // unbounded below (a root without a finite lower bound): nothing learnt
    this.record(v, s);
    for (const x of this.roots) {
      if (!s.exactMin[x]) {
        if (s.bestMin[x]! <= this.lo[x]! + TOL * Math.max(1, Math.abs(this.lo[x]!))) {
          s.minT[x] = this.lo[x]!;
          s.exactMin[x] = 1;
          this.solvedMin.add(x);
        } else s.minT[x] = Math.min(s.minT[x]!, s.bestMin[x]!);
      }
      if (!s.exactMax[x]) s.maxT[x] = Math.max(s.maxT[x]!, s.bestMax[x]!);
    }
  }

  /** Exact min and max of one root (warm-started from the model's last basis). */
  async solveExact(x: number, s: State): Promise<void> {
    const j = this.col.get(x)!;
    const costs = new Float64Array(this.nc);
    costs[j] = 1;
    const tolHi = TOL * Math.max(1, Math.abs(this.hi[x]!));
    const tolLo = TOL * Math.max(1, Math.abs(this.lo[x]!));
    if (!this.solvedMax.has(x)) {
      if (!(s.bestMax[x]! >= this.hi[x]! - tolHi)) {
        const v = await this.solve(costs, 'max');
        if (v) {
          this.record(v, s);
          s.maxT[x] = v[j]!;
        } else s.maxT[x] = Infinity;
      } else s.maxT[x] = this.hi[x]!;
      this.solvedMax.add(x);
      s.exactMax[x] = 1;
    }
    if (!this.solvedMin.has(x)) {
      if (!(s.bestMin[x]! <= this.lo[x]! + tolLo)) {
        const v = await this.solve(costs, 'min');
        if (v) {
          this.record(v, s);
          s.minT[x] = v[j]!;
        } else s.minT[x] = -Infinity;
      } else s.minT[x] = this.lo[x]!;
      this.solvedMin.add(x);
      s.exactMin[x] = 1;
    }
  }

  private okMax(x: number, s: CertifyState): boolean {
    return s.bestMax[x]! >= s.needMax[x]! - TOL * Math.max(1, Math.abs(s.needMax[x]!)) || s.bestMax[x]! >= this.hi[x]! - TOL * Math.max(1, Math.abs(this.hi[x]!));
  }

  private okMin(x: number, s: CertifyState): boolean {
    return s.bestMin[x]! <= s.needMin[x]! + TOL * Math.max(1, Math.abs(s.needMin[x]!)) || s.bestMin[x]! <= this.lo[x]! + TOL * Math.max(1, Math.abs(this.lo[x]!));
  }

  private okSpan(x: number, s: CertifyState): boolean {
    return s.bestMax[x]! - s.bestMin[x]! >= s.needSpan[x]! - TOL * Math.max(1, s.needSpan[x]!);
  }

  /**
   * Whether {@link certify} will solve an LP: some wanted root has an open goal (or, without goals, is wanted).
   * Decides only where the model is built, never a result.
   */
  hasOpenGoals(wanted: Uint8Array, s: CertifyState): boolean {
    return this.roots.some((x) => wanted[x] === 1 && this.unsettled(x, s));
  }

  /** Whether a wanted root `x` still needs an LP: some goal open, or (without goals) its exact interval wanted. */
  private unsettled(x: number, s: CertifyState): boolean {
    return !s.withGoals || !this.okMax(x, s) || !this.okMin(x, s) || !this.okSpan(x, s);
  }

  /**
   * Establishes every wanted root's goals: saturating LPs first (push every uncertified root towards its goal at
   * once: maximise the sum of the open roots, each capped at its goal so that none takes more slack than its goal
   * needs, and after the first round weighted by how close the last round brought it, so that the rounds finish what
   * they began, see {@link progressWeight}; a capped LP's solution is a table of the uncapped problem too), then exact
   * LPs for what is left (also when fewer than {@link COLD_ROUND_MIN_OPEN} goals are open for a round that would start
   * cold). Roots certified on the way keep their best values as inner bounds. Without any open root (the moves
   * reached every goal) no LP is built or solved. Measured on the 49k-cell benchmark's audit (one thread): each round
   * certifies about half the goals still open (874, 449, 261, 176, 103, 57 open at the six rounds, then 67 exact LPs);
   * one capped LP per open root after the first or second round, instead of the rounds, took 1.05-1.3 times their LP
   * time (with the exact LPs after them). Rounds are warm re-solves, except that once a warm round of a model built
   * here takes more simplex iterations than its cold first solve, the later rounds start cold (`CoreLpSolve.cold`):
   * on the registry's 4-dimensional 108,576-cell table (cores of 1,200-6,700 columns with hundreds of open goals) the
   * stand-alone audit 87 → 74 s; on the benchmark tables no warm round costs that much (their audits unchanged).
   * Likewise the round after one that certified at least 1 / 16 of the core's columns, and every round after it,
   * start cold ({@link goesCold}): each certified root is re-priced (its cost dropped, its cap lifted), and the primal
   * simplex takes ~10-27 iterations per re-priced root at twice the dual simplex's cost per iteration (measured on
   * the 110k-cell benchmark table and the registry's 108,576-cell one, the first warm round of every core). On the
   * registry's table the first rounds certify 6-9 % of a core's columns, and the warm second round took 17.8 s of LP
   * time against the first rounds' 7.3 s; the 110k-cell table's first rounds certify at most 6.1 % (its LPs the
   * same as before). The choices read counts only, so they are the same on every thread setting. After each round,
   * `afterRound` (when given) tries the goals still open by box moves from the round's table: a vertex of the LP,
   * where cells the true table had at zero may carry a box (measured on the 110k-cell benchmark's stand-alone audit,
   * one thread: a fifth to a third of the goals a round left open, LP time 14.6 → 13.1 s, exact LPs 52 → 27; from the
   * midpoint of the true table and the LP's table fewer; the L1-smallest change that certifies a goal left open after
   * the moves spans 14-96 roots, so no small box search reaches the rest). How many rounds: see {@link anotherRound}.
   */
  async certify(wanted: Uint8Array, s: CertifyState, afterRound?: (roots: readonly number[], v: Float64Array) => void): Promise<void> {
    const mine = this.roots.filter((x) => wanted[x] === 1);
    const okMax = (x: number): boolean => this.okMax(x, s);
    const okMin = (x: number): boolean => this.okMin(x, s);
    const okSpan = (x: number): boolean => this.okSpan(x, s);
    this.openAtStart = mine.filter((x) => this.unsettled(x, s)).length;
    if (s.withGoals) {
      for (const sense of ['max', 'min'] as const) {
        const isOpen = (x: number): boolean => (sense === 'max' ? !okMax(x) || !okSpan(x) : !okMin(x) || !okSpan(x));
        let before = 0; // goals open at the start of the last round, and how many it certified
        let certified = 0;
        // Per column: how far the goal was when its rounds began (0: not yet open), and the last round's table.
        const first = new Float64Array(this.nc);
        let last: Float64Array | undefined;
        for (let round = 0; ; round++) {
          const open = mine.filter(isOpen);
          if (open.length === 0 || !anotherRound(round, open.length, before, certified)) break;
          if (goesCold(round, certified, this.nc)) this.roundsCold = true;
          if (this.roundsCold && open.length < COLD_ROUND_MIN_OPEN) break;
          const costs = new Float64Array(this.nc);
          const cl = this.colLower.slice();
          const cu = this.colUpper.slice();
          for (const x of open) {
            const goal = sense === 'max' ? s.needMax[x]! : s.needMin[x]!;
            // A width goal alone: aim the span's length past the known opposite end.
            const g = Number.isFinite(goal) ? goal : sense === 'max' ? s.bestMin[x]! + s.needSpan[x]! : s.bestMax[x]! - s.needSpan[x]!;
            const j = this.col.get(x)!;
            if (sense === 'max') cu[j] = Math.min(cu[j]!, g);
            else cl[j] = Math.max(cl[j]!, g);
            if (first[j] === 0) first[j] = sense === 'max' ? g - s.bestMax[x]! : s.bestMin[x]! - g;
            costs[j] = last ? progressWeight(sense === 'max' ? g - last[j]! : last[j]! - g, first[j]!) : 1;
          }
          // The capped bounds hold for this solve only (the model's own are restored after it).
          const warm = !this.roundsCold && this.hasModel;
          // Only a model's first solve starts from the true table (`solve` also checks that the model is fresh).
          const start = round === 0 && open.length <= this.nc * START_MAX_SHARE ? this.start : undefined;
          const v = await this.solve(costs, sense, { cl, cu, cold: this.roundsCold, start, anyTable: true });
          if (!v) break;
          if (warm && this.coldIterations >= 0 && this.lastIterations > this.coldIterations) this.roundsCold = true;
          last = v;
          this.record(v, s);
          afterRound?.(this.roots, v);
          const left = open.filter(isOpen).length;
          if (left === open.length) break;
          before = open.length;
          certified = open.length - left;
        }
      }
    }
    for (const x of mine) {
      if (this.unsettled(x, s)) await this.solveExact(x, s);
      else {
        // Certified: inner bounds (feasible values), not exact unless they hit the box bounds.
        s.maxT[x] = s.bestMax[x]! >= this.hi[x]! - TOL * Math.max(1, Math.abs(this.hi[x]!)) ? this.hi[x]! : s.bestMax[x]!;
        s.minT[x] = s.bestMin[x]! <= this.lo[x]! + TOL * Math.max(1, Math.abs(this.lo[x]!)) ? this.lo[x]! : s.bestMin[x]!;
        s.exactMax[x] = s.maxT[x] === this.hi[x] ? 1 : 0;
        s.exactMin[x] = s.minT[x] === this.lo[x] ? 1 : 0;
      }
    }
  }
}
