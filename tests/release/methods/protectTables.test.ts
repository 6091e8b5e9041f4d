import { describe, expect, it } from 'vitest';
import { DatasetBudget } from '../../../src/protect/dp/budget/DatasetBudget.js';
import { InMemoryBudgetLedger } from '../../../src/protect/dp/budget/InMemoryBudgetLedger.js';
import { pureDp } from '../../../src/protect/dp/budget/PrivacyLoss.js';
import { seededRandomSource } from '../../../src/random/seededRandomSource.js';
import { protectTables } from '../../../src/release/methods/protectTables.js';
import { context, extractOf, personsIn, request } from './helpers.js';

const ROWS = personsIn([
  ['A', '1', 2],
  ['A', '2', 6],
  ['B', '1', 7],
  ['B', '2', 8],
  ['C', '1', 9],
  ['C', '2', 10],
]);
const RULES = [{ frequency: { n: 5 } }];

describe('protectTables', () => {
  it('dispatches by method, links suppression tables with equal settings, unit and cohort, and keeps request order', async () => {
    const budget = await DatasetBudget.open({ ledger: new InMemoryBudgetLedger(), dataset: 'd', lifetime: pureDp(1) });
    const ctx = context(extractOf(ROWS), { budget, random: seededRandomSource('t'), insecureRandomForTesting: 'seeded(t)' });
    const women = { column: 'sex', in: ['2'] };
    const requests = [
      request('a', ['hospital', 'sex'], { suppression: { rules: RULES } }),
      request('b', ['hospital'], { rounding: { rule: 'nhs' } }),
      request('c', ['hospital'], { suppression: { rules: RULES, secondary: 'fast', singletons: true } }), // equal after defaults
      request('d', ['hospital'], { suppression: { rules: RULES } }, { filter: women }), // another cohort
      request('e', ['hospital'], { suppression: { rules: [{ frequency: { n: 3 } }] } }), // other settings
      request('f', ['sex'], { dp: { privacy: { epsilon: '0.5' }, statistic: 'persons', bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 } } }),
      request('g', ['hospital'], { kAnonymity: { k: 5 } }),
      request('h', ['hospital'], { suppression: { rules: RULES } }, { unit: 'rows' }), // another unit
    ];
    const outcomes = await protectTables(requests, ctx);
    expect(outcomes.map((o) => o.released.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(outcomes.map((o) => o.released.method)).toEqual(['suppression', 'rounding', 'suppression', 'suppression', 'suppression', 'dp', 'kAnonymity', 'suppression']);
    expect(outcomes.map((o) => o.manifest.audit?.scope)).toEqual([
      'linked group: a, c',
      undefined,
      'linked group: a, c',
      'linked group: d',
      'linked group: e',
      undefined,
      undefined,
      'linked group: h',
    ]);
    expect(outcomes[3]!.manifest.filter).toBe('sex = 2');
    expect(outcomes.filter((o) => o.auditable).map((o) => o.released.name)).toEqual(['a', 'c', 'd', 'e', 'h']);
    expect(budget.accountant.records.map((r) => r.label)).toEqual(["release table 'f'"]);
  });

  it('refuses a table without exactly one method', async () => {
    const bad = request('x', ['hospital'], { suppression: { rules: RULES }, rounding: { rule: 'nhs' } } as never);
    await expect(protectTables([bad], context(extractOf(ROWS)))).rejects.toThrow(/exactly one method/);
  });
});
