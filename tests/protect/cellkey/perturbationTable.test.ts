import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import { perturbCounts } from '../../../src/protect/cellkey/perturbCounts.js';
import { parsePTable } from '../../../src/protect/cellkey/parsePTable.js';
import { PerturbationTable } from '../../../src/protect/cellkey/PerturbationTable.js';
import { readPTable } from '../../../src/protect/cellkey/readPTable.js';
import { handbookPTable, TAU_TESTW } from './helpers.js';

describe('PerturbationTable: the Handbook on SDC example', () => {
  it('looks up a count of 3 with the cell key 0.8 as noise +1, so 3 is published as 4', () => {
    // Handbook on Statistical Disclosure Control, 2nd ed. (2024), §5.4 "Cell Perturbation - the Cell Key Method",
    // table "Fictional example of a p-table" (sdcTools/HandbookSDC, chapters/05/_05-frequency-tables-04-CKM.qmd):
    // original 3 -> perturbed 2 (p 0.3, bounds 0..0.3), 3 (p 0.4, 0.3..0.7), 4 (p 0.3, 0.7..1). 0.7 <= 0.8 < 1: +1.
    const t = handbookPTable();
    expect(t.noiseOfCount(3, 0.8)).toBe(1);
    expect(3 + t.noiseOfCount(3, 0.8)).toBe(4);
    // Counts above 3 use the last row (symmetric on -1, 0, 1): 0.3 <= 0.5 < 0.7 gives 0.
    expect(t.noiseOfCount(100, 0.5)).toBe(0);
    expect(t.noiseOfCount(100, 0.1)).toBe(-1);
    // Row 1: uniform on {-1, +1}; the table never publishes a 1 (js = 1), zeros stay zero.
    expect(t.noiseOfCount(1, 0.2)).toBe(-1);
    expect(t.noiseOfCount(1, 0.6)).toBe(1);
    expect(t.js).toBe(1);
    expect(t.maxNoise).toBe(1);
    expect(t.noiseOfCount(0, 0.999)).toBe(0);
  });

  it('reports each row as a noise distribution (hand computed for the last row)', () => {
    // Row 3: v = -1, 0, 1 with p 0.3, 0.4, 0.3: mean 0, variance 0.6, E|v| = 0.6, p(no change) = 0.4.
    const d = handbookPTable().distribution(3);
    expect(d.mean).toBeCloseTo(0, 15);
    expect(d.variance).toBeCloseTo(0.6, 15);
    expect(d.expectedAbsoluteError).toBeCloseTo(0.6, 15);
    expect(d.rootMeanSquaredError).toBeCloseTo(Math.sqrt(0.6), 15);
    expect(d.pNoChange).toBeCloseTo(0.4, 15);
    expect(d.maxNoise).toBe(1);
  });
});

