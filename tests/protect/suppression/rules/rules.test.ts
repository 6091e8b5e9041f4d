import { describe, expect, it } from 'vitest';
import { CellTable } from '../../../../src/aggregate/CellTable.js';
import { PrikkError } from '../../../../src/errors/PrikkError.js';
import { applyPrimaryRules } from '../../../../src/protect/suppression/rules/applyPrimaryRules.js';
import { dominanceRule } from '../../../../src/protect/suppression/rules/dominanceRule.js';
import { frequencyRule } from '../../../../src/protect/suppression/rules/frequencyRule.js';
import { pPercentRule } from '../../../../src/protect/suppression/rules/pPercentRule.js';
import { suppressCells } from '../../../../src/protect/suppression/suppressCells.js';
import { auditTable } from '../../../../src/audit/auditTable.js';
import { flat } from '../../../audit/tableHelpers.js';

/** A magnitude table from per-person contributions, every cell's sum and top-2 computed by brute force. */
function magnitudeTable(dims: { name: string; labels: string[] }[], persons: { at: string[]; value: number }[]): CellTable {
  const dimensions = dims.map((d) => ({ name: d.name, hierarchy: flat('T', d.labels) }));
  const probe = new CellTable({ dimensions, unit: 'rows', rows: new Float64Array(dimensions.reduce((a, d) => a * d.hierarchy.size, 1)) });
  const n = probe.cellCount;
  const rows = new Float64Array(n);
  const sums = new Float64Array(n);
  const top = new Float64Array(n * 2);
  for (let c = 0; c < n; c++) {
    const coords = probe.coords(c);
    const inCell = persons.filter((p) => dims.every((d, i) => coords[d.name] === 'T' || coords[d.name] === p.at[i]));
    rows[c] = inCell.length;
    sums[c] = inCell.reduce((a, p) => a + p.value, 0);
    const sorted = inCell.map((p) => p.value).sort((a, b) => b - a);
    top[2 * c] = sorted[0] ?? 0;
    top[2 * c + 1] = sorted[1] ?? 0;
  }
  return new CellTable({ dimensions, unit: 'rows', rows, sums: new Map([['cost', sums]]), top: new Map([['cost', { k: 2, values: top }]]) });
}

const oneDim = magnitudeTable(
  [{ name: 'g', labels: ['A', 'B', 'C'] }],
  [
    { at: ['A'], value: 90 },
    { at: ['A'], value: 5 },
    { at: ['A'], value: 5 },
    { at: ['B'], value: 40 },
    { at: ['B'], value: 30 },
    { at: ['B'], value: 30 },
    { at: ['C'], value: 50 },
  ],
);
const cell = (g: string): number => oneDim.indexOf(g === 'T' ? {} : { g });

describe('frequencyRule', () => {
  it('fires on 0 < count < n, not on zeros unless asked, and names its operator', () => {
    const t = new CellTable({ dimensions: [{ name: 'x', hierarchy: flat('T', ['a', 'b', 'c']) }], unit: 'rows', rows: Float64Array.of(0, 2, 3, 5) });
    expect(frequencyRule({ n: 3 }).name).toBe('frequency(count < 3)');
    expect([...frequencyRule({ n: 3 }).sensitive(t)]).toEqual([0, 1, 0, 0]);
    expect([...frequencyRule({ n: 3, zerosSensitive: true }).sensitive(t)]).toEqual([1, 1, 0, 0]);
    expect(frequencyRule({ n: 3 }).requirement(t, 1)).toEqual({ upperTarget: 3, lowerTarget: Infinity, minWidth: 0 });
  });

  it('validates its parameters', () => {
    for (const n of [0, 2.5, -1, Number.NaN]) expect(() => frequencyRule({ n })).toThrow(PrikkError);
    expect(() => frequencyRule({ n: 3, minWidth: -1 })).toThrow(/minWidth/);
  });
});

describe('dominanceRule (n, k)', () => {
  const rule = dominanceRule({ measure: 'cost', n: 1, k: 80 });
  it('fires when the largest contributor holds more than k % (A: 90 of 100; C: 50 of 50)', () => {
    const f = rule.sensitive(oneDim);
    expect([f[cell('A')], f[cell('B')], f[cell('C')], f[cell('T')]]).toEqual([1, 0, 1, 0]);
  });
  it('asks for the tau-ARGUS protection level: UPL = 100/k · x1 - X = 1.25 · 90 - 100 = 12.5', () => {
    expect(rule.requirement(oneDim, cell('A'))).toEqual({ upperTarget: 112.5, lowerTarget: 87.5, minWidth: 0 });
  });
  it('validates parameters and needs top contributions', () => {
    expect(() => dominanceRule({ measure: 'cost', n: 0, k: 80 })).toThrow(PrikkError);
    expect(() => dominanceRule({ measure: 'cost', n: 1, k: 0 })).toThrow(PrikkError);
    expect(() => dominanceRule({ measure: 'cost', n: 1, k: 101 })).toThrow(PrikkError);
    expect(() => dominanceRule({ measure: '', n: 1, k: 80 })).toThrow(PrikkError);
    expect(() => dominanceRule({ measure: 'cost', n: 3, k: 80 }).sensitive(oneDim)).toThrow(/3 largest contributions/);
    expect(() => dominanceRule({ measure: 'other', n: 1, k: 80 }).sensitive(oneDim)).toThrow(/no sums/);
  });
});

