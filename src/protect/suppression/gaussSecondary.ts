import type { CellSpace } from '../../audit/CellSpace.js';
import { differenceColumns, type DifferenceColumns } from './differenceColumns.js';

const EPS = 1e-9;

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
 * instead of one per finest cell below it (the grand total would otherwise be dense). Linear dependence is
 * unchanged by the (invertible) transform. Primary columns are kept reduced against all pivots; the test "would
 * this candidate eliminate a primary" is "is the reduced candidate parallel to a reduced primary". A parallel
 * primary has the candidate's support, so only the primaries with an entry in the candidate's least shared row
 * (the row also chosen as pivot) are compared.
 *
 * Which cells are hidden depends only on spans (is the candidate in the span of the published cells; does adding
 * it put a primary there), not on the pivot rows or the basis; these only decide the work. Pivot row: the entry
 * of the reduced candidate that the fewest reduced primaries share (fewest primary updates), ties by smallest row.
 *
 * Data layout (the hot path): pivots and primaries are sparse vectors with sorted `Int32Array` rows and
 * `Float64Array` values; a candidate is reduced in a dense scratch vector over all rows (pivots applied in
 * creation order through a binary heap, since a pivot has zeros in every earlier pivot's row); a primary is
 * updated by one sorted merge with the pivot. Rows → primaries lists are kept lazily (an entry may be stale; the
 * exact counts are kept beside them), and a pivot row's list is dropped once the row is eliminated, as no
 * primary can get that row back.
 *
 * Deterministic: the order decides everything, and ties inside are broken by index.
 *
 * Cost: O(candidates × 2^D) plus fill-in: each reduction step costs the pivot's length, each primary update the
 * primary's plus the pivot's length. Memory O(rows + total fill-in).
 *
 * @param order candidate cells, most wanted published first (primaries in it are skipped).
 * @returns 1 for every cell made secondary.
 * @example
 * // sdcTable example, A/female primary: hides A/male, a second male cell and its female neighbour.
 * gaussSecondary(space, primary, order).reduce((a, b) => a + b) // 3
 */
export function gaussSecondary(space: CellSpace, primary: Uint8Array, order: Int32Array): Uint8Array {
  const secondary = new Uint8Array(space.cellCount);

  // Every column once (CSR), and the number of rows of the grid (largest key + 1).
  const cols = differenceColumns(space);
  const rowCount = cols.maxKey + 1;

  // Primaries, kept reduced: sorted rows and values, with capacity.
  const primKeys: Int32Array[] = [];
  const primVals: Float64Array[] = [];
  const primLen: number[] = [];
  for (let c = 0; c < space.cellCount; c++) {
    if (!primary[c]) continue;
    const v = sortedColumn(cols, c);
    primKeys.push(v.keys);
    primVals.push(v.vals);
    primLen.push(v.keys.length);
  }
  if (primKeys.length === 0) return secondary;
  const nPrim = primKeys.length;

  // Row -> primaries having an entry there (lazy: may hold stale or repeated entries); exact counts beside.
  const rowPrims: (number[] | undefined)[] = new Array<number[] | undefined>(rowCount);
  const rowPrimCount = new Int32Array(rowCount);
  const addRowPrim = (k: number, p: number): void => {
    rowPrimCount[k]!++;
    const l = rowPrims[k];
    if (l === undefined) rowPrims[k] = [p];
    else {
      l.push(p);
      // Compact when mostly stale, so the lists stay O(live entries).
      if (l.length > 2 * rowPrimCount[k]! + 16) compactRow(k);
    }
  };
  const compactRow = (k: number): void => {
    const l = rowPrims[k]!;
    const seenStamp = ++stampClock;
    let j = 0;
    for (let i = 0; i < l.length; i++) {
      const p = l[i]!;
      if (primStamp[p] === seenStamp || !hasKey(primKeys[p]!, primLen[p]!, k)) continue;
      primStamp[p] = seenStamp;
      l[j++] = p;
    }
    l.length = j;
  };
  const primStamp = new Int32Array(nPrim);
  let stampClock = 0;
  for (let p = 0; p < nPrim; p++) {
    const ks = primKeys[p]!;
    for (let i = 0; i < primLen[p]!; i++) addRowPrim(ks[i]!, p);
  }

  // Pivots: rows sorted, the pivot row's value normalised to 1.
  const pivKeys: Int32Array[] = [];
  const pivVals: Float64Array[] = [];
  const pivRow: number[] = [];
  const pivotOfRow = new Int32Array(rowCount).fill(-1);

  // Dense scratch for reducing a candidate: values, which rows are non-zero (list + flag).
  const acc = new Float64Array(rowCount);
  const accOn = new Uint8Array(rowCount);
  let accRows = new Int32Array(64);
  let accN = 0;
  const accTouch = (k: number): void => {
    if (accOn[k]) return;
    accOn[k] = 1;
    if (accN === accRows.length) accRows = doubled(accRows);
    accRows[accN++] = k;
  };
  // Min-heap of pivot indices (pivots are applied in creation order).
  let heap = new Int32Array(64);
  let heapN = 0;
  const inHeap = new Uint8Array(order.length + 1);
  const push = (x: number): void => {
    if (inHeap[x]) return;
    inHeap[x] = 1;
    if (heapN === heap.length) heap = doubled(heap);
    let i = heapN++;
    heap[i] = x;
    while (i > 0) {
      const j = (i - 1) >> 1;
      const hj = heap[j]!;
      if (hj <= x) break;
      heap[i] = hj;
      i = j;
    }
    heap[i] = x;
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap[--heapN]!;
    if (heapN > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heapN) break;
        const r = l + 1;
        const m = r < heapN && heap[r]! < heap[l]! ? r : l;
        if (heap[m]! >= last) break;
        heap[i] = heap[m]!;
        i = m;
      }
      heap[i] = last;
    }
    inHeap[top] = 0;
    return top;
  };

  const scratch = new MergeScratch();

  for (let oi = 0; oi < order.length; oi++) {
    const c = order[oi]!;
    if (primary[c]) continue;
    // Scatter the column into the scratch vector (entries summed; |x| < EPS is zero).
    accN = 0;
    for (let i = cols.starts[c]!; i < cols.starts[c + 1]!; i++) {
      const k = cols.keys[i]!;
      accTouch(k);
      const nv = acc[k]! + cols.signs[i]!;
      acc[k] = Math.abs(nv) < EPS ? 0 : nv;
    }
    for (let i = 0; i < accN; i++) {
      const pv = pivotOfRow[accRows[i]!]!;
      if (pv >= 0 && acc[accRows[i]!] !== 0) push(pv);
    }
    // Reduce: v -= v[row] * pivot, pivots in creation order. A pivot has zeros in every earlier pivot's row, so
    // a new non-zero can only call for a later pivot.
    while (heapN > 0) {
      const pv = pop();
      const row = pivRow[pv]!;
      const f = acc[row]!;
      if (f === 0) continue;
      const keys = pivKeys[pv]!;
      const vals = pivVals[pv]!;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        const old = acc[k]!;
        const nv = old - f * vals[i]!;
        if (Math.abs(nv) < EPS) acc[k] = 0;
        else {
          if (old === 0) {
            accTouch(k);
            const q = pivotOfRow[k]!;
            if (q > pv) push(q);
          }
          acc[k] = nv;
        }
      }
      acc[row] = 0; // exactly: f - f * 1
    }
    // Gather the reduced candidate (sorted rows), clearing the scratch.
    let n = 0;
    for (let i = 0; i < accN; i++) {
      const k = accRows[i]!;
      accOn[k] = 0;
      if (acc[k] !== 0) accRows[n++] = k;
    }
    if (n === 0) continue; // already determined by published cells: publishing it adds nothing
    const vKeys = accRows.slice(0, n).sort();
    const vVals = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      vVals[i] = acc[vKeys[i]!]!;
      acc[vKeys[i]!] = 0;
    }
    // Pivot row: the entry touching the fewest primaries (least work), ties by smallest row.
    let row = -1;
    let best = Infinity;
    for (let i = 0; i < n; i++) {
      const k = vKeys[i]!;
      const cnt = rowPrimCount[k]!;
      if (cnt < best) {
        best = cnt;
        row = k;
      }
    }
    // Would publishing it complete the elimination of a primary? Only primaries with the same support can be
    // parallel, and they all have an entry in `row`.
    if (best > 0) {
      const l = rowPrims[row]!;
      let hit = false;
      for (let i = 0; i < l.length && !hit; i++) {
        const p = l[i]!;
        if (primLen[p] === n && parallel(primKeys[p]!, primVals[p]!, vKeys, vVals, n)) hit = true;
      }
      if (hit) {
        secondary[c] = 1;
        continue;
      }
    }
    const rowAt = lowerBound(vKeys, n, row);
    const f = vVals[rowAt]!;
    for (let i = 0; i < n; i++) vVals[i] = i === rowAt ? 1 : vVals[i]! / f;
    const pv = pivKeys.length;
    pivKeys.push(vKeys);
    pivVals.push(vVals);
    pivRow.push(row);
    pivotOfRow[row] = pv;
    if (best === 0) continue;
    // Update every primary with an entry in the pivot row: p -= p[row] * pivot (one sorted merge each).
    const l = rowPrims[row]!;
    rowPrims[row] = undefined; // the row is gone from every primary for good (later pivots are zero there)
    for (let li = 0; li < l.length; li++) {
      const p = l[li]!;
      const pk = primKeys[p]!;
      const pvs = primVals[p]!;
      const plen = primLen[p]!;
      const at = lowerBound(pk, plen, row);
      if (at >= plen || pk[at] !== row) continue; // stale or repeated entry: p no longer has the row
      const m = axpyMerge(pk, pvs, plen, vKeys, vVals, n, rowAt, pvs[at]!, scratch, rowPrimCount);
      if (pk.length < m) {
        primKeys[p] = scratch.keys.slice(0, Math.max(m, 2 * plen));
        primVals[p] = scratch.vals.slice(0, Math.max(m, 2 * plen));
      } else {
        pk.set(scratch.keys.subarray(0, m));
        pvs.set(scratch.vals.subarray(0, m));
      }
      primLen[p] = m;
      for (let i = 0; i < scratch.gainedN; i++) addRowPrim(scratch.gained[i]!, p);
    }
  }
  return secondary;
}

