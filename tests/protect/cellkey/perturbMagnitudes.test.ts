import { describe, expect, it } from 'vitest';
import { contributorKey } from '../../../src/protect/cellkey/contributorKey.js';
import { perturbMagnitudes } from '../../../src/protect/cellkey/perturbMagnitudes.js';
import { PerturbationTable } from '../../../src/protect/cellkey/PerturbationTable.js';

/**
 * A hand-made magnitudes p-table: row 1 on v = -1, 0, 1 (0.25, 0.5, 0.25); row 2 on v = -2..2 (0.1, 0.2, 0.4, 0.2,
 * 0.1; bounds 0.1, 0.3, 0.7, 0.9, 1); row 4 uniform on v = -4..4 (bounds k / 9).
 */
const ptable = new PerturbationTable({
  kind: 'magnitudes',
  source: 'test',
  rows: [
    { i: 0, j: [0], p: [1] },
    { i: 1, j: [0, 1, 2], p: [0.25, 0.5, 0.25] },
    { i: 2, j: [0, 1, 2, 3, 4], p: [0.1, 0.2, 0.4, 0.2, 0.1] },
    { i: 4, j: [0, 1, 2, 3, 4, 5, 6, 7, 8], p: new Array<number>(9).fill(1 / 9) },
  ],
});
const key = (x: number): number => Math.floor(x * 2 ** 32);

describe('perturbMagnitudes (cellKey package, top contributors, simple parameters)', () => {
  it('follows the worked cases computed by hand', () => {
    const sums = Float64Array.of(100, 20, 12, 0, 7, 100);
    // Top lists (k = 2): [60, 30], [20, 0], [12, 0], [0, 0], [7, 0], [60, 30].
    const top = { k: 2, values: Float64Array.of(60, 30, 20, 0, 12, 0, 0, 0, 7, 0, 60, 30) };
    const counts = Float64Array.of(2, 1, 1, 0, 0, 2);
    const keys = Uint32Array.of(key(0.8), key(0.05), key(0.9), key(0.5), key(0.5), key(0.8));
    const a = perturbMagnitudes({ sums, top, counts, cellKeys: keys }, { ptable, p: 0.5 });
    // Cell 0: d = 60 × 0.5 = 30, a = 100 / 30 = 3.33 between rows 2 and 4, λ = (3.33 - 2) / 2 = 2/3. Key 0.8: row 2
    //   0.7 <= 0.8 < 0.9 -> +1; row 4: 7/9 <= 0.8 < 8/9 -> 7 - 4 = +3. v = 1/3 × 1 + 2/3 × 3 = 7/3: 100 + 30 × 7/3 = 170.
    expect(a[0]).toBeCloseTo(170, 10);
    // Cell 1: d = 20 × 0.5 = 10, a = 2 exactly: row 2, key 0.05 < 0.1 -> -2: 20 - 20 = 0 (never below 0).
    expect(a[1]).toBe(0);
    // Cell 3: sum 0 and no contributors: stays 0. Cell 4: no contributors counted: 0 as well.
    expect(a[3]).toBe(0);
    expect(a[4]).toBe(0);
    // Cell 2 with p = 1: d = 12 × 1 = 12, a = 12 / 12 = 1: row 1, key 0.9 >= 0.75 -> +1: 12 + 12 = 24.
    expect(perturbMagnitudes({ sums, top, counts, cellKeys: keys }, { ptable, p: 1 })[2]).toBe(24);
    // Cell 5 with epsilon [1, 0.5]: first as cell 0 (170); second d = 30 × 0.5 × 0.5 = 7.5, a = 170 / 7.5 > 4: row 4
    //   with key fmix32(floor(0.8 × 2^32) + 0x9E3779B9) / 2^32 = 0.59333 (computed separately): 5/9 <= 0.5933 < 6/9
    //   -> 5 - 4 = +1: 170 + 7.5 = 177.5.
    const b = perturbMagnitudes({ sums, top, counts, cellKeys: keys }, { ptable, p: 0.5, epsilon: [1, 0.5] });
    expect(b[5]).toBeCloseTo(177.5, 10);
  });

  it('a large cell with one dominant contributor moves by at most p × D × x_1', () => {
    const sums = Float64Array.from({ length: 200 }, (_, c) => 1000 + c);
    const top = { k: 1, values: Float64Array.from({ length: 200 }, () => 900) };
    const keys = Uint32Array.from({ length: 200 }, (_, c) => key((c + 0.5) / 200));
    const out = perturbMagnitudes({ sums, top, counts: new Float64Array(200).fill(3), cellKeys: keys }, { ptable, p: 0.1 });
    out.forEach((x, c) => expect(Math.abs(x - sums[c]!)).toBeLessThanOrEqual(0.1 * 4 * 900 + 1e-9));
  });

  it('refuses too few top contributors and bad options', () => {
    const one = { k: 1, values: Float64Array.of(5) };
    const cells = { sums: Float64Array.of(5), top: one, counts: Float64Array.of(1), cellKeys: Uint32Array.of(0) };
    expect(() => perturbMagnitudes(cells, { ptable, p: 0.1, epsilon: [1, 0.5] })).toThrow(/asks for 2 top contributors/);
    expect(() => perturbMagnitudes(cells, { ptable, p: 0 })).toThrow(/0 < p <= 1/);
    expect(() => perturbMagnitudes(cells, { ptable, p: 0.1, epsilon: [0.5] })).toThrow(/the first 1/);
    expect(() => perturbMagnitudes(cells, { ptable, p: 0.1, epsilon: [1, 0.6, 0.7] })).toThrow(/descending/);
  });
});

describe('contributorKey', () => {
  it('is the cell key for the largest contributor and fmix32(cellKey + j × 0x9E3779B9) for the others', () => {
    // MurmurHash3's fmix32 computed separately (Python, 32-bit arithmetic): 0x12345678 + 0x9E3779B9 -> 74866922,
    // + 2 × 0x9E3779B9 -> 1618129884.
    expect(contributorKey(0x12345678, 0)).toBe(0x12345678);
    expect(contributorKey(0x12345678, 1)).toBe(74866922);
    expect(contributorKey(0x12345678, 2)).toBe(1618129884);
  });
});
