import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attackIntervals } from '../../src/audit/attackIntervals.js';
import { lpScale } from '../../src/audit/lpScale.js';
import { auditTable } from '../../src/audit/auditTable.js';
import { CellSpace } from '../../src/audit/CellSpace.js';
import { dominanceRule } from '../../src/protect/suppression/rules/dominanceRule.js';
import { frequencyRule } from '../../src/protect/suppression/rules/frequencyRule.js';
import { suppressCells } from '../../src/protect/suppression/suppressCells.js';
import { flat, makeTable, twoLevel } from './tableHelpers.js';

// Tables of money (costs in NOK with øre), whose sums are large decimals: the float round-off of their margins grows
// with their size, past HiGHS's absolute feasibility tolerance (1e-7). The registry's costs by municipality × age ×
// sex stopped the audit with "the published values admit no non-negative table" (a column box crossed by 6.5e-9)
// and then with HiGHS answering "infeasible" on a core whose rows the true table meets to 1.9e-7 at 7.6e7.

describe('lpScale: the power of two that brings a core LP to magnitudes of at most 2^16', () => {
  it('is 1 up to 2^16 and the smallest power of two above it (hand-computed)', () => {
    expect(lpScale([Float64Array.of(3, -Infinity, 120, Infinity), undefined])).toBe(1);
    expect(lpScale([Float64Array.of(65_536)])).toBe(1);
    expect(lpScale([Float64Array.of(65_537)])).toBe(2);
    // 7e7 / 2^16 = 1068.1 -> 2^11 = 2048 (7e7 / 2048 = 34,179.7 <= 65,536; / 1024 = 68,359 > 65,536).
    expect(lpScale([Float64Array.of(0, 1), Float64Array.of(-70_000_000)])).toBe(2048);
  });
});

/** Region (2 groups of 3 municipalities) × age (4) × sex (2), leaf values in øre-exact NOK from `cents`. */
function moneyTable(cents: readonly number[]): ReturnType<typeof makeTable> {
  const dims = [
    { name: 'place', hierarchy: twoLevel('Norge', { A: ['a1', 'a2', 'a3'], B: ['b1', 'b2', 'b3'] }) },
    { name: 'age', hierarchy: flat('All', ['0-39', '40-59', '60-79', '80+']) },
    { name: 'sex', hierarchy: flat('Both', ['1', '2']) },
  ];
  return makeTable(dims, cents.map((c) => c / 100));
}

describe('the audit on decimal values', () => {
  it('pins a cell at 0 when round-off crosses its box (1.3 published, 0.1 + 0.1 + 1.1 published: two hidden zeros)', async () => {
    // In floats -1.3 + 0.1 + 0.1 + 1.1 = 2.2e-16, so the two hidden cells sum to -2.2e-16: each one's upper bound
    // (the other's non-negativity) lies 2.2e-16 below its lower bound 0. Both are 0 in every table (to round-off).
    const leaves = [0, 0, 0.1, 0.1, 1.1];
    const table = makeTable([{ name: 'm', hierarchy: flat('T', leaves.map((_, i) => `m${i}`)) }], leaves);
    const space = CellSpace.fromTables([table]);
    const hidden = Uint8Array.of(1, 1, 0, 0, 0, 0);
    const b = await attackIntervals({ relations: space.relations, values: space.values({ kind: 'count' }), hidden, targets: Int32Array.of(0, 1), describe: String });
    for (let i = 0; i < 2; i++) {
      expect(b.lower[i]!).toBeLessThanOrEqual(b.upper[i]!); // before: upper -2.2e-16, lower 0
      expect(Math.abs(b.lower[i]!)).toBeLessThan(1e-12);
      expect(Math.abs(b.upper[i]!)).toBeLessThan(1e-12);
    }
  });


  it('gives every hidden cell an interval around its true value, at costs of 1e7-1e10 NOK (random tables and patterns)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1e9, max: 1e12 }), { minLength: 48, maxLength: 48 }),
        fc.array(fc.boolean(), { minLength: 135, maxLength: 135 }),
        async (cents, hide) => {
          const table = moneyTable(cents);
          const space = CellSpace.fromTables([table]);
          const values = space.values({ kind: 'count' });
          const hidden = Uint8Array.from(hide, (h) => (h ? 1 : 0));
          expect(hidden.length).toBe(space.cellCount);
          const targets = Int32Array.from([...hidden.keys()].filter((c) => hidden[c]));
          if (targets.length === 0) return;
          const b = await attackIntervals({ relations: space.relations, values, hidden, targets, describe: String });
          targets.forEach((c, i) => {
            const slack = 1e-6 * values[c]!;
            expect(b.lower[i]!).toBeLessThanOrEqual(values[c]! + slack);
            expect(b.upper[i]!).toBeGreaterThanOrEqual(values[c]! - slack);
          });
        },
      ),
      { numRuns: 60, seed: 20261124 },
    );
  });
});
