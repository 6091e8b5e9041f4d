import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attackIntervals } from '../../src/audit/attackIntervals.js';
import { AUDIT_REFILLS, BoxMoveFinder } from '../../src/audit/BoxMoveFinder.js';
import { CellSpace } from '../../src/audit/CellSpace.js';
import type { Relations } from '../../src/audit/Relations.js';
import { flat, makeTable, twoByTwo, twoLevel } from './tableHelpers.js';

/**
 * Independent check that a sparse point is a table the attacker cannot rule out: written out from the relation
 * definition (total = sum of members) over every relation, not through the finder's relation index.
 */
function isFeasible(rel: Relations, values: Float64Array, hidden: Uint8Array, cells: Int32Array, moved: Float64Array): boolean {
  const y = values.slice();
  for (let j = 0; j < cells.length; j++) {
    if (!hidden[cells[j]!]) return false; // a published cell moved
    y[cells[j]!] = moved[j]!;
  }
  return holds(rel, y, 0, 1e-9);
}

/** Whether the table `y` has nothing below `-negTol` and every relation adds up within `sumTol`. */
function holds(rel: Relations, y: Float64Array, negTol: number, sumTol: number): boolean {
  for (const v of y) if (!(v >= -negTol)) return false;
  for (let r = 0; r < rel.count; r++) {
    let s = y[rel.totals[r]!]!;
    for (let j = rel.starts[r]!; j < rel.starts[r + 1]!; j++) s -= y[rel.members[j]!]!;
    if (Math.abs(s) > sumTol) return false;
  }
  return true;
}

/** Random 2-4 dimensional hierarchical tables with small counts, and a random hidden pattern over them. */
const tableArb = fc
  .record({
    dims: fc.integer({ min: 2, max: 4 }),
    hierarchical: fc.boolean(),
    seed: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 64, maxLength: 64 }),
    mask: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 400, maxLength: 400 }),
    density: fc.integer({ min: 30, max: 90 }),
  })
  .map(({ dims, hierarchical, seed, mask, density }) => {
    const hs = Array.from({ length: dims }, (_, d) =>
      d === 0 && hierarchical ? twoLevel('T', { a: ['a1', 'a2'], b: ['b1', 'b2', 'b3'] }) : flat('T', dims > 3 ? ['0', '1'] : ['0', '1', '2']),
    );
    const leafCount = hs.reduce((a, h) => a * h.leafCount, 1);
    const leaves = Array.from({ length: leafCount }, (_, i) => seed[i % seed.length]! * ((i * 7) % 3 === 0 ? 1 : 2));
    const t = makeTable(
      hs.map((hierarchy, d) => ({ name: `d${d}`, hierarchy })),
      leaves,
    );
    const hidden = Uint8Array.from({ length: t.cellCount }, (_, c) => (mask[c % mask.length]! < density ? 1 : 0));
    // The grand total stays published, as in any release.
    hidden[t.cellCount - 1] = 0;
    return { t, hidden };
  });

describe('BoxMoveFinder', () => {
  it('moves a 2 x 2 block of hidden cells by the smallest decreasing cell (hand-computed)', () => {
    // rows A, B, total; columns m, f, total. Interior [[3, 1], [2, 4]], margins published.
    // The box +(A,m) -(A,f) -(B,m) +(B,f) can go up by min(1, 2) = 1, asked for 2: (A,m) 4, (A,f) 0, (B,m) 1, (B,f) 5.
    const { table: t, space, at, values } = twoByTwo();
    const hidden = new Uint8Array(t.cellCount);
    for (const c of [at('A', 'm'), at('A', 'f'), at('B', 'm'), at('B', 'f')]) hidden[c] = 1;
    const p = new BoxMoveFinder(space).reach(values, hidden, at('A', 'm'), 1, 2)!;
    const got = new Map([...p.cells].map((c, j) => [c, p.values[j]!]));
    expect(got).toEqual(
      new Map([
        [at('A', 'm'), 4],
        [at('A', 'f'), 0],
        [at('B', 'm'), 1],
        [at('B', 'f'), 5],
      ]),
    );
    expect(p.reached).toBe(1);
    // the working copy is restored: a second call gives the same point
    expect(new BoxMoveFinder(space).reach(values, hidden, at('A', 'm'), 1, 2)!.values).toEqual(p.values);
  });

  it('finds nothing when a published cell closes every box (a cell alone in its row is pinned)', () => {
    const t = makeTable(
      [
        { name: 'r', hierarchy: flat('T', ['A', 'B']) },
        { name: 's', hierarchy: flat('T', ['m', 'f']) },
      ],
      [3, 1, 2, 4],
    );
    const space = CellSpace.fromTables([t]);
    const hidden = new Uint8Array(t.cellCount);
    hidden[t.indexOf({ r: 'A', s: 'm' })] = 1;
    hidden[t.indexOf({ r: 'B', s: 'm' })] = 1;
    expect(new BoxMoveFinder(space).reach(space.values({ kind: 'count' }), hidden, t.indexOf({ r: 'A', s: 'm' }), 1, 1)).toBeUndefined();
  });

  it('returns only feasible tables (a proof) on random hierarchical tables and patterns', () => {
    fc.assert(
      fc.property(tableArb, fc.integer({ min: 1, max: 6 }), fc.boolean(), ({ t, hidden }, amount, up) => {
        const space = CellSpace.fromTables([t]);
        const values = space.values({ kind: 'count' });
        const finder = new BoxMoveFinder(space);
        for (let c = 0; c < t.cellCount; c++) {
          if (!hidden[c]) continue;
          const p = finder.reach(values, hidden, c, up ? 1 : -1, amount);
          if (!p) continue;
          expect(isFeasible(space.relations, values, hidden, p.cells, p.values)).toBe(true);
          // each moved cell listed once (a cell moved by several chained boxes carries its final value)
          expect(new Set(p.cells).size).toBe(p.cells.length);
          const j = [...p.cells].indexOf(c);
          expect(j).toBeGreaterThanOrEqual(0);
          expect((p.values[j]! - values[c]!) * (up ? 1 : -1)).toBeCloseTo(p.reached, 9);
          expect(p.reached).toBeGreaterThan(0);
          expect(p.reached).toBeLessThanOrEqual(amount);
        }
      }),
      { numRuns: 40, seed: 314 },
    );
  });
});

