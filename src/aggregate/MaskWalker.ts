import { lowestCommonAncestor } from '../hierarchy/lowestCommonAncestor.js';
import type { CubeTrees } from './personDeltas.js';
import { raiseTop, type TopLists } from './rollUp.js';

/** Persons with at most this many cells get a table of the sums of every subset of their cells. */
const SUBSET_TABLE_MAX = 10;

/**
 * Walks the cube cells above the finest cells of one (multi-cell) person.
 *
 * `load` builds, per dimension, the distinct ancestors-or-self of the person's leaves, each with the bit mask of the
 * person's cells whose leaf lies below it (k × depth work). A cube cell is one node per dimension, and the person's
 * cells below it are the AND of its nodes' masks.
 *
 * - `addOne` visits the union of the cones of the person's cells, each cell once (a depth-first walk over the
 *   dimensions carrying the AND, stopping when it is empty): the distinct-person count of a person too spread out
 *   for inclusion–exclusion.
 * - `raise` fixes the person's entry in a top list at the cells above two or more of their cells, where the
 *   roll-up may have lost a part of them (see `aggregate`). It walks up from the join of each pair of cells
 *   (a cell above two cells is above their join), raising one dimension at a time in canonical order (dimensions
 *   never decrease along a path, so each cell is reached once from a given start), and counts a cell only from the
 *   first pair (in index order) below it. A walk stops early where it cannot matter: once the person's largest
 *   possible contribution in the rest of the walk (their cells below the current nodes of the dimensions that stay
 *   fixed) is below the k-th value of the current cell, it is below the true k-th value of every cell above (the
 *   current k-th value is at most the true one, and true k-th values only grow upwards), so nothing above changes.
 *
 * Cost per person: O(k × Σ depth) to load; `addOne` O(visited × (dimensions + words)) with visited at most
 * k × Π (depth_d + 1); `raise` O(visited × dimensions × words) with visited at most the cells above two of the
 * person's cells, usually far fewer thanks to the early stop.
 */
export class MaskWalker {
  private readonly dims: number;
  private readonly strides: readonly number[];
  private readonly shape: readonly number[];
  private readonly parents: readonly Int32Array[];
  private readonly stamp: Int32Array[];
  private readonly slot: Int32Array[];
  private nodes: Int32Array[];
  private masks: Uint32Array[];
  private readonly count: Int32Array;
  /** Leaf coordinates of the loaded person's cells, k × dims. */
  private coords = new Int32Array(64);
  private readonly depths: readonly Uint8Array[];
  /** Current node per dimension during `raise`. */
  private readonly at: Int32Array;
  /** Scratch for `raise`: the AND of the masks of a cell's nodes, and per recursion level the walk's bounds. */
  private maskAll = new Uint32Array(1);
  private bounds = new Float64Array(64);
  private pairA = 0;
  private pairB = 0;
  private top: TopLists | undefined;
  private values: Float64Array = new Float64Array(0);
  /** Running AND per level, `words` words each. */
  private run = new Uint32Array(0);
  private words = 1;
  private k = 0;
  private gen = 0;
  /** `addOne`: the person counts. */
  private persons: Float64Array = new Float64Array(0);
  /** `raise`: the person number, their value per cell (from `offset`), and the sum of every subset (small k). */
  private id = 0;
  private offset = 0;
  private subsetSums = new Float64Array(0);

  constructor(trees: CubeTrees) {
    this.dims = trees.shape.length;
    this.strides = trees.strides;
    this.shape = trees.shape;
    this.parents = trees.parents;
    this.stamp = trees.shape.map((n) => new Int32Array(n));
    this.slot = trees.shape.map((n) => new Int32Array(n));
    this.nodes = trees.shape.map(() => new Int32Array(16));
    this.masks = trees.shape.map(() => new Uint32Array(16));
    this.count = new Int32Array(this.dims);
    this.depths = trees.depths;
    this.at = new Int32Array(this.dims);
  }

