import { PrikkError } from '../errors/PrikkError.js';
import type { CubeLayout } from './rollUp.js';

/** `aggregate` lists the occupied finest cells (for {@link sparseRollUp}) of cubes with more cells than this. */
export const SPARSE_ROLL_UP_ABOVE = 1 << 20;

/**
 * `aggregate` uses {@link sparseRollUp} when the listed cells (occupied finest cells and person joins) are at most
 * this share of the cube's cells. Measured on the benchmark's 6-dimension finest cube (38 M cells): 318 k listed
 * (1 M rows), 1.0 s sparse against 1.8 s dense; 2.05 M listed (10 M rows), 2.6 s sparse against 2.1 s dense; even
 * at about 1/29.
 */
export const SPARSE_ROLL_UP_SHARE = 1 / 32;

/**
 * Rolls cubes of additive values up every hierarchy, in place, like {@link rollUp}, but walking only the cells that
 * are not zero: for a large cube whose occupied cells are few (a 6-dimension cube of 38 M cells with 1 M occupied
 * finest cells) that is about (occupied cells × dimensions) work instead of (cells × dimensions) and it never reads
 * the cube's empty pages. The results are the same as `rollUp`'s to the last bit: every cell receives the same
 * additions in the same order.
 *
 * Method: the occupied cells are kept as a compact list in cell order (cell index and the value of each cube,
 * gathered once). For each dimension d, last to first, the list is walked block by block (the cells sharing their
 * coordinates before d); a counting sort or a heap orders the block's cells by line along d (cells that differ only
 * in d), and each line is rolled up in a small dense scratch of the dimension's size exactly as `rollUp`'s readable
 * loop does it: for every node n but the root, in index order (leaves first, then inner nodes, children before
 * parents), a value that is not zero is added into n's parent. The line's nodes that hold a value (its cells, and the
 * inner nodes they reached) form the next list, again in cell order. At the end the values are written back to the cubes in cell order (only where they changed).
 *
 * Cost: O(Σ_d (m_d + lines_d × inner nodes_d)) with m_d the list's length before dimension d (at most the number of
 * cells that end up not zero; a block with fewer cells than a quarter of its lines is ordered by a heap instead, in
 * O(m_d × log(size_d))), one radix sort of the given cells, and one gather and one write per occupied cell and cube;
 * memory about 80 bytes per list entry for three cubes. Measured on the benchmark's 1 M-row, 6-dimension finest cube
 * (38 M cells, 1.2 M of them not zero at the end), rows, sums and person deltas: about 1.0 s CPU against 1.8 s for
 * the dense walk, of which about 0.3 s is writing the results to fresh memory (page faults), on a shared, loaded
 * machine. Not worth it for a dense cube: `aggregate` uses it when the listed cells are at most
 * {@link SPARSE_ROLL_UP_SHARE} of the cube.
 *
 * @param layout The cubes' layout (shape, leaf counts, strides, parents; nodes numbered leaves first, children
 * before parents). Required.
 * @param cubes The cubes to roll up (each `layout.cellCount` long). Required.
 * @param cells Every cell where some cube is not zero, in `cells[0 .. count)`, in any order; repeats are allowed.
 * Required; a nonzero cell missing from it is a caller's error that is not detected (its value would be left out).
 * @param count How many entries of `cells` to read. Required.
 * @throws {PrikkError} `INVALID_ARGUMENT` when a cube's length is not the layout's cell count, `count` exceeds
 * `cells.length`, or the cube is too large for the radix sort (more than 2^31 cells).
 * @example
 * // A 2 × 2 cube over two flat dimensions (nodes: leaf 0, leaf 1, total 2), so 3 × 3 cells; only leaf cells set.
 * const layout = { shape: [3, 3], leafCounts: [2, 2], strides: [3, 1], parents: [Int32Array.of(2, 2, -1), Int32Array.of(2, 2, -1)], cellCount: 9 };
 * const a = Float64Array.of(1, 2, 0, 3, 4, 0, 0, 0, 0);
 * sparseRollUp(layout, [a], Uint32Array.of(0, 1, 3, 4), 4);
 * a // Float64Array [1, 2, 3, 3, 4, 7, 4, 6, 10]
 */
