import { relationLeaks } from '../../audit/countSingletonLeaks.js';
import { derivableCells } from '../../audit/derivableCells.js';
import type { RelationIndex, Relations } from '../../audit/Relations.js';

/**
 * Singleton handling for frequency tables: while some relation leaks to a singleton's contributor (`relationLeaks`:
 * its unknowns are a count-1 cell, whose one contributor knows its value, and one other cell, recovered by
 * subtraction), give it one more hidden cell that the attacker cannot derive (the singleton problem; Langsrud 2024,
 * §3, whose GaussSuppression handles it by extra imaginary primary cells; this is the relation-level version).
 *
 * Which cell: the relations that leak are found together, and each takes, among its published cells, one that would
 * not be the only hidden cell of another of its relations (hidden there, it would be derived from that relation and
 * cover nothing), then the one that lies in the most leaking relations (one cell then closes several leaks: a greedy
 * set cover), then the cell least wanted published (largest `rank`), so the choice is deterministic. A cell that would
 * be alone somewhere gets a partner there too; when giving a derivable hidden cell of the relation a partner where it
 * is alone costs fewer cells, that is done instead (`COVER_DEPTH` relations deep at most). A relation closed by an
 * earlier pick of the same sweep takes none; each sweep reads the pattern again (`derivableCells`), as the audit's
 * `countSingletonLeaks` does.
 *
 * Measured: the greedy cover against one pick per relation by rank alone, 49k-cell benchmark table 6,418 → 6,349
 * secondaries, 110k cells 9,078 → 9,067. Derivable cells read as no cover (session 9): before, the third hidden cell
 * of many leaking relations was a derivable one, which the audit counted as cover (in the patterns made before,
 * 8, 390 and 302 leaking relations in the 12k-, 49k- and 110k-cell benchmark tables and 208 in the example registry's
 * 38,454-cell table); closing them costs secondaries, 1-12 % more (see the benchmark results).
 *
 * Cost: one bound propagation plus O(relation entries) per sweep; sweeps repeat until no relation leaks or a sweep
 * finds nothing to hide (each other sweep hides at least one cell).
 *
 * @param hidden updated in place.
 * @param rank publishing priority per cell, lower = more wanted published.
 * @param keep optional: cells always read as cover (the sensitive cells, whose intervals the audit's LPs judge).
 * @param index optional: the relations of each cell, for the choice that avoids derivable picks.
 * @returns the cells hidden, in the order hidden.
 * @example
 * singletonPass(space.relations, counts, hidden, rank) // e.g. [17]
 */
