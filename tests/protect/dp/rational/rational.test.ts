import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  ceil,
  compare,
  describeRational,
  div,
  floor,
  mul,
  rational,
  roundUpTo,
  sub,
  toNumber,
} from '../../../../src/protect/dp/rational/Rational.js';
import { toRational } from '../../../../src/protect/dp/rational/toRational.js';
import { laplaceScale } from '../../../../src/protect/dp/noise/laplaceScale.js';
import { gaussianSigma2 } from '../../../../src/protect/dp/noise/gaussianSigma2.js';
import { roundNoiseUp } from '../../../../src/protect/dp/noise/calibration.js';

describe('Rational', () => {
  it('normalises and computes exactly (hand computation: 1/3 + 1/6 = 1/2, 2/3 · 3/4 = 1/2, 1/2 − 3/4 = −1/4)', () => {
    expect(rational(6n, -4n)).toEqual({ num: -3n, den: 2n });
    expect(add(rational(1n, 3n), rational(1n, 6n))).toEqual(rational(1n, 2n));
    expect(mul(rational(2n, 3n), rational(3n, 4n))).toEqual(rational(1n, 2n));
    expect(sub(rational(1n, 2n), rational(3n, 4n))).toEqual(rational(-1n, 4n));
    expect(div(rational(1n), rational(3n))).toEqual(rational(1n, 3n));
    expect(floor(rational(-7n, 2n))).toBe(-4n);
    expect(ceil(rational(7n, 2n))).toBe(4n);
    expect(describeRational(rational(1n, 1_000_000n))).toBe('1/1000000 (0.000001)');
    expect(() => rational(1n, 0n)).toThrow(/denominator must not be 0/);
  });

  it('floor and ceil bracket the value (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (n, d) => {
        const r = rational(n, d);
        const f = floor(r);
        const c = ceil(r);
        return f * r.den <= r.num && r.num < (f + 1n) * r.den && c * r.den >= r.num && (c - 1n) * r.den < r.num;
      }),
    );
  });
});

describe('toRational', () => {
  it('reads numbers as the decimal typed, text exactly, fractions as given', () => {
    expect(toRational(0.1, 'x')).toEqual(rational(1n, 10n));
    expect(toRational(1e-7, 'x')).toEqual(rational(1n, 10_000_000n));
    expect(toRational('2.5e-3', 'x')).toEqual(rational(1n, 400n));
    expect(toRational(' 1/3 ', 'x')).toEqual(rational(1n, 3n));
    expect(toRational('-.5', 'x')).toEqual(rational(-1n, 2n));
    expect(toRational(rational(2n, 4n), 'x')).toEqual(rational(1n, 2n));
  });

  it('rejects what is not a number, naming the field', () => {
    expect(() => toRational(Number.NaN, 'dpCrossTable: epsilon')).toThrow(/dpCrossTable: epsilon: expected a finite number/);
    expect(() => toRational('abc', 'eps')).toThrow(/eps: expected a decimal number or a fraction/);
    expect(() => toRational('1/0', 'eps')).toThrow(/must not be 0/);
    expect(() => toRational('.', 'eps')).toThrow(/eps/);
  });

  it('round-trips every finite double through its shortest decimal (property)', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => toNumber(toRational(x, 'x')) === x || Object.is(x, -0)));
  });
});

describe('noise calibration', () => {
  it('scale = Δ/ε exactly when the denominator is small (ε = 0.1, Δ = 3: scale 30)', () => {
    expect(laplaceScale(rational(1n, 10n), rational(3n))).toEqual(rational(30n));
    expect(gaussianSigma2(rational(1n, 50n), rational(1n))).toEqual(rational(25n));
  });

  it('rounds UP onto the 2^−24 grid only for large denominators, so the loss delivered (Δ/scale) never exceeds ε', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 1000n }), (n, d, delta) => {
        const eps = rational(n, d);
        const scale = laplaceScale(eps, rational(delta));
        // delivered ε = Δ/scale <= requested ε, and the scale is at most 2^-24 above the exact Δ/ε.
        const exact = div(rational(delta), eps);
        return (
          compare(div(rational(delta), scale), eps) <= 0 &&
          compare(sub(scale, exact), rational(1n, 2n ** 24n)) < 0 &&
          scale.den <= 2n ** 24n
        );
      }),
    );
    expect(roundUpTo(rational(10n, 3n), 8n)).toEqual(rational(27n, 8n));
    expect(roundNoiseUp(rational(1n, 3n ** 20n))).toEqual(rational(1n, 2n ** 24n)); // 1/3^20 ≈ 2.9e-10 rounds up to 2^-24
  });

  it('rejects ε <= 0 and ρ <= 0', () => {
    expect(() => laplaceScale(rational(0n), rational(1n))).toThrow(/expected ε > 0/);
    expect(() => gaussianSigma2(rational(-1n), rational(1n))).toThrow(/expected ρ > 0/);
  });
});