  /** Loads the person whose distinct finest cells are `cells[from .. to)`. */
  load(cells: Uint32Array, from: number, to: number): void {
    const D = this.dims;
    const k = to - from;
    const W = (k + 31) >>> 5;
    this.k = k;
    this.words = W;
    this.gen++;
    if (this.coords.length < k * D) this.coords = new Int32Array(k * D * 2);
    for (let d = 0; d < D; d++) {
      const stamp = this.stamp[d]!;
      const slot = this.slot[d]!;
      const parent = this.parents[d]!;
      const stride = this.strides[d]!;
      const size = this.shape[d]!;
      let nodes = this.nodes[d]!;
      let masks = this.masks[d]!;
      let cnt = 0;
      for (let s = 0; s < k; s++) {
        const leaf = ((cells[from + s]! / stride) | 0) % size;
        this.coords[s * D + d] = leaf;
        const word = s >>> 5;
        const bit = 1 << (s & 31);
        for (let a = leaf; a !== -1; a = parent[a]!) {
          if (stamp[a] !== this.gen) {
            stamp[a] = this.gen;
            if (cnt === nodes.length) {
              nodes = grow(nodes);
              this.nodes[d] = nodes;
            }
            if ((cnt + 1) * W > masks.length) {
              const bigger = new Uint32Array(Math.max(masks.length * 2, (cnt + 1) * W));
              bigger.set(masks);
              masks = bigger;
              this.masks[d] = masks;
            }
            slot[a] = cnt;
            nodes[cnt] = a;
            for (let w = cnt * W; w < cnt * W + W; w++) masks[w] = 0;
            cnt++;
          }
          masks[slot[a]! * W + word]! |= bit;
        }
      }
      this.count[d] = cnt;
    }
    if (this.run.length < (D + 1) * W) this.run = new Uint32Array((D + 1) * W * 2);
    if (this.maskAll.length < W) this.maskAll = new Uint32Array(W);
    for (let w = 0; w < W; w++) this.run[w] = w < W - 1 || k % 32 === 0 ? 0xffffffff : (1 << k % 32) - 1;
  }

  /** Adds 1 to `persons` at every cell above at least one of the loaded person's cells. */
  addOne(persons: Float64Array): void {
    this.persons = persons;
    this.walk(0, 0);
  }

