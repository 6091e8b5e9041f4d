import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import type { Hierarchy } from '../../../src/hierarchy/Hierarchy.js';
import { hierarchyFromArx } from '../../../src/hierarchy/hierarchyFromArx.js';
import { anonymise } from '../../../src/protect/kanonymity/anonymise.js';
import type { UtilityMetric } from '../../../src/protect/kanonymity/metrics/UtilityMetric.js';
import type { PrivacyModel } from '../../../src/protect/kanonymity/models/PrivacyModel.js';
import { verifyAnonymity } from '../../../src/protect/kanonymity/verifyAnonymity.js';
import { encodeRows } from './helpers/adult.js';
import { bestScore, bruteForce, nodeAt, scoreOf } from './helpers/bruteForce.js';

/**
 * A random hierarchy in ARX's format: `leaves` values, `levels` levels (root included). The group of a leaf at level
 * l is its group at level l − 1 divided by a random factor, so every node has one parent.
 */
const hierarchyArb = (name: string) =>
  fc
    .record({
      leaves: fc.integer({ min: 1, max: 5 }),
      divisors: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 2 }),
    })
    .map(({ leaves, divisors }) => {
      const lines: string[] = [];
      for (let i = 0; i < leaves; i++) {
        const cells = [`${name}${i}`];
        let group = i;
        divisors.forEach((b, l) => {
          group = Math.floor(group / b);
          cells.push(`${name}-L${l + 1}-${group}`);
        });
        cells.push('*');
        lines.push(cells.join(';'));
      }
      return hierarchyFromArx(lines.join('\n'));
    });

const SENSITIVE = hierarchyFromArx('s0;A;*\ns1;A;*\ns2;B;*\ns3;B;*\n');

const modelArb: fc.Arbitrary<PrivacyModel> = fc.oneof(
  fc.integer({ min: 1, max: 5 }).map((k) => ({ kind: 'k-anonymity' as const, k })),
  fc.integer({ min: 1, max: 3 }).map((l) => ({ kind: 'distinct-l-diversity' as const, l })),
  fc.constantFrom(1, 1.5, 2, 2.5, 3).map((l) => ({ kind: 'entropy-l-diversity' as const, l })),
  fc.record({ c: fc.constantFrom(0.5, 1, 2, 3), l: fc.integer({ min: 1, max: 3 }) }).map(({ c, l }) => ({ kind: 'recursive-cl-diversity' as const, c, l })),
  fc.constantFrom(0, 0.1, 0.25, 0.4, 0.6, 1).map((t) => ({ kind: 'equal-distance-t-closeness' as const, t })),
  fc.constantFrom(0, 0.1, 0.25, 0.4, 0.6, 1).map((t) => ({ kind: 'hierarchical-distance-t-closeness' as const, t, hierarchy: SENSITIVE })),
);

const caseArb = fc
  .record({
    hierarchies: fc.tuple(hierarchyArb('a'), hierarchyArb('b'), hierarchyArb('c')).chain((hs) => fc.integer({ min: 1, max: 3 }).map((d) => hs.slice(0, d))),
    models: fc.array(modelArb, { minLength: 1, maxLength: 3 }),
    suppressionLimit: fc.constantFrom(0, 0.1, 0.25, 0.5),
    metric: fc.constantFrom<UtilityMetric>('loss', 'discernibility', 'height', 'average-class-size'),
    seeds: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 30 }),
  })
  .map(({ hierarchies, models, suppressionLimit, metric, seeds }) => {
    const records = seeds.map((s) => hierarchies.map((h: Hierarchy, j) => h.labels[s[j]! % h.leafCount]!));
    const sensitive = seeds.map((s) => `s${s[3]! % 4}`);
    return { hierarchies, models, suppressionLimit, metric, records, sensitive };
  });

describe('anonymise against the brute force on random small data (fast-check)', () => {
  it('returns an admissible node that no admissible node beats, and the verifier accepts its output', () => {
    fc.assert(
      fc.property(caseArb, ({ hierarchies, models, suppressionLimit, metric, records, sensitive }) => {
        const names = hierarchies.map((_, j) => `q${j}`);
        const input = encodeRows([...names, 'diagnosis'], records.map((r, i) => [...r, sensitive[i]!]));
        const quasiIdentifiers = hierarchies.map((hierarchy, j) => ({ column: names[j]!, hierarchy }));
        const brute = bruteForce({ records, hierarchies, sensitive }, [{ models, suppressionLimit }])[0]!;
        const best = bestScore(brute, metric);
        const run = () => anonymise(input, { quasiIdentifiers, models, sensitive: 'diagnosis', suppressionLimit, metric });
        if (best === undefined) {
          expect(run).toThrow(PrikkError);
          return;
        }
        const result = run();
        const chosen = nodeAt(brute, result.levels);
        expect(chosen.admissible).toBe(true);
        const tolerance = 1e-9 * Math.max(1, Math.abs(best));
        expect(Math.abs(scoreOf(chosen, metric) - best)).toBeLessThanOrEqual(tolerance);
        expect(result.summary.suppressedRecords).toBe(chosen.suppressed);
        expect(result.summary.metrics.loss).toBeCloseTo(chosen.loss, 9);
        expect(result.summary.metrics.discernibility).toBe(chosen.discernibility);
        expect(result.summary.metrics.averageClassSize).toBeCloseTo(chosen.averageClassSize, 9);
        // Among the nodes with the best score, the search returns the lowest, then the first in lattice order.
        const ties = brute.filter((n) => n.admissible && Math.abs(scoreOf(n, metric) - best) <= tolerance);
        const minHeight = Math.min(...ties.map((n) => n.height));
        expect(chosen.height).toBe(minHeight);
        const report = verifyAnonymity(result.records, { models, suppressionLimit });
        expect(report.problems).toEqual([]);
        expect(report.passed).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('the heuristic always returns a verified admissible node', () => {
    fc.assert(
      fc.property(caseArb, ({ hierarchies, models, suppressionLimit, metric, records, sensitive }) => {
        const names = hierarchies.map((_, j) => `q${j}`);
        const input = encodeRows([...names, 'diagnosis'], records.map((r, i) => [...r, sensitive[i]!]));
        const quasiIdentifiers = hierarchies.map((hierarchy, j) => ({ column: names[j]!, hierarchy }));
        let result;
        try {
          result = anonymise(input, { quasiIdentifiers, models, sensitive: 'diagnosis', suppressionLimit, metric, maxLatticeSize: 1 });
        } catch (e) {
          // Only when the most general node is not admissible.
          expect(e).toBeInstanceOf(PrikkError);
          const brute = bruteForce({ records, hierarchies, sensitive }, [{ models, suppressionLimit }])[0]!;
          expect(brute[brute.length - 1]!.admissible).toBe(false);
          return;
        }
        expect(result.search.strategy).toBe('heuristic');
        expect(verifyAnonymity(result.records, { models, suppressionLimit }).passed).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
