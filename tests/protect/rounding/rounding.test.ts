import { describe, expect, it } from 'vitest';
import { CELL_STATUS, CellTable } from '../../../src/aggregate/CellTable.js';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import { nhsRounding } from '../../../src/protect/rounding/nhsRounding.js';
import { randomRounding } from '../../../src/protect/rounding/randomRounding.js';
import { roundToBase } from '../../../src/protect/rounding/roundToBase.js';
import { seededRandomSource } from '../../../src/random/seededRandomSource.js';
import { flat } from '../../audit/tableHelpers.js';

function table(counts: number[], status?: number[]): CellTable {
  const labels = counts.slice(0, -1).map((_, i) => `c${i}`);
  return new CellTable({
    dimensions: [{ name: 'x', hierarchy: flat('T', labels) }],
    unit: 'rows',
    rows: Float64Array.from(counts),
    status: status ? Uint8Array.from(status) : undefined,
  });
}

describe('roundToBase', () => {
  it('rounds each cell to the nearest multiple, halves up (hand computed), hidden cells stay hidden', () => {
    const t = table([0, 2, 3, 12, 7.5, 25], [0, 0, 0, 0, 0, CELL_STATUS.indexOf('secondary')]);
    const r = roundToBase(t, { base: 5 });
    expect([...r.values].slice(0, 5)).toEqual([0, 0, 5, 10, 10]);
    expect(Number.isNaN(r.values[5]!)).toBe(true);
    expect(r.symbol[5]).toBe(1);
    expect(r.marginsRoundedIndependently).toBe(true);
    expect(() => roundToBase(t, { base: 1 })).toThrow(PrikkError);
    expect(() => roundToBase(t, { base: 2.5 })).toThrow(PrikkError);
  });
});

describe('nhsRounding', () => {
  it('shows 1-7 as *, keeps 0, rounds the rest to the nearest 5 (NHS rule, hand computed)', () => {
    const r = nhsRounding(table([0, 1, 7, 8, 12, 13, 41]));
    expect([...r.symbol]).toEqual([0, 1, 1, 0, 0, 0, 0]);
    expect([r.values[0], r.values[3], r.values[4], r.values[5], r.values[6]]).toEqual([0, 10, 10, 15, 40]);
    expect(r.symbolText).toBe('*');
  });
  it('is configurable and validates', () => {
    const r = nhsRounding(table([0, 3, 4, 10]), { low: 1, high: 3, base: 10, symbol: '<4' });
    expect([...r.symbol]).toEqual([0, 1, 0, 0]);
    expect(r.values[2]).toBe(0);
    expect(() => nhsRounding(table([1, 1]), { low: 5, high: 2 })).toThrow(PrikkError);
  });
});

describe('randomRounding', () => {
  it('gives only the two neighbouring multiples and is unbiased: mean of 20000 draws of 12 at base 5 is 12', () => {
    const rng = seededRandomSource('random-rounding');
    const t = table([12, 12]);
    let sum = 0;
    const seen = new Set<number>();
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const v = randomRounding(t, { base: 5, random: rng }).values[0]!;
      seen.add(v);
      sum += v;
    }
    expect([...seen].sort()).toEqual([10, 15]);
    // P(15) = 2/5: each draw has variance 25 · 0.4 · 0.6 = 6, sd of the mean sqrt(6 / 20000) = 0.017; 6 sd = 0.1.
    expect(Math.abs(sum / n - 12)).toBeLessThan(0.1);
  });
  it('keeps multiples of the base, uses node:crypto by default, refuses non-integers', () => {
    const r = randomRounding(table([10, 0, 10]), { base: 5 });
    expect([...r.values]).toEqual([10, 0, 10]);
    expect(() => randomRounding(table([2.5, 2.5]), { base: 5 })).toThrow(/not a non-negative integer/);
    expect(() => randomRounding(table([2, 2]), { base: 5, random: {} as never })).toThrow(PrikkError);
  });
  it('with cellKeys: up exactly when key / 2^32 < r / b, decided in integers (boundary keys by hand)', () => {
    // 12 at base 5: r = 2, up when 5k < 2 · 2^32 = 8589934592, i.e. k <= 1717986918 (5 · 1717986918 = 8589934590);
    // k = 1717986919 gives 8589934595, down. Cell 2 (15) is a multiple and stays whatever its key.
    const t = table([12, 12, 15]);
    const keys = Uint32Array.of(1717986918, 1717986919, 0);
    const r = randomRounding(t, { base: 5, cellKeys: keys });
    expect([...r.values]).toEqual([15, 10, 15]);
    expect(r.method).toBe('random(5, keyed)');
    expect(randomRounding(t, { base: 5, cellKeys: Uint32Array.of(0, 0xffffffff, 7) }).values).toEqual(Float64Array.of(15, 10, 15));
    expect(() => randomRounding(t, { base: 5, cellKeys: Uint32Array.of(1, 2) })).toThrow(/one key per cell \(3\)/);
  });
});
