import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoxMoveFinder } from '../../src/audit/BoxMoveFinder.js';
import { CellSpace } from '../../src/audit/CellSpace.js';
import { flat, makeTable, twoByTwo, twoLevel } from './tableHelpers.js';

describe('BoxMoveFinder.reachShared (the audit path without copies)', () => {
  it('gives the hand-computed 2 x 2 box and the working table is restored between calls', () => {
    // rows A, B; columns m, f; interior [[3, 1], [2, 4]] hidden, margins published (as in boxMoveFinder.test.ts).
    // Up on (A,m) by 2: the box +(A,m) -(A,f) -(B,m) +(B,f) goes min(1, 2) = 1: (A,m) 4, (A,f) 0, (B,m) 1, (B,f) 5.
    // Down on (B,f) by 4 from the TRUE table (not from the point above): the box -(A,m) +(A,f) +(B,m) -(B,f) goes
    // min((A,m) = 3, (B,f) = 4, asked 4) = 3: (A,m) 0, (A,f) 4, (B,m) 5, (B,f) 1; then (A,m) is empty and no box
    // is left for the last 1, so reached 3.
    const { table: t, space, at, values } = twoByTwo();
    const hidden = new Uint8Array(t.cellCount);
    for (const c of [at('A', 'm'), at('A', 'f'), at('B', 'm'), at('B', 'f')]) hidden[c] = 1;
    const finder = new BoxMoveFinder(space);
    const asMap = (p: { cells: Int32Array; values: Float64Array }): Map<number, number> => new Map([...p.cells].map((c, j) => [c, p.values[j]!]));
    const p1 = finder.reachShared(values, hidden, at('A', 'm'), 1, 2)!;
    expect(asMap(p1)).toEqual(new Map([[at('A', 'm'), 4], [at('A', 'f'), 0], [at('B', 'm'), 1], [at('B', 'f'), 5]]));
    expect(p1.reached).toBe(1);
    const p2 = finder.reachShared(values, hidden, at('B', 'f'), -1, 4)!;
    expect(asMap(p2)).toEqual(new Map([[at('B', 'f'), 1], [at('A', 'm'), 0], [at('A', 'f'), 4], [at('B', 'm'), 5]]));
    expect(p2.reached).toBe(3);
    // The true table itself is never changed.
    expect([...values.subarray(0, 2)]).toEqual([3, 1]);
  });

  it('returns, call after call on one finder, what a fresh finder returns (buffers and stamps carry nothing over)', () => {
    // Reference: a new BoxMoveFinder per call (no state kept between calls), copied out at once.
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 18, maxLength: 18 }),
        fc.array(fc.boolean(), { minLength: 48, maxLength: 48 }),
        fc.array(fc.tuple(fc.nat(47), fc.boolean(), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 30 }),
        (leaves, mask, asks) => {
          const t = makeTable(
            [
              { name: 'a', hierarchy: twoLevel('T', { x: ['x1', 'x2'], y: ['y1', 'y2', 'y3'] }) },
              { name: 'b', hierarchy: flat('T', ['0', '1', '2']) },
            ],
            leaves,
          );
          const space = CellSpace.fromTables([t]);
          const hidden = Uint8Array.from({ length: t.cellCount }, (_, c) => (mask[c % mask.length] ? 1 : 0));
          hidden[t.cellCount - 1] = 0;
          const values = space.values({ kind: 'count' });
          const shared = new BoxMoveFinder(space);
          for (const [c0, up, amount] of asks) {
            const c = c0 % t.cellCount;
            const p = shared.reachShared(values, hidden, c, up ? 1 : -1, amount);
            const q = new BoxMoveFinder(space).reach(values, hidden, c, up ? 1 : -1, amount);
            expect(p === undefined).toBe(q === undefined);
            if (p && q) {
              expect([...p.cells]).toEqual([...q.cells]);
              expect([...p.values]).toEqual([...q.values]);
              expect(p.reached).toBe(q.reached);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
