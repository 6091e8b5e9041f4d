import { lowestCommonAncestor } from '../hierarchy/lowestCommonAncestor.js';
import type { MultiCells, PersonCells } from './personCells.js';
import type { CubeLayout } from './rollUp.js';

/** The cube and its trees, as the person counting needs them. */
export interface CubeTrees extends CubeLayout {
  /** Per dimension: depth of each node (root 0). */
  readonly depths: readonly Uint8Array[];
}

/**
 * Adds to `delta` signed unit weights whose roll-up (see `rollUp`) is each cell's number of distinct persons.
 *
 * A person counts once in every cell that lies above at least one of their finest cells c_1..c_k (above = at or
 * above in every dimension). In a product of trees, a cell lies above every cell of a set S exactly when it lies
 * above join(S), the per-dimension lowest common ancestor. By inclusion–exclusion the person's indicator is
 *   [A above some c_i] = Σ_{∅≠S⊆{c_i}} (−1)^{|S|+1} [A above join(S)],
 * so adding (−1)^{|S|+1} at join(S) for every subset and rolling up gives exactly 1 in the union of the cones and
 * 0 elsewhere. A person with one cell (the usual case) is just +1 at that cell; with two, +1, +1 and −1 at the join;
 * with three, the seven subsets directly. Joins come from a table for hierarchies of up to 256 nodes.
 *
 * Pruning (exact): the subsets are visited depth-first, S growing by elements after its last one. If some later
 * element c leaves the join unchanged (c is below join(S)), every subset S ∪ T of that branch pairs with S ∪ T ∪ {c}
 * (same join, opposite sign), so the whole branch sums to zero and is skipped. Joins strictly rise along a branch, so
 * branches are at most (Σ depth + 1) deep. A person whose subsets still exceed a work budget (k × cone size joins)
 * is returned for explicit enumeration of the union of cones (`MaskWalker.addOne`), which costs about as much.
 *
 * Cost: O(persons) + per multi-cell person O(visited subsets × k × dimensions × depth).
 *
 * @param order Optional visiting order of the multi-cell persons (see `multiOrder`); the result does not depend on it.
 * @returns The multi-cell person numbers (index into `pc.offsets`) left for explicit enumeration.
 */
export function addPersonDeltas(pc: PersonCells, trees: CubeTrees, delta: Float64Array, order?: Uint32Array): Uint32Array {
  const { single } = pc;
  // Readable: for every person p with one cell, delta[that cell] += 1.
  for (let p = 0; p < single.length; p++) {
    const c = single[p]!;
    if (c >= 0) delta[c]!++;
  }
  return addMultiPersonDeltas(pc, trees, delta, order);
}

/**
 * The multi-cell part of {@link addPersonDeltas}: adds to `delta` the signed weights of every multi-cell person
 * (+1 at each of their cells, and the inclusion–exclusion terms at the joins), so that after the roll-up they count
 * once in every cell above any of their cells.
 *
 * Cost: per multi-cell person O(visited subsets × k × dimensions × depth).
 *
 * @param order Optional visiting order of the multi-cell persons (see `multiOrder`); the result does not depend on it.
 * @returns The multi-cell person numbers (index into `mc.offsets`) left for explicit enumeration (`MaskWalker.addOne`).
 */
export function addMultiPersonDeltas(mc: MultiCells, trees: CubeTrees, delta: Float64Array, order?: Uint32Array): Uint32Array {
  return multiPersonDeltas(mc, trees, delta, order, false).fallback;
}

