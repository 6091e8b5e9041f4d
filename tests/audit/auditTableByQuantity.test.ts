import { describe, expect, it } from 'vitest';
import { cellTableToJson } from '../../src/aggregate/cellTableToJson.js';
import type { CellTableJson } from '../../src/aggregate/CellTableJson.js';
import { auditTable } from '../../src/audit/auditTable.js';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { frequencyRule } from '../../src/protect/suppression/rules/frequencyRule.js';
import { pPercentRule } from '../../src/protect/suppression/rules/pPercentRule.js';
import { flat, makeTable, withStatuses } from './tableHelpers.js';

// 2 × 2 with margins: rows a, b × columns 1, 2; counts [[2, 9], [8, 7]], costs [[200, 900], [800, 700]].
function table(hideAll: boolean) {
  const t = makeTable(
    [
      { name: 'r', hierarchy: flat('T', ['a', 'b']) },
      { name: 'c', hierarchy: flat('T', ['1', '2']) },
    ],
    [2, 9, 8, 7],
    { sums: { cost: [200, 900, 800, 700] } },
  );
  const marks: [Record<string, string>, 'primary' | 'secondary'][] = [[{ r: 'a', c: '1' }, 'primary']];
  if (hideAll) marks.push([{ r: 'a', c: '2' }, 'secondary'], [{ r: 'b', c: '1' }, 'secondary'], [{ r: 'b', c: '2' }, 'secondary']);
  return withStatuses(t, marks);
}

/** The table's JSON with only `keep` among the value fields of its cells (as a tool publishing only those writes it). */
function only(json: CellTableJson, keep: 'counts' | 'sums'): CellTableJson {
  const cells = json.cells.map((c) => {
    const { rows: _r, persons: _p, sums, ...rest } = c as unknown as Record<string, unknown>;
    if (keep === 'sums') return sums === undefined ? rest : { ...rest, sums };
    return { ...rest, ...(_p !== undefined ? { persons: _p } : {}), ...(_r !== undefined ? { rows: _r } : {}) };
  });
  return { ...json, cells } as unknown as CellTableJson;
}

describe('auditTable audits each rule on the values of its quantity that the tables show', () => {
  it('a table of sums only, four inner cells hidden: the p % rule passes with the hand-solved width 1,000', async () => {
    // Published margins of cost: a = 1,100, b = 1,500, 1 = 1,000, 2 = 1,600. a1 = t gives a2 = 1,100 - t,
    // b1 = 1,000 - t, b2 = 500 + t; all >= 0 for t in [0, 1,000], so a1's interval is [0, 1,000]: width 1,000 > 0.
    const json = only(cellTableToJson(table(true)), 'sums');
    const r = await auditTable(json, { rules: [pPercentRule({ p: 10, measure: 'cost' })] });
    expect(r.passed).toBe(true);
    expect(r.cellsChecked).toBe(1);
    expect(r.narrowest).toMatchObject({ quantity: 'cost', coords: { r: 'a', c: '1' }, width: 1000, widthExact: true });
  });

  it('a table of sums only with the primary alone hidden: a1 = a - a2 is recomputed, the audit fails', async () => {
    const json = only(cellTableToJson(table(false)), 'sums');
    const r = await auditTable(json, { rules: [pPercentRule({ p: 10, measure: 'cost' })] });
    expect(r.passed).toBe(false);
    expect(r.cells.map((c) => [c.quantity, c.width, c.pass])).toEqual([['cost', 0, false]]);
  });

  it('a frequency rule on a table of sums only is an error naming the rule', async () => {
    const json = only(cellTableToJson(table(true)), 'sums');
    const err = await auditTable(json, { rules: [frequencyRule({ n: 3 })] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrikkError);
    expect((err as PrikkError).message).toMatch(/rule 'frequency\(count < 3\)' reads a count .* which no table given shows/);
  });

  it('a published cell that shows no count is unknown for the frequency rule; the rest of the table still counts', async () => {
    // Only a1 hidden (primary); a2 published with its cost but without a count. For counts a1 and a2 are unknown,
    // but column 1 still gives a1 = 10 - b1 = 10 - 8 = 2 (width 0); for cost a1 = 1,000 - 800 = 200 (width 0).
    // Dropping the table from the count audit because one cell lacks a count would miss that.
    const json = cellTableToJson(table(false)) as unknown as { cells: Record<string, unknown>[] };
    const a2 = json.cells.find((c) => JSON.stringify(c.coords) === JSON.stringify({ r: 'a', c: '2' }))!;
    delete a2.persons;
    delete a2.rows;
    const r = await auditTable(json as unknown as CellTableJson, { rules: [frequencyRule({ n: 3 }), pPercentRule({ p: 10, measure: 'cost' })] });
    expect(r.passed).toBe(false);
    expect(r.cells.map((c) => [c.quantity, c.width, c.pass])).toEqual([
      ['count', 0, false],
      ['cost', 0, false],
    ]);
  });

  it('linked tables that publish different values are audited together (each value where it is shown)', async () => {
    // Table 0 publishes counts only, table 1 the same cells' costs only; both hide the four inner cells. The cells
    // are shared, so both checks are on table 0's cell a1. Counts: a1 = t, a2 = 11 - t, b1 = 10 - t, b2 = 5 + t,
    // t in [0, 10] (width 10 >= 3 passes); costs: width 1,000 as above.
    const counts = only(cellTableToJson(table(true)), 'counts');
    const sums = only(cellTableToJson(table(true)), 'sums');
    const r = await auditTable([counts, sums], { rules: [frequencyRule({ n: 3 }), pPercentRule({ p: 10, measure: 'cost' })] });
    expect(r.passed).toBe(true);
    expect(r.cells.map((c) => [c.table, c.quantity, c.width]).sort()).toEqual([
      [0, 'cost', 1000],
      [0, 'count', 10],
    ]);
    expect(r.narrowest).toMatchObject({ quantity: 'count', width: 10 });
  });
});
