import type { Highs } from 'highs';
import type { CellSpace } from '../../audit/CellSpace.js';
import type { CoreLp, CoreLpData, CoreLpOptions } from '../../audit/CoreLp.js';
import { localCoreLp } from '../../audit/localCoreLp.js';
import { buildRepairLp, type RepairLp } from './buildRepairLp.js';

/** What {@link repairCell} needs. @internal */
export interface RepairInput {
  readonly highs: Highs;
  readonly space: CellSpace;
  /** Values of the quantity being protected, every cell known. */
  readonly values: Float64Array;
  readonly hidden: Uint8Array;
  /** Cost of hiding each cell (> 0). */
  readonly cost: Float64Array;
  /** Each cell's place in the publishing order (`publishOrder`; 0 = most wanted published), for `perturbedCost`. */
  readonly rank: Int32Array;
  /** The hidden sensitive cell to protect. */
  readonly target: number;
  /** How far the attacker must be able to move the target: `+UPL` (up) or `-LPL` (down). */
  readonly delta: number;
  /** Relation distance from the target to draw the neighbourhood from. */
  readonly radius: number;
  /**
   * Layers of hidden cells around the target the first LP may change (see {@link repairNeighbourhood}); when that LP
   * finds no change and the layers left some of the target's hidden component out, the LP over the whole component
   * follows. Defaults to Infinity: the whole component at once.
   */
  readonly hiddenDepth?: number;
  /** Counts the LPs solved (one or two per call). */
  readonly counter?: { n: number };
  /**
   * HiGHS options of the cold solve. Defaults to {@link repairSolveOptions}'s. With the perturbed costs every simplex
   * path gives the same cells; the tests pass other paths to check it.
   */
  readonly solveOptions?: CoreLpOptions;
  /**
   * Where the LP is solved: a model made from its data (e.g. `HighsPool.createModel`, a worker thread). Defaults to
   * `localCoreLp` on this thread. With the perturbed costs the cells do not depend on where.
   */
  readonly lpOf?: (data: CoreLpData, label: string) => CoreLp;
  /**
   * Optional: a solve in a worker (`lpOf`) is given up on when this aborts (`PrikkError` `ABORTED`, see
   * `CoreLpSolve.signal`).
   */
  readonly signal?: AbortSignal | undefined;
}

/** HiGHS options of the repair LP's cold solve: the primal simplex (see `repairCell`). @internal */
export const REPAIR_SOLVE: CoreLpOptions = Object.freeze({ simplex_strategy: 4 });

/**
 * HiGHS options of the cold solve of a repair LP of {@link REPAIR_DUAL_MIN_COLUMNS} columns or more: the dual simplex
 * with devex pricing (see `repairCell`). @internal
 */
export const REPAIR_SOLVE_LARGE: CoreLpOptions = Object.freeze({ simplex_strategy: 1, simplex_dual_edge_weight_strategy: 1 });

/**
 * Columns from which a repair LP's cold solve takes the dual simplex with devex pricing instead of the primal simplex.
 * Measured by replaying the captured repair LPs one by one on one thread, each path twice after a warm-up: the
 * registry's 108,576-cell table's 135 LPs (2,300-13,400 columns; a third of them replayed) 12.1 → 9.4 s, the gain
 * at 5,000 columns and more (7,642 columns 484 → 264 ms, 11,901 columns 1,344 → 605 ms, 9,504 columns 2,223 →
 * 1,847 ms); under 4,200 columns either way (4,018: 175 → 145 ms; the 110k-cell benchmark table's 4,016: 397 against
 * 534 ms; within ±20 % under 3,300); the 110k-cell table's 6 LPs (2,130-4,016 columns) 1.79 s primal against 2.00 s
 * dual; the 49k-cell table's 13 LPs (1,600-4,200 columns) 0.93 against 0.88 s. @internal
 */
export const REPAIR_DUAL_MIN_COLUMNS = 5000;

/**
 * The HiGHS options of a repair LP's cold solve with `numCols` columns: {@link REPAIR_SOLVE}, or
 * {@link REPAIR_SOLVE_LARGE} from {@link REPAIR_DUAL_MIN_COLUMNS} columns. With the perturbed costs both give the
 * same cells.
 *
 * Cost: O(1).
 * @example
 * repairSolveOptions(2_000) // { simplex_strategy: 4 }
 * @internal
 */
