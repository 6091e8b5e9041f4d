import { PrikkError } from '../../../errors/PrikkError.js';

/** Relative margin added to converted ε and δ to cover floating-point rounding in the conversion (reporting only). */
const MARGIN = 1e-9;

/**
 * δ such that ρ-zCDP implies (ε, δ)-DP, the tighter bound of Canonne, Kamath & Steinke (2020, Proposition 12 /
 * Corollary 13): δ = inf_{α > 1} exp((α − 1)(αρ − ε)) / (α − 1) · (1 − 1/α)^α. Any α gives a valid bound, so the
 * approximate minimiser found by bisection on the derivative (as in the authors' `cdp2adp.py`) is still an upper
 * bound; the result is then increased by a relative 10^−9 to cover rounding. Floating point, for reports only.
 *
 * Cost: 200 bisection steps.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when ρ or ε is negative or not finite.
 * @example zcdpDelta(0.025, 1) // ≈ 1.336e-6 (the authors' cdp2adp.py: cdp_delta(0.025, 1) = 1.3361e-6)
 */
export function zcdpDelta(rho: number, epsilon: number): number {
  if (!(rho >= 0 && Number.isFinite(rho)) || !(epsilon >= 0 && Number.isFinite(epsilon))) {
    throw new PrikkError('INVALID_ARGUMENT', `zcdpDelta: expected finite ρ >= 0 and ε >= 0, got ρ = ${rho}, ε = ${epsilon}`);
  }
  if (rho === 0) return 0;
  let lo = 1.01;
  let hi = (epsilon + 1) / (2 * rho) + 2;
  let alpha = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    alpha = (lo + hi) / 2;
    const derivative = (2 * alpha - 1) * rho - epsilon + Math.log1p(-1 / alpha);
    if (derivative < 0) lo = alpha;
    else hi = alpha;
  }
  const delta = Math.exp((alpha - 1) * (alpha * rho - epsilon) + alpha * Math.log1p(-1 / alpha)) / (alpha - 1);
  // The classic bound exp(−(ε − ρ)²/(4ρ)) (Bun & Steinke 2016, Proposition 1.3) also holds; take the smaller.
  const classic = epsilon > rho ? Math.exp(-((epsilon - rho) ** 2) / (4 * rho)) : 1;
  return Math.min(1, Math.min(delta, classic) * (1 + MARGIN));
}

/**
 * The smallest ε (to within bisection precision, rounded up) such that ρ-zCDP implies (ε, δ)-DP, by the bound of
 * {@link zcdpDelta}; never larger than Bun & Steinke's ε = ρ + 2√(ρ·ln(1/δ)) (2016, Proposition 1.3).
 * Floating point, for reports only: the accountant keeps ρ exactly.
 *
 * Cost: 200 evaluations of {@link zcdpDelta}.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when ρ < 0 or δ is outside (0, 1).
 * @example zcdpToApproxDp(0.025, 1e-6) // ≈ 1.0141 (Bun–Steinke's formula gives 1.2004)
 */
export function zcdpToApproxDp(rho: number, delta: number): number {
  if (!(rho >= 0 && Number.isFinite(rho))) throw new PrikkError('INVALID_ARGUMENT', `zcdpToApproxDp: expected finite ρ >= 0, got ${rho}`);
  if (!(delta > 0 && delta < 1)) throw new PrikkError('INVALID_ARGUMENT', `zcdpToApproxDp: expected δ in (0, 1), got ${delta}`);
  if (rho === 0) return 0;
  let lo = 0;
  let hi = rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
  for (let i = 0; i < 200; i++) {
    const eps = (lo + hi) / 2;
    if (zcdpDelta(rho, eps) <= delta) hi = eps;
    else lo = eps;
  }
  return hi * (1 + MARGIN);
}
