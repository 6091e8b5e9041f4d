import { PrikkError } from '../../errors/PrikkError.js';
import type { RulePolicy } from '../../policy/ReleasePolicy.js';
import { dominanceRule } from '../../protect/suppression/rules/dominanceRule.js';
import { frequencyRule } from '../../protect/suppression/rules/frequencyRule.js';
import { pPercentRule } from '../../protect/suppression/rules/pPercentRule.js';
import type { PrimaryRule } from '../../protect/suppression/rules/PrimaryRule.js';

const KINDS = ['frequency', 'dominance', 'pPercent'] as const;

/**
 * The key of a policy rule (`frequency`, `dominance` or `pPercent`), checked to be exactly one.
 *
 * Cost: O(1).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when the rule is not an object with exactly one of those keys, holding an
 * object of parameters.
 * @example
 * ruleKind({ frequency: { n: 5 } }) // 'frequency'
 */
export function ruleKind(rule: RulePolicy): (typeof KINDS)[number] {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
    throw new PrikkError('INVALID_ARGUMENT', 'buildRule: a rule must be an object with one of frequency, dominance, pPercent');
  }
  const keys = Object.keys(rule);
  const kind = KINDS.find((k) => k === keys[0]);
  if (keys.length !== 1 || kind === undefined) {
    throw new PrikkError('INVALID_ARGUMENT', `buildRule: a rule must have exactly one of frequency, dominance, pPercent, got ${keys.length === 0 ? 'none' : keys.join(', ')}`);
  }
  const body = (rule as Record<string, unknown>)[kind];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new PrikkError('INVALID_ARGUMENT', `buildRule: the rule's ${kind} must be an object of parameters`);
  }
  return kind;
}

/**
 * Turns a rule of a release policy into the primary rule `suppressCells` and the audit apply:
 * `{ frequency: { n, zerosSensitive?, minWidth? } }` → `frequencyRule`, `{ dominance: { measure, n, k } }` →
 * `dominanceRule`, `{ pPercent: { measure, p, q? } }` → `pPercentRule` (Hundepool et al. 2012, §4.2). The factories
 * validate the parameters.
 *
 * Cost: O(1).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a rule without exactly one kind, or parameters the factory refuses.
 * @example
 * buildRule({ frequency: { n: 5 } }).name                          // 'frequency(count < 5)'
 * buildRule({ dominance: { measure: 'cost', n: 1, k: 80 } }).name  // 'dominance(n = 1, k = 80, cost)'
 */
export function buildRule(rule: RulePolicy): PrimaryRule {
  switch (ruleKind(rule)) {
    case 'frequency': {
      const f = (rule as Extract<RulePolicy, { frequency: unknown }>).frequency;
      return frequencyRule({
        n: f.n,
        ...(f.zerosSensitive !== undefined ? { zerosSensitive: f.zerosSensitive } : {}),
        ...(f.minWidth !== undefined ? { minWidth: f.minWidth } : {}),
      });
    }
    case 'dominance': {
      const d = (rule as Extract<RulePolicy, { dominance: unknown }>).dominance;
      return dominanceRule({ measure: d.measure, n: d.n, k: d.k });
    }
    case 'pPercent': {
      const p = (rule as Extract<RulePolicy, { pPercent: unknown }>).pPercent;
      return pPercentRule({ measure: p.measure, p: p.p, ...(p.q !== undefined ? { q: p.q } : {}) });
    }
  }
}

/**
 * The measure a magnitude rule (dominance, p %) reads and how many top contributors it needs; undefined for the
 * frequency rule.
 *
 * Cost: O(1).
 *
 * @throws {PrikkError} as {@link ruleKind}.
 * @example
 * magnitudeNeed({ dominance: { measure: 'cost', n: 2, k: 85 } }) // { measure: 'cost', top: 2 }
 * magnitudeNeed({ pPercent: { measure: 'cost', p: 10 } })        // { measure: 'cost', top: 2 }
 */
export function magnitudeNeed(rule: RulePolicy): { readonly measure: string; readonly top: number } | undefined {
  switch (ruleKind(rule)) {
    case 'frequency':
      return undefined;
    case 'dominance': {
      const d = (rule as Extract<RulePolicy, { dominance: unknown }>).dominance;
      return { measure: d.measure, top: d.n };
    }
    case 'pPercent':
      return { measure: (rule as Extract<RulePolicy, { pPercent: unknown }>).pPercent.measure, top: 2 };
  }
}