export function repairSolveOptions(numCols: number): CoreLpOptions {
  return numCols >= REPAIR_DUAL_MIN_COLUMNS ? REPAIR_SOLVE_LARGE : REPAIR_SOLVE;
}

/**
 * Finds published cells to hide so that the target can move by `delta` in a table consistent with everything
 * published: the linear program of Fischetti & Salazar (2001, "Solving the cell suppression problem on tabular
 * data with linear constraints", Management Science 47) for one attacker subproblem, with the hiding decisions
 * relaxed: find a change `d` of the table with `A d = 0` (every relation still adds up), `x + d >= 0`,
 * `d[target] = delta`, `d` free on hidden cells, minimising the cost-weighted change of published cells. Every
 * published cell the change touches gets hidden; then `x + d` is a table the attacker cannot exclude, so the
 * target's interval reaches `x + delta`. Restricted to a neighbourhood (cells within `radius` relations of the
 * target, plus the hidden cells connected to it), so the LP stays small; with `hiddenDepth`, first only the hidden
 * cells within that many relations (through hidden cells), then, when that LP finds no change, the whole component.
 * Every cell outside the LP keeps its value, so any change the LP finds is a change of the whole table.
 *
 * Fewer cells: the LP prices the amount of change, not the number of cells moved, and among its optimal changes
 * some move more published cells than others (the relaxation of Fischetti & Salazar's binary hiding variables).
 * When the change moves two or more published cells, the least moved one is fixed at 0 and the LP re-solved once,
 * warm (the dual simplex from the last basis, no presolve); a change over fewer cells is kept. (72 repair LPs of
 * the 49k-cell benchmark table: 94 cells to hide without this step, 89 with it, for 5 % more solver time; trying
 * every cell of the change in turn gave 86 for 10 %, but on the 110k-cell table 33 % more repair time against 12 %,
 * for 9,166 secondaries against 9,171; without the step 9,180.)
 *
 * Cost: one LP over the neighbourhood (on the 49k-cell benchmark table 1,300–2,200 cells, nearly all hidden: the
 * neighbourhood is mostly the target's hidden component; ~65 ms of HiGHS on a quiet machine, ~420 ms on the 110k-cell
 * table), plus one warm re-solve for a change over several published cells; building it is linear in the
 * neighbourhood's relation entries, with typed buffers. Tried only after `boxRepair`'s cheap single-cell candidates.
 *
 * Not done, measured on those 72 LPs (same optimal objectives in every variant): column generation (start from the
 * cells near the target, price the rest with the row duals) pulled in 60–95 % of the neighbourhood, as hidden cells
 * cost nothing and carry the change across the whole component, and took 2–5× longer; one HiGHS model kept across
 * a round's failures (cells outside a failure's neighbourhood fixed at 0, warm-started) took 1.5× longer than cold
 * solves; split hidden columns (`d = u − w`) with the dual simplex and no presolve took 0.45× the time on the 49k-cell
 * table, but its optimal vertices moved 13 % more cells (106 against 94) and it was not faster on the 110k-cell table.
 *
 * Measured in session 5 on every repair LP of the 49k- and 110k-cell tables (285 and 101 LPs; median 2,025 × 1,988
 * and 3,283 × 2,855 before presolve, ~90 % of the cells hidden; HiGHS's presolve leaves 795 × 339 and 1,469 × 637;
 * the dual simplex then takes 850 and 2,900 iterations, presolve ~40 % and ~15 % of the cold solve, the re-solve
 * 9 % and 4 % of the LP time): every change to what HiGHS sees moves the optimal vertex of some LPs, as the optimum
 * is rarely unique in the published cells. Eliminating two-unknown hidden relations first (the eliminated cell's
 * bound carried to the kept one, as the audit's `reduceHidden`) shrank the LP by a quarter and kept the cells of
 * 34/40 and 13/30 LPs for ≤ 10 % less time; removing singleton rows first changed the presolved LP in 12/12; devex
 * pricing (−18 % iterations on the 110k-cell table) ended the 49k-cell table with 6,663 secondaries against 6,661;
 * the primal simplex and the interior point method moved more cells; dropping hidden bounds that cannot bind left
 * nothing to drop (hidden cells are small) and, all dropped and restored on violation, took up to 14 re-solves.
 * A cost perturbation `cost × (1 + 1e-4·h(cell))` makes the answer independent of the solver path (dual, devex,
 * primal, reduced LP: the same cells on all 285 + 101 LPs, the same unperturbed objective), but ends the 49k-cell
 * table with 6,670 secondaries (the 110k-cell one with 9,171, the same count, in 18 % less CPU with the primal
 * simplex). Kept: typed building of the same LP ({@link buildRepairLp}), 3–4× faster, same arrays.
 *
 * One optimum, then the fastest path (session 5, R2): the published cells' costs are perturbed by their place in the
 * publishing order among the LP's published cells (`perturbedCost`, relative size 1e-4), so the LP's optimum
 * is unique and the solver path no longer chooses the cells: on all 165 first solves of the 49k-cell table's repair
 * LPs the primal simplex, the dual simplex and the dual with devex pricing gave the same cells (a perturbation by
 * the global rank, `1e-4 · rank / cellCount`, spaced only ~1e-9 apart, left 1 of 165 different); on all 75 of the
 * 110k-cell table, the primal and the dual simplex. The cold solve then uses the
 * primal simplex ({@link REPAIR_SOLVE}): on the 110k-cell table's 75 LPs it takes half the dual simplex's
 * iterations (114,720 against 228,523) and 27 % less time (22.6 s against 30.7 s, each LP timed in pairs in the
 * same process); on the 49k-cell table's 165 LPs (1,600–2,500 columns) 25 % fewer iterations but 8 % more time
 * (12.3 s against 11.4 s), at every size there, so no size threshold separates the two; the 110k-cell gain is the
 * larger. Presolve off made both simplex methods 2–8× slower; HiGHS's interior point method aborted in the
 * WebAssembly build (then; the build of highs 1.15.3 runs it: on the registry's 4-dimensional table's repair LPs
 * 8.7 s against the dual simplex's 9.4 s, with more CPU, session 15). Benchmark tables (rule count < 5), main before → this, same run: 12k cells 1,097 → 1,097
 * secondaries; 49k cells 6,349 → 6,342 (4 → 3 repair rounds, 170 LPs, repairs 13.4 → 14.2 s); 110k cells
 * 9,067 → 9,065 (76 → 75 LPs, repairs 30.2 → 23.2 s, CPU 76.1 → 69.6 s). The LPs of the registry's 4-dimensional
 * table are larger (up to 13,400 columns), and from {@link REPAIR_DUAL_MIN_COLUMNS} columns the dual simplex with
 * devex pricing is the faster path ({@link repairSolveOptions}).
 *
 * The LP is built at once (the shared index buffer is free again before the solve) and solved on a `CoreLp`: this
 * thread's by default, or the one `lpOf` makes (a worker's), so several repairs may wait for their solves at once;
 * `hidden` must not change until the promise settles.
 *
 * @returns the cells to hide, or `undefined` when the neighbourhood admits no such change.
 * @throws {PrikkError} `INVALID_VALUE` when HiGHS or its worker fails (naming the target's coordinates, never a value).
 * @internal
 * @example
 * // rows A, B × columns m, f with margins; interior [[3, 1], [2, 4]], (A,m) and (A,f) hidden, asked up by 1:
 * await repairCell({ highs, space, values, hidden, cost, rank, target: Am, delta: 1, radius: 2 })
 * // [Bm, Bf]: the only change is the box +Am -Af -Bm +Bf, which moves both published cells of row B
 */
