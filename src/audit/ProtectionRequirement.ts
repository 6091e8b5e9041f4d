/**
 * What the attacker's interval `[L, U]` for one hidden sensitive cell must satisfy:
 * `U >= upperTarget`, `L <= lowerTarget` and `U - L >= minWidth`. A requirement that does not apply is
 * `-Infinity` (upper), `Infinity` (lower) or `0` (width).
 *
 * - Frequency rule "count < n": `upperTarget = n` (the attacker cannot rule out that the cell has n or more
 *   persons, so cannot pin it inside [0, n)), optionally with a minimum width (SSB's `rangeMin`).
 * - Dominance and p % rules: the tau-ARGUS protection levels, `upperTarget = x + UPL`, `lowerTarget = x - LPL`
 *   (Hundepool et al. 2012, "Statistical Disclosure Control", §4.2.3; tau-ARGUS manual, "protection levels").
 *
 * The targets are derived from hidden values and never leave the audit; results report widths and pass/fail.
 */
export interface ProtectionRequirement {
  readonly upperTarget: number;
  readonly lowerTarget: number;
  readonly minWidth: number;
}

/** No requirement at all. */
export const NO_REQUIREMENT: ProtectionRequirement = Object.freeze({ upperTarget: -Infinity, lowerTarget: Infinity, minWidth: 0 });

/**
 * The strictest of two requirements (both must hold): the larger upper target, the smaller lower target and the
 * larger width. Used when several rules fire on one cell.
 *
 * Cost: O(1).
 * @example
 * strictest({ upperTarget: 3, lowerTarget: Infinity, minWidth: 0 }, { upperTarget: 5, lowerTarget: 1, minWidth: 2 })
 * // { upperTarget: 5, lowerTarget: 1, minWidth: 2 }
 */
export function strictest(a: ProtectionRequirement, b: ProtectionRequirement): ProtectionRequirement {
  return {
    upperTarget: Math.max(a.upperTarget, b.upperTarget),
    lowerTarget: Math.min(a.lowerTarget, b.lowerTarget),
    minWidth: Math.max(a.minWidth, b.minWidth),
  };
}
