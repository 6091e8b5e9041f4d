import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Hierarchy } from '../../../../src/hierarchy/Hierarchy.js';
import { BudgetAccountant } from '../../../../src/protect/dp/budget/BudgetAccountant.js';
import { pureDp, zcdp } from '../../../../src/protect/dp/budget/PrivacyLoss.js';
import { PublicKeySet } from '../../../../src/protect/dp/keys/PublicKeySet.js';
import { ExactDraws } from '../../../../src/protect/dp/noise/ExactDraws.js';
import { noiseHalfWidth } from '../../../../src/protect/dp/noise/NoiseDistribution.js';
import { boundedAggregates } from '../../../../src/protect/dp/queries/boundedAggregates.js';
import { DpCube } from '../../../../src/protect/dp/queries/DpCube.js';
import { dpCrossTable, type DpCrossTableOptions } from '../../../../src/protect/dp/queries/dpCrossTable.js';
import { levelSensitivity } from '../../../../src/protect/dp/queries/levelSensitivity.js';
import { fixedPoint } from '../../../../src/protect/dp/bounding/FixedPoint.js';
import { rational } from '../../../../src/protect/dp/rational/Rational.js';
import { seededRandomSource } from '../../../../src/random/seededRandomSource.js';
import type { NumberColumn } from '../../../../src/read/Extract.js';
import { makeExtract } from '../helpers/makeExtract.js';

// Hospitals A, B in region R1; C, D in region R2 (D has no rows: a public key that must still be released).
const hospitals = Hierarchy.fromParents('Norway', ['A', 'B', 'C', 'D', 'R1', 'R2', 'Norway'], [4, 4, 5, 5, 6, 6, -1]);
const hospitalKeys = PublicKeySet.fromHierarchy(hospitals);
const sexKeys = PublicKeySet.fromCodeList(['1', '2']);

// p1 (A,1); p2 (A,1) twice; p3 (B,2); p4 (C,1) and (A,1); p5 (C,2); p6 in hospital X, which is not a public key.
const extract = makeExtract({
  persons: ['p1', 'p2', 'p2', 'p3', 'p4', 'p4', 'p5', 'p6'],
  codes: {
    hospital: ['A', 'A', 'A', 'B', 'C', 'A', 'C', 'X'],
    sex: ['1', '1', '1', '2', '1', '1', '2', '1'],
  },
  numbers: { los: [3, 5, 7, 2, 40, 1, 4, 9] },
});

const seeded = (name: string): Pick<DpCrossTableOptions, 'random' | 'insecureRandomForTesting'> => ({
  random: seededRandomSource(name),
  insecureRandomForTesting: `seeded(${name})`,
});

/** ε so large that the discrete Laplace scale is ~1e-9: P(noise ≠ 0) < e^{−10^8}, so the release is the exact value. */
const NOISELESS = pureDp('1e9');

function table(options: Partial<DpCrossTableOptions>, name = 'exact') {
  return dpCrossTable(extract, {
    dimensions: [
      { column: 'hospital', keys: hospitalKeys },
      { column: 'sex', keys: sexKeys },
    ],
    statistic: { kind: 'persons' },
    bounds: { maxPartitionsPerPerson: 2, maxRowsPerPartition: 2 },
    privacy: NOISELESS,
    accountant: new BudgetAccountant({ total: pureDp('1e10') }),
    ...seeded(name),
    ...options,
  }).evaluate();
}

