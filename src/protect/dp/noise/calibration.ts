import { ceil, mul, type Rational, rational } from '../rational/Rational.js';

/** Noise parameters with a denominator up to this are used exactly; larger ones are rounded up onto this grid. */
export const SCALE_GRID = 2n ** 24n;

/**
 * Rounds a noise parameter UP onto the grid of multiples of 1/2^24 when its denominator exceeds 2^24; otherwise keeps
 * it exactly. Rounding up means more noise than the exact calibration, so the privacy delivered is never less than
 * the privacy claimed (the relative increase is below 2^−24 / value, under 10^−7 for values >= 1).
 *
 * @example roundNoiseUp(rational(10n, 3n)) // { num: 10n, den: 3n } (kept: small denominator)
 */
export function roundNoiseUp(value: Rational): Rational {
  if (value.den <= SCALE_GRID) return value;
  return rational(ceil(mul(value, rational(SCALE_GRID))), SCALE_GRID);
}
