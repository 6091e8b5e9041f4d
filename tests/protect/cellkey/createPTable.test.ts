import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import { createPTable } from '../../../src/protect/cellkey/createPTable.js';
import { maxEntropyDistribution } from '../../../src/protect/cellkey/maxEntropyDistribution.js';
import type { PerturbationTable } from '../../../src/protect/cellkey/PerturbationTable.js';
import { readPTable } from '../../../src/protect/cellkey/readPTable.js';
import { TAU_TESTW } from './helpers.js';

describe('createPTable reproduces a published table', () => {
  it('D = 7, V = 4, js = 2 gives every probability of tau_testW_ptable.txt within 1e-8', () => {
    // The tau-ARGUS table's rows all have variance exactly 4 (checked in perturbationTable.test.ts), mean 0, D = 7 and
    // no 1s or 2s: the parameters are read off the file. Its row 1 has the lower entropy of variance = 4 rather than
    // the wider optimum <= 4, so it was made with the variance as an equality (varianceConstraint 'equal').
    const published = readPTable(TAU_TESTW);
    const made = createPTable({ D: 7, V: 4, js: 2 });
    expect(made.maxI).toBe(published.maxI);
    let worst = 0;
    made.rows.forEach((row, r) => {
      const other = published.rows[r]!;
      expect(Array.from(row.j)).toEqual(Array.from(other.j));
      row.p.forEach((p, t) => {
        worst = Math.max(worst, Math.abs(p - other.p[t]!));
      });
    });
    expect(worst).toBeLessThan(1e-8);
    expect(made.js).toBe(2);
    expect(made.maxNoise).toBe(7);
    expect(made.parameters).toMatchObject({ D: 7, V: 4, js: 2, varianceConstraint: 'equal', icat: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
  });

  it("with varianceConstraint 'atMost' row 1 is the plain maximum-entropy law of mean 0 (variance 3.4186 < 4)", () => {
    // Second implementation: without a binding variance bound, the maximum-entropy law with mean 0 on the values
    // v = -1, 2, ..., 7 is p ∝ exp(-λ v); λ by bisection on the mean.
    const v = [-1, 2, 3, 4, 5, 6, 7];
    const law = (l: number): number[] => {
      const w = v.map((x) => Math.exp(-l * x));
      const z = w.reduce((a, b) => a + b, 0);
      return w.map((x) => x / z);
    };
    let lo = 0;
    let hi = 20;
    for (let k = 0; k < 200; k++) {
      const mid = (lo + hi) / 2;
      const mean = law(mid).reduce((a, p, t) => a + p * v[t]!, 0);
      if (mean > 0) lo = mid;
      else hi = mid;
    }
    const expected = law(lo);
    const row = createPTable({ D: 7, V: 4, js: 2, varianceConstraint: 'atMost' }).rows[1]!;
    expected.forEach((p, t) => expect(row.p[t]!).toBeCloseTo(p, 8));
    expect(row.p.reduce((a, p, t) => a + p * row.v[t]! * row.v[t]!, 0)).toBeCloseTo(3.41861055, 7);
  });

  it('solves the symmetric case in closed form: v = -1, 0, 1 with variance 0.5 is (1/4, 1/2, 1/4)', () => {
    for (const varianceConstraint of ['equal', 'atMost'] as const) {
      const s = maxEntropyDistribution({ v: Float64Array.of(-1, 0, 1), variance: 0.5, varianceConstraint, lower: new Float64Array(3).fill(1e-8), mono: true })!;
      expect(s.p[0]).toBeCloseTo(0.25, 9);
      expect(s.p[1]).toBeCloseTo(0.5, 9);
      expect(s.p[2]).toBeCloseTo(0.25, 9);
    }
    // Uniform (variance 2/3) is the optimum when the bound does not bind. Its p(-1) = p(0) lies on the mono bound
    // with a zero multiplier (a degenerate optimum), where a barrier method converges only like 1/√t: 1e-6 here.
    const wide = maxEntropyDistribution({ v: Float64Array.of(-1, 0, 1), variance: 0.9, varianceConstraint: 'atMost', lower: new Float64Array(3).fill(1e-8), mono: true })!;
    wide.p.forEach((p) => expect(Math.abs(p - 1 / 3)).toBeLessThan(1e-6));
    const free = maxEntropyDistribution({ v: Float64Array.of(-1, 0, 1), variance: 0.9, varianceConstraint: 'atMost', lower: new Float64Array(3).fill(1e-8), mono: false })!;
    free.p.forEach((p) => expect(p).toBeCloseTo(1 / 3, 8));
  });
});

/** Checks every promise of a generated table; returns nothing, throws on the first broken one. */
function checkTable(t: PerturbationTable, D: number, V: number, js: number, equal: boolean, mono: boolean): void {
  expect(Array.from(t.rows[0]!.j)).toEqual([0]);
  expect(t.noiseOfCount(0, 0.5)).toBe(0);
  expect(t.maxNoise).toBeLessThanOrEqual(D);
  expect(t.js).toBeGreaterThanOrEqual(js);
  expect(t.maxI).toBe(js === 0 ? D : D + js + 1);
  for (let r = 1; r < t.rows.length; r++) {
    const row = t.rows[r]!;
    let sum = 0;
    let mean = 0;
    let second = 0;
    for (let k = 0; k < row.p.length; k++) {
      const p = row.p[k]!;
      const v = row.v[k]!;
      expect(p).toBeGreaterThan(0);
      expect(Math.abs(v)).toBeLessThanOrEqual(D);
      expect(row.j[k]!).toBeGreaterThanOrEqual(0);
      if (row.j[k]! >= 1) expect(row.j[k]!).toBeGreaterThan(js);
      sum += p;
      mean += p * v;
      second += p * v * v;
    }
    expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
    expect(Math.abs(mean)).toBeLessThan(1e-8);
    if (equal) expect(Math.abs(second - V)).toBeLessThan(1e-7);
    else expect(second).toBeLessThanOrEqual(V + 1e-8);
    if (mono) {
      const zero = Array.from(row.v).indexOf(0);
      for (let k = 0; k + 1 <= zero; k++) expect(row.p[k]!).toBeLessThanOrEqual(row.p[k + 1]! + 1e-9);
    }
    // Lookups stay inside the row: no negative published count, no count in 1..js.
    for (let q = 0; q < 64; q++) {
      const published = row.i + t.noiseOfCount(row.i, q / 64);
      expect(published >= 0 && !(published >= 1 && published <= js)).toBe(true);
    }
  }
}

describe('createPTable properties', () => {
  it('the ptable package examples make valid tables (D = 5, V = 3, js = 2; D = 3, V = 1.08, js = 1; D = 2, V = 1.05, js = 1)', () => {
    // create_cnt_ptable(D = 5, V = 3, js = 2) and (D = 3, V = 1.08, js = 1): ptable's documented examples;
    // pt_ex_cnts(): D = 2, V = 1.05, js = 1.
    checkTable(createPTable({ D: 5, V: 3, js: 2 }), 5, 3, 2, true, true);
    checkTable(createPTable({ D: 3, V: 1.08, js: 1, varianceConstraint: 'atMost' }), 3, 1.08, 1, false, true);
    checkTable(createPTable({ D: 2, V: 1.05, js: 1, varianceConstraint: 'atMost', mono: [true, true, false, true] }), 2, 1.05, 1, false, false);
  });

  it('a generated table has zero mean, the requested variance, respects D and js, its rows are distributions, zeros stay zero', () => {
    let made = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 3 }),
        fc.double({ min: 0.3, max: 6, noNaN: true }),
        fc.boolean(),
        fc.constantFrom('equal' as const, 'atMost' as const),
        (D, js, V, mono, varianceConstraint) => {
          let t: PerturbationTable;
          try {
            t = createPTable({ D, V, js, mono, varianceConstraint });
          } catch (e) {
            // Infeasible parameters (e.g. V too small for no 1..js, or too large for D) must say so.
            expect(e).toBeInstanceOf(PrikkError);
            expect((e as PrikkError).message).toMatch(/no noise distribution for the original value i = \d+ meets the constraints/);
            return;
          }
          made++;
          checkTable(t, D, V, js, varianceConstraint === 'equal', mono);
        },
      ),
      { numRuns: 40, seed: 7 },
    );
    expect(made).toBeGreaterThan(10);
  });

  it('keeps a probability of no change (pstay), relaxing it in steps of 0.05 only where the variance needs it', () => {
    const t = createPTable({ D: 4, V: 1, pstay: 0.5 });
    for (const d of t.distributions().slice(1)) {
      expect(d.pNoChange).toBeGreaterThanOrEqual(0.5 - 1e-9);
      expect(d.variance).toBeCloseTo(1, 7);
    }
    // p(no change) >= 0.95 cannot give variance 1.5 with |v| <= 4 (at most 0.05 × 16 = 0.8): relaxed until it can.
    const relaxed = createPTable({ D: 4, V: 1.5, pstay: 0.95 });
    const stays = relaxed.parameters!.pstay;
    for (const s of stays) {
      expect(s !== null && s < 0.95).toBe(true);
      expect(Math.abs(((0.95 - s!) / 0.05) % 1)).toBeLessThan(1e-9);
    }
    relaxed.distributions().slice(1).forEach((d, r) => {
      expect(d.variance).toBeCloseTo(1.5, 7);
      expect(d.pNoChange).toBeGreaterThanOrEqual(stays[r]! - 1e-9);
    });
  });

  it('makes magnitudes tables on a grid of 1 / step at the classes icat', () => {
    // create_num_ptable(D = 5, V = 2, step = 4, icat = c(1, 3, 5)): ptable's documented example.
    const t = createPTable({ kind: 'magnitudes', D: 5, V: 2, step: 4, icat: [1, 3, 5] });
    expect(t.kind).toBe('magnitudes');
    expect(t.rows.map((r) => r.i)).toEqual([0, 1, 3, 5]);
    const last = t.rows[3]!;
    expect(last.v[0]).toBe(-5);
    expect(last.v[1]).toBe(-4.75);
    expect(last.v.length).toBe(41);
    for (const d of t.distributions().slice(1)) {
      expect(Math.abs(d.mean)).toBeLessThan(1e-8);
      expect(d.variance).toBeCloseTo(2, 7);
    }
  });

  it.each([
    [{ D: 0, V: 1 }, /D must be an integer from 1 to 49/],
    [{ D: 3, V: -1 }, /V must be a finite number > 0/],
    [{ D: 3, V: 1, js: -1 }, /js must be/],
    [{ D: 3, V: 1, pstay: 1 }, /pstay must be a number with 0 < pstay < 1/],
    [{ D: 3, V: 1, mono: [true] }, /mono has 1 values, expected one per row \(3\)/],
    [{ D: 3, V: 1, icat: [1, 3] }, /icat applies to magnitudes tables only/],
    [{ D: 3, V: 1, kind: 'magnitudes' }, /icat is required/],
    [{ D: 3, V: 1, kind: 'magnitudes', icat: [2, 3] }, /containing 1 and D/],
    [{ D: 3, V: 1, typo: 1 }, /unknown option 'typo'/],
    [{ D: 2, V: 0.2, js: 3 }, /i = 1 meets the constraints/],
  ])('refuses %o', (options, message) => {
    expect(() => createPTable(options as never)).toThrow(message);
  });
});
