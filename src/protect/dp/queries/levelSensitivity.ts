/** The sensitivity of one level's query: L1 for the discrete Laplace, squared L2 for the discrete Gaussian. */
export interface LevelSensitivity {
  readonly l1: bigint;
  readonly l2Squared: bigint;
}

/**
 * Sensitivity of the cells of one hierarchy level under add/remove-one-person, after contribution bounding.
 *
 * A person keeps at most L0 partitions (finest cells); in each, they move a row count by at most L∞, a sum by at
 * most L∞·max|units|, and a distinct-person count by at most 1. At a level where one cell covers up to `span` finest
 * cells, up to k = min(L0, span) of the person's partitions can fall in one cell. So:
 * - distinct persons: at most L0 cells change, each by at most 1: L1 = L0, L2² = L0;
 * - rows and sums with per-partition contribution c: L1 = L0·c, and L2² is largest when the partitions are packed
 *   k to a cell: ⌊L0/k⌋·(k·c)² + (L0 mod k · c)² (the sum of squares is convex, so packing maximises it).
 *
 * Cost: O(1) BigInt operations.
 *
 * @example levelSensitivity('rows', 3, 2n, 1)  // { l1: 6n, l2Squared: 12n } (finest level: 3 cells of 2)
 * @example levelSensitivity('rows', 3, 2n, 10) // { l1: 6n, l2Squared: 36n } (a margin: all 3 in one cell)
 */
export function levelSensitivity(kind: 'persons' | 'additive', maxPartitions: number, perPartition: bigint, span: number): LevelSensitivity {
  const l0 = BigInt(maxPartitions);
  if (kind === 'persons') return { l1: l0, l2Squared: l0 };
  const k = BigInt(Math.min(maxPartitions, Math.max(1, span)));
  const full = l0 / k;
  const rest = l0 % k;
  return {
    l1: l0 * perPartition,
    l2Squared: full * (k * perPartition) ** 2n + (rest * perPartition) ** 2n,
  };
}
