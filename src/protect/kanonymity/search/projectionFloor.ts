import type { Hierarchy } from '../../../hierarchy/Hierarchy.js';

/**
 * The lowest level each quasi-identifier can have in an admissible transformation, from one-attribute projections:
 * a class of a node lies inside one class of the node's projection on any single quasi-identifier, so the records in
 * projection classes smaller than the smallest allowed class (`minClassSize`) are in too-small classes at every node
 * with that level, and such classes always violate the models. When they exceed `maxSuppressed`, no node with that
 * level (or a lower one) is admissible. Returns the floor per quasi-identifier; a value equal to the level count
 * means no transformation is admissible. Every node that is not above the floor is inadmissible, so the search
 * starts at the floor. Internal.
 *
 * Cost O(Σ_j hierarchy size_j × levels_j).
 *
 * @example
 * // Adult, k = 100, no suppression: some age has fewer than 100 records at every level below the root, so the
 * // floor of age is its top level (4); sex keeps level 0 (both sexes have thousands of records).
 */
export function projectionFloor(hierarchies: readonly Hierarchy[], leafHistograms: readonly Float64Array[], minClassSize: number, maxSuppressed: number): Uint8Array {
  const d = hierarchies.length;
  const floor = new Uint8Array(d);
  if (minClassSize <= 1) return floor;
  hierarchies.forEach((h, j) => {
    const perLeaf = leafHistograms[j]!;
    const perNode = new Float64Array(h.size);
    let level = 0;
    for (; level < h.levelCount; level++) {
      perNode.fill(0);
      const map = h.levelMaps[level]!;
      for (let leaf = 0; leaf < h.leafCount; leaf++) perNode[map[leaf]!]! += perLeaf[leaf]!;
      let outliers = 0;
      for (let node = 0; node < h.size; node++) {
        const n = perNode[node]!;
        if (n > 0 && n < minClassSize) outliers += n;
      }
      if (outliers <= maxSuppressed) break;
    }
    floor[j] = level;
  });
  return floor;
}
