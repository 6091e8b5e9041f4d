import { PrikkError } from '../../errors/PrikkError.js';

/**
 * Writes a number with a fixed count of decimals, the way a spreadsheet or a reader expects it in a released
 * table: no thousands separator, never exponent notation (`1e+21` is written out in full), `-0` (and a negative
 * value that rounds to zero, e.g. `-0.01` with one decimal) written as `0`, and the decimal mark of the caller's
 * choice.
 *
 * Rounding is that of `Number.prototype.toFixed` (ECMA-262 §21.1.3.3): to the nearest decimal of the number's exact
 * binary value, so `1.005` (stored as 1.00499999999999989…) gives `1.00`. Numbers of 1e21 or more are whole in
 * binary; they are written as their shortest round-trip digits (`String(x)`, ECMA-262 §6.1.6.1.20) expanded with
 * zeros, so `Number(text)` gives the number back.
 *
 * Cost: O(digits).
 *
 * @param value - Required. A finite number.
 * @param decimals - Required. Whole number of decimals, 0..20.
 * @param decimalMark - Defaults to `.`.
 * @throws {PrikkError} `INVALID_ARGUMENT` when `value` is not finite (the message does not show it), `decimals` is
 * not a whole number in 0..20, or `decimalMark` is not `.` or `,`.
 * @example
 * formatFixed(1234.5, 2, ',') // '1234,50'
 * formatFixed(-0.01, 1)        // '0.0'
 * formatFixed(1e21, 0)         // '1000000000000000000000'
 */
export function formatFixed(value: number, decimals: number, decimalMark: '.' | ',' = '.'): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new PrikkError('INVALID_ARGUMENT', 'formatFixed: value: expected a finite number');
  }
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new PrikkError('INVALID_ARGUMENT', `formatFixed: decimals: expected a whole number in 0..20, got ${String(decimals)}`);
  }
  if (decimalMark !== '.' && decimalMark !== ',') {
    throw new PrikkError('INVALID_ARGUMENT', `formatFixed: decimalMark: expected '.' or ',', got ${JSON.stringify(decimalMark)}`);
  }
  let text: string;
  if (Math.abs(value) < 1e21) {
    text = value.toFixed(decimals);
  } else {
    // String(x) is `d.ddde+N` here (N >= 21): move the point N places right.
    const [mantissa = '', exponent = '0'] = String(Math.abs(value)).split('e+');
    const [whole = '', fraction = ''] = mantissa.split('.');
    const digits = whole + fraction;
    text = (value < 0 ? '-' : '') + digits + '0'.repeat(Number(exponent) - fraction.length);
    if (decimals > 0) text += '.' + '0'.repeat(decimals);
  }
  // -0, and negative values that round to zero: no sign.
  if (text.startsWith('-') && /^-0(\.0*)?$/.test(text)) text = text.slice(1);
  return decimalMark === ',' ? text.replace('.', ',') : text;
}
