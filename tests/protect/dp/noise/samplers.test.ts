import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactDraws } from '../../../../src/protect/dp/noise/ExactDraws.js';
import { noisePmf, type NoiseDistribution } from '../../../../src/protect/dp/noise/NoiseDistribution.js';
import { sampleBernoulli } from '../../../../src/protect/dp/noise/sampleBernoulli.js';
import { sampleBernoulliExp } from '../../../../src/protect/dp/noise/sampleBernoulliExp.js';
import {
  discreteGaussianSampler,
  isqrt,
  sampleDiscreteGaussian,
} from '../../../../src/protect/dp/noise/sampleDiscreteGaussian.js';
import { discreteLaplaceSampler, sampleDiscreteLaplace } from '../../../../src/protect/dp/noise/sampleDiscreteLaplace.js';
import { mul, type Rational, rational } from '../../../../src/protect/dp/rational/Rational.js';
import type { RandomSource } from '../../../../src/random/RandomSource.js';
import { seededRandomSource } from '../../../../src/random/seededRandomSource.js';
import { chiSquareSurvival, chiSquareTest, draw } from '../helpers/chiSquare.js';

/** Significance level: a correct sampler fails with probability 0.001 per test (and, seeded, never flakes). */
const ALPHA = 0.001;

function bernoulliPValue(hits: number, n: number, p: number): number {
  // Chi-square with 2 bins (1 df) against Binomial(n, p).
  const e1 = n * p;
  const e0 = n - e1;
  const x = (hits - e1) ** 2 / e1 + (n - hits - e0) ** 2 / e0;
  return chiSquareSurvival(x, 1);
}

function laplace(scale: Rational): NoiseDistribution {
  return { kind: 'laplace', scale };
}
function gaussian(sigma2: Rational): NoiseDistribution {
  return { kind: 'gaussian', sigma2 };
}

describe('chi-square helper', () => {
  it('matches published quantiles: R qchisq(0.999, 5) = 20.51501, qchisq(0.95, 1) = 3.841459, qchisq(0.99, 30) = 50.89218', () => {
    expect(chiSquareSurvival(20.51501, 5)).toBeCloseTo(0.001, 6);
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquareSurvival(50.89218, 30)).toBeCloseTo(0.01, 6);
  });
});

describe('ExactDraws.uniform', () => {
  it('is uniform below a bound above 2^32 (m = 3·2^32: each third gets 1/3)', () => {
    const d = new ExactDraws(seededRandomSource('uniform-wide'));
    const m = 3 * 2 ** 32;
    const counts = [0, 0, 0];
    const n = 30_000;
    for (let i = 0; i < n; i++) counts[Math.floor(d.uniform(m) / 2 ** 32)]!++;
    const x = counts.reduce((s, c) => s + (c - n / 3) ** 2 / (n / 3), 0);
    expect(chiSquareSurvival(x, 2)).toBeGreaterThan(ALPHA);
  });

  it('reaches both ends of [0, 2^53) and returns exact integers', () => {
    // High part uniform(2^21): words 0 → 0, then low word; second call: high 2^21 − 1, low 2^32 − 1.
    const words = [0, 7, 0x1fffff, 0xffffffff];
    const stub: RandomSource = { name: 'stub', secure: false, nextUint32: () => words.shift()! };
    const d = new ExactDraws(stub);
    expect(d.uniform(2 ** 53)).toBe(7);
    expect(d.uniform(2 ** 53)).toBe(2 ** 53 - 1);
  });
});

describe('sampleBernoulli', () => {
  it('has P(true) = 1/3 and its test rejects p 30 % too high', () => {
    const rng = seededRandomSource('bern');
    const n = 10_000;
    let hits = 0;
    let wrong = 0;
    for (let i = 0; i < n; i++) if (sampleBernoulli(rational(1n, 3n), rng)) hits++;
    for (let i = 0; i < n; i++) if (sampleBernoulli(rational(13n, 30n), rng)) wrong++;
    expect(bernoulliPValue(hits, n, 1 / 3)).toBeGreaterThan(ALPHA);
    expect(bernoulliPValue(wrong, n, 1 / 3)).toBeLessThan(ALPHA);
  });

  it('handles p = 0 and p = 1 and rejects p outside [0, 1]', () => {
    const rng = seededRandomSource('bern-edge');
    for (let i = 0; i < 100; i++) {
      expect(sampleBernoulli(rational(0n), rng)).toBe(false);
      expect(sampleBernoulli(rational(1n), rng)).toBe(true);
    }
    expect(() => sampleBernoulli(rational(4n, 3n), rng)).toThrow(/sampleBernoulli: expected p in \[0, 1\]/);
    expect(() => sampleBernoulli(rational(-1n, 3n), rng)).toThrow(/sampleBernoulli/);
  });
});

