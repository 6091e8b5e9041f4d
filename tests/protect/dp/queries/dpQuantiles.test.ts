import { describe, expect, it } from 'vitest';
import { BudgetAccountant } from '../../../../src/protect/dp/budget/BudgetAccountant.js';
import { approxDp, pureDp } from '../../../../src/protect/dp/budget/PrivacyLoss.js';
import { dpQuantiles } from '../../../../src/protect/dp/queries/dpQuantiles.js';
import { seededRandomSource } from '../../../../src/random/seededRandomSource.js';
import { makeExtract } from '../helpers/makeExtract.js';

describe('dpQuantiles', () => {
  const values = Array.from({ length: 99 }, (_, i) => i + 1);
  const e = makeExtract({ persons: values, numbers: { los: values } });
  const grid = Array.from({ length: 101 }, (_, i) => i);

  it('finds the median of 1..99 on the grid 0..100 when ε is large (hand: g = 50 and 51 both have |2·below − 99| = 1)', () => {
    const r = dpQuantiles(e, {
      measure: 'los',
      quantiles: ['1/2'],
      candidates: grid,
      maxRowsPerPerson: 1,
      privacy: pureDp(1000),
      accountant: new BudgetAccountant({ total: pureDp(1000) }),
      random: seededRandomSource('q'),
      insecureRandomForTesting: 'seeded(q)',
    }).evaluate();
    expect([50, 51]).toContain(r.values[0]);
  });

  it('bounds rows per person: one person with 500 rows of 100 cannot move the median past the middle', () => {
    const persons = [...values, ...new Array<number>(500).fill(1000)];
    const los = [...values, ...new Array<number>(500).fill(100)];
    const big = makeExtract({ persons, numbers: { los } });
    const r = dpQuantiles(big, {
      measure: 'los',
      quantiles: [0.25, 0.5],
      candidates: grid,
      maxRowsPerPerson: 1,
      privacy: pureDp(1000),
      accountant: new BudgetAccountant({ total: pureDp(1000) }),
      random: seededRandomSource('q2'),
      insecureRandomForTesting: 'seeded(q2)',
    }).evaluate();
    // 100 values kept (99 + one of the person's): quartile at below ≈ 25, median at below = 50 → g = 26 and 51.
    expect(r.values[0]).toBeGreaterThanOrEqual(25);
    expect(r.values[0]).toBeLessThanOrEqual(27);
    expect(r.values[1]).toBeGreaterThanOrEqual(50);
    expect(r.values[1]).toBeLessThanOrEqual(52);
  });

  it('checks its options', () => {
    const accountant = new BudgetAccountant({ total: pureDp(1) });
    const base = { measure: 'los', quantiles: [0.5], candidates: grid, maxRowsPerPerson: 1, privacy: pureDp(1), accountant };
    expect(() => dpQuantiles(e, { ...base, candidates: [1, 1, 2] })).toThrow(/strictly increasing/);
    expect(() => dpQuantiles(e, { ...base, quantiles: [1] })).toThrow(/expected a value in \(0, 1\)/);
    expect(() => dpQuantiles(e, { ...base, privacy: approxDp(1, '1e-6') })).toThrow(/expected pureDp/);
  });
});
