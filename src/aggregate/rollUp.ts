/** The layout of a cube as the roll-ups need it: node counts, leaf counts, strides and parent arrays per dimension. */
export interface CubeLayout {
  readonly shape: readonly number[];
  /** Leaves per dimension: nodes `0 .. leafCounts[d] - 1` of dimension d are its leaves. */
  readonly leafCounts: readonly number[];
  readonly strides: readonly number[];
  readonly parents: readonly Int32Array[];
  readonly cellCount: number;
}

/**
 * Calls `block(base)` for the start of every block of dimension d whose coordinates in the dimensions before d are
 * leaves (all of them when `leafPrefix` is false). A block is the contiguous run of `shape[d] * strides[d]` cells
 * that share the coordinates of the dimensions before d.
 */
function forEachBlock(layout: CubeLayout, d: number, leafPrefix: boolean, block: (base: number) => void): void {
  const { shape, strides, leafCounts } = layout;
  if (!leafPrefix) {
    const size = shape[d]! * strides[d]!;
    for (let base = 0; base < layout.cellCount; base += size) block(base);
    return;
  }
  // Odometer over the leaf box of dimensions 0 .. d-1.
  const x = new Array<number>(d).fill(0);
  for (let e = 0; e < d; e++) if (leafCounts[e] === 0) return;
  let base = 0;
  for (;;) {
    block(base);
    let e = d - 1;
    while (e >= 0) {
      x[e]!++;
      base += strides[e]!;
      if (x[e]! < leafCounts[e]!) break;
      base -= x[e]! * strides[e]!;
      x[e] = 0;
      e--;
    }
    if (e < 0) return;
  }
}

/**
 * Rolls a cube of additive values up every hierarchy, in place: afterwards each cell holds the sum of the finest
 * cells below it. For each dimension in turn (last to first), the slice at every node except the root is added into
 * the slice at its parent; nodes are numbered children before parents, so a node's slice is complete before it is
 * added on. Rows, sums and the signed person deltas all roll up this way.
 *
 * With `leafOnly` (the input is non-zero only where every coordinate is a leaf, as after the finest-level pass),
 * dimension d is rolled up only over the blocks whose earlier coordinates are leaves: the others are still zero,
 * because the earlier dimensions are rolled up later. That skips most of the cube for the first dimensions rolled.
 *
 * The work is done depth first (cache blocking): the block of each node of dimension d (the cells sharing the
 * coordinates of dimensions 0..d) is rolled up over every later dimension before dimension d itself is rolled, so
 * the later dimensions are done while the block is in cache, and only the first dimensions, whose blocks are larger
 * than the cache, stream through memory. Every cell sees the same additions in the same order as in the readable
 * loop below, so the results are bit for bit the same.
 *
 * Cost: O(cells × dimensions) additions at most (about half of that with `leafOnly` for 2-3 level hierarchies);
 * memory traffic about one pass over the cube per dimension whose block exceeds the cache, plus one.
 */
export function rollUp(a: Float64Array, layout: CubeLayout, leafOnly = false): void {
  if (leafOnly) rollUpMany(layout, [a], []);
  else rollUpMany(layout, [], [a]);
}

/**
 * {@link rollUp} of several cubes of the same layout at once, block by block, so that the blocks of all of them are
 * in cache together and the walk over the cube is shared: `leafOnly` cubes as with `leafOnly` (non-zero only where
 * every coordinate is a leaf), `full` cubes without. Each cube gets exactly the additions `rollUp` would make, in the
 * same order, so the results are bit for bit the same.
 *
 * Cost: as {@link rollUp} for each cube; one walk over the blocks.
 */
export function rollUpMany(layout: CubeLayout, leafOnly: readonly Float64Array[], full: readonly Float64Array[]): void {
  // Readable (the same additions, one dimension at a time over the whole cube, for each cube a):
  //   for d = last .. first: for every block of d (leaf prefix only when a is leafOnly), for every node n but the
  //     root: a[block + parent(n) * stride .. + stride] += a[block + n * stride .. + stride]
  // The walk takes its layout as plain arrays (not the layout object): V8 can drop an object's shape at a full GC and
  // deoptimise code that read it (see `accumulateFinest`'s kernel).
  if (layout.shape.length === 0 || layout.cellCount === 0) return;
  const all = [...leafOnly, ...full];
  rollFrom([...layout.shape], [...layout.strides], [...layout.leafCounts], [...layout.parents], all, full, 0, 0, true);
}