/** Output buffers of {@link axpyMerge}, grown on demand. */
class MergeScratch {
  keys = new Int32Array(256);
  vals = new Float64Array(256);
  /** Rows the primary gained (registered by the caller once the primary is written back). */
  gained = new Int32Array(64);
  gainedN = 0;
}

/**
 * `p - g * pivot` by one merge of two sorted sparse vectors, into `out.keys/vals` (returns the length). Entries
 * with |value| < EPS are dropped, the pivot row (`rowAt`, where pivot = 1 and p = g) exactly; `rowPrimCount` is
 * decremented for every row p loses, and the rows it gains are listed in `out.gained`.
 */
function axpyMerge(
  pk: Int32Array,
  pvs: Float64Array,
  plen: number,
  vKeys: Int32Array,
  vVals: Float64Array,
  n: number,
  rowAt: number,
  g: number,
  out: MergeScratch,
  rowPrimCount: Int32Array,
): number {
  const cap = plen + n;
  if (out.keys.length < cap) {
    out.keys = new Int32Array(2 * cap);
    out.vals = new Float64Array(2 * cap);
  }
  if (out.gained.length < n) out.gained = new Int32Array(2 * n);
  const mKeys = out.keys;
  const mVals = out.vals;
  const gained = out.gained;
  let gainedN = 0;
  // Readable version: for each pivot row k: p[k] = (p[k] ?? 0) - g * pivot[k], dropped when |.| < EPS.
  let a = 0;
  let b = 0;
  let m = 0;
  while (b < n) {
    const kb = vKeys[b]!;
    // Copy p's entries before the next pivot row.
    while (a < plen && pk[a]! < kb) {
      mKeys[m] = pk[a]!;
      mVals[m++] = pvs[a++]!;
    }
    if (a < plen && pk[a] === kb) {
      const nv = b === rowAt ? 0 : pvs[a]! - g * vVals[b]!;
      a++;
      if (Math.abs(nv) < EPS) rowPrimCount[kb]!--;
      else {
        mKeys[m] = kb;
        mVals[m++] = nv;
      }
    } else {
      const nv = -g * vVals[b]!;
      if (!(Math.abs(nv) < EPS)) {
        mKeys[m] = kb;
        mVals[m++] = nv;
        gained[gainedN++] = kb;
      }
    }
    b++;
  }
  while (a < plen) {
    mKeys[m] = pk[a]!;
    mVals[m++] = pvs[a++]!;
  }
  out.gainedN = gainedN;
  return m;
}