  /**
   * Sets the loaded person's entry in `top` to their exact contribution (the sum of `values[offset + s]` over their
   * cells s below the cell) at every cell above two or more of their cells where it can change the list.
   */
  raise(top: TopLists, values: Float64Array, offset: number, id: number): void {
    const k = this.k;
    const D = this.dims;
    this.top = top;
    this.values = values;
    this.offset = offset;
    this.id = id;
    if (k <= SUBSET_TABLE_MAX) {
      // subsetSums[m] = Σ of the person's values in the cells of mask m.
      const size = 1 << k;
      if (this.subsetSums.length < size) this.subsetSums = new Float64Array(1 << SUBSET_TABLE_MAX);
      const table = this.subsetSums;
      table[0] = 0;
      for (let m = 1; m < size; m++) table[m] = table[m & (m - 1)]! + values[offset + 31 - Math.clz32(m & -m)]!;
    }
    const coords = this.coords;
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++) {
        this.pairA = a;
        this.pairB = b;
        let cell = 0;
        for (let d = 0; d < D; d++) {
          const j = this.join(d, coords[a * D + d]!, coords[b * D + d]!);
          this.at[d] = j;
          cell += j * this.strides[d]!;
        }
        this.up(0, cell, 0);
      }
    }
    this.top = undefined;
  }

  /**
   * `raise` for a person with exactly two cells `a` and `b` (no `load` needed): the cells above both are the cone of
   * their join, and the person's contribution there is always `total`, so the walk needs no masks.
   */
  raisePair(top: TopLists, a: number, b: number, total: number, id: number): void {
    const D = this.dims;
    let cell = 0;
    for (let d = 0; d < D; d++) {
      const stride = this.strides[d]!;
      const size = this.shape[d]!;
      const j = this.join(d, ((a / stride) | 0) % size, ((b / stride) | 0) % size);
      this.at[d] = j;
      cell += j * stride;
    }
    this.top = top;
    this.id = id;
    this.upPair(0, cell, total);
    this.top = undefined;
  }

  /** `up` for two cells: the bound is the total everywhere; the same strict early stop. */
  private upPair(first: number, cell: number, total: number): void {
    const top = this.top!;
    const kth = top.values[cell * top.k + top.k - 1]!;
    if (total < kth) return;
    if (total > kth) raiseTop(top, cell, total, this.id);
    for (let e = first; e < this.dims; e++) {
      const node = this.at[e]!;
      const parent = this.parents[e]![node]!;
      if (parent < 0) continue;
      this.at[e] = parent;
      this.upPair(e, cell + (parent - node) * this.strides[e]!, total);
      this.at[e] = node;
    }
  }

  /**
   * Readable: visit the cell at the current nodes; then raise each dimension e >= first by one step and recurse.
   * `level` is the recursion depth (it indexes the per-level scratch of bounds).
   */
  private up(first: number, cell: number, level: number): void {
    const D = this.dims;
    const W = this.words;
    const all = this.maskAll;
    if (this.bounds.length < (level + 1) * D) {
      const bigger = new Float64Array((level + 1) * D * 2);
      bigger.set(this.bounds);
      this.bounds = bigger;
    }
    const bounds = this.bounds;
    const b = level * D;
    // `all`: the person's cells below the cell. bounds[b + e]: the sum over the person's cells below the nodes of
    // dimensions 0..e-1, an upper bound of their contribution anywhere the walk goes after raising dimension e.
    for (let w = 0; w < W; w++) all[w] = w < W - 1 || this.k % 32 === 0 ? 0xffffffff : (1 << this.k % 32) - 1;
    for (let d = 0; d < D; d++) {
      if (d >= first) bounds[b + d] = this.sumOf(all);
      const slot = this.slot[d]![this.at[d]!]! * W;
      const masks = this.masks[d]!;
      for (let w = 0; w < W; w++) all[w]! &= masks[slot + w]!;
    }
    // Count the cell only from the first pair of cells below it.
    if (this.k > 2 && !this.ownedByPair(all)) return;
    const top = this.top!;
    const kth = top.values[cell * top.k + top.k - 1]!;
    // Strictly below: then the person's true contribution anywhere above is below the true k-th value there (the
    // current k-th value is at most the true one, which only grows upwards), so the person cannot be in the list,
    // even with ties. The same test with this cell's k-th value prunes a raise before its cell is even read.
    if (bounds[b + first]! < kth) return;
    const f = this.sumOf(all);
    if (f > kth) raiseTop(top, cell, f, this.id);
    for (let e = first; e < D; e++) {
      if (bounds[b + e]! < kth) continue;
      const node = this.at[e]!;
      const parent = this.parents[e]![node]!;
      if (parent < 0) continue;
      this.at[e] = parent;
      this.up(e, cell + (parent - node) * this.strides[e]!, level + 1);
      this.at[e] = node;
    }
  }

  /** Whether the two lowest bits of `mask` are the current pair. */
  private ownedByPair(mask: Uint32Array): boolean {
    let found = 0;
    for (let w = 0; w < this.words && found < 2; w++) {
      for (let m = mask[w]!; m !== 0 && found < 2; m &= m - 1) {
        const bit = w * 32 + 31 - Math.clz32(m & -m);
        if (bit !== (found === 0 ? this.pairA : this.pairB)) return false;
        found++;
      }
    }
    return found === 2;
  }

  /** Σ of the person's values over the cells of `mask`. */
  private sumOf(mask: Uint32Array): number {
    if (this.k <= SUBSET_TABLE_MAX) return this.subsetSums[mask[0]!]!;
    let sum = 0;
    for (let w = 0; w < this.words; w++) {
      for (let m = mask[w]!; m !== 0; m &= m - 1) sum += this.values[this.offset + w * 32 + 31 - Math.clz32(m & -m)]!;
    }
    return sum;
  }

  /** Lowest common ancestor of nodes a and b of dimension d. */
  private join(d: number, a: number, b: number): number {
    return lowestCommonAncestor(this.parents[d]!, this.depths[d]!, a, b);
  }

  /** Readable: for each node i of dimension d with m = run[d] & masks[d][i] not empty: recurse (or count the cell). */
  private walk(d: number, cellBase: number): void {
    const W = this.words;
    const run = this.run;
    const nodes = this.nodes[d]!;
    const masks = this.masks[d]!;
    const stride = this.strides[d]!;
    const cnt = this.count[d]!;
    const at = d * W;
    const next = at + W;
    for (let i = 0; i < cnt; i++) {
      let any = 0;
      for (let w = 0; w < W; w++) {
        const m = run[at + w]! & masks[i * W + w]!;
        run[next + w] = m;
        any |= m;
      }
      if (any === 0) continue;
      const cell = cellBase + nodes[i]! * stride;
      if (d + 1 < this.dims) this.walk(d + 1, cell);
      else this.visit(cell);
    }
  }

  private visit(cell: number): void {
    this.persons[cell]!++;
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
