import type { CellSpace } from '../../audit/CellSpace.js';

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
 * this candidate eliminate a primary" is "is the reduced candidate parallel to a reduced primary", looked up by a
 * hash of the normalised vector.
 *
 * Deterministic: the order decides everything, and ties inside are broken by index.
 *
 * Cost: O(candidates × 2^D) plus fill-in, which the hierarchy-aligned basis keeps small in practice.
 *
 * @param order candidate cells, most wanted published first (primaries in it are skipped).
 * @returns 1 for every cell made secondary.
 * @example
 * // sdcTable example, A/female primary: hides A/male, a second male cell and its female neighbour.
 * gaussSecondary(space, primary, order).reduce((a, b) => a + b) // 3
 */
export function gaussSecondary(space: CellSpace, primary: Uint8Array, order: Int32Array): Uint8Array {
  const secondary = new Uint8Array(space.cellCount);
  // Pivots: normalised so the pivot row's entry is 1; stored as parallel arrays.
  const pivKeys: Float64Array[] = [];
  const pivVals: Float64Array[] = [];
  const pivotOfRow = new Map<number, number>();
  // Primaries, kept reduced.
  const prim: Map<number, number>[] = [];
  const primHash: number[] = [];
  const rowPrims = new Map<number, Set<number>>();
  const hashPrims = new Map<number, number[]>();

  const addRowPrim = (key: number, p: number): void => {
    let s = rowPrims.get(key);
    if (!s) rowPrims.set(key, (s = new Set()));
    s.add(p);
  };
  const setHash = (p: number): void => {
    const old = primHash[p]!;
    if (old !== undefined && old >= 0) {
      const l = hashPrims.get(old);
      if (l) {
        const i = l.indexOf(p);
        if (i >= 0) l.splice(i, 1);
        if (l.length === 0) hashPrims.delete(old);
      }
    }
    const h = hashOf(prim[p]!);
    primHash[p] = h;
    let l = hashPrims.get(h);
    if (!l) hashPrims.set(h, (l = []));
    l.push(p);
  };

  for (let c = 0; c < space.cellCount; c++) {
    if (!primary[c]) continue;
    const col = space.column(c);
    const v = new Map<number, number>();
    for (let i = 0; i < col.keys.length; i++) addTo(v, col.keys[i]!, col.signs[i]!);
    const p = prim.length;
    prim.push(v);
    primHash.push(-1);
    for (const k of v.keys()) addRowPrim(k, p);
    setHash(p);
  }
  if (prim.length === 0) return secondary;

  // Min-heap of pivot indices, for reducing a vector by pivots in creation order.
  const heap: number[] = [];
  const inHeap = new Set<number>();
  const push = (x: number): void => {
    if (inHeap.has(x)) return;
    inHeap.add(x);
    heap.push(x);
    let i = heap.length - 1;
    while (i > 0) {
      const j = (i - 1) >> 1;
      if (heap[j]! <= heap[i]!) break;
      [heap[i], heap[j]] = [heap[j]!, heap[i]!];
      i = j;
    }
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l]! < heap[m]!) m = l;
        if (r < heap.length && heap[r]! < heap[m]!) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    inHeap.delete(top);
    return top;
  };

  const reduce = (v: Map<number, number>): void => {
    for (const k of v.keys()) {
      const pv = pivotOfRow.get(k);
      if (pv !== undefined) push(pv);
    }
    while (heap.length > 0) {
      const pv = pop();
      const keys = pivKeys[pv]!;
      const vals = pivVals[pv]!;
      const row = keys[0]!; // the pivot row is stored first
      const f = v.get(row);
      if (f === undefined) continue;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        const nv = (v.get(k) ?? 0) - f * vals[i]!;
        if (Math.abs(nv) < EPS) v.delete(k);
        else {
          if (!v.has(k)) {
            const q = pivotOfRow.get(k);
            if (q !== undefined && q > pv) push(q);
          }
          v.set(k, nv);
        }
      }
    }
  };

  for (let oi = 0; oi < order.length; oi++) {
    const c = order[oi]!;
    if (primary[c]) continue;
    const col = space.column(c);
    const v = new Map<number, number>();
    for (let i = 0; i < col.keys.length; i++) addTo(v, col.keys[i]!, col.signs[i]!);
    reduce(v);
    if (v.size === 0) continue; // already determined by published cells: publishing it adds nothing
    const h = hashOf(v);
    const same = hashPrims.get(h);
    if (same && same.some((p) => parallel(prim[p]!, v))) {
      secondary[c] = 1;
      continue;
    }
    // Pivot row: the entry touching the fewest primaries (least work), ties by smallest key.
    let row = -1;
    let best = Infinity;
    for (const k of v.keys()) {
      const n = rowPrims.get(k)?.size ?? 0;
      if (n < best || (n === best && k < row)) {
        best = n;
        row = k;
      }
    }
    const f = v.get(row)!;
    const keys = new Float64Array(v.size);
    const vals = new Float64Array(v.size);
    keys[0] = row;
    vals[0] = 1;
    let j = 1;
    for (const [k, x] of v) {
      if (k === row) continue;
      keys[j] = k;
      vals[j++] = x / f;
    }
    const pv = pivKeys.length;
    pivKeys.push(keys);
    pivVals.push(vals);
    pivotOfRow.set(row, pv);
    const touched = rowPrims.get(row);
    if (!touched) continue;
    for (const p of [...touched].sort((a, b) => a - b)) {
      const pvSet = prim[p]!;
      const g = pvSet.get(row);
      if (g === undefined) continue;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        const nv = (pvSet.get(k) ?? 0) - g * vals[i]!;
        if (Math.abs(nv) < EPS) {
          if (pvSet.delete(k)) rowPrims.get(k)?.delete(p);
        } else {
          if (!pvSet.has(k)) addRowPrim(k, p);
          pvSet.set(k, nv);
        }
      }
      setHash(p);
    }
  }
  return secondary;
}

function addTo(v: Map<number, number>, k: number, x: number): void {
  const nv = (v.get(k) ?? 0) + x;
  if (Math.abs(nv) < EPS) v.delete(k);
  else v.set(k, nv);
}

/** Hash of a sparse vector normalised by its entry at the smallest key (rounded to 1e-6). */
function hashOf(v: Map<number, number>): number {
  let k0 = Infinity;
  for (const k of v.keys()) if (k < k0) k0 = k;
  const s = v.get(k0)!;
  let h = v.size | 0;
  // Order-independent combination (sum of mixed terms), so no sort is needed.
  for (const [k, x] of v) {
    const q = Math.round((x / s) * 1e6);
    let z = (Math.imul((k % 2147483647) | 0, 0x9e3779b1) ^ Math.imul(q | 0, 0x85ebca6b)) | 0;
    z = Math.imul(z ^ (z >>> 15), 0x2c1b3c6d);
    z ^= z >>> 12;
    h = (h + z) | 0;
  }
  return h;
}

/** Are two sparse vectors parallel (same support, proportional entries)? */
function parallel(a: Map<number, number>, b: Map<number, number>): boolean {
  if (a.size !== b.size) return false;
  let ratio = NaN;
  for (const [k, x] of a) {
    const y = b.get(k);
    if (y === undefined) return false;
    const r = x / y;
    if (Number.isNaN(ratio)) ratio = r;
    else if (Math.abs(r - ratio) > 1e-9 * Math.max(1, Math.abs(ratio))) return false;
  }
  return true;
}
