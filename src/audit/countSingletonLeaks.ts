import type { Relations } from './Relations.js';

/**
 * Counts relations with exactly two hidden cells of which at least one is a singleton (count 1): the singleton's
 * one contributor knows that cell's value and recovers the other hidden cell by subtraction (the singleton
 * problem; Langsrud 2024, "Secondary cell suppression by Gaussian elimination: an algorithm suitable for handling
 * issues with zeros and singletons", Statistical Journal of the IAOS 40). Cells with unknown counts (NaN) are
 * not singletons. A relation of two cells (a parent with one child) is skipped: both cells are equal, so there is
 * nothing to recover.
 *
 * Cost: O(relation entries).
 *
 * @example
 * countSingletonLeaks(space.relations, counts, hidden) // 0 for a pattern made by suppressCells
 */
export function countSingletonLeaks(relations: Relations, counts: Float64Array, hidden: Uint8Array): number {
  let leaks = 0;
  for (let r = 0; r < relations.count; r++) {
    if (relations.starts[r + 1]! - relations.starts[r]! < 2) continue;
    let h = 0;
    let single = false;
    const t = relations.totals[r]!;
    if (hidden[t]) {
      h++;
      if (counts[t] === 1) single = true;
    }
    for (let j = relations.starts[r]!; j < relations.starts[r + 1]! && h <= 2; j++) {
      const m = relations.members[j]!;
      if (hidden[m]) {
        h++;
        if (counts[m] === 1) single = true;
      }
    }
    if (h === 2 && single) leaks++;
  }
  return leaks;
}
