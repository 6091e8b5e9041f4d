import { perturbedCost } from './perturbedCost.js';
import type { RepairInput } from './repairCell.js';

/**
 * What {@link buildRepairLp} needs: the repair's input without the solver and the radius (see `RepairInput`), and
 * the neighbourhood already drawn. @internal
 */
export interface RepairLpInput extends Omit<RepairInput, 'highs' | 'radius'> {
  /** The neighbourhood's space cells, the target first (see `repairNeighbourhood`). Required. */
  readonly cells: readonly number[];
  /** Space cell -> its index in `cells`, -1 for a cell outside (read only). Required. */
  readonly local: Int32Array;
  /** HiGHS's infinity, for the unbounded upper bounds. Required. */
  readonly infinity: number;
}

/**
 * The repair LP's columns and rows in HiGHS's arrays (see {@link buildRepairLp}); fresh arrays per call, handed to
 * HiGHS as they are (not frozen: typed arrays).
 * @internal
 */
export interface RepairLp {
  /** Per local cell: its first column (a published cell has two, `u` then `w`). */
  readonly colOf: Int32Array;
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/**
 * Writes the repair LP of `repairCell` (Fischetti & Salazar 2001, the attacker subproblem with the hiding decisions
 * relaxed) over the neighbourhood `cells` into HiGHS's typed arrays: one column per hidden cell (`d` in
 * `[-x, inf)`, the target's fixed at `delta`), two per published cell (`u, w >= 0`, `w <= x`, `d = u - w`, both at
 * the cell's cost perturbed by its place in the publishing order among the LP's published cells, `perturbedCost`, so
 * the LP's optimum is unique); one row `A d = 0` per relation touching a cell of `cells`, in relation order, each row's
 * entries in local-cell order with the net coefficient of each cell (a cell can appear twice in a relation across
 * linked tables; cells outside `cells` stay at 0 and drop out). The arrays are, entry for entry, those of the
 * readable version it replaced (number arrays, a `Set` of rows sorted, per row an `inRow.includes` check, kept in
 * the tests as the reference, with the perturbed costs written out from `perturbedCost`'s definition).
 *
 * Cost: linear in the relation entries of the rows, plus sorting the rows, each row's entries and the published
 * cells by rank; one mark buffer over the relations kept per relation count. Throws nothing of its own (the input
 * is `repairCell`'s, validated by its caller).
 * @internal
 * @example
 * // rows A, B × columns m, f with margins, (A,m) and (A,f) hidden, target (A,m), cells = its radius-1 ball
 * // {Am, AT, Af, Tm, Bm}: one column each for Am (fixed at delta) and Af, a u/w pair each for AT, Tm, Bm = 8;
 * // rows: all 6 relations.
 * buildRepairLp({ space, values, hidden, cost, rank, target: Am, delta: 1, cells, local, infinity: highs.infinity })
 * // { numCols: 8, numRows: 6, ... }; with cost 1 and rank AT < Tm < Bm, the u/w pairs of AT, Tm, Bm cost 1,
 * // 1 + 1e-4/3 and 1 + 2e-4/3, the columns of Am and Af 0
 */
export function buildRepairLp(input: RepairLpInput): RepairLp {
  const { space, values, hidden, cost, rank, target, delta, cells, local, infinity: inf } = input;
  const idx = space.relationIndex;
  const rel = space.relations;
  const n = cells.length;
  const colOf = new Int32Array(n);
  let numCols = 0;
  for (let i = 0; i < n; i++) {
    const c = cells[i]!;
    colOf[i] = numCols;
    numCols += c === target || hidden[c] ? 1 : 2;
  }
  // The published cells' places among themselves in the publishing order, for the cost perturbation (a place per
  // cell, so the perturbations differ by ε / published count, well above the solver's tolerances). Readable version:
  // `published.sort((a, b) => rank[cells[a]] - rank[cells[b]]).forEach((i, k) => (place[i] = k))`.
  const published: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = cells[i]!;
    if (c !== target && !hidden[c]) published.push(i);
  }
  published.sort((a, b) => rank[cells[a]!]! - rank[cells[b]!]! || cells[a]! - cells[b]!);
  const place = new Int32Array(n);
  published.forEach((i, k) => (place[i] = k));
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols);
  for (let i = 0; i < n; i++) {
    const c = cells[i]!;
    const col = colOf[i]!;
    const x = values[c]!;
    if (c === target) {
      colLower[col] = delta;
      colUpper[col] = delta;
    } else if (hidden[c]) {
      colLower[col] = -x;
      colUpper[col] = inf;
    } else {
      const k = perturbedCost(cost[c]!, place[i]!, published.length);
      colCost[col] = k;
      colCost[col + 1] = k;
      colUpper[col] = inf;
      colUpper[col + 1] = x;
    }
  }
  // Rows: every relation of a local cell once, ascending (readable: `[...new Set(relations of cells)].sort()`).
  const seen = stampOf(rel.count);
  const stamp = nextStamp(seen);
  let rowCount = 0;
  let entryBound = 0;
  for (let i = 0; i < n; i++) {
    const c = cells[i]!;
    for (let j = idx.starts[c]!; j < idx.starts[c + 1]!; j++) {
      const r = idx.relations[j]!;
      if (seen.marks[r] !== stamp) {
        seen.marks[r] = stamp;
        rowCount++;
        entryBound += 2 * (rel.starts[r + 1]! - rel.starts[r]! + 1);
      }
    }
  }
  const rows = new Int32Array(rowCount);
  rowCount = 0;
  const rowStamp = nextStamp(seen);
  for (let i = 0; i < n; i++) {
    const c = cells[i]!;
    for (let j = idx.starts[c]!; j < idx.starts[c + 1]!; j++) {
      const r = idx.relations[j]!;
      if (seen.marks[r] !== rowStamp) {
        seen.marks[r] = rowStamp;
        rows[rowCount++] = r;
      }
    }
  }
  rows.sort();
  const starts = new Int32Array(rowCount + 1);
  const indices = new Int32Array(entryBound);
  const vals = new Float64Array(entryBound);
  let k = 0;
  // Per row: the net coefficient of each local cell, entries in local-index order. Readable version: a
  // Map<local, coefficient> per row, sorted by key; `inRow` lists the local cells met in this row, `metIn[i]` says
  // in which row cell i was last met (so a coefficient that cancels to 0 and comes back is listed once).
  const acc = new Float64Array(n);
  const metIn = new Int32Array(n).fill(-1);
  const inRow = new Int32Array(n);
  for (let q = 0; q < rowCount; q++) {
    const r = rows[q]!;
    let m = 0;
    const t = rel.totals[r]!;
    const it = local[t]!;
    if (it >= 0) {
      metIn[it] = q;
      inRow[m++] = it;
      acc[it] = acc[it]! + 1;
    }
    for (let j = rel.starts[r]!; j < rel.starts[r + 1]!; j++) {
      const x = rel.members[j]!;
      const i = local[x]!;
      if (i < 0) continue;
      if (metIn[i] !== q) {
        metIn[i] = q;
        inRow[m++] = i;
      }
      acc[i] = acc[i]! + (x === t ? 1 : -1);
    }
    const list = inRow.subarray(0, m).sort();
    for (const i of list) {
      const sgn = acc[i]!;
      acc[i] = 0;
      if (sgn === 0) continue;
      const c = cells[i]!;
      const col = colOf[i]!;
      indices[k] = col;
      vals[k++] = sgn;
      if (c !== target && !hidden[c]) {
        indices[k] = col + 1;
        vals[k++] = -sgn;
      }
    }
    starts[q + 1] = k;
  }
  return { colOf, numCols, numRows: rowCount, colCost, colLower, colUpper, starts, indices: indices.slice(0, k), values: vals.slice(0, k) };
}

/** A reusable mark array over relations, by relation count: `marks[r] === stamp` says r was met this pass. */
interface Stamps {
  readonly marks: Int32Array;
  stamp: number;
}
const stampBuffers = new Map<number, Stamps>();
function stampOf(count: number): Stamps {
  let b = stampBuffers.get(count);
  if (!b) {
    if (stampBuffers.size > 8) stampBuffers.clear();
    stampBuffers.set(count, (b = { marks: new Int32Array(count), stamp: 0 }));
  }
  return b;
}
function nextStamp(b: Stamps): number {
  if (b.stamp >= 0x7fffffff) {
    b.marks.fill(0);
    b.stamp = 0;
  }
  return ++b.stamp;
}

