import { describe, expect, it } from 'vitest';
import { auditTable } from '../../../src/audit/auditTable.js';
import { frequencyRule } from '../../../src/protect/suppression/rules/frequencyRule.js';
import { suppressCells } from '../../../src/protect/suppression/suppressCells.js';
import { flat, makeTable } from '../../audit/tableHelpers.js';

/** 6 × 5 × 4 inner cells with totals (210 cells), many small counts: a MIP HiGHS cannot close in a millisecond. */
function table() {
  const counts: number[] = [];
  // A fixed pseudo-random sequence (LCG), counts 0-9 with every third cell small (1-3).
  let x = 12345;
  for (let i = 0; i < 6 * 5 * 4; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    counts.push(i % 3 === 0 ? 1 + (x % 3) : x % 10);
  }
  return makeTable(
    [
      { name: 'a', hierarchy: flat('T', ['a0', 'a1', 'a2', 'a3', 'a4', 'a5']) },
      { name: 'b', hierarchy: flat('T', ['b0', 'b1', 'b2', 'b3', 'b4']) },
      { name: 'c', hierarchy: flat('T', ['c0', 'c1', 'c2', 'c3']) },
    ],
    counts,
  );
}

describe('the optimal method starts from the fast pattern', () => {
  it('a MIP stopped at its time limit still returns a protecting pattern no larger than the fast one', async () => {
    const rule = frequencyRule({ n: 4 });
    const fast = await suppressCells(table(), { rules: [rule] });
    const opt = await suppressCells(table(), { rules: [rule], method: 'optimal', optimalTimeLimit: 0.001 });
    expect(fast.audit.passed).toBe(true);
    expect(opt.audit.passed).toBe(true);
    expect((await auditTable(opt.tables[0]!, { rules: [rule] })).passed).toBe(true);
    expect(opt.primaryCount).toBe(fast.primaryCount);
    expect(opt.secondaryCount).toBeLessThanOrEqual(fast.secondaryCount);
    // The result says it is not proven optimal, and why; its bound is below its cost (cost = hidden cells here).
    expect(opt.optimal).toMatchObject({ proven: false, timeLimitReached: true, cost: opt.primaryCount + opt.secondaryCount });
    expect(opt.optimal!.costLowerBound).toBeLessThanOrEqual(opt.optimal!.cost);
    expect(fast.optimal).toBeUndefined();
  });

  it('the time limit bounds the whole search, not each MIP solve: a five-dimensional table whose cuts converge slowly', async () => {
    // 3^5 = 243 cells, 2 leaves per dimension, 21 primaries (counts < 4): the Benders master gains about one cell per
    // round here, so an unbounded search runs for minutes (the limit was per MIP solve before). The test's timeout
    // (15 s) is what fails if the limit does not hold.
    const rule = frequencyRule({ n: 4 });
    const counts = [3, 0, 12, 1, 20, 7, 2, 16, 0, 5, 9, 2, 14, 0, 3, 19, 1, 8, 11, 0, 6, 2, 17, 13, 1, 0, 4, 15, 3, 10, 2, 18];
    const hs = [0, 1, 2, 3, 4].map((d) => ({ name: `d${d}`, hierarchy: flat('T', [`d${d}a`, `d${d}b`]) }));
    const t = makeTable(hs, counts);
    const opt = await suppressCells(t, { rules: [rule], method: 'optimal', optimalTimeLimit: 1 });
    expect(opt.audit.passed).toBe(true);
    expect((await auditTable(opt.tables[0]!, { rules: [rule] })).passed).toBe(true);
    expect(opt.optimal!.timeLimitReached).toBe(true);
    expect(opt.optimal!.proven).toBe(false);
    expect(opt.optimal!.costLowerBound).toBeLessThan(opt.optimal!.cost);
  }, 15_000);
});