export function sparseRollUp(layout: CubeLayout, cubes: readonly Float64Array[], cells: Uint32Array, count: number): void {
  const { shape, strides, leafCounts, parents, cellCount } = layout;
  for (const [q, a] of cubes.entries()) {
    if (a.length !== cellCount) {
      throw new PrikkError('INVALID_ARGUMENT', `sparseRollUp: cubes[${q}] has ${a.length} cells, expected the layout's ${cellCount}`);
    }
  }
  if (!Number.isInteger(count) || count < 0 || count > cells.length) {
    throw new PrikkError('INVALID_ARGUMENT', `sparseRollUp: count: expected an integer from 0 to cells.length (${cells.length}), got ${count}`);
  }
  if (cellCount > 2 ** 31) {
    throw new PrikkError('INVALID_ARGUMENT', `sparseRollUp: the cube has ${cellCount} cells, more than the radix sort's 2^31`);
  }
  const k = cubes.length;
  const dims = shape.length;
  if (k === 0 || count === 0 || dims === 0) return;

  // The list: the occupied cells in cell order, each once, with the k values of each (interleaved), gathered from the
  // cubes front to back. It stays in cell order through every dimension.
  const bits = Math.max(1, Math.ceil(Math.log2(cellCount)));
  const sorted = sortRecords(cells.slice(0, count), cells.slice(0, count), new Float64Array(0), count, 0, bits);
  let list = sorted.list;
  let m = dedupe(list, count);
  let values = new Float64Array(m * k);
  for (let q = 0; q < k; q++) gather(cubes[q]!, list, values, m, k, q);

  let maxSize = 0;
  for (const size of shape) maxSize = Math.max(maxSize, size);
  const scratch = new Float64Array(maxSize * k);
  const present = new Uint8Array(maxSize);
  const touched = new Int32Array(maxSize);
  const heads = new Int32Array(maxSize);
  const ends = new Int32Array(maxSize);
  const headKeys = new Float64Array(maxSize);
  const heap = new Int32Array(maxSize);
  const xs = new Int32Array(maxSize);
  const nodeCounts = new Int32Array(maxSize + 1);

  for (let d = dims - 1; d >= 0; d--) {
    const size = shape[d]!;
    if (size === 1) continue;
    const stride = strides[d]!;
    const inner = size - leafCounts[d]!;
    // Room: every entry once, plus per block at most min(entries, stride) lines that each reach every inner node.
    const most = outputBound(list, m, size * stride, stride, inner);
    const tmpSize = Math.min(m, stride) * inner;
    const lineOf = new Int32Array(m);
    const perm = new Int32Array(m);
    const lineCounts = new Int32Array(Math.min(stride, 4 * m) + 1);
    const outList = new Uint32Array(most.total);
    const outValues = new Float64Array(most.total * k);
    m = rollDimension(
      list, values, m, k, size, stride, leafCounts[d]!, parents[d]!,
      scratch, present, touched, heads, ends, headKeys, heap, xs, nodeCounts, lineOf, perm, lineCounts,
      new Int32Array(tmpSize), new Uint32Array(tmpSize), new Float64Array(tmpSize * k),
      outList, outValues,
    );
    list = outList;
    values = outValues;
  }
  for (let q = 0; q < k; q++) scatter(cubes[q]!, list, values, m, k, q);
}

/** Removes repeats from the sorted `list[0 .. m)` in place; returns the new length. */
function dedupe(list: Uint32Array, m: number): number {
  let w = 0;
  for (let i = 0; i < m; i++) if (w === 0 || list[i] !== list[w - 1]) list[w++] = list[i]!;
  return w;
}

/** An upper bound of the entries {@link rollDimension} writes: each entry, plus min(entries, stride) × inner per block. */
function outputBound(list: Uint32Array, m: number, block: number, stride: number, inner: number): { total: number } {
  let total = m;
  let i = 0;
  while (i < m) {
    const end = (Math.floor(list[i]! / block) + 1) * block;
    let j = i;
    while (j < m && list[j]! < end) j++;
    total += Math.min(j - i, stride) * inner;
    i = j;
  }
  return { total };
}

/** Gathers `cube[list[i]]` into `values[i × k + q]`. */
function gather(cube: Float64Array, list: Uint32Array, values: Float64Array, m: number, k: number, q: number): void {
  for (let i = 0; i < m; i++) values[i * k + q] = cube[list[i]!]!;
}

/** Writes `values[i × k + q]` back to `cube[list[i]]` where it differs (unchanged cells are not written). */
function scatter(cube: Float64Array, list: Uint32Array, values: Float64Array, m: number, k: number, q: number): void {
  for (let i = 0; i < m; i++) {
    const c = list[i]!;
    const v = values[i * k + q]!;
    if (cube[c] !== v) cube[c] = v;
  }
}

/** Records sorted by key: `keys[i]`, `list[i]` and `values[i × k .. i × k + k)` moved together. */
interface Records {
  readonly keys: Uint32Array;
  readonly list: Uint32Array;
  readonly values: Float64Array;
}

/** Bits per pass of {@link sortRecords}: 512 buckets, whose write positions stay in cache. */
const RADIX_BITS = 9;

/**
 * Sorts the records `0 .. m - 1` by `keys` (below 2^bits), stably, moving each record's cell and k values with it:
 * an LSD radix sort in passes of {@link RADIX_BITS} bits, each reading the records in order and writing them to
 * their bucket's next position, so that the passes over the records that follow read them in order. Reuses the given
 * arrays as one of the two buffers. Cost: O(passes × m × (k + 2)).
 */
