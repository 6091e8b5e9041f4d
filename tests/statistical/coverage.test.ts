import { describe, expect, it } from 'vitest';
import { Hierarchy } from '../../src/hierarchy/Hierarchy.js';
import { BudgetAccountant } from '../../src/protect/dp/budget/BudgetAccountant.js';
import { type PrivacyLoss, pureDp, zcdp } from '../../src/protect/dp/budget/PrivacyLoss.js';
import { PublicKeySet } from '../../src/protect/dp/keys/PublicKeySet.js';
import { dpCrossTable } from '../../src/protect/dp/queries/dpCrossTable.js';
import { seededRandomSource } from '../../src/random/seededRandomSource.js';
import { makeExtract } from '../protect/dp/helpers/makeExtract.js';

/**
 * Coverage of the per-cell confidence intervals: over many releases of the same small table, the share of
 * (release, cell) pairs whose interval holds the true value must be at least the stated confidence (up to sampling
 * error), for both noises and both margin modes. Also: the released values' error is in line with the noise sd.
 */
const hospitals = Hierarchy.fromParents('N', ['A', 'B', 'C', 'D', 'R1', 'R2', 'N'], [4, 4, 5, 5, 6, 6, -1]);
const persons: number[] = [];
const hospital: string[] = [];
const sex: string[] = [];
const sizes: Record<string, number> = { A: 40, B: 3, C: 0, D: 17 };
let id = 0;
for (const [h, count] of Object.entries(sizes)) {
  for (let i = 0; i < count; i++) {
    persons.push(id++);
    hospital.push(h);
    sex.push(i % 3 === 0 ? '2' : '1');
  }
}
const extract = makeExtract({ persons, codes: { hospital, sex } });
// True person counts per cell, by hand: A: 40 (14 sex 2), B: 3 (1), C: 0, D: 17 (6); R1 43, R2 17, N 60.
const RUNS = 1500;
const source = seededRandomSource('coverage');

function coverage(privacy: PrivacyLoss, margins: 'allLevels' | 'finestOnly'): { rate: number; relErr: number } {
  const truthTable = dpCrossTable(extract, {
    dimensions: [
      { column: 'hospital', keys: PublicKeySet.fromHierarchy(hospitals) },
      { column: 'sex', keys: PublicKeySet.fromCodeList(['1', '2']) },
    ],
    statistic: { kind: 'persons' },
    bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 },
    privacy: pureDp('1e9'),
    accountant: new BudgetAccountant({ total: pureDp('1e9') }),
    random: source,
    insecureRandomForTesting: source.name,
  }).evaluate();
  const truth = truthTable.released;
  expect(truth[truthTable.indexOf({})]).toBe(60);
  let covered = 0;
  let total = 0;
  let sq = 0;
  let sdSq = 0;
  for (let run = 0; run < RUNS; run++) {
    const t = dpCrossTable(extract, {
      dimensions: [
        { column: 'hospital', keys: PublicKeySet.fromHierarchy(hospitals) },
        { column: 'sex', keys: PublicKeySet.fromCodeList(['1', '2']) },
      ],
      statistic: { kind: 'persons' },
      bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 },
      privacy,
      accountant: new BudgetAccountant({ total: privacy }),
      margins,
      random: source,
      insecureRandomForTesting: source.name,
    }).evaluate();
    for (let c = 0; c < t.cellCount; c++) {
      total++;
      if (truth[c]! >= t.ciLower[c]! && truth[c]! <= t.ciUpper[c]!) covered++;
      sq += (t.noisy[c]! - truth[c]!) ** 2;
      sdSq += t.sd[c]! ** 2;
    }
  }
  return { rate: covered / total, relErr: Math.sqrt(sq / sdSq) };
}

describe('confidence intervals cover the true value at least as often as stated', () => {
  // Binomial sd of a rate near 0.95 over 1500 × 21 cells: √(0.95 · 0.05 / 31500) = 0.0012; allow 4 sd.
  const floor = 0.95 - 4 * 0.0012;
  for (const [name, privacy] of [
    ['discrete Laplace ε = 1', pureDp(1)],
    ['discrete Gaussian ρ = 0.5', zcdp('0.5')],
  ] as const) {
    for (const margins of ['allLevels', 'finestOnly'] as const) {
      it(`${name}, ${margins}`, () => {
        const r = coverage(privacy, margins);
        console.log(`${name}, ${margins}: coverage ${(100 * r.rate).toFixed(2)} %, RMSE / theoretical sd = ${r.relErr.toFixed(3)}`);
        expect(r.rate).toBeGreaterThanOrEqual(floor);
        // The raw noisy values' RMSE matches the stated sd (within 5 %).
        expect(Math.abs(r.relErr - 1)).toBeLessThan(0.05);
      });
    }
  }
});
