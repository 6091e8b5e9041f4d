import { describe, expect, it } from 'vitest';
import { auditTable } from '../../../src/audit/auditTable.js';
import { frequencyRule } from '../../../src/protect/suppression/rules/frequencyRule.js';
import { suppressCells } from '../../../src/protect/suppression/suppressCells.js';
import { flat, makeTable, sdcTableExample, twoLevel } from '../../audit/tableHelpers.js';

const rule3 = frequencyRule({ n: 3 });

function hiddenCoords(r: Awaited<ReturnType<typeof suppressCells>>): string[] {
  const t = r.tables[0]!;
  const out: string[] = [];
  for (let c = 0; c < t.cellCount; c++) if (t.statusOf(c) !== 'published') out.push(`${JSON.stringify(t.coords(c))}:${t.statusOf(c)}`);
  return out;
}

describe('suppressCells on the sdcTable reference (region A-D × gender, count < 3)', () => {
  it('fast: one primary (A/female), the audit passes', async () => {
    const r = await suppressCells(sdcTableExample(), { rules: [rule3] });
    expect(r.primaryCount).toBe(1);
    expect(r.primaryByRule).toEqual({ 'frequency(count < 3)': 1 });
    const t = r.tables[0]!;
    expect(t.statusOf(t.indexOf({ region: 'A', gender: 'female' }))).toBe('primary');
    expect(r.audit.passed).toBe(true);
    // independent re-audit of the output table
    expect((await auditTable(t, { rules: [rule3] })).passed).toBe(true);
    expect(r.secondaryCount).toBeGreaterThanOrEqual(3);
  });

  it('optimal: 3 secondaries, as sdcTable (A/male, C/male, C/female or another pattern of that size)', async () => {
    const r = await suppressCells(sdcTableExample(), { rules: [rule3], method: 'optimal' });
    expect(r.primaryCount).toBe(1);
    expect(r.secondaryCount).toBe(3);
    expect(r.audit.passed).toBe(true);
    // Proven: 4 hidden cells at cost 1 each (sdcTable's optimum: the primary and 3 secondaries), nothing cheaper.
    expect(r.optimal).toMatchObject({ proven: true, cost: 4, costLowerBound: 4, timeLimitReached: false });
    expect(r.optimal!.rounds).toBeGreaterThanOrEqual(1);
  });

  it('optimal with a width requirement: protecting, but not called proven (a width cut asks for an upward move)', async () => {
    const rule = frequencyRule({ n: 3, minWidth: 8 });
    const r = await suppressCells(sdcTableExample(), { rules: [rule], method: 'optimal' });
    expect(r.audit.passed).toBe(true);
    expect((await auditTable(r.tables[0]!, { rules: [rule] })).passed).toBe(true);
    expect(r.optimal!.proven).toBe(false);
    // The only bound that holds without valid cuts: the one primary.
    expect(r.optimal!.costLowerBound).toBe(1);
  });

  it('is deterministic: the same table and policy give the same pattern', async () => {
    const a = await suppressCells(sdcTableExample(), { rules: [rule3] });
    const b = await suppressCells(sdcTableExample(), { rules: [rule3] });
    expect(hiddenCoords(a)).toEqual(hiddenCoords(b));
  });
});

describe('suppressCells on hand-checked small tables', () => {
  it('2 × 2 with margins: hiding the one small cell alone is recoverable, so its row, column and opposite cell go too', async () => {
    const t = makeTable(
      [
        { name: 'r', hierarchy: flat('T', ['a', 'b']) },
        { name: 'c', hierarchy: flat('T', ['1', '2']) },
      ],
      [2, 9, 8, 7],
    );
    const r = await suppressCells(t, { rules: [rule3] });
    // The only pattern of 4 cells that protects a1 in a 2×2 is the four inner cells (any margin hidden would need
    // its own partner); a1 = t, a2 = 11 - t, b1 = 10 - t, b2 = 5 + t, 0 <= t <= 10 -> upper 10 >= 3.
    expect(hiddenCoords(r).sort()).toEqual(
      ['{"r":"a","c":"1"}:primary', '{"r":"a","c":"2"}:secondary', '{"r":"b","c":"1"}:secondary', '{"r":"b","c":"2"}:secondary'].sort(),
    );
    expect(r.audit.passed).toBe(true);
  });

  it('hierarchical 1-dim table with a singleton: the singleton gets two partners in its relation', async () => {
    const h = twoLevel('T', { north: ['n1', 'n2', 'n3'], south: ['s1', 's2'] });
    const t = makeTable([{ name: 'm', hierarchy: h }], [1, 10, 12, 20, 30]);
    const r = await suppressCells(t, { rules: [rule3] });
    expect(r.primaryCount).toBe(1);
    expect(r.audit.passed).toBe(true);
    expect(r.audit.singletonLeaks).toBe(0);
    // n1 plus both its siblings: with only n2, n1's contributor would recover n2 = 11 - 1.
    expect(hiddenCoords(r).sort()).toEqual(['{"m":"n1"}:primary', '{"m":"n2"}:secondary', '{"m":"n3"}:secondary'].sort());
    const opt = await suppressCells(t, { rules: [rule3], method: 'optimal' });
    expect(opt.secondaryCount).toBe(2);
  });

  it('without singleton handling, one partner is enough', async () => {
    const h = twoLevel('T', { north: ['n1', 'n2', 'n3'], south: ['s1', 's2'] });
    const t = makeTable([{ name: 'm', hierarchy: h }], [1, 10, 12, 20, 30]);
    const r = await suppressCells(t, { rules: [rule3], singletons: false });
    expect(r.secondaryCount).toBe(1);
    expect(r.audit.passed).toBe(true);
  });
});
