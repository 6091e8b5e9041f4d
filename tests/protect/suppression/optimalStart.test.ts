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
  });
});
