import type { RandomSource } from '../../../random/RandomSource.js';

const TWO32 = 0x1_0000_0000;
/** Largest bound {@link ExactDraws.uniform} accepts: 2^53, so every intermediate is an exact double. */
export const MAX_UNIFORM = 2 ** 53;

/**
 * The integer building blocks of the exact samplers, on plain numbers, for one {@link RandomSource}: a uniform
 * integer below any bound up to 2^53, single random bits, and Bernoulli(exp(−a/b)) for integers a, b. Every
 * operation is exact integer arithmetic on doubles below 2^53 (no division result is used without an exact
 * integer check, no transcendental function is called), so the output distribution is exactly the one stated.
 * The BigInt functions in this folder are the readable reference; these are the same algorithms, kept to safe
 * integers for speed.
 *
 * Source: Canonne, Kamath & Steinke (2020), "The Discrete Gaussian for Differential Privacy", Algorithm 1 and the
 * authors' reference code (`discretegauss.py`, IBM/discrete-gaussian-differential-privacy).
 *
 * Internal: callers guarantee the argument ranges documented on each method (no validation on the hot path).
 */
export class ExactDraws {
  private readonly source: RandomSource;
  private word = 0;
  private bitsLeft = 0;

  constructor(source: RandomSource) {
    this.source = source;
  }

  /**
   * `n` fair random bits (0 <= n <= 31) as an integer in `[0, 2^n)`, cut from 32-bit words: a word is used up
   * before the next is drawn (a request longer than what is left of the word discards the rest and draws anew).
   */
  bits(n: number): number {
    if (this.bitsLeft < n) {
      this.word = this.source.nextUint32();
      this.bitsLeft = 32;
    }
    // Readable: r = word mod 2^n; word = word div 2^n.
    const r = this.word & ((1 << n) - 1);
    this.word >>>= n;
    this.bitsLeft -= n;
    return r;
  }

  /**
   * A uniform integer in `[0, m)` for an integer `1 <= m <= 2^53`, by rejection: up to 2^31, draw the
   * ⌈log2 m⌉ low bits from the bit buffer until the value is below m (acceptance above 1/2, and a small bound
   * costs few bits); up to 2^32, whole words the same way; above, a uniform high part in `[0, H)` with
   * `H = ceil(m / 2^32)` (itself exact), a uniform low word, and rejection of values `>= m` (acceptance above 1/2).
   * No modulo, so no bias and no floating-point remainder.
   */
  uniform(m: number): number {
    if (m <= 0x8000_0000) {
      const n = 32 - Math.clz32(m - 1);
      for (;;) {
        const x = this.bits(n);
        if (x < m) return x;
      }
    }
    const source = this.source;
    if (m <= TWO32) {
      for (;;) {
        const x = source.nextUint32();
        if (x < m) return x;
      }
    }
    const h = Math.floor((m - 1) / TWO32) + 1;
    for (;;) {
      const x = this.uniform(h) * TWO32 + source.nextUint32();
      if (x < m) return x;
    }
  }

  /** A fair random bit. */
  bit(): number {
    return this.bits(1);
  }

  /**
   * Bernoulli(exp(−a/b)) for integers `0 <= a <= b`, `1 <= b <= 2^53` (CKS 2020, Algorithm 1): draw
   * A_k ~ Bernoulli(γ/k) for k = 1, 2, … until one is 0, and return whether that k is odd. The Bernoulli(a/(b·k))
   * is one uniform draw below b·k, or, when b·k exceeds 2^53, Bernoulli(a/b) AND Bernoulli(1/k) (independent, so
   * the product of the probabilities, exactly).
   */
  bernoulliExp01(a: number, b: number): boolean {
    let k = 1;
    for (;;) {
      const m = b * k;
      const hit = m <= MAX_UNIFORM ? this.uniform(m) < a : this.uniform(b) < a && this.uniform(k) === 0;
      if (!hit) return (k & 1) === 1;
      k++;
    }
  }

  /**
   * Bernoulli(exp(−a/b)) for integers `a >= 0`, `1 <= b`, both at most 2^53 (CKS 2020, Algorithm 1 extended to
   * γ > 1): ⌊γ⌋ independent Bernoulli(exp(−1)) must all be 1, then Bernoulli(exp(−(γ − ⌊γ⌋))).
   */
  bernoulliExp(a: number, b: number): boolean {
    while (a > b) {
      if (!this.bernoulliExp01(1, 1)) return false;
      a -= b;
    }
    return this.bernoulliExp01(a, b);
  }

  /** Geometric: the number of Bernoulli(exp(−1)) successes before the first failure, P(k) = (1 − 1/e) e^−k. */
  geometricExp1(): number {
    let k = 0;
    while (this.bernoulliExp01(1, 1)) k++;
    return k;
  }
}

/** `floor(x / y)` for non-negative safe integers, exactly (the double quotient is corrected by one if it rounded). */
export function floorDiv(x: number, y: number): number {
  let q = Math.floor(x / y);
  if (q * y > x) q--;
  else if ((q + 1) * y <= x) q++;
  return q;
}
