import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFixed } from '../../../src/release/writers/formatFixed.js';

describe('formatFixed', () => {
  it('writes fixed decimals with the chosen mark', () => {
    expect(formatFixed(1234.5, 2, ',')).toBe('1234,50');
    expect(formatFixed(1234.5, 0)).toBe('1235'); // a tie: the larger integer (ECMA-262 toFixed)
    expect(formatFixed(0.125, 2)).toBe('0.13'); // 0.125 is exact in binary: a tie, the larger
    expect(formatFixed(1.005, 2)).toBe('1.00'); // 1.005 is 1.00499999999999989… in binary
    expect(formatFixed(-2.5, 0)).toBe('-3');
    expect(formatFixed(7, 3, ',')).toBe('7,000');
  });

  it('writes -0 and negatives that round to zero without a sign', () => {
    expect(formatFixed(-0, 0)).toBe('0');
    expect(formatFixed(-0, 2, ',')).toBe('0,00');
    expect(formatFixed(-0.01, 1)).toBe('0.0');
    expect(formatFixed(-0.4, 0)).toBe('0');
    expect(formatFixed(-0.5, 0)).toBe('-1'); // toFixed: ties away from zero in magnitude
  });

  it('never uses exponent notation', () => {
    // String(1e21) is '1e+21': written out as 1 and 21 zeros.
    expect(formatFixed(1e21, 0)).toBe('1' + '0'.repeat(21));
    expect(formatFixed(-1.5e22, 1, ',')).toBe('-15' + '0'.repeat(21) + ',0');
    expect(formatFixed(1.25e25, 0)).toBe('125' + '0'.repeat(23));
    // The shortest round-trip digits of the double (String(x) = '1.2345678901234566e+25'), not its exact binary value.
    expect(formatFixed(1.2345678901234566e25, 0)).toBe('12345678901234566' + '0'.repeat(9));
    expect(formatFixed(1e-7, 2)).toBe('0.00');
    expect(formatFixed(1e-7, 0)).toBe('0');
  });

  it('for any finite double: digits only, the right count of decimals, within half a unit of the last place', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 6 }), (x, d) => {
        const text = formatFixed(x, d);
        expect(text).toMatch(d === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${d}}$`));
        expect(text).not.toMatch(/^-0(\.0*)?$/);
        // Parsed back: within half a unit of the last decimal, plus the double's own spacing at this size.
        const back = Number(text);
        expect(Math.abs(back - x)).toBeLessThanOrEqual(0.5 * 10 ** -d + Math.abs(x) * 2 ** -50);
      }),
    );
  });

  it('rejects a value that is not finite without showing it, and bad decimals or marks', () => {
    expect(() => formatFixed(Number.NaN, 0)).toThrow('formatFixed: value: expected a finite number');
    expect(() => formatFixed(Number.POSITIVE_INFINITY, 0)).toThrow(/finite/);
    expect(() => formatFixed(1, -1)).toThrow(/decimals/);
    expect(() => formatFixed(1, 21)).toThrow(/decimals/);
    expect(() => formatFixed(1, 0.5)).toThrow(/decimals/);
    expect(() => formatFixed(1, 0, ';' as ',')).toThrow(/decimalMark/);
  });
});
