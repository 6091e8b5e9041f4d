import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../src/aggregate/aggregate.js';
import { cellTableToJson } from '../../../src/aggregate/cellTableToJson.js';
import { auditTable } from '../../../src/audit/auditTable.js';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import { frequencyRule } from '../../../src/protect/suppression/rules/frequencyRule.js';
import { dimensionsJson } from '../../../src/release/methods/dimensionsJson.js';
import { protectSuppression } from '../../../src/release/methods/protectSuppression.js';
import { protectTables } from '../../../src/release/methods/protectTables.js';
import { cellAt, context, extractOf, hasNoValue, personsIn, referenceCount, request, type Row } from './helpers.js';

const TOTALS = { hospital: 'Total', sex: 'Total' };
const RULES = [{ frequency: { n: 5 } }];

// Persons per (hospital, sex): A: 2 and 6, B: 7 and 8, C: 9 and 10 (one row each). Totals: A 8, B 15, C 19,
// sex 1: 18, sex 2: 24, all: 42. Only (A, 1) has 0 < count < 5.
const ROWS = personsIn([
  ['A', '1', 2],
  ['A', '2', 6],
  ['B', '1', 7],
  ['B', '2', 8],
  ['C', '1', 9],
  ['C', '2', 10],
]);

describe('protectSuppression', () => {
  it('hides (A, 1) as primary, adds secondary cells, publishes the rest as counted, and passes the audit', async () => {
    const extract = extractOf(ROWS);
    const req = request('by_hospital_sex', ['hospital', 'sex'], { suppression: { rules: RULES } });
    const [outcome] = await protectSuppression([req], { rules: RULES }, context(extract));
    const t = outcome!.released;
    expect(t.format).toBe('prikk.cell-table/1');
    expect(t.method).toBe('suppression');
    expect(t.valueFields).toEqual([{ key: 'persons', label: 'Persons', decimals: 0 }]);
    // 3 hospitals + total by 2 sexes + total = 4 × 3 cells.
    expect(t.cells).toHaveLength(12);
    expect(cellAt(t, { hospital: 'A', sex: '1' }).status).toBe('primary');
    expect(t.cells.filter((c) => c.status === 'primary')).toHaveLength(1);
    // A hidden cell in a relation needs a second hidden cell in each of its relations: at least a rectangle of 4.
    expect(t.cells.filter((c) => c.status === 'secondary').length).toBeGreaterThanOrEqual(3);
    for (const c of t.cells) {
      if (c.status === 'published') {
        expect(c.persons === 0 || c.persons! >= 5).toBe(true);
        expect(c.persons).toBe(referenceCount(ROWS, c.coords, TOTALS));
        expect(Object.keys(c)).toEqual(['coords', 'persons', 'status']);
      } else expect(hasNoValue(c)).toBe(true);
    }
    // Legend: the rule stated, the symbols from the context, counts per status.
    expect(t.legend.map((l) => [l.status, l.symbol, l.meaning, l.cells])).toEqual([
      ['published', '', 'Published as counted', t.cells.filter((c) => c.status === 'published').length],
      ['primary', '..', 'Hidden: fewer than 5 persons (count < 5)', 1],
      ['secondary', '..', 'Hidden to protect another hidden cell', t.cells.filter((c) => c.status === 'secondary').length],
    ]);
    // Summary: hiddenCountShare = true persons of the hidden finest cells / 42 (persons are in one cell each, so additive).
    const hiddenFinest = t.cells.filter((c) => c.status !== 'published' && c.coords.hospital !== 'Total' && c.coords.sex !== 'Total');
    const hiddenPersons = hiddenFinest.reduce((s, c) => s + referenceCount(ROWS, c.coords, TOTALS), 0);
    expect(t.summary.cells).toBe(12);
    expect(t.summary.hiddenCells).toBe(t.cells.filter((c) => c.status !== 'published').length);
    expect(t.summary.hiddenCellShare).toBeCloseTo(t.summary.hiddenCells / 12, 12);
    expect(t.summary.hiddenCountShare).toBeCloseTo(hiddenPersons / 42, 12);
    // Manifest.
    const m = outcome!.manifest;
    expect(m.audit).toMatchObject({ passed: true, failed: 0, singletonLeaks: 0, scope: 'linked group: by_hospital_sex' });
    expect(m.audit!.cellsChecked).toBeGreaterThanOrEqual(1);
    expect(m.parameters).toMatchObject({
      rules: ['frequency(count < 5)'],
      secondary: 'fast',
      cost: 'cells',
      singletons: true,
      primaryCells: 1,
      primaryByRule: { 'frequency(count < 5)': 1 },
      secondaryCells: t.cells.filter((c) => c.status === 'secondary').length,
    });
    expect(m.dimensions).toEqual([
      { column: 'hospital', hierarchy: 'flat' },
      { column: 'sex', hierarchy: 'flat' },
    ]);
    expect(m.values).toEqual(['persons']);
    // The auditable table and its rules; an independent audit of the released JSON (hidden cells unknown) passes.
    expect(outcome!.auditable!.rules.map((r) => r.name)).toEqual(['frequency(count < 5)']);
    const again = await auditTable(t, { rules: [frequencyRule({ n: 5 })] });
    expect(again.passed).toBe(true);
  });

  it('takes the dimensions from the cell-table JSON form, and dimensionsJson gives the same form', async () => {
    const extract = extractOf(ROWS);
    const req = request('t', ['hospital', 'sex'], { suppression: { rules: RULES } });
    const [outcome] = await protectSuppression([req], { rules: RULES }, context(extract));
    const table = aggregate(extract, { dimensions: ['hospital', 'sex'] });
    expect(outcome!.released.dimensions).toEqual(cellTableToJson(table).dimensions);
    expect(dimensionsJson(table.dimensions)).toEqual(cellTableToJson(table).dimensions);
    expect(outcome!.released.dimensions[0]).toEqual({ name: 'hospital', total: 'Total', hierarchy: { Total: ['A', 'B', 'C'] } });
  });

  it('protects linked tables together: a shared cell has one status, and the audit scope names the group', async () => {
    const extract = extractOf(ROWS);
    const settings = { rules: RULES };
    const a = request('by_hospital_sex', ['hospital', 'sex'], { suppression: settings });
    const b = request('by_hospital', ['hospital'], { suppression: { rules: RULES, secondary: 'fast' } });
    const outcomes = await protectTables([a, b], context(extract));
    expect(outcomes.map((o) => o.manifest.audit!.scope)).toEqual(['linked group: by_hospital_sex, by_hospital', 'linked group: by_hospital_sex, by_hospital']);
    for (const h of ['A', 'B', 'C', 'Total']) {
      expect(cellAt(outcomes[1]!.released, { hospital: h }).status).toBe(cellAt(outcomes[0]!.released, { hospital: h, sex: 'Total' }).status);
    }
    expect(outcomes[0]!.released.notes[0]).toMatch(/linked group: by_hospital_sex, by_hospital/);
    const again = await auditTable([outcomes[0]!.released, outcomes[1]!.released], { rules: [frequencyRule({ n: 5 })] });
    expect(again.passed).toBe(true);
  });

  it('publishes sums and means only under a magnitude rule on the measure, with hidden cells still without values', async () => {
    // One person (p8) pays 10,000 in (B, 1); everyone else 100. Dominance (n = 1, k = 80), by hand:
    //   (B, 1): 6 × 100 + 10,000 = 10,600, 0.8 × 10,600 = 8,480 < 10,000: primary;
    //   (B, Total): 10,600 + 800 = 11,400, 0.8 × 11,400 = 9,120 < 10,000: primary;
    //   (Total, 1): 200 + 10,600 + 900 = 11,700, 0.8 × 11,700 = 9,360 < 10,000: primary;
    //   (Total, Total): 14,100, 0.8 × 14,100 = 11,280 > 10,000: not sensitive.
    const rows: Row[] = ROWS.map((r) => (r.pid === 'p8' ? { ...r, cost: 10_000 } : r));
    expect(rows.find((r) => r.pid === 'p8')).toMatchObject({ hospital: 'B', sex: '1' });
    const extract = extractOf(rows);
    const rules = [{ frequency: { n: 5 } }, { dominance: { measure: 'cost', n: 1, k: 80 } }] as const;
    const req = request('cost', ['hospital', 'sex'], { suppression: { rules } }, { values: ['persons', 'sum:cost', 'mean:cost'], measures: ['cost'] });
    const [outcome] = await protectSuppression([req], { rules }, context(extract));
    const t = outcome!.released;
    expect(t.measures).toEqual(['cost']);
    expect(t.valueFields).toEqual([
      { key: 'persons', label: 'Persons', decimals: 0 },
      { key: 'sum:cost', label: 'Sum of cost', decimals: 0 },
      { key: 'mean:cost', label: 'Mean of cost', decimals: 1 },
    ]);
    expect(cellAt(t, { hospital: 'B', sex: '1' }).status).toBe('primary');
    expect(cellAt(t, { hospital: 'B', sex: 'Total' }).status).toBe('primary');
    expect(cellAt(t, { hospital: 'Total', sex: '1' }).status).toBe('primary');
    expect(cellAt(t, { hospital: 'Total', sex: 'Total' }).status).not.toBe('primary');
    expect(outcome!.manifest.parameters.primaryByRule).toMatchObject({ 'dominance(n = 1, k = 80, cost)': 3 });
    expect(t.legend.find((l) => l.status === 'primary')!.meaning).toBe(
      "Hidden: fewer than 5 persons (count < 5); or the largest contributor holds more than 80 % of the cell's cost (dominance rule, n = 1, k = 80)",
    );
    for (const c of t.cells) {
      if (c.status !== 'published') expect(hasNoValue(c)).toBe(true);
      else {
        const sum = rows.filter((r) => ['hospital', 'sex'].every((d) => c.coords[d] === 'Total' || String(r[d]) === c.coords[d])).reduce((s, r) => s + Number(r.cost), 0);
        expect(c.sums).toEqual({ cost: sum });
        expect(c.means!.cost).toBeCloseTo(sum / c.persons!, 9); // one row per person: rows = persons
      }
    }
    const unprotected = request('bad', ['hospital'], { suppression: { rules: RULES } }, { values: ['persons', 'sum:cost'] });
    await expect(protectSuppression([unprotected], { rules: RULES }, context(extract))).rejects.toThrow(/no magnitude rule .* protects 'cost'/);
  });

  it('optimal: the manifest says whether the pattern is proven optimal, its cost and the lower bound, under the time limit', async () => {
    const extract = extractOf(ROWS);
    const settings = { rules: RULES, secondary: 'optimal' as const, optimalTimeLimit: 30 };
    const req = request('by_hospital_sex', ['hospital', 'sex'], { suppression: settings });
    const [outcome] = await protectSuppression([req], settings, context(extract));
    const t = outcome!.released;
    // The 4 × 3 table with one small cell (A, 1): the fewest cells that protect it are a rectangle, the primary and
    // 3 secondaries (A/2, and one other hospital's 1 and 2), all at cost 1.
    expect(t.cells.filter((c) => c.status !== 'published')).toHaveLength(4);
    expect(outcome!.manifest.parameters).toMatchObject({
      secondary: 'optimal',
      optimal: { proven: true, cost: 4, costLowerBound: 4, timeLimitReached: false, timeLimitSeconds: 30 },
    });
    // The fast method's manifest has no such entry.
    const fast = await protectSuppression([request('f', ['hospital', 'sex'], { suppression: { rules: RULES } })], { rules: RULES }, context(extract));
    expect(fast[0]!.manifest.parameters).not.toHaveProperty('optimal');
  });

  it('validates its settings before aggregating', async () => {
    const extract = extractOf(ROWS);
    const req = request('t', ['hospital'], { suppression: { rules: RULES } });
    await expect(protectSuppression([], { rules: RULES }, context(extract))).rejects.toThrow(PrikkError);
    await expect(protectSuppression([req], { rules: [] }, context(extract))).rejects.toThrow(/at least one rule/);
    await expect(protectSuppression([req], { rules: RULES, secondary: 'magic' as never }, context(extract))).rejects.toThrow(/'fast' or 'optimal'/);
    await expect(protectSuppression([req], { rules: RULES, secondary: 'optimal', optimalTimeLimit: 0 }, context(extract))).rejects.toThrow(/optimalTimeLimit must be a number of seconds > 0, got 0/);
    await expect(protectSuppression([req], { rules: [{ frequency: { n: 5 }, dominance: { measure: 'cost', n: 1, k: 80 } } as never] }, context(extract))).rejects.toThrow(
      /exactly one of frequency, dominance, pPercent/,
    );
  });

  it('refuses a persons table whose margins are not sums of their cells (a person in two cells), naming the fix', async () => {
    // q0 is in (A, 1) and (B, 2): A + B = 2 + 1 persons, but the total has 2.
    const rows = [
      { pid: 'q0', hospital: 'A', sex: '1', cost: 1 },
      { pid: 'q1', hospital: 'A', sex: '1', cost: 1 },
      { pid: 'q0', hospital: 'B', sex: '2', cost: 1 },
    ];
    const req = request('t', ['hospital', 'sex'], { suppression: { rules: RULES } });
    await expect(protectSuppression([req], { rules: RULES }, context(extractOf(rows)))).rejects.toThrow(/not sums of their cells.*unit: rows/);
    const byRows = request('t', ['hospital', 'sex'], { suppression: { rules: RULES } }, { unit: 'rows' });
    const [outcome] = await protectSuppression([byRows], { rules: RULES }, context(extractOf(rows)));
    expect(outcome!.manifest.audit!.passed).toBe(true);
  });

  it('property: on random small extracts every published count is 0 or >= n, hidden cells have no value, the audit passes', async () => {
    // Persons: each person has 1-3 rows in one (hospital, sex) cell (an additive persons table). Rows: any rows.
    const cellArb = fc.record({ hospital: fc.constantFrom('A', 'B', 'C', 'D'), sex: fc.constantFrom('1', '2') });
    const personsArb = fc.array(fc.tuple(cellArb, fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 40 }).map((ps) =>
      ps.flatMap(([cell, k], i) => Array.from({ length: k }, () => ({ pid: `q${i}`, ...cell, cost: 1 }))),
    );
    const rowsArb = fc.array(fc.record({ pid: fc.integer({ min: 0, max: 25 }).map((i) => `q${i}`), hospital: fc.constantFrom('A', 'B', 'C', 'D'), sex: fc.constantFrom('1', '2'), cost: fc.constant(1) }), {
      minLength: 1,
      maxLength: 60,
    });
    const caseArb = fc.oneof(
      personsArb.map((rows) => ({ rows, unit: 'persons' as const })),
      rowsArb.map((rows) => ({ rows, unit: 'rows' as const })),
    );
    await fc.assert(
      fc.asyncProperty(caseArb, fc.integer({ min: 2, max: 5 }), async ({ rows, unit }, n) => {
        const extract = extractOf(rows);
        const rules = [{ frequency: { n } }];
        const req = request('t', ['hospital', 'sex'], { suppression: { rules } }, { unit });
        const [outcome] = await protectSuppression([req], { rules }, context(extract));
        const t = outcome!.released;
        for (const c of t.cells) {
          if (c.status === 'published') {
            const v = c[unit]!;
            expect(v === 0 || v >= n).toBe(true);
            expect(v).toBe(referenceCount(rows, c.coords, TOTALS, unit));
          } else expect(hasNoValue(c)).toBe(true);
        }
        expect(outcome!.manifest.audit!.passed).toBe(true);
        expect((await auditTable(t, { rules: [frequencyRule({ n })] })).passed).toBe(true);
      }),
      { numRuns: 30, seed: 20250601 },
    );
  });
});