describe('dpCrossTable: values (noise made negligible)', () => {
  it('counts distinct persons in every cell and margin, every public key included (hand counts in the comments)', () => {
    const t = table({});
    const at = (coords: Record<string, string>): number => t.released[t.indexOf(coords)]!;
    expect(at({ hospital: 'A', sex: '1' })).toBe(3); // p1, p2, p4
    expect(at({ hospital: 'D', sex: '1' })).toBe(0); // public key without rows, released
    expect(at({ hospital: 'R1' })).toBe(4); // p1, p2, p3, p4
    expect(at({ hospital: 'R2' })).toBe(2); // p4, p5
    expect(at({ sex: '1' })).toBe(3); // p1, p2, p4 (p4 once, though in two hospitals)
    expect(at({})).toBe(5); // p6 is in hospital X, not a key: dropped
    expect(t.consistent).toBe(false); // distinct persons with L0 = 2 are not additive
    expect(t.cellCount).toBe(7 * 3);
    expect([...t.postProcessed].every((m) => m === 0)).toBe(true);
  });

  it('counts rows, and with L0 = L∞ = 1 keeps exactly one row per person', () => {
    const rows = table({ statistic: { kind: 'rows' } });
    expect(rows.released[rows.indexOf({})]).toBe(7); // 1 + 2 + 1 + 2 + 1
    expect(rows.released[rows.indexOf({ hospital: 'A', sex: '1' })]).toBe(4); // p1, p2 ×2, p4
    expect(rows.consistent).toBe(true);
    const bounded = table({ statistic: { kind: 'rows' }, bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 } }, 'b');
    expect(bounded.released[bounded.indexOf({})]).toBe(5); // 5 persons, one row each
    const persons = table({ bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 } }, 'c');
    expect(persons.consistent).toBe(true); // L0 = 1: persons are additive
    expect(persons.released[persons.indexOf({})]).toBe(5);
  });

  it('sums a clamped measure in fixed point: los clamped to [0, 10] at resolution 1', () => {
    const t = table({ statistic: { kind: 'sum', measure: 'los', lower: 0, upper: 10, resolution: 1 } });
    // (A,1): 3 + 5 + 7 + 1 = 16; (C,1): 40 clamped to 10; (B,2) 2; (C,2) 4. Total 32.
    expect(t.released[t.indexOf({ hospital: 'A', sex: '1' })]).toBe(16);
    expect(t.released[t.indexOf({ hospital: 'C', sex: '1' })]).toBe(10);
    expect(t.released[t.indexOf({})]).toBe(32);
  });

  it('releases means as noisy sum / noisy count', () => {
    const t = table({ statistic: { kind: 'mean', measure: 'los', lower: 0, upper: 10, resolution: 1 } });
    expect(t.released[t.indexOf({})]).toBeCloseTo(32 / 7, 12);
    expect(t.released[t.indexOf({ hospital: 'D' })]).toBe(5); // no rows: the midpoint of [0, 10]
    expect(Number.isNaN(t.ciLower[0]!)).toBe(true);
  });

  it('releases the grand total alone when there are no dimensions', () => {
    const t = table({ dimensions: [] });
    expect(t.cellCount).toBe(1);
    expect(t.released[0]).toBe(6); // p1..p6: without a hospital dimension nobody is dropped
  });

  it('applies the filter before counting', () => {
    const t = table({ filter: { column: 'sex', in: ['2'] } });
    expect(t.released[t.indexOf({})]).toBe(2);
  });
});

