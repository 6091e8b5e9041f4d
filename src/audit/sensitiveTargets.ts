import type { PrimaryRule } from '../protect/suppression/rules/PrimaryRule.js';
import type { CellSpace, Quantity } from './CellSpace.js';
import { strictest, type ProtectionRequirement } from './ProtectionRequirement.js';

/** Sensitive cells per quantity with their strictest requirement and the rules that fired. @internal */
export interface SensitiveTargets {
  readonly byQuantity: Map<string, { quantity: Quantity; cells: Map<number, { requirement: ProtectionRequirement; rules: string[] }> }>;
}

/** Requirement of a cell whose status is primary but for which no rule states one: it must not be pinned. */
export const NOT_PINNED: ProtectionRequirement = Object.freeze({ upperTarget: -Infinity, lowerTarget: Infinity, minWidth: 1e-3 });

/**
 * The width the audit's LPs aim at for a {@link NOT_PINNED} cell: one unit (a person, a krone, a day), far above LP
 * round-off (measured: 2·10^-5 among costs of 10^5 NOK) and small beside any slack other goals compete for. The
 * requirement stays {@link NOT_PINNED}'s width; a cell that cannot move one unit is proved by its own LPs.
 * @internal
 */
export const NOT_PINNED_AIM = 1;

/**
 * Whether a requirement is {@link NOT_PINNED} alone (no rule stated an interval): the cell's width is then no
 * protection interval to report, only a proof that the cell is not pinned.
 * @internal
 * @example
 * isNotPinnedOnly(NOT_PINNED) // true
 */
export function isNotPinnedOnly(r: ProtectionRequirement): boolean {
  return r.upperTarget === -Infinity && r.lowerTarget === Infinity && r.minWidth === NOT_PINNED.minWidth;
}

/**
 * The sensitive cells of a space and what each needs: where a rule fires on a cell with known values, that
 * rule's requirement; on cells whose status is primary but whose values are unknown (a table read from JSON),
 * every rule's value-free requirement, or "not pinned" (width > 0) when a rule has none. A cell marked primary
 * that no rule explains must not be pinned either.
 *
 * Cost: the rules' cost, O(cells × rules).
 * @internal
 */
export function sensitiveTargets(space: CellSpace, rules: readonly PrimaryRule[], statusPrimary: Uint8Array): SensitiveTargets {
  const byQuantity: SensitiveTargets['byQuantity'] = new Map();
  const keyOf = (q: Quantity): string => (q.kind === 'count' ? 'count' : q.measure);
  const add = (q: Quantity, cell: number, req: ProtectionRequirement, rule: string): void => {
    const k = keyOf(q);
    let g = byQuantity.get(k);
    if (!g) byQuantity.set(k, (g = { quantity: q, cells: new Map() }));
    const e = g.cells.get(cell);
    if (!e) g.cells.set(cell, { requirement: req, rules: [rule] });
    else {
      e.requirement = strictest(e.requirement, req);
      if (!e.rules.includes(rule)) e.rules.push(rule);
    }
  };
  space.tables.forEach((t, ti) => {
    const map = space.cellOf[ti]!;
    for (const rule of rules) {
      const values = rule.quantity.kind === 'count' ? t.counts : t.sums.get(rule.quantity.measure);
      const hasValues = values !== undefined && !values.some((v) => Number.isNaN(v));
      if (hasValues) {
        const flags = rule.sensitive(t);
        for (let c = 0; c < t.cellCount; c++) if (flags[c]) add(rule.quantity, map[c]!, rule.requirement(t, c), rule.name);
      } else {
        for (let c = 0; c < t.cellCount; c++) {
          if (statusPrimary[map[c]!]) add(rule.quantity, map[c]!, rule.requirementWithoutValues() ?? NOT_PINNED, rule.name);
        }
      }
    }
  });
  for (let s = 0; s < space.cellCount; s++) {
    if (!statusPrimary[s]) continue;
    if (![...byQuantity.values()].some((g) => g.cells.has(s))) add({ kind: 'count' }, s, NOT_PINNED, 'status primary');
  }
  return { byQuantity };
}
