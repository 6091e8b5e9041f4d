/**
 * The full-domain generalisation lattice: one node per combination of levels (level_j in [0, levelCounts[j])),
 * numbered in mixed radix with the first quasi-identifier most significant, so node 0 is the original data and
 * the last node generalises everything to the roots. A node's successors generalise one quasi-identifier by one
 * level; its predecessors specialise one. Internal to the search.
 *
 * @example
 * const lattice = new Lattice([2, 3]); // 6 nodes
 * lattice.levels(4)                    // Uint8Array [1, 1]
 * lattice.height(5)                    // 3
 */
export class Lattice {
  readonly levelCounts: readonly number[];
  readonly strides: readonly number[];
  /** Number of nodes (may exceed 2^32 for huge lattices; only the heuristic handles those). */
  readonly size: number;
  readonly d: number;

  constructor(levelCounts: readonly number[]) {
    this.levelCounts = [...levelCounts];
    this.d = levelCounts.length;
    const strides = new Array<number>(this.d);
    let size = 1;
    for (let j = this.d - 1; j >= 0; j--) {
      strides[j] = size;
      size *= levelCounts[j]!;
    }
    this.strides = strides;
    this.size = size;
  }

  /** Level of quasi-identifier `j` at `node`. */
  levelOf(node: number, j: number): number {
    return Math.floor(node / this.strides[j]!) % this.levelCounts[j]!;
  }

  /** Levels of `node`, written into `out` when given. */
  levels(node: number, out: Uint8Array = new Uint8Array(this.d)): Uint8Array {
    let rest = node;
    for (let j = this.d - 1; j >= 0; j--) {
      const count = this.levelCounts[j]!;
      out[j] = rest % count;
      rest = Math.floor(rest / count);
    }
    return out;
  }

  /** Node number of a level vector. */
  nodeOf(levels: ArrayLike<number>): number {
    let node = 0;
    for (let j = 0; j < this.d; j++) node += levels[j]! * this.strides[j]!;
    return node;
  }

  /** Sum of the levels. */
  height(node: number): number {
    let h = 0;
    let rest = node;
    for (let j = this.d - 1; j >= 0; j--) {
      const count = this.levelCounts[j]!;
      h += rest % count;
      rest = Math.floor(rest / count);
    }
    return h;
  }

  /** The most general node. */
  get top(): number {
    return this.size - 1;
  }
}
