import type { CellSpace } from '../../audit/CellSpace.js';
import { PrikkError } from '../../errors/PrikkError.js';
import { differenceColumns } from './differenceColumns.js';
import type { SparseColumns } from './SparseColumns.js';
import { supportColumns } from './supportColumns.js';

const EPS = 1e-9;

/**
 * A single table's elimination runs over its support (`supportColumns`: the finest cells not known to be zero) when
 * that basis has at most this share of the difference basis' entries. Measured by `bench/elimination.bench.ts`
 * (elimination alone, count < 5, warm medians; persons by the year of their first operation): on the 5,000-row
 * example extract by hospital × year × sex × 10-year age × diagnosis (59,904 cells, 73 % zero; share 0.16) 55.8 s
 * → 1.5 s; shares 0.22-0.46 (tables of 4,992-112,320 cells) 1.6-5.9 times faster over the support; 0.56 (the 1M-row
 * extract by hospital × procedure × year × age, 74,880 cells) 9.4 → 4.6 s; shares 0.95-1.47 1.3-6 times slower (0.95:
 * the 1M-row extract by hospital × year × sex × age × diagnosis, 1.5 → 5.9 s; the benchmark's 110k-cell table, 1.35,
 * 1.0 → 15.2 s), as its totals are dense columns. The crossover, interpolated between 0.56 and 0.95, near 0.7. The
 * same secondaries in every case measured but one (the 1M-row extract by hospital × year × sex × 5-year age ×
 * diagnosis, 169,728 cells, share 0.85: 18,113 → 18,228, the zeros known).
 * @internal
 */
export const SUPPORT_MAX_SHARE = 0.7;

/**
 * Secondary suppression by Gaussian elimination (Langsrud 2024, "Secondary cell suppression by Gaussian
 * elimination", Statistical Journal of the IAOS 40; SSB's R package GaussSuppression): candidates are taken in
 * order of publishing priority and used to reduce the model matrix; a candidate that would complete the
 * elimination of a primary cell (make it a linear combination of published cells) is suppressed instead. Afterwards
 * no primary cell can be recomputed exactly from published cells; bounds from non-negativity are left to the
 * audit.
 *
 * The columns are those of {@link CellSpace.column}: the model matrix after a difference transform along each
 * dimension's depth-first leaf order, where every hierarchy node is one run, so a cell has at most 2^D non-zeros
 * instead of one per finest cell below it (the grand total would otherwise be dense), projected by dropping each
 * dimension's last grid point (`differenceColumns` with `project`; injective on the span, and it removes the
 * densest rows, where every node ending at the last leaf has an entry: 5-8× less fill-in on the benchmark
 * tables). Linear dependence is unchanged by the (invertible, then injective) maps. Primary columns are kept
 * reduced against all pivots; the test "would this candidate eliminate a primary" is "is the reduced candidate
 * parallel to a reduced primary". A parallel primary has the candidate's support, so only the primaries with an
 * entry in the candidate's least shared row (the row also chosen as pivot) are compared.
 *
 * With `zeros` (the cells whose count is 0), a single table whose finest cells are mostly zero is eliminated over
 * its support instead (`supportColumns`, see {@link SUPPORT_MAX_SHARE}): the rows are the finest cells not known to
 * be zero, where a zero cell that is not primary is known to be zero, and so is every finest cell below it (the
 * attacker reads it off the published zero and non-negativity). In the difference basis every such finest cell
 * published is a pivot of 2^D entries, and their elimination filled in (55.8 s on a 59,904-cell 5-dimensional table,
 * 1.5 s over its support). What the attacker is taken to know can only grow, so no primary of the result is a linear
 * combination of published cells either way (and the known zeros never become secondaries).
 *
 * Which cells are hidden depends only on spans (is the candidate in the span of the published cells and the known
 * zeros; does adding it put a primary there), not on the pivot rows, the basis or the projection; these only decide
 * the work (the support basis' span holds the known zeros, so there a pattern may differ). Pivot
 * row: the entry of the reduced candidate that the fewest reduced primaries share (fewest primary updates), ties by
 * smallest row.
 *
 * Data layout (the hot path): pivots live in one pool of sorted `Int32Array` rows and `Float64Array` values; the
 * primaries in one arena (an update writes the merged vector at its end; full arenas are compacted), so nothing is
 * allocated per vector; a candidate is reduced in a dense scratch vector over all rows (pivots applied in creation
 * order through a binary heap, since a pivot has zeros in every earlier pivot's row); a primary is updated by one
 * sorted merge with the pivot. Which primaries have an entry in a row is kept exactly in doubly linked lists over a
 * node pool (each primary entry knows its node, so a row it loses is unlinked in O(1) and no list holds stale or
 * repeated entries).
 *
 * Deterministic: the order decides everything, and ties inside are broken by index.
 *
 * Cost: O(candidates × 2^D) plus fill-in: each reduction step costs the pivot's length, each primary update the
 * primary's plus the pivot's length. Memory O(rows + live fill-in). Measured on the suppression benchmark's tables
 * (elimination alone, warm, CPU on a loaded 2-core machine): 12k cells ~30-50 ms, 49k ~0.5-0.6 s, 110k cells
 * (4 dimensions, 30k primaries) ~1.5-1.9 s, 4-5× less than before the projection and the pooled layout.
 *
 * @param space the cells and their relations (one table or linked tables).
 * @param primary 1 for every primary cell (length `space.cellCount`).
 * @param order candidate cells, most wanted published first (each cell at most once; primaries in it are skipped).
 * @param zeros optional: 1 for every cell whose count is 0 (length `space.cellCount`); without it the difference
 * basis always.
 * @param basis optional, for benchmarks and tests: `'auto'` (the default: the rule above), `'difference'`, or
 * `'support'` (needs `zeros` and a single table).
 * @returns 1 for every cell made secondary (a new array).
 * @throws PrikkError `INVALID_ARGUMENT` when `primary` or `zeros` is not one entry per cell, `order` holds a cell
 * outside the space or a cell twice, or `basis` is unknown or `'support'` without `zeros` or on linked tables.
 * @example
 * // sdcTable example, A/female primary: hides A/male, a second male cell and its female neighbour.
 * gaussSecondary(space, primary, order).reduce((a, b) => a + b) // 3
 */