/** A cell's column as sorted rows and summed values (entries that cancel dropped). */
function sortedColumn(cols: DifferenceColumns, c: number): { keys: Int32Array; vals: Float64Array } {
  const entries: [number, number][] = [];
  for (let i = cols.starts[c]!; i < cols.starts[c + 1]!; i++) entries.push([cols.keys[i]!, cols.signs[i]!]);
  entries.sort((a, b) => a[0] - b[0]);
  const keys: number[] = [];
  const vals: number[] = [];
  for (const [k, x] of entries) {
    if (keys.length > 0 && keys[keys.length - 1] === k) {
      // Readable: sum, then drop when |sum| < EPS (as the candidates' scatter does).
      const nv = vals[vals.length - 1]! + x;
      vals[vals.length - 1] = nv;
    } else {
      keys.push(k);
      vals.push(x);
    }
  }
  const outK: number[] = [];
  const outV: number[] = [];
  keys.forEach((k, i) => {
    if (!(Math.abs(vals[i]!) < EPS)) {
      outK.push(k);
      outV.push(vals[i]!);
    }
  });
  return { keys: Int32Array.from(outK), vals: Float64Array.from(outV) };
}

function hasKey(keys: Int32Array, len: number, k: number): boolean {
  const i = lowerBound(keys, len, k);
  return i < len && keys[i] === k;
}

function lowerBound(keys: Int32Array, len: number, k: number): number {
  let lo = 0;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Are two sparse vectors parallel (same rows, proportional values)? `a` holds at least `n` entries. */
function parallel(aKeys: Int32Array, aVals: Float64Array, bKeys: Int32Array, bVals: Float64Array, n: number): boolean {
  let ratio = NaN;
  for (let i = 0; i < n; i++) {
    if (aKeys[i] !== bKeys[i]) return false;
    const r = aVals[i]! / bVals[i]!;
    if (Number.isNaN(ratio)) ratio = r;
    else if (Math.abs(r - ratio) > 1e-9 * Math.max(1, Math.abs(ratio))) return false;
  }
  return true;
}

/** A copy of a full growable buffer with twice the room (amortised O(1) per push). */
function doubled(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const g = new Int32Array(a.length * 2);
  g.set(a);
  return g;
}
