import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anotherRound, goesCold, progressWeight } from '../../src/audit/saturatingRounds.js';

// The round policy's choices, against hand-computed values and the counts of the benchmark tables' cores quoted in
// the source's measurements (the 110k-cell table and the registry's 108,576-cell one).
describe('anotherRound (how many saturating rounds a core runs before its exact LPs)', () => {
  it('always runs the first six rounds, however few goals are open or were certified', () => {
    for (let round = 0; round < 6; round++) {
      expect(anotherRound(round, 1, 0, 0, 2525)).toBe(true);
      expect(anotherRound(round, 1000, 1000, 1, 2525)).toBe(true);
    }
  });
  it('goes on after six only while at least 32 goals are open and the last round certified an eighth of its goals', () => {
    // 1,433 open → 1,114 left: 319 certified, more than an eighth
    expect(anotherRound(6, 1114, 1433, 319, 2525)).toBe(true);
    // exactly an eighth goes on, just under it stops
    expect(anotherRound(7, 100, 800, 100, 2525)).toBe(true);
    expect(anotherRound(7, 701, 800, 99, 2525)).toBe(false);
    // 31 open: the exact LPs take over, whatever the yield
    expect(anotherRound(6, 32, 64, 32, 2525)).toBe(true);
    expect(anotherRound(6, 31, 64, 33, 2525)).toBe(false);
  });
  it('on a core of 10,000 columns or more, goes on while the last round certified two goals, up to 400 rounds', () => {
    // the 59,904-cell 5-dimensional table's core (13,899 columns): 1,354 open → 1,315 left at round 39
    expect(anotherRound(40, 1315, 1354, 39, 13899)).toBe(true);
    expect(anotherRound(6, 3, 5, 2, 12275)).toBe(true);
    expect(anotherRound(6, 4, 5, 1, 12275)).toBe(false);
    expect(anotherRound(399, 100, 102, 2, 12275)).toBe(true);
    expect(anotherRound(400, 100, 102, 2, 12275)).toBe(false);
    // just under the size: 32 open goals and an eighth, up to 40 rounds
    expect(anotherRound(6, 31, 64, 33, 9999)).toBe(false);
    expect(anotherRound(40, 1000, 1000, 500, 9999)).toBe(false);
  });
  it('stops at 40 rounds', () => {
    expect(anotherRound(39, 5000, 6000, 1000, 2525)).toBe(true);
    expect(anotherRound(40, 5000, 6000, 1000, 2525)).toBe(false);
  });
});

describe('goesCold (when the saturating rounds drop the warm start)', () => {
  it('after a round that certified at least a sixteenth of the columns, never before the first solve', () => {
    // the registry table's largest core: 528 of 6,659 columns certified by its first round (7.9 %)
    expect(goesCold(1, 528, 6659)).toBe(true);
    // the 110k-cell table's largest: 56 of 2,525 (2.2 %)
    expect(goesCold(1, 56, 2525)).toBe(false);
    expect(goesCold(3, 100, 1600)).toBe(true);
    expect(goesCold(3, 99, 1600)).toBe(false);
    expect(goesCold(0, 1000, 1000)).toBe(false);
  });
});

describe('progressWeight (how much a saturating round after the first values an open goal)', () => {
  it('is 1 / (left / first + 0.15): hand-computed values', () => {
    // untouched: 1 / (1 + 0.15)
    expect(progressWeight(4, 4)).toBeCloseTo(1 / 1.15, 12);
    // three quarters of the way: 1 / (0.25 + 0.15) = 2.5
    expect(progressWeight(1, 4)).toBeCloseTo(2.5, 12);
    // at the goal (a rounding hair past it counts as there): 1 / 0.15
    expect(progressWeight(0, 3)).toBeCloseTo(1 / 0.15, 12);
    expect(progressWeight(-1e-9, 3)).toBeCloseTo(1 / 0.15, 12);
  });
  it('weighs a goal more the closer the last round brought it, whatever the unit', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (first, a, b) => {
        const [near, far] = a < b ? [a, b] : [b, a];
        expect(progressWeight(near * first, first)).toBeGreaterThanOrEqual(progressWeight(far * first, first));
        // scale-free: the same share of the way gives the same weight in persons or in kroner
        expect(progressWeight(a * first * 1000, first * 1000)).toBeCloseTo(progressWeight(a * first, first), 9);
      }),
    );
  });
  it("is 1 when the goal's first distance is unknown (a table read without hidden values)", () => {
    expect(progressWeight(2, Infinity)).toBe(1);
    expect(progressWeight(2, Number.NaN)).toBe(1);
    expect(progressWeight(2, 0)).toBe(1);
  });
});
