import { PrikkError } from '../errors/PrikkError.js';
import { abortPoint } from '../errors/abortPoint.js';
import { lpScale } from './lpScale.js';
import type { CoreLp, CoreLpData, CoreLpOutcome, CoreLpSolve } from './CoreLp.js';
import { CoreModelCache } from './CoreModelCache.js';
import type { HighsPool } from './HighsPool.js';
import { loadHighs } from './loadHighs.js';
import { localCoreLp } from './localCoreLp.js';
import { ALWAYS_COLD_MIN_COLUMNS, anotherRound, COLD_ROUND_MIN_OPEN, goesCold, progressWeight, START_MAX_SHARE } from './saturatingRounds.js';

/** Relative tolerance of the attack's comparisons of bounds and goals (shared with `attackIntervals`). @internal */
export const TOL = 1e-7;

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
 * first solve stays with the dual simplex, whose iterations decide whether later rounds start cold (below
 * `ALWAYS_COLD_MIN_COLUMNS`, from which every solve is by IPX). Measured by
 * replaying the cold solves of the registry's 108,576-cell table's protection (one thread, each LP twice, the second
 * timed): at 3,300-6,700 columns 15-45 % less time (6,659 columns: 1.4-1.8 s → 1.0-1.1 s), about even at 1,500-2,000
 * columns, slower under 1,300 (461 columns: 24 → 224 ms); all 39 replayed 28.6 → 20.0 s, the same objectives, 2,926
 * against 2,947 open roots at their caps (the crossover ends at another optimal vertex). In that table's audit the
 * largest core (6,659 columns, 1,982 goals open) took 34.6 s of its worker (16 cold rounds 26.8 s) and bounded the
 * audit; with IPX 26.0 s (14 rounds 14.8 s, but 58 exact LPs instead of 25: 3.9 → 7.2 s), and the audit gains once
 * the placement evens the workers (see {@link AttackCore.placementWork}). The benchmark tables' audits solve no cold
 * round.
 */
const IPM_MIN_COLUMNS = 2000;

/**
 * A warm re-solve of a model whose cold first solve took I simplex iterations may take at most max(I, this many);
 * past them it stops and the LP is solved cold (`CoreLpSolve.iterationLimit`). The primal simplex from the last
 * basis is usually far cheaper than a cold solve, but not always: on the 5,000-row example extract by hospital →
 * region × year × sex × 10-year age × diagnosis (59,904 cells, count < 5), the second saturating round of the
 * audit's 13,899-column core ran 479,935 iterations (573 s on one thread) where its cold first solve took 24,374
 * (11.3 s) and the cold rounds after it 2.2 s each. The floor keeps a model whose presolve left little for the
 * simplex from re-solving cold for a few hundred iterations.
 */
const WARM_ITERATIONS_FLOOR = 1000;

/**
 * What an iteration of the interior point method counts for in the LP work charged (see `NarrowestBudget`), in
 * simplex iterations on the same core: an IPX iteration factorises, a simplex iteration updates. Measured on the
 * 13,899-column core of {@link ALWAYS_COLD_MIN_COLUMNS}: an exact LP by IPX took 19-24 iterations and a crossover of
 * 1,850-2,040 in 1.35-1.52 s, where the simplex there runs about 1 ms per iteration.
 */
const IPM_ITERATION_WORK = 50;

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

/** One relation left after the reduction, over a core's roots: `sum coefs[i] t[roots[i]] = rhs`. @internal */
export interface CoreRow {
  readonly roots: number[];
  readonly coefs: number[];
  readonly rhs: number;
}

/** Per root: the best known values, the bounds so far and whether each is exact (shared by all cores). @internal */
export interface AttackState {
  readonly bestMin: Float64Array;
  readonly bestMax: Float64Array;
  readonly minT: Float64Array;
  readonly maxT: Float64Array;
  readonly exactMin: Uint8Array;
  readonly exactMax: Uint8Array;
}

/** How {@link AttackCore}'s `solve` runs one LP. */
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

/** {@link AttackState} with the goals in root space (`t`), when the caller gave goals. @internal */
export interface CertifyState extends AttackState {
  readonly needMin: Float64Array;
  readonly needMax: Float64Array;
  readonly needSpan: Float64Array;
  /**
   * Per root: the span a saturating LP aims at when the root's only goal is a width (at least `needSpan`; more for
   * a "not pinned" goal, see `AttackGoal.aim`). Certification still asks `needSpan` only.
   */
  readonly aimSpan: Float64Array;
  readonly withGoals: boolean;
}

