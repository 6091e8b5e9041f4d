// The heuristic search's tie rule (lowest metric; ties: first quasi-identifier), with scores that differ only in
// their last bits, as sums added in another order do (see searchTies.test.ts for the case the optimal search met).
// A hand-made 2 x 2 lattice with hand-set scores: the evaluator and the cache are stand-ins that return them.
import { describe, expect, it } from 'vitest';
import { Lattice } from '../../../src/protect/kanonymity/search/Lattice.js';
import type { NodeEvaluator } from '../../../src/protect/kanonymity/search/NodeEvaluator.js';
import { scoreSlack } from '../../../src/protect/kanonymity/search/scoreSlack.js';
import { searchHeuristic } from '../../../src/protect/kanonymity/search/searchHeuristic.js';
import type { SnapshotCache } from '../../../src/protect/kanonymity/search/SnapshotCache.js';

/** Runs the heuristic on two quasi-identifiers of two levels each, every node admissible, with these scores. */
function run(scores: Record<string, number>): { levels: number[]; score: number } {
  const evaluator = {
    evaluate: (_source: unknown, _node: number, levels: Uint8Array) => ({ admissible: true, score: scores[levels.join(',')]! }),
  } as unknown as NodeEvaluator;
  const cache = { sourceFor: () => undefined, add: () => undefined } as unknown as SnapshotCache;
  const out = searchHeuristic(new Lattice([2, 2]), evaluator, cache, 100, Uint8Array.of(0, 0));
  return { levels: [...out.levels!], score: out.score };
}

describe('searchHeuristic ties', () => {
  it('scores equal but for the last bits go to the first quasi-identifier', () => {
    // From the top (1,1): (0,1) lowers the first quasi-identifier, (1,0) the second; 0.5000000000000001 is 0.5 but
    // for its last bit. Then (0,0) is worse, so the search stops at (0,1).
    const out = run({ '1,1': 1, '0,1': 0.5000000000000001, '1,0': 0.5, '0,0': 0.75 });
    expect(out.levels).toEqual([0, 1]);
    expect(out.score).toBe(0.5000000000000001);
  });

  it('a real difference still picks the lower score', () => {
    const out = run({ '1,1': 1, '0,1': 0.5 + 1e-6, '1,0': 0.5, '0,0': 0.75 });
    expect(out.levels).toEqual([1, 0]);
    expect(out.score).toBe(0.5);
  });

  it('a step to an equal score (within the slack) is taken, a worse one is not', () => {
    // (0,1) ties with the top but for the last bits: the search moves down (a less general node at the same metric).
    expect(run({ '1,1': 0.5, '0,1': 0.5000000000000001, '1,0': 0.6, '0,0': 0.7 }).levels).toEqual([0, 1]);
    expect(run({ '1,1': 0.5, '0,1': 0.5 + 1e-6, '1,0': 0.6, '0,0': 0.7 }).levels).toEqual([1, 1]);
  });

  it('the slack is relative, with an absolute floor', () => {
    expect(scoreSlack(0.25)).toBe(1e-12);
    expect(scoreSlack(-3000)).toBe(3e-9);
  });
});
