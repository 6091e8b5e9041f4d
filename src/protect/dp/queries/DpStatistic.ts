import type { RationalInput } from '../rational/toRational.js';

/**
 * What a DP table releases per cell:
 * - `persons`: distinct persons (the unit of privacy), after contribution bounding;
 * - `rows`: rows, after contribution bounding (at most L∞ per person and cell);
 * - `sum`: the sum of a measure clamped to `[lower, upper]`, in fixed point at `resolution` (see `fixedPoint`);
 * - `mean`: the midpoint of `[lower, upper]` plus a noisy sum of (value − midpoint) divided by a noisy row count
 *   (post-processing), clamped to `[lower, upper]`; the budget is split between them, `countShare` to the count
 *   (defaults to 1/2). An empty cell comes out near the midpoint.
 *
 * `lower`, `upper` and `resolution` are required for sums and means and must be public (chosen without looking at
 * the data); values outside are clamped, which is what bounds the sensitivity.
 */
export type DpStatistic =
  | { readonly kind: 'persons' }
  | { readonly kind: 'rows' }
  | {
      readonly kind: 'sum';
      readonly measure: string;
      readonly lower: RationalInput;
      readonly upper: RationalInput;
      readonly resolution: RationalInput;
    }
  | {
      readonly kind: 'mean';
      readonly measure: string;
      readonly lower: RationalInput;
      readonly upper: RationalInput;
      readonly resolution: RationalInput;
      readonly countShare?: RationalInput;
    };
