import { PrikkError } from '../../../errors/PrikkError.js';
import { add, div, mul, type Rational, rational, ZERO } from '../rational/Rational.js';
import { type RationalInput, toRational } from '../rational/toRational.js';
import type { PrivacyLoss } from './PrivacyLoss.js';

/**
 * Splits a budget into shares for the queries (tables, cells, levels) of a release: `n` equal shares, or shares in
 * proportion to `weights`. Every parameter (ε, ρ, δ) is split the same way, exactly, so the shares compose (by
 * sequential composition) to exactly the budget: nothing is lost to rounding and nothing is overspent.
 *
 * Cost: O(shares) BigInt operations.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when n is not a positive integer, or a weight is negative, or all are 0.
 * @example
 * splitBudget(pureDp(1), 3).map(describeLoss)            // ['ε = 1/3 (0.333333)', 'ε = 1/3 (0.333333)', 'ε = 1/3 (0.333333)']
 * splitBudget(zcdp('0.1'), [1, 3]).map((b) => b.rho)      // [1/40, 3/40]
 */
export function splitBudget(budget: PrivacyLoss, shares: number | readonly RationalInput[]): PrivacyLoss[] {
  let weights: Rational[];
  if (typeof shares === 'number') {
    if (!Number.isInteger(shares) || shares < 1) {
      throw new PrikkError('INVALID_ARGUMENT', `splitBudget: expected a positive whole number of shares, got ${shares}`);
    }
    weights = new Array<Rational>(shares).fill(rational(1n));
  } else {
    if (shares.length === 0) throw new PrikkError('INVALID_ARGUMENT', 'splitBudget: expected at least one weight');
    weights = shares.map((w, i) => {
      const r = toRational(w, `splitBudget: weights[${i}]`);
      if (r.num < 0n) throw new PrikkError('INVALID_ARGUMENT', `splitBudget: weights[${i}] must not be negative`);
      return r;
    });
  }
  const total = weights.reduce(add, ZERO);
  if (total.num === 0n) throw new PrikkError('INVALID_ARGUMENT', 'splitBudget: the weights must not all be 0');
  return weights.map((w) => {
    const f = div(w, total);
    switch (budget.kind) {
      case 'pure':
        return Object.freeze({ kind: 'pure' as const, epsilon: mul(budget.epsilon, f) });
      case 'zcdp':
        return Object.freeze({ kind: 'zcdp' as const, rho: mul(budget.rho, f), delta: mul(budget.delta, f) });
      case 'approx':
        return Object.freeze({ kind: 'approx' as const, epsilon: mul(budget.epsilon, f), delta: mul(budget.delta, f) });
    }
  });
}
