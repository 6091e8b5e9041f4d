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
 * Cost: one LP over the neighbourhood.
 *
 * @returns the cells to hide, or `undefined` when the neighbourhood admits no such change.
 * @internal
 */
export function repairCell(input: RepairInput): Int32Array | undefined {
  const { highs, space, values, hidden, cost, target, delta, radius } = input;
  const idx = space.relationIndex;
  const rel = space.relations;
  const local = new Map<number, number>();
  const cells: number[] = [];
  const addCell = (c: number): void => {
    if (!local.has(c)) {
      local.set(c, cells.length);
      cells.push(c);
    }
  };
  const relCells = (r: number, f: (c: number) => void): void => {
    f(rel.totals[r]!);
    for (let j = rel.starts[r]!; j < rel.starts[r + 1]!; j++) f(rel.members[j]!);
  };
  // Ball of the given radius.
  addCell(target);
  let frontier = [target];
  for (let k = 0; k < radius; k++) {
    const next: number[] = [];
    for (const c of frontier) {
      for (let j = idx.starts[c]!; j < idx.starts[c + 1]!; j++) {
        relCells(idx.relations[j]!, (x) => {
          if (!local.has(x)) {
            addCell(x);
            next.push(x);
          }
        });
      }
    }
    frontier = next;
  }
  // Hidden cells connected to the target through relations among hidden cells.
  const stack = [target];
  const seen = new Set<number>([target]);
  while (stack.length > 0) {
    const c = stack.pop()!;
    for (let j = idx.starts[c]!; j < idx.starts[c + 1]!; j++) {
      relCells(idx.relations[j]!, (x) => {
        if (hidden[x] && !seen.has(x)) {
          seen.add(x);
          addCell(x);
          stack.push(x);
        }
      });
    }
  }
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
  for (const r of rows) {
    const acc = new Map<number, number>();
    const put = (c: number, s: number): void => {
      const i = local.get(c);
      if (i === undefined) return;
      acc.set(i, (acc.get(i) ?? 0) + s);
    };
    relCells(r, (c) => put(c, c === rel.totals[r] ? 1 : -1));
    for (const [i, s] of [...acc.entries()].sort((a, b) => a[0] - b[0])) {
      if (s === 0) continue;
      const c = cells[i]!;
      const col = colOf[i]!;
      if (c === target || hidden[c]) {
        indices.push(col);
        vals.push(s);
      } else {
        indices.push(col, col + 1);
        vals.push(s, -s);
      }
    }
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
    const v = model.getSolution().colValue;
    const out: number[] = [];
    const tol = 1e-7 * Math.max(1, Math.abs(delta));
    cells.forEach((c, i) => {
      if (c === target || hidden[c]) return;
      const col = colOf[i]!;
      if (v[col]! + v[col + 1]! > tol) out.push(c);
    });
    return Int32Array.from(out.sort((a, b) => a - b));
  } finally {
    model.dispose();
  }
}
