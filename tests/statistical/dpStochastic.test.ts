import { describe, expect, it } from 'vitest';
import { BudgetAccountant } from '../../src/protect/dp/budget/BudgetAccountant.js';
import { approxDp, type PrivacyLoss, pureDp, zcdp } from '../../src/protect/dp/budget/PrivacyLoss.js';
import { PublicKeySet } from '../../src/protect/dp/keys/PublicKeySet.js';
import { selectionThreshold, selectPartitions } from '../../src/protect/dp/keys/selectPartitions.js';
import { dpCrossTable, type DpCrossTableOptions } from '../../src/protect/dp/queries/dpCrossTable.js';
import { discreteGaussianSampler } from '../../src/protect/dp/noise/sampleDiscreteGaussian.js';
import { discreteLaplaceSampler } from '../../src/protect/dp/noise/sampleDiscreteLaplace.js';
import { rational } from '../../src/protect/dp/rational/Rational.js';
import type { Extract } from '../../src/read/Extract.js';
import { seededRandomSource } from '../../src/random/seededRandomSource.js';
import { makeExtract } from '../protect/dp/helpers/makeExtract.js';
import { histogram, privacyLoss, renyi2 } from './helpers/privacyLossTester.js';

const N = 100_000;
const source = seededRandomSource('stochastic');
const forced = { random: source, insecureRandomForTesting: source.name };

// D: 10 persons, one row each, in hospitals A and B; D′ = D plus one person with 3 rows in A (values 1000 each).
const base = {
  persons: ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9'],
  hospital: ['A', 'A', 'A', 'B', 'B', 'A', 'B', 'A', 'B', 'A'],
  cost: [10, 20, 30, 40, 50, 60, 70, 80, 90, 5],
};
const D = makeExtract({ persons: base.persons, codes: { hospital: base.hospital }, numbers: { cost: base.cost } });
const D2 = makeExtract({
  persons: [...base.persons, 'x', 'x', 'x'],
  codes: { hospital: [...base.hospital, 'A', 'A', 'A'] },
  numbers: { cost: [...base.cost, 1000, 1000, 1000] },
});
const hospitals = PublicKeySet.fromCodeList(['A', 'B']);

function releases(extract: Extract, options: Partial<DpCrossTableOptions>, cell: Record<string, string> = {}): () => number {
  return () => {
    const t = dpCrossTable(extract, {
      dimensions: [],
      statistic: { kind: 'persons' },
      bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 },
      privacy: pureDp('0.5'),
      accountant: new BudgetAccountant({ total: pureDp(10) }),
      ...forced,
      ...options,
    }).evaluate();
    return t.released[t.indexOf(cell)]!;
  };
}

function check(name: string, a: () => number, b: () => number, epsilon: number): ReturnType<typeof privacyLoss> {
  const r = privacyLoss(histogram(N, a), histogram(N, b), N, epsilon);
  console.log(`${name}: ε = ${epsilon}, empirical max loss ${r.maxLoss.toFixed(3)}, max lower bound ${r.maxLowerBound.toFixed(3)} over ${r.binsTested} bins`);
  return r;
}

