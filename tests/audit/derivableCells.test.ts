import { describe, expect, it } from 'vitest';
import { countSingletonLeaks, relationLeaks } from '../../src/audit/countSingletonLeaks.js';
import { derivableCells } from '../../src/audit/derivableCells.js';
import type { Relations } from '../../src/audit/Relations.js';
import { grid3x3 } from './grid3x3.js';

const grid = grid3x3;

const ones = (a: Uint8Array): number[] => [...a.keys()].filter((c) => a[c] === 1);

describe('derivableCells', () => {
  it('finds a hidden cell alone in a relation (a1 = row a minus a2 and a3)', () => {
    const { space, at, counts, hide } = grid();
    expect(ones(derivableCells(space.relations, counts, hide(['a', '1'])))).toEqual([at('a', '1')]);
  });

  it('finds none in a hidden 2 x 2 block (a box move changes all four by 1: each is between 0 and its row total)', () => {
    const { space, counts, hide } = grid();
    expect(ones(derivableCells(space.relations, counts, hide(['a', '1'], ['a', '2'], ['b', '1'], ['b', '2'])))).toEqual([]);
  });

  it('finds cells pinned by non-negativity (row a all zero: a1 + a2 = 0 with both hidden)', () => {
    const { space, at, counts, hide } = grid([0, 0, 0, 4, 6, 8, 3, 9, 2]);
    const h = hide(['a', '1'], ['a', '2'], ['b', '1'], ['b', '2']);
    // Row a's total 0 pins a1 and a2 at 0; then b1 = column 1 - c1 - 0 and b2 likewise.
    expect(ones(derivableCells(space.relations, counts, h))).toEqual([at('a', '1'), at('a', '2'), at('b', '1'), at('b', '2')].sort((x, y) => x - y));
    // Kept cells are never reported.
    const keep = new Uint8Array(space.cellCount);
    keep[at('a', '1')] = 1;
    expect(ones(derivableCells(space.relations, counts, h, keep))).not.toContain(at('a', '1'));
  });
});

describe('singleton leaks through a derivable cover', () => {
  it('counts a row whose third hidden cell is derived from its column as leaking', () => {
    const { space, at, counts, hide } = grid();
    // Columns 1-2 hidden (a 3 x 2 block: 2 degrees of freedom, nothing derivable) and a3, alone in column 3, so
    // a3 = column 3 - b3 - c3. Row a then has two unknowns left, a1 (a singleton) and a2: a1's contributor gets
    // a2 = row a - a3 - a1. Counting a3 as cover (the structural count of three hidden cells) would miss it.
    const h = hide(['a', '1'], ['a', '2'], ['b', '1'], ['b', '2'], ['c', '1'], ['c', '2'], ['a', '3']);
    expect(ones(derivableCells(space.relations, counts, h))).toEqual([at('a', '3')]);
    expect(countSingletonLeaks(space.relations, counts, h)).toBe(1);
    // Hiding c3 too gives a3 a partner in its column: no cell derivable, no leak.
    h[at('c', '3')] = 1;
    expect(ones(derivableCells(space.relations, counts, h))).toEqual([]);
    expect(countSingletonLeaks(space.relations, counts, h)).toBe(0);
  });
});

describe('relationLeaks', () => {
  // One relation: cell 0 = cells 1 + 2 + 3; cell 1 a singleton.
  const rel: Relations = { count: 1, totals: Int32Array.of(0), starts: Int32Array.of(0, 3), members: Int32Array.of(1, 2, 3) };
  const leaks = (hidden: number[], derivable: number[], counts = Float64Array.of(9, 1, 4, 4)): boolean =>
    relationLeaks(rel, counts, Uint8Array.from([0, 1, 2, 3], (c) => (hidden.includes(c) ? 1 : 0)), Uint8Array.from([0, 1, 2, 3], (c) => (derivable.includes(c) ? 1 : 0)), 0);

  it('two hidden cells, one a singleton: leaks (the other is the total minus the published and the singleton)', () => {
    expect(leaks([1, 2], [])).toBe(true);
    expect(leaks([0, 1], [])).toBe(true);
  });

  it('three hidden cells of which one is derivable: leaks as two', () => {
    expect(leaks([1, 2, 3], [3])).toBe(true);
    // The total and the singleton left: the contributor learns the total (9), and could go on with it elsewhere.
    expect(leaks([0, 1, 3], [3])).toBe(true);
    expect(leaks([1, 2, 3], [])).toBe(false);
  });

  it('does not count a total and a member of equal count (every other cell 0): the total is the member', () => {
    expect(leaks([0, 1, 3], [3], Float64Array.of(1, 1, 0, 0))).toBe(false);
    // Structurally two hidden cells: counted as before, whatever the counts.
    expect(leaks([0, 1], [], Float64Array.of(1, 1, 0, 0))).toBe(true);
  });
});
