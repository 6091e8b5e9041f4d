import { PrikkError } from '../../../errors/PrikkError.js';
import { div, formatRational, mul, type Rational, rational } from '../rational/Rational.js';
import { roundNoiseUp } from './calibration.js';

/**
 * The discrete Gaussian σ² for ρ-zCDP on an integer query whose squared L2 sensitivity is Δ₂²: σ² = Δ₂²/(2ρ),
 * exact, and rounded UP onto the 1/2^24 grid only if its denominator exceeds 2^24 (see {@link roundNoiseUp}).
 * Adding independent N_Z(0, σ²) to each coordinate of a query with ‖q(x) − q(x′)‖₂² <= Δ₂² is (Δ₂²/(2σ²))-zCDP
 * (CKS 2020, Theorem 14), so the ρ recorded is never below the loss delivered. Taking the squared sensitivity keeps
 * it exact (Δ₂ = √L0 · L∞ need not be rational).
 *
 * Cost: O(1) BigInt operations.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when ρ <= 0 or Δ₂² <= 0.
 * @example
 * gaussianSigma2(rational(1n, 50n), rational(1n)) // { num: 25n, den: 1n }: σ = 5 for ρ = 0.02, Δ₂ = 1
 */
export function gaussianSigma2(rho: Rational, squaredSensitivity: Rational): Rational {
  if (rho.num <= 0n) throw new PrikkError('INVALID_ARGUMENT', `gaussianSigma2: expected ρ > 0, got ${formatRational(rho)}`);
  if (squaredSensitivity.num <= 0n) {
    throw new PrikkError('INVALID_ARGUMENT', `gaussianSigma2: expected a squared sensitivity > 0, got ${formatRational(squaredSensitivity)}`);
  }
  return roundNoiseUp(div(squaredSensitivity, mul(rational(2n), rho)));
}
