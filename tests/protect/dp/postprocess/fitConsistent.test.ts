import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Hierarchy } from '../../../../src/hierarchy/Hierarchy.js';
import { fitConsistent } from '../../../../src/protect/dp/postprocess/fitConsistent.js';
import { DpCube } from '../../../../src/protect/dp/queries/DpCube.js';
import { noiseHalfWidth, noisePmf, noiseTail, noiseVariance } from '../../../../src/protect/dp/noise/NoiseDistribution.js';
import { sumHalfWidth } from '../../../../src/protect/dp/noise/sumHalfWidth.js';
import { rational } from '../../../../src/protect/dp/rational/Rational.js';

const flat = (labels: string[]): Hierarchy => {
  const parents = labels.map(() => labels.length);
  return Hierarchy.fromParents('T', [...labels, 'T'], [...parents, -1]);
};

describe('DpCube', () => {
  const region = Hierarchy.fromParents('N', ['A', 'B', 'C', 'R1', 'R2', 'N'], [3, 3, 4, 5, 5, -1]);
  const cube = new DpCube([
    { name: 'h', hierarchy: region },
    { name: 's', hierarchy: flat(['1', '2']) },
  ]);

  it('numbers levels by depth and knows the widest cell of each (hand count: region R1 covers 2 hospitals)', () => {
    expect(cube.levelCount).toBe(6);
    expect(cube.finestCount).toBe(6);
    // level = depth_h · 2 + depth_s; span = (leaves under the widest node at that depth) product.
    expect(cube.levelSpan).toEqual([3 * 2, 3 * 1, 2 * 2, 2 * 1, 1 * 2, 1 * 1]);
  });

  it('rollDown is the transpose of rollUp: <A x, y> = <x, Aᵀ y> (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 18, maxLength: 18 }), fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 18, maxLength: 18 }), (xs, ys) => {
        const x = Float64Array.from(xs, (v, c) => (cube.finest[c] === 1 ? v : 0));
        const y = Float64Array.from(ys);
        const ax = Float64Array.from(x);
        cube.rollUp(ax);
        const aty = Float64Array.from(y);
        cube.rollDown(aty);
        let left = 0;
        let right = 0;
        for (let c = 0; c < 18; c++) {
          left += ax[c]! * y[c]!;
          if (cube.finest[c] === 1) right += x[c]! * aty[c]!;
        }
        return left === right;
      }),
    );
  });
});

describe('fitConsistent', () => {
  it('is the weighted least-squares fit: leaves 10, 20 and total 36 with equal weights give 12, 22, 34', () => {
    // Hand computation: minimise (x1 − 10)² + (x2 − 20)² + (x1 + x2 − 36)²; the excess 6 is shared equally by the
    // three measurements, so x1 = 10 + 2, x2 = 20 + 2, total = 36 − 2.
    const cube = new DpCube([{ name: 'h', hierarchy: flat(['a', 'b']) }]);
    const fit = fitConsistent({ cube, noisy: Float64Array.of(10, 20, 36), weight: Float64Array.of(1, 1, 1), nonNegative: true, integer: false });
    expect([...fit].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([12, 22, 34]);
  });

  it('weights by the inverse variance: a total 4 times as precise pulls the leaves to it', () => {
    // Minimise (x1 − 10)² + (x2 − 20)² + 4(s − 36)² with s = x1 + x2. By hand: d/dx1: (x1 − 10) + 4(s − 36) = 0 and
    // d/dx2: (x2 − 20) + 4(s − 36) = 0; adding them, s − 30 + 8(s − 36) = 0, so s = 318/9 = 35.333…
    const cube = new DpCube([{ name: 'h', hierarchy: flat(['a', 'b']) }]);
    const fit = fitConsistent({ cube, noisy: Float64Array.of(10, 20, 36), weight: Float64Array.of(1, 1, 4), nonNegative: true, integer: false });
    expect(fit[2]).toBeCloseTo(318 / 9, 9);
  });

  it('returns non-negative whole numbers whose margins add up, close to the noisy values (property)', () => {
    const region = Hierarchy.fromParents('N', ['A', 'B', 'C', 'D', 'R1', 'R2', 'N'], [4, 4, 5, 5, 6, 6, -1]);
    const cube = new DpCube([
      { name: 'h', hierarchy: region },
      { name: 's', hierarchy: flat(['1', '2', '3']) },
    ]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -30, max: 200 }), { minLength: cube.cellCount, maxLength: cube.cellCount }), (values) => {
        const noisy = Float64Array.from(values);
        const fit = fitConsistent({ cube, noisy, weight: new Float64Array(cube.cellCount).fill(1), nonNegative: true, integer: true });
        for (let c = 0; c < cube.cellCount; c++) if (!Number.isInteger(fit[c]) || fit[c]! < 0) return false;
        // Every margin equals the sum of the finest cells under it.
        const leaves = Float64Array.from(fit, (v, c) => (cube.finest[c] === 1 ? v : 0));
        cube.rollUp(leaves);
        return leaves.every((v, c) => v === fit[c]);
      }),
      { numRuns: 100 },
    );
  });

  it('moves each finest cell by less than 1 when rounding, and keeps the rounded grand total', () => {
    const cube = new DpCube([{ name: 'h', hierarchy: flat(['a', 'b', 'c']) }]);
    // Only the leaves are measured: the fit is the noisy leaves themselves, 1.4, 1.4, 1.4 (total 4.2).
    const fit = fitConsistent({ cube, noisy: Float64Array.of(1.4, 1.4, 1.4, 0), weight: Float64Array.of(1, 1, 1, 0), nonNegative: true, integer: true });
    // Cumulative rounding: round(1.4) = 1, round(2.8) − 1 = 2, round(4.2) − 3 = 1.
    expect([...fit]).toEqual([1, 2, 1, 4]);
  });
});