/**
 * {@link addMultiPersonDeltas} that also lists the cells it wrote a delta to (joins of the persons' cells, and for
 * persons with four cells or more their cells too; repeats possible), for `sparseRollUp`, which needs every cell
 * that is not zero.
 *
 * Cost: as {@link addMultiPersonDeltas}, plus 4 bytes per cell written.
 *
 * @returns The fallback persons as {@link addMultiPersonDeltas} returns them, and the cells written.
 * @example
 * // One flat dimension (leaves 0, 1 under the total 2); one person with rows in both leaves.
 * const trees = { shape: [3], leafCounts: [2], strides: [1], cellCount: 3, parents: [Int32Array.of(2, 2, -1)], depths: [Uint8Array.of(1, 1, 0)] };
 * const mc = { multiCount: 1, multiPersons: Uint32Array.of(0), offsets: Uint32Array.of(0, 2), cells: Uint32Array.of(0, 1) };
 * const delta = new Float64Array(3);
 * addMultiPersonDeltasListed(mc, trees, delta) // { fallback: Uint32Array [], written: Uint32Array [2] }
 * delta // Float64Array [1, 1, -1]: rolled up, the total counts the person once
 */
export function addMultiPersonDeltasListed(
  mc: MultiCells,
  trees: CubeTrees,
  delta: Float64Array,
  order?: Uint32Array,
): { readonly fallback: Uint32Array; readonly written: Uint32Array } {
  return multiPersonDeltas(mc, trees, delta, order, true);
}

function multiPersonDeltas(
  mc: MultiCells,
  trees: CubeTrees,
  delta: Float64Array,
  order: Uint32Array | undefined,
  list: boolean,
): { fallback: Uint32Array; written: Uint32Array } {
  if (mc.multiCount === 0) return { fallback: new Uint32Array(0), written: new Uint32Array(0) };
  // Persons with two or three cells (nearly all multi-cell persons) in one typed-array loop; the others below.
  const joins = cubeJoins(trees);
  const rest = new Uint32Array(mc.multiCount);
  const log = new Uint32Array(list ? 4 * mc.multiCount : 0);
  const logged = new Float64Array(1);
  const restCount = smallPersonDeltas(
    mc.cells, mc.offsets, order ?? rest, order === undefined ? 0 : 1, mc.multiCount,
    joins.dims, joins.shape, joins.strides, joins.table, joins.tableAt, joins.parents, joins.depths, joins.nodeAt,
    delta, rest, log, list ? 1 : 0, logged,
  );
  let written = log.subarray(0, logged[0]!);
  if (restCount === 0) return { fallback: new Uint32Array(0), written };
  const ie = new InclusionExclusion(trees, delta);
  const fallback: number[] = [];
  const more: number[] = [];
  for (let i = 0; i < restCount; i++) {
    const j = rest[i]!;
    if (!ie.run(mc.cells, mc.offsets[j]!, mc.offsets[j + 1]!)) fallback.push(j);
    else if (list) for (const c of ie.emittedCells()) more.push(c);
  }
  if (more.length > 0) {
    const all = new Uint32Array(written.length + more.length);
    all.set(written);
    all.set(more, written.length);
    written = all;
  }
  return { fallback: Uint32Array.from(fallback), written };
}

/** Hierarchies with at most this many nodes get a table of all joins (at most 64 KiB each). */
const LCA_TABLE_MAX = 256;

/**
 * The joins (lowest common ancestors) of a cube's dimensions in typed arrays only: a table per small hierarchy
 * (`table[tableAt[d] + a × size + b]`, `tableAt[d] = -1` for a larger one) and the parents and depths of every
 * dimension back to back (dimension d's nodes start at `nodeAt[d]`), for walking up.
 */
interface CubeJoins {
  readonly dims: number;
  readonly shape: Int32Array;
  readonly strides: Int32Array;
  readonly table: Uint8Array;
  readonly tableAt: Int32Array;
  readonly parents: Int32Array;
  readonly depths: Uint8Array;
  readonly nodeAt: Int32Array;
}

