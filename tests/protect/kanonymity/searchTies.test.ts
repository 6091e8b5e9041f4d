// The optimal search's tie rule (lowest metric; ties: lower height) when the tied scores differ in their last bits.
// The case is the counterexample fast-check found (seed -452869039) in properties.test.ts; the scores and heights
// below are the brute force's (tests/protect/kanonymity/helpers/bruteForce.ts) on it.
import { describe, expect, it } from 'vitest';
import { hierarchyFromArx } from '../../../src/hierarchy/hierarchyFromArx.js';
import { anonymise } from '../../../src/protect/kanonymity/anonymise.js';
import { encodeRows } from './helpers/adult.js';
import { bestScore, bruteForce, nodeAt, scoreOf } from './helpers/bruteForce.js';

describe('searchOptimal ties', () => {
  it('scores equal but for round-off go to the lower height', () => {
    const hierarchies = [hierarchyFromArx('a0;*\na1;*'), hierarchyFromArx('b0;*\nb1;*'), hierarchyFromArx('c0;c-L1-0;*\nc1;c-L1-1;*')];
    const models = [{ kind: 'hierarchical-distance-t-closeness' as const, t: 0.4, hierarchy: hierarchyFromArx('s0;A;*\ns1;A;*\ns2;B;*\ns3;B;*\n') }];
    const records = [['a0', 'b0', 'c0'], ['a0', 'b0', 'c0'], ['a1', 'b1', 'c0'], ['a0', 'b1', 'c0'], ['a0', 'b1', 'c0'], ['a1', 'b0', 'c0'], ['a1', 'b0', 'c1']];
    const sensitive = ['s0', 's1', 's1', 's2', 's0', 's2', 's0'];
    const names = ['q0', 'q1', 'q2'];
    const brute = bruteForce({ records, hierarchies, sensitive }, [{ models, suppressionLimit: 0.5 }])[0]!;
    const best = bestScore(brute, 'loss')!;
    // The brute force: Loss 0.377224150957274 at (0,0,2), height 2, and 0.37722415095727424 at (0,1,0) and (1,0,0),
    // height 1: the same Loss but for the last bits.
    expect(scoreOf(nodeAt(brute, [0, 0, 2]), 'loss')).toBe(best);
    expect(Math.abs(scoreOf(nodeAt(brute, [0, 1, 0]), 'loss') - best)).toBeLessThan(1e-15);
    const input = encodeRows([...names, 'diagnosis'], records.map((r, i) => [...r, sensitive[i]!]));
    const result = anonymise(input, { quasiIdentifiers: hierarchies.map((hierarchy, j) => ({ column: names[j]!, hierarchy })), models, sensitive: 'diagnosis', suppressionLimit: 0.5, metric: 'loss' });
    const levels = [...result.levels];
    expect(levels.reduce((a, b) => a + b, 0)).toBe(1);
    expect(Math.abs(scoreOf(nodeAt(brute, levels), 'loss') - best)).toBeLessThan(1e-15);
  });
});
