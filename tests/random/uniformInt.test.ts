import { describe, expect, it } from 'vitest';
import { cryptoRandomSource } from '../../src/random/cryptoRandomSource.js';
import { seededRandomSource } from '../../src/random/seededRandomSource.js';
import { uniformBigInt, uniformInt } from '../../src/random/uniformInt.js';
import type { RandomSource } from '../../src/random/RandomSource.js';

/** Pearson chi-square statistic of observed counts against a uniform expectation. */
function chiSquareUniform(counts: readonly number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}

describe('uniformInt', () => {
  it('is uniform over [0, 6): chi-square below the 0.999 quantile for 5 degrees of freedom (20.52, R qchisq(0.999, 5))', () => {
    const rng = seededRandomSource('uniformInt-6');
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[uniformInt(rng, 6)]!++;
    expect(chiSquareUniform(counts)).toBeLessThan(20.52);
  });

  it('has no modulo bias: with n = 3·2^30 a biased `x % n` would put half the mass on the lowest third', () => {
    // 2^32 mod n = 2^30, so x % n maps 2^30 + 2^30 values onto [0, 2^30): probability 1/2 instead of 1/3.
    const rng = seededRandomSource('uniformInt-bias');
    const n = 3 * 2 ** 30;
    let low = 0;
    const draws = 30_000;
    for (let i = 0; i < draws; i++) if (uniformInt(rng, n) < 2 ** 30) low++;
    // Binomial(30000, 1/3): sd = 81.6; 6 sd either side.
    expect(Math.abs(low - draws / 3)).toBeLessThan(6 * 81.6);
  });

  it('rejects n outside [1, 2^32]', () => {
    const rng = seededRandomSource('x');
    for (const n of [0, -1, 1.5, 2 ** 32 + 1, Number.NaN]) expect(() => uniformInt(rng, n)).toThrow(/uniformInt/);
  });

  it('returns 0 for n = 1 and reaches both ends for n = 2^32', () => {
    const words = [0, 0xffffffff];
    const stub: RandomSource = { name: 'stub', secure: false, nextUint32: () => words.shift()! };
    expect(uniformInt(stub, 2 ** 32)).toBe(0);
    expect(uniformInt(stub, 2 ** 32)).toBe(0xffffffff);
    expect(uniformInt(seededRandomSource('one'), 1)).toBe(0);
  });
});

describe('uniformBigInt', () => {
  it('is uniform over [0, 5) for a BigInt bound', () => {
    const rng = seededRandomSource('bigint-5');
    const counts = new Array<number>(5).fill(0);
    for (let i = 0; i < 50_000; i++) counts[Number(uniformBigInt(rng, 5n))]!++;
    // 0.999 quantile of chi-square with 4 df = 18.47 (R qchisq(0.999, 4)).
    expect(chiSquareUniform(counts)).toBeLessThan(18.47);
  });

  it('stays below a bound wider than 64 bits and covers its top half', () => {
    const rng = seededRandomSource('bigint-wide');
    const n = 3n * 10n ** 25n;
    let high = 0;
    for (let i = 0; i < 2_000; i++) {
      const x = uniformBigInt(rng, n);
      expect(x >= 0n && x < n).toBe(true);
      if (x >= n / 2n) high++;
    }
    expect(high).toBeGreaterThan(900);
    expect(high).toBeLessThan(1100);
  });
});

describe('random sources', () => {
  it('the crypto source is secure and the seeded one is not', () => {
    expect(cryptoRandomSource().secure).toBe(true);
    expect(seededRandomSource('s').secure).toBe(false);
  });

  it('the same seed gives the same stream, another seed another stream', () => {
    const a = seededRandomSource('seed-a');
    const b = seededRandomSource('seed-a');
    const c = seededRandomSource('seed-b');
    const xs = Array.from({ length: 20_000 }, () => a.nextUint32());
    const ys = Array.from({ length: 20_000 }, () => b.nextUint32());
    const zs = Array.from({ length: 20_000 }, () => c.nextUint32());
    expect(ys).toEqual(xs);
    expect(zs).not.toEqual(xs);
  });

  it('the crypto source refills its buffer: 40,000 words have 32-bit spread', () => {
    const rng = cryptoRandomSource();
    let or = 0;
    let highBit = 0;
    for (let i = 0; i < 40_000; i++) {
      const w = rng.nextUint32();
      or |= w;
      if (w >= 2 ** 31) highBit++;
    }
    expect(or >>> 0).toBe(0xffffffff);
    // Binomial(40000, 1/2): sd = 100.
    expect(Math.abs(highBit - 20_000)).toBeLessThan(600);
  });
});
