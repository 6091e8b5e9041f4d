import { PrikkError } from '../../../errors/PrikkError.js';

/**
 * An exact non-negative or negative rational number `num / den` on BigInt, always in lowest terms with `den > 0`.
 * Every privacy parameter (ε, ρ, δ, noise scales, σ²) is held as a `Rational`, so that the scale a sampler uses and the
 * loss the accountant records are the same number, with no floating-point rounding between them.
 *
 * Build one with {@link rational} (which normalises) or {@link toRational} (which parses user input).
 */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * The rational `num / den` in lowest terms (sign on the numerator).
 *
 * Cost: one BigInt gcd, O(log(max(|num|, den))^2) bit operations.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when `den` is 0.
 * @example
 * rational(6n, -4n) // { num: -3n, den: 2n }
 */
export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new PrikkError('INVALID_ARGUMENT', 'rational: the denominator must not be 0');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  return g > 1n ? Object.freeze({ num: num / g, den: den / g }) : Object.freeze({ num, den });
}

/** The rational 0. */
export const ZERO: Rational = rational(0n);
/** The rational 1. */
export const ONE: Rational = rational(1n);

/** `a + b`, exact. @example add(rational(1n, 3n), rational(1n, 6n)) // { num: 1n, den: 2n } */
export function add(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

/** `a - b`, exact. @example sub(ONE, rational(1n, 3n)) // { num: 2n, den: 3n } */
export function sub(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den - b.num * a.den, a.den * b.den);
}

/** `a × b`, exact. @example mul(rational(2n, 3n), rational(3n, 4n)) // { num: 1n, den: 2n } */
export function mul(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

/**
 * `a / b`, exact.
 * @throws {PrikkError} `INVALID_ARGUMENT` when b is 0.
 * @example div(ONE, rational(3n)) // { num: 1n, den: 3n }
 */
export function div(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new PrikkError('INVALID_ARGUMENT', 'rational: division by 0');
  return rational(a.num * b.den, a.den * b.num);
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`. @example compare(rational(1n, 3n), rational(1n, 2n)) // -1 */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** The larger of two rationals. */
export function max(a: Rational, b: Rational): Rational {
  return compare(a, b) >= 0 ? a : b;
}

/** `floor(a)` as a BigInt (towards −∞). @example floor(rational(-7n, 2n)) // -4n */
export function floor(a: Rational): bigint {
  const q = a.num / a.den;
  return a.num < 0n && q * a.den !== a.num ? q - 1n : q;
}

/** `ceil(a)` as a BigInt (towards +∞). @example ceil(rational(7n, 2n)) // 4n */
export function ceil(a: Rational): bigint {
  return -floor(rational(-a.num, a.den));
}

/**
 * The double nearest to `a` (correctly rounded for values in the normal range), for display and for the
 * floating-point summaries (variances, intervals) that are not on the sampling path: the quotient is computed on
 * BigInt to 60+ significant bits with a sticky bit, so the one conversion to a double rounds correctly.
 *
 * @example toNumber(rational(1n, 3n)) // 0.3333333333333333
 */
export function toNumber(a: Rational): number {
  if (a.num === 0n) return 0;
  const negative = a.num < 0n;
  const n = negative ? -a.num : a.num;
  const k = 62 - (n.toString(2).length - a.den.toString(2).length);
  const scaledN = k >= 0 ? n << BigInt(k) : n;
  const scaledD = k >= 0 ? a.den : a.den << BigInt(-k);
  const q = scaledN / scaledD;
  const sticky = q * scaledD === scaledN ? 0n : 1n;
  let x = Number(q | sticky);
  // x · 2^−k, in steps that keep each factor a normal power of two.
  let e = -k;
  while (e > 1000) {
    x *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    x *= 2 ** -1000;
    e += 1000;
  }
  x *= 2 ** e;
  return negative ? -x : x;
}

/**
 * Text form `num/den` (or `num` for integers), the form the ledger and manifests store.
 * @example formatRational(rational(1n, 10n)) // '1/10'
 */
export function formatRational(a: Rational): string {
  return a.den === 1n ? a.num.toString() : `${a.num}/${a.den}`;
}

/**
 * The smallest rational with denominator `den` that is at least `a`: `ceil(a × den) / den`. Used to round a noise
 * scale UP onto a fixed grid, so a sampler works with small integers and never adds less noise than asked for.
 *
 * @example roundUpTo(rational(10n, 3n), 8n) // { num: 27n, den: 8n } (27/8 = 3.375 >= 3.333...)
 */
export function roundUpTo(a: Rational, den: bigint): Rational {
  return rational(ceil(mul(a, rational(den))), den);
}

/**
 * The largest rational with denominator `den` that is at most `a`: `floor(a × den) / den`.
 * @example roundDownTo(rational(10n, 3n), 8n) // { num: 13n, den: 4n } (26/8)
 */
export function roundDownTo(a: Rational, den: bigint): Rational {
  return rational(floor(mul(a, rational(den))), den);
}

/**
 * Exact text with a short decimal beside fractions, for messages: `1/3 (0.333333)`, `7/10 (0.7)`, `2`.
 * @example describeRational(rational(1n, 1_000_000n)) // '1/1000000 (0.000001)'
 */
export function describeRational(a: Rational): string {
  return a.den === 1n ? formatRational(a) : `${formatRational(a)} (${String(Number(toNumber(a).toPrecision(6)))})`;
}
