import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadHighs } from '../../../src/audit/loadHighs.js';
import { publishOrder } from '../../../src/protect/suppression/publishOrder.js';
import { REPAIR_DUAL_MIN_COLUMNS, REPAIR_SOLVE, REPAIR_SOLVE_LARGE, repairCell, repairSolveOptions } from '../../../src/protect/suppression/repairCell.js';
import { repairCase, repairTables } from './repairTables.js';

/**
 * Solver paths HiGHS can take to the repair LP's optimum: the dual simplex (HiGHS's default for an LP), the dual
 * with devex pricing, the primal simplex, each with and without presolve. On a degenerate LP (equal costs: the
 * most ties there can be) they stop at different optimal vertices; the perturbed costs make the optimum unique,
 * so they must hide the same cells, which is what lets `repairCell` use the fastest path.
 */
const PATHS = [
  { simplex_strategy: 1 },
  { simplex_strategy: 1, simplex_dual_edge_weight_strategy: 1 },
  { simplex_strategy: 4 },
  { simplex_strategy: 1, presolve: 'off' },
  { simplex_strategy: 4, presolve: 'off' },
] as const;

describe('repairCell with the perturbed costs', () => {
  it('hides the same cells whichever simplex path HiGHS takes (random tables, equal costs)', async () => {
    const highs = await loadHighs();
    let compared = 0;
    let several = 0;
    await fc.assert(
      fc.asyncProperty(repairTables, fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }), fc.nat(), fc.boolean(), fc.integer({ min: 1, max: 3 }), async (t, coin, pick, up, radius) => {
        const one = repairCase(t, coin, pick, up);
        if (!one) return;
        const { space, values, hidden, target, delta } = one;
        const cost = new Float64Array(space.cellCount).fill(1);
        const rank = new Int32Array(space.cellCount);
        publishOrder(cost, values).forEach((c, i) => (rank[c] = i));
        const input = { highs, space, values, hidden, cost, rank, target, delta, radius };
        const want = await repairCell(input);
        for (const solveOptions of PATHS) {
          const got = await repairCell({ ...input, solveOptions });
          expect(got === undefined ? 'none' : [...got].join(','), JSON.stringify(solveOptions)).toBe(want === undefined ? 'none' : [...want].join(','));
        }
        compared++;
        if (want && want.length >= 2) several++;
      }),
      { numRuns: 60, seed: 20261123 },
    );
    // The property was exercised: most runs compared, and many changes moved several cells (where ties live).
    expect(compared).toBeGreaterThan(40);
    expect(several).toBeGreaterThan(10);
  });

  it('solves with the primal simplex by default, and LPs of 5,000 columns or more with the dual simplex and devex', () => {
    expect(REPAIR_SOLVE).toEqual({ simplex_strategy: 4 });
    expect(REPAIR_SOLVE_LARGE).toEqual({ simplex_strategy: 1, simplex_dual_edge_weight_strategy: 1 });
    expect(REPAIR_DUAL_MIN_COLUMNS).toBe(5000);
    expect(repairSolveOptions(4999)).toBe(REPAIR_SOLVE);
    expect(repairSolveOptions(5000)).toBe(REPAIR_SOLVE_LARGE);
  });
});
