import type { RulePolicy, TablePolicy } from '../policy/ReleasePolicy.js';

/** The rule settings of a suppressed table that the release-wide audit needs. */
export interface PolicyRuleSettings {
  /** The strictest frequency rule's n (1 when the table has none: hidden counts must then not be pinned). */
  readonly n: number;
  readonly zerosSensitive: boolean;
  readonly minWidth: number;
  /** The table's magnitude rules (dominance, p %), as the policy writes them. */
  readonly magnitudes: readonly RulePolicy[];
}

/**
 * The rule settings of a table policy's suppression method: the strictest of its frequency rules (`n` 1 when it has
 * none still protects the status-primary cells from being pinned to an exact value) and its magnitude rules; undefined
 * when the table is not suppressed.
 *
 * Cost: O(rules).
 *
 * @example
 * suppressionRulesOf({ name: 't', dimensions: ['a'], method: { suppression: { rules: [{ frequency: { n: 5 } }] } } })
 * // { n: 5, zerosSensitive: false, minWidth: 0, magnitudes: [] }
 */
export function suppressionRulesOf(table: TablePolicy): PolicyRuleSettings | undefined {
  if (!('suppression' in table.method)) return undefined;
  let n = 1;
  let zerosSensitive = false;
  let minWidth = 0;
  const magnitudes: RulePolicy[] = [];
  for (const rule of table.method.suppression.rules) {
    if ('frequency' in rule) {
      n = Math.max(n, rule.frequency.n);
      zerosSensitive ||= rule.frequency.zerosSensitive ?? false;
      minWidth = Math.max(minWidth, rule.frequency.minWidth ?? 0);
    } else {
      magnitudes.push(rule);
    }
  }
  return { n, zerosSensitive, minWidth, magnitudes };
}
