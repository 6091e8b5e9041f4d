import { beforeAll, describe, expect, it } from 'vitest';
import { anonymise } from '../../src/protect/kanonymity/anonymise.js';
import type { UtilityMetric } from '../../src/protect/kanonymity/metrics/UtilityMetric.js';
import type { PrivacyModel } from '../../src/protect/kanonymity/models/PrivacyModel.js';
import { verifyAnonymity } from '../../src/protect/kanonymity/verifyAnonymity.js';
import { ADULT_QIS, adultExtract, adultHierarchy, adultRows } from '../protect/kanonymity/helpers/adult.js';
import { bestScore, bruteForce, nodeAt, scoreOf, type BruteNode } from '../protect/kanonymity/helpers/bruteForce.js';

/**
 * The heavy sweep (not in `npm test`; run with `npm run test:statistical`): optimality of `anonymise` on all 30,162
 * Adult rows with ARX's 8 quasi-identifiers (6,480 transformations), k in {2, 5, 10, 20, 50, 100}, suppression 0 and
 * 5 %, every metric, against the brute force (every node evaluated from the records); then l-diversity and
 * t-closeness with occupation as the sensitive attribute (7 quasi-identifiers, 2,160 transformations).
 * The brute force takes a few minutes.
 */
const METRICS: readonly UtilityMetric[] = ['loss', 'discernibility', 'height', 'average-class-size'];

function compare(result: ReturnType<typeof anonymise>, brute: readonly BruteNode[], models: readonly PrivacyModel[], limit: number, metric: UtilityMetric): void {
  const best = bestScore(brute, metric)!;
  const chosen = nodeAt(brute, result.levels);
  expect(chosen.admissible).toBe(true);
  expect(Math.abs(scoreOf(chosen, metric) - best)).toBeLessThanOrEqual(1e-9 * Math.max(1, best));
  expect(result.summary.suppressedRecords).toBe(chosen.suppressed);
  expect(verifyAnonymity(result.records, { models, suppressionLimit: limit }).passed).toBe(true);
}

describe('Adult, all rows, 8 quasi-identifiers: anonymise equals the brute force', () => {
  const ks = [2, 5, 10, 20, 50, 100];
  const cases = ks.flatMap((k) => [0, 0.05].map((suppressionLimit) => ({ models: [{ kind: 'k-anonymity' as const, k }], suppressionLimit })));
  const { header, rows } = adultRows();
  const input = adultExtract();
  const qis = ADULT_QIS.map((name) => ({ column: name, hierarchy: adultHierarchy(name) }));
  let brute: BruteNode[][] = [];
  beforeAll(() => {
    const records = rows.map((r) => ADULT_QIS.map((q) => r[header.indexOf(q)]!));
    brute = bruteForce({ records, hierarchies: qis.map((q) => q.hierarchy) }, cases);
  });
  cases.forEach((c, ci) => {
    for (const metric of METRICS) {
      it(`k = ${c.models[0]!.k}, suppression ${c.suppressionLimit * 100} %, ${metric}`, () => {
        const result = anonymise(input, { quasiIdentifiers: qis, models: c.models, suppressionLimit: c.suppressionLimit, metric });
        compare(result, brute[ci]!, c.models, c.suppressionLimit, metric);
      });
    }
  });
});

describe('Adult, all rows, occupation sensitive: l-diversity and t-closeness equal the brute force', () => {
  const occupation = adultHierarchy('occupation');
  const cases: { models: PrivacyModel[]; suppressionLimit: number }[] = [
    { models: [{ kind: 'k-anonymity', k: 5 }, { kind: 'distinct-l-diversity', l: 3 }], suppressionLimit: 0.05 },
    { models: [{ kind: 'entropy-l-diversity', l: 3 }], suppressionLimit: 0 },
    { models: [{ kind: 'entropy-l-diversity', l: 3 }], suppressionLimit: 0.05 },
    { models: [{ kind: 'recursive-cl-diversity', c: 4, l: 3 }], suppressionLimit: 0.05 },
    { models: [{ kind: 'equal-distance-t-closeness', t: 0.2 }], suppressionLimit: 0.05 },
    { models: [{ kind: 'hierarchical-distance-t-closeness', t: 0.15, hierarchy: occupation }], suppressionLimit: 0.05 },
  ];
  const { header, rows } = adultRows();
  const input = adultExtract();
  const names = ADULT_QIS.filter((q) => q !== 'occupation');
  const qis = names.map((name) => ({ column: name, hierarchy: adultHierarchy(name) }));
  let brute: BruteNode[][] = [];
  beforeAll(() => {
    const records = rows.map((r) => names.map((q) => r[header.indexOf(q)]!));
    const sensitive = rows.map((r) => r[header.indexOf('occupation')]!);
    brute = bruteForce({ records, hierarchies: qis.map((q) => q.hierarchy), sensitive }, cases);
  });
  cases.forEach((c, ci) => {
    for (const metric of ['loss', 'discernibility'] as const) {
      it(`${c.models.map((m) => m.kind).join(' + ')}, suppression ${c.suppressionLimit * 100} %, ${metric}`, () => {
        const result = anonymise(input, { quasiIdentifiers: qis, sensitive: 'occupation', models: c.models, suppressionLimit: c.suppressionLimit, metric });
        compare(result, brute[ci]!, c.models, c.suppressionLimit, metric);
      });
    }
  });
});
