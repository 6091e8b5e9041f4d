import { afterAll, describe, expect, it } from 'vitest';
import type { CoreLpData } from '../../src/audit/CoreLp.js';
import { HighsPool } from '../../src/audit/HighsPool.js';
import { loadHighs } from '../../src/audit/loadHighs.js';
import { localCoreLp } from '../../src/audit/localCoreLp.js';
import { optimal, TRANSPORT_COLS, TRANSPORT_ROWS, transportLp, unitCost } from './transportLp.js';

// The transport polytope of transportLp (row sums 10, 6, 8, 5; column sums 7, 9, 4, 9). By hand: t[0][0] is at most
// min(10, 7) = 7, and the north-west corner rule's table reaches it:
//   7 3 . .
//   . 6 . .
//   . . 4 4
//   . . . 5
const rows = TRANSPORT_ROWS;
const cols = TRANSPORT_COLS;
const NORTH_WEST = Float64Array.from([7, 3, 0, 0, 0, 6, 0, 0, 0, 0, 4, 4, 0, 0, 0, 5]);
// The product table r_i c_j / 29: feasible, every cell inside its bounds (not a vertex).
const PRODUCT = Float64Array.from({ length: 16 }, (_, k) => (rows[Math.floor(k / 4)]! * cols[k % 4]!) / 29);

const transport = (): CoreLpData => transportLp({ output_flag: false, presolve: 'off', simplex_strategy: 4, simplex_primal_edge_weight_strategy: 0 });
const unit = unitCost;
const sumOf = (v: Float64Array, ks: number[]): number => ks.reduce((s, k) => s + v[k]!, 0);
/** Every row and column sum of a solution, for checking that it is a table of the polytope. */
const margins = (v: Float64Array): number[] => [0, 1, 2, 3].flatMap((i) => [sumOf(v, [0, 1, 2, 3].map((j) => i * 4 + j))]).concat([0, 1, 2, 3].map((j) => sumOf(v, [0, 1, 2, 3].map((i) => i * 4 + j))));

const pool = new HighsPool({ size: 1 });
afterAll(async () => {
  await pool.close();
});

describe('CoreLp: a solve from a start point (CoreLpSolve.start)', () => {
  it('starts from the point: from an optimal vertex no simplex iteration is left; from the slack basis some are', async () => {
    const highs = await loadHighs();
    const without = localCoreLp(highs, transport(), 'without');
    const cold = optimal(await without.solve({ costs: unit(0), sense: 'max' }));
    without.dispose();
    expect(cold.colValue[0]).toBeCloseTo(7, 9);
    expect(cold.iterations).toBeGreaterThan(0);

    for (const lp of [localCoreLp(highs, transport(), 'local'), pool.createModel(transport(), 'pooled')]) {
      const r = optimal(await lp.solve({ costs: unit(0), sense: 'max', start: NORTH_WEST }));
      expect(r.colValue[0]).toBeCloseTo(7, 9);
      expect(r.iterations).toBe(0);
      lp.dispose();
    }
  });

  it('finds the same optimum from any start, here and in a worker, with the same HiGHS calls (the same vertex)', async () => {
    const highs = await loadHighs();
    // A feasible point off the vertices, a row-infeasible one (all zero), and a malformed one (NaN): the LP's
    // optimum does not depend on the start; a start HiGHS refuses falls back to the cold solve.
    for (const start of [PRODUCT, new Float64Array(16), new Float64Array(16).fill(Number.NaN)]) {
      const local = localCoreLp(highs, transport(), 'local');
      const pooled = pool.createModel(transport(), 'pooled');
      // By hand: max t[0][0] = min(10, 7) = 7, max t[3][3] = min(5, 9) = 5, min t[1][1] = 0 (row 1's 6 fits elsewhere).
      for (const [j, sense, expected] of [[0, 'max', 7], [15, 'max', 5], [5, 'min', 0]] as const) {
        const a = optimal(await local.solve({ costs: unit(j), sense, start }));
        const b = optimal(await pooled.solve({ costs: unit(j), sense, start }));
        expect(a.colValue[j]).toBeCloseTo(expected, 9);
        margins(a.colValue).forEach((m, i) => expect(m).toBeCloseTo([...rows, ...cols][i]!, 9));
        expect([...b.colValue]).toEqual([...a.colValue]);
        expect(b.iterations).toBe(a.iterations);
      }
      local.dispose();
      pooled.dispose();
    }
  });

  it('restarts a later solve from the point, and leaves the next solves warm or cold as asked', async () => {
    const highs = await loadHighs();
    const plain = localCoreLp(highs, transport(), 'plain');
    const fresh = optimal(await plain.solve({ costs: unit(0), sense: 'max' }));
    plain.dispose();
    for (const lp of [localCoreLp(highs, transport(), 'local'), pool.createModel(transport(), 'pooled')]) {
      optimal(await lp.solve({ costs: unit(15), sense: 'min' }));
      // From the optimal vertex of max t[0][0]: no iteration left, whatever the last basis was.
      const restarted = optimal(await lp.solve({ costs: unit(0), sense: 'max', start: NORTH_WEST }));
      expect(restarted.iterations).toBe(0);
      expect(restarted.colValue[0]).toBeCloseTo(7, 9);
      // The same objective again, warm: still no iteration; then cold: the start-less model's first solve.
      expect(optimal(await lp.solve({ costs: unit(0), sense: 'max' })).iterations).toBe(0);
      const again = optimal(await lp.solve({ costs: unit(0), sense: 'max', cold: true }));
      expect(again.iterations).toBe(fresh.iterations);
      expect([...again.colValue]).toEqual([...fresh.colValue]);
      lp.dispose();
    }
  });
});
