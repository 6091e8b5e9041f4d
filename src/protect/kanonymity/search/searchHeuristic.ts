import type { Lattice } from './Lattice.js';
import type { NodeEvaluator } from './NodeEvaluator.js';
import type { SnapshotCache } from './SnapshotCache.js';
import { scoreSlack } from './scoreSlack.js';

/** What the heuristic found. */
export interface HeuristicOutcome {
  /** Levels of the best admissible node found, or undefined when the most general node is not admissible. */
  readonly levels: Uint8Array | undefined;
  readonly score: number;
}

/**
 * Best-effort search for lattices too large to search optimally: a greedy descent from the most general node. At each
 * step every predecessor of the current node (one quasi-identifier one level less general) is checked; the search moves
 * to the admissible one with the lowest metric (ties: lower height, then first quasi-identifier; scores within
 * `scoreSlack` of each other are ties) while that does not worsen the best score, and stops at a local optimum or when
 * `budget` checks are spent. The result is admissible but not necessarily optimal. Nodes below `floor`
 * (`projectionFloor`) are known inadmissible and skipped. Node numbers are not used (a huge lattice's numbers may not
 * be exact in a float64); visited nodes are remembered by their levels.
 *
 * Cost: at most `budget` checks, each O(classes × d).
 *
 * @example
 * searchHeuristic(lattice, evaluator, cache, 5000, floor).levels // Uint8Array [1, 0] on the tiny example of the tests
 */
export function searchHeuristic(lattice: Lattice, evaluator: NodeEvaluator, cache: SnapshotCache, budget: number, floor: Uint8Array): HeuristicOutcome {
  const d = lattice.d;
  const exact = lattice.size <= Number.MAX_SAFE_INTEGER;
  const nodeOf = (levels: Uint8Array): number => (exact ? lattice.nodeOf(levels) : -1);
  const evaluate = (levels: Uint8Array) => {
    const result = evaluator.evaluate(cache.sourceFor(levels), nodeOf(levels), levels, { score: true, keep: true });
    if (result.snapshot) cache.add(result.snapshot);
    return result;
  };
  let current: Uint8Array = Uint8Array.from(lattice.levelCounts, (c) => c - 1);
  const top = evaluate(current);
  if (!top.admissible) return { levels: undefined, score: Number.NaN };
  let best = top.score;
  let spent = 1;
  const seen = new Set<string>([current.join(',')]);
  for (;;) {
    let chosen: Uint8Array | undefined;
    let chosenScore = Number.POSITIVE_INFINITY;
    for (let j = 0; j < d && spent < budget; j++) {
      if (current[j]! <= floor[j]!) continue; // below the floor nothing is admissible
      const next = current.slice();
      next[j]!--;
      const key = next.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      spent++;
      const result = evaluate(next);
      if (result.admissible && (chosen === undefined || result.score < chosenScore - scoreSlack(chosenScore))) {
        chosenScore = result.score;
        chosen = next;
      }
    }
    if (!chosen || !(chosenScore <= best + scoreSlack(best))) break;
    current = chosen;
    best = chosenScore;
    if (spent >= budget) break;
  }
  return { levels: current, score: best };
}
