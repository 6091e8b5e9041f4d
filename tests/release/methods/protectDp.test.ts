import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import { DatasetBudget } from '../../../src/protect/dp/budget/DatasetBudget.js';
import { InMemoryBudgetLedger } from '../../../src/protect/dp/budget/InMemoryBudgetLedger.js';
import { describeLoss, pureDp, zcdp } from '../../../src/protect/dp/budget/PrivacyLoss.js';
import { seededRandomSource } from '../../../src/random/seededRandomSource.js';
import type { Schema } from '../../../src/read/Schema.js';
import type { DpMethodPolicy } from '../../../src/policy/ReleasePolicy.js';
import { protectDp } from '../../../src/release/methods/protectDp.js';
import { cellAt, context, extractOf, personsIn, request } from './helpers.js';

// Hospitals from a public code list, D has nobody: a DP table still releases it (with noise).
const DP_SCHEMA: Schema = {
  columns: [
    { name: 'pid', role: 'person' },
    { name: 'hospital', role: 'dimension', codes: ['A', 'B', 'C', 'D'] },
    { name: 'sex', role: 'dimension', codes: ['1', '2'] },
    { name: 'cost', role: 'measure' },
  ],
};
const ROWS = personsIn([
  ['A', '1', 20],
  ['A', '2', 25],
  ['B', '1', 40],
  ['C', '2', 3],
]);
const SETTINGS: DpMethodPolicy = { privacy: { epsilon: '1' }, statistic: 'persons', bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 } };

async function dpContext(lifetime = pureDp(2), seed = 'dp-test') {
  const budget = await DatasetBudget.open({ ledger: new InMemoryBudgetLedger(), dataset: 'test', lifetime });
  return context(extractOf(ROWS, DP_SCHEMA), { budget, random: seededRandomSource(seed), insecureRandomForTesting: `seeded(${seed})` });
}

describe('protectDp', () => {
  it('releases every public key, whole numbers inside their intervals, consistent with the margins, and spends ε', async () => {
    const ctx = await dpContext();
    const req = request('by_hospital_sex', ['hospital', 'sex'], { dp: SETTINGS });
    const outcome = protectDp(req, SETTINGS, ctx);
    const t = outcome.released;
    // (4 hospitals + total) × (2 sexes + total) = 15 cells, D included.
    expect(t.cells).toHaveLength(15);
    expect(cellAt(t, { hospital: 'D', sex: '1' }).status).toBe('published');
    for (const c of t.cells) {
      expect(c.status).toBe('published');
      expect(Number.isInteger(c.persons)).toBe(true);
      expect(c.persons!).toBeGreaterThanOrEqual(0);
      expect(c.interval!.lower).toBeLessThanOrEqual(c.persons!);
      expect(c.interval!.upper).toBeGreaterThanOrEqual(c.persons!);
      expect(typeof c.postProcessed).toBe('boolean');
    }
    // Post-processed with L0 = 1: every margin is the sum of its cells.
    for (const h of ['A', 'B', 'C', 'D', 'Total']) {
      expect(cellAt(t, { hospital: h, sex: 'Total' }).persons).toBe(cellAt(t, { hospital: h, sex: '1' }).persons! + cellAt(t, { hospital: h, sex: '2' }).persons!);
    }
    expect(t.dimensions).toEqual([
      { name: 'hospital', total: 'Total', hierarchy: { Total: ['A', 'B', 'C', 'D'] } },
      { name: 'sex', total: 'Total', hierarchy: { Total: ['1', '2'] } },
    ]);
    expect(t.valueFields).toEqual([{ key: 'persons', label: 'Persons', decimals: 0 }]);
    expect(t.legend).toEqual([{ status: 'published', symbol: '', meaning: 'Noisy value (differential privacy, ε = 1)', cells: 15 }]);
    expect(t.notes[0]).toMatch(/^Values are noisy: discrete Laplace noise .*ε = 1/);
    expect(t.notes[1]).toMatch(/probability at least 95 %/);
    expect(t.notes[2]).toMatch(/add up to their margins/);
    expect(t.summary.noiseStandardDeviation).toBeGreaterThan(0);
    expect(outcome.manifest.privacySpent).toEqual({ loss: { kind: 'pure', epsilon: '1' }, description: 'ε = 1' });
    expect(describeLoss(ctx.budget!.accountant.spent)).toBe('ε = 1');
    expect(outcome.manifest.parameters).toMatchObject({ privacy: { kind: 'pure', epsilon: '1' }, margins: 'allLevels', postProcess: true, confidence: 0.95, random: 'seeded(dp-test)' });
    expect(() => JSON.stringify(outcome.manifest)).not.toThrow(); // no BigInt left in the manifest
  });

  it('reads the privacy parameter exactly from decimal text, and rho gives zCDP', async () => {
    const ctx = await dpContext(zcdp('1'));
    const settings: DpMethodPolicy = { ...SETTINGS, privacy: { rho: '0.1' } };
    const outcome = protectDp(request('t', ['hospital'], { dp: settings }), settings, ctx);
    expect(outcome.manifest.privacySpent!.loss).toEqual({ kind: 'zcdp', rho: '1/10', delta: '0' });
    expect(outcome.released.notes[0]).toMatch(/discrete Gaussian/);
  });

  it('needs a budget, refuses keys found in the data, and refuses to overspend', async () => {
    const req = request('t', ['hospital'], { dp: SETTINGS });
    expect(() => protectDp(req, SETTINGS, context(extractOf(ROWS, DP_SCHEMA)))).toThrow(/no privacy budget/);
    const ctx = await dpContext(pureDp('0.5'));
    const dataKeys = context(extractOf(ROWS), { budget: ctx.budget, random: ctx.random, insecureRandomForTesting: 'seeded(dp-test)' });
    expect(() => protectDp(req, SETTINGS, dataKeys)).toThrow(/keys would come from the data/);
    const error = (() => {
      try {
        protectDp(req, SETTINGS, ctx);
      } catch (e) {
        return e;
      }
    })();
    expect((error as PrikkError).code).toBe('BUDGET_EXCEEDED');
    // A secure source is required unless the test names the seeded one.
    const insecure = context(extractOf(ROWS, DP_SCHEMA), { budget: (await dpContext()).budget, random: seededRandomSource('x') });
    expect(() => protectDp(req, SETTINGS, insecure)).toThrow(/not secure/);
  });

  it('releases sums of a clamped measure in the sums field, and refuses values other than the statistic', async () => {
    const ctx = await dpContext();
    const settings: DpMethodPolicy = { ...SETTINGS, statistic: 'sum', measure: 'cost', clamp: { lower: 0, upper: 200 } };
    const outcome = protectDp(request('t', ['hospital'], { dp: settings }, { values: ['sum:cost'] }), settings, ctx);
    const t = outcome.released;
    expect(t.valueFields).toEqual([{ key: 'sum:cost', label: 'Sum of cost', decimals: 0 }]);
    expect(t.measures).toEqual(['cost']);
    for (const c of t.cells) {
      expect(Object.keys(c.sums!)).toEqual(['cost']);
      expect(Number.isInteger(c.sums!.cost)).toBe(true);
      expect(c.interval!.lower).toBeLessThanOrEqual(c.sums!.cost!);
      expect(c.interval!.upper).toBeGreaterThanOrEqual(c.sums!.cost!);
    }
    expect(() => protectDp(request('t', ['hospital'], { dp: SETTINGS }, { values: ['persons', 'rows'] }), SETTINGS, ctx)).toThrow(/releases one statistic/);
  });
});
