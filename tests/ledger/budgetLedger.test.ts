import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { ReleaseLedger } from '../../src/ledger/ReleaseLedger.js';
import { DatasetBudget } from '../../src/protect/dp/budget/DatasetBudget.js';
import { describeLoss, pureDp, zcdp } from '../../src/protect/dp/budget/PrivacyLoss.js';
import { fixedClock, freshDir, releaseRecord } from './helpers.js';

describe('ReleaseLedger.budgetLedger', () => {
  it('a DatasetBudget opened after a restart sees the earlier spending and refuses to overspend', async () => {
    const dir = freshDir();
    const first = await ReleaseLedger.open({ dir, dataset: 'hip', now: fixedClock() });
    const budget = await DatasetBudget.open({ ledger: first.budgetLedger(), dataset: 'hip', lifetime: pureDp(1) });
    budget.accountant.spend(pureDp('0.3'), 'counts by region');
    budget.accountant.spend(pureDp('0.3'), 'counts by year');
    await budget.commit();
    // A release line's own spending counts too.
    await first.withLock(() => first.append(releaseRecord('r1', { epsilon: '1/10' })));

    // "Restart": a new ReleaseLedger object, as a new process would have.
    const second = await ReleaseLedger.open({ dir, dataset: 'hip' });
    const again = await DatasetBudget.open({ ledger: second.budgetLedger(), dataset: 'hip', lifetime: pureDp(1) });
    // 0.3 + 0.3 + 0.1 = 0.7 spent, 0.3 left (hand sum).
    expect(describeLoss(again.accountant.spent)).toBe('ε = 7/10 (0.7)');
    expect(describeLoss(again.accountant.remaining)).toBe('ε = 3/10 (0.3)');
    const e = (() => {
      try {
        again.accountant.spend(pureDp('0.4'), 'one more table');
        return undefined;
      } catch (err) {
        return err as PrikkError;
      }
    })();
    expect(e).toMatchObject({ code: 'BUDGET_EXCEEDED' });
    again.accountant.spend(pureDp('0.3'), 'the last of it');
    await again.commit();
    const third = await DatasetBudget.open({ ledger: (await ReleaseLedger.open({ dir, dataset: 'hip' })).budgetLedger(), dataset: 'hip', lifetime: pureDp(1) });
    expect(third.accountant.canSpend(pureDp('1/1000000'))).toBe(false);
  });

  it('entries are the spent items of every line with the line time; append writes one spend line', async () => {
    const ledger = await ReleaseLedger.open({ dir: freshDir(), dataset: 'hip', now: () => new Date('2025-03-01T00:00:00Z') });
    const budgetLedger = ledger.budgetLedger();
    await budgetLedger.append([
      { dataset: 'hip', label: 'a', loss: zcdp('1/50'), at: 'x' },
      { dataset: 'hip', label: 'b', loss: pureDp('1/4'), at: 'x' },
    ]);
    await budgetLedger.append([]);
    const records = await ledger.records();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: 'spend',
      at: '2025-03-01T00:00:00.000Z',
      spent: [
        { label: 'a', loss: { kind: 'zcdp', rho: '1/50', delta: '0' } },
        { label: 'b', loss: { kind: 'pure', epsilon: '1/4' } },
      ],
    });
    const entries = await budgetLedger.entries('hip');
    expect(entries.map((x) => [x.label, describeLoss(x.loss), x.at])).toEqual([
      ['a', 'ρ = 1/50 (0.02)', '2025-03-01T00:00:00.000Z'],
      ['b', 'ε = 1/4 (0.25)', '2025-03-01T00:00:00.000Z'],
    ]);
  });

  it('refuses another dataset (a budget under another name would see no spending)', async () => {
    const ledger = await ReleaseLedger.open({ dir: freshDir(), dataset: 'hip' });
    await expect(ledger.budgetLedger().entries('knee')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(DatasetBudget.open({ ledger: ledger.budgetLedger(), dataset: 'knee', lifetime: pureDp(1) })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(ledger.budgetLedger().append([{ dataset: 'knee', label: 'a', loss: pureDp(1), at: 'x' }])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('commit inside the release lock does not wait for itself', async () => {
    const ledger = await ReleaseLedger.open({ dir: freshDir(), dataset: 'hip' });
    await ledger.withLock(async () => {
      const budget = await DatasetBudget.open({ ledger: ledger.budgetLedger(), dataset: 'hip', lifetime: zcdp('1/10') });
      budget.accountant.spend(zcdp('1/20'), 'table');
      await budget.commit();
    }, { timeoutMs: 0 });
    expect(await ledger.records()).toHaveLength(1);
  });
});
