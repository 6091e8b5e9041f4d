import { PrikkError } from '../../../errors/PrikkError.js';
import { mul, rational, ZERO } from '../rational/Rational.js';
import { describeLoss, type PrivacyLoss } from './PrivacyLoss.js';

/**
 * Expresses a mechanism's loss in the terms of a budget of kind `to`, exactly, using only conversions that are
 * theorems (so the converted loss is never smaller than the true one):
 * - ε-DP is ε²/2-zCDP (Bun & Steinke 2016, Proposition 1.4) and (ε, 0)-DP;
 * - "ε-DP outside an event of probability δ" is δ-approximate ε²/2-zCDP (same proposition, conditioned on the
 *   event; Bun & Steinke 2016, Definition 8.1) and (ε, δ)-DP.
 *
 * Conversions that need a choice (zCDP to (ε, δ) needs δ; anything with δ > 0 to pure ε-DP is impossible) are
 * refused: give the accountant a budget of the mechanism's kind instead.
 *
 * Cost: O(1) BigInt operations.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when the loss cannot be expressed in the budget's kind.
 * @example
 * convertLoss(pureDp('0.2'), 'zcdp') // { kind: 'zcdp', rho: 1/50, delta: 0 }
 */
export function convertLoss(loss: PrivacyLoss, to: PrivacyLoss['kind']): PrivacyLoss {
  if (loss.kind === to) return loss;
  if (loss.kind === 'pure') {
    if (to === 'zcdp') return Object.freeze({ kind: 'zcdp', rho: mul(mul(loss.epsilon, loss.epsilon), rational(1n, 2n)), delta: ZERO });
    return Object.freeze({ kind: 'approx', epsilon: loss.epsilon, delta: ZERO });
  }
  if (loss.kind === 'approx' && to === 'zcdp') {
    return Object.freeze({ kind: 'zcdp', rho: mul(mul(loss.epsilon, loss.epsilon), rational(1n, 2n)), delta: loss.delta });
  }
  const hint =
    to === 'pure'
      ? 'a pure ε-DP budget only accepts pure ε-DP mechanisms (the discrete Laplace); use a zCDP or approximate-DP budget'
      : 'a zCDP loss needs a zCDP budget (convert the total to (ε, δ) afterwards with zcdpToApproxDp)';
  throw new PrikkError('INVALID_ARGUMENT', `convertLoss: cannot spend ${loss.kind} loss (${describeLoss(loss)}) from a ${to} budget: ${hint}`);
}
