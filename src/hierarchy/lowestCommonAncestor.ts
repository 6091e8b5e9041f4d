/**
 * Lowest common ancestor of nodes `a` and `b` of one hierarchy, by walking up from the deeper node (both when
 * they are equally deep). Takes the hierarchy's `parents` and `depths` arrays rather than the object, because the
 * aggregation core calls it in hot loops with arrays it already holds.
 *
 * Cost: O(depth).
 *
 * @example
 * // Total <- 03 <- 0301, Total <- 11 <- 1103: the join of 0301 and 1103 is Total.
 * lowestCommonAncestor(h.parents, h.depths, h.nodeOf('0301'), h.nodeOf('1103')) === h.nodeOf('Total') // true
 */
export function lowestCommonAncestor(parents: Int32Array, depths: Uint8Array, a: number, b: number): number {
  while (a !== b) {
    const da = depths[a]!;
    const db = depths[b]!;
    if (da >= db) a = parents[a]!;
    if (db >= da) b = parents[b]!;
  }
  return a;
}