export async function repairCell(input: RepairInput): Promise<Int32Array | undefined> {
  const { space, hidden, target, radius } = input;
  const depth = input.hiddenDepth ?? Infinity;
  if (depth < Infinity) {
    const cut = { cut: false };
    const found = await repairOver(input, repairNeighbourhood(space, hidden, target, radius, depth, cut));
    if (found || !cut.cut) return found;
  }
  return repairOver(input, repairNeighbourhood(space, hidden, target, radius));
}

/** The repair LP over the neighbourhood `cells` (built and solved, see {@link repairCell}). */
async function repairOver(input: RepairInput, cells: number[]): Promise<Int32Array | undefined> {
  const { space, hidden, target } = input;
  if (input.counter) input.counter.n++;
  // Local index of each space cell in the LP, -1 when not in it (a buffer per space, reset before the solve, so that
  // another repair may use it while this one waits for its solver).
  // Readable version: `const local = new Map<number, number>()` with `local.has(c)` / `local.set(c, cells.length)`.
  const local = localIndexOf(space.cellCount);
  let lp: RepairLp;
  try {
    cells.forEach((c, i) => (local[c] = i));
    const { values, cost, rank, delta } = input;
    lp = buildRepairLp({ space, values, hidden, cost, rank, target, delta, cells, local, infinity: input.highs.infinity });
  } finally {
    for (const c of cells) local[c] = -1;
  }
  return solveRepair(input, cells, lp);
}

