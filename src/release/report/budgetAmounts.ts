import { convertLoss } from '../../protect/dp/budget/convertLoss.js';
import { lossFromJson, type PrivacyLoss, type PrivacyLossJson } from '../../protect/dp/budget/PrivacyLoss.js';
import { add, compare, type Rational, sub, toNumber, ZERO } from '../../protect/dp/rational/Rational.js';
import type { BudgetSummary } from '../manifest/ReleaseManifest.js';

/** A dataset's budget as three amounts of its main parameter, for a bar. */
export interface BudgetAmounts {
  /** `ε` for a pure or approximate budget, `ρ` for a zCDP budget. */
  readonly parameter: 'ε' | 'ρ';
  readonly lifetime: number;
  readonly spentBefore: number;
  readonly spentNow: number;
  /** lifetime − before − now, never below 0. */
  readonly remaining: number;
}

/**
 * Sums a budget's earlier and current spending in the lifetime budget's terms (`convertLoss`: ε-DP counts as
 * ε²/2-zCDP against a zCDP budget, Bun & Steinke 2016, Proposition 1.4), exactly in rationals, and returns the
 * amounts of its main parameter (ε or ρ) as numbers for the report's bar. δ is left to the text. `undefined` when
 * a loss cannot be read or cannot be expressed in the budget's kind.
 *
 * Cost: O(losses) BigInt operations.
 *
 * @example
 * budgetAmounts({ lifetime: { kind: 'pure', epsilon: '2' }, spentBefore: [{ kind: 'pure', epsilon: '1/2' }],
 *   spentNow: [{ kind: 'pure', epsilon: '1/2' }], description: '…' })
 * // { parameter: 'ε', lifetime: 2, spentBefore: 0.5, spentNow: 0.5, remaining: 1 }
 */
export function budgetAmounts(budget: BudgetSummary): BudgetAmounts | undefined {
  try {
    const lifetime = lossFromJson(budget.lifetime);
    const sum = (losses: readonly PrivacyLossJson[]): Rational =>
      losses.reduce<Rational>((total, json) => add(total, main(convertLoss(lossFromJson(json), lifetime.kind))), ZERO);
    const total = main(lifetime);
    const before = sum(budget.spentBefore);
    const now = sum(budget.spentNow);
    const left = sub(sub(total, before), now);
    return {
      parameter: lifetime.kind === 'zcdp' ? 'ρ' : 'ε',
      lifetime: toNumber(total),
      spentBefore: toNumber(before),
      spentNow: toNumber(now),
      remaining: compare(left, ZERO) < 0 ? 0 : toNumber(left),
    };
  } catch {
    return undefined;
  }
}

function main(loss: PrivacyLoss): Rational {
  return loss.kind === 'zcdp' ? loss.rho : loss.epsilon;
}