/**
 * Rolls up dimensions d.. of the block at `base` (the cells sharing the coordinates of dimensions 0..d-1) in each
 * cube: all of them when those coordinates are leaves (`leafPrefix`), else only the `full` ones.
 */
function rollFrom(
  shape: number[],
  strides: number[],
  leafCounts: number[],
  parents: Int32Array[],
  all: Float64Array[],
  full: readonly Float64Array[],
  d: number,
  base: number,
  leafPrefix: boolean,
): void {
  const cubes = leafPrefix ? all : full;
  if (cubes.length === 0) return;
  const last = shape.length - 1;
  const size = shape[d]!;
  const stride = strides[d]!;
  // Before dimension d: roll up the later dimensions in the block of each node (nodes that are not leaves only in the
  // full cubes: in the others they are still zero).
  if (d === last - 1) {
    const leaves = leafPrefix ? leafCounts[d]! : 0;
    if (leaves > 0) rollLast(shape, parents, all, base, leaves);
    if (size > leaves) rollLast(shape, parents, full, base + leaves * stride, size - leaves);
  } else if (d < last - 1) {
    for (let n = 0; n < size; n++) {
      rollFrom(shape, strides, leafCounts, parents, all, full, d + 1, base + n * stride, leafPrefix && n < leafCounts[d]!);
    }
  }
  const parent = parents[d]!;
  // Zeros are not added: x + 0 is x (no cell is ever -0: additions from +0 never give -0), and a sparse cube then
  // only reads most of its slices instead of also writing them back.
  for (let q = 0; q < cubes.length; q++) {
    const a = cubes[q]!;
    if (stride === 1) {
      for (let n = 0; n < size - 1; n++) {
        const v = a[base + n]!;
        if (v !== 0) a[base + parent[n]!]! += v;
      }
      continue;
    }
    for (let n = 0; n < size - 1; n++) {
      const src = base + n * stride;
      const dst = base + parent[n]! * stride;
      for (let j = 0; j < stride; j++) {
        const v = a[src + j]!;
        if (v !== 0) a[dst + j]! += v;
      }
    }
  }
}

/** Rolls up the last dimension in `count` consecutive blocks of it from `base` (the hot inner case), in each cube. */
function rollLast(shape: number[], parents: Int32Array[], cubes: readonly Float64Array[], base: number, count: number): void {
  const d = shape.length - 1;
  const size = shape[d]!;
  const parent = parents[d]!;
  const end = base + count * size;
  if (size === 1) return;
  // Readable: for each block b of the last dimension: for n < size - 1: a[b + parent[n]] += a[b + n].
  for (let q = 0; q < cubes.length; q++) {
    const a = cubes[q]!;
    for (let b = base; b < end; b += size) {
      for (let n = 0; n < size - 1; n++) {
        const v = a[b + n]!;
        if (v !== 0) a[b + parent[n]!]! += v;
      }
    }
  }
}

/**
 * Per-cell lists of the k largest contributions, each tagged with its contributor: `values[cell * k + j]` in
 * descending order and `ids[cell * k + j]` the contributor (a person number, or a row number when rows are the
 * contributors; -1 for an empty slot, whose value is 0). Only positive contributions are kept.
 */
export interface TopLists {
  readonly k: number;
  readonly values: Float64Array;
  readonly ids: Int32Array;
}

/** Empty top lists for a cube of `cellCount` cells. */
export function emptyTopLists(cellCount: number, k: number): TopLists {
  return { k, values: new Float64Array(cellCount * k), ids: new Int32Array(cellCount * k).fill(-1) };
}

/**
 * Inserts contribution `x` of contributor `id` into the list of `cell`, which must not hold `id` yet; the smallest
 * falls off. Zero and negative contributions are not kept. Cost: O(k).
 */
export function insertTop(top: TopLists, cell: number, x: number, id: number): void {
  const { k, values, ids } = top;
  const base = cell * k;
  let j = base + k - 1;
  if (!(x > values[j]!)) return;
  while (j > base && x > values[j - 1]!) {
    values[j] = values[j - 1]!;
    ids[j] = ids[j - 1]!;
    j--;
  }
  values[j] = x;
  ids[j] = id;
}

/**
 * Sets the contribution of `id` in the list of `cell` to `x`, which is at least what the list holds for it:
 * the entry moves up if present, else `x` is inserted. Cost: O(k).
 */