/**
 * The neighbourhood of a repair LP: the cells within `radius` relations of the target (breadth first over the
 * relation index), then the hidden cells connected to the target through relations among hidden cells (depth
 * first); the target first, every cell once, in that order. With a finite `hiddenDepth`, only the hidden cells up to
 * that many relations from the target through hidden cells (breadth first), and `cut.cut` says whether some hidden
 * cell next to the last layer was left out (the whole component was not taken).
 *
 * Cost: linear in the relation entries of the ball and of the hidden component (or of its first layers).
 * @internal
 */
export function repairNeighbourhood(space: CellSpace, hidden: Uint8Array, target: number, radius: number, hiddenDepth = Infinity, cut?: { cut: boolean }): number[] {
  const idx = space.relationIndex;
  const rel = space.relations;
  const local = localIndexOf(space.cellCount);
  const cells: number[] = [];
  try {
    local[target] = 0;
    cells.push(target);
    let frontier = [target];
    for (let k = 0; k < radius && frontier.length > 0; k++) {
      const next: number[] = [];
      for (const c of frontier) {
        for (let j = idx.starts[c]!; j < idx.starts[c + 1]!; j++) {
          const r = idx.relations[j]!;
          const t = rel.totals[r]!;
          if (local[t]! < 0) {
            local[t] = cells.length;
            cells.push(t);
            next.push(t);
          }
          for (let i = rel.starts[r]!; i < rel.starts[r + 1]!; i++) {
            const x = rel.members[i]!;
            if (local[x]! < 0) {
              local[x] = cells.length;
              cells.push(x);
              next.push(x);
            }
          }
        }
      }
      frontier = next;
    }
    if (hiddenDepth < Infinity) {
      // Breadth first over the hidden cells, `hiddenDepth` layers (`i = starts[r] - 1` stands for the relation's total).
      const reached = new Set<number>([target]);
      let layer = [target];
      for (let k = 0; k <= hiddenDepth && layer.length > 0; k++) {
        const next: number[] = [];
        for (const c of layer) {
          for (let j = idx.starts[c]!; j < idx.starts[c + 1]!; j++) {
            const r = idx.relations[j]!;
            for (let i = rel.starts[r]! - 1; i < rel.starts[r + 1]!; i++) {
              const x = i < rel.starts[r]! ? rel.totals[r]! : rel.members[i]!;
              if (!hidden[x] || reached.has(x)) continue;
              // A hidden cell beyond the last layer: left out.
              if (k === hiddenDepth) {
                if (cut) cut.cut = true;
                return cells;
              }
              reached.add(x);
              next.push(x);
              if (local[x]! < 0) {
                local[x] = cells.length;
                cells.push(x);
              }
            }
          }
        }
        layer = next;
      }
      return cells;
    }
    // Depth first over the hidden cells. `local[x] = -2 - local` marks a hidden cell already stacked (undone below).
    // Readable version: `const seen = new Set([target])`; visit(x) = `if (hidden[x] && !seen.has(x)) { seen.add(x);
    // if (local[x] < 0) { local[x] = cells.length; cells.push(x); } stack.push(x); }`.
    const stack = [target];
    local[target] = -2;
    const visit = (x: number): void => {
      const l = local[x]!;
      if (l >= -1 && hidden[x]) {
        if (l === -1) cells.push(x);
        local[x] = -2 - (l === -1 ? cells.length - 1 : l);
        stack.push(x);
      }
    };
    while (stack.length > 0) {
      const c = stack.pop()!;
      for (let j = idx.starts[c]!; j < idx.starts[c + 1]!; j++) {
        const r = idx.relations[j]!;
        visit(rel.totals[r]!);
        for (let i = rel.starts[r]!; i < rel.starts[r + 1]!; i++) visit(rel.members[i]!);
      }
    }
    return cells;
  } finally {
    for (const c of cells) local[c] = -1;
  }
}

