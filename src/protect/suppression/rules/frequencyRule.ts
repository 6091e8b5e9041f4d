import type { CellTable } from '../../../aggregate/CellTable.js';
import { PrikkError } from '../../../errors/PrikkError.js';
import type { ProtectionRequirement } from '../../../audit/ProtectionRequirement.js';
import type { PrimaryRule } from './PrimaryRule.js';

/** Options of {@link frequencyRule}. */
export interface FrequencyRuleOptions {
  /** Required. The threshold: a cell is sensitive when `0 < count < n`. An integer >= 1. */
  readonly n: number;
  /** Defaults to false. When true, empty cells (count 0) are sensitive too. */
  readonly zerosSensitive?: boolean;
  /**
   * Defaults to 0. An extra minimum width of the attacker's interval for a hidden sensitive cell, on top of
   * "the interval reaches n" (SSB GaussSuppression's `rangeMin`).
   */
  readonly minWidth?: number;
}

/**
 * The frequency (threshold) rule, operator "count < n": a cell is sensitive when `0 < count < n` persons (or
 * rows, per the table's unit) contribute to it; empty cells are safe unless `zerosSensitive` (Hundepool et al.
 * 2012, §4.2.1; SSB publishes with n = 3, many registries with n = 5).
 *
 * Protection required of a hidden sensitive cell: the attacker's upper bound reaches n (`U >= n`), so the
 * published table cannot pin the cell inside [0, n), the criterion; plus `minWidth` if given. This is
 * the tau-ARGUS upper protection level `UPL = n - x` written as an absolute target, which needs no hidden value
 * (so a table read from JSON can be audited).
 *
 * Cost: O(cells).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when n is not an integer >= 1 or minWidth is negative.
 * @example
 * const rule = frequencyRule({ n: 3 });
 * rule.name                       // 'frequency(count < 3)'
 * rule.sensitive(table)           // Uint8Array, 1 where 0 < count < 3
 */
export function frequencyRule(options: FrequencyRuleOptions): PrimaryRule {
  const { n } = options;
  const zeros = options.zerosSensitive ?? false;
  const minWidth = options.minWidth ?? 0;
  if (!Number.isInteger(n) || n < 1) throw new PrikkError('INVALID_ARGUMENT', `frequencyRule: expected n to be an integer >= 1, got ${n}`);
  if (typeof zeros !== 'boolean') throw new PrikkError('INVALID_ARGUMENT', 'frequencyRule: expected zerosSensitive to be a boolean');
  if (!(Number.isFinite(minWidth) && minWidth >= 0)) throw new PrikkError('INVALID_ARGUMENT', `frequencyRule: expected minWidth >= 0, got ${minWidth}`);
  const req: ProtectionRequirement = Object.freeze({ upperTarget: n, lowerTarget: Infinity, minWidth });
  return Object.freeze({
    name: `frequency(count < ${n}${zeros ? ', zeros sensitive' : ''})`,
    kind: 'frequency' as const,
    quantity: Object.freeze({ kind: 'count' as const }),
    sensitive(table: CellTable): Uint8Array {
      const c = table.counts;
      const out = new Uint8Array(table.cellCount);
      for (let i = 0; i < out.length; i++) {
        const v = c[i]!;
        if ((v > 0 && v < n) || (zeros && v === 0)) out[i] = 1;
      }
      return out;
    },
    requirement(): ProtectionRequirement {
      return req;
    },
    requirementWithoutValues(): ProtectionRequirement {
      return req;
    },
  });
}