export function singletonPass(
  relations: Relations,
  counts: Float64Array,
  hidden: Uint8Array,
  rank: Int32Array,
  keep?: Uint8Array,
  index?: RelationIndex,
): number[] {
  const added: number[] = [];
  // No singleton, no leak (and no propagation to run).
  if (!counts.some((v) => v === 1)) return added;
  // Leaking relations of a sweep each add 1 to the score of their published cells (readable: a Map cell -> count).
  const score = new Int32Array(hidden.length);
  for (;;) {
    // A hidden cell the attacker derives exactly gives no cover (see countSingletonLeaks); cells hidden during the
    // sweep count as cover until the next sweep's propagation tells.
    const derivable = derivableCells(relations, counts, hidden, keep);
    const covers = (c: number): boolean => hidden[c] === 1 && derivable[c] === 0;
    const leaking: number[] = [];
    for (let r = 0; r < relations.count; r++) if (relationLeaks(relations, counts, hidden, derivable, r)) leaking.push(r);
    if (leaking.length === 0) return added;
    const before = added.length;
    for (const r of leaking) forEachCell(relations, r, (c) => (hidden[c] ? undefined : void score[c]!++));
    // Gives relation `r` one more cover besides `except` (-1: none), `depth` relations deep at most, the cheaper of:
    // its best published cell, with cover in turn for each relation where that cell would be alone (so derivable);
    // or a derivable hidden cell of it, made cover the same way (cost: the relations where it is alone). Returns
    // whether it did.
    const coverRelation = (r: number, except: number, depth: number): boolean => {
      const { pick, lonely } = bestCover(relations, r, hidden, rank, score, index, covers);
      const pickCost = pick < 0 ? Infinity : 1 + lonely;
      if (index && depth > 0) {
        // Derivable hidden cells of the relation by the relations they are alone in (fewest first, then relation
        // order), each tried while cheaper than the pick, until one is made cover.
        const ds: { d: number; k: number }[] = [];
        forEachCell(relations, r, (d) => {
          if (d === except || !hidden[d] || covers(d)) return;
          const k = lonelyCount(relations, index, d, r, covers);
          if (k > 0 && k < pickCost) ds.push({ d, k });
        });
        ds.sort((a, b) => a.k - b.k);
        for (const { d } of ds) {
          let failed = 0;
          forEachLonely(relations, index, d, r, covers, (r2) => void (coverRelation(r2, d, depth - 1) || failed++));
          if (failed === 0) return true;
        }
      }
      if (pick < 0) return false;
      hidden[pick] = 1;
      added.push(pick);
      if (index && depth > 0) forEachLonely(relations, index, pick, r, covers, (r2) => void coverRelation(r2, pick, depth - 1));
      return true;
    };
    for (const r of leaking) if (relationLeaks(relations, counts, hidden, derivable, r)) coverRelation(r, -1, COVER_DEPTH);
    for (const r of leaking) forEachCell(relations, r, (c) => void (score[c] = 0));
    // Nothing left to hide in the leaking relations: the audit reports what still leaks.
    if (added.length === before) return added;
  }
}

/** Relations followed from a leaking relation to find a cell that is not derivable once hidden (see `coverRelation`). */
const COVER_DEPTH = 3;

/**
 * The published cell of relation `r` to hide: one that would not be the only hidden cell of another of its relations
 * first (with `index`), then the most leaking relations it lies in (`score`), then the least wanted published
 * (largest `rank`), with the number of relations it would be alone in (0 without `index`). `pick` -1 when `r` has
 * nothing published.
 */
function bestCover(
  relations: Relations,
  r: number,
  hidden: Uint8Array,
  rank: Int32Array,
  score: Int32Array,
  index: RelationIndex | undefined,
  covers: (c: number) => boolean,
): { pick: number; lonely: number } {
  let pick = -1;
  let lonely = 0;
  forEachCell(relations, r, (c) => {
    if (hidden[c]) return;
    const k = index ? lonelyCount(relations, index, c, r, covers) : 0;
    const alone = k > 0;
    const pickAlone = lonely > 0;
    if (pick < 0 || (!alone && pickAlone) || (alone === pickAlone && (score[c]! > score[pick]! || (score[c] === score[pick] && rank[c]! > rank[pick]!)))) {
      pick = c;
      lonely = k;
    }
  });
  return { pick, lonely };
}

/** The relations of `c` other than `r` in which no cell but `c` covers. */
function lonelyCount(relations: Relations, index: RelationIndex, c: number, r: number, covers: (c: number) => boolean): number {
  let n = 0;
  forEachLonely(relations, index, c, r, covers, () => n++);
  return n;
}

/** Calls `f` on each relation of `c` other than `r` in which no cell but `c` covers. */
function forEachLonely(relations: Relations, index: RelationIndex, c: number, r: number, covers: (c: number) => boolean, f: (relation: number) => void): void {
  for (let j = index.starts[c]!; j < index.starts[c + 1]!; j++) {
    const r2 = index.relations[j]!;
    if (r2 === r) continue;
    let other = false;
    forEachCell(relations, r2, (x) => {
      if (x !== c && covers(x)) other = true;
    });
    if (!other) f(r2);
  }
}

/** Calls `f` on relation `r`'s total, then on its members in order. */
function forEachCell(relations: Relations, r: number, f: (cell: number) => void): void {
  f(relations.totals[r]!);
  for (let j = relations.starts[r]!; j < relations.starts[r + 1]!; j++) f(relations.members[j]!);
}
