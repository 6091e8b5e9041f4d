import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attackIntervals } from '../../src/audit/attackIntervals.js';
import { AUDIT_REFILLS, BoxMoveFinder } from '../../src/audit/BoxMoveFinder.js';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { CellSpace } from '../../src/audit/CellSpace.js';
import type { Relations } from '../../src/audit/Relations.js';
import { flat, makeTable, twoLevel } from './tableHelpers.js';

/** Every relation (total = sum of members) holds and nothing is negative, written out from the definition. */
function isFeasible(rel: Relations, values: Float64Array, hidden: Uint8Array, cells: Int32Array, moved: Float64Array): boolean {
  const y = values.slice();
  for (let j = 0; j < cells.length; j++) {
    if (!hidden[cells[j]!]) return false;
    y[cells[j]!] = moved[j]!;
  }
  for (const v of y) if (v < -1e-12) return false;
  for (let r = 0; r < rel.count; r++) {
    let s = y[rel.totals[r]!]!;
    for (let j = rel.starts[r]!; j < rel.starts[r + 1]!; j++) s -= y[rel.members[j]!]!;
    if (Math.abs(s) > 1e-9) return false;
  }
  return true;
}

/**
 * Rows A, B, C × columns x, y, z with margins, interior
 *      x  y  z
 *   A  2  1  3
 *   B  4  2  5
 *   C  6  3  2
 * hidden: Ax, Ay, Az, Bx, By, Cy, Cz (Bz, Cx and every margin published).
 */
function threeByThree(): { space: CellSpace; values: Float64Array; hidden: Uint8Array; at: (r: string, s: string) => number } {
  const table = makeTable(
    [
      { name: 'r', hierarchy: flat('T', ['A', 'B', 'C']) },
      { name: 's', hierarchy: flat('T', ['x', 'y', 'z']) },
    ],
    [2, 1, 3, 4, 2, 5, 6, 3, 2],
  );
  const space = CellSpace.fromTables([table]);
  const at = (r: string, s: string): number => table.indexOf({ r, s });
  const hidden = new Uint8Array(table.cellCount);
  for (const [r, s] of [['A', 'x'], ['A', 'y'], ['A', 'z'], ['B', 'x'], ['B', 'y'], ['C', 'y'], ['C', 'z']] as const) hidden[at(r, s)] = 1;
  return { space, values: space.values({ kind: 'count' }), hidden, at };
}

