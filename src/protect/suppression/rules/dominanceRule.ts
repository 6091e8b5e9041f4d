import type { CellTable } from '../../../aggregate/CellTable.js';
import { PrikkError } from '../../../errors/PrikkError.js';
import type { ProtectionRequirement } from '../../../audit/ProtectionRequirement.js';
import type { PrimaryRule } from './PrimaryRule.js';
import { topContributions } from './topContributions.js';

/** Options of {@link dominanceRule}. */
export interface DominanceRuleOptions {
  /** Required. The measure whose per-person contributions are checked. */
  readonly measure: string;
  /** Required. Number of largest contributors, an integer >= 1. */
  readonly n: number;
  /** Required. Percentage of the cell total, 0 < k <= 100. */
  readonly k: number;
}

/**
 * The dominance (n,k) rule for magnitude tables: a cell is sensitive when its n largest per-person contributions
 * sum to more than k % of the cell total: `x1 + ... + xn > k/100 · X` (Hundepool et al. 2012, §4.2.2).
 *
 * Protection required (tau-ARGUS protection level for the (n,k) rule): `UPL = (100/k)·(x1 + ... + xn) - X`, the
 * attacker's upper bound must reach `X + UPL`; the lower protection level is taken equal (tau-ARGUS's default,
 * symmetric), capped at zero: `L <= max(0, X - UPL)`.
 *
 * Cost: O(cells × n).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when n is not an integer >= 1, k is outside (0, 100], the measure is
 * empty; when applied, if the table lacks the measure's sums or n top contributions.
 * @example
 * const rule = dominanceRule({ measure: 'cost', n: 1, k: 80 });
 * rule.name // 'dominance(n = 1, k = 80, cost)'
 */
export function dominanceRule(options: DominanceRuleOptions): PrimaryRule {
  const { measure, n, k } = options;
  if (typeof measure !== 'string' || measure.length === 0) throw new PrikkError('INVALID_ARGUMENT', 'dominanceRule: expected measure to be a non-empty string');
  if (!Number.isInteger(n) || n < 1) throw new PrikkError('INVALID_ARGUMENT', `dominanceRule: expected n to be an integer >= 1, got ${n}`);
  if (!(typeof k === 'number' && k > 0 && k <= 100)) throw new PrikkError('INVALID_ARGUMENT', `dominanceRule: expected 0 < k <= 100, got ${k}`);
  const topSum = (top: Float64Array, kk: number, cell: number): number => {
    let s = 0;
    for (let j = 0; j < n; j++) s += top[cell * kk + j]!;
    return s;
  };
  return Object.freeze({
    name: `dominance(n = ${n}, k = ${k}, ${measure})`,
    kind: 'dominance' as const,
    quantity: Object.freeze({ kind: 'sum' as const, measure }),
    sensitive(table: CellTable): Uint8Array {
      const { sums, top } = topContributions(table, measure, n, 'dominanceRule');
      const out = new Uint8Array(table.cellCount);
      for (let i = 0; i < out.length; i++) {
        const total = sums[i]!;
        if (total > 0 && topSum(top.values, top.k, i) > (k / 100) * total) out[i] = 1;
      }
      return out;
    },
    requirement(table: CellTable, cell: number): ProtectionRequirement {
      const { sums, top } = topContributions(table, measure, n, 'dominanceRule');
      const total = sums[cell]!;
      const upl = Math.max(0, (100 / k) * topSum(top.values, top.k, cell) - total);
      return { upperTarget: total + upl, lowerTarget: Math.max(0, total - upl), minWidth: 0 };
    },
    requirementWithoutValues(): undefined {
      return undefined;
    },
  });
}
