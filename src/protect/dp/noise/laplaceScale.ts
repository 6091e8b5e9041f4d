import { PrikkError } from '../../../errors/PrikkError.js';
import { div, formatRational, type Rational } from '../rational/Rational.js';
import { roundNoiseUp } from './calibration.js';

/**
 * The discrete Laplace scale for ε-DP on an integer query with L1 sensitivity Δ: t = Δ/ε, exact, and rounded UP
 * onto the 1/2^24 grid only if its denominator exceeds 2^24 (see {@link roundNoiseUp}). The privacy loss of the
 * discrete Laplace mechanism with scale t is Δ/t <= ε (CKS 2020, Proposition 5 / Ghosh, Roughgarden & Sundararajan
 * 2012): the ε recorded is never below the loss delivered.
 *
 * Cost: O(1) BigInt operations.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when ε <= 0 or Δ <= 0.
 * @example
 * laplaceScale(rational(1n, 10n), rational(3n)) // { num: 30n, den: 1n }: scale 30 for ε = 0.1, Δ = 3
 */
export function laplaceScale(epsilon: Rational, sensitivity: Rational): Rational {
  if (epsilon.num <= 0n) throw new PrikkError('INVALID_ARGUMENT', `laplaceScale: expected ε > 0, got ${formatRational(epsilon)}`);
  if (sensitivity.num <= 0n) throw new PrikkError('INVALID_ARGUMENT', `laplaceScale: expected a sensitivity > 0, got ${formatRational(sensitivity)}`);
  return roundNoiseUp(div(sensitivity, epsilon));
}