function cubeJoins(trees: CubeTrees): CubeJoins {
  const dims = trees.shape.length;
  const shape = Int32Array.from(trees.shape);
  const strides = Int32Array.from(trees.strides);
  const tableAt = new Int32Array(dims).fill(-1);
  const nodeAt = new Int32Array(dims + 1);
  let tableSize = 0;
  for (let d = 0; d < dims; d++) {
    const size = shape[d]!;
    nodeAt[d + 1] = nodeAt[d]! + size;
    if (size <= LCA_TABLE_MAX) {
      tableAt[d] = tableSize;
      tableSize += size * size;
    }
  }
  const parents = new Int32Array(nodeAt[dims]!);
  const depths = new Uint8Array(nodeAt[dims]!);
  for (let d = 0; d < dims; d++) {
    parents.set(trees.parents[d]!, nodeAt[d]!);
    depths.set(trees.depths[d]!, nodeAt[d]!);
  }
  const table = new Uint8Array(tableSize);
  for (let d = 0; d < dims; d++) {
    const at = tableAt[d]!;
    if (at < 0) continue;
    const size = shape[d]!;
    const p = trees.parents[d]!;
    const dep = trees.depths[d]!;
    for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) table[at + a * size + b] = lowestCommonAncestor(p, dep, a, b);
  }
  return { dims, shape, strides, table, tableAt, parents, depths, nodeAt };
}

/** Join of nodes a and b of the dimension whose nodes start at `at` in `parents` and `depths` (walking up). */
function walkUp(parents: Int32Array, depths: Uint8Array, at: number, a: number, b: number): number {
  while (a !== b) {
    const da = depths[at + a]!;
    const db = depths[at + b]!;
    if (da >= db) a = parents[at + a]!;
    if (db >= da) b = parents[at + b]!;
  }
  return a;
}

/** Join of nodes a and b of dimension d (see {@link CubeJoins}). */
function joinOf(
  d: number, a: number, b: number, size: number, table: Uint8Array, tableAt: Int32Array, parents: Int32Array, depths: Uint8Array, nodeAt: Int32Array,
): number {
  if (a === b) return a;
  const t = tableAt[d]!;
  return t >= 0 ? table[t + a * size + b]! : walkUp(parents, depths, nodeAt[d]!, a, b);
}

/**
 * The inclusion–exclusion of the multi-cell persons with two or three cells (visited in `order` when `hasOrder` is
 * 1), written to `delta`; the others (four cells or more) are listed in `rest`, in visiting order, and counted.
 * Typed arrays and numbers only, so that V8's optimised code survives a full GC between calls (see
 * `accumulateFinest`'s kernel); the class below, which it replaces for these persons, was deoptimised on most calls.
 * Readable, per person j with cells c:
 *   two cells a, b:      delta[a] += 1, delta[b] += 1, delta[join(a, b)] -= 1
 *   three cells a, b, c: +1 at a, b, c; -1 at join(a, b), join(a, c), join(b, c); +1 at join(a, b, c)
 * where join is the per-dimension lowest common ancestor. With `logging` 1, the joins written are also listed in
 * `log` (their number goes to `logged[0]`).
 */
