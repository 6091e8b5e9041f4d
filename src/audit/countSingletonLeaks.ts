import { derivableCells } from './derivableCells.js';
import type { Relations } from './Relations.js';

/**
 * Counts relations through which a singleton's contributor recovers another hidden cell (the singleton problem;
 * Langsrud 2024, "Secondary cell suppression by Gaussian elimination: an algorithm suitable for handling issues with
 * zeros and singletons", Statistical Journal of the IAOS 40): the contributor of a cell with count 1 knows its value,
 * so a relation whose unknowns are that cell and one other gives the other away by subtraction. See
 * {@link relationLeaks} for the two ways a relation leaks. Cells with unknown counts (NaN) are not singletons.
 *
 * Cost: one bound propagation (`derivableCells`, O(relation entries) per sweep), then O(relation entries).
 *
 * @param keep optional: cells never read as derivable (the sensitive cells, whose intervals the audit's LPs judge).
 * @example
 * countSingletonLeaks(space.relations, counts, hidden, primary) // 0 for a pattern made by suppressCells
 */
export function countSingletonLeaks(relations: Relations, counts: Float64Array, hidden: Uint8Array, keep?: Uint8Array): number {
  // No singleton among the hidden cells, no leak (and no propagation to run).
  if (!hidden.some((h, c) => h === 1 && counts[c] === 1)) return 0;
  const derivable = derivableCells(relations, counts, hidden, keep);
  let leaks = 0;
  for (let r = 0; r < relations.count; r++) if (relationLeaks(relations, counts, hidden, derivable, r)) leaks++;
  return leaks;
}

/**
 * Whether relation `r` (of three or more cells; a parent with one child equals it, so there is nothing to recover)
 * leaks to a singleton's contributor:
 * - it holds exactly two hidden cells, one of them a singleton; or
 * - it holds exactly two hidden cells the attacker cannot derive (`derivable` 0), one a singleton: a derivable hidden
 *   cell is no cover, so the singleton's contributor recovers the other from the relation. Except when the two are the
 *   total and a member of equal count (every other cell of the relation is 0): the total then is the member, the
 *   singleton's own cell or one equal to it, and is a singleton itself wherever else it appears, where it is counted.
 *   (Were their counts different, the contributor who learns the total could go on through another relation of it
 *   whose other unknown is not a singleton.)
 *
 * Cost: O(cells of the relation).
 * @internal
 */
export function relationLeaks(relations: Relations, counts: Float64Array, hidden: Uint8Array, derivable: Uint8Array, r: number): boolean {
  const s0 = relations.starts[r]!;
  const s1 = relations.starts[r + 1]!;
  if (s1 - s0 < 2) return false;
  const t = relations.totals[r]!;
  // Hidden cells and whether a singleton is among them; the same for the cells not derivable, with the last member.
  let h = hidden[t] ? 1 : 0;
  let single = h === 1 && counts[t] === 1;
  const totalCovers = hidden[t] === 1 && derivable[t] === 0;
  let e = totalCovers ? 1 : 0;
  let eSingle = totalCovers && counts[t] === 1;
  let member = -1;
  for (let j = s0; j < s1; j++) {
    const m = relations.members[j]!;
    if (!hidden[m]) continue;
    h++;
    if (counts[m] === 1) single = true;
    if (derivable[m]) continue;
    e++;
    member = m;
    if (counts[m] === 1) eSingle = true;
  }
  if (h === 2 && single) return true;
  if (e !== 2 || !eSingle) return false;
  return !(totalCovers && counts[t] === counts[member]);
}
