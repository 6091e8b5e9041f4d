import { add, type Rational, ZERO } from '../protect/dp/rational/Rational.js';
import type { PrivacyLoss } from '../protect/dp/budget/PrivacyLoss.js';

/**
 * The total of several privacy losses by sequential composition, exactly, one total per kind that occurs (in the
 * order pure, zcdp, approx): ε adds up for pure DP (Dwork, McSherry, Nissim & Smith 2006), ρ and δ add up for
 * (δ-approximate) zCDP (Bun & Steinke 2016, Lemma 1.7 / Lemma 8.3), ε and δ add up for approximate DP (Dwork & Roth
 * 2014, Theorem 3.16): the same rules `BudgetAccountant` spends by. Kinds are not converted into each other (a
 * ledger that holds pure and zCDP spending reports both); to charge them to one budget, use `convertLoss` as the
 * accountant does. A sum of δ above 1 is kept as it is (it means the guarantee is void), not rejected.
 *
 * Cost: O(losses) BigInt additions.
 *
 * @example
 * composeLosses([pureDp('0.5'), zcdp('1/50'), pureDp('0.25')]).map(describeLoss) // ['ε = 3/4 (0.75)', 'ρ = 1/50 (0.02)']
 */
export function composeLosses(losses: readonly PrivacyLoss[]): readonly PrivacyLoss[] {
  let pure: Rational | undefined;
  let zcdp: { rho: Rational; delta: Rational } | undefined;
  let approx: { epsilon: Rational; delta: Rational } | undefined;
  for (const loss of losses) {
    switch (loss.kind) {
      case 'pure':
        pure = add(pure ?? ZERO, loss.epsilon);
        break;
      case 'zcdp':
        zcdp = { rho: add(zcdp?.rho ?? ZERO, loss.rho), delta: add(zcdp?.delta ?? ZERO, loss.delta) };
        break;
      case 'approx':
        approx = { epsilon: add(approx?.epsilon ?? ZERO, loss.epsilon), delta: add(approx?.delta ?? ZERO, loss.delta) };
        break;
    }
  }
  const out: PrivacyLoss[] = [];
  if (pure) out.push(Object.freeze({ kind: 'pure', epsilon: pure }));
  if (zcdp) out.push(Object.freeze({ kind: 'zcdp', ...zcdp }));
  if (approx) out.push(Object.freeze({ kind: 'approx', ...approx }));
  return Object.freeze(out);
}
