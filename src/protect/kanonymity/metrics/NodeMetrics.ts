/**
 * Every utility metric of one transformation (see `UtilityMetric` for the definitions). Lower is better for all.
 */
export interface NodeMetrics {
  /** ARX's Loss, in [0, 1]. */
  readonly loss: number;
  /** Discernibility: Σ kept class size² + suppressed × N. */
  readonly discernibility: number;
  /** Sum of the generalisation levels. */
  readonly height: number;
  /** N / (kept classes + 1 if any record is suppressed). */
  readonly averageClassSize: number;
}
