import { PrikkError } from '../../../errors/PrikkError.js';
import type { RandomSource } from '../../../random/RandomSource.js';
import { uniformBigInt } from '../../../random/uniformInt.js';
import type { Rational } from '../rational/Rational.js';

/** Bernoulli(exp(−a/b)) for 0 <= a <= b (CKS 2020, Algorithm 1), BigInt. */
function bernoulliExp01(a: bigint, b: bigint, source: RandomSource): boolean {
  let k = 1n;
  // Readable: while Bernoulli(γ / k) == 1: k += 1; return k odd.
  while (uniformBigInt(source, b * k) < a) k++;
  return (k & 1n) === 1n;
}

/**
 * Bernoulli(exp(−γ)) for a rational `γ >= 0`, exactly and without evaluating exp: for γ in [0, 1], draw
 * A_k ~ Bernoulli(γ/k) for k = 1, 2, … until one is 0 and return whether that k is odd (the alternating series
 * of exp(−γ)); for γ > 1, ⌊γ⌋ independent Bernoulli(exp(−1)) must all be 1, then Bernoulli(exp(−(γ − ⌊γ⌋))).
 *
 * Source: Canonne, Kamath & Steinke (2020), "The Discrete Gaussian for Differential Privacy", Algorithm 1
 * (`sample_bernoulli_exp` in the authors' reference code).
 *
 * Cost: expected O(1 + γ·e^−γ…) draws, at most about e uniform draws per unit of γ before it stops; it returns
 * early as soon as one Bernoulli(exp(−1)) fails, so large γ is cheap.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when γ is negative.
 * @example
 * sampleBernoulliExp(rational(1n, 2n), cryptoRandomSource()) // true with probability exp(−1/2) ≈ 0.6065
 */
export function sampleBernoulliExp(gamma: Rational, source: RandomSource): boolean {
  if (gamma.num < 0n || gamma.den <= 0n) {
    throw new PrikkError('INVALID_ARGUMENT', `sampleBernoulliExp: expected γ >= 0, got ${gamma.num}/${gamma.den}`);
  }
  let a = gamma.num;
  const b = gamma.den;
  while (a > b) {
    if (!bernoulliExp01(1n, 1n, source)) return false;
    a -= b;
  }
  return bernoulliExp01(a, b, source);
}
