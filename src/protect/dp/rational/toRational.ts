import { PrikkError } from '../../../errors/PrikkError.js';
import { type Rational, rational } from './Rational.js';

/** A number as a user writes it: a JS number, decimal or fraction text (`'0.1'`, `'1/3'`, `'2e-3'`), or a {@link Rational}. */
export type RationalInput = number | string | Rational;

const DECIMAL = /^([+-]?)(\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const FRACTION = /^([+-]?\d+)\s*\/\s*(\d+)$/;

function parseDecimal(text: string, what: string): Rational {
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === undefined && (m[3] === undefined || m[3] === ''))) {
    throw new PrikkError('INVALID_ARGUMENT', `${what}: expected a decimal number or a fraction like '1/3', got '${text}'`);
  }
  const sign = m[1] === '-' ? -1n : 1n;
  const int = m[2] ?? '0';
  const frac = m[3] ?? '';
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 1000) {
    throw new PrikkError('INVALID_ARGUMENT', `${what}: the exponent of '${text}' is out of range`);
  }
  const digits = BigInt(int + frac);
  const scale = exp - frac.length;
  return scale >= 0 ? rational(sign * digits * 10n ** BigInt(scale)) : rational(sign * digits, 10n ** BigInt(-scale));
}

/**
 * Reads a privacy parameter or bound exactly as the user wrote it:
 * - a `Rational` is taken as is (normalised);
 * - text is parsed exactly: decimals (`'0.1'` is 1/10, `'2.5e-3'` is 1/400) or fractions (`'1/3'`);
 * - a JS number is read as the shortest decimal that prints as it (`String(x)`), so `0.1` is 1/10, the number the
 *   user typed, not the binary double 0.1000000000000000055511151231257827….
 *
 * Privacy code never computes with the double itself: the rational returned here is the value that noise is
 * calibrated to and that the accountant records, so the claim and the delivered guarantee are the same number.
 *
 * Cost: O(digits²) BigInt work.
 *
 * @param what The name used in error messages, e.g. `dpCrossTable: epsilon`.
 * @throws {PrikkError} `INVALID_ARGUMENT` for NaN, ±Infinity, malformed text or a zero denominator.
 * @example
 * toRational(0.1, 'epsilon')    // { num: 1n, den: 10n }
 * toRational('1/3', 'epsilon')  // { num: 1n, den: 3n }
 * toRational('2.5e-3', 'delta') // { num: 1n, den: 400n }
 */
export function toRational(value: RationalInput, what: string): Rational {
  if (typeof value === 'object' && value !== null && typeof value.num === 'bigint' && typeof value.den === 'bigint') {
    if (value.den === 0n) throw new PrikkError('INVALID_ARGUMENT', `${what}: the denominator must not be 0`);
    return rational(value.num, value.den);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new PrikkError('INVALID_ARGUMENT', `${what}: expected a finite number, got ${value}`);
    return parseDecimal(String(value), what);
  }
  if (typeof value === 'string') {
    const text = value.trim();
    const f = FRACTION.exec(text);
    if (f) {
      const den = BigInt(f[2]!);
      if (den === 0n) throw new PrikkError('INVALID_ARGUMENT', `${what}: the denominator of '${text}' must not be 0`);
      return rational(BigInt(f[1]!), den);
    }
    return parseDecimal(text, what);
  }
  throw new PrikkError('INVALID_ARGUMENT', `${what}: expected a number, decimal text or { num, den }, got ${typeof value}`);
}
