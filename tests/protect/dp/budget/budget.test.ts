import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BudgetAccountant } from '../../../../src/protect/dp/budget/BudgetAccountant.js';
import { convertLoss } from '../../../../src/protect/dp/budget/convertLoss.js';
import { DatasetBudget } from '../../../../src/protect/dp/budget/DatasetBudget.js';
import { InMemoryBudgetLedger } from '../../../../src/protect/dp/budget/InMemoryBudgetLedger.js';
import {
  approxDp,
  describeLoss,
  lossFromJson,
  lossToJson,
  type PrivacyLoss,
  pureDp,
  zcdp,
} from '../../../../src/protect/dp/budget/PrivacyLoss.js';
import { splitBudget } from '../../../../src/protect/dp/budget/splitBudget.js';
import { zcdpDelta, zcdpToApproxDp } from '../../../../src/protect/dp/budget/zcdpToApproxDp.js';
import { add, compare, rational, ZERO } from '../../../../src/protect/dp/rational/Rational.js';
import { PrikkError } from '../../../../src/errors/PrikkError.js';

const fixedNow = (): Date => new Date('2025-03-01T12:00:00.000Z');

describe('PrivacyLoss', () => {
  it('reads parameters exactly and describes them', () => {
    expect(pureDp(0.1)).toEqual({ kind: 'pure', epsilon: rational(1n, 10n) });
    expect(zcdp('1/50')).toEqual({ kind: 'zcdp', rho: rational(1n, 50n), delta: ZERO });
    expect(describeLoss(approxDp(1, '1e-6'))).toBe('ε = 1, δ = 1/1000000 (0.000001)');
    expect(describeLoss(zcdp('0.02'))).toBe('ρ = 1/50 (0.02)');
  });

  it('rejects negative parameters and δ >= 1', () => {
    expect(() => pureDp(-1)).toThrow(/pureDp: epsilon: expected a value >= 0/);
    expect(() => zcdp(1, 1)).toThrow(/zcdp: delta: expected a probability below 1/);
    expect(() => approxDp(1, Number.NaN)).toThrow(/approxDp: delta/);
  });

  it('round-trips through JSON exactly', () => {
    for (const loss of [pureDp('1/3'), zcdp('0.125', '1e-9'), approxDp(2, '1/1000000')]) {
      expect(lossFromJson(lossToJson(loss))).toEqual(loss);
    }
    expect(lossToJson(pureDp(0.1))).toEqual({ kind: 'pure', epsilon: '1/10' });
  });
});

describe('convertLoss', () => {
  it('turns ε-DP into ε²/2-zCDP (Bun & Steinke 2016, Prop. 1.4): ε = 0.2 gives ρ = 0.02', () => {
    expect(convertLoss(pureDp('0.2'), 'zcdp')).toEqual(zcdp('0.02'));
    expect(convertLoss(approxDp('0.2', '1e-6'), 'zcdp')).toEqual(zcdp('0.02', '1e-6'));
    expect(convertLoss(pureDp(1), 'approx')).toEqual(approxDp(1, 0));
  });

  it('refuses conversions that need a choice or are impossible', () => {
    expect(() => convertLoss(zcdp(1), 'pure')).toThrow(/cannot spend zcdp loss/);
    expect(() => convertLoss(zcdp(1), 'approx')).toThrow(/zCDP loss needs a zCDP budget/);
    expect(() => convertLoss(approxDp(1, '1e-6'), 'pure')).toThrow(/pure ε-DP budget only accepts/);
  });
});