export function gaussSecondary(space: CellSpace, primary: Uint8Array, order: Int32Array, zeros?: Uint8Array, basis: EliminationBasis = 'auto'): Uint8Array {
  validate(space, primary, order, zeros, basis);
  const secondary = new Uint8Array(space.cellCount);
  let nPrim = 0;
  for (let c = 0; c < space.cellCount; c++) if (primary[c]) nPrim++;
  if (nPrim === 0) return secondary;

  // Every column once (CSR, projected, or over the support), and the number of rows (largest row + 1).
  const cols = eliminationColumns(space, primary, zeros, basis);
  const rowCount = cols.maxKey + 1;
  const lists = new RowLists(rowCount, cols.keys.length);

  // Primaries, kept reduced, in one arena: sorted rows, values and each entry's node in its row's list.
  const prims = new PrimaryArena(nPrim, 2 * cols.keys.length);
  for (let c = 0, p = 0; c < space.cellCount; c++) {
    if (!primary[c]) continue;
    prims.addColumn(p, cols, c);
    for (let i = prims.off[p]!; i < prims.off[p]! + prims.len[p]!; i++) prims.nodes[i] = lists.add(prims.keys[i]!, p);
    p++;
  }

  // Pivots, in one pool: rows sorted, the pivot row's value normalised to 1.
  const pool = new PivotPool();
  const pivotOfRow = new Int32Array(rowCount).fill(-1);

  // Dense scratch for reducing a candidate: values, which rows are non-zero (list + flag).
  const acc = new Float64Array(rowCount);
  const accOn = new Uint8Array(rowCount);
  let accRows = new Int32Array(64);
  let accN = 0;
  const vVals = new Float64Array(rowCount);
  // Min-heap of pivot indices (pivots are applied in creation order).
  const heap = new Int32Array(order.length + 1);
  let heapN = 0;
  const inHeap = new Uint8Array(order.length + 1);
  // Primaries to update for one pivot.
  let upd = new Int32Array(64);

  for (let oi = 0; oi < order.length; oi++) {
    const c = order[oi]!;
    if (primary[c]) continue;
    // Scatter the column into the scratch vector (entries summed; |x| < EPS is zero), and queue the pivots of its
    // rows. Readable: for each entry (k, s): touch(k); acc[k] += s; if pivotOfRow[k] >= 0: push(pivotOfRow[k]).
    accN = 0;
    const end = cols.starts[c + 1]!;
    if (accRows.length < accN + end - cols.starts[c]!) accRows = grown(accRows, accN + end - cols.starts[c]!);
    for (let i = cols.starts[c]!; i < end; i++) {
      const k = cols.keys[i]!;
      if (!accOn[k]) {
        accOn[k] = 1;
        accRows[accN++] = k;
      }
      const nv = acc[k]! + cols.signs[i]!;
      acc[k] = Math.abs(nv) < EPS ? 0 : nv;
    }
    for (let i = 0; i < accN; i++) {
      const pv = pivotOfRow[accRows[i]!]!;
      if (pv >= 0 && acc[accRows[i]!] !== 0 && !inHeap[pv]) heapN = heapPush(heap, heapN, inHeap, pv);
    }
    // Reduce: v -= v[row] * pivot, pivots in creation order. A pivot has zeros in every earlier pivot's row, so
    // a new non-zero can only call for a later pivot.
    const pk = pool.keys;
    const pvv = pool.vals;
    while (heapN > 0) {
      const pv = heap[0]!;
      heapN = heapPop(heap, heapN);
      inHeap[pv] = 0;
      const row = pool.row[pv]!;
      const f = acc[row]!;
      if (f === 0) continue;
      const pEnd = pool.start[pv + 1]!;
      const room = accN + pEnd - pool.start[pv]!;
      if (accRows.length < room) accRows = grown(accRows, room);
      // Readable: for each pivot entry (k, x): acc[k] -= f * x, zero when |.| < EPS; a row that was zero is
      // touched, and its pivot (necessarily a later one) queued.
      for (let i = pool.start[pv]!; i < pEnd; i++) {
        const k = pk[i]!;
        const old = acc[k]!;
        const nv = old - f * pvv[i]!;
        if (Math.abs(nv) < EPS) acc[k] = 0;
        else {
          if (old === 0) {
            if (!accOn[k]) {
              accOn[k] = 1;
              accRows[accN++] = k;
            }
            const q = pivotOfRow[k]!;
            if (q > pv && !inHeap[q]) heapN = heapPush(heap, heapN, inHeap, q);
          }
          acc[k] = nv;
        }
      }
      acc[row] = 0; // exactly: f - f * 1
    }
    // Gather the reduced candidate (sorted rows, in accRows[0..n)), clearing the scratch.
    let n = 0;
    for (let i = 0; i < accN; i++) {
      const k = accRows[i]!;
      accOn[k] = 0;
      if (acc[k] !== 0) accRows[n++] = k;
    }
    if (n === 0) continue; // already determined by published cells: publishing it adds nothing
    const vKeys = accRows;
    sortPrefix(vKeys, n);
    for (let i = 0; i < n; i++) {
      vVals[i] = acc[vKeys[i]!]!;
      acc[vKeys[i]!] = 0;
    }
    // Pivot row: the entry touching the fewest primaries (least work), ties by smallest row.
    let rowAt = 0;
    let best = lists.count[vKeys[0]!]!;
    for (let i = 1; i < n && best > 0; i++) {
      const cnt = lists.count[vKeys[i]!]!;
      if (cnt < best) {
        best = cnt;
        rowAt = i;
      }
    }
    const row = vKeys[rowAt]!;
    // Would publishing it complete the elimination of a primary? Only primaries with the same support can be
    // parallel, and they all have an entry in `row`.
    if (best > 0) {
      let hit = false;
      for (let nd = lists.head[row]!; nd >= 0 && !hit; nd = lists.next[nd]!) {
        const p = lists.prim[nd]!;
        if (prims.len[p] === n && parallel(prims.keys, prims.vals, prims.off[p]!, vKeys, vVals, n)) hit = true;
      }
      if (hit) {
        secondary[c] = 1;
        continue;
      }
    }
    const f = vVals[rowAt]!;
    for (let i = 0; i < n; i++) vVals[i] = i === rowAt ? 1 : vVals[i]! / f;
    const pv = pool.push(vKeys, vVals, n, row);
    pivotOfRow[row] = pv;
    if (best === 0) continue;
    // Update every primary with an entry in the pivot row: p -= p[row] * pivot (one sorted merge each). The list
    // is copied first, as each merge unlinks its primary from it.
    if (upd.length < best) upd = new Int32Array(2 * best);
    let nu = 0;
    for (let nd = lists.head[row]!; nd >= 0; nd = lists.next[nd]!) upd[nu++] = lists.prim[nd]!;
    const start = pool.start[pv]!;
    for (let u = 0; u < nu; u++) {
      const p = upd[u]!;
      prims.reserve(prims.len[p]! + n);
      prims.axpy(p, pool, start, n, rowAt, lists);
    }
  }
  return secondary;
}

