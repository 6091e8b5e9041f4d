import type { Hierarchy } from '../../../hierarchy/Hierarchy.js';

/** One dimension of a DP table: its name (the column) and the hierarchy of its keys. */
export interface DpCubeDimension {
  readonly name: string;
  readonly hierarchy: Hierarchy;
}

/**
 * The cube of a DP table (every node of every dimension's hierarchy, as in `CellTable`) with what the mechanisms
 * need besides the layout: which cells are finest (every coordinate a leaf), the level of each cell (its depth in
 * every dimension, one noise query per level), the largest number of finest cells under one cell of a level, roll-up
 * and roll-down, and the ancestors of a cell.
 *
 * Internal to the DP queries.
 */
export class DpCube {
  readonly dimensions: readonly DpCubeDimension[];
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly parents: readonly Int32Array[];
  readonly cellCount: number;
  /** Per dimension: the largest depth + 1 (the number of depth values). */
  readonly depthCounts: readonly number[];
  /** Number of levels: Π depthCounts. */
  readonly levelCount: number;
  /** Level index per cell: mixed radix over (depth per dimension), the first dimension most significant. */
  readonly levelOf: Uint32Array;
  /** Per level: the depth in every dimension. */
  readonly levelDepths: readonly (readonly number[])[];
  /** Per level: the largest number of finest cells under one cell of that level (1 for the finest level). */
  readonly levelSpan: readonly number[];
  /** 1 for the finest cells (a leaf in every dimension). */
  readonly finest: Uint8Array;
  /** Number of finest cells. */
  readonly finestCount: number;

  constructor(dimensions: readonly DpCubeDimension[]) {
    this.dimensions = dimensions;
    this.shape = dimensions.map((d) => d.hierarchy.size);
    const strides = new Array<number>(dimensions.length);
    let cellCount = 1;
    for (let d = dimensions.length - 1; d >= 0; d--) {
      strides[d] = cellCount;
      cellCount *= this.shape[d]!;
    }
    this.strides = strides;
    this.cellCount = cellCount;
    this.parents = dimensions.map((d) => d.hierarchy.parents);
    this.depthCounts = dimensions.map((d) => {
      let max = 0;
      for (const x of d.hierarchy.depths) if (x > max) max = x;
      return max + 1;
    });
    this.levelCount = this.depthCounts.reduce((a, b) => a * b, 1);

    // Leaves under each node, and per depth the most leaves under one node of that depth.
    const spanPerDepth = dimensions.map((d, i) => {
      const h = d.hierarchy;
      const under = new Float64Array(h.size);
      for (let n = 0; n < h.leafCount; n++) under[n] = 1;
      for (let n = 0; n < h.size - 1; n++) under[h.parents[n]!]! += under[n]!;
      const best = new Array<number>(this.depthCounts[i]!).fill(0);
      for (let n = 0; n < h.size; n++) best[h.depths[n]!] = Math.max(best[h.depths[n]!]!, under[n]!);
      return best;
    });
    const levelDepths: number[][] = [];
    const levelSpan: number[] = [];
    for (let l = 0; l < this.levelCount; l++) {
      const depths = new Array<number>(dimensions.length);
      let rest = l;
      for (let d = dimensions.length - 1; d >= 0; d--) {
        depths[d] = rest % this.depthCounts[d]!;
        rest = Math.floor(rest / this.depthCounts[d]!);
      }
      levelDepths.push(depths);
      levelSpan.push(depths.reduce((s, depth, d) => s * spanPerDepth[d]![depth]!, 1));
    }
    this.levelDepths = levelDepths;
    this.levelSpan = levelSpan;

    const levelOf = new Uint32Array(cellCount);
    const finest = new Uint8Array(cellCount);
    let finestCount = 0;
    for (let c = 0; c < cellCount; c++) {
      let level = 0;
      let leaf = 1;
      for (let d = 0; d < dimensions.length; d++) {
        const node = Math.floor(c / strides[d]!) % this.shape[d]!;
        const h = dimensions[d]!.hierarchy;
        level = level * this.depthCounts[d]! + h.depths[node]!;
        if (node >= h.leafCount) leaf = 0;
      }
      levelOf[c] = level;
      finest[c] = leaf;
      finestCount += leaf;
    }
    this.levelOf = levelOf;
    this.finest = finest;
    this.finestCount = finestCount;
  }