describe('pPercentRule', () => {
  const rule = pPercentRule({ measure: 'cost', p: 10 });
  it('fires when X - x1 - x2 < p/100 · x1 (A: 5 < 9; B: 30 >= 4; C: one contributor, 0 < 5)', () => {
    const f = rule.sensitive(oneDim);
    expect([f[cell('A')], f[cell('B')], f[cell('C')], f[cell('T')]]).toEqual([1, 0, 1, 0]);
  });
  it('asks for UPL = p/100 · x1 - (X - x1 - x2): A 9 - 5 = 4, C 5 - 0 = 5', () => {
    expect(rule.requirement(oneDim, cell('A'))).toEqual({ upperTarget: 104, lowerTarget: 96, minWidth: 0 });
    expect(rule.requirement(oneDim, cell('C'))).toEqual({ upperTarget: 55, lowerTarget: 45, minWidth: 0 });
  });
  it('has a p/q form and validates 0 < p < q <= 100', () => {
    expect(pPercentRule({ measure: 'cost', p: 10, q: 50 }).name).toBe('pq(p = 10, q = 50, cost)');
    // q = 50 doubles the ratio: B needs 30 >= 0.2 · 40 = 8, still safe; A: 5 < 18.
    const f = pPercentRule({ measure: 'cost', p: 10, q: 50 }).sensitive(oneDim);
    expect([f[cell('A')], f[cell('B')]]).toEqual([1, 0]);
    expect(() => pPercentRule({ measure: 'cost', p: 0 })).toThrow(PrikkError);
    expect(() => pPercentRule({ measure: 'cost', p: 60, q: 50 })).toThrow(PrikkError);
    expect(() => pPercentRule({ measure: 'cost', p: 10, q: 120 })).toThrow(PrikkError);
  });
});

describe('applyPrimaryRules', () => {
  it('keeps a bit per rule, so a cell can say that several rules fired', () => {
    const p = applyPrimaryRules(oneDim, [frequencyRule({ n: 2 }), pPercentRule({ measure: 'cost', p: 10 })]);
    expect(p.ruleNames).toEqual(['frequency(count < 2)', 'p-percent(p = 10, cost)']);
    expect(p.reasons[cell('C')]).toBe(0b11); // one contributor: both rules
    expect(p.reasons[cell('A')]).toBe(0b10);
    expect(p.primaryCount).toBe(2);
    expect(p.countByRule).toEqual({ 'frequency(count < 2)': 1, 'p-percent(p = 10, cost)': 2 });
    expect(() => applyPrimaryRules(oneDim, [])).toThrow(PrikkError);
    expect(() => applyPrimaryRules(oneDim, [frequencyRule({ n: 2 }), frequencyRule({ n: 2 })])).toThrow(/same name/);
  });
});

describe('magnitude suppression end to end', () => {
  it('protects p % cells on the measure (not the counts) and the audit checks the protection levels', async () => {
    const persons: { at: string[]; value: number }[] = [];
    const regions = ['r1', 'r2', 'r3'];
    const kinds = ['k1', 'k2', 'k3'];
    regions.forEach((r, i) =>
      kinds.forEach((k, j) => {
        // one dominant contributor in (r1, k1); several comparable ones elsewhere
        if (i === 0 && j === 0) persons.push({ at: [r, k], value: 500 }, { at: [r, k], value: 10 });
        else for (let q = 0; q < 4; q++) persons.push({ at: [r, k], value: 20 + 7 * i + 3 * j + q });
      }),
    );
    const t = magnitudeTable(
      [
        { name: 'region', labels: regions },
        { name: 'kind', labels: kinds },
      ],
      persons,
    );
    const rule = pPercentRule({ measure: 'cost', p: 15 });
    const r = await suppressCells(t, { rules: [rule] });
    expect(r.primaryCount).toBeGreaterThanOrEqual(1);
    expect(r.audit.passed).toBe(true);
    expect(r.audit.cells.every((c) => c.quantity === 'cost')).toBe(true);
    const only = r.tables[0]!.withStatus(Uint8Array.from(r.tables[0]!.status, (s) => (s === 1 ? 1 : 0)));
    expect((await auditTable(only, { rules: [rule] })).passed).toBe(false);
  });
});
