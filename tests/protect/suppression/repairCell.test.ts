import { describe, expect, it } from 'vitest';
import { loadHighs } from '../../../src/audit/loadHighs.js';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import { repairCell, repairNeighbourhood } from '../../../src/protect/suppression/repairCell.js';
import { flat, makeTable, twoByTwo } from '../../audit/tableHelpers.js';

describe('repairCell', () => {
  it('hides the cells of the only change that moves the target (hand-computed 2 × 2 box)', async () => {
    // rows A, B × columns m, f with margins; interior [[3, 1], [2, 4]]; (A,m) and (A,f) hidden.
    // Row A's total is published, so d(A,f) = -d(A,m); column totals published, so d(B,m) = -d(A,m) and
    // d(B,f) = +d(A,m): moving (A,m) up by 1 changes (B,m) and (B,f), the published cells to hide
    // ((A,f) = 1 and (B,m) = 2 stay >= 0), cost 1 + 1 = 2. The other change, through the column totals (T,m) +1
    // and (T,f) -1, would tie at cost 2; margins cost 2 each here, so it costs 4 and the optimum is unique.
    const { table: t, space, at, values } = twoByTwo();
    const hidden = new Uint8Array(t.cellCount);
    hidden[at('A', 'm')] = 1;
    hidden[at('A', 'f')] = 1;
    const cost = new Float64Array(t.cellCount).fill(2);
    for (const c of [at('A', 'm'), at('A', 'f'), at('B', 'm'), at('B', 'f')]) cost[c] = 1;
    const highs = await loadHighs();
    const rank = Int32Array.from({ length: t.cellCount }, (_, c) => c);
    const base = { highs, space, values, hidden, cost, rank, target: at('A', 'm') };
    const up = await repairCell({ ...base, delta: 1, radius: 2 });
    expect([...up!]).toEqual([at('B', 'm'), at('B', 'f')].sort((a, b) => a - b));
    // The same answer with the whole connected table as the neighbourhood.
    expect([...(await repairCell({ ...base, delta: 1, radius: 1_000_000 }))!]).toEqual([...up!]);
  });
});

describe('repairNeighbourhood with hiddenDepth (the first, smaller repair LP)', () => {
  // A 4 × 4 table with margins whose hidden cells form a staircase from (0,0): (0,1) shares row 0 with it, (1,1)
  // column 1 with (0,1), and so on, so along hidden cells (0,1) is 1 relation away, (1,1) 2, (1,2) 3, (2,2) 4, (2,3)
  // 5; every margin is published. Radius 0: the ball is the target alone.
  const labels = ['0', '1', '2', '3'];
  const t = makeTable(
    [
      { name: 'r', hierarchy: flat('T', labels) },
      { name: 'c', hierarchy: flat('T', labels) },
    ],
    Array.from({ length: 16 }, (_, k) => 1 + (k % 5)),
  );
  const space = CellSpace.fromTables([t]);
  const at = (r: number, c: number): number => t.indexOf({ r: labels[r]!, c: labels[c]! });
  const stairs = [at(0, 0), at(0, 1), at(1, 1), at(1, 2), at(2, 2), at(2, 3)];
  const hidden = new Uint8Array(t.cellCount);
  for (const c of stairs) hidden[c] = 1;

  it('takes the hidden cells up to that many relations away, and says when it left some out', () => {
    const cut = { cut: false };
    expect(repairNeighbourhood(space, hidden, at(0, 0), 0, 2, cut)).toEqual(stairs.slice(0, 3));
    expect(cut.cut).toBe(true);
    const whole = { cut: false };
    expect(repairNeighbourhood(space, hidden, at(0, 0), 0, 5, whole)).toEqual(stairs);
    expect(whole.cut).toBe(false);
    // The same cells as the whole component (depth first, the default).
    expect(new Set(repairNeighbourhood(space, hidden, at(0, 0), 0))).toEqual(new Set(stairs));
  });

  it('solves the whole component after a smaller LP that finds no change, and only then', async () => {
    const highs = await loadHighs();
    const values = space.values({ kind: 'count' });
    const cost = new Float64Array(t.cellCount).fill(1);
    const rank = Int32Array.from({ length: t.cellCount }, (_, c) => c);
    // Radius 1: row 0 and column 0 (cells and totals). Moving (0,0) up moves a published cell of column 0, as (0,0)
    // is column 0's only hidden cell: at least one cell to hide. The box +(0,0) -(0,1) +(1,1) -(1,0) hides only
    // (1,0) (a tie with the staircase's change through (2,0), broken by the publishing order).
    const base = { highs, space, values, hidden, cost, rank, target: at(0, 0), delta: 1, radius: 1 };
    const plain = await repairCell(base);
    expect([...plain!]).toEqual([at(1, 0)]);
    // One hidden layer: (0,1) but not (1,1), so that LP finds no change; the whole staircase then gives the box.
    const two = { n: 0 };
    expect([...(await repairCell({ ...base, hiddenDepth: 1, counter: two }))!]).toEqual([at(1, 0)]);
    expect(two.n).toBe(2);
    // Two layers reach (1,1): one LP, the same cell.
    const one = { n: 0 };
    expect([...(await repairCell({ ...base, hiddenDepth: 2, counter: one }))!]).toEqual([at(1, 0)]);
    expect(one.n).toBe(1);
  });
});