/**
 * The elimination's basis: the difference transform (`differenceColumns`, projected), or for a single table whose
 * support basis is much smaller (see {@link SUPPORT_MAX_SHARE}) that one (`supportColumns`), with the zero cells that
 * are not primary known to be zero.
 */
function eliminationColumns(space: CellSpace, primary: Uint8Array, zeros: Uint8Array | undefined, basis: EliminationBasis): SparseColumns {
  if (basis === 'difference' || !zeros || space.tables.length !== 1) return differenceColumns(space, { project: true });
  const known = new Uint8Array(space.cellCount);
  for (let c = 0; c < known.length; c++) if (zeros[c] && !primary[c]) known[c] = 1;
  if (basis === 'support') return supportColumns(space, known);
  const diff = differenceColumns(space, { project: true });
  return supportColumns(space, known, SUPPORT_MAX_SHARE * diff.keys.length) ?? diff;
}

/** Which basis {@link gaussSecondary} eliminates in (see its `basis` parameter). @internal */
export type EliminationBasis = 'auto' | 'difference' | 'support';

function validate(space: CellSpace, primary: Uint8Array, order: Int32Array, zeros: Uint8Array | undefined, basis: EliminationBasis): void {
  if (basis !== 'auto' && basis !== 'difference' && basis !== 'support') {
    throw new PrikkError('INVALID_ARGUMENT', `gaussSecondary: expected basis to be 'auto', 'difference' or 'support', got ${String(basis)}`);
  }
  if (basis === 'support' && (!zeros || space.tables.length !== 1)) {
    throw new PrikkError('INVALID_ARGUMENT', "gaussSecondary: the 'support' basis needs zeros and a single table");
  }
  if (zeros !== undefined && (!(zeros instanceof Uint8Array) || zeros.length !== space.cellCount)) {
    throw new PrikkError('INVALID_ARGUMENT', `gaussSecondary: expected zeros to be a Uint8Array of ${space.cellCount} entries (one per cell), got ${zeros instanceof Uint8Array ? zeros.length : typeof zeros}`);
  }
  if (!(primary instanceof Uint8Array) || primary.length !== space.cellCount) {
    throw new PrikkError('INVALID_ARGUMENT', `gaussSecondary: expected primary to be a Uint8Array of ${space.cellCount} entries (one per cell), got ${primary instanceof Uint8Array ? primary.length : typeof primary}`);
  }
  if (!(order instanceof Int32Array)) throw new PrikkError('INVALID_ARGUMENT', `gaussSecondary: expected order to be an Int32Array of cell indices, got ${typeof order}`);
  const seen = new Uint8Array(space.cellCount);
  for (let i = 0; i < order.length; i++) {
    const c = order[i]!;
    if (c < 0 || c >= space.cellCount) {
      throw new PrikkError('INVALID_ARGUMENT', `gaussSecondary: order[${i}] = ${c} is not a cell of the space (0 to ${space.cellCount - 1})`);
    }
    if (seen[c]) throw new PrikkError('INVALID_ARGUMENT', `gaussSecondary: order[${i}] = ${c} repeats a cell (each cell at most once)`);
    seen[c] = 1;
  }
}