export function raiseTop(top: TopLists, cell: number, x: number, id: number): void {
  const { k, values, ids } = top;
  const base = cell * k;
  let j = base;
  while (j < base + k && ids[j] !== id) j++;
  if (j === base + k) {
    insertTop(top, cell, x, id);
    return;
  }
  while (j > base && x > values[j - 1]!) {
    values[j] = values[j - 1]!;
    ids[j] = ids[j - 1]!;
    j--;
  }
  values[j] = x;
  ids[j] = id;
}

/**
 * Merges the list at `src` into the list at `dst` (both of length k, descending): the k largest of their union,
 * where entries of the same contributor are added up first (a person with rows under two children contributes
 * their sum to the parent).
 */
function mergeTop(values: Float64Array, ids: Int32Array, dst: number, src: number, k: number, sv: Float64Array, si: Int32Array): void {
  // Fast path, k = 2 without a shared contributor (the common case).
  if (k === 2) {
    const a0 = values[dst]!;
    const a1 = values[dst + 1]!;
    const b0 = values[src]!;
    const b1 = values[src + 1]!;
    const ia0 = ids[dst]!;
    const ia1 = ids[dst + 1]!;
    const ib0 = ids[src]!;
    const ib1 = ids[src + 1]!;
    if (ib0 < 0) return; // src is empty
    const shared = (ib0 === ia0 || ib0 === ia1 || (ib1 >= 0 && (ib1 === ia0 || ib1 === ia1))) && ia0 >= 0;
    if (!shared) {
      // Readable: top two of {a0, a1, b0, b1} with a0 >= a1 and b0 >= b1.
      if (b0 > a0) {
        values[dst] = b0;
        ids[dst] = ib0;
        if (a0 > b1) {
          values[dst + 1] = a0;
          ids[dst + 1] = ia0;
        } else {
          values[dst + 1] = b1;
          ids[dst + 1] = ib1;
        }
      } else if (b0 > a1) {
        values[dst + 1] = b0;
        ids[dst + 1] = ib0;
      }
      return;
    }
  }
  // General case: gather the up to 2k entries, add up shared contributors, keep the k largest.
  let m = 0;
  for (let j = 0; j < k; j++) {
    if (ids[dst + j]! < 0) break;
    sv[m] = values[dst + j]!;
    si[m++] = ids[dst + j]!;
  }
  const own = m;
  for (let j = 0; j < k; j++) {
    const id = ids[src + j]!;
    if (id < 0) break;
    let s = 0;
    while (s < own && si[s] !== id) s++;
    if (s < own) sv[s]! += values[src + j]!;
    else {
      sv[m] = values[src + j]!;
      si[m++] = id;
    }
  }
  for (let j = 0; j < k; j++) {
    let best = -1;
    for (let s = 0; s < m; s++) if (si[s]! >= 0 && (best < 0 || sv[s]! > sv[best]!)) best = s;
    if (best < 0) {
      values[dst + j] = 0;
      ids[dst + j] = -1;
    } else {
      values[dst + j] = sv[best]!;
      ids[dst + j] = si[best]!;
      si[best] = -1;
    }
  }
}

/**
 * Rolls up per-cell top-k lists like {@link rollUp} rolls up sums: the list of a parent becomes the k largest of its
 * children's lists, contributions of the same contributor added up. Exact for every contributor whose rows under
 * the cell lie in one finest cell; a person with rows in several finest cells below a cell may be undercounted there
 * (a part of them fell off a child's list) and is corrected afterwards (see `aggregate`).
 *
 * Cost: O(cells × dimensions × k) at most; `leafOnly` as in {@link rollUp}.
 */
export function rollUpTop(top: TopLists, layout: CubeLayout, leafOnly = false): void {
  const { k, values, ids } = top;
  const { shape, strides, parents } = layout;
  const sv = new Float64Array(2 * k);
  const si = new Int32Array(2 * k);
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d]!;
    const stride = strides[d]!;
    const parent = parents[d]!;
    forEachBlock(layout, d, leafOnly, (base) => {
      for (let n = 0; n < size - 1; n++) {
        const src = base + n * stride;
        const dst = base + parent[n]! * stride;
        for (let j = 0; j < stride; j++) mergeTop(values, ids, (dst + j) * k, (src + j) * k, k, sv, si);
      }
    });
  }
}
