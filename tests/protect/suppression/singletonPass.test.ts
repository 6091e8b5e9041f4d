import { describe, expect, it } from 'vitest';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import { countSingletonLeaks } from '../../../src/audit/countSingletonLeaks.js';
import { publishOrder } from '../../../src/protect/suppression/publishOrder.js';
import { singletonPass } from '../../../src/protect/suppression/singletonPass.js';
import { grid3x3 } from '../../audit/grid3x3.js';
import { flat, makeTable } from '../../audit/tableHelpers.js';

// Rows a-d × columns 1-4 with totals. Inner counts (row by row):
//   a: 1 2 9 3    b: 5 6 1 7    c: 8 5 2 6    d: 7 8 4 9
// Hidden: a1 (a singleton) and a2; b3 (a singleton) and c3. Row a then holds exactly two hidden cells, one a
// singleton (a1's contributor recovers a2 = row a - a3 - a4); so does column 3 (b3's contributor recovers c3).
function setup() {
  const t = makeTable(
    [
      { name: 'r', hierarchy: flat('T', ['a', 'b', 'c', 'd']) },
      { name: 'c', hierarchy: flat('T', ['1', '2', '3', '4']) },
    ],
    [1, 2, 9, 3, 5, 6, 1, 7, 8, 5, 2, 6, 7, 8, 4, 9],
  );
  const space = CellSpace.fromTables([t]);
  const at = (r: string, c: string): number => space.cellOf[0]![t.indexOf({ r, c })]!;
  const counts = space.values({ kind: 'count' });
  const hidden = new Uint8Array(space.cellCount);
  for (const [r, c] of [['a', '1'], ['a', '2'], ['b', '3'], ['c', '3']] as const) hidden[at(r, c)] = 1;
  const order = publishOrder(new Float64Array(space.cellCount).fill(1), counts);
  const rank = new Int32Array(space.cellCount);
  order.forEach((c, i) => (rank[c] = i));
  return { space, at, counts, hidden, rank };
}

describe('singletonPass', () => {
  it('closes two leaking relations with the one published cell they share (a3), not one cell each', () => {
    const { space, at, counts, hidden, rank } = setup();
    // Independent check of the premise: two relations leak before the pass.
    expect(countSingletonLeaks(space.relations, counts, hidden)).toBe(2);
    // By rank alone each relation would take its least wanted published cell: a4 (3) in row a, d3 (4) in column 3.
    // a3 (9) is in both, so hiding it alone gives each relation a third hidden cell.
    expect(singletonPass(space.relations, counts, hidden, rank)).toEqual([at('a', '3')]);
    expect(countSingletonLeaks(space.relations, counts, hidden)).toBe(0);
  });

  it('hides nothing when no relation leaks', () => {
    const { space, counts, rank } = setup();
    const none = new Uint8Array(space.cellCount);
    expect(singletonPass(space.relations, counts, none, rank)).toEqual([]);
    expect(none.every((h) => h === 0)).toBe(true);
  });

  it('does not take a derivable cell as cover: gives it a partner where it is alone', () => {
    // Rows a-c × columns 1-3 with totals; inner a: 1 5 7, b: 4 6 8, c: 3 9 2. Columns 1-2 hidden (a 3 x 2 block) and
    // a3. a3 is alone in column 3, so derivable (column 3 - b3 - c3): row a's unknowns are a1 (a singleton) and a2,
    // and a1's contributor recovers a2. Row a has no published cell but its total, and hiding the total would leave
    // it alone in the column of row totals (derivable again), so the pass gives a3 a partner in column 3: the least
    // wanted published cell there, c3 (2 < 8 < 17, the column total).
    const { space, at, counts } = grid3x3();
    const hidden = new Uint8Array(space.cellCount);
    for (const r of ['a', 'b', 'c']) for (const c of ['1', '2']) hidden[at(r, c)] = 1;
    hidden[at('a', '3')] = 1;
    const rank = new Int32Array(space.cellCount);
    publishOrder(new Float64Array(space.cellCount).fill(1), counts).forEach((c, i) => (rank[c] = i));
    expect(countSingletonLeaks(space.relations, counts, hidden)).toBe(1);
    // Without the relation index the pass cannot tell, and takes row a's total, which is derivable once hidden.
    const blind = hidden.slice();
    expect(singletonPass(space.relations, counts, blind, rank)).toContain(at('a', 'T'));
    expect(singletonPass(space.relations, counts, hidden, rank, undefined, space.relationIndex)).toEqual([at('c', '3')]);
    expect(countSingletonLeaks(space.relations, counts, hidden)).toBe(0);
  });
});