/**
 * Which primaries have an entry in each row: one doubly linked list per row over a pool of nodes (free nodes are
 * reused), with exact counts. A primary entry holds its node, so it is unlinked in O(1) when the entry goes.
 */
class RowLists {
  /** First node of each row's list, -1 when empty. */
  readonly head: Int32Array;
  /** Number of nodes in each row's list. */
  readonly count: Int32Array;
  prim: Int32Array<ArrayBuffer>;
  next: Int32Array<ArrayBuffer>;
  prev: Int32Array<ArrayBuffer>;
  rowOf: Int32Array<ArrayBuffer>;
  private free = -1;
  private size = 0;

  constructor(rows: number, capacity: number) {
    this.head = new Int32Array(rows).fill(-1);
    this.count = new Int32Array(rows);
    const cap = Math.max(64, capacity);
    this.prim = new Int32Array(cap);
    this.next = new Int32Array(cap);
    this.prev = new Int32Array(cap);
    this.rowOf = new Int32Array(cap);
  }

  /** Links primary p into row's list; returns the node. */
  add(row: number, p: number): number {
    let nd = this.free;
    if (nd >= 0) this.free = this.next[nd]!;
    else {
      if (this.size === this.prim.length) this.grow();
      nd = this.size++;
    }
    const h = this.head[row]!;
    this.prim[nd] = p;
    this.rowOf[nd] = row;
    this.prev[nd] = -1;
    this.next[nd] = h;
    if (h >= 0) this.prev[h] = nd;
    this.head[row] = nd;
    this.count[row]!++;
    return nd;
  }

