import type { Highs } from 'highs';
import type { CellSpace } from '../../audit/CellSpace.js';

/** What {@link repairCell} needs. @internal */
export interface RepairInput {
  readonly highs: Highs;
  readonly space: CellSpace;
  /** Values of the quantity being protected, every cell known. */
  readonly values: Float64Array;
  readonly hidden: Uint8Array;
  /** Cost of hiding each cell (> 0). */
  readonly cost: Float64Array;
  /** The hidden sensitive cell to protect. */
  readonly target: number;
  /** How far the attacker must be able to move the target: `+UPL` (up) or `-LPL` (down). */
  readonly delta: number;
  /** Relation distance from the target to draw the neighbourhood from. */
  readonly radius: number;
}

/**
 * Finds published cells to hide so that the target can move by `delta` in a table consistent with everything
 * published: the linear program of Fischetti & Salazar (2001, "Solving the cell suppression problem on tabular
 * data with linear constraints", Management Science 47) for one attacker subproblem, with the hiding decisions
 * relaxed: find a change `d` of the table with `A d = 0` (every relation still adds up), `x + d >= 0`,
 * `d[target] = delta`, `d` free on hidden cells, minimising the cost-weighted change of published cells. Every
 * published cell the change touches gets hidden; then `x + d` is a table the attacker cannot exclude, so the
 * target's interval reaches `x + delta`. Restricted to a neighbourhood (cells within `radius` relations of the
 * target, plus the hidden cells connected to it), so the LP stays small.
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
 * @returns the cells to hide, or `undefined` when the neighbourhood admits no such change. Throws nothing of its own.
 * @internal
 * @example
 * // rows A, B × columns m, f with margins; interior [[3, 1], [2, 4]], (A,m) and (A,f) hidden, asked up by 1:
 * repairCell({ highs, space, values, hidden, cost, target: Am, delta: 1, radius: 2 })
 * // [Bm, Bf]: the only change is the box +Am -Af -Bm +Bf, which moves both published cells of row B
 */
export function repairCell(input: RepairInput): Int32Array | undefined {
  const { space, hidden, target, radius } = input;
  const cells = repairNeighbourhood(space, hidden, target, radius);
  // Local index of each space cell in the LP, -1 when not in it (a buffer per space, reset before returning).
  // Readable version: `const local = new Map<number, number>()` with `local.has(c)` / `local.set(c, cells.length)`.
  const local = localIndexOf(space.cellCount);
  try {
    cells.forEach((c, i) => (local[c] = i));
    return solveRepair(input, cells, local);
  } finally {
    for (const c of cells) local[c] = -1;
  }
}

/**
 * The neighbourhood of a repair LP: the cells within `radius` relations of the target (breadth first over the
 * relation index), then the hidden cells connected to the target through relations among hidden cells (depth
 * first); the target first, every cell once, in that order.
 *
 * Cost: linear in the relation entries of the ball and of the hidden component.
 * @internal
 */