/**
 * The true table's values of a core's roots, when every one is known and inside its column's bounds (a value outside
 * by round-off, at most {@link TOL} relative, is moved onto the bound); else undefined (a table read without its
 * hidden values). The first saturating round of a model built here starts from it instead
 * of cold when at most {@link START_MAX_SHARE} of the core's columns are open goals (`CoreLpSolve.start`): HiGHS's
 * crossover makes a vertex of this feasible point and the primal simplex goes on from there, instead of the dual
 * simplex's cold start from the slack basis. The true table lies inside every round's caps (a goal is open only while
 * the true value falls short of it).
 */
function trueStart(roots: readonly number[], values: Float64Array, colLower: Float64Array, colUpper: Float64Array): Float64Array | undefined {
  const start = new Float64Array(roots.length);
  for (let j = 0; j < roots.length; j++) {
    const v = values[roots[j]!]!;
    const slack = TOL * Math.max(1, Math.abs(v));
    if (!(v >= colLower[j]! - slack && v <= colUpper[j]! + slack)) return undefined;
    start[j] = Math.min(Math.max(v, colLower[j]!), colUpper[j]!);
  }
  return start;
}

/**
 * One core of `attackIntervals` (a group of roots joined by the relations left after the reduction): its LP as a
 * persistent HiGHS model (built on first use, on this thread or in a worker of the pool, see {@link CoreLp}),
 * re-solved (warm-started from the last basis) with different objectives and bounds: the saturating rounds and exact
 * LPs that certify its goals (`certify`), the push-down before the narrowest-width walk and the walk's exact LPs.
 * Columns: one per root (`t`), bounded by the roots' non-negativity box. Its methods read and write only its own
 * roots' entries of the state, so several cores may run at the same time; one core's solves run one after the other.
 * @internal
 */
