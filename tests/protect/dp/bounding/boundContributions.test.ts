import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundContributions } from '../../../../src/protect/dp/bounding/boundContributions.js';
import { checkBounds } from '../../../../src/protect/dp/bounding/ContributionBounds.js';
import { fixedPoint, toUnits } from '../../../../src/protect/dp/bounding/FixedPoint.js';
import { ExactDraws } from '../../../../src/protect/dp/noise/ExactDraws.js';
import { rational } from '../../../../src/protect/dp/rational/Rational.js';
import { seededRandomSource } from '../../../../src/random/seededRandomSource.js';
import { chiSquareSurvival } from '../helpers/chiSquare.js';

const input = (cells: number[], persons: number[], l0: number, linf: number, seed: string, units?: number[]) => ({
  cells: Uint32Array.from(cells),
  trash: 99,
  cellCount: 10,
  persons: Uint32Array.from(persons),
  personCount: Math.max(...persons) + 1,
  units: units ? Float64Array.from(units) : undefined,
  maxPartitionsPerPerson: l0,
  maxRowsPerPartition: linf,
  draws: new ExactDraws(seededRandomSource(seed)),
  markKept: true,
});

describe('boundContributions', () => {
  it('keeps everything within the bounds and counts distinct persons, rows and sums (hand counts)', () => {
    // person 0: cell 1 twice (units 5, 7); person 1: cells 1 and 2 (3, 4); person 2: a trash row and cell 3 (9).
    const r = boundContributions(input([1, 1, 1, 2, 99, 3], [0, 0, 1, 1, 2, 2], 2, 2, 'a', [5, 7, 3, 4, 100, 9]));
    expect([...r.persons.slice(0, 4)]).toEqual([0, 2, 1, 1]);
    expect([...r.rows.slice(0, 4)]).toEqual([0, 3, 1, 1]);
    expect([...r.sums!.slice(0, 4)]).toEqual([0, 15, 4, 9]);
    expect([...r.multiOffsets]).toEqual([0, 2]); // person 1 kept two cells
    expect([...r.multiCells].sort()).toEqual([1, 2]);
    expect([...r.kept!]).toEqual([1, 1, 1, 1, 0, 1]);
  });

  it('keeps at most L0 cells and L∞ rows per cell', () => {
    // One person, 3 rows in each of cells 0..4.
    const cells = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4];
    const r = boundContributions(input(cells, new Array(15).fill(0), 2, 2, 'b'));
    expect(r.persons.reduce((a, b) => a + b, 0)).toBe(2);
    expect(r.rows.reduce((a, b) => a + b, 0)).toBe(4);
    for (let c = 0; c < 10; c++) expect(r.rows[c] === 0 || r.rows[c] === 2).toBe(true);
  });

  it('chooses the kept cell and the kept row uniformly at random (chi-square over 3,000 runs)', () => {
    const cellCounts = [0, 0, 0];
    const rowCounts = [0, 0, 0, 0];
    const rng = seededRandomSource('uniform-choice');
    for (let run = 0; run < 3000; run++) {
      const a = boundContributions({ ...input([0, 1, 2], [0, 0, 0], 1, 1, 'x'), draws: new ExactDraws(rng) });
      cellCounts[a.persons.findIndex((v) => v === 1)]!++;
      const b = boundContributions({ ...input([5, 5, 5, 5], [0, 0, 0, 0], 1, 1, 'x'), draws: new ExactDraws(rng) });
      rowCounts[b.kept!.findIndex((v) => v === 1)]!++;
    }
    const x2 = (counts: number[]): number => counts.reduce((s, c) => s + (c - 3000 / counts.length) ** 2 / (3000 / counts.length), 0);
    expect(chiSquareSurvival(x2(cellCounts), 2)).toBeGreaterThan(0.001);
    expect(chiSquareSurvival(x2(rowCounts), 3)).toBeGreaterThan(0.001);
  });

  it('gives the same result whether the rows of a person are contiguous or scattered (property, bounds not binding)', () => {
    // Naive reference: distinct persons, rows and sums per cell, computed with a Set per cell.
    fc.assert(
      fc.property(
        fc.array(fc.record({ p: fc.integer({ min: 0, max: 7 }), c: fc.integer({ min: 0, max: 9 }), u: fc.integer({ min: -5, max: 5 }) }), { maxLength: 60 }),
        (rows) => {
          const sets = Array.from({ length: 10 }, () => new Set<number>());
          const rowCount = new Array<number>(10).fill(0);
          const sum = new Array<number>(10).fill(0);
          for (const r of rows) {
            sets[r.c]!.add(r.p);
            rowCount[r.c]!++;
            sum[r.c]! += r.u;
          }
          // As given (usually scattered), and sorted by person (the grouped one-pass path).
          return [rows, [...rows].sort((a, b) => a.p - b.p)].every((layout) => {
            const persons = layout.map((r) => r.p);
            const got = boundContributions({
              ...input(layout.map((r) => r.c), persons.length ? persons : [0], 10, 60, 'same', layout.map((r) => r.u)),
              persons: Uint32Array.from(persons),
              personCount: 8,
            });
            return (
              [...got.persons.slice(0, 10)].every((v, c) => v === sets[c]!.size) &&
              [...got.rows.slice(0, 10)].every((v, c) => v === rowCount[c]) &&
              [...got.sums!.slice(0, 10)].every((v, c) => v === sum[c])
            );
          });
        },
      ),
    );
  });

  it('bounds scattered persons too: person 0 with rows in 4 cells spread over the extract keeps L0 = 2 of them', () => {
    const r = boundContributions(input([0, 5, 1, 5, 2, 5, 3], [0, 1, 0, 1, 0, 2, 0], 2, 1, 'scattered'));
    expect(r.persons[5]).toBe(2); // persons 1 and 2 (person 1 has two rows in cell 5, kept 1 by L∞)
    expect(r.rows[5]).toBe(2);
    expect(r.persons[0]! + r.persons[1]! + r.persons[2]! + r.persons[3]!).toBe(2);
    expect([...r.multiOffsets]).toEqual([0, 2]);
  });

  it('handles a person with more than 32 rows (native sort path) the same way', () => {
    const cells = Array.from({ length: 100 }, (_, i) => i % 5);
    const r = boundContributions(input(cells, new Array(100).fill(0), 3, 4, 'c'));
    expect(r.persons.reduce((a, b) => a + b, 0)).toBe(3);
    expect(r.rows.reduce((a, b) => a + b, 0)).toBe(12);
  });
});