  /** Unlinks a node from its row's list and frees it. */
  remove(nd: number): void {
    const row = this.rowOf[nd]!;
    const p = this.prev[nd]!;
    const x = this.next[nd]!;
    if (p >= 0) this.next[p] = x;
    else this.head[row] = x;
    if (x >= 0) this.prev[x] = p;
    this.count[row]!--;
    this.next[nd] = this.free;
    this.free = nd;
  }

  private grow(): void {
    const cap = 2 * this.prim.length;
    this.prim = grown(this.prim, cap);
    this.next = grown(this.next, cap);
    this.prev = grown(this.prev, cap);
    this.rowOf = grown(this.rowOf, cap);
  }
}

/** All pivots in one pool: pivot i's entries are `start[i]` up to `start[i + 1]`, its pivot row `row[i]`. */
class PivotPool {
  keys = new Int32Array(1024);
  vals = new Float64Array(1024);
  start = new Int32Array(1024);
  row = new Int32Array(1024);
  count = 0;

  /** Appends a pivot (its first n entries); returns its index. */
  push(keys: Int32Array, vals: Float64Array, n: number, row: number): number {
    const at = this.start[this.count]!;
    if (this.keys.length < at + n) {
      const cap = 2 * (at + n);
      this.keys = grown(this.keys, cap);
      const v = new Float64Array(cap);
      v.set(this.vals);
      this.vals = v;
    }
    if (this.start.length < this.count + 2) {
      this.start = grown(this.start, 2 * (this.count + 2));
      this.row = grown(this.row, 2 * (this.count + 2));
    }
    for (let i = 0; i < n; i++) {
      this.keys[at + i] = keys[i]!;
      this.vals[at + i] = vals[i]!;
    }
    this.row[this.count] = row;
    this.start[this.count + 1] = at + n;
    return this.count++;
  }
}