describe('BoxMoveFinder: refilling a cell the chain emptied', () => {
  it('goes on past a stuck box by refilling the emptied cell (hand-computed; the plain chain stops at 1)', () => {
    // Up on Ax by 3. Ax's only box with every cell hidden is +Ax -Ay -Bx +By (Bz and Cx are published): it goes
    // min(Ay = 1, Bx = 4, 3) = 1 and empties Ay (Ax 3, Ay 0, Bx 3, By 3). Stuck there: the chain before refills
    // stopped at reached = 1. Refill Ay: its first box, +Ay -Ax -By +Bx, would move Ax back and is skipped; the
    // next, +Ay -Az -Cy +Cz, goes min(Az = 3, Cy = 3, what is left = 2) = 2 (Ay 2, Az 1, Cy 1, Cz 4). Then the
    // first box again, min(Ay = 2, Bx = 3, 2) = 2: Ax 5, Ay 0, Bx 1, By 5. Reached 3.
    // Rows: A 5 + 0 + 1 = 6, B 1 + 5 + 5 = 11, C 6 + 1 + 4 = 11; columns: x 5 + 1 + 6 = 12, y 0 + 5 + 1 = 6,
    // z 1 + 5 + 4 = 10: the margins of the true table.
    const { space, values, hidden, at } = threeByThree();
    const p = new BoxMoveFinder(space, { refills: AUDIT_REFILLS }).reach(values, hidden, at('A', 'x'), 1, 3)!;
    const got = new Map([...p.cells].map((c, j) => [c, p.values[j]!]));
    expect(got).toEqual(
      new Map([
        [at('A', 'x'), 5],
        [at('A', 'y'), 0],
        [at('B', 'x'), 1],
        [at('B', 'y'), 5],
        [at('A', 'z'), 1],
        [at('C', 'y'), 1],
        [at('C', 'z'), 4],
      ]),
    );
    expect(p.reached).toBe(3);
    expect(isFeasible(space.relations, values, hidden, p.cells, p.values)).toBe(true);
  });

  it('stops where the chain is stuck without refills (the default: 1 of 3, Ax 3), and rejects a bad option', () => {
    const { space, values, hidden, at } = threeByThree();
    const p = new BoxMoveFinder(space).reach(values, hidden, at('A', 'x'), 1, 3)!;
    expect(p.reached).toBe(1);
    expect(p.values[[...p.cells].indexOf(at('A', 'x'))]).toBe(3);
    for (const refills of [-1, 1.5, Number.NaN]) {
      expect(() => new BoxMoveFinder(space, { refills })).toThrow(PrikkError);
    }
  });

  it('counts each box and each refill against maxMoves (hand-computed from the chain above), and rejects a bad option', () => {
    // The chain above is three moves: the first box (Ax +1), the refill of Ay (Ax +0), the first box again (Ax +2).
    const { space, values, hidden, at } = threeByThree();
    const reached = (maxMoves: number): number => new BoxMoveFinder(space, { refills: AUDIT_REFILLS, maxMoves }).reach(values, hidden, at('A', 'x'), 1, 3)!.reached;
    expect([1, 2, 3, 32].map(reached)).toEqual([1, 1, 3, 3]);
    for (const maxMoves of [0, -1, 1.5, Number.NaN]) {
      expect(() => new BoxMoveFinder(space, { maxMoves })).toThrow(PrikkError);
    }
  });

  it('stays inside the exact interval: the LP max of Ax is 6 (row A: Ax <= 6; column x: Ax + Bx = 6)', async () => {
    const { space, values, hidden, at } = threeByThree();
    const exact = await attackIntervals({ relations: space.relations, values, hidden, targets: Int32Array.of(at('A', 'x')), describe: String });
    expect(exact.upper[0]).toBeCloseTo(6, 9);
    // Asked for more than the maximum: the chain reaches 3 (to 5), never past the exact bound.
    const p = new BoxMoveFinder(space, { refills: AUDIT_REFILLS }).reach(values, hidden, at('A', 'x'), 1, 10)!;
    expect(2 + p.reached).toBeLessThanOrEqual(6 + 1e-9);
    expect(isFeasible(space.relations, values, hidden, p.cells, p.values)).toBe(true);
  });

  it('returns only feasible tables, never past the exact LP bound, on random hierarchical tables (chains with refills)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          hierarchical: fc.boolean(),
          seed: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 30, maxLength: 30 }),
          mask: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 120, maxLength: 120 }),
          density: fc.integer({ min: 40, max: 90 }),
          amount: fc.integer({ min: 1, max: 8 }),
          up: fc.boolean(),
        }),
        async ({ hierarchical, seed, mask, density, amount, up }) => {
          const rows = hierarchical ? twoLevel('T', { a: ['a1', 'a2', 'a3'], b: ['b1', 'b2'] }) : flat('T', ['0', '1', '2', '3', '4']);
          const cols = flat('T', ['p', 'q', 'r', 's']);
          const t = makeTable(
            [
              { name: 'r', hierarchy: rows },
              { name: 'c', hierarchy: cols },
            ],
            Array.from({ length: rows.leafCount * cols.leafCount }, (_, i) => seed[i % seed.length]!),
          );
          const space = CellSpace.fromTables([t]);
          const values = space.values({ kind: 'count' });
          const hidden = Uint8Array.from({ length: t.cellCount }, (_, c) => (mask[c % mask.length]! < density ? 1 : 0));
          hidden[t.cellCount - 1] = 0;
          const targets = Int32Array.from([...hidden.keys()].filter((c) => hidden[c]));
          if (targets.length === 0) return;
          const exact = await attackIntervals({ relations: space.relations, values, hidden, targets, describe: String });
          const finder = new BoxMoveFinder(space, { refills: AUDIT_REFILLS });
          targets.forEach((c, i) => {
            const p = finder.reach(values, hidden, c, up ? 1 : -1, amount);
            if (!p) return;
            expect(isFeasible(space.relations, values, hidden, p.cells, p.values)).toBe(true);
            expect(new Set(p.cells).size).toBe(p.cells.length);
            const moved = p.values[[...p.cells].indexOf(c)]!;
            expect((moved - values[c]!) * (up ? 1 : -1)).toBeCloseTo(p.reached, 9);
            expect(p.reached).toBeGreaterThan(0);
            expect(p.reached).toBeLessThanOrEqual(amount + 1e-9);
            expect(moved).toBeLessThanOrEqual(exact.upper[i]! + 1e-6);
            expect(moved).toBeGreaterThanOrEqual(exact.lower[i]! - 1e-6);
          });
        },
      ),
      { numRuns: 25, seed: 1618 },
    );
  });
});
