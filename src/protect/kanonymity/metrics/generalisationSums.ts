import type { Hierarchy } from '../../../hierarchy/Hierarchy.js';

/**
 * For ARX's Loss: per quasi-identifier j and level l, Σ over all records of the number of leaves under the record's
 * ancestor at level l (`sums[j][l]`). The Loss sum of a node with nothing suppressed is `sums[j][level_j]`, and
 * suppression only adds (|H_j| − leaves under the value) per suppressed record, so these are also the exact lower
 * bound the search orders nodes by. Integers (exact in float64 up to 2^53).
 *
 * `leafHistograms[j][leaf]` is the number of records with that leaf.
 *
 * Cost O(Σ_j levels_j × leaves_j).
 *
 * @example
 * // leaves a, b under x; records a, a, b: level 0 → 1 + 1 + 1 = 3, level 1 (x) → 2 + 2 + 2 = 6, root (2 leaves) → 6
 * generalisationSums([h], [Float64Array.of(2, 1)]) // [Float64Array [3, 6, 6]]
 */
export function generalisationSums(hierarchies: readonly Hierarchy[], leafHistograms: readonly Float64Array[]): Float64Array[] {
  return hierarchies.map((h, j) => {
    const perLeaf = leafHistograms[j]!;
    const out = new Float64Array(h.levelCount);
    for (let level = 0; level < h.levelCount; level++) {
      const map = h.levelMaps[level]!;
      let sum = 0;
      for (let leaf = 0; leaf < h.leafCount; leaf++) if (perLeaf[leaf]! > 0) sum += perLeaf[leaf]! * h.leafCounts[map[leaf]!]!;
      out[level] = sum;
    }
    return out;
  });
}
