import type { Relations } from '../../audit/Relations.js';

/**
 * Singleton handling for frequency tables: while some relation (of three or more cells) holds exactly two hidden
 * cells and one of them is a singleton (count 1), hide a third cell of that relation, so the singleton's one
 * contributor, who knows that cell's value, cannot recover the other by subtraction (the singleton problem;
 * Langsrud 2024, §3, whose GaussSuppression handles it by extra imaginary primary cells; this is the minimal
 * relation-level version). The third cell is the relation's published cell least wanted published (largest
 * `rank`), so the choice is deterministic.
 *
 * Cost: O(relation entries) per sweep; sweeps repeat until nothing changes (each sweep hides at least one cell).
 *
 * @param hidden updated in place.
 * @param rank publishing priority per cell, lower = more wanted published.
 * @returns the cells hidden, in the order hidden.
 * @example
 * singletonPass(space.relations, counts, hidden, rank) // e.g. [17]
 */
export function singletonPass(relations: Relations, counts: Float64Array, hidden: Uint8Array, rank: Int32Array): number[] {
  const added: number[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (let r = 0; r < relations.count; r++) {
      const s0 = relations.starts[r]!;
      const s1 = relations.starts[r + 1]!;
      if (s1 - s0 < 2) continue;
      let h = 0;
      let single = false;
      let pick = -1;
      const visit = (c: number): void => {
        if (hidden[c]) {
          h++;
          if (counts[c] === 1) single = true;
        } else if (pick < 0 || rank[c]! > rank[pick]!) pick = c;
      };
      visit(relations.totals[r]!);
      for (let j = s0; j < s1 && h <= 2; j++) visit(relations.members[j]!);
      if (h === 2 && single && pick >= 0) {
        hidden[pick] = 1;
        added.push(pick);
        changed = true;
      }
    }
  }
  return added;
}
