import type { TablePolicy } from '../policy/ReleasePolicy.js';

/** The frequency-rule settings of a suppressed table that the release-wide audit needs. */
export interface PolicyRuleSettings {
  readonly n: number;
  readonly zerosSensitive: boolean;
  readonly minWidth: number;
}

/**
 * The frequency-rule settings of a table policy's suppression method (the strictest of its frequency rules), or
 * undefined when the table is not suppressed or has no frequency rule (magnitude rules alone: `n` 1 still protects
 * the status-primary cells from being pinned to an exact value).
 *
 * @example
 * suppressionRulesOf({ name: 't', dimensions: ['a'], method: { suppression: { rules: [{ frequency: { n: 5 } }] } } })
 * // { n: 5, zerosSensitive: false, minWidth: 0 }
 */
export function suppressionRulesOf(table: TablePolicy): PolicyRuleSettings | undefined {
  if (!('suppression' in table.method)) return undefined;
  let n = 1;
  let zerosSensitive = false;
  let minWidth = 0;
  for (const rule of table.method.suppression.rules) {
    if ('frequency' in rule) {
      n = Math.max(n, rule.frequency.n);
      zerosSensitive ||= rule.frequency.zerosSensitive ?? false;
      minWidth = Math.max(minWidth, rule.frequency.minWidth ?? 0);
    }
  }
  return { n, zerosSensitive, minWidth };
}