describe('BoxMoveFinder.reach: a chain of boxes', () => {
  // `reach` goes on from the box it applied last instead of searching from the first box again (the boxes before it
  // stay unusable). The claim: the same chain as one fresh search (`find`, on another finder) per move from the table
  // the moves so far made, applied the way `reach` documents (each box as far as it goes, a cell emptied to exactly
  // 0, at most 16 moves, no refills here). Small tables: no search runs out of its budget of cell checks.
  it('equals the chain of fresh searches, one per move, on random tables and patterns', () => {
    let chained = 0;
    fc.assert(
      fc.property(tableArb, fc.integer({ min: 1, max: 9 }), fc.boolean(), ({ t, hidden }, amount, up) => {
        const space = CellSpace.fromTables([t]);
        const values = space.values({ kind: 'count' });
        const finder = new BoxMoveFinder(space);
        const fresh = new BoxMoveFinder(space);
        const dir = up ? 1 : -1;
        for (let c = 0; c < t.cellCount; c++) {
          if (!hidden[c]) continue;
          const cur = values.slice();
          let left = amount;
          let moves = 0;
          for (; moves < 16 && left > 1e-12 * amount; moves++) {
            const m = fresh.find(cur, hidden, c, dir, left);
            if (!m) break;
            m.cells.forEach((x, j) => {
              cur[x] = cur[x]! + m.step * m.signs[j]!;
              if (m.signs[j]! < 0 && Math.abs(cur[x]!) <= 1e-12 * Math.max(1, Math.abs(values[x]!))) cur[x] = 0;
            });
            left = amount - (cur[c]! - values[c]!) * dir;
          }
          if (moves > 1) chained++;
          const expected = [...cur.keys()].filter((x) => cur[x] !== values[x]).map((x) => [x, cur[x]]);
          const p = finder.reach(values, hidden, c, dir, amount);
          const got = p ? [...p.cells].map((x, j) => [x, p.values[j]!]).filter(([x, v]) => v !== values[x!]).sort((a, b) => a[0]! - b[0]!) : [];
          expect(got).toEqual(expected);
        }
      }),
      { numRuns: 40, seed: 1618 },
    );
    // Not vacuous: chains of several boxes occur.
    expect(chained).toBeGreaterThan(20);
  });
});

describe('BoxMoveFinder.publishedBlockers', () => {
  // The claim boxRepair relies on: hiding a published cell outside the blockers leaves the chain exactly as it was
  // (the same cells and values, checked here against a fresh finder on the grown pattern), and such a chain never
  // moves that cell. The blockers themselves are published cells. With and without refills (the repairs' setting).
  it('lists every published cell whose hiding could change the chain (random tables, patterns, amounts)', () => {
    let changed = 0;
    let skipped = 0;
    fc.assert(
      fc.property(tableArb, fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.boolean(), ({ t, hidden }, amount, up, refill) => {
        const space = CellSpace.fromTables([t]);
        const values = space.values({ kind: 'count' });
        const options = refill ? { refills: AUDIT_REFILLS } : {};
        const finder = new BoxMoveFinder(space, options);
        const dir = up ? 1 : -1;
        for (let target = 0; target < t.cellCount; target += 3) {
          if (!hidden[target]) continue;
          const blockers = new Set(finder.publishedBlockers(values, hidden, target, dir, amount));
          for (const b of blockers) expect(hidden[b]).toBe(0);
          const before = finder.reach(values, hidden, target, dir, amount);
          for (let c = 0; c < t.cellCount; c++) {
            if (hidden[c]) continue;
            hidden[c] = 1;
            const after = new BoxMoveFinder(space, options).reach(values, hidden, target, dir, amount);
            hidden[c] = 0;
            const same = JSON.stringify(after && [[...after.cells], [...after.values]]) === JSON.stringify(before && [[...before.cells], [...before.values]]);
            if (!blockers.has(c)) {
              skipped++;
              expect(same).toBe(true);
              expect(after ? [...after.cells].includes(c) : false).toBe(false);
            } else if (!same) changed++;
          }
        }
      }),
      { numRuns: 30, seed: 2718 },
    );
    // Not vacuous: both kinds of cells occur, and hiding some blockers does change the chain.
    expect(skipped).toBeGreaterThan(0);
    expect(changed).toBeGreaterThan(0);
  });
});

