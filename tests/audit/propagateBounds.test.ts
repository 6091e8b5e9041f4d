import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attackIntervals } from '../../src/audit/attackIntervals.js';
import { CellSpace } from '../../src/audit/CellSpace.js';
import { propagateBounds } from '../../src/audit/propagateBounds.js';
import type { Relations } from '../../src/audit/Relations.js';
import { frequencyRule } from '../../src/protect/suppression/rules/frequencyRule.js';
import { boundTargets, propagatedFailures } from '../../src/protect/suppression/propagatedFailures.js';
import { seededRandomSource } from '../../src/random/seededRandomSource.js';
import { flat, makeTable, smallPatternArb, twoLevel } from './tableHelpers.js';

const patternArb = smallPatternArb(40);

describe('propagateBounds', () => {
  it('bounds a 2 x 2 table with published margins as the LP does (hand-computed)', () => {
    // Interior [[1, 2], [3, 4]] hidden; rows 3 and 7, columns 4 and 6, total 10 published. By hand: x11 <= 3 (row
    // A), so x22 = 3 + x11 lies in [3, 6], x12 = 3 - x11 in [0, 3], x21 = 4 - x11 in [1, 4]; x11 in [0, 3].
    const t = makeTable(
      [
        { name: 'r', hierarchy: flat('T', ['A', 'B']) },
        { name: 's', hierarchy: flat('T', ['x', 'y']) },
      ],
      [1, 2, 3, 4],
    );
    const space = CellSpace.fromTables([t]);
    const values = space.values({ kind: 'count' });
    const hidden = new Uint8Array(t.cellCount);
    const at = (r: string, s: string): number => t.indexOf({ r, s });
    for (const [r, s] of [['A', 'x'], ['A', 'y'], ['B', 'x'], ['B', 'y']] as const) hidden[at(r, s)] = 1;
    const b = propagateBounds(space.relations, values, hidden);
    const bounds = (r: string, s: string): [number, number] => [b.lower[at(r, s)]!, b.upper[at(r, s)]!];
    expect(bounds('A', 'x')).toEqual([0, 3]);
    expect(bounds('A', 'y')).toEqual([0, 3]);
    expect(bounds('B', 'x')).toEqual([1, 4]);
    expect(bounds('B', 'y')).toEqual([3, 6]);
    expect(bounds('T', 'T')).toEqual([10, 10]);
  });

  it('holds the LP interval of every hidden cell, and pins every published one (random tables)', async () => {
    let tight = 0; // hidden cells whose propagated upper bound equals the LP maximum
    await fc.assert(
      fc.asyncProperty(patternArb, async ({ space, counts, hidden }) => {
        const b = propagateBounds(space.relations, counts, hidden);
        const targets = Int32Array.from([...hidden.keys()].filter((c) => hidden[c]));
        for (let c = 0; c < hidden.length; c++) {
          if (!hidden[c]) {
            expect(b.lower[c]).toBe(counts[c]);
            expect(b.upper[c]).toBe(counts[c]);
          }
        }
        if (targets.length === 0) return;
        // The second implementation: the attacker's exact LPs (no goals, no moves).
        const lp = await attackIntervals({ relations: space.relations, values: counts, hidden, targets, describe: String });
        targets.forEach((c, i) => {
          expect(b.lower[c]!).toBeLessThanOrEqual(lp.lower[i]! + 1e-7);
          expect(b.upper[c]!).toBeGreaterThanOrEqual(lp.upper[i]! - 1e-7);
          if (Math.abs(b.upper[c]! - lp.upper[i]!) < 1e-7) tight++;
        });
      }),
      { numRuns: 60, seed: 612 },
    );
    expect(tight).toBeGreaterThan(100);
  });
});

/**
 * The readable version, as a second implementation: every relation read in every sweep (Gauss-Seidel, in relation
 * order), the sums recomputed for each member, until a sweep changes nothing or 50 sweeps. Written from the
 * definition in propagateBounds' doc, not from its code's bookkeeping.
 */