describe('dpCrossTable: noise, budget and the mechanism', () => {
  it('spends the budget once, splits it equally over the 6 levels, and refuses a second evaluation', () => {
    const accountant = new BudgetAccountant({ total: pureDp(1) });
    const q = dpCrossTable(extract, {
      dimensions: [
        { column: 'hospital', keys: hospitalKeys },
        { column: 'sex', keys: sexKeys },
      ],
      statistic: { kind: 'rows' },
      bounds: { maxPartitionsPerPerson: 2, maxRowsPerPartition: 3 },
      privacy: pureDp('0.6'),
      accountant,
      ...seeded('budget'),
    });
    expect(accountant.spent).toEqual(pureDp(0));
    const t = q.evaluate();
    expect(accountant.spent).toEqual(pureDp('0.6'));
    expect(() => q.evaluate()).toThrow(expect.objectContaining({ code: 'ALREADY_EVALUATED' }));
    // 3 hospital depths × 2 sex depths = 6 levels, ε = 0.1 each; L1 = L0·L∞ = 6 → scale 60 at every level.
    expect(t.noise).toHaveLength(6);
    for (const l of t.noise) {
      expect(l.loss).toEqual(pureDp('0.1'));
      expect(l.distribution).toEqual({ kind: 'laplace', scale: rational(60n) });
    }
    // Released: consistent non-negative whole numbers.
    for (let c = 0; c < t.cellCount; c++) {
      expect(Number.isInteger(t.released[c])).toBe(true);
      expect(t.released[c]).toBeGreaterThanOrEqual(0);
    }
    const total = t.released[t.indexOf({})]!;
    const byHospital = ['A', 'B', 'C', 'D'].reduce((s, h) => s + t.released[t.indexOf({ hospital: h })]!, 0);
    expect(byHospital).toBe(total);
    // Intervals: noisy ± the exact discrete Laplace half-width, clipped at 0.
    const hw = noiseHalfWidth({ kind: 'laplace', scale: rational(60n) }, 0.95);
    const i = t.indexOf({ hospital: 'A', sex: '1' });
    expect(t.ciUpper[i]).toBe(t.noisy[i]! + hw);
    expect(t.ciLower[i]).toBe(Math.max(0, t.noisy[i]! - hw));
  });

  it('calibrates the discrete Gaussian per level to the level L2 sensitivity (ρ = 0.6, 6 levels)', () => {
    const t = table({ statistic: { kind: 'rows' }, privacy: zcdp('0.6'), accountant: new BudgetAccountant({ total: zcdp(1) }) }, 'g');
    // Finest level: L2² = L0·L∞² = 2·4 = 8 → σ² = 8 / (2 · 0.1) = 40. Margins (span >= 2): L2² = (L0·L∞)² = 16 → σ² = 80.
    const finest = t.noise.find((l) => l.depths[0] === 2 && l.depths[1] === 1)!;
    expect(finest.distribution).toEqual({ kind: 'gaussian', sigma2: rational(40n) });
    const total = t.noise.find((l) => l.depths[0] === 0 && l.depths[1] === 0)!;
    expect(total.distribution).toEqual({ kind: 'gaussian', sigma2: rational(80n) });
  });

  it('with finestOnly, noises the finest cells with the whole budget and derives margins', () => {
    const t = table({ statistic: { kind: 'rows' }, privacy: pureDp(1), margins: 'finestOnly' }, 'f');
    expect(t.noise).toHaveLength(1);
    expect(t.noise[0]!.distribution).toEqual({ kind: 'laplace', scale: rational(4n) });
    // Margins are sums of the finest cells, in the noisy and the released values.
    const sumNoisy = ['A', 'B', 'C', 'D'].flatMap((h) => ['1', '2'].map((s) => t.noisy[t.indexOf({ hospital: h, sex: s })]!)).reduce((a, b) => a + b, 0);
    expect(t.noisy[t.indexOf({})]).toBe(sumNoisy);
    expect(t.sd[t.indexOf({})]).toBeCloseTo(Math.sqrt(8) * t.sd[t.indexOf({ hospital: 'A', sex: '1' })]!, 9);
  });

  it('refuses to overspend before reading any row', () => {
    const accountant = new BudgetAccountant({ total: pureDp('0.5') });
    const q = dpCrossTable(extract, { dimensions: [], statistic: { kind: 'persons' }, bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 }, privacy: pureDp(1), accountant, ...seeded('x') });
    expect(() => q.evaluate()).toThrow(/requests ε = 1 but only ε = 1\/2 \(0\.5\) of ε = .* remains/);
    expect(q.evaluated).toBe(false);
  });
});

