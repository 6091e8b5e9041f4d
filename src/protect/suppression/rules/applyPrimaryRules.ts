import type { CellTable } from '../../../aggregate/CellTable.js';
import { PrikkError } from '../../../errors/PrikkError.js';
import type { PrimaryRule } from './PrimaryRule.js';

/** Which primary rules fired where: see {@link applyPrimaryRules}. */
export interface PrimarySuppression {
  /** The rules' names; bit `r` of a reason mask stands for `ruleNames[r]`. */
  readonly ruleNames: readonly string[];
  /** Per cell, a bit mask of the rules that found it sensitive (0 = not sensitive). */
  readonly reasons: Uint32Array;
  /** Number of sensitive cells. */
  readonly primaryCount: number;
  /** Number of cells each rule found sensitive, by rule name (a cell can count under several rules). */
  readonly countByRule: Readonly<Record<string, number>>;
}

/**
 * Applies primary rules to a table: each cell gets a bit mask of the rules that found it sensitive, so a cell's
 * status can say which rule(s) fired. Several rules may fire on one cell.
 *
 * Cost: the sum of the rules' costs, O(cells × rules).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when no rules or more than 32 are given, two rules share a name, or
 * a rule cannot read what it needs from the table.
 * @example
 * const p = applyPrimaryRules(table, [frequencyRule({ n: 3 })]);
 * p.primaryCount                      // 1 for the sdcTable example (A/female = 2)
 * p.countByRule['frequency(count < 3)'] // 1
 */
export function applyPrimaryRules(table: CellTable, rules: readonly PrimaryRule[]): PrimarySuppression {
  if (!Array.isArray(rules) || rules.length === 0) throw new PrikkError('INVALID_ARGUMENT', 'applyPrimaryRules: expected at least one rule');
  if (rules.length > 32) throw new PrikkError('INVALID_ARGUMENT', `applyPrimaryRules: expected at most 32 rules, got ${rules.length}`);
  const names = rules.map((r) => r.name);
  if (new Set(names).size !== names.length) throw new PrikkError('INVALID_ARGUMENT', `applyPrimaryRules: two rules have the same name (${names.join(', ')})`);
  const reasons = new Uint32Array(table.cellCount);
  const countByRule: Record<string, number> = {};
  rules.forEach((rule, r) => {
    const flags = rule.sensitive(table);
    let count = 0;
    const bit = (1 << r) >>> 0;
    for (let i = 0; i < flags.length; i++) {
      if (flags[i]) {
        reasons[i] = (reasons[i]! | bit) >>> 0;
        count++;
      }
    }
    countByRule[rule.name] = count;
  });
  let primaryCount = 0;
  for (let i = 0; i < reasons.length; i++) if (reasons[i]) primaryCount++;
  return Object.freeze({ ruleNames: Object.freeze(names), reasons, primaryCount, countByRule: Object.freeze(countByRule) });
}
