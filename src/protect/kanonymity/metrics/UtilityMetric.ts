/**
 * What the optimal search minimises (all as ARX defines them, so that results compare):
 * - `loss`: ARX's Loss (its default metric; `MetricMDNMLoss` with the geometric-mean aggregate, the default of recent
 *   ARX versions; older ones ranked the per-attribute values instead). Per quasi-identifier j,
 *   raw_j = Σ over kept records of the share of hierarchy rows (leaves) that the record's generalised value covers,
 *   plus 1 per suppressed record; norm_j = max(0, (raw_j − N/|H_j|) / (N − N/|H_j|)), |H_j| the number of leaves;
 *   Loss = Π_j (norm_j + 1)^(1/d) − 1. In [0, 1]; 0 is the original data.
 * - `discernibility`: DM = Σ over kept classes of size² + suppressed records × N (Bayardo & Agrawal 2005; ARX's
 *   `MetricSDNMDiscernability`).
 * - `height`: the sum of the generalisation levels.
 * - `average-class-size`: N / (kept classes + 1 if any record is suppressed) (LeFevre et al. 2006, unnormalised, as
 *   ARX's `MetricSDAECS`).
 * Lower is better for every metric; ties go to the lower transformation (smaller height), then to the first in
 * lattice order (levels compared from the first quasi-identifier on).
 */
export type UtilityMetric = 'loss' | 'discernibility' | 'height' | 'average-class-size';

/** Every utility metric, in documentation order. */
export const UTILITY_METRICS: readonly UtilityMetric[] = Object.freeze(['loss', 'discernibility', 'height', 'average-class-size']);