describe('zCDP to (ε, δ)', () => {
  it("matches the authors' cdp2adp.py (run with Python 3: cdp_delta(0.025, 1) = 1.3361319064e-6, cdp_eps(0.025, 1e-6) = 1.0140742547, cdp_eps(0.5, 1e-5) = 4.7283869849)", () => {
    expect(zcdpDelta(0.025, 1) / 1.3361319064032213e-6).toBeCloseTo(1, 6);
    expect(zcdpToApproxDp(0.025, 1e-6)).toBeCloseTo(1.014074254726128, 6);
    expect(zcdpToApproxDp(0.5, 1e-5)).toBeCloseTo(4.728386984943314, 6);
  });

  it('is never above the Bun–Steinke bound ε = ρ + 2√(ρ ln(1/δ)) and never below the exact value it approximates', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 5, noNaN: true }), fc.double({ min: 1e-12, max: 0.1, noNaN: true }), (rho, delta) => {
        const eps = zcdpToApproxDp(rho, delta);
        const bs = rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
        return eps <= bs * (1 + 1e-8) && zcdpDelta(rho, eps) <= delta * (1 + 1e-6);
      }),
      { numRuns: 50 },
    );
  });
});

describe('BudgetAccountant', () => {
  it('spends exactly and reports what remains: 1 − 0.4 − 1/3 = 4/15', () => {
    const acc = new BudgetAccountant({ total: pureDp(1), now: fixedNow });
    acc.spend(pureDp('0.4'), 'counts');
    acc.spend(pureDp('1/3'), 'sums');
    expect(acc.remaining).toEqual(pureDp('4/15'));
    expect(acc.records.map((r) => [r.label, r.at])).toEqual([
      ['counts', '2025-03-01T12:00:00.000Z'],
      ['sums', '2025-03-01T12:00:00.000Z'],
    ]);
  });

  it('spends a budget split into 10 shares exactly to zero (no floating-point creep: 10 × 0.1 is exactly 1)', () => {
    const acc = new BudgetAccountant({ total: pureDp(1) });
    for (const share of splitBudget(acc.total, 10)) acc.spend(share, 'cell');
    expect(acc.remaining).toEqual(pureDp(0));
    expect(() => acc.spend(pureDp('1e-30'), 'one more')).toThrow(PrikkError);
  });

  it('refuses to overspend, showing requested, remaining and the difference, and spends nothing', () => {
    const acc = new BudgetAccountant({ total: pureDp(1) });
    acc.spend(pureDp('0.4'), 'counts');
    let error: unknown;
    try {
      acc.spend(pureDp('0.7'), 'sums');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PrikkError);
    expect((error as PrikkError).code).toBe('BUDGET_EXCEEDED');
    expect((error as PrikkError).message).toBe(
      "sums requests ε = 7/10 (0.7) but only ε = 3/5 (0.6) of ε = 1 remains (ε 1/10 (0.1) too much); nothing was spent",
    );
    expect(acc.remaining).toEqual(pureDp('0.6'));
    expect(acc.records).toHaveLength(1);
  });

  it('charges pure mechanisms against a zCDP budget as ε²/2 and checks δ separately', () => {
    const acc = new BudgetAccountant({ total: zcdp('0.5', '1e-6') });
    acc.spend(pureDp(0.6), 'laplace'); // ρ = 0.18
    acc.spend(approxDp(0.4, '4e-7'), 'selection'); // ρ = 0.08, δ = 4e-7
    expect(acc.spent).toEqual(zcdp('0.26', '4e-7'));
    expect(() => acc.spend(zcdp('0.1', '7e-7'), 'too much δ')).toThrow(/\(δ 1\/10000000 .*too much\)/);
    expect(acc.canSpend(zcdp('0.24', '6e-7'))).toBe(true);
  });

  it('starts from earlier spending and refuses a total already exceeded', () => {
    expect(new BudgetAccountant({ total: zcdp(1), alreadySpent: [zcdp('0.25'), pureDp(1)] }).remaining).toEqual(zcdp('0.25'));
    expect(() => new BudgetAccountant({ total: pureDp(1), alreadySpent: [pureDp(2)] })).toThrow(/already exceeds the total/);
  });

  it('never lets the total spent exceed the budget, whatever the sequence of requests (property)', () => {
    const loss = fc.oneof(
      fc.record({ n: fc.bigInt({ min: 0n, max: 50n }), d: fc.bigInt({ min: 1n, max: 40n }) }).map(({ n, d }) => pureDp(rational(n, d))),
      fc
        .record({ n: fc.bigInt({ min: 0n, max: 50n }), d: fc.bigInt({ min: 1n, max: 40n }), dl: fc.bigInt({ min: 0n, max: 5n }) })
        .map(({ n, d, dl }) => approxDp(rational(n, d), rational(dl, 1_000_000n))),
    );
    fc.assert(
      fc.property(
        fc.constantFrom<PrivacyLoss>(zcdp(1, '1e-5'), approxDp(2, '1e-5')),
        fc.array(loss, { maxLength: 30 }),
        (total, requests) => {
          const acc = new BudgetAccountant({ total });
          let rhoOrEps = ZERO;
          let delta = ZERO;
          for (const r of requests) {
            const c = convertLoss(r, total.kind);
            const a = c.kind === 'zcdp' ? c.rho : c.kind === 'approx' ? c.epsilon : c.epsilon;
            const d = c.kind === 'pure' ? ZERO : c.delta;
            const fits =
              compare(add(rhoOrEps, a), total.kind === 'zcdp' ? total.rho : total.kind === 'approx' ? total.epsilon : ZERO) <= 0 &&
              compare(add(delta, d), total.kind === 'pure' ? ZERO : total.delta) <= 0;
            let spent = true;
            try {
              acc.spend(r, 'q');
            } catch (e) {
              if (!(e instanceof PrikkError) || e.code !== 'BUDGET_EXCEEDED') throw e;
              spent = false;
            }
            if (spent !== fits) return false;
            if (spent) {
              rhoOrEps = add(rhoOrEps, a);
              delta = add(delta, d);
            }
          }
          const s = acc.spent;
          const sa = s.kind === 'zcdp' ? s.rho : s.epsilon;
          const sd = s.kind === 'pure' ? ZERO : s.delta;
          const ta = total.kind === 'zcdp' ? total.rho : total.kind === 'approx' ? total.epsilon : ZERO;
          const td = total.kind === 'pure' ? ZERO : total.delta;
          return compare(sa, ta) <= 0 && compare(sd, td) <= 0 && compare(sa, rhoOrEps) === 0;
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('splitBudget', () => {
  it('splits by weights and the shares add up to the budget exactly', () => {
    const shares = splitBudget(zcdp('0.1', '1e-6'), [1, 3]);
    expect(shares).toEqual([zcdp('1/40', '1/4000000'), zcdp('3/40', '3/4000000')]);
    expect(() => splitBudget(pureDp(1), 0)).toThrow(/positive whole number/);
    expect(() => splitBudget(pureDp(1), [0, 0])).toThrow(/must not all be 0/);
  });
});

describe('DatasetBudget and the in-memory ledger', () => {
  it('carries spending across sessions and refuses a second release that would overspend the lifetime budget', async () => {
    const ledger = new InMemoryBudgetLedger();
    const first = await DatasetBudget.open({ ledger, dataset: 'hip', lifetime: pureDp(1), now: fixedNow });
    first.accountant.spend(pureDp('0.7'), 'release 1');
    expect(await first.commit()).toHaveLength(1);
    expect(await first.commit()).toHaveLength(0); // nothing new

    const second = await DatasetBudget.open({ ledger, dataset: 'hip', lifetime: pureDp(1) });
    expect(second.accountant.remaining).toEqual(pureDp('0.3'));
    expect(() => second.accountant.spend(pureDp('0.5'), 'release 2')).toThrow(/requests ε = 1\/2 .* only ε = 3\/10/);

    const other = await DatasetBudget.open({ ledger, dataset: 'knee', lifetime: pureDp(1) });
    expect(other.accountant.remaining).toEqual(pureDp(1));
    expect((await ledger.entries('hip'))[0]).toEqual({ dataset: 'hip', label: 'release 1', loss: pureDp('0.7'), at: '2025-03-01T12:00:00.000Z' });
  });
});