  /** Node of cell `c` in dimension `d`. */
  nodeAt(c: number, d: number): number {
    return Math.floor(c / this.strides[d]!) % this.shape[d]!;
  }

  /**
   * In place: every cell becomes the sum of the finest cells under it (values at non-finest cells must be 0).
   * Cost: O(cells × dimensions).
   */
  rollUp(a: Float64Array): void {
    const { shape, strides, parents, cellCount } = this;
    for (let d = 0; d < shape.length; d++) {
      const size = shape[d]!;
      const stride = strides[d]!;
      const parent = parents[d]!;
      const block = size * stride;
      // Readable: for every cell x whose node in dimension d is n (not the root): a[x with node parent(n)] += a[x].
      for (let base = 0; base < cellCount; base += block) {
        for (let n = 0; n < size - 1; n++) {
          const src = base + n * stride;
          const dst = base + parent[n]! * stride;
          for (let j = 0; j < stride; j++) a[dst + j]! += a[src + j]!;
        }
      }
    }
  }

  /**
   * In place, the transpose of {@link rollUp}: every cell becomes the sum of the values at all cells at or above it
   * (its ancestors in every combination of dimensions, itself included). Only the finest cells' results are used.
   * Cost: O(cells × dimensions).
   */
  rollDown(a: Float64Array): void {
    const { shape, strides, parents, cellCount } = this;
    for (let d = 0; d < shape.length; d++) {
      const size = shape[d]!;
      const stride = strides[d]!;
      const parent = parents[d]!;
      const block = size * stride;
      // Parents come after children, so walking nodes downwards adds a parent's full value before its children read it.
      for (let base = 0; base < cellCount; base += block) {
        for (let n = size - 2; n >= 0; n--) {
          const dst = base + n * stride;
          const src = base + parent[n]! * stride;
          for (let j = 0; j < stride; j++) a[dst + j]! += a[src + j]!;
        }
      }
    }
  }

  /**
   * Calls `visit` with every cell at or above `c` (including `c`): the product of each dimension's chain of ancestors.
   * Cost: Π (depth + 1).
   */
  forEachAncestor(c: number, visit: (cell: number) => void): void {
    const dims = this.dimensions.length;
    const chains: number[][] = [];
    for (let d = 0; d < dims; d++) {
      const chain: number[] = [];
      let node = this.nodeAt(c, d);
      const parents = this.parents[d]!;
      while (node >= 0) {
        chain.push(node * this.strides[d]!);
        node = parents[node]!;
      }
      chains.push(chain);
    }
    const walk = (d: number, offset: number): void => {
      if (d === dims) {
        visit(offset);
        return;
      }
      for (const part of chains[d]!) walk(d + 1, offset + part);
    };
    walk(0, 0);
  }

  /**
   * Leaf cells in an order where, for the last dimension, the leaves under every node are contiguous, and the first
   * dimension varies slowest: each dimension's leaves are ranked depth-first from its root.
   * Cost: O(cells log cells).
   */
  finestOrder(): Uint32Array {
    const ranks = this.dimensions.map((dim) => {
      const h = dim.hierarchy;
      const children: number[][] = Array.from({ length: h.size }, () => []);
      for (let n = 0; n < h.size - 1; n++) children[h.parents[n]!]!.push(n);
      const rank = new Float64Array(h.size);
      let next = 0;
      const stack = [h.size - 1];
      while (stack.length > 0) {
        const n = stack.pop()!;
        if (n < h.leafCount) rank[n] = next++;
        const kids = children[n]!;
        for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]!);
      }
      return rank;
    });
    const cells: number[] = [];
    const keys: number[] = [];
    for (let c = 0; c < this.cellCount; c++) {
      if (this.finest[c] !== 1) continue;
      let key = 0;
      for (let d = 0; d < this.dimensions.length; d++) key = key * this.dimensions[d]!.hierarchy.leafCount + ranks[d]![this.nodeAt(c, d)]!;
      cells.push(c);
      keys.push(key);
    }
    const idx = cells.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]!);
    return Uint32Array.from(idx, (i) => cells[i]!);
  }
}
