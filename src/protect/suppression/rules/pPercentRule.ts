import type { CellTable } from '../../../aggregate/CellTable.js';
import { PrikkError } from '../../../errors/PrikkError.js';
import type { ProtectionRequirement } from '../../../audit/ProtectionRequirement.js';
import type { PrimaryRule } from './PrimaryRule.js';
import { topContributions } from './topContributions.js';

/** Options of {@link pPercentRule}. */
export interface PPercentRuleOptions {
  /** Required. The measure whose per-person contributions are checked. */
  readonly measure: string;
  /** Required. The accuracy in percent an intruder must not reach, 0 < p < q. */
  readonly p: number;
  /**
   * Defaults to 100 (the plain p % rule). The prior accuracy in percent of what anyone knows of a contribution
   * (the p/q rule), p < q <= 100.
   */
  readonly q?: number;
}

/**
 * The p % rule (and the p/q rule) for magnitude tables: the second largest contributor, who knows its own value
 * x2, estimates the largest x1 by `X - x2`; the cell is sensitive when that estimate is within p % of x1, i.e. when
 * the rest `X - x1 - x2 < (p/q)·x1` (q = 100 for the p % rule; Hundepool et al. 2012, §4.2.2 and §4.2.3). A cell
 * with one or two contributors is always sensitive (the rest is 0).
 *
 * Protection required (tau-ARGUS protection level for the p % rule): `UPL = (p/q)·x1 - (X - x1 - x2)`; the
 * attacker's upper bound must reach `X + UPL` and the lower bound `max(0, X - UPL)` (symmetric, as tau-ARGUS).
 *
 * Cost: O(cells).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when p or q are out of range or the measure is empty; when applied, if
 * the table lacks the measure's sums or 2 top contributions.
 * @example
 * const rule = pPercentRule({ measure: 'cost', p: 10 });
 * rule.name // 'p-percent(p = 10, cost)'
 */
export function pPercentRule(options: PPercentRuleOptions): PrimaryRule {
  const { measure, p } = options;
  const q = options.q ?? 100;
  if (typeof measure !== 'string' || measure.length === 0) throw new PrikkError('INVALID_ARGUMENT', 'pPercentRule: expected measure to be a non-empty string');
  if (!(typeof q === 'number' && q > 0 && q <= 100)) throw new PrikkError('INVALID_ARGUMENT', `pPercentRule: expected 0 < q <= 100, got ${q}`);
  if (!(typeof p === 'number' && p > 0 && p < q)) throw new PrikkError('INVALID_ARGUMENT', `pPercentRule: expected 0 < p < q (q = ${q}), got p = ${p}`);
  const ratio = p / q;
  return Object.freeze({
    name: q === 100 ? `p-percent(p = ${p}, ${measure})` : `pq(p = ${p}, q = ${q}, ${measure})`,
    kind: 'p-percent' as const,
    quantity: Object.freeze({ kind: 'sum' as const, measure }),
    sensitive(table: CellTable): Uint8Array {
      const { sums, top } = topContributions(table, measure, 2, 'pPercentRule');
      const out = new Uint8Array(table.cellCount);
      const kk = top.k;
      for (let i = 0; i < out.length; i++) {
        const x1 = top.values[i * kk]!;
        if (x1 <= 0) continue;
        const rest = sums[i]! - x1 - top.values[i * kk + 1]!;
        if (rest < ratio * x1) out[i] = 1;
      }
      return out;
    },
    requirement(table: CellTable, cell: number): ProtectionRequirement {
      const { sums, top } = topContributions(table, measure, 2, 'pPercentRule');
      const kk = top.k;
      const x1 = top.values[cell * kk]!;
      const total = sums[cell]!;
      const upl = Math.max(0, ratio * x1 - (total - x1 - top.values[cell * kk + 1]!));
      return { upperTarget: total + upl, lowerTarget: Math.max(0, total - upl), minWidth: 0 };
    },
    requirementWithoutValues(): undefined {
      return undefined;
    },
  });
}