describe('Bernoulli(exp(−γ)): BigInt reference and number path', () => {
  const cases: [bigint, bigint][] = [
    [0n, 1n],
    [1n, 3n],
    [1n, 1n],
    [5n, 2n],
    [7n, 1n],
  ];
  for (const [a, b] of cases) {
    it(`has P(true) = exp(−${a}/${b})`, () => {
      const rng = seededRandomSource(`bexp-${a}-${b}`);
      const fast = new ExactDraws(rng);
      const n = 10_000;
      let big = 0;
      let num = 0;
      for (let i = 0; i < n; i++) if (sampleBernoulliExp(rational(a, b), rng)) big++;
      for (let i = 0; i < n; i++) if (fast.bernoulliExp(Number(a), Number(b))) num++;
      const p = Math.exp(-Number(a) / Number(b));
      if (p === 1) {
        expect(big).toBe(n);
        expect(num).toBe(n);
      } else {
        expect(bernoulliPValue(big, n, p)).toBeGreaterThan(ALPHA);
        expect(bernoulliPValue(num, n, p)).toBeGreaterThan(ALPHA);
      }
    });
  }

  it('its test rejects exp(−1.3γ) in place of exp(−γ) (γ = 1)', () => {
    const rng = seededRandomSource('bexp-power');
    const n = 10_000;
    let hits = 0;
    for (let i = 0; i < n; i++) if (sampleBernoulliExp(rational(13n, 10n), rng)) hits++;
    expect(bernoulliPValue(hits, n, Math.exp(-1))).toBeLessThan(ALPHA);
  });

  it('splits Bernoulli(a/(b·k)) when b·k passes 2^53 and stays exact (γ = (2^52 − 1)/2^52 ≈ 1)', () => {
    const rng = seededRandomSource('bexp-split');
    const fast = new ExactDraws(rng);
    const b = 2 ** 52;
    const n = 10_000;
    let hits = 0;
    for (let i = 0; i < n; i++) if (fast.bernoulliExp01(b - 1, b)) hits++;
    expect(bernoulliPValue(hits, n, Math.exp(-1))).toBeGreaterThan(ALPHA);
  });

  it('rejects γ < 0', () => {
    expect(() => sampleBernoulliExp(rational(-1n, 2n), seededRandomSource('x'))).toThrow(/sampleBernoulliExp: expected γ >= 0/);
  });
});

describe('discrete Laplace', () => {
  const scales: Rational[] = [rational(1n), rational(1n, 2n), rational(10n, 3n), rational(7n)];
  for (const scale of scales) {
    it(`matches the pmf for scale ${scale.num}/${scale.den} (number path) and rejects scales 30 % off`, () => {
      const rng = seededRandomSource(`dlap-${scale.num}-${scale.den}`);
      const n = 10_000;
      const limit = Math.ceil((Number(scale.num) / Number(scale.den)) * 12) + 2;
      const pmf = (x: number): number => noisePmf(laplace(scale), x);
      const good = chiSquareTest(draw(n, discreteLaplaceSampler(scale, rng)), pmf, -limit, limit);
      expect(good.pValue).toBeGreaterThan(ALPHA);
      for (const off of [rational(13n, 10n), rational(7n, 10n)]) {
        const bad = chiSquareTest(draw(n, discreteLaplaceSampler(mul(scale, off), rng)), pmf, -limit, limit);
        expect(bad.pValue).toBeLessThan(ALPHA);
      }
    });
  }

  it('BigInt reference matches the pmf (scale 5/2)', () => {
    const rng = seededRandomSource('dlap-big');
    const scale = rational(5n, 2n);
    const samples = draw(8_000, () => Number(sampleDiscreteLaplace(scale, rng)));
    const r = chiSquareTest(samples, (x) => noisePmf(laplace(scale), x), -40, 40);
    expect(r.pValue).toBeGreaterThan(ALPHA);
  });

  it('takes the BigInt path for a numerator above 2^40 and still matches the pmf (scale (3·2^41 + 1)/2^41 ≈ 3)', () => {
    const rng = seededRandomSource('dlap-huge');
    const scale = rational(3n * 2n ** 41n + 1n, 2n ** 41n);
    const samples = draw(4_000, discreteLaplaceSampler(scale, rng));
    const r = chiSquareTest(samples, (x) => noisePmf(laplace(scale), x), -40, 40);
    expect(r.pValue).toBeGreaterThan(ALPHA);
  });

  it('is symmetric with P(0) = tanh(1/(2t)) (t = 1: 0.46212, hand computation (1 − e^−1)/(1 + e^−1))', () => {
    expect(noisePmf(laplace(rational(1n)), 0)).toBeCloseTo((1 - Math.exp(-1)) / (1 + Math.exp(-1)), 12);
    expect(noisePmf(laplace(rational(1n)), 0)).toBeCloseTo(Math.tanh(0.5), 12);
  });

  it('is reproducible from a seed and rejects a non-positive scale', () => {
    const a = draw(50, discreteLaplaceSampler(rational(3n), seededRandomSource('same')));
    const b = draw(50, discreteLaplaceSampler(rational(3n), seededRandomSource('same')));
    expect([...a]).toEqual([...b]);
    expect(() => discreteLaplaceSampler(rational(0n), seededRandomSource('x'))).toThrow(/scale > 0/);
    expect(() => sampleDiscreteLaplace(rational(-1n), seededRandomSource('x'))).toThrow(/scale > 0/);
  });
});

