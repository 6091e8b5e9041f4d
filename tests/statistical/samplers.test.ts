import { describe, expect, it } from 'vitest';
import { noisePmf, noiseVariance, type NoiseDistribution } from '../../src/protect/dp/noise/NoiseDistribution.js';
import { discreteGaussianSampler, sampleDiscreteGaussian } from '../../src/protect/dp/noise/sampleDiscreteGaussian.js';
import { discreteLaplaceSampler, sampleDiscreteLaplace } from '../../src/protect/dp/noise/sampleDiscreteLaplace.js';
import { mul, type Rational, rational, toNumber } from '../../src/protect/dp/rational/Rational.js';
import { cryptoRandomSource } from '../../src/random/cryptoRandomSource.js';
import { seededRandomSource } from '../../src/random/seededRandomSource.js';
import { chiSquareTest, draw } from '../protect/dp/helpers/chiSquare.js';

/**
 * Heavy distribution tests: 500,000 samples per case against the exact pmf, and the test's own power: samplers
 * whose scale is 30 % and 10 % off must be rejected at the same sample size.
 */
const ALPHA = 0.001;
const N = 500_000;

function limitFor(noise: NoiseDistribution): number {
  const sd = Math.sqrt(noiseVariance(noise));
  return Math.ceil(sd * 12) + 3;
}

function test(noise: NoiseDistribution, samples: Float64Array): number {
  const limit = limitFor(noise);
  return chiSquareTest(samples, (x) => noisePmf(noise, x), -limit, limit).pValue;
}

describe('discrete Laplace, 500k samples', () => {
  const scales: Rational[] = [rational(1n, 3n), rational(1n), rational(10n, 3n), rational(20n), rational(100n), rational(12345n, 1024n)];
  for (const scale of scales) {
    it(`scale ${toNumber(scale).toPrecision(4)}: matches, and scales 30 % / 10 % off are rejected`, () => {
      const noise: NoiseDistribution = { kind: 'laplace', scale };
      const p = test(noise, draw(N, discreteLaplaceSampler(scale, seededRandomSource(`L${scale.num}/${scale.den}`))));
      console.log(`laplace ${toNumber(scale)}: p = ${p.toFixed(4)}`);
      expect(p).toBeGreaterThan(ALPHA);
      for (const [num, den] of [
        [13n, 10n],
        [7n, 10n],
        [11n, 10n],
        [9n, 10n],
      ] as const) {
        const wrong = mul(scale, rational(num, den));
        const q = test(noise, draw(N, discreteLaplaceSampler(wrong, seededRandomSource(`W${num}`))));
        expect(q).toBeLessThan(ALPHA);
      }
    });
  }

  it('crypto source, scale 5: matches', () => {
    const scale = rational(5n);
    expect(test({ kind: 'laplace', scale }, draw(N, discreteLaplaceSampler(scale, cryptoRandomSource())))).toBeGreaterThan(ALPHA / 10);
  });

  it('BigInt reference, scale 7/2, 60k samples: matches', () => {
    const scale = rational(7n, 2n);
    const rng = seededRandomSource('Lbig');
    expect(test({ kind: 'laplace', scale }, draw(60_000, () => Number(sampleDiscreteLaplace(scale, rng))))).toBeGreaterThan(ALPHA);
  });
});

describe('discrete Gaussian, 500k samples', () => {
  const variances: Rational[] = [rational(1n, 4n), rational(1n), rational(7n, 2n), rational(100n), rational(400n), rational(1000n, 7n)];
  for (const sigma2 of variances) {
    it(`σ² ${toNumber(sigma2).toPrecision(4)}: matches, and σ 30 % / 10 % off is rejected`, () => {
      const noise: NoiseDistribution = { kind: 'gaussian', sigma2 };
      const p = test(noise, draw(N, discreteGaussianSampler(sigma2, seededRandomSource(`G${sigma2.num}/${sigma2.den}`))));
      console.log(`gaussian ${toNumber(sigma2)}: p = ${p.toFixed(4)}`);
      expect(p).toBeGreaterThan(ALPHA);
      // σ × 1.3, 0.7, 1.1, 0.9 → σ² × 1.69, 0.49, 1.21, 0.81.
      for (const [num, den] of [
        [169n, 100n],
        [49n, 100n],
        [121n, 100n],
        [81n, 100n],
      ] as const) {
        const wrong = mul(sigma2, rational(num, den));
        const q = test(noise, draw(N, discreteGaussianSampler(wrong, seededRandomSource(`V${num}`))));
        expect(q).toBeLessThan(ALPHA);
      }
    });
  }

  it('BigInt reference, σ² = 50/3, 40k samples: matches', () => {
    const sigma2 = rational(50n, 3n);
    const rng = seededRandomSource('Gbig');
    expect(test({ kind: 'gaussian', sigma2 }, draw(40_000, () => Number(sampleDiscreteGaussian(sigma2, rng))))).toBeGreaterThan(ALPHA);
  });
});