function fullSweeps(rel: Relations, values: Float64Array, hidden: Uint8Array): { lower: Float64Array; upper: Float64Array } {
  const lower = Float64Array.from(values, (v, c) => (hidden[c] ? 0 : v));
  const upper = Float64Array.from(values, (v, c) => (hidden[c] ? Infinity : v));
  const better = (now: number, was: number): boolean => now < was - 1e-9 * Math.max(1, Math.abs(now));
  for (let sweep = 0; sweep < 50; sweep++) {
    let changed = false;
    for (let r = 0; r < rel.count; r++) {
      const t = rel.totals[r]!;
      const ms = Array.from(rel.members.subarray(rel.starts[r]!, rel.starts[r + 1]!));
      if (!hidden[t] && !ms.some((m) => hidden[m])) continue;
      const sumL = (): number => ms.reduce((a, m) => a + lower[m]!, 0);
      const sumU = (skip = -1): number => ms.reduce((a, m, i) => (i === skip ? a : a + upper[m]!), 0);
      if (hidden[t]) {
        const u = sumU();
        if (Number.isFinite(u) && better(u, upper[t]!)) { upper[t] = u; changed = true; }
        const l = sumL();
        if (better(-l, -lower[t]!)) { lower[t] = l; changed = true; }
      }
      ms.forEach((m, i) => {
        if (!hidden[m]) return;
        if (upper[t] !== Infinity) {
          const u = upper[t]! - (sumL() - lower[m]!);
          if (better(u, upper[m]!)) { upper[m] = u; changed = true; }
        }
        const others = sumU(i);
        if (Number.isFinite(others)) {
          const l = lower[t]! - others;
          if (better(-l, -lower[m]!)) { lower[m] = l; changed = true; }
        }
      });
    }
    if (!changed) break;
  }
  return { lower, upper };
}

describe('propagateBounds against full sweeps', () => {
  it('contains every hidden cell\'s true value on tables of money, never crossing by round-off (random tables)', () => {
    // Decimal sums up to 1e10 NOK: the relations hold to round-off only. A bound that crossed its cell's other bound by
    // round-off used to feed the next relations, sweep after sweep, until the bounds ran off to +-1e100 and beyond (2
    // of 300 such tables; the registry's costs by municipality x 10-year age x sex x year: 2,565 cost targets taken for
    // failures both ways). Now every bound holds the true value to round-off of the table's size.
    const dims = [
      { name: 'place', hierarchy: twoLevel('Norge', { A: ['a1', 'a2', 'a3'], B: ['b1', 'b2', 'b3'], C: ['c1', 'c2'] }) },
      { name: 'age', hierarchy: flat('All', ['0-39', '40-59', '60-79', '80+']) },
      { name: 'sex', hierarchy: flat('Both', ['1', '2']) },
      { name: 'year', hierarchy: flat('Y', ['1', '2', '3']) },
    ];
    fc.assert(
      fc.property(
        // Øre as i^3: many small values beside a few of up to 1e10 NOK, as costs are.
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 192, maxLength: 192 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 50, max: 95 }),
        (roots, seed, share) => {
          const table = makeTable(dims, roots.map((i) => i ** 3 / 100));
          const space = CellSpace.fromTables([table]);
          const values = space.values({ kind: 'count' });
          const rng = seededRandomSource(`propagate-${seed}`);
          const hidden = Uint8Array.from({ length: space.cellCount }, () => (rng.nextUint32() % 100 < share ? 1 : 0));
          const b = propagateBounds(space.relations, values, hidden);
          const size = Math.max(1, ...values);
          for (let c = 0; c < space.cellCount; c++) {
            expect(b.lower[c]! - values[c]!).toBeLessThanOrEqual(1e-12 * size);
            expect(values[c]! - b.upper[c]!).toBeLessThanOrEqual(1e-12 * size);
          }
        },
      ),
      { numRuns: 100, seed: 1924 },
    );
  });

  it('gives the bounds of reading every relation in every sweep (random tables and patterns)', () => {
    let cells = 0;
    fc.assert(
      fc.property(patternArb, ({ space, counts, hidden }) => {
        const b = propagateBounds(space.relations, counts, hidden);
        const ref = fullSweeps(space.relations, counts, hidden);
        for (let c = 0; c < hidden.length; c++) {
          expect(b.lower[c]).toBeCloseTo(ref.lower[c]!, 9);
          if (ref.upper[c] === Infinity) expect(b.upper[c]).toBe(Infinity);
          else expect(b.upper[c]).toBeCloseTo(ref.upper[c]!, 9);
          if (hidden[c]) cells++;
        }
      }),
      { numRuns: 80, seed: 1123 },
    );
    expect(cells).toBeGreaterThan(500);
  });
});

