import { describe, expect, it } from 'vitest';
import { loadHighs } from '../../../src/audit/loadHighs.js';
import { repairCell } from '../../../src/protect/suppression/repairCell.js';
import { twoByTwo } from '../../audit/tableHelpers.js';

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
