import { beforeAll, describe, expect, it } from 'vitest';
import { anonymise } from '../../../src/protect/kanonymity/anonymise.js';
import type { UtilityMetric } from '../../../src/protect/kanonymity/metrics/UtilityMetric.js';
import type { PrivacyModel } from '../../../src/protect/kanonymity/models/PrivacyModel.js';
import { verifyAnonymity } from '../../../src/protect/kanonymity/verifyAnonymity.js';
import { ADULT_QIS, adultExtract, adultHierarchy, adultRows } from './helpers/adult.js';
import { bestScore, bruteForce, nodeAt, scoreOf, type BruteNode } from './helpers/bruteForce.js';

/**
 * Optimality on Adult with ARX's 8 quasi-identifiers and hierarchies (the whole 6,480-node lattice), against the
 * brute force in helpers/bruteForce.ts, which evaluates every node from the records. To stay fast in `npm test`
 * this uses the first 300 rows of the extract; tests/statistical/kanonymityAdult.test.ts runs the same comparison
 * on all 30,162 rows for k in {2, 5, 10, 20, 50, 100}.
 */
const ROWS = 300;

interface Case {
  readonly models: readonly PrivacyModel[];
  readonly suppressionLimit: number;
  readonly metrics: readonly UtilityMetric[];
}

function check(
  result: ReturnType<typeof anonymise>,
  brute: readonly BruteNode[],
  c: Case,
  metric: UtilityMetric,
): void {
  const best = bestScore(brute, metric)!;
  const chosen = nodeAt(brute, result.levels);
  expect(chosen.admissible).toBe(true);
  expect(Math.abs(scoreOf(chosen, metric) - best)).toBeLessThanOrEqual(1e-9 * Math.max(1, best));
  expect(result.summary.suppressedRecords).toBe(chosen.suppressed);
  expect(result.summary.metrics.loss).toBeCloseTo(chosen.loss, 9);
  expect(verifyAnonymity(result.records, { models: c.models, suppressionLimit: c.suppressionLimit }).passed).toBe(true);
}

describe(`optimality on Adult (first ${ROWS} rows, 8 quasi-identifiers, 6,480 transformations) against the brute force`, () => {
  const k = (k: number): PrivacyModel => ({ kind: 'k-anonymity', k });
  const cases: Case[] = [
    { models: [k(2)], suppressionLimit: 0, metrics: ['loss', 'discernibility'] },
    { models: [k(2)], suppressionLimit: 0.05, metrics: ['loss', 'average-class-size'] },
    { models: [k(5)], suppressionLimit: 0, metrics: ['loss', 'height', 'average-class-size'] },
    { models: [k(5)], suppressionLimit: 0.05, metrics: ['loss', 'discernibility', 'height'] },
    { models: [k(10)], suppressionLimit: 0, metrics: ['loss'] },
    { models: [k(10)], suppressionLimit: 0.05, metrics: ['loss', 'discernibility', 'average-class-size'] },
  ];
  const { header, rows } = adultRows(ROWS);
  const input = adultExtract(ROWS);
  const qis = ADULT_QIS.map((name) => ({ column: name, hierarchy: adultHierarchy(name) }));
  let brute: BruteNode[][] = [];
  beforeAll(() => {
    const records = rows.map((r) => ADULT_QIS.map((q) => r[header.indexOf(q)]!));
    brute = bruteForce({ records, hierarchies: qis.map((q) => q.hierarchy) }, cases);
  });
  cases.forEach((c, ci) => {
    for (const metric of c.metrics) {
      it(`k = ${(c.models[0] as { k: number }).k}, suppression ${c.suppressionLimit * 100} %, ${metric}`, () => {
        const result = anonymise(input, { quasiIdentifiers: qis, models: c.models, suppressionLimit: c.suppressionLimit, metric });
        expect(result.search.latticeSize).toBe(6480);
        check(result, brute[ci]!, c, metric);
      });
    }
  });
});

describe(`l-diversity and t-closeness on Adult (first ${ROWS} rows, 7 quasi-identifiers, occupation sensitive) against the brute force`, () => {
  const occupation = adultHierarchy('occupation');
  const cases: Case[] = [
    { models: [{ kind: 'k-anonymity', k: 2 }, { kind: 'distinct-l-diversity', l: 2 }], suppressionLimit: 0.05, metrics: ['loss'] },
    { models: [{ kind: 'entropy-l-diversity', l: 2 }], suppressionLimit: 0, metrics: ['loss'] },
    { models: [{ kind: 'entropy-l-diversity', l: 2 }], suppressionLimit: 0.05, metrics: ['loss', 'height'] },
    { models: [{ kind: 'recursive-cl-diversity', c: 3, l: 2 }], suppressionLimit: 0.05, metrics: ['loss'] },
    { models: [{ kind: 'equal-distance-t-closeness', t: 0.3 }], suppressionLimit: 0.05, metrics: ['loss'] },
    { models: [{ kind: 'hierarchical-distance-t-closeness', t: 0.2, hierarchy: occupation }], suppressionLimit: 0.05, metrics: ['loss', 'discernibility'] },
  ];
  const { header, rows } = adultRows(ROWS);
  const input = adultExtract(ROWS);
  const names = ADULT_QIS.filter((q) => q !== 'occupation');
  const qis = names.map((name) => ({ column: name, hierarchy: adultHierarchy(name) }));
  let brute: BruteNode[][] = [];
  beforeAll(() => {
    const records = rows.map((r) => names.map((q) => r[header.indexOf(q)]!));
    const sensitive = rows.map((r) => r[header.indexOf('occupation')]!);
    brute = bruteForce({ records, hierarchies: qis.map((q) => q.hierarchy), sensitive }, cases);
  });
  cases.forEach((c, ci) => {
    for (const metric of c.metrics) {
      it(`${c.models.map((m) => m.kind).join(' + ')}, suppression ${c.suppressionLimit * 100} %, ${metric}`, () => {
        const result = anonymise(input, { quasiIdentifiers: qis, sensitive: 'occupation', models: c.models, suppressionLimit: c.suppressionLimit, metric });
        check(result, brute[ci]!, c, metric);
      });
    }
  });
});

describe('the memory budget changes the work, not the result', () => {
  it(`gives the same transformation and summary with no cache, a tiny cache and the default (Adult, first ${ROWS} rows)`, () => {
    const input = adultExtract(ROWS);
    const qis = ADULT_QIS.filter((q) => q !== 'occupation').map((name) => ({ column: name, hierarchy: adultHierarchy(name) }));
    const runs: { models: PrivacyModel[]; suppressionLimit: number; metric: UtilityMetric }[] = [
      { models: [{ kind: 'k-anonymity', k: 3 }], suppressionLimit: 0.05, metric: 'loss' },
      { models: [{ kind: 'k-anonymity', k: 2 }, { kind: 'entropy-l-diversity', l: 2 }], suppressionLimit: 0.1, metric: 'discernibility' },
      { models: [{ kind: 'hierarchical-distance-t-closeness', t: 0.3, hierarchy: adultHierarchy('occupation') }], suppressionLimit: 0.05, metric: 'average-class-size' },
    ];
    for (const run of runs) {
      const results = [undefined, 0, 20_000].map((memoryBudget) =>
        anonymise(input, { quasiIdentifiers: qis, sensitive: 'occupation', ...run, memoryBudget }),
      );
      for (const r of results.slice(1)) {
        expect(r.levels).toEqual(results[0]!.levels);
        expect(r.summary).toEqual(results[0]!.summary);
      }
    }
  });
});
