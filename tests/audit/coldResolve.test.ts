import { afterAll, describe, expect, it } from 'vitest';
import type { CoreLpData, CoreLpOutcome } from '../../src/audit/CoreLp.js';
import { HighsPool } from '../../src/audit/HighsPool.js';
import { loadHighs } from '../../src/audit/loadHighs.js';
import { localCoreLp } from '../../src/audit/localCoreLp.js';

// A 4 x 4 transport polytope: cells t[i][j] >= 0 with row sums 10, 6, 8, 5 and column sums 7, 9, 4, 9 (both 29).
// By hand: t[0][0] is at most min(10, 7) = 7 (row 0 and column 0), and it reaches 7 (e.g. the north-west corner rule).
const rows = [10, 6, 8, 5];
const cols = [7, 9, 4, 9];
function transport(): CoreLpData {
  const starts = [0];
  const indices: number[] = [];
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) indices.push(i * 4 + j);
    starts.push(indices.length);
  }
  for (let j = 0; j < 4; j++) {
    for (let i = 0; i < 4; i++) indices.push(i * 4 + j);
    starts.push(indices.length);
  }
  return {
    numCols: 16,
    numRows: 8,
    colLower: new Float64Array(16),
    colUpper: new Float64Array(16).fill(Infinity),
    rowBound: Float64Array.from([...rows, ...cols]),
    starts: Int32Array.from(starts),
    indices: Int32Array.from(indices),
    values: new Float64Array(indices.length).fill(1),
    coldOptions: { output_flag: false, presolve: 'off', simplex_strategy: 1 },
    warmOptions: { output_flag: false, presolve: 'off', simplex_strategy: 4 },
  };
}

const unit = (j: number): Float64Array => Float64Array.from({ length: 16 }, (_, k) => (k === j ? 1 : 0));
const optimal = (o: CoreLpOutcome): Extract<CoreLpOutcome, { kind: 'optimal' }> => {
  if (o.kind !== 'optimal') throw new Error(`expected optimal, got ${o.kind}`);
  return o;
};

const pool = new HighsPool({ size: 1 });
afterAll(async () => {
  await pool.close();
});

describe('CoreLp: a cold re-solve', () => {
  it('drops the basis: it takes the iterations of a fresh model and finds the same optimum, here and in a worker', async () => {
    const highs = await loadHighs();
    const fresh = localCoreLp(highs, transport(), 'fresh');
    const first = optimal(await fresh.solve({ costs: unit(0), sense: 'max' }));
    fresh.dispose();
    expect(first.colValue[0]).toBeCloseTo(7, 9);
    expect(first.iterations).toBeGreaterThan(0);

    for (const lp of [localCoreLp(highs, transport(), 'local'), pool.createModel(transport(), 'pooled')]) {
      // Another objective first (min of a far cell), so that the basis is no longer the fresh model's.
      optimal(await lp.solve({ costs: unit(15), sense: 'min' }));
      const warm = optimal(await lp.solve({ costs: unit(0), sense: 'max' }));
      const cold = optimal(await lp.solve({ costs: unit(0), sense: 'max', cold: true }));
      expect(warm.colValue[0]).toBeCloseTo(7, 9);
      expect(cold.colValue[0]).toBeCloseTo(7, 9);
      expect(cold.iterations).toBe(first.iterations);
      expect([...cold.colValue]).toEqual([...first.colValue]);
      lp.dispose();
    }
  });
});
