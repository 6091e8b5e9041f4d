import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attackIntervals, type AttackGoal } from '../../src/audit/attackIntervals.js';
import { BoxMoveFinder } from '../../src/audit/BoxMoveFinder.js';
import { NarrowestBudget } from '../../src/audit/NarrowestBudget.js';
import { smallRandomSpace } from './tableHelpers.js';

/**
 * A random 2-3 dimensional table with many small counts, every cell with count in 1..n-1 hidden plus some others
 * (the grand total stays published), and the frequency rule's goal (the upper bound must reach n) per target.
 */
const tableArb = fc
  .record({
    dims: fc.integer({ min: 2, max: 3 }),
    hierarchical: fc.boolean(),
    seed: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 48, maxLength: 48 }),
    mask: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 200, maxLength: 200 }),
    more: fc.integer({ min: 0, max: 40 }),
    n: fc.integer({ min: 2, max: 5 }),
  })
  .map(({ dims, hierarchical, seed, mask, more, n }) => {
    const { table: t, space } = smallRandomSpace(dims, hierarchical, seed);
    const counts = space.values({ kind: 'count' });
    const hidden = Uint8Array.from(counts, (v, c) => ((v > 0 && v < n) || mask[c % mask.length]! < more ? 1 : 0));
    hidden[t.cellCount - 1] = 0;
    const targets = Int32Array.from([...hidden.keys()].filter((c) => hidden[c] && counts[c]! > 0 && counts[c]! < n));
    const goals: AttackGoal[] = Array.from(targets, () => ({ upper: n, lower: Infinity, width: 0 }));
    return { space, counts, hidden, targets, goals, n };
  });

/** One fixed table of the arbitrary above (its first sample with seed 1). */
function tableArbExample(): ReturnType<typeof tableArb.generate>['value'] {
  return fc.sample(tableArb, { numRuns: 1, seed: 1 })[0]!;
}

