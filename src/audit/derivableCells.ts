import { propagateBounds } from './propagateBounds.js';
import type { Relations } from './Relations.js';

/** Relative gap under which a cell's propagated bounds are taken to meet. */
const TOL = 1e-9;

/**
 * The hidden cells whose value the attacker computes exactly: hidden cells, other than those in `keep`, whose
 * propagated bounds (`propagateBounds`: outer bounds of every non-negative table that agrees with the published cells)
 * meet. Such a cell hides nothing: it is as good as published, for the attacker and for a singleton's contributor
 * alike (so it gives no cover in a relation, see `countSingletonLeaks`). Propagation reads one relation at a time, so
 * a cell only the LP pins is not found (it then counts as hidden); hidden values are not read.
 *
 * Cost: one bound propagation (O(relation entries) per sweep), then one pass over the cells.
 * @param values the quantity's values; only published cells' are read.
 * @param keep optional: 1 for cells never reported (e.g. the sensitive cells, which the audit's LPs judge).
 * @returns 1 for each derivable cell.
 * @internal
 * @example
 * // T = a + b (T published), b = d (d published): b is derived from d, then a = T - b.
 * derivableCells(relations, values, hidden) // 1 at a and b
 */
export function derivableCells(relations: Relations, values: Float64Array, hidden: Uint8Array, keep?: Uint8Array): Uint8Array {
  const b = propagateBounds(relations, values, hidden);
  const out = new Uint8Array(hidden.length);
  for (let c = 0; c < hidden.length; c++) {
    if (!hidden[c] || keep?.[c]) continue;
    const u = b.upper[c]!;
    if (Number.isFinite(u) && u - b.lower[c]! <= TOL * Math.max(1, Math.abs(u))) out[c] = 1;
  }
  return out;
}
