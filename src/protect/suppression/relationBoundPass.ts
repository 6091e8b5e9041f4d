import type { Relations, RelationIndex } from '../../audit/Relations.js';
import type { BoundTargets } from './propagatedFailures.js';

/** Relative tolerance: a shortfall counts only beyond it (the audit's tolerance, so the pass acts on what it fails). */
const TOL = 1e-6;

/**
 * Closes the interval failures that one relation proves: when a hidden target is a member of a relation whose
 * total is published, the attacker knows the sum of that relation's hidden members (the total minus the published
 * members), so the target cannot exceed it; when that sum lies below the target's upper target (a primary count of
 * 1 next to a hidden 2 under a published total of 3, say, with count < 5), the pattern fails the audit whatever else
 * is hidden. This pass hides one more published cell of such a relation — a member whose value covers the shortfall,
 * the least wanted published (largest `rank`), ties by index; when none covers it, the member with the largest value;
 * when no member is published, the total — and repeats until no relation caps a target this way.
 *
 * Bound propagation (`propagatedFailures`) finds these failures too, and the repair rounds mend them with box moves or
 * repair LPs; closed here, they cost neither, and the covering member is as good a pick as the LP's (benchmark
 * tables: as many or fewer secondaries). It only hides cells, so it never weakens a pattern. Failures that need two
 * or more relations to prove are left to the repair rounds and the audit.
 *
 * Cost: per sweep, the relations of every target (O(targets × relations per cell × relation length)); sweeps repeat
 * until one hides nothing.
 * @param groups the sensitive cells per quantity (`boundTargets`); each cell's `requirement.upperTarget` is its goal.
 * @param hidden updated in place.
 * @returns the cells hidden, in the order hidden.
 * @internal
 * @example
 * // T = a + b + c + d with counts 1, 2, 7, 9 (T = 19 published), count < 5, a and b hidden: a + b = 3 < 5. c and d
 * // both cover the shortfall of 2; c is less wanted published (smaller count), so c is hidden.
 * relationBoundPass(space.relations, space.relationIndex, boundTargets(space, [frequencyRule({ n: 5 })], primary), hidden, rank)
 * // [c]
 */
export function relationBoundPass(relations: Relations, index: RelationIndex, groups: readonly BoundTargets[], hidden: Uint8Array, rank: Int32Array): number[] {
  const added: number[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const g of groups) {
      const { values } = g;
      for (let i = 0; i < g.cells.length; i++) {
        const x = g.cells[i]!;
        const goal = g.requirements[i]!.upperTarget;
        if (!hidden[x] || !(goal > -Infinity)) continue;
        for (let j = index.starts[x]!; j < index.starts[x + 1]!; j++) {
          const r = index.relations[j]!;
          const total = relations.totals[r]!;
          if (total === x || hidden[total]) continue;
          for (;;) {
            let sum = 0;
            for (let k = relations.starts[r]!; k < relations.starts[r + 1]!; k++) {
              const m = relations.members[k]!;
              if (hidden[m]) sum += values[m]!;
            }
            const short = goal - sum;
            if (!(short > TOL * Math.max(1, Math.abs(goal)))) break;
            const pick = pickCover(relations, r, values, hidden, rank, short);
            if (pick < 0) break;
            hidden[pick] = 1;
            added.push(pick);
            changed = true;
            if (pick === total) break;
          }
        }
      }
    }
  }
  return added;
}

/**
 * The published cell of relation `r` to hide for a shortfall `short` (see {@link relationBoundPass}), or -1.
 * @internal
 */
export function pickCover(relations: Relations, r: number, values: Float64Array, hidden: Uint8Array, rank: Int32Array, short: number): number {
  let cover = -1;
  let largest = -1;
  for (let k = relations.starts[r]!; k < relations.starts[r + 1]!; k++) {
    const m = relations.members[k]!;
    if (hidden[m]) continue;
    const v = values[m]!;
    if (v >= short && (cover < 0 || rank[m]! > rank[cover]!)) cover = m;
    if (largest < 0 || v > values[largest]! || (v === values[largest] && rank[m]! > rank[largest]!)) largest = m;
  }
  if (cover >= 0) return cover;
  if (largest >= 0 && values[largest]! > 0) return largest;
  const total = relations.totals[r]!;
  return hidden[total] ? -1 : total;
}
