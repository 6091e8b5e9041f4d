import { lossFactor } from './lossFromSums.js';
import type { UtilityMetric } from './UtilityMetric.js';

/** What {@link metricLowerBound} needs to know about the data. */
export interface LowerBoundData {
  /** Records N. */
  readonly records: number;
  /** Leaves per hierarchy (|H_j|). */
  readonly domainSizes: ArrayLike<number>;
  /** `generalisationSums` of the records. */
  readonly baseSums: readonly Float64Array[];
  /** Distinct values present per quasi-identifier and level (`LevelCodes.radix`). */
  readonly radix: readonly (readonly number[])[];
  /** Number of distinct quasi-identifier tuples in the data (classes of the original data). */
  readonly distinctTuples: number;
  /** Σ over those tuples of count² (discernibility of the original data). */
  readonly distinctSquares: number;
}

/**
 * A lower bound of a metric at a transformation that reads only its levels, never decreasing under
 * generalisation (the optimal search visits nodes in its order and stops when it passes the best score):
 * - `loss`: the Loss with nothing suppressed (suppression only adds to each attribute's sum); exact when nothing
 *   may be suppressed;
 * - `height`: the height itself (exact);
 * - `discernibility`: max(Σ count² of the original tuples, N² / c) with c = min(distinct tuples, Π_j values present
 *   at level_j), an upper bound of the number of classes (by Cauchy–Schwarz, Σ size² >= N² / classes; suppression
 *   only raises a class's term from size² to size × N);
 * - `average-class-size`: N / c (kept classes plus the suppressed group are at most the classes).
 *
 * Cost O(d) per call.
 *
 * @example
 * metricLowerBound('height', data)(Uint8Array.of(1, 2)) // 3
 */
export function metricLowerBound(metric: UtilityMetric, data: LowerBoundData): (levels: Uint8Array) => number {
  const d = data.baseSums.length;
  const n = data.records;
  const maxClasses = (levels: Uint8Array): number => {
    let product = 1;
    for (let j = 0; j < d; j++) product *= data.radix[j]![levels[j]!]!;
    return Math.max(1, Math.min(data.distinctTuples, product));
  };
  switch (metric) {
    case 'height':
      return (levels) => {
        let h = 0;
        for (let j = 0; j < d; j++) h += levels[j]!;
        return h;
      };
    case 'loss': {
      // (1 + norm_j)^(1/d) per quasi-identifier and level, computed once: the bound is their product − 1, the same
      // multiplications in the same order as `lossFromSums` on the same sums, so the same number.
      const factors = data.baseSums.map((perLevel, j) => Float64Array.from(perLevel, (sum) => lossFactor(sum, data.domainSizes[j]!, n, d)));
      return (levels) => {
        let product = 1;
        for (let j = 0; j < d; j++) product *= factors[j]![levels[j]!]!;
        return product - 1;
      };
    }
    case 'discernibility':
      return (levels) => Math.max(data.distinctSquares, (n * n) / maxClasses(levels));
    case 'average-class-size':
      return (levels) => (n === 0 ? 0 : n / maxClasses(levels));
  }
}
