import { PrikkError } from '../../../errors/PrikkError.js';
import { formatRational, type Rational, toNumber } from '../rational/Rational.js';

/**
 * The integer noise a mechanism adds, with its exact parameter:
 * - `laplace`: the discrete Laplace with scale t, P(x) ∝ e^{−|x|/t} (pure ε-DP);
 * - `gaussian`: the discrete Gaussian with variance parameter σ², P(x) ∝ e^{−x²/(2σ²)} (ρ-zCDP).
 *
 * The functions below describe the distribution in floating point (pmf, variance, interval half-widths); they are
 * for tests, reports and confidence intervals, never for sampling.
 */
export type NoiseDistribution =
  | { readonly kind: 'laplace'; readonly scale: Rational }
  | { readonly kind: 'gaussian'; readonly sigma2: Rational };

/** Readable form, e.g. `discrete Laplace(scale 10)` or `discrete Gaussian(σ² 25/2)`. */
export function describeNoise(noise: NoiseDistribution): string {
  return noise.kind === 'laplace'
    ? `discrete Laplace(scale ${formatRational(noise.scale)})`
    : `discrete Gaussian(σ² ${formatRational(noise.sigma2)})`;
}

/** e^{−1/t} for the discrete Laplace with scale t. */
function ratio(scale: Rational): number {
  return Math.exp(-1 / toNumber(scale));
}

/** Normalising constant Σ_y e^{−y²/(2σ²)} of the discrete Gaussian, summed to where terms vanish (|y| <= σ·40 + 40). */
function gaussianNorm(sigma2: number): number {
  const limit = Math.ceil(Math.sqrt(sigma2) * 40) + 40;
  let sum = 1;
  for (let y = 1; y <= limit; y++) {
    const term = Math.exp((-y * y) / (2 * sigma2));
    if (term === 0) break;
    sum += 2 * term;
  }
  return sum;
}

/**
 * P(Z = x) for integer x, in floating point.
 *
 * Source: CKS 2020, Definitions 1 and 26: discrete Laplace P(x) = (1 − q)/(1 + q) · q^{|x|} with q = e^{−1/t};
 * discrete Gaussian P(x) = e^{−x²/(2σ²)} / Σ_y e^{−y²/(2σ²)}.
 *
 * Cost: O(1) for Laplace; O(σ) for Gaussian (the normalising sum). Use {@link noisePmfTable} for many x.
 *
 * @example
 * noisePmf({ kind: 'laplace', scale: rational(1n) }, 0) // (1 − e^{−1})/(1 + e^{−1}) ≈ 0.4621
 */
export function noisePmf(noise: NoiseDistribution, x: number): number {
  if (noise.kind === 'laplace') {
    const q = ratio(noise.scale);
    return ((1 - q) / (1 + q)) * q ** Math.abs(x);
  }
  const s2 = toNumber(noise.sigma2);
  return Math.exp((-x * x) / (2 * s2)) / gaussianNorm(s2);
}

/**
 * P(Z = x) for every integer x in [−limit, limit], as an array indexed by x + limit.
 * Cost: O(limit + σ).
 * @example noisePmfTable({ kind: 'laplace', scale: rational(1n) }, 1) // [0.170, 0.462, 0.170]
 */
export function noisePmfTable(noise: NoiseDistribution, limit: number): Float64Array {
  const out = new Float64Array(2 * limit + 1);
  if (noise.kind === 'laplace') {
    const q = ratio(noise.scale);
    const c = (1 - q) / (1 + q);
    for (let x = -limit; x <= limit; x++) out[x + limit] = c * q ** Math.abs(x);
  } else {
    const s2 = toNumber(noise.sigma2);
    const norm = gaussianNorm(s2);
    for (let x = -limit; x <= limit; x++) out[x + limit] = Math.exp((-x * x) / (2 * s2)) / norm;
  }
  return out;
}

/**
 * The variance of the noise, in floating point: 2q/(1 − q)² for the discrete Laplace (q = e^{−1/t}); Σ x² P(x) for
 * the discrete Gaussian (a little below σ², CKS 2020, Proposition 19).
 *
 * Cost: O(1) / O(σ).
 * @example noiseVariance({ kind: 'laplace', scale: rational(10n) }) // ≈ 199.2
 */
export function noiseVariance(noise: NoiseDistribution): number {
  if (noise.kind === 'laplace') {
    const q = ratio(noise.scale);
    return (2 * q) / ((1 - q) * (1 - q));
  }
  const s2 = toNumber(noise.sigma2);
  const norm = gaussianNorm(s2);
  const limit = Math.ceil(Math.sqrt(s2) * 40) + 40;
  let sum = 0;
  for (let y = 1; y <= limit; y++) {
    const term = Math.exp((-y * y) / (2 * s2));
    if (term === 0) break;
    sum += 2 * y * y * term;
  }
  return sum / norm;
}

/**
 * P(|Z| > k) for an integer k >= 0: 2q^{k+1}/(1 + q) for the discrete Laplace; a direct sum of the tail for the
 * discrete Gaussian.
 *
 * @example noiseTail({ kind: 'laplace', scale: rational(1n) }, 0) // 2e^{−1}/(1 + e^{−1}) ≈ 0.5379
 */
export function noiseTail(noise: NoiseDistribution, k: number): number {
  if (noise.kind === 'laplace') {
    const q = ratio(noise.scale);
    return (2 * q ** (k + 1)) / (1 + q);
  }
  const s2 = toNumber(noise.sigma2);
  const norm = gaussianNorm(s2);
  const limit = Math.ceil(Math.sqrt(s2) * 40) + 40 + k;
  let sum = 0;
  for (let y = k + 1; y <= limit; y++) {
    const term = Math.exp((-y * y) / (2 * s2));
    if (term === 0) break;
    sum += 2 * term;
  }
  return sum / norm;
}

/**
 * The smallest integer k with P(|Z| <= k) >= confidence: a value released as `x + Z` has the true x in
 * `[released − k, released + k]` with probability at least `confidence`, exactly from the noise distribution.
 *
 * Cost: O(log k) evaluations of {@link noiseTail}.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when confidence is not in (0, 1).
 * @example noiseHalfWidth({ kind: 'laplace', scale: rational(1n) }, 0.95) // 3 (P(|Z| > 3) ≈ 0.027, P(|Z| > 2) ≈ 0.073)
 */
export function noiseHalfWidth(noise: NoiseDistribution, confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new PrikkError('INVALID_ARGUMENT', `noiseHalfWidth: expected a confidence in (0, 1), got ${confidence}`);
  }
  const alpha = 1 - confidence;
  let hi = 1;
  while (noiseTail(noise, hi) > alpha) hi *= 2;
  let lo = -1; // tail(lo) > alpha holds for lo = -1 (P(|Z| > -1) = 1)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (noiseTail(noise, mid) > alpha) lo = mid;
    else hi = mid;
  }
  return hi;
}
