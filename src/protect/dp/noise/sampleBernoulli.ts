import { PrikkError } from '../../../errors/PrikkError.js';
import type { RandomSource } from '../../../random/RandomSource.js';
import { uniformBigInt } from '../../../random/uniformInt.js';
import type { Rational } from '../rational/Rational.js';

/**
 * Bernoulli(p) for a rational `p = num/den` in [0, 1], exactly: a uniform integer below `den` is below `num` with
 * probability exactly `num/den`.
 *
 * Source: Canonne, Kamath & Steinke (2020), "The Discrete Gaussian for Differential Privacy", §5 (`sample_bernoulli`
 * in the authors' reference code).
 *
 * Cost: one uniform BigInt draw (expected fewer than 2 rounds of ⌈log2 den / 32⌉ words).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when p is outside [0, 1].
 * @example
 * sampleBernoulli(rational(1n, 3n), cryptoRandomSource()) // true with probability exactly 1/3
 */
export function sampleBernoulli(p: Rational, source: RandomSource): boolean {
  if (p.num < 0n || p.num > p.den || p.den <= 0n) {
    throw new PrikkError('INVALID_ARGUMENT', `sampleBernoulli: expected p in [0, 1], got ${p.num}/${p.den}`);
  }
  return uniformBigInt(source, p.den) < p.num;
}