describe('dpCrossTable: validation before any data is touched', () => {
  const base: DpCrossTableOptions = {
    dimensions: [{ column: 'hospital', keys: hospitalKeys }],
    statistic: { kind: 'persons' },
    bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 },
    privacy: pureDp(1),
    accountant: new BudgetAccountant({ total: pureDp(1) }),
    ...seeded('v'),
  };
  it('requires the contribution bounds', () => {
    expect(() => dpCrossTable(extract, { ...base, bounds: undefined as never })).toThrow(/bounds is required/);
    expect(() => dpCrossTable(extract, { ...base, bounds: { maxPartitionsPerPerson: 0, maxRowsPerPartition: 1 } })).toThrow(
      /bounds.maxPartitionsPerPerson: expected a whole number/,
    );
  });
  it('refuses keys that are not a PublicKeySet or SelectedKeySet (keys found in the data)', () => {
    expect(() => dpCrossTable(extract, { ...base, dimensions: [{ column: 'hospital', keys: { keys: ['A'] } as never }] })).toThrow(
      /keys found in the data are not public/,
    );
  });
  it('refuses an insecure random source, an extract without persons, unknown columns and options', () => {
    expect(() => dpCrossTable(extract, { ...base, insecureRandomForTesting: undefined })).toThrow(/is not secure/);
    expect(() => dpCrossTable({ ...extract, person: undefined }, base)).toThrow(/needs a person column/);
    expect(() => dpCrossTable(extract, { ...base, dimensions: [{ column: 'nope', keys: sexKeys }] })).toThrow(/no column 'nope'/);
    expect(() => dpCrossTable(extract, { ...base, epsilon: 1 } as never)).toThrow(/unknown option 'epsilon'/);
    expect(() => dpCrossTable(extract, { ...base, privacy: zcdp(1, '1e-6') })).toThrow(/give δ = 0/);
    expect(() => dpCrossTable(extract, { ...base, statistic: { kind: 'sum', measure: 'los', lower: 0, upper: 10, resolution: 3 } })).toThrow(
      /whole multiples of the resolution/,
    );
  });
});

describe('sensitivity under contribution bounding (property)', () => {
  const cube = new DpCube([
    { name: 'hospital', hierarchy: hospitals },
    { name: 'sex', hierarchy: sexKeys.hierarchy },
  ]);
  const row = fc.record({ h: fc.constantFrom('A', 'B', 'C', 'D'), s: fc.constantFrom('1', '2'), v: fc.integer({ min: -20, max: 60 }) });
  const personRows = fc.array(row, { minLength: 1, maxLength: 7 });

  it('adding one person changes every level by at most its declared L1 and L2² sensitivity (persons, rows, sums)', () => {
    fc.assert(
      fc.property(
        fc.array(personRows, { minLength: 0, maxLength: 12 }),
        personRows,
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (others, added, l0, linf, seed) => {
          const build = (groups: (typeof added)[]) => {
            const persons: string[] = [];
            const h: string[] = [];
            const s: string[] = [];
            const v: number[] = [];
            groups.forEach((rows, p) =>
              rows.forEach((r) => {
                persons.push(`p${p}`);
                h.push(r.h);
                s.push(r.s);
                v.push(r.v);
              }),
            );
            return makeExtract({ persons, codes: { hospital: h, sex: s }, numbers: { v } });
          };
          const fp = fixedPoint({ lower: -10, upper: 50, resolution: 1 }, 'test');
          const run = (groups: (typeof added)[]) => {
            const e = build(groups);
            return boundedAggregates({
              extract: e,
              cube,
              dimensions: [
                { name: 'hospital', column: e.columns.get('hospital')! },
                { name: 'sex', column: e.columns.get('sex')! },
              ],
              mask: undefined,
              measure: e.columns.get('v') as NumberColumn,
              fixedPoint: fp,
              bounds: { maxPartitionsPerPerson: l0, maxRowsPerPartition: linf },
              // Same seed: the persons before the added one draw the same random choices.
              draws: new ExactDraws(seededRandomSource(`sens-${seed}`)),
            });
          };
          const without = run(others);
          const withOne = run([...others, added]);
          for (const [kind, a, b, c] of [
            ['persons', without.persons, withOne.persons, 1n],
            ['rows', without.rows, withOne.rows, BigInt(linf)],
            ['sum', without.sums!, withOne.sums!, BigInt(linf * 50)],
          ] as const) {
            for (let l = 0; l < cube.levelCount; l++) {
              const sens = levelSensitivity(kind === 'persons' ? 'persons' : 'additive', l0, c, cube.levelSpan[l]!);
              let l1 = 0;
              let l2 = 0;
              for (let cell = 0; cell < cube.cellCount; cell++) {
                if (cube.levelOf[cell] !== l) continue;
                const d = Math.abs(b[cell]! - a[cell]!);
                l1 += d;
                l2 += d * d;
              }
              if (l1 > Number(sens.l1) || l2 > Number(sens.l2Squared)) return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 150 },
    );
  });
});