/**
 * Size of a compacted arena, in multiples of its live entries (plus the room asked for). Measured on the 110k-cell
 * benchmark table's elimination (medians of 9, alternating, the same secondaries): 2 → 4 took it from 1.39-1.43 to
 * 1.10-1.19 s (6 compactions a run, the largest arena 2.3M entries, 37 MB); 8 to 0.97 s, its largest 4.4M
 * entries (70 MB). Kept at 8: the elimination runs alone on one core (nothing overlaps it), so its time is the
 * protect run's, and 70 MB for a 110k-cell table with 30k primary cells is small beside the extract it came from.
 */
const ARENA_GROWTH = 8;

/**
 * The primaries in one arena (no allocation per primary or per update): primary p's entries are `off[p]` up to
 * `off[p] + len[p]`, rows sorted. An update writes the new vector at the arena's end (the old place becomes
 * garbage); when the arena is full, the live vectors are copied to a new one of {@link ARENA_GROWTH} times their size.
 */
class PrimaryArena {
  keys: Int32Array<ArrayBuffer>;
  vals: Float64Array<ArrayBuffer>;
  nodes: Int32Array<ArrayBuffer>;
  readonly off: Int32Array;
  readonly len: Int32Array;
  private top = 0;

  constructor(count: number, capacity: number) {
    const cap = Math.max(1024, capacity);
    this.keys = new Int32Array(cap);
    this.vals = new Float64Array(cap);
    this.nodes = new Int32Array(cap);
    this.off = new Int32Array(count);
    this.len = new Int32Array(count);
  }

  /** Makes room for `n` more entries at the end (compacting or growing; offsets may change). */
  reserve(n: number): void {
    if (this.top + n <= this.keys.length) return;
    let live = 0;
    for (let p = 0; p < this.len.length; p++) live += this.len[p]!;
    const cap = Math.max(1024, ARENA_GROWTH * (live + n));
    const keys = new Int32Array(cap);
    const vals = new Float64Array(cap);
    const nodes = new Int32Array(cap);
    let top = 0;
    for (let p = 0; p < this.len.length; p++) {
      const o = this.off[p]!;
      const l = this.len[p]!;
      keys.set(this.keys.subarray(o, o + l), top);
      vals.set(this.vals.subarray(o, o + l), top);
      nodes.set(this.nodes.subarray(o, o + l), top);
      this.off[p] = top;
      top += l;
    }
    this.keys = keys;
    this.vals = vals;
    this.nodes = nodes;
    this.top = top;
  }

  /** Primary p := cell c's column, sorted, repeated rows summed, entries that cancel (|sum| < EPS) dropped. */
  addColumn(p: number, cols: SparseColumns, c: number): void {
    const s = cols.starts[c]!;
    const len = cols.starts[c + 1]! - s;
    this.reserve(len);
    const o = this.top;
    const keys = this.keys;
    const vals = this.vals;
    // Insertion sort (at most 2^D entries), summing repeated rows.
    let n = 0;
    for (let i = 0; i < len; i++) {
      const k = cols.keys[s + i]!;
      const x = cols.signs[s + i]!;
      let j = n;
      while (j > 0 && keys[o + j - 1]! > k) j--;
      if (j > 0 && keys[o + j - 1] === k) {
        vals[o + j - 1]! += x;
        continue;
      }
      for (let t = n; t > j; t--) {
        keys[o + t] = keys[o + t - 1]!;
        vals[o + t] = vals[o + t - 1]!;
      }
      keys[o + j] = k;
      vals[o + j] = x;
      n++;
    }
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (Math.abs(vals[o + i]!) < EPS) continue;
      keys[o + m] = keys[o + i]!;
      vals[o + m++] = vals[o + i]!;
    }
    this.off[p] = o;
    this.len[p] = m;
    this.top = o + m;
  }

  /**
   * p := p - p[pivot row] * pivot, by one merge of two sorted sparse vectors written at the arena's end (room for
   * `len[p] + n` reserved by the caller). Entries with |value| < EPS are dropped, the pivot row (`rowAt`, where
   * pivot = 1) exactly; a dropped entry's node is unlinked, a new entry gets a node in its row's list.
   */
  axpy(p: number, pool: PivotPool, start: number, n: number, rowAt: number, lists: RowLists): void {
    const pk = this.keys;
    const pvs = this.vals;
    const pns = this.nodes;
    const vKeys = pool.keys;
    const vVals = pool.vals;
    let a = this.off[p]!;
    const aEnd = a + this.len[p]!;
    const g = pvs[a + lowerBound(pk, a, aEnd - a, vKeys[start + rowAt]!)]!;
    const o = this.top;
    let m = o;
    // Readable version: for each pivot row k: p[k] = (p[k] ?? 0) - g * pivot[k], dropped when |.| < EPS.
    for (let b = 0; b < n; b++) {
      const kb = vKeys[start + b]!;
      // Copy p's entries before the next pivot row.
      while (a < aEnd && pk[a]! < kb) {
        pk[m] = pk[a]!;
        pns[m] = pns[a]!;
        pvs[m++] = pvs[a++]!;
      }
      if (a < aEnd && pk[a] === kb) {
        const nv = b === rowAt ? 0 : pvs[a]! - g * vVals[start + b]!;
        if (Math.abs(nv) < EPS) lists.remove(pns[a]!);
        else {
          pk[m] = kb;
          pns[m] = pns[a]!;
          pvs[m++] = nv;
        }
        a++;
      } else {
        const nv = -g * vVals[start + b]!;
        if (!(Math.abs(nv) < EPS)) {
          pk[m] = kb;
          pns[m] = lists.add(kb, p);
          pvs[m++] = nv;
        }
      }
    }
    while (a < aEnd) {
      pk[m] = pk[a]!;
      pns[m] = pns[a]!;
      pvs[m++] = pvs[a++]!;
    }
    this.off[p] = o;
    this.len[p] = m - o;
    this.top = m;
  }
}