function smallPersonDeltas(
  cells: Uint32Array, offsets: Uint32Array, order: Uint32Array, hasOrder: number, m: number,
  dims: number, shape: Int32Array, strides: Int32Array, table: Uint8Array, tableAt: Int32Array, parents: Int32Array,
  depths: Uint8Array, nodeAt: Int32Array, delta: Float64Array, rest: Uint32Array,
  log: Uint32Array, logging: number, logged: Float64Array,
): number {
  let restCount = 0;
  let w = 0;
  for (let i = 0; i < m; i++) {
    const j = hasOrder === 1 ? order[i]! : i;
    const from = offsets[j]!;
    const k = offsets[j + 1]! - from;
    if (k === 2) {
      const a = cells[from]!;
      const b = cells[from + 1]!;
      let ab = 0;
      for (let d = 0; d < dims; d++) {
        const stride = strides[d]!;
        const size = shape[d]!;
        ab += joinOf(d, ((a / stride) | 0) % size, ((b / stride) | 0) % size, size, table, tableAt, parents, depths, nodeAt) * stride;
      }
      delta[a]!++;
      delta[b]!++;
      delta[ab]!--;
      if (logging === 1) log[w++] = ab;
    } else if (k === 3) {
      const a = cells[from]!;
      const b = cells[from + 1]!;
      const c = cells[from + 2]!;
      let ab = 0;
      let ac = 0;
      let bc = 0;
      let abc = 0;
      for (let d = 0; d < dims; d++) {
        const stride = strides[d]!;
        const size = shape[d]!;
        const xa = ((a / stride) | 0) % size;
        const xb = ((b / stride) | 0) % size;
        const xc = ((c / stride) | 0) % size;
        const jab = joinOf(d, xa, xb, size, table, tableAt, parents, depths, nodeAt);
        ab += jab * stride;
        ac += joinOf(d, xa, xc, size, table, tableAt, parents, depths, nodeAt) * stride;
        bc += joinOf(d, xb, xc, size, table, tableAt, parents, depths, nodeAt) * stride;
        abc += joinOf(d, jab, xc, size, table, tableAt, parents, depths, nodeAt) * stride;
      }
      delta[a]!++;
      delta[b]!++;
      delta[c]!++;
      delta[ab]!--;
      delta[ac]!--;
      delta[bc]!--;
      delta[abc]!++;
      if (logging === 1) {
        log[w++] = ab;
        log[w++] = ac;
        log[w++] = bc;
        log[w++] = abc;
      }
    } else {
      rest[restCount++] = j;
    }
  }
  logged[0] = w;
  return restCount;
}

class InclusionExclusion {
  private readonly dims: number;
  private readonly shape: readonly number[];
  private readonly strides: readonly number[];
  private readonly parents: readonly Int32Array[];
  private readonly depths: readonly Uint8Array[];
  private readonly delta: Float64Array;
  private readonly cone: number;
  /** Leaf coordinates of the person's cells, k × dims. */
  private coords = new Int32Array(64);
  /**
   * One buffer per DFS depth: the joins of the children of the state visited at that depth, (k × dims) each, laid
   * out back to back in `stack` (depth l starts at l × k × dims).
   */
  private stack = new Int32Array(1024);
  private emitCell = new Int32Array(64);
  private emitSign = new Int8Array(64);
  private emitted = 0;
  private work = 0;
  private budget = 0;
  private k = 0;

  /** Per dimension with at most `LCA_TABLE_MAX` nodes: `lca[a * size + b]`, the join of nodes a and b. */
  private readonly lca: (Uint8Array | undefined)[];