describe('noise intervals', () => {
  it('noiseHalfWidth: discrete Laplace scale 1 at 95 % is 3 (hand: P(|Z|>2) = 2e⁻³/(1+e⁻¹) = 0.0728, P(|Z|>3) = 0.0268)', () => {
    const lap = { kind: 'laplace' as const, scale: rational(1n) };
    expect(noiseTail(lap, 2)).toBeCloseTo((2 * Math.exp(-3)) / (1 + Math.exp(-1)), 12);
    expect(noiseHalfWidth(lap, 0.95)).toBe(3);
  });

  it('noiseVariance of the discrete Laplace is 2q/(1 − q)² (q = e^{−1/t}; t = 10 gives 199.17)', () => {
    const q = Math.exp(-0.1);
    expect(noiseVariance({ kind: 'laplace', scale: rational(10n) })).toBeCloseTo((2 * q) / (1 - q) ** 2, 9);
    // Discrete Gaussian: the variance is just below σ² (CKS 2020, Corollary 23): σ² = 4 gives 3.99999…
    const v = noiseVariance({ kind: 'gaussian', sigma2: rational(4n) });
    expect(v).toBeLessThan(4);
    expect(v).toBeGreaterThan(3.999);
  });

  it('sumHalfWidth: k = 1 is noiseHalfWidth; k = 2 matches a direct convolution written here', () => {
    const lap = { kind: 'laplace' as const, scale: rational(2n) };
    expect(sumHalfWidth(lap, 1, 0.9)).toEqual({ halfWidth: noiseHalfWidth(lap, 0.9), method: 'exact' });
    // Direct: P(|Z1 + Z2| <= h) = Σ_{|s| <= h} Σ_x p(x) p(s − x), summed over x in [−200, 200].
    const p = (x: number): number => noisePmf(lap, x);
    const inside = (h: number): number => {
      let total = 0;
      for (let s = -h; s <= h; s++) for (let x = -200; x <= 200; x++) total += p(x) * p(s - x);
      return total;
    };
    let h = 0;
    while (inside(h) < 0.9) h++;
    expect(sumHalfWidth(lap, 2, 0.9)).toEqual({ halfWidth: h, method: 'exact' });
  });

  it('sumHalfWidth falls back to Chebyshev (valid, wider) for long sums', () => {
    const lap = { kind: 'laplace' as const, scale: rational(50n) };
    const r = sumHalfWidth(lap, 5000, 0.95);
    expect(r.method).toBe('chebyshev');
    expect(r.halfWidth).toBe(Math.ceil(Math.sqrt((5000 * noiseVariance(lap)) / 0.05)));
  });
});