export function repairNeighbourhood(space: CellSpace, hidden: Uint8Array, target: number, radius: number): number[] {
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
    const stack = [target];
    const seen = new Set<number>([target]);
    const visit = (x: number): void => {
      if (hidden[x] && !seen.has(x)) {
        seen.add(x);
        if (local[x]! < 0) {
          local[x] = cells.length;
          cells.push(x);
        }
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

/** Builds and solves the repair LP over `cells` (`local` maps a space cell to its index in `cells`, else -1). */
function solveRepair(input: RepairInput, cells: readonly number[], local: Int32Array): Int32Array | undefined {
  const { highs, space, values, hidden, cost, target, delta } = input;
  const idx = space.relationIndex;
  const rel = space.relations;
  // Columns: hidden cell -> one variable d in [-x, inf); published -> u, w >= 0 (d = u - w, w <= x).
  const colOf = new Int32Array(cells.length);
  const colCost: number[] = [];
  const colLower: number[] = [];
  const colUpper: number[] = [];
  const inf = highs.infinity;
  cells.forEach((c, i) => {
    colOf[i] = colCost.length;
    const x = values[c]!;
    if (c === target) {
      colCost.push(0);
      colLower.push(delta);
      colUpper.push(delta);
    } else if (hidden[c]) {
      colCost.push(0);
      colLower.push(-x);
      colUpper.push(inf);
    } else {
      colCost.push(cost[c]!, cost[c]!);
      colLower.push(0, 0);
      colUpper.push(inf, x);
    }
  });
  const rowSet = new Set<number>();
  for (const c of cells) for (let j = idx.starts[c]!; j < idx.starts[c + 1]!; j++) rowSet.add(idx.relations[j]!);
  const rows = [...rowSet].sort((a, b) => a - b);
  const starts: number[] = [0];
  const indices: number[] = [];
  const vals: number[] = [];
  // Per row: the net coefficient of each local cell (a cell can appear twice in a relation across linked tables),
  // entries in local-index order. Readable version: a Map<local, coefficient> per row, sorted by key.
  const acc = new Float64Array(cells.length);
  const inRow: number[] = [];
  for (const r of rows) {
    const put = (c: number, s: number): void => {
      const i = local[c]!;
      if (i < 0) return;
      if (acc[i] === 0 && !inRow.includes(i)) inRow.push(i);
      acc[i] = acc[i]! + s;
    };
    put(rel.totals[r]!, 1);
    for (let j = rel.starts[r]!; j < rel.starts[r + 1]!; j++) {
      const m = rel.members[j]!;
      put(m, m === rel.totals[r] ? 1 : -1);
    }
    inRow.sort((a, b) => a - b);
    for (const i of inRow) {
      const sgn = acc[i]!;
      acc[i] = 0;
      if (sgn === 0) continue;
      const c = cells[i]!;
      const col = colOf[i]!;
      if (c === target || hidden[c]) {
        indices.push(col);
        vals.push(sgn);
      } else {
        indices.push(col, col + 1);
        vals.push(sgn, -sgn);
      }
    }
    inRow.length = 0;
    starts.push(indices.length);
  }
  const zeros = new Float64Array(rows.length);
  const model = highs.createModel({
    numCols: colCost.length,
    numRows: rows.length,
    colCost: Float64Array.from(colCost),
    colLower: Float64Array.from(colLower),
    colUpper: Float64Array.from(colUpper),
    rowLower: zeros,
    rowUpper: zeros,
    matrix: { format: 'csr', numRows: rows.length, numCols: colCost.length, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(vals) },
  });
  try {
    model.options.set({ output_flag: false });
    const res = model.run();
    if (res.modelStatus !== highs.constants.modelStatus.optimal) return undefined;
    const tol = 1e-7 * Math.max(1, Math.abs(delta));
    // Published cells the change moves, with how far (index into `cells`, amount).
    const moved = (): { i: number; by: number }[] => {
      const v = model.getSolution().colValue;
      const out: { i: number; by: number }[] = [];
      cells.forEach((c, i) => {
        if (c === target || hidden[c]) return;
        const col = colOf[i]!;
        const by = v[col]! + v[col + 1]!;
        if (by > tol) out.push({ i, by });
      });
      return out;
    };
    let best = moved();
    // Fewer cells (see the doc): the least moved published cell of a change over several fixed at 0 and the LP
    // re-solved warm; a change over fewer cells is kept. (Readable loop over `order`; `SPARSER_TRIES` of them.)
    if (best.length >= 2) {
      model.options.set(WARM);
      const order = best.slice().sort((a, b) => a.by - b.by || cost[cells[a.i]!]! - cost[cells[b.i]!]! || cells[a.i]! - cells[b.i]!);
      for (const { i } of order.slice(0, SPARSER_TRIES)) {
        if (!best.some((m) => m.i === i) || best.length < 2) continue;
        const col = colOf[i]!;
        const x = values[cells[i]!]!;
        model.changeColBounds(col, 0, 0);
        model.changeColBounds(col + 1, 0, 0);
        const again = model.run();
        const next = again.modelStatus === highs.constants.modelStatus.optimal ? moved() : undefined;
        if (next && next.length < best.length) {
          best = next;
        } else {
          model.changeColBounds(col, 0, inf);
          model.changeColBounds(col + 1, 0, x);
        }
      }
    }
    return Int32Array.from(best.map((m) => cells[m.i]!).sort((a, b) => a - b));
  } finally {
    model.dispose();
  }
}