/** Reusable local-index buffers, by cell count (all -1 between calls). */
const localBuffers = new Map<number, Int32Array>();
function localIndexOf(cellCount: number): Int32Array {
  let b = localBuffers.get(cellCount);
  if (!b) {
    if (localBuffers.size > 8) localBuffers.clear();
    localBuffers.set(cellCount, (b = new Int32Array(cellCount).fill(-1)));
  }
  return b;
}

/** Cells of a change over several that are tried at 0 (least moved first), one warm re-solve each. */
const SPARSER_TRIES = 1;

/** HiGHS options of the re-solves for a change over fewer cells: warm, from the last basis. */
const WARM = { presolve: 'off', simplex_strategy: 1 } as const;

/** Solves the repair LP built over `cells` (see {@link repairCell}); `hidden` must not change meanwhile. */
async function solveRepair(input: RepairInput, cells: readonly number[], lp: RepairLp): Promise<Int32Array | undefined> {
  const { highs, hidden, cost, target, delta } = input;
  const colOf = lp.colOf;
  const data: CoreLpData = {
    numCols: lp.numCols,
    numRows: lp.numRows,
    colLower: lp.colLower,
    colUpper: lp.colUpper,
    rowBound: new Float64Array(lp.numRows),
    starts: lp.starts,
    indices: lp.indices,
    values: lp.values,
    coldOptions: { output_flag: false, ...(input.solveOptions ?? repairSolveOptions(lp.numCols)) },
    warmOptions: WARM,
  };
  const label = JSON.stringify(input.space.coords(target));
  const model = input.lpOf ? input.lpOf(data, label) : localCoreLp(highs, data, label);
  try {
    const first = await model.solve({ costs: lp.colCost, sense: 'min', signal: input.signal });
    if (first.kind !== 'optimal') return undefined;
    const tol = 1e-7 * Math.max(1, Math.abs(delta));
    // Published cells the change moves, with how far (index into `cells`, amount).
    const moved = (v: Float64Array): { i: number; by: number }[] => {
      const out: { i: number; by: number }[] = [];
      cells.forEach((c, i) => {
        if (c === target || hidden[c]) return;
        const col = colOf[i]!;
        const by = v[col]! + v[col + 1]!;
        if (by > tol) out.push({ i, by });
      });
      return out;
    };
    let best = moved(first.colValue);
    // Fewer cells (see the doc): the least moved published cell of a change over several fixed at 0 and the LP
    // re-solved warm; a change over fewer cells is kept. (Readable loop over `order`; `SPARSER_TRIES` of them.) The
    // bounds of every solve are passed whole (the model keeps its own between solves).
    if (best.length >= 2) {
      const lower = lp.colLower.slice();
      const upper = lp.colUpper.slice();
      const order = best.slice().sort((a, b) => a.by - b.by || cost[cells[a.i]!]! - cost[cells[b.i]!]! || cells[a.i]! - cells[b.i]!);
      for (const { i } of order.slice(0, SPARSER_TRIES)) {
        if (!best.some((m) => m.i === i) || best.length < 2) continue;
        const col = colOf[i]!;
        upper[col] = 0;
        upper[col + 1] = 0;
        const again = await model.solve({ costs: lp.colCost, sense: 'min', colLower: lower, colUpper: upper, signal: input.signal });
        const next = again.kind === 'optimal' ? moved(again.colValue) : undefined;
        if (next && next.length < best.length) {
          best = next;
        } else {
          upper[col] = lp.colUpper[col]!;
          upper[col + 1] = lp.colUpper[col + 1]!;
        }
      }
    }
    return Int32Array.from(best.map((m) => cells[m.i]!).sort((a, b) => a - b));
  } finally {
    model.dispose();
  }
}
