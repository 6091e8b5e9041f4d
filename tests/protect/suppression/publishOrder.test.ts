import { describe, expect, it } from 'vitest';
import { auditTable } from '../../../src/audit/auditTable.js';
import { publishOrder } from '../../../src/protect/suppression/publishOrder.js';
import { frequencyRule } from '../../../src/protect/suppression/rules/frequencyRule.js';
import { suppressCells } from '../../../src/protect/suppression/suppressCells.js';
import { flat, makeTable } from '../../audit/tableHelpers.js';

describe('publishOrder', () => {
  it('zeros first, then larger count, then lower index (equal costs)', () => {
    // counts 5, 0, 9, 5: the zero (cell 1), then 9 (cell 2), then the two 5s by index (0, 3).
    expect([...publishOrder(Float64Array.of(1, 1, 1, 1), Float64Array.of(5, 0, 9, 5))]).toEqual([1, 2, 0, 3]);
  });

  it('a zero goes ahead of a costlier cell; among non-zeros the costlier goes first', () => {
    // cell 0: cost 10, count 3; cell 1: cost 1, count 0; cell 2: cost 2, count 50 -> 1 (zero), 0 (cost 10), 2.
    expect([...publishOrder(Float64Array.of(10, 1, 2), Float64Array.of(3, 0, 50))]).toEqual([1, 0, 2]);
  });
});

describe('suppressCells publishes zeros before other candidates', () => {
  it('T = A + B + C with A = 2 (count < 3), B = 0, C = 10: C is the partner, B stays published', async () => {
    // Hand check: A needs one partner among B, C and T. Hidden with B (a zero), A + B = 2 gives A in [0, 2]: the
    // attacker learns A < 3, so the audit fails and a repair hides C as well (2 secondaries). Hidden with C,
    // A + C = 12 gives A in [0, 12]: one secondary and the audit passes. T is the costliest to lose (largest count).
    const t = makeTable([{ name: 'd', hierarchy: flat('T', ['A', 'B', 'C']) }], [2, 0, 10]);
    const rule = frequencyRule({ n: 3 });
    const r = await suppressCells(t, { rules: [rule] });
    const out = r.tables[0]!;
    const status = (d: string): string => out.statusOf(out.indexOf({ d }));
    expect([status('A'), status('B'), status('C'), status('T')]).toEqual(['primary', 'published', 'secondary', 'published']);
    expect(r.secondaryCount).toBe(1);
    expect(r.repairAdded).toBe(0);
    expect((await auditTable(out, { rules: [rule] })).passed).toBe(true);
  });
});