describe('contribution bounds and fixed point', () => {
  it('requires whole-number bounds', () => {
    expect(() => checkBounds(undefined, 'q')).toThrow(/q: bounds is required/);
    expect(() => checkBounds({ maxPartitionsPerPerson: 1.5, maxRowsPerPartition: 1 }, 'q')).toThrow(/maxPartitionsPerPerson/);
  });

  it('clamps in whole units: [0, 30] at resolution 0.5 gives units 0..60, rounding half away from zero', () => {
    const fp = fixedPoint({ lower: 0, upper: 30, resolution: '0.5' }, 'los');
    expect(fp.upperUnits).toBe(60);
    expect(fp.resolution).toEqual(rational(1n, 2n));
    const u = toUnits(Float64Array.of(-3, 0.25, 0.75, 12.1, 1e300, Number.NaN, Number.POSITIVE_INFINITY), fp);
    expect([...u]).toEqual([0, 1, 2, 24, 60, Number.NaN, 60]);
  });

  it('keeps negative bounds and their largest magnitude', () => {
    const fp = fixedPoint({ lower: -200, upper: 50, resolution: 10 }, 'change');
    expect([fp.lowerUnits, fp.upperUnits, fp.maxAbsUnits]).toEqual([-20, 5, 20]);
    expect(() => fixedPoint({ lower: 5, upper: 1, resolution: 1 }, 'x')).toThrow(/lower <= upper/);
    expect(() => fixedPoint({ lower: 0, upper: 2 ** 31, resolution: 1 }, 'x')).toThrow(/coarser resolution/);
  });
});
