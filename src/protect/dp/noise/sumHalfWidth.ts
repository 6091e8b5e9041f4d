import { PrikkError } from '../../../errors/PrikkError.js';
import { noiseHalfWidth, noisePmfTable, noiseTail, noiseVariance, type NoiseDistribution } from './NoiseDistribution.js';

/** Longest pmf table convolved exactly; beyond it the bound falls back to Chebyshev. */
const MAX_TABLE = 8193;

/** How a half-width was obtained: `exact` from the distribution of the sum, `chebyshev` from its variance. */
export type HalfWidthMethod = 'exact' | 'chebyshev';

/**
 * The smallest integer h with P(|Z_1 + … + Z_k| <= h) >= confidence for k independent copies of `noise`: the
 * interval half-width for a margin computed by adding k noisy cells. Exact while the distribution of the sum fits
 * in a table of 8,193 points (the k-fold convolution of the pmf truncated to [−L, L], by repeated doubling; the
 * truncated tails only ever count as outside the interval, so the width is never too narrow); otherwise Chebyshev's inequality,
 * h = ⌈√(k·Var/(1 − confidence))⌉, which is valid but wider.
 *
 * Cost: O(log k × table²) for the exact case (at most a few hundred million multiply-adds), O(1) otherwise.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when k < 1 or confidence is not in (0, 1).
 * @example sumHalfWidth({ kind: 'laplace', scale: rational(1n) }, 1, 0.95) // { halfWidth: 3, method: 'exact' }
 */
export function sumHalfWidth(noise: NoiseDistribution, k: number, confidence: number): { halfWidth: number; method: HalfWidthMethod } {
  if (!Number.isInteger(k) || k < 1) throw new PrikkError('INVALID_ARGUMENT', `sumHalfWidth: expected k >= 1, got ${k}`);
  if (!(confidence > 0 && confidence < 1)) {
    throw new PrikkError('INVALID_ARGUMENT', `sumHalfWidth: expected a confidence in (0, 1), got ${confidence}`);
  }
  if (k === 1) return { halfWidth: noiseHalfWidth(noise, confidence), method: 'exact' };
  const alpha = 1 - confidence;
  // Single-noise table to where the two tails together hold less than alpha / (1000 k).
  let limit = 1;
  while (noiseTail(noise, limit) > alpha / (1000 * k)) limit *= 2;
  if ((2 * limit + 1 - 1) * k + 1 > MAX_TABLE) {
    return { halfWidth: Math.ceil(Math.sqrt((k * noiseVariance(noise)) / alpha)), method: 'chebyshev' };
  }
  const base = noisePmfTable(noise, limit);
  // result = base^(*k) by binary powering of convolutions; centre index = (length − 1) / 2.
  let result: Float64Array | undefined;
  let power = base;
  let e = k;
  while (e > 0) {
    if (e & 1) result = result ? convolve(result, power) : power;
    e >>= 1;
    if (e > 0) power = convolve(power, power);
  }
  const table = result!;
  const centre = (table.length - 1) / 2;
  // The truncated product is the sum's distribution restricted to "every |Z_i| <= limit", so its mass inside
  // [−h, h] is a lower bound of the true probability: the cut-off tails only ever count as outside.
  let inside = table[centre]!;
  let h = 0;
  while (inside < confidence && h < centre) {
    h++;
    inside += table[centre - h]! + table[centre + h]!;
  }
  if (inside < confidence) {
    return { halfWidth: Math.ceil(Math.sqrt((k * noiseVariance(noise)) / alpha)), method: 'chebyshev' };
  }
  return { halfWidth: h, method: 'exact' };
}

function convolve(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (x === 0) continue;
    for (let j = 0; j < b.length; j++) out[i + j]! += x * b[j]!;
  }
  return out;
}
