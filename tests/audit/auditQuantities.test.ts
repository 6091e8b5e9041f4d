import { describe, expect, it } from 'vitest';
import type { CellTableJson } from '../../src/aggregate/CellTableJson.js';
import { auditTable } from '../../src/audit/auditTable.js';
import { frequencyRule } from '../../src/protect/suppression/rules/frequencyRule.js';
import { pPercentRule } from '../../src/protect/suppression/rules/pPercentRule.js';
import { sdcTableJson } from '../cli/sdcTableJson.js';

// sdcTable's reference table with its optimal pattern hidden (A/female primary; A/male, C/male, C/female), published
// with persons and a cost of 1/100 per person. By hand: Af = t gives Am = 20 - t, Cf = 12 - t, Cm = 10 + t, all >= 0
// for t in [0, 12]: the count's interval is 12 persons wide, the cost's 0.12. The file holds no contributions, so the
// p % rule can require of the hidden cost only that it is not pinned to one value.
const pattern = new Set(['A/female', 'A/male', 'C/male', 'C/female']);
const json = sdcTableJson(pattern, (count) => ({ persons: count, sums: { cost: count / 100 } }), { unit: 'persons' }) as CellTableJson;

describe('an audit reports its narrowest interval per quantity', () => {
  it('counts and not-pinned sums: one entry each, the count narrowest is the overall one although the cost is narrower in its unit', async () => {
    const r = await auditTable(json, { rules: [frequencyRule({ n: 3 }), pPercentRule({ measure: 'cost', p: 10 })] });
    expect(r.passed).toBe(true);
    expect(r.quantities.map((q) => [q.quantity, q.cellsChecked, q.failed, q.notPinnedOnly])).toEqual([
      ['count', 1, 0, false],
      ['cost', 1, 0, true],
    ]);
    expect(r.quantities[0]!.narrowest).toMatchObject({ coords: { region: 'A', gender: 'female' }, width: 12, widthExact: true, notPinnedOnly: false });
    expect(r.quantities[1]!.narrowest).toMatchObject({ coords: { region: 'A', gender: 'female' }, notPinnedOnly: true });
    // A width of 0.12 (NOK) is no protection interval: the overall narrowest is the count's 12 persons.
    expect(r.narrowest).toBe(r.quantities[0]!.narrowest);
  });

  it('a quantity alone: its entry is the overall narrowest', async () => {
    const r = await auditTable(json, { rules: [frequencyRule({ n: 3 })] });
    expect(r.quantities).toHaveLength(1);
    expect(r.quantities[0]!.narrowest).toBe(r.narrowest);
    expect(r.narrowest).toMatchObject({ width: 12, widthExact: true });
  });
});
