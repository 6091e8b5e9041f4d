import { describe, expect, it } from 'vitest';
import { BoxMoveFinder } from '../../../src/audit/BoxMoveFinder.js';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import { boxRepair } from '../../../src/protect/suppression/boxRepair.js';
import { flat, makeTable } from '../../audit/tableHelpers.js';

/**
 * Hand-built table: rows A, B, C (total T) × columns m, f (total T). Interior
 *        m  f
 *   A    1  5
 *   B    4  6
 *   C    9  8
 * Hidden: (A,m) the target, (A,f), (B,f), (C,f); everything else published. The candidates on the target's
 * relations are the published (A,T), (B,m), (C,m), (T,m).
 * Hand computation of the boxes:
 * - hiding (B,m): the box +(A,m) -(A,f) -(B,m) +(B,f) moves (A,m) up by min(A,f = 5, B,m = 4) = 4, or down by
 *   min(A,m = 1, B,f = 6) = 1;
 * - hiding (C,m): the box +(A,m) -(A,f) -(C,m) +(C,f) moves it up by min(5, 9) = 5;
 * - hiding (A,T) or (T,m) alone closes no box: every other box through (A,m) needs another published cell.
 */
function setup() {
  const t = makeTable(
    [
      { name: 'r', hierarchy: flat('T', ['A', 'B', 'C']) },
      { name: 's', hierarchy: flat('T', ['m', 'f']) },
    ],
    [1, 5, 4, 6, 9, 8],
  );
  const space = CellSpace.fromTables([t]);
  const at = (r: string, s: string): number => t.indexOf({ r, s });
  const hidden = new Uint8Array(t.cellCount);
  for (const c of [at('A', 'm'), at('A', 'f'), at('B', 'f'), at('C', 'f')]) hidden[c] = 1;
  const values = space.values({ kind: 'count' });
  const cost = new Float64Array(t.cellCount).fill(1);
  return { t, space, at, hidden, values, cost, finder: new BoxMoveFinder(space) };
}

describe('boxRepair', () => {
  it('returns the cheapest single cell whose hiding lets box moves reach the amount (hand-computed boxes)', () => {
    const { space, at, hidden, values, cost, finder } = setup();
    const before = hidden.slice();
    // (B,m) has the lower publishing priority (larger rank): it is tried first.
    const rank = new Int32Array(hidden.length);
    rank[at('B', 'm')] = 10;
    rank[at('C', 'm')] = 5;
    const run = (delta: number) => boxRepair({ space, finder, values, hidden, cost, rank, target: at('A', 'm'), delta });
    expect(run(4)).toBe(at('B', 'm')); // min(5, 4) = 4 reaches 4
    expect(run(5)).toBe(at('C', 'm')); // (B,m)'s box stops at 4; (C,m)'s goes min(5, 9) = 5
    expect(run(6)).toBeUndefined(); // no single cell reaches 6 (at most 5)
    expect(run(-1)).toBe(at('B', 'm')); // down by min(1, 6) = 1
    expect(hidden).toEqual(before); // the pattern is left as it was
  });

  it('looks one ring further, on the relations of the target\'s hidden partners, when no cell on its own relations does', () => {
    // Rows A, B, C × columns x, y, z (totals T). Interior [[1, 6, 5], [7, 8, 9], [9, 9, 9]]; hidden: (A,x) the
    // target, (A,y) and (B,x). By hand: no published cell on row A or column x closes a box through (A,x) alone
    // (each box through it needs a second published cell); (B,y) lies on the relations of the partners (A,y) and
    // (B,x), and the box +(A,x) -(A,y) -(B,x) +(B,y) moves (A,x) up by min(6, 7) = 6 once it is hidden.
    const t = makeTable(
      [
        { name: 'r', hierarchy: flat('T', ['A', 'B', 'C']) },
        { name: 's', hierarchy: flat('T', ['x', 'y', 'z']) },
      ],
      [1, 6, 5, 7, 8, 9, 9, 9, 9],
    );
    const space = CellSpace.fromTables([t]);
    const at = (r: string, s: string): number => t.indexOf({ r, s });
    const hidden = new Uint8Array(t.cellCount);
    for (const c of [at('A', 'x'), at('A', 'y'), at('B', 'x')]) hidden[c] = 1;
    const values = space.values({ kind: 'count' });
    const cost = new Float64Array(t.cellCount).fill(1);
    const rank = new Int32Array(t.cellCount);
    const finder = new BoxMoveFinder(space);
    const run = (delta: number) => boxRepair({ space, finder, values, hidden, cost, rank, target: at('A', 'x'), delta });
    expect(run(2)).toBe(at('B', 'y'));
    expect(run(6)).toBe(at('B', 'y'));
    expect(run(7)).toBeUndefined(); // the box stops at min(6, 7) = 6
  });

  it('follows the cost before the publishing priority', () => {
    const { space, at, hidden, values, cost, finder } = setup();
    const rank = new Int32Array(hidden.length);
    rank[at('B', 'm')] = 10;
    cost[at('B', 'm')] = 3; // now (C,m) is cheaper
    expect(boxRepair({ space, finder, values, hidden, cost, rank, target: at('A', 'm'), delta: 4 })).toBe(at('C', 'm'));
  });

  it('returns undefined for a published target or a zero amount', () => {
    const { space, at, hidden, values, cost, finder } = setup();
    const rank = new Int32Array(hidden.length);
    expect(boxRepair({ space, finder, values, hidden, cost, rank, target: at('B', 'm'), delta: 1 })).toBeUndefined();
    expect(boxRepair({ space, finder, values, hidden, cost, rank, target: at('A', 'm'), delta: 0 })).toBeUndefined();
  });
});
