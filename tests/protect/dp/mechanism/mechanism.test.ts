import { describe, expect, it } from 'vitest';
import { BudgetAccountant } from '../../../../src/protect/dp/budget/BudgetAccountant.js';
import { pureDp } from '../../../../src/protect/dp/budget/PrivacyLoss.js';
import { DpMechanism } from '../../../../src/protect/dp/mechanism/DpMechanism.js';
import { resolveRandom } from '../../../../src/protect/dp/mechanism/resolveRandom.js';
import { seededRandomSource } from '../../../../src/random/seededRandomSource.js';

describe('DpMechanism', () => {
  it('spends only when evaluated, and evaluates once', () => {
    const acc = new BudgetAccountant({ total: pureDp(1) });
    let runs = 0;
    const m = new DpMechanism({ label: 'count', loss: pureDp('0.5'), accountant: acc, run: () => ++runs });
    expect(acc.spent).toEqual(pureDp(0));
    expect(m.evaluated).toBe(false);
    expect(m.evaluate()).toBe(1);
    expect(acc.spent).toEqual(pureDp('0.5'));
    expect(() => m.evaluate()).toThrow(expect.objectContaining({ code: 'ALREADY_EVALUATED' }));
    expect(runs).toBe(1);
    expect(acc.spent).toEqual(pureDp('0.5'));
  });

  it('computes nothing when the budget refuses, and can run later', () => {
    const acc = new BudgetAccountant({ total: pureDp(1) });
    acc.spend(pureDp('0.8'), 'earlier');
    let runs = 0;
    const m = new DpMechanism({ label: 'count', loss: pureDp('0.5'), accountant: acc, run: () => ++runs });
    expect(() => m.evaluate()).toThrow(expect.objectContaining({ code: 'BUDGET_EXCEEDED' }));
    expect(runs).toBe(0);
    expect(m.evaluated).toBe(false);
  });

  it('keeps the budget spent when the computation fails', () => {
    const acc = new BudgetAccountant({ total: pureDp(1) });
    const m = new DpMechanism<number>({
      label: 'x',
      loss: pureDp('0.5'),
      accountant: acc,
      run: () => {
        throw new Error('boom');
      },
    });
    expect(() => m.evaluate()).toThrow('boom');
    expect(acc.spent).toEqual(pureDp('0.5'));
    expect(() => m.evaluate()).toThrow(expect.objectContaining({ code: 'ALREADY_EVALUATED' }));
  });
});

describe('resolveRandom', () => {
  it('defaults to node:crypto and refuses an insecure source unless a test names it', () => {
    expect(resolveRandom('q', undefined, undefined).name).toBe('node:crypto');
    const seeded = seededRandomSource('t');
    expect(() => resolveRandom('dpCrossTable', seeded, undefined)).toThrow(/dpCrossTable: random: the source 'seeded\(t\)' is not secure/);
    expect(() => resolveRandom('dpCrossTable', seeded, 'seeded(other)')).toThrow(/not secure/);
    expect(resolveRandom('dpCrossTable', seeded, 'seeded(t)')).toBe(seeded);
  });
});
