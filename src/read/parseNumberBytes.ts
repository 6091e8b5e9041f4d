/**
 * Number parsing straight from the bytes of a field (ASCII), without creating a string. Each parser accepts
 * optional ASCII spaces before and after the number (fixed-width exports pad numbers), and nothing else around
 * it: no thousands separators, no currency, no `NaN` or `Infinity`.
 */

const SPACE = 0x20;
const PLUS = 0x2b;
const MINUS = 0x2d;
const ZERO = 0x30;
const DOT = 0x2e;
const COMMA = 0x2c;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

/** Exact powers of ten: 10^0 .. 10^22 are all exactly representable in float64. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** The largest mantissa (in significant digits) that is always exact in float64: 15 digits < 2^53. */
const FAST_DIGITS = 15;

/**
 * Parses an integer field: `[+-]?[0-9]+`, optionally padded with spaces. Leading zeros are allowed (`007` is 7).
 *
 * Exact: the value is accumulated as `v = 10 v + d`, which is exact while `v < 2^53`.
 *
 * Cost O(length). Never throws.
 *
 * @returns the value; `NaN` when the text is not an integer; `±Infinity` when its magnitude exceeds
 *   `Number.MAX_SAFE_INTEGER` (2^53 - 1), beyond which integers are no longer exact.
 * @example
 * parseIntegerBytes(new TextEncoder().encode(' -042'), 0, 5) // -42
 * parseIntegerBytes(new TextEncoder().encode('4.0'), 0, 3)   // NaN
 */
export function parseIntegerBytes(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && bytes[start] === SPACE) start++;
  while (end > start && bytes[end - 1] === SPACE) end--;
  if (start === end) return NaN;
  let neg = false;
  const first = bytes[start]!;
  if (first === MINUS || first === PLUS) {
    neg = first === MINUS;
    start++;
    if (start === end) return NaN;
  }
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = bytes[i]! - ZERO;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  if (v > Number.MAX_SAFE_INTEGER) return neg ? -Infinity : Infinity;
  return neg ? 0 - v : v;
}

/**
 * Parses a year field: exactly four digits (`0000` .. `9999`), optionally padded with spaces.
 *
 * Cost O(length). Never throws.
 *
 * @returns the year, or `NaN` when the text is not four digits.
 * @example
 * parseYearBytes(new TextEncoder().encode('2024'), 0, 4) // 2024
 * parseYearBytes(new TextEncoder().encode('24'), 0, 2)   // NaN
 */
export function parseYearBytes(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && bytes[start] === SPACE) start++;
  while (end > start && bytes[end - 1] === SPACE) end--;
  if (end - start !== 4) return NaN;
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = bytes[i]! - ZERO;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Parses a decimal field, optionally padded with spaces:
 * `[+-]? ( digits [mark digits?]? | mark digits ) ( [eE] [+-]? digits )?`, where `mark` is `.`, or `,` when
 * `decimalComma` is true (then `.` is rejected: `1.234,5` and `1.5` are not numbers in decimal-comma mode,
 * because a `.` there is a thousands separator and guessing would silently change values).
 *
 * Exactness: the result is always the float64 nearest to the decimal text, the same as `Number()` gives for the
 * text with `.` as mark. Digits are read as an integer mantissa `m` and a power of ten `10^k`; when `m` has at
 * most 15 significant digits and `|k| <= 22`, both are exact doubles and the one IEEE-754 division `m / 10^-k`
 * (or product `m * 10^k`) is correctly rounded (Clinger 1990, "How to read floating point numbers accurately",
 * the fast path). Longer mantissas or larger exponents fall back to `Number()` on the text.
 * `-0` is returned as `0`.
 *
 * Cost O(length); the fallback allocates one short string.
 *
 * @returns the value, or `NaN` when the text is not a decimal number or is too large to be finite.
 * @example
 * parseDecimalBytes(new TextEncoder().encode('1234.50'), 0, 7, false) // 1234.5
 * parseDecimalBytes(new TextEncoder().encode('12,5'), 0, 4, true)     // 12.5
 * parseDecimalBytes(new TextEncoder().encode('1.234,5'), 0, 7, true)  // NaN
 */
export function parseDecimalBytes(bytes: Uint8Array, start: number, end: number, decimalComma: boolean): number {
  while (start < end && bytes[start] === SPACE) start++;
  while (end > start && bytes[end - 1] === SPACE) end--;
  const mark = decimalComma ? COMMA : DOT;
  let i = start;
  let neg = false;
  if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) {
    neg = bytes[i] === MINUS;
    i++;
  }
  let mantissa = 0;
  let significant = 0; // significant digits in the mantissa (leading zeros not counted)
  let digits = 0; // all digits before the exponent
  let fraction = 0; // digits after the mark
  let b = 0;
  while (i < end) {
    b = bytes[i]!;
    const d = b - ZERO;
    if (d < 0 || d > 9) break;
    if (mantissa !== 0 || d !== 0) {
      mantissa = mantissa * 10 + d;
      significant++;
    }
    digits++;
    i++;
  }
  if (i < end && bytes[i] === mark) {
    i++;
    while (i < end) {
      b = bytes[i]!;
      const d = b - ZERO;
      if (d < 0 || d > 9) break;
      if (mantissa !== 0 || d !== 0) {
        mantissa = mantissa * 10 + d;
        significant++;
      }
      digits++;
      fraction++;
      i++;
    }
  }
  if (digits === 0) return NaN;
  let exponent = 0;
  if (i < end && (bytes[i] === LOWER_E || bytes[i] === UPPER_E)) {
    i++;
    let expNeg = false;
    if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) {
      expNeg = bytes[i] === MINUS;
      i++;
    }
    const expStart = i;
    while (i < end) {
      const d = bytes[i]! - ZERO;
      if (d < 0 || d > 9) break;
      if (exponent < 100000) exponent = exponent * 10 + d;
      i++;
    }
    if (i === expStart) return NaN;
    if (expNeg) exponent = -exponent;
  }
  if (i !== end) return NaN;
  let value: number;
  const scale = exponent - fraction;
  if (significant <= FAST_DIGITS && scale >= -22 && scale <= 22) {
    // Clinger's fast path: both operands exact, one correctly rounded operation.
    value = scale < 0 ? mantissa / POW10[-scale]! : mantissa * POW10[scale]!;
  } else {
    // Readable version: Number(text.replace(',', '.')), on text already validated above.
    let text = '';
    for (let k = start; k < end; k++) {
      const c = bytes[k]!;
      text += c === mark ? '.' : String.fromCharCode(c);
    }
    value = Math.abs(Number(text));
  }
  if (!Number.isFinite(value)) return NaN;
  if (value === 0) return 0;
  return neg ? -value : value;
}