/** First position in `keys[from .. from + len)` whose key is not below k, relative to `from`. */
function lowerBound(keys: Int32Array, from: number, len: number, k: number): number {
  let lo = from;
  let hi = from + len;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo - from;
}

/** Are two sparse vectors parallel (same rows, proportional values)? `a` (from `from`) holds at least `n` entries. */
function parallel(aKeys: Int32Array, aVals: Float64Array, from: number, bKeys: Int32Array, bVals: Float64Array, n: number): boolean {
  let ratio = NaN;
  for (let i = 0; i < n; i++) {
    if (aKeys[from + i] !== bKeys[i]) return false;
    const r = aVals[from + i]! / bVals[i]!;
    if (Number.isNaN(ratio)) ratio = r;
    else if (Math.abs(r - ratio) > 1e-9 * Math.max(1, Math.abs(ratio))) return false;
  }
  return true;
}

function heapPush(heap: Int32Array, heapN: number, inHeap: Uint8Array, x: number): number {
  inHeap[x] = 1;
  let i = heapN;
  while (i > 0) {
    const j = (i - 1) >> 1;
    const hj = heap[j]!;
    if (hj <= x) break;
    heap[i] = hj;
    i = j;
  }
  heap[i] = x;
  return heapN + 1;
}

/** Removes the top (the caller read it); returns the new size. */
function heapPop(heap: Int32Array, heapN: number): number {
  const n = heapN - 1;
  const last = heap[n]!;
  if (n > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && heap[r]! < heap[l]! ? r : l;
      if (heap[m]! >= last) break;
      heap[i] = heap[m]!;
      i = m;
    }
    heap[i] = last;
  }
  return n;
}

/** Sorts `a[0 .. n)` ascending: insertion sort for the usual few entries, the built-in sort otherwise. */
function sortPrefix(a: Int32Array, n: number): void {
  if (n > 32) {
    a.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = a[i]!;
    let j = i;
    while (j > 0 && a[j - 1]! > x) {
      a[j] = a[j - 1]!;
      j--;
    }
    a[j] = x;
  }
}

/** A copy of a buffer with room for `cap` entries (callers double, for amortised O(1) per push). */
function grown(a: Int32Array<ArrayBuffer>, cap: number): Int32Array<ArrayBuffer> {
  const g = new Int32Array(Math.max(cap, 2 * a.length));
  g.set(a);
  return g;
}