function sortRecords(keys: Uint32Array, list: Uint32Array, values: Float64Array, m: number, k: number, bits: number): Records {
  let from: Records = { keys, list, values };
  let to: Records = { keys: new Uint32Array(m), list: new Uint32Array(m), values: new Float64Array(m * k) };
  const counts = new Uint32Array((1 << RADIX_BITS) + 1);
  for (let shift = 0; shift < bits; shift += RADIX_BITS) {
    radixPass(from.keys, from.list, from.values, to.keys, to.list, to.values, m, k, shift, counts);
    const t = from;
    from = to;
    to = t;
  }
  return from;
}

/**
 * One stable pass by the digit `(key >>> shift) & 511`. Readable: count each digit, turn the counts into start
 * positions, then copy record i to `start[digit(i)]++`.
 */
function radixPass(
  keys: Uint32Array, list: Uint32Array, values: Float64Array,
  keysOut: Uint32Array, listOut: Uint32Array, valuesOut: Float64Array,
  m: number, k: number, shift: number, counts: Uint32Array,
): void {
  const mask = (1 << RADIX_BITS) - 1;
  counts.fill(0);
  for (let i = 0; i < m; i++) counts[((keys[i]! >>> shift) & mask) + 1]!++;
  for (let b = 1; b < counts.length; b++) counts[b]! += counts[b - 1]!;
  for (let i = 0; i < m; i++) {
    const key = keys[i]!;
    const at = counts[(key >>> shift) & mask]!++;
    keysOut[at] = key;
    listOut[at] = list[i]!;
    for (let q = 0; q < k; q++) valuesOut[at * k + q] = values[i * k + q]!;
  }
}

/**
 * Rolls up dimension d over the list (cells in cell order, each once) and writes the next list, also in cell order;
 * returns its length. Typed arrays and numbers only (V8 keeps such code optimised across full GCs).
 *
 * The list is walked block by block (a block: the cells that share their coordinates before d). Within a block the
 * cells are sorted by their node x in d, then by their coordinates after d (their line); a counting sort by line
 * (when the block has at least a quarter as many entries as lines) or a heap merging the block's runs of equal x puts
 * the block's lines one after another, in order. Each line is rolled up in the scratch
 * as `rollUp`'s readable loop does it: for n = 0 .. size - 2 in index order (leaves, then inner nodes), each cube's
 * value at n, when not zero, is added into n's parent. Leaves keep their values, so the block's leaf cells are copied
 * to the next list as they are; the inner nodes that hold a value follow, by node, then by line: cell order again.
 */