/** Whether `y` is a table the attacker cannot rule out, up to LP round-off: relations hold, nothing negative, published cells at `values`. */
function isTableOf(rel: Relations, values: Float64Array, hidden: Uint8Array, y: Float64Array): boolean {
  for (let c = 0; c < y.length; c++) if (!hidden[c] && y[c] !== values[c]) return false;
  return holds(rel, y, 1e-7, 1e-7);
}

describe('attackIntervals with moves (the fast path) against the plain LP', () => {
  it('gives the same verdict for every goal, and inner bounds inside the exact interval', async () => {
    let certified = 0; // targets whose goals the moves alone proved (inner bounds): the fast path was exercised
    let fromLp = 0; // moves started from a saturating LP's table (the goals still open after it)
    await fc.assert(
      fc.asyncProperty(tableArb, fc.integer({ min: 1, max: 8 }), fc.boolean(), async ({ t, hidden }, n, lowerGoal) => {
        const space = CellSpace.fromTables([t]);
        const values = space.values({ kind: 'count' });
        const targets = Int32Array.from([...hidden.keys()].filter((c) => hidden[c] && values[c]! > 0 && values[c]! < n));
        if (targets.length === 0) return;
        // Frequency-rule goals (upper reaches n), and on some runs a p%-like lower goal (down by half the value).
        const goals = [...targets].map((c) => ({ upper: n, lower: lowerGoal ? values[c]! / 2 : Infinity, width: 0 }));
        const base = { relations: space.relations, values, hidden, targets, describe: String };
        const exact = await attackIntervals(base); // no goals: every bound exact, no move used
        // The audit's finder: chains with refills (auditSpace).
        const finder = new BoxMoveFinder(space, { refills: AUDIT_REFILLS });
        const moves = (c: number, d: 1 | -1, a: number, from?: Float64Array) => {
          if (from) {
            fromLp++;
            // the table a move starts from must itself be one the attacker cannot rule out
            expect(isTableOf(space.relations, values, hidden, from)).toBe(true);
          }
          return finder.reach(from ?? values, hidden, c, d, a);
        };
        const fast = await attackIntervals({ ...base, goals, moves });
        const slow = await attackIntervals({ ...base, goals });
        targets.forEach((_, i) => {
          if (!fast.exact[i]) certified++;
          const g = goals[i]!;
          const verdict = (lo: number, hi: number): boolean => hi >= g.upper - 1e-6 && lo <= g.lower + 1e-6;
          const truth = verdict(exact.lower[i]!, exact.upper[i]!);
          expect(verdict(fast.lower[i]!, fast.upper[i]!)).toBe(truth);
          expect(verdict(slow.lower[i]!, slow.upper[i]!)).toBe(truth);
          // inner bounds are values of feasible tables: inside the exact interval
          expect(fast.lower[i]!).toBeGreaterThanOrEqual(exact.lower[i]! - 1e-6);
          expect(fast.upper[i]!).toBeLessThanOrEqual(exact.upper[i]! + 1e-6);
          if (fast.exact[i]) {
            expect(fast.lower[i]!).toBeCloseTo(exact.lower[i]!, 6);
            if (Number.isFinite(exact.upper[i]!)) expect(fast.upper[i]!).toBeCloseTo(exact.upper[i]!, 6);
            else expect(fast.upper[i]!).toBe(Infinity);
          }
        });
        // the narrowest width is exact and equals the true narrowest
        const widths = (b: typeof exact): number[] => [...targets].map((_, i) => b.upper[i]! - b.lower[i]!);
        const trueMin = Math.min(...widths(exact));
        const fw = widths(fast);
        const fastMin = Math.min(...fw);
        if (Number.isFinite(trueMin)) expect(fastMin).toBeCloseTo(trueMin, 6);
        expect(fw.some((w, i) => w === fastMin && fast.exact[i] === 1)).toBe(true);
      }),
      { numRuns: 60, seed: 2718 },
    );
    expect(certified).toBeGreaterThan(20);
    expect(fromLp).toBeGreaterThan(0);
  });
});