describe('readPTable: tau_testW_ptable.txt (tau-ARGUS, D = 7, no perturbed 1s or 2s)', () => {
  const t = readPTable(TAU_TESTW);

  it('reads the table: rows 0..10, D = 7, js = 2', () => {
    expect(t.kind).toBe('counts');
    expect(t.maxI).toBe(10);
    expect(t.rows.length).toBe(11);
    expect(t.maxNoise).toBe(7);
    expect(t.js).toBe(2);
    expect(t.source).toBe(TAU_TESTW);
    expect(t.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('looks up (count, cell key) pairs as computed by hand from the file', () => {
    // Row i = 1: "1;0;..;-1;0.775078851", "1;3;..;2;0.8624432242", "1;4;..;3;0.9131993269".
    //   key 0.5: 0 <= 0.5 < 0.775078851 -> j = 0, v = -1: the count 1 is published as 0.
    expect(t.noiseOfCount(1, 0.5)).toBe(-1);
    //   key 0.9: 0.8624432242 <= 0.9 < 0.9131993269 -> j = 4, v = 3: published as 4.
    expect(t.noiseOfCount(1, 0.9)).toBe(3);
    // Row i = 2: "2;3;..;1;0.7459494657" follows "2;0;..;-2;0.4662739349".
    //   key 0.6: 0.4662739349 <= 0.6 < 0.7459494657 -> j = 3, v = 1.
    expect(t.noiseOfCount(2, 0.6)).toBe(1);
    //   key exactly 0.7459494657 (a bound): not below it, so the next interval "2;4;..;2;0.8992601978": v = 2.
    expect(t.noiseOfCount(2, 0.7459494657)).toBe(2);
    // Row i = 4: "4;3;..;-1;0.369485236", "4;4;..;0;0.6201323866".
    //   key 0.5: 0.369485236 <= 0.5 < 0.6201323866 -> j = 4, v = 0: unchanged.
    expect(t.noiseOfCount(4, 0.5)).toBe(0);
    //   key 0.1: 0 <= 0.1 < 0.1188380854 -> j = 0, v = -4: the count 4 is published as 0.
    expect(t.noiseOfCount(4, 0.1)).toBe(-4);
    // Row i = 10 (symmetric): "10;15;..;5;0.9973200975", "10;16;..;6;0.9995576774".
    //   key 0.999: 0.9973200975 <= 0.999 < 0.9995576774 -> j = 16, v = 6.
    expect(t.noiseOfCount(10, 0.999)).toBe(6);
    // A count above 10 uses row 10: 25 with key 0.0001 < 0.0004423224 -> v = -7, published as 18.
    expect(t.noiseOfCount(25, 0.0001)).toBe(-7);
    //   25 with key 0.55: 0.4003684731 <= 0.55 < 0.5996315275 -> v = 0.
    expect(t.noiseOfCount(25, 0.55)).toBe(0);
    // Zeros stay zero.
    expect(t.noiseOfCount(0, 0.123)).toBe(0);
  });

  it('never publishes 1 or 2, nor a negative count, for any count and key', () => {
    for (let count = 0; count <= 30; count++) {
      for (let q = 0; q < 1000; q++) {
        const published = count + t.noiseOfCount(count, q / 1000);
        expect(published).toBeGreaterThanOrEqual(0);
        if (count > 0) expect(published === 1 || published === 2).toBe(false);
      }
    }
  });

  it('has rows with zero mean and variance 4 (what the file encodes)', () => {
    for (const d of t.distributions().slice(1)) {
      expect(Math.abs(d.mean)).toBeLessThan(1e-9);
      expect(d.variance).toBeCloseTo(4, 8);
    }
  });
});

describe('parsePTable', () => {
  it("reads the ptable package's pt_export() formats (tau-ARGUS and SAS columns, space padded)", () => {
    // R/pt_export.R: write.table(format(pTable, digits = 8), sep = ';', quote = FALSE), columns i;j;p;v;p_int_ub
    // (TauArgus) or i;j;p;v;p_int_lb;p_int_ub (SAS).
    const tau = ' i;j;  p; v;p_int_ub\n 0;0;1.0; 0;1.0\n 1;0;0.5;-1;0.5\n 1;2;0.5; 1;1.0\n';
    const sas = 'i;j;p;v;p_int_lb;p_int_ub\n0;0;1;0;0;1\n1;0;0.25;-1;0;0.25\n1;2;0.75;1;0.25;1\n';
    expect(parsePTable(tau).noiseOfCount(1, 0.49)).toBe(-1);
    expect(parsePTable(tau).noiseOfCount(1, 0.5)).toBe(1);
    const s = parsePTable(sas, { source: 'sas.csv' });
    expect(s.noiseOfCount(7, 0.3)).toBe(1);
    expect(s.source).toBe('sas.csv');
  });

  it('derives p from the bounds when there is no p column, and selects a type of a magnitudes table', () => {
    const t = parsePTable('i,j,p_int_ub\n0,0,1\n1,0,0.2\n1,1,0.7\n1,2,1\n');
    expect(Array.from(t.rows[1]!.p).map((x) => Math.round(x * 1e12) / 1e12)).toEqual([0.2, 0.5, 0.3]);
    const nums = 'i;j;p;v;p_int_ub;type\n0;0;1;0;1;all\n1;0.5;0.5;-0.5;0.5;all\n1;1.5;0.5;0.5;1;all\n0;0;1;0;1;odd\n';
    const m = parsePTable(nums, { kind: 'magnitudes' });
    expect(m.kind).toBe('magnitudes');
    expect(m.rows.length).toBe(2);
    expect(() => parsePTable(nums, { kind: 'magnitudes', type: 'even' })).toThrow(/no rows of type 'even'/);
  });

  it('names the file and line of a malformed table', () => {
    const err = (text: string): PrikkError => {
      try {
        parsePTable(text, { source: 'x.txt' });
      } catch (e) {
        if (e instanceof PrikkError) return e;
      }
      throw new Error('expected a PrikkError');
    };
    expect(err('i;j;p\n0;0;1\n').code).toBe('MALFORMED_INPUT');
    expect(err('i;j;p\n0;0;1\n').message).toMatch(/x\.txt, line 1: .*upper bound/);
    expect(err('i;j;p;v;p_ij_ub\n0;0;1;0;1\n1;0;0.5;-1;0.5\n1;2;0.5;2;1\n').message).toMatch(/line 4: .*v = 2 but j - i = 1/);
    expect(err('i;j;p;v;p_ij_ub\n0;0;1;0;1\n1;0;0.5;-1;0.5\n0;0;1;0;1\n1;2;0.5;1;1\n').message).toMatch(/line 4: .*the entries of i = 0 are not contiguous/);
    expect(err('i;j;p;v;p_ij_ub\n0;0;1;0;1\n1;x;0.5;-1;0.5\n').message).toMatch(/line 3: .*j must be a number, got 'x'/);
    expect(err('i;j;p;v;p_ij_ub;z\n0;0;1;0;1;1\n').message).toMatch(/unknown column 'z'/);
    // Not a probability distribution: the constructor's INVALID_ARGUMENT.
    expect(() => parsePTable('i;j;p;v;p_ij_ub\n0;0;1;0;1\n1;0;0.5;-1;0.5\n1;2;0.4;1;0.9\n')).toThrow(/sum to 0.9/);
  });
});

describe('PerturbationTable: validation', () => {
  const ok = [
    { i: 0, j: [0], p: [1] },
    { i: 1, j: [0, 1, 2], p: [0.25, 0.5, 0.25] },
  ];
  it('accepts a valid table and keeps zeros at zero', () => {
    expect(new PerturbationTable({ source: 't', rows: ok }).maxI).toBe(1);
  });
  it.each([
    ['row 0 that moves 0', [{ i: 0, j: [0, 1], p: [0.5, 0.5] }, ok[1]!], /zeros stay zero/],
    ['rows not 0..maxI', [ok[0]!, { ...ok[1]!, i: 2 }], /expected i = 1/],
    ['a negative target', [ok[0]!, { i: 1, j: [-1, 1], p: [0.5, 0.5] }], /no negative published value/],
    ['a fractional count target', [ok[0]!, { i: 1, j: [0.5, 1.5], p: [0.5, 0.5] }], /must be an integer/],
    ['targets not ascending', [ok[0]!, { i: 1, j: [2, 0], p: [0.5, 0.5] }], /strictly ascending/],
    ['bounds that disagree', [ok[0]!, { ...ok[1]!, ub: [0.25, 0.5, 1] }], /disagrees with the running sum/],
    ['a probability above 1', [ok[0]!, { i: 1, j: [0, 2], p: [1.5, -0.5] }], /must be in \[0, 1\]/],
  ])('refuses %s', (_, rows, message) => {
    expect(() => new PerturbationTable({ source: 't', rows })).toThrow(message);
  });
  it('refuses keys outside [0, 1) and counts that are not non-negative integers', () => {
    const t = new PerturbationTable({ source: 't', rows: ok });
    expect(() => t.noiseOfCount(1, 1)).toThrow(PrikkError);
    expect(() => t.noiseOfCount(1, -0.1)).toThrow(PrikkError);
    expect(() => t.noiseOfCount(1.5, 0.1)).toThrow(PrikkError);
  });
  it('reports IO errors with the path', () => {
    expect(() => readPTable('/nonexistent/ptable.txt')).toThrow(/IO|cannot read/);
  });
});

describe('perturbCounts', () => {
  it('adds the noise of (count, cell key) per cell; hidden cells stay NaN, zeros stay zero', () => {
    const t = readPTable(TAU_TESTW);
    // Keys as fixed point: 0.5 × 2^32 = 2147483648. Count 1 at 0.5 -> -1 (see above); 4 at 0.5 -> 0; 25 at 0.55 -> 0;
    // 10 at floor(0.999 × 2^32) -> +6; 0 -> 0.
    const cellKeys = Uint32Array.of(2 ** 31, 2 ** 31, Math.floor(0.55 * 2 ** 32), Math.floor(0.999 * 2 ** 32), 12345, 0);
    const out = perturbCounts({ counts: Float64Array.of(1, 4, 25, 10, 0, Number.NaN), cellKeys }, t);
    expect(Array.from(out.subarray(0, 5))).toEqual([0, 4, 25, 16, 0]);
    expect(Number.isNaN(out[5]!)).toBe(true);
    expect(() => perturbCounts({ counts: Float64Array.of(1.5), cellKeys: Uint32Array.of(0) }, t)).toThrow(/cell 0 is not a non-negative integer/);
    expect(() => perturbCounts({ counts: Float64Array.of(1, 2), cellKeys: Uint32Array.of(0) }, t)).toThrow(/2 counts but 1 cell keys/);
  });
});
