import type { Relations } from '../../audit/Relations.js';

/**
 * The component of every hidden cell, through relations among hidden cells: a root cell's index per cell (the
 * smallest index of its component; published cells are their own). A hidden cell's interval depends only on the
 * hidden cells of its component, so these bound what a change of the pattern can affect.
 *
 * Cost: union-find over the relation entries, O(entries · α).
 * @internal
 * @example
 * // T = a + b + c with a, b hidden, c published; S = c + d with d hidden: a and b are one component, d another.
 * hiddenComponents(relations, hidden) // a, b -> min(a, b); d -> d
 */
export function hiddenComponents(rel: Relations, hidden: Uint8Array): Int32Array {
  const parent = Int32Array.from({ length: hidden.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let r = 0; r < rel.count; r++) {
    let first = hidden[rel.totals[r]!] ? rel.totals[r]! : -1;
    for (let j = rel.starts[r]!; j < rel.starts[r + 1]!; j++) {
      const m = rel.members[j]!;
      if (!hidden[m]) continue;
      if (first < 0) first = m;
      else {
        const a = find(first);
        const b = find(m);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  for (let i = 0; i < parent.length; i++) parent[i] = find(i);
  return parent;
}
