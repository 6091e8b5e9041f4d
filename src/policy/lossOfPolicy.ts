import { pureDp, zcdp, type PrivacyLoss } from '../protect/dp/budget/PrivacyLoss.js';
import type { PrivacyLossPolicy } from './ReleasePolicy.js';

/**
 * A policy's privacy loss (`{ epsilon }` or `{ rho }`, numbers or decimal text) as an exact loss: numbers are read as
 * the decimal they print as (`0.1` is 1/10, see `toRational`), so the budget a policy states is the one charged.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a value that is not a positive finite number or decimal text.
 * @example
 * lossOfPolicy({ epsilon: 0.5 }) // pureDp('1/2')
 * lossOfPolicy({ rho: '0.1' })   // zcdp('1/10')
 */
export function lossOfPolicy(loss: PrivacyLossPolicy): PrivacyLoss {
  return 'epsilon' in loss ? pureDp(loss.epsilon) : zcdp(loss.rho);
}