  constructor(trees: CubeTrees, delta: Float64Array) {
    this.dims = trees.shape.length;
    this.shape = trees.shape;
    this.strides = trees.strides;
    this.parents = trees.parents;
    this.depths = trees.depths;
    this.delta = delta;
    this.lca = trees.shape.map((size, d) => {
      if (size > LCA_TABLE_MAX) return undefined;
      const table = new Uint8Array(size * size);
      for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) table[a * size + b] = this.walkJoin(d, a, b);
      return table;
    });
    let cone = 1;
    let maxChain = 1;
    for (const dep of trees.depths) {
      let max = 0;
      for (let i = 0; i < dep.length; i++) if (dep[i]! > max) max = dep[i]!;
      cone *= max + 1;
      maxChain += max;
    }
    this.cone = cone;
    this.maxChain = maxChain + 2;
  }

  private readonly maxChain: number;

  /**
   * Adds the signed deltas of one person (distinct cells `cells[from .. to)`, at least two; persons with two or three
   * go through `smallPersonDeltas` instead) to `delta`. Returns false, having added nothing, when the work budget ran
   * out.
   */
  run(cells: Uint32Array, from: number, to: number): boolean {
    const D = this.dims;
    const k = to - from;
    const delta = this.delta;
    this.k = k;
    this.emitted = 0;
    this.work = 0;
    this.budget = Math.max(256, k * this.cone);
    if (this.coords.length < k * D) this.coords = new Int32Array(k * D * 2);
    const need = this.maxChain * k * D;
    if (this.stack.length < need) this.stack = new Int32Array(need * 2);
    // Leaf coordinates of the cells; depth 0 of the stack holds the singletons' joins (the cells themselves).
    const coords = this.coords;
    const stack = this.stack;
    for (let s = 0; s < k; s++) {
      const c = cells[from + s]!;
      for (let d = 0; d < D; d++) {
        const x = ((c / this.strides[d]!) | 0) % this.shape[d]!;
        coords[s * D + d] = x;
        stack[s * D + d] = x;
      }
    }
    for (let s = 0; s < k; s++) {
      if (!this.visit(s * D, s + 1, 1, 1)) {
        this.emitted = 0;
        return false;
      }
    }
    for (let e = 0; e < this.emitted; e++) delta[this.emitCell[e]!]! += this.emitSign[e]!;
    return true;
  }

  /**
   * Visits the subset S whose join is at `stack[at .. at + dims)`; the elements after the last one of S start at
   * `next`; the joins of S's children go to depth `depth`.
   * Readable: if some later c is below join(S), skip the branch; else emit (join(S), sign) and visit S ∪ {c} for
   * each later c.
   */
  private visit(at: number, next: number, sign: number, depth: number): boolean {
    const D = this.dims;
    const k = this.k;
    const stack = this.stack;
    const out = depth * k * D;
    for (let s = next; s < k; s++) {
      if (++this.work > this.budget) return false;
      let same = true;
      const o = out + (s - next) * D;
      for (let d = 0; d < D; d++) {
        const j = this.join(d, stack[at + d]!, this.coords[s * D + d]!);
        stack[o + d] = j;
        if (j !== stack[at + d]) same = false;
      }
      if (same) return true; // the whole branch cancels
    }
    let cell = 0;
    for (let d = 0; d < D; d++) cell += stack[at + d]! * this.strides[d]!;
    this.emit(cell, sign);
    // Each child's join stays at depth `depth` while its branch runs: deeper visits write deeper depths.
    for (let s = next; s < k; s++) {
      if (!this.visit(out + (s - next) * D, s + 1, -sign, depth + 1)) return false;
    }
    return true;
  }

  /** The cells the last successful {@link run} added a delta to. */
  emittedCells(): Int32Array {
    return this.emitCell.subarray(0, this.emitted);
  }

  /** Lowest common ancestor of nodes a and b of dimension d (a table lookup for small hierarchies). */
  private join(d: number, a: number, b: number): number {
    const table = this.lca[d];
    if (table !== undefined) return table[a * this.shape[d]! + b]!;
    return this.walkJoin(d, a, b);
  }

  /** Lowest common ancestor by walking up from the deeper node. */
  private walkJoin(d: number, a: number, b: number): number {
    return lowestCommonAncestor(this.parents[d]!, this.depths[d]!, a, b);
  }

  private emit(cell: number, sign: number): void {
    if (this.emitted === this.emitCell.length) {
      const c = new Int32Array(this.emitCell.length * 2);
      c.set(this.emitCell);
      this.emitCell = c;
      const s = new Int8Array(this.emitSign.length * 2);
      s.set(this.emitSign);
      this.emitSign = s;
    }
    this.emitCell[this.emitted] = cell;
    this.emitSign[this.emitted] = sign;
    this.emitted++;
  }
}

/**
 * One instance that lives as long as the module: V8 drops the shape (hidden class) of class instances at a full GC
 * once no instance is left, and optimised code that relied on it is thrown away, so without this every `aggregate`
 * after a GC would count its multi-cell persons in unoptimised code again (measured on the benchmark's 1 M-row
 * extract with gc() between calls, alternating builds: 86-116 ms per 3-dimension call with it, 113-120 ms without;
 * V8 still deoptimised `run` now and then, so the persons with two or three cells, nearly all of them, now go through
 * the typed-array-only `smallPersonDeltas`).
 */
export const KEEP_SHAPE_ALIVE = new InclusionExclusion(
  { shape: [], leafCounts: [], strides: [], parents: [], depths: [], cellCount: 1 },
  new Float64Array(1),
);