export class AttackCore {
  private built: CoreLp | undefined;
  private readonly data: CoreLpData;
  private readonly col = new Map<number, number>();
  private readonly nc: number;
  private readonly colLower: Float64Array;
  private readonly colUpper: Float64Array;
  /** Each row's right-hand side, in the table's units (the model's are divided by {@link scale}). */
  private readonly rhs: Float64Array;
  /**
   * The model's unit: a column of the model is a root's value divided by this power of two (1 unless the core's
   * values are large, see {@link lpScale}); every value crosses into and out of HiGHS through {@link solve}.
   */
  private readonly scale: number;
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
  /** Whether the last solve was warm and reached its iteration limit (then solved cold). */
  private limitHit = false;
  /** Every solve cold, by the interior point method (a core of {@link ALWAYS_COLD_MIN_COLUMNS} columns or more). */
  private readonly alwaysCold: boolean;
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
    private readonly signal?: AbortSignal,
    private readonly chargeLp?: (work: number) => void,
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
    const rhs = Float64Array.from(rows, (r) => r.rhs);
    this.rhs = rhs;
    this.scale = lpScale([colLower, colUpper, rhs, this.start]);
    // The first solve starts cold (unless it starts from the true table, see `trueStart`): the dual simplex, with
    // presolve on cores of PRESOLVE_MIN_COLUMNS or more (measured on the 49k-cell benchmark's largest core, 1,441
    // columns x 1,266 rows: presolve and the dual simplex took 1.8 times less CPU over its first six solves than the
    // primal simplex from the slack basis). Later solves run under `WARM`; cold re-solves of large cores under IPX
    // (IPM_MIN_COLUMNS); on cores of ALWAYS_COLD_MIN_COLUMNS or more every solve, the first too.
    const dual = { output_flag: false, presolve: numCols >= PRESOLVE_MIN_COLUMNS ? 'on' : 'off', simplex_strategy: 1, simplex_dual_edge_weight_strategy: DUAL_DEVEX };
    this.alwaysCold = numCols >= ALWAYS_COLD_MIN_COLUMNS;
    // The rounds' choice between warm and cold is made for them on such cores: every one is cold.
    if (this.alwaysCold) this.roundsCold = true;
    const ipm = { ...dual, solver: 'ipm' };
    const coldOptions = this.alwaysCold ? ipm : dual;
    this.data = {
      numCols,
      numRows,
      colLower: this.toModel(colLower),
      colUpper: this.toModel(colUpper),
      rowBound: this.toModel(rhs),
      starts,
      indices,
      values: vals,
      coldOptions,
      warmOptions: WARM,
      recoldOptions: numCols >= IPM_MIN_COLUMNS ? ipm : undefined,
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
    // Every solve asks for its model first: the one place to stop before an LP (and to let a time limit's timer run).
    await abortPoint(this.signal, 'audit');
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
    const { cl, cu, start } = o;
    const cold = o.cold === true || this.alwaysCold;
    const model = await this.model();
    const first = this.fresh;
    this.fresh = false;
    // A start replaces the cold first solve only (measured: cold rounds later from the true table took more
    // iterations than from the slack basis, on the registry's 108,576-cell table 240k against 218k).
    const from = first && start && !this.alwaysCold ? this.toModel(start) : undefined;
    const bounds = cl && cu ? { colLower: this.toModel(cl), colUpper: this.toModel(cu) } : {};
    // A warm re-solve gets at most the iterations of the model's cold first solve (WARM_ITERATIONS_FLOOR at least);
    // past them it is solved cold instead.
    const limit = !first && !cold && this.coldIterations >= 0 ? Math.max(this.coldIterations, WARM_ITERATIONS_FLOOR) : undefined;
    let res = await model.solve({ costs, sense, ...bounds, ...(from ? { start: from } : cold && !first ? { cold: true } : {}), signal: this.signal, ...(limit !== undefined ? { iterationLimit: limit } : {}) });
    this.charge(res, limit);
    this.limitHit = res.kind === 'iterationLimit';
    if (res.kind === 'iterationLimit') {
      res = await model.solve({ costs, sense, ...bounds, cold: true, signal: this.signal });
      this.charge(res);
    }
    let confirmedCold: boolean | undefined; // set when a new model confirmed the answer: whether it solved cold
    if (res.kind === 'infeasible') {
      // Confirmed on a new model before it is believed: twice in CI (the same property case, never reproduced on
      // other machines, nor with HiGHS's clock sped up) a core the true table lies in came back "infeasible", the
      // second time also when the same model was asked again from the true table. A new model starts from nothing
      // HiGHS kept, without presolve, on the other path: from the true table when known and the answer was not
      // (HiGHS's crossover, then the primal simplex from a feasible vertex), else cold (the dual simplex).
      const other = from || !this.start ? {} : { start: this.toModel(this.start) };
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
      if (this.scale !== 1) for (let j = 0; j < res.colValue.length; j++) res.colValue[j] = res.colValue[j]! * this.scale;
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
    throw new PrikkError('INVALID_VALUE', `audit: the LP solver stopped with status ${res.kind === 'other' ? res.status : res.kind} on the group of ${where}`);
  }

  /**
   * Charges an LP's work to `chargeLp`: the columns times (its simplex iterations, or its crossover's and
   * {@link IPM_ITERATION_WORK} per interior point iteration, + 1); `limit`: the iteration limit it had.
   */
  private charge(res: CoreLpOutcome, limit?: number): void {
    const iterations =
      res.kind === 'optimal'
        ? res.iterations + (res.crossoverIterations ?? 0) + IPM_ITERATION_WORK * (res.ipmIterations ?? 0)
        : res.kind === 'iterationLimit'
          ? limit!
          : 0;
    this.chargeLp?.(this.nc * (iterations + 1));
  }

  /** Drops the model and asks `r` of a new one that confirms an "infeasible" (see {@link model}'s `confirm`). */
  private async solveAnew(confirm: 'simplex' | 'ipm', r: CoreLpSolve): Promise<CoreLpOutcome> {
    this.discardModel();
    const model = await this.model(confirm);
    this.fresh = false;
    const res = await model.solve({ ...r, signal: this.signal });
    this.charge(res);
    return res;
  }

  /** A vector of the table's units (one value per column) in the model's (see {@link scale}). */
  private toModel(x: Float64Array): Float64Array {
    return this.scale === 1 ? x : x.map((v) => v / this.scale);
  }

  /** Whether `x` (one value per column) lies within `cl`/`cu` and meets every row of the LP (to 1e-7, relative). */
  private holds(x: Float64Array, cl: Float64Array, cu: Float64Array): boolean {
    for (let j = 0; j < this.nc; j++) if (!(x[j]! >= cl[j]! && x[j]! <= cu[j]!)) return false;
    const { starts, indices, values } = this.data;
    const rowBound = this.rhs;
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

  private record(v: Float64Array, s: AttackState): void {
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
  async pushDown(xs: readonly number[], s: AttackState): Promise<void> {
    const costs = new Float64Array(this.nc);
    for (const x of xs) costs[this.col.get(x)!] = 1;
    const v = await this.solve(costs, 'min', { anyTable: true });
    if (!v) return; // unbounded below (a root without a finite lower bound): nothing learnt
    this.record(v, s);
    for (const x of this.roots) {
      if (!s.exactMin[x] && s.bestMin[x]! <= this.lo[x]! + TOL * Math.max(1, Math.abs(this.lo[x]!))) {
        s.minT[x] = this.lo[x]!;
        s.exactMin[x] = 1;
        this.solvedMin.add(x);
      }
    }
    this.widenInexact(s);
  }

  /**
   * Widens the known interval of every root of this core whose bound is not exact to the values recorded since (each
   * recorded value is a feasible table's, so the intervals stay inner ones): after a push-down, and after the walk's
   * exact LPs, whose optima move many other roots too.
   */
  widenInexact(s: AttackState): void {
    for (const x of this.roots) {
      if (!s.exactMax[x] && s.bestMax[x]! > s.maxT[x]!) s.maxT[x] = s.bestMax[x]!;
      if (!s.exactMin[x] && s.bestMin[x]! < s.minT[x]!) s.minT[x] = s.bestMin[x]!;
    }
  }

  /** Exact min and max of one root (warm-started from the model's last basis). */
  async solveExact(x: number, s: AttackState): Promise<void> {
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

  /**
   * Whether the known span reaches the width goal, each end first clamped into the box: an LP's table may lie a
   * round-off outside it (-2e-5 below a bound of 0, measured among costs of 10^5 NOK), and the interval reported is
   * clamped (see `certify`), so the span certified must be the clamped one.
   */
  private okSpan(x: number, s: CertifyState): boolean {
    return this.clampedMax(x, s) - this.clampedMin(x, s) >= s.needSpan[x]! - TOL * Math.max(1, s.needSpan[x]!);
  }

  private clampedMax(x: number, s: AttackState): number {
    return Math.min(s.bestMax[x]!, this.hi[x]!);
  }

  private clampedMin(x: number, s: AttackState): number {
    return Math.max(s.bestMin[x]!, this.lo[x]!);
  }

  /**
   * Whether {@link certify} will solve an LP: some wanted root has an open goal (or, without goals, is wanted).
   * Decides only where the model is built, never a result.
   */
  hasOpenGoals(wanted: Uint8Array, s: CertifyState): boolean {
    return this.roots.some((x) => wanted[x] === 1 && this.unsettled(x, s));
  }

  /** How many roots are wanted (see {@link settledCount}). */
  wantedCount(wanted: Uint8Array): number {
    let n = 0;
    for (const x of this.roots) n += wanted[x]!;
    return n;
  }

  /** How many wanted roots meet their goals now (for progress; without goals, none before {@link certify} ends). */
  settledCount(wanted: Uint8Array, s: CertifyState): number {
    let n = 0;
    for (const x of this.roots) if (wanted[x] === 1 && !this.unsettled(x, s)) n++;
    return n;
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
          if (open.length === 0 || !anotherRound(round, open.length, before, certified, this.nc)) break;
          if (goesCold(round, certified, this.nc)) this.roundsCold = true;
          if (this.roundsCold && open.length < COLD_ROUND_MIN_OPEN) break;
          const costs = new Float64Array(this.nc);
          const cl = this.colLower.slice();
          const cu = this.colUpper.slice();
          for (const x of open) {
            const goal = sense === 'max' ? s.needMax[x]! : s.needMin[x]!;
            // A width goal alone: aim the span's length past the known opposite end (clamped into the box).
            const g = Number.isFinite(goal) ? goal : sense === 'max' ? this.clampedMin(x, s) + s.aimSpan[x]! : this.clampedMax(x, s) - s.aimSpan[x]!;
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
          if (warm && (this.limitHit || (this.coldIterations >= 0 && this.lastIterations > this.coldIterations))) this.roundsCold = true;
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