describe('propagatedFailures', () => {
  it('lists only failures the attacker LP confirms (count < n)', async () => {
    let found = 0;
    await fc.assert(
      fc.asyncProperty(patternArb, async ({ space, counts, hidden, n }) => {
        const primary = Uint8Array.from(counts, (v) => (v > 0 && v < n ? 1 : 0));
        const rules = [frequencyRule({ n })];
        const failures = propagatedFailures(space, boundTargets(space, rules, primary), hidden);
        found += failures.length;
        if (failures.length === 0) return;
        for (const f of failures) {
          expect(primary[f.cell]).toBe(1);
          expect(f.verdict.pass).toBe(false);
          expect(f.verdict.failUpper).toBe(true);
        }
        const lp = await attackIntervals({ relations: space.relations, values: counts, hidden, targets: Int32Array.from(failures, (f) => f.cell), describe: String });
        failures.forEach((_, i) => expect(lp.upper[i]!).toBeLessThan(n - 1e-6));
      }),
      { numRuns: 60, seed: 613 },
    );
    expect(found).toBeGreaterThan(20);
  });
});

describe('propagateBounds called again (it keeps the last bounds per set of relations)', () => {
  it('gives the fresh bounds after every change of the pattern or of a published value, and copies on a repeat', () => {
    let repeats = 0;
    fc.assert(
      fc.property(patternArb, fc.nat(), ({ space, counts, hidden }, pick) => {
        const rel = space.relations;
        // The reference: the same propagation over a copy of the relations (another object, so nothing kept).
        const check = (values: Float64Array, h: Uint8Array): ReturnType<typeof propagateBounds> => {
          const b = propagateBounds(rel, values, h);
          const ref = propagateBounds({ ...rel }, values, h);
          expect([...b.lower]).toEqual([...ref.lower]);
          expect([...b.upper]).toEqual([...ref.upper]);
          return b;
        };
        const first = check(counts, hidden);
        // The same input again (values a fresh copy, as the repair loop passes them): equal bounds, new arrays, and
        // a caller's write into one result does not reach the next.
        first.upper.fill(-1);
        const again = check(counts.slice(), hidden);
        expect(again.upper).not.toBe(first.upper);
        again.lower.fill(-1);
        check(counts, hidden);
        repeats++;
        // One more cell hidden, then the pattern as before, then a published value changed.
        const published = [...hidden.keys()].filter((c) => !hidden[c]);
        if (published.length === 0) return;
        const c = published[pick % published.length]!;
        const more = hidden.slice();
        more[c] = 1;
        check(counts, more);
        check(counts, hidden);
        const changed = counts.slice();
        changed[c] = changed[c]! + 1;
        check(changed, hidden);
        // A hidden cell's value is not read: changing it gives the same bounds.
        const h = [...hidden.keys()].find((x) => hidden[x]);
        if (h !== undefined) {
          const other = counts.slice();
          other[h] = other[h]! + 7;
          check(other, hidden);
        }
      }),
      { numRuns: 60, seed: 2311 },
    );
    expect(repeats).toBeGreaterThan(30);
  });
});
