import type { CountUnit } from '../../aggregate/CellTable.js';
import type { RulePolicy } from '../../policy/ReleasePolicy.js';
import { ruleKind } from './buildRule.js';

/** The legend's meaning of the `secondary` status. */
export const SECONDARY_MEANING = 'Hidden to protect another hidden cell';

/**
 * A reader's statement of when a policy rule hides a cell, with the operator and parameters in brackets.
 *
 * Cost: O(1).
 *
 * @throws {PrikkError} as `ruleKind` for a malformed rule.
 * @example
 * describeRule({ frequency: { n: 5 } }, 'persons')                   // 'fewer than 5 persons (count < 5)'
 * describeRule({ dominance: { measure: 'cost', n: 1, k: 80 } }, 'persons')
 * // 'the largest contributor holds more than 80 % of the cell's cost (dominance rule, n = 1, k = 80)'
 * describeRule({ pPercent: { measure: 'cost', p: 10 } }, 'persons')
 * // 'the second largest contributor could estimate the largest contribution to cost within 10 % (p % rule, p = 10)'
 */
export function describeRule(rule: RulePolicy, unit: CountUnit): string {
  switch (ruleKind(rule)) {
    case 'frequency': {
      const { n, zerosSensitive } = (rule as Extract<RulePolicy, { frequency: unknown }>).frequency;
      return zerosSensitive
        ? `fewer than ${n} ${unit}, none included (count < ${n}, zeros sensitive)`
        : `fewer than ${n} ${unit} (count < ${n})`;
    }
    case 'dominance': {
      const { measure, n, k } = (rule as Extract<RulePolicy, { dominance: unknown }>).dominance;
      const who = n === 1 ? 'the largest contributor holds' : `the ${n} largest contributors hold`;
      return `${who} more than ${k} % of the cell's ${measure} (dominance rule, n = ${n}, k = ${k})`;
    }
    case 'pPercent': {
      const { measure, p, q } = (rule as Extract<RulePolicy, { pPercent: unknown }>).pPercent;
      const how = q === undefined || q === 100 ? `p % rule, p = ${p}` : `p/q rule, p = ${p}, q = ${q}`;
      return `the second largest contributor could estimate the largest contribution to ${measure} within ${p} % (${how})`;
    }
  }
}

/**
 * The legend's meaning of the `primary` status under a set of rules: `Hidden: ` and each rule's statement, joined
 * by `; or `.
 *
 * Cost: O(rules).
 *
 * @throws {PrikkError} as {@link describeRule}.
 * @example
 * primaryMeaning([{ frequency: { n: 5 } }], 'persons') // 'Hidden: fewer than 5 persons (count < 5)'
 */
export function primaryMeaning(rules: readonly RulePolicy[], unit: CountUnit): string {
  return `Hidden: ${rules.map((r) => describeRule(r, unit)).join('; or ')}`;
}
