import { derivableCells } from '../../audit/derivableCells.js';
import type { Relations } from '../../audit/Relations.js';

/**
 * Publishes the hidden cells whose value the attacker computes exactly anyway: non-sensitive hidden cells (`keep` 0)
 * whose propagated bounds meet, for every quantity in `values` (`derivableCells`). Such a cell hides nothing: every
 * table the attacker cannot rule out already gives it its true value, so publishing it adds a constraint those tables
 * all satisfy, and the attacker's set of tables, hence every interval and every audit verdict, stays the same. All of
 * them are published at once (publishing one does not change the set, so the others stay derivable).
 *
 * Where they come from: a cell hidden to widen one relation's bound (the propagation pass, the relation-bound pass)
 * that is the only hidden cell of another of its relations is recovered from that one. Measured on the example
 * registry's tables (rule count < 5): 158 of the 38,454-cell table's secondaries, 2,453 of the 108,576-cell
 * 4-dimensional table's (whose secondaries went from 14,121 to 11,644 with this and the singleton pass's reading of
 * derivable cells as published; before that reading, 483 and 3,538 derivable cells, most of them singleton cover).
 *
 * Cost: one bound propagation per quantity (O(relation entries) per sweep), then one pass over the cells.
 * @param values each quantity the audit reads.
 * @param hidden updated in place: the cells returned become 0.
 * @param keep 1 for cells that stay hidden whatever the bounds (the sensitive cells).
 * @returns the cells published, in increasing order.
 * @internal
 * @example
 * // relations T = a + b + c and S = b + d; T, c, S and d published, a sensitive and b hidden: b = S - d is derived,
 * // so b is published (a's interval is the same either way: a = T - c - b, which the audit reports).
 * publishDerivable(relations, [values], hidden, primary) // [b]
 */
export function publishDerivable(relations: Relations, values: readonly Float64Array[], hidden: Uint8Array, keep: Uint8Array): number[] {
  // Derivable in every quantity (readable version: the intersection of each quantity's set).
  let derivable: Uint8Array | undefined;
  for (const v of values) {
    const d = derivableCells(relations, v, hidden, keep);
    if (derivable) for (let c = 0; c < d.length; c++) derivable[c] = derivable[c]! & d[c]!;
    else derivable = d;
  }
  const out: number[] = [];
  if (!derivable) return out;
  for (let c = 0; c < hidden.length; c++) {
    if (derivable[c]) {
      hidden[c] = 0;
      out.push(c);
    }
  }
  return out;
}