function rollDimension(
  list: Uint32Array, values: Float64Array, m: number, k: number,
  size: number, stride: number, leafCount: number, parent: Int32Array,
  scratch: Float64Array, present: Uint8Array, touched: Int32Array,
  heads: Int32Array, ends: Int32Array, headKeys: Float64Array, heap: Int32Array, xs: Int32Array, nodeCounts: Int32Array,
  lineOf: Int32Array, perm: Int32Array, lineCounts: Int32Array,
  tmpNode: Int32Array, tmpCell: Uint32Array, tmpValues: Float64Array,
  outList: Uint32Array, outValues: Float64Array,
): number {
  const block = size * stride;
  let w = 0;
  let b0 = 0;
  while (b0 < m) {
    const blockBase = Math.floor(list[b0]! / block) * block;
    const blockEnd = blockBase + block;
    // The block's runs of equal x: xs[0 .. nx), run x at [heads[x], ends[x]); the leaves' runs come first.
    let nx = 0;
    let b1 = b0;
    let leafEnd = b0;
    while (b1 < m && list[b1]! < blockEnd) {
      const inBlock = list[b1]! - blockBase;
      const x = Math.floor(inBlock / stride);
      lineOf[b1] = inBlock - x * stride;
      if (nx === 0 || xs[nx - 1] !== x) {
        xs[nx++] = x;
        heads[x] = b1;
      }
      ends[x] = b1 + 1;
      b1++;
      if (x < leafCount) leafEnd = b1;
    }
    // The leaf cells, unchanged.
    for (let i = b0; i < leafEnd; i++) {
      outList[w] = list[i]!;
      for (let q = 0; q < k; q++) outValues[w * k + q] = values[i * k + q]!;
      w++;
    }
    // The block's entries in line order (by the cell's part after d): perm[0 .. count).
    const count = b1 - b0;
    if (stride <= 4 * count) {
      // A counting sort by line (stable: within a line, nodes stay in ascending order).
      lineCounts.fill(0, 0, stride + 1);
      for (let i = b0; i < b1; i++) lineCounts[lineOf[i]! + 1]!++;
      for (let l = 1; l <= stride; l++) lineCounts[l]! += lineCounts[l - 1]!;
      for (let i = b0; i < b1; i++) perm[lineCounts[lineOf[i]!]!++] = i;
    } else {
      // Few entries for many lines: a heap merges the runs, keyed by the line of their next entry.
      let hs = 0;
      for (let j = 0; j < nx; j++) {
        const x = xs[j]!;
        headKeys[x] = lineOf[heads[x]!]!;
        hs = heapPush(heap, hs, headKeys, x);
      }
      let p = 0;
      while (hs > 0) {
        const x = heap[0]!;
        hs = heapPop(heap, hs, headKeys);
        const i = heads[x]!;
        perm[p++] = i;
        heads[x] = i + 1;
        if (i + 1 < ends[x]!) {
          headKeys[x] = lineOf[i + 1]!;
          hs = heapPush(heap, hs, headKeys, x);
        }
      }
    }
    let tc = 0;
    for (let p = 0; p < count; ) {
      const line = lineOf[perm[p]!]!;
      // Load the line's nodes.
      let nt = 0;
      while (p < count && lineOf[perm[p]!] === line) {
        const i = perm[p++]!;
        const x = (list[i]! - blockBase - line) / stride;
        present[x] = 1;
        touched[nt++] = x;
        for (let q = 0; q < k; q++) scratch[x * k + q] = values[i * k + q]!;
      }
      // Leaves in index order (insertion sort of the few touched nodes), then inner nodes: into the parents.
      for (let u = 1; u < nt; u++) {
        const x = touched[u]!;
        let v = u;
        while (v > 0 && touched[v - 1]! > x) {
          touched[v] = touched[v - 1]!;
          v--;
        }
        touched[v] = x;
      }
      for (let u = 0; u < nt; u++) {
        const x = touched[u]!;
        if (x >= leafCount) break;
        addIntoParent(scratch, present, k, x, parent[x]!);
        present[x] = 0;
      }
      for (let n = leafCount; n < size - 1; n++) {
        if (present[n] === 1) addIntoParent(scratch, present, k, n, parent[n]!);
      }
      // The inner nodes that hold a value, for the next list.
      for (let n = leafCount; n < size; n++) {
        if (present[n] === 0) continue;
        present[n] = 0;
        tmpNode[tc] = n;
        tmpCell[tc] = blockBase + n * stride + line;
        for (let q = 0; q < k; q++) tmpValues[tc * k + q] = scratch[n * k + q]!;
        tc++;
      }
    }
    // The inner cells by node (a stable counting sort; lines stay in order within a node).
    nodeCounts.fill(0, leafCount, size + 1);
    for (let t = 0; t < tc; t++) nodeCounts[tmpNode[t]! + 1]!++;
    nodeCounts[leafCount] = w;
    for (let n = leafCount + 1; n <= size; n++) nodeCounts[n]! += nodeCounts[n - 1]!;
    for (let t = 0; t < tc; t++) {
      const at = nodeCounts[tmpNode[t]!]!++;
      outList[at] = tmpCell[t]!;
      for (let q = 0; q < k; q++) outValues[at * k + q] = tmpValues[t * k + q]!;
    }
    w += tc;
    b0 = b1;
  }
  return w;
}

/** Pushes x on the min-heap `heap[0 .. hs)` ordered by `keys[x]`; returns the new size. */
function heapPush(heap: Int32Array, hs: number, keys: Float64Array, x: number): number {
  let i = hs;
  const key = keys[x]!;
  while (i > 0) {
    const up = (i - 1) >> 1;
    const y = heap[up]!;
    if (keys[y]! <= key) break;
    heap[i] = y;
    i = up;
  }
  heap[i] = x;
  return hs + 1;
}

/** Removes the top of the min-heap `heap[0 .. hs)`; returns the new size. */
function heapPop(heap: Int32Array, hs: number, keys: Float64Array): number {
  const n = hs - 1;
  const x = heap[n]!;
  const key = keys[x]!;
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && keys[heap[c + 1]!]! < keys[heap[c]!]!) c++;
    if (keys[heap[c]!]! >= key) break;
    heap[i] = heap[c]!;
    i = c;
  }
  if (n > 0) heap[i] = x;
  return n;
}

/** Adds node x's values (those not zero) into its parent's, in the scratch; the parent then holds a value. */
function addIntoParent(scratch: Float64Array, present: Uint8Array, k: number, x: number, p: number): void {
  for (let q = 0; q < k; q++) {
    const v = scratch[x * k + q]!;
    if (v === 0) continue;
    if (present[p] === 0) {
      present[p] = 1;
      for (let r = 0; r < k; r++) scratch[p * k + r] = 0;
    }
    scratch[p * k + q]! += v;
  }
}