describe('attackIntervals: the walk that makes the narrowest width exact', () => {
  it('with exactBelow, makes exact only what lies below it, and the narrowest of targets and outside is exact', async () => {
    let leftInner = 0; // inner widths left below the walk's own narrowest because of exactBelow
    await fc.assert(
      fc.asyncProperty(tableArb, fc.integer({ min: 0, max: 6 }), async ({ space, counts, hidden, targets, goals }, outside) => {
        if (targets.length === 0) return;
        const finder = new BoxMoveFinder(space);
        const moves = (c: number, d: 1 | -1, a: number, from?: Float64Array) => finder.reachShared(from ?? counts, hidden, c, d, a);
        const input = { relations: space.relations, values: counts, hidden, targets, goals, moves, describe: String };
        const b = await attackIntervals({ ...input, exactBelow: outside });
        const ex = await attackIntervals({ relations: space.relations, values: counts, hidden, targets, describe: String });
        const trueMin = Math.min(outside, ...targets.map((_, i) => ex.upper[i]! - ex.lower[i]!));
        // The narrowest of the targets' reported widths and the outside one: exact, and the true narrowest.
        let narrowest = outside;
        let narrowestExact = true;
        targets.forEach((_, i) => {
          const w = b.upper[i]! - b.lower[i]!;
          if (w < narrowest || (w === narrowest && b.exact[i] && !narrowestExact)) {
            narrowest = w;
            narrowestExact = b.exact[i] === 1;
          }
          if (!b.exact[i]) expect(w).toBeGreaterThanOrEqual(Math.min(outside, ...[...b.exact.keys()].filter((k) => b.exact[k]).map((k) => b.upper[k]! - b.lower[k]!)) - 1e-6);
        });
        expect(narrowestExact).toBe(true);
        expect(narrowest).toBeCloseTo(trueMin, 6);
        const own = await attackIntervals(input);
        const ownExact = [...own.exact].filter((e) => e).length;
        if ([...b.exact].filter((e) => e).length < ownExact) leftInner++;
      }),
      { numRuns: 60, seed: 31 },
    );
    expect(leftInner).toBeGreaterThan(0);
  });

  it('with a narrowestBudget, stops before overdrawing it: the bounds stay proved inner bounds and the goals verdicts unchanged', async () => {
    let cuts = 0;
    await fc.assert(
      fc.asyncProperty(tableArb, fc.constantFrom(0, 1, 2_000, 20_000, Infinity), async ({ space, counts, hidden, targets, goals }, work) => {
        if (targets.length === 0) return;
        const finder = new BoxMoveFinder(space);
        const moves = (c: number, d: 1 | -1, a: number, from?: Float64Array) => finder.reachShared(from ?? counts, hidden, c, d, a);
        const input = { relations: space.relations, values: counts, hidden, targets, goals, moves, describe: String };
        const budget = new NarrowestBudget(work);
        const b = await attackIntervals({ ...input, narrowestBudget: budget });
        // The second implementation: every bound exact (no goals, no walk).
        const ex = await attackIntervals({ relations: space.relations, values: counts, hidden, targets, describe: String });
        let narrowest = Infinity;
        let narrowestExact = false;
        targets.forEach((_, i) => {
          // Inner bounds: inside the exact interval (equal when exact).
          expect(b.lower[i]!).toBeGreaterThanOrEqual(ex.lower[i]! - 1e-6);
          expect(b.upper[i]!).toBeLessThanOrEqual(ex.upper[i]! + 1e-6);
          if (b.exact[i]) {
            expect(b.lower[i]!).toBeCloseTo(ex.lower[i]!, 6);
            expect(b.upper[i]!).toBeCloseTo(ex.upper[i]!, 6);
          }
          // The goal (upper >= n) holds exactly when it holds for the exact interval.
          expect(b.upper[i]! >= goals[i]!.upper - 1e-6).toBe(ex.upper[i]! >= goals[i]!.upper - 1e-6);
          const w = b.upper[i]! - b.lower[i]!;
          if (w < narrowest || (w === narrowest && b.exact[i] && !narrowestExact)) {
            narrowest = w;
            narrowestExact = b.exact[i] === 1;
          }
        });
        const trueMin = Math.min(...targets.map((_, i) => ex.upper[i]! - ex.lower[i]!));
        // Cut or not, the reported narrowest never exceeds the true one; without a cut it is exact and equal to it.
        expect(narrowest).toBeLessThanOrEqual(trueMin + 1e-6);
        if (!budget.cut) {
          expect(narrowestExact).toBe(true);
          expect(narrowest).toBeCloseTo(trueMin, 6);
        } else {
          cuts++;
          expect(work).not.toBe(Infinity);
        }
      }),
      { numRuns: 80, seed: 37 },
    );
    // Some walks were cut (the property above is not vacuous).
    expect(cuts).toBeGreaterThan(0);
  });

  it('a NarrowestBudget is exhausted once its work is spent (the last charge may overdraw it); a negative or NaN budget is rejected', () => {
    const budget = new NarrowestBudget(1000);
    budget.spend(600);
    expect(budget.exhausted).toBe(false);
    budget.spend(600);
    expect(budget.exhausted).toBe(true);
    expect(budget.remaining).toBe(-200);
    expect(new NarrowestBudget(0).exhausted).toBe(true);
    const endless = new NarrowestBudget(Infinity);
    endless.spend(1e300);
    expect(endless.exhausted).toBe(false);
    for (const bad of [-1, Number.NaN]) expect(() => new NarrowestBudget(bad)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('rejects a negative or NaN exactBelow before touching the data', async () => {
    const { space, counts, hidden, targets } = tableArbExample();
    for (const bad of [-1, Number.NaN]) {
      await expect(attackIntervals({ relations: space.relations, values: counts, hidden, targets, describe: String, exactBelow: bad })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    }
  });
});