describe('discrete Gaussian', () => {
  const variances: Rational[] = [rational(1n, 2n), rational(4n), rational(10n, 3n), rational(50n)];
  for (const sigma2 of variances) {
    it(`matches the pmf for σ² = ${sigma2.num}/${sigma2.den} (number path) and rejects σ 30 % off`, () => {
      const rng = seededRandomSource(`dg-${sigma2.num}-${sigma2.den}`);
      const n = 10_000;
      const limit = Math.ceil(Math.sqrt(Number(sigma2.num) / Number(sigma2.den)) * 8) + 2;
      const pmf = (x: number): number => noisePmf(gaussian(sigma2), x);
      const good = chiSquareTest(draw(n, discreteGaussianSampler(sigma2, rng)), pmf, -limit, limit);
      expect(good.pValue).toBeGreaterThan(ALPHA);
      // σ × 1.3 and σ × 0.7: σ² × 1.69 and σ² × 0.49.
      for (const off of [rational(169n, 100n), rational(49n, 100n)]) {
        const bad = chiSquareTest(draw(n, discreteGaussianSampler(mul(sigma2, off), rng)), pmf, -limit, limit);
        expect(bad.pValue).toBeLessThan(ALPHA);
      }
    });
  }

  it('BigInt reference matches the pmf (σ² = 9/4)', () => {
    const rng = seededRandomSource('dg-big');
    const sigma2 = rational(9n, 4n);
    const samples = draw(6_000, () => Number(sampleDiscreteGaussian(sigma2, rng)));
    expect(chiSquareTest(samples, (x) => noisePmf(gaussian(sigma2), x), -15, 15).pValue).toBeGreaterThan(ALPHA);
  });

  it('takes the BigInt path when 2·a·b·t² passes 2^53 and still matches the pmf (σ² = (4·2^60 + 1)/2^60)', () => {
    const rng = seededRandomSource('dg-huge');
    const sigma2 = rational(4n * 2n ** 60n + 1n, 2n ** 60n);
    const samples = draw(3_000, discreteGaussianSampler(sigma2, rng));
    expect(chiSquareTest(samples, (x) => noisePmf(gaussian(sigma2), x), -15, 15).pValue).toBeGreaterThan(ALPHA);
  });

  it('rejects σ² <= 0', () => {
    expect(() => discreteGaussianSampler(rational(0n), seededRandomSource('x'))).toThrow(/σ² > 0/);
  });
});

describe('isqrt', () => {
  it('is ⌊√n⌋ (checked by the defining inequality r² <= n < (r+1)²)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 200n }), (n) => {
        const r = isqrt(n);
        return r * r <= n && (r + 1n) * (r + 1n) > n;
      }),
    );
    expect(isqrt(0n)).toBe(0n);
    expect(isqrt(15n)).toBe(3n);
    expect(isqrt(16n)).toBe(4n);
  });
});
