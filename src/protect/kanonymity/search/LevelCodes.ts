import type { Hierarchy } from '../../../hierarchy/Hierarchy.js';

/**
 * Dense integer codes of the generalised values that occur in the data, per quasi-identifier and level: `codes[j][l]`
 * maps a leaf of hierarchy j to the rank of its ancestor at level l among the ancestors of the leaves present in
 * the data, and `radix[j][l]` is how many there are. A node's classes are keyed by the mixed-radix number of these
 * codes, whose range is the product of the radices (small for general nodes, so a dense table can count them).
 * Internal. Cost O(Σ_j leaves_j × levels_j).
 *
 * @example
 * // age leaves 1, 2, 3 under 1-2, 1-2, 3-4; only 1 and 3 occur:
 * const codes = new LevelCodes([age], [Float64Array.of(5, 0, 2)]);
 * codes.radix[0]       // [2, 2, 1] (1 and 3; 1-2 and 3-4; the root)
 * codes.codes[0]![1]   // Uint32Array [0, 0, 1] (leaf 2 does not occur: its code is unused)
 */
export class LevelCodes {
  readonly codes: readonly (readonly Uint32Array[])[];
  readonly radix: readonly (readonly number[])[];
  /** `nodeOfCode[j][l][code]`: the hierarchy node a dense code stands for. */
  readonly nodeOfCode: readonly (readonly Int32Array[])[];
  /** `leafOfCode[j][l][code]`: a leaf present in the data under that node. */
  readonly leafOfCode: readonly (readonly Int32Array[])[];

  constructor(hierarchies: readonly Hierarchy[], leafHistograms: readonly Float64Array[]) {
    const codes: Uint32Array[][] = [];
    const radix: number[][] = [];
    const nodeOfCode: Int32Array[][] = [];
    const leafOfCode: Int32Array[][] = [];
    hierarchies.forEach((h, j) => {
      const leavesOf: Int32Array[] = [];
      const present = leafHistograms[j]!;
      const perLevel: Uint32Array[] = [];
      const sizes: number[] = [];
      const nodes: Int32Array[] = [];
      for (let level = 0; level < h.levelCount; level++) {
        const map = h.levelMaps[level]!;
        const rank = new Int32Array(h.size).fill(-1);
        const out = new Uint32Array(h.leafCount);
        const ofCode: number[] = [];
        const leafOf: number[] = [];
        let next = 0;
        for (let leaf = 0; leaf < h.leafCount; leaf++) {
          if (!present[leaf]) continue;
          const node = map[leaf]!;
          if (rank[node] === -1) {
            rank[node] = next++;
            ofCode.push(node);
            leafOf.push(leaf);
          }
          out[leaf] = rank[node]!;
        }
        perLevel.push(out);
        sizes.push(Math.max(1, next));
        nodes.push(Int32Array.from(ofCode.length > 0 ? ofCode : [map[0] ?? 0]));
        leavesOf.push(Int32Array.from(leafOf.length > 0 ? leafOf : [0]));
      }
      codes.push(perLevel);
      radix.push(sizes);
      nodeOfCode.push(nodes);
      leafOfCode.push(leavesOf);
    });
    this.codes = codes;
    this.radix = radix;
    this.nodeOfCode = nodeOfCode;
    this.leafOfCode = leafOfCode;
  }
}