describe('stochastic DP tester: the mechanisms stay within ε', () => {
  it('person count (ε = 0.5): a person with 3 rows moves it by 1', () => {
    const r = check('persons', releases(D, {}), releases(D2, {}), 0.5);
    expect(r.binsTested).toBeGreaterThan(10);
    expect(r.violates).toBe(false);
  });

  it('row count with L∞ = 1 (ε = 0.5): bounding keeps one of the 3 rows', () => {
    const r = check('rows L∞=1', releases(D, { statistic: { kind: 'rows' } }), releases(D2, { statistic: { kind: 'rows' } }), 0.5);
    expect(r.violates).toBe(false);
  });

  it('clamped sum (ε = 1, cost in [0, 100], resolution 10): a value of 1000 counts as 100', () => {
    const sum = { statistic: { kind: 'sum' as const, measure: 'cost', lower: 0, upper: 100, resolution: 10 }, privacy: pureDp(1) };
    const r = check('sum', releases(D, sum), releases(D2, sum), 1);
    expect(r.violates).toBe(false);
  });

  it('table with margins (allLevels, ε = 1): the cell A and the grand total each stay within ε', () => {
    const opts = { dimensions: [{ column: 'hospital', keys: hospitals }], privacy: pureDp(1) };
    expect(check('cell A', releases(D, opts, { hospital: 'A' }), releases(D2, opts, { hospital: 'A' }), 1).violates).toBe(false);
    expect(check('total', releases(D, opts, {}), releases(D2, opts, {}), 1).violates).toBe(false);
  });

  it('discrete Gaussian count (ρ = 0.05): empirical Rényi-2 divergence at most 2ρ = 0.1 (plus sampling error)', () => {
    const opts = { privacy: zcdp('0.05'), accountant: new BudgetAccountant({ total: zcdp(1) }) } as const;
    const a = histogram(N, () => releases(D, { ...opts, accountant: new BudgetAccountant({ total: zcdp(1) }) })());
    const b = histogram(N, () => releases(D2, { ...opts, accountant: new BudgetAccountant({ total: zcdp(1) }) })());
    const d2 = renyi2(a, b, N);
    console.log(`gaussian: Rényi-2 ${d2.toFixed(4)} (bound 0.1)`);
    expect(d2).toBeLessThan(0.1 + 0.03);
  });

  it('partition selection (ε = 1, δ = 0.05): a key of one person is released with probability <= δ', () => {
    const e = makeExtract({ persons: ['a'], codes: { proc: ['RARE'] } });
    let released = 0;
    const runs = 40_000;
    for (let i = 0; i < runs; i++) {
      const keys = selectPartitions(e, {
        column: 'proc',
        maxPartitionsPerPerson: 1,
        privacy: approxDp(1, '0.05'),
        accountant: new BudgetAccountant({ total: approxDp(1, '0.05') }),
        ...forced,
      }).evaluate();
      if (keys.keys.length > 0) released++;
    }
    // P = q^{τ−1}/(1+q) with q = e^{−1}; τ = selectionThreshold(1, 1, 0.05). Binomial sd at p = 0.05: √(0.05·0.95/40000) = 0.0011.
    const tau = selectionThreshold(rational(1n), 1, 0.05);
    const q = Math.exp(-1);
    const exact = q ** (tau - 1) / (1 + q);
    console.log(`selection: released ${released / runs} (exact ${exact.toFixed(5)}, δ = 0.05, τ = ${tau})`);
    expect(exact).toBeLessThanOrEqual(0.05);
    expect(released / runs).toBeLessThan(0.05 + 4.5 * 0.0011);
    expect(Math.abs(released / runs - exact)).toBeLessThan(4.5 * Math.sqrt((exact * (1 - exact)) / runs) + 1e-4);
  });
});

describe('stochastic DP tester: deliberately broken mechanisms FAIL', () => {
  const rowsOf = (e: Extract): number => e.rowCount;
  const personsOf = (e: Extract): number => e.person!.personCount;

  it('noise scale halved (claims ε = 0.5, delivers 1): detected', () => {
    const broken = (e: Extract): (() => number) => {
      const noise = discreteLaplaceSampler(rational(1n), source); // correct would be 1/ε = 2
      return () => personsOf(e) + noise();
    };
    const r = check('broken: half scale', broken(D), broken(D2), 0.5);
    expect(r.violates).toBe(true);
  });

  it('no contribution bounding (row count calibrated for 1 row per person; the person has 3): detected', () => {
    const broken = (e: Extract): (() => number) => {
      const noise = discreteLaplaceSampler(rational(2n), source); // scale 1/ε for Δ = 1, but Δ is really 3
      return () => rowsOf(e) + noise();
    };
    const r = check('broken: no bounding', broken(D), broken(D2), 0.5);
    expect(r.violates).toBe(true);
  });

  it('discrete Gaussian with σ halved (ρ claimed 0.05, delivered 0.2): Rényi-2 far above 0.1', () => {
    const sigma2Right = rational(10n); // Δ²/(2ρ) = 1/(0.1) = 10
    const broken = (e: Extract): (() => number) => {
      const noise = discreteGaussianSampler(rational(sigma2Right.num, 4n), source);
      return () => personsOf(e) + noise();
    };
    const d2 = renyi2(histogram(N, broken(D)), histogram(N, broken(D2)), N);
    console.log(`broken gaussian: Rényi-2 ${d2.toFixed(4)} (true 0.4, bound 0.1)`);
    expect(d2).toBeGreaterThan(0.1 + 0.1);
  });

  it('partition selection with the threshold lowered by 3: releases a one-person key more often than δ', () => {
    const tau = selectionThreshold(rational(1n), 1, 0.05) - 3;
    const noise = discreteLaplaceSampler(rational(1n), source);
    let released = 0;
    const runs = 40_000;
    for (let i = 0; i < runs; i++) if (1 + noise() >= tau) released++;
    console.log(`broken selection: released ${released / runs} (δ = 0.05)`);
    expect(released / runs).toBeGreaterThan(0.05 + 4.5 * 0.0011);
  });

  it('the tester is not vacuous: privacy loss of a correct ε = 0.5 mechanism measured against ε = 0.25 fails', () => {
    const budget: PrivacyLoss = pureDp('0.5');
    const r = check('correct at 0.5, tested at 0.25', releases(D, { privacy: budget }), releases(D2, { privacy: budget }), 0.25);
    expect(r.violates).toBe(true);
  });
});
