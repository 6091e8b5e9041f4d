import { afterAll, describe, expect, it } from 'vitest';
import { HighsPool } from '../../src/audit/HighsPool.js';
import { loadHighs } from '../../src/audit/loadHighs.js';
import { localCoreLp } from '../../src/audit/localCoreLp.js';
import { optimal, transportLp as transport, unitCost as unit } from './transportLp.js';

// The transport polytope of transportLp: max t[0][0] = min(10, 7) = 7 by hand.

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
