import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, parseDateBytes } from '../../src/read/parseDateBytes.js';
import { parseDecimalBytes, parseIntegerBytes, parseYearBytes } from '../../src/read/parseNumberBytes.js';
import { utf8 } from './helpers.js';

const int = (t: string) => { const b = utf8(t); return parseIntegerBytes(b, 0, b.length); };
const dec = (t: string, comma = false) => { const b = utf8(t); return parseDecimalBytes(b, 0, b.length, comma); };
const year = (t: string) => { const b = utf8(t); return parseYearBytes(b, 0, b.length); };
const date = (t: string) => { const b = utf8(t); return parseDateBytes(b, 0, b.length); };

describe('parseIntegerBytes', () => {
  it('reads integers exactly (hand-written cases)', () => {
    expect(int('0')).toBe(0);
    expect(int('007')).toBe(7);
    expect(int(' -42 ')).toBe(-42);
    expect(int('+5')).toBe(5);
    expect(Object.is(int('-0'), 0)).toBe(true);
    expect(int('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(int('9007199254740992')).toBe(Infinity);
    expect(int('-99999999999999999999')).toBe(-Infinity);
  });
  it('rejects everything else', () => {
    for (const t of ['', ' ', '-', '+', '1.0', '1e3', '1 000', '0x10', 'NaN', 'Infinity', '١٢', '12a', '--1']) expect(int(t), t).toBeNaN();
  });
  it('equals Number() on any safe integer text, with leading zeros and padding', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.nat(3), fc.nat(2), fc.nat(2), (v, zeros, l, r) => {
        const sign = v < 0 ? '-' : '';
        const text = ' '.repeat(l) + sign + '0'.repeat(zeros) + String(Math.abs(v)) + ' '.repeat(r);
        expect(int(text)).toBe(Number(text) === 0 ? 0 : Number(text));
      }),
    );
  });
});

describe('parseDecimalBytes', () => {
  it('reads decimals (hand-written cases)', () => {
    expect(dec('1234.50')).toBe(1234.5);
    expect(dec('.5')).toBe(0.5);
    expect(dec('5.')).toBe(5);
    expect(dec('-0.001')).toBe(-0.001);
    expect(dec('1.5e3')).toBe(1500);
    expect(dec('1E-2')).toBe(0.01);
    expect(dec('0.1')).toBe(0.1);
    expect(dec('12,5', true)).toBe(12.5);
    expect(dec('-0,75', true)).toBe(-0.75);
    expect(Object.is(dec('-0.0'), 0)).toBe(true);
    expect(dec('  7.25  ')).toBe(7.25);
  });
  it('rejects other notations, and "." in decimal-comma mode', () => {
    for (const t of ['', '.', '-', '1,5', '1.2.3', '1e', '1e+', 'e5', 'NaN', 'Infinity', '-Infinity', '1 000.5', '$5', '0x1p3', '1e400']) {
      expect(dec(t), t).toBeNaN();
    }
    for (const t of ['1.234,5', '1.5', '1,2,3', '1.234']) expect(dec(t, true), t).toBeNaN();
  });
  it('equals Number() (correctly rounded) on random decimal text, short and long mantissas', () => {
    const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
    fc.assert(
      fc.property(
        fc.constantFrom('', '-', '+'),
        digits(0, 25),
        fc.option(digits(0, 25)),
        fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), digits(1, 3))),
        (sign, a, frac, exp) => {
          const body = a + (frac === null ? '' : '.' + frac);
          if (!/[0-9]/.test(body)) return;
          const text = sign + body + (exp === null ? '' : exp.join(''));
          const expected = Number(text);
          const got = dec(text);
          if (!Number.isFinite(expected)) expect(got).toBeNaN();
          else expect(got).toBe(expected === 0 ? 0 : expected);
          // The same text with ',' as decimal mark in decimal-comma mode gives the same value.
          if (Number.isFinite(expected)) expect(dec(text.replace('.', ','), true)).toBe(got);
        },
      ),
      { numRuns: 3000 },
    );
  });
  it('round-trips every double through its shortest text (String(x))', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(dec(String(x))).toBe(x === 0 ? 0 : x);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseYearBytes and parseDateBytes', () => {
  it('years are exactly four digits', () => {
    expect(year('2024')).toBe(2024);
    expect(year('0999')).toBe(999);
    for (const t of ['24', '20245', '-2024', '2024.0', 'abcd']) expect(year(t), t).toBeNaN();
  });
  it('dates: hand-checked days since 1970-01-01', () => {
    expect(date('1970-01-01')).toBe(0);
    expect(date('1969-12-31')).toBe(-1);
    expect(date('2000-03-01')).toBe(11017); // 30 years (7 leap days) = 10957, + Jan 31 + Feb 29 = 11017
    expect(date('2024-02-29')).toBe(19782);
    for (const t of ['2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-1-01', '2024/01/01', '20240101', '']) {
      expect(date(t), t).toBeNaN();
    }
  });
  it('agree with Date.UTC on every valid date of years 0001-9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const utc = new Date(0);
        utc.setUTCFullYear(y, m - 1, d);
        const valid = utc.getUTCMonth() === m - 1;
        const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        if (valid) {
          expect(date(text)).toBe(utc.getTime() / 86_400_000);
          expect(daysFromCivil(y, m, d)).toBe(utc.getTime() / 86_400_000);
        } else {
          expect(date(text)).toBeNaN();
        }
      }),
      { numRuns: 3000 },
    );
  });
});
