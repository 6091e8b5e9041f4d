import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import { hierarchyFromArx } from '../../../src/hierarchy/hierarchyFromArx.js';
import { anonymise } from '../../../src/protect/kanonymity/anonymise.js';
import { distinctLDiversity } from '../../../src/protect/kanonymity/models/distinctLDiversity.js';
import { entropyLDiversity } from '../../../src/protect/kanonymity/models/entropyLDiversity.js';
import { kAnonymity } from '../../../src/protect/kanonymity/models/kAnonymity.js';
import { anonymisedTable } from '../../../src/protect/kanonymity/output/anonymisedTable.js';
import { verifyAnonymity } from '../../../src/protect/kanonymity/verifyAnonymity.js';
import { intervalHierarchy } from '../../../src/hierarchy/intervalHierarchy.js';
import { readRows } from '../../../src/read/readRows.js';
import { encodeRows } from './helpers/adult.js';

/**
 * The tiny example worked by hand (see each expectation):
 *   age hierarchy: 1,2 → 1-2; 3,4 → 3-4; → * (|H| = 4 leaves, 3 levels)
 *   sex hierarchy: M, F → *               (|H| = 2 leaves, 2 levels)
 *   records (age, sex): (1,M) (2,M) (3,F) (4,F) (4,M); N = 5; k = 2.
 * The 6 transformations (age level, sex level):
 *   (0,0) all 5 classes of size 1 → 5 suppressed.       (0,1) ages 1, 2, 3 alone → 3 suppressed.
 *   (1,0) (1-2,M):2 (3-4,F):2 (3-4,M):1 → 1 suppressed.  (1,1) (1-2):2 (3-4):3 → 0 suppressed.
 *   (2,0) M:3 F:2 → 0 suppressed.                         (2,1) one class of 5.
 * Loss (ARX): raw_j = Σ_kept leavesUnder/|H_j| + suppressed; norm_j = (raw_j − N/|H_j|)/(N − N/|H_j|);
 *   (1,0): age raw = 4·(2/4) + 1 = 3 → norm = (3 − 1.25)/3.75 = 7/15; sex raw = 4·(1/2) + 1 = 3 → norm = 0.5/2.5 = 1/5;
 *          Loss = sqrt((1 + 7/15)(1 + 1/5)) − 1 = sqrt(1.76) − 1 = 0.3266499...
 *   (1,1): age raw = 5·(2/4) = 2.5 → norm 1/3; sex raw = 5·1 = 5 → norm 1; Loss = sqrt(4/3 · 2) − 1 = 0.6329931...
 *   (2,0): age norm 1; sex raw = 2.5 → norm 0; Loss = sqrt(2) − 1 = 0.4142135...
 *   (2,1): Loss = sqrt(2 · 2) − 1 = 1.
 * Discernibility: (1,0) 2² + 2² + 1·5 = 13; (1,1) 2² + 3² = 13; (2,0) 3² + 2² = 13; (2,1) 25.
 * Average class size: (1,0) 5/(2 + 1) = 5/3; (1,1) and (2,0) 5/2; (2,1) 5.
 */
const AGE = hierarchyFromArx('1;1-2;*\n2;1-2;*\n3;3-4;*\n4;3-4;*\n');
const SEX = hierarchyFromArx('M;*\nF;*\n');
const TINY = encodeRows(['age', 'sex', 'diagnosis'], [
  ['1', 'M', 'a'],
  ['2', 'M', 'b'],
  ['3', 'F', 'a'],
  ['4', 'F', 'b'],
  ['4', 'M', 'a'],
]);
const QIS = [
  { column: 'age', hierarchy: AGE },
  { column: 'sex', hierarchy: SEX },
];

describe('anonymise on the hand-computed example', () => {
  it('with one record allowed suppressed (limit 0.2), Loss picks (1,0) with Loss 0.32665', () => {
    const r = anonymise(TINY, { quasiIdentifiers: QIS, models: [kAnonymity(2)], suppressionLimit: 0.2 });
    expect(r.levels).toEqual([1, 0]);
    expect(r.summary.levels).toEqual({ age: 1, sex: 0 });
    expect(r.summary.metrics.loss).toBeCloseTo(Math.sqrt(1.76) - 1, 12);
    expect(r.summary.metrics.discernibility).toBe(13);
    expect(r.summary.metrics.height).toBe(1);
    expect(r.summary.metrics.averageClassSize).toBeCloseTo(5 / 3, 12);
    expect(r.summary).toMatchObject({ records: 5, rows: 5, suppressedRecords: 1, suppressedRows: 1, allowedSuppressed: 1, classes: 2, minClassSize: 2, averageClassSize: 2 });
    expect(r.records.toRows()).toEqual([
      { age: '1-2', sex: 'M' },
      { age: '1-2', sex: 'M' },
      { age: '3-4', sex: 'F' },
      { age: '3-4', sex: 'F' },
      { age: '*', sex: '*' },
    ]);
    expect(Array.from(r.records.suppressed)).toEqual([0, 0, 0, 0, 1]);
    expect(r.search.strategy).toBe('optimal');
    expect(r.search.latticeSize).toBe(6);
    expect(verifyAnonymity(r.records, { models: [kAnonymity(2)], suppressionLimit: 0.2 }).passed).toBe(true);
  });

  it('without suppression, Loss picks (2,0) (0.41421 < 0.63299 at (1,1))', () => {
    const r = anonymise(TINY, { quasiIdentifiers: QIS, models: [kAnonymity(2)] });
    expect(r.levels).toEqual([2, 0]);
    expect(r.summary.metrics.loss).toBeCloseTo(Math.SQRT2 - 1, 12);
    expect(r.summary.suppressedRecords).toBe(0);
  });

  it('discernibility ties at 13 are broken by height, then lattice order', () => {
    // With suppression, (1,0) (height 1) beats (1,1) and (2,0) (height 2), all at 13.
    expect(anonymise(TINY, { quasiIdentifiers: QIS, models: [kAnonymity(2)], suppressionLimit: 0.2, metric: 'discernibility' }).levels).toEqual([1, 0]);
    // Without, (1,1) and (2,0) tie at 13 and height 2: (1,1) comes first in lattice order (age most significant).
    expect(anonymise(TINY, { quasiIdentifiers: QIS, models: [kAnonymity(2)], metric: 'discernibility' }).levels).toEqual([1, 1]);
  });

  it('height and average class size', () => {
    expect(anonymise(TINY, { quasiIdentifiers: QIS, models: [kAnonymity(2)], suppressionLimit: 0.2, metric: 'height' }).levels).toEqual([1, 0]);
    const aecs = anonymise(TINY, { quasiIdentifiers: QIS, models: [kAnonymity(2)], suppressionLimit: 0.2, metric: 'average-class-size' });
    expect(aecs.levels).toEqual([1, 0]);
    expect(aecs.summary.metrics.averageClassSize).toBeCloseTo(5 / 3, 12);
  });

  it('keeps the sensitive attribute as is and applies l-diversity', () => {
    // distinct 2-diversity on diagnosis: at (1,0) the class (3-4,F) has a, b; (1-2,M) has a, b; fine.
    const r = anonymise(TINY, { quasiIdentifiers: QIS, sensitive: 'diagnosis', models: [kAnonymity(2), distinctLDiversity(2)], suppressionLimit: 0.2 });
    expect(r.levels).toEqual([1, 0]);
    expect(r.records.row(0)).toEqual({ age: '1-2', sex: 'M', diagnosis: 'a' });
    expect(r.records.row(4)).toEqual({ age: '*', sex: '*', diagnosis: 'a' });
    expect(r.summary.models).toEqual(['2-anonymity', 'distinct-2-diversity']);
  });

  it('counts persons, not rows, and generalises every row of a person alike', () => {
    // Rows 0 and 1 are one person p0 (same values): the records are TINY's 5 persons, p0 (1,M), p1 (3,F),
    // p2 (4,F), p3 (4,M), p4 (2,M), so the choice is TINY's; counted in rows, (1-2,M) would hold 3.
    const rows = [
      ['1', 'M', 'a'],
      ['1', 'M', 'a'],
      ['3', 'F', 'a'],
      ['4', 'F', 'b'],
      ['4', 'M', 'a'],
      ['2', 'M', 'b'],
    ];
    const input = encodeRows(['age', 'sex', 'diagnosis'], rows, Uint32Array.of(0, 0, 1, 2, 3, 4));
    const r = anonymise(input, { quasiIdentifiers: QIS, models: [kAnonymity(2)], suppressionLimit: 0.2 });
    // Persons as in TINY: the same choice, (1,0), with person p3 suppressed (1 of 5 persons).
    expect(r.levels).toEqual([1, 0]);
    expect(r.summary).toMatchObject({ records: 5, rows: 6, suppressedRecords: 1, suppressedRows: 1 });
    expect(r.records.row(0)).toEqual(r.records.row(1));
    const report = verifyAnonymity(r.records, { models: [kAnonymity(2)], suppressionLimit: 0.2 });
    expect(report).toMatchObject({ passed: true, records: 5, suppressedRecords: 1 });
  });

  it('refuses persons whose rows disagree on a quasi-identifier, without naming them', () => {
    const input = encodeRows(['age', 'sex'], [['1', 'M'], ['2', 'M'], ['3', 'F']], Uint32Array.of(0, 0, 1));
    const error = (() => {
      try {
        anonymise(input, { quasiIdentifiers: QIS, models: [kAnonymity(1)] });
      } catch (e) {
        return e as PrikkError;
      }
      throw new Error('expected an error');
    })();
    expect(error).toBeInstanceOf(PrikkError);
    expect(error.code).toBe('INVALID_VALUE');
    expect(error.message).toMatch(/1 person\(s\) have rows that disagree .* \(first on 'age'\)/);
  });

  it('builds a k-anonymous table over the generalised quasi-identifiers', () => {
    const r = anonymise(TINY, { quasiIdentifiers: QIS, models: [kAnonymity(2)], suppressionLimit: 0.2 });
    const t = anonymisedTable(r);
    expect(t.dimensions.map((d) => d.name)).toEqual(['age', 'sex']);
    expect(t.dimensions[0]!.hierarchy.toJSON()).toEqual({ '*': ['1-2', '3-4'] });
    // Kept records: (1-2,M) ×2, (3-4,F) ×2; the suppressed (4,M) is in no cell, not even the total.
    expect(t.counts[t.indexOf({ age: '1-2', sex: 'M' })]).toBe(2);
    expect(t.counts[t.indexOf({ age: '3-4', sex: 'F' })]).toBe(2);
    expect(t.counts[t.indexOf({ age: '3-4', sex: 'M' })]).toBe(0);
    expect(t.counts[t.indexOf({ sex: 'M' })]).toBe(2);
    expect(t.counts[t.indexOf({})]).toBe(4);
    expect(t.reconciliation).toEqual({ source: 'anonymisation', rowsRead: 5, rowsUsed: 4, excluded: { suppressed: 1 } });
    const bySex = anonymisedTable(r, { dimensions: ['sex'] });
    expect(Array.from(bySex.counts)).toEqual([2, 2, 4]);
    expect(() => anonymisedTable(r, { dimensions: ['height'] })).toThrow(/'height' is not a quasi-identifier/);
  });

  it('uses the heuristic above maxLatticeSize and says so', () => {
    const r = anonymise(TINY, { quasiIdentifiers: QIS, models: [kAnonymity(2)], suppressionLimit: 0.2, maxLatticeSize: 5 });
    expect(r.search.strategy).toBe('heuristic');
    expect(r.search.tagging).toBe('none');
    // Greedy descent from (2,1): (1,1) Loss 0.633 and (2,0) 0.414 → (2,0); then (1,0) 0.327 → (1,0); then (0,0)
    // is inadmissible: stop at (1,0), which here is the optimum.
    expect(r.levels).toEqual([1, 0]);
    expect(verifyAnonymity(r.records, { models: [kAnonymity(2)], suppressionLimit: 0.2 }).passed).toBe(true);
  });

  it('does not tag predictively where a model is not monotone (entropy l-diversity with suppression)', () => {
    // value a,b → P; c,d → Q; → *. Sensitive: a {x,y}, b {x}, c {x,y}, d {x,y}; 7 records, 1 may be suppressed.
    // Level 0: only b's class violates entropy 2-diversity (H = 0 < 1): 1 suppressed, admissible.
    // Level 1: P = {x,y,x} has H = 0.918 < 1 and 3 records: inadmissible, although level 0 is admissible.
    // Level 2: {x×4, y×3} has H = 0.985 < 1: inadmissible. Tagging level 0 from level 1 would find nothing.
    const h = hierarchyFromArx('a;P;*\nb;P;*\nc;Q;*\nd;Q;*\n');
    const rows = [['a', 'x'], ['a', 'y'], ['b', 'x'], ['c', 'x'], ['c', 'y'], ['d', 'x'], ['d', 'y']];
    const input = encodeRows(['v', 's'], rows);
    for (const metric of ['loss', 'height'] as const) {
      const r = anonymise(input, { quasiIdentifiers: [{ column: 'v', hierarchy: h }], sensitive: 's', models: [entropyLDiversity(2)], suppressionLimit: 1 / 7, metric });
      expect(r.levels).toEqual([0]);
      expect(r.search.tagging).toBe('by-class-size');
      expect(r.summary.suppressedRecords).toBe(1);
    }
  });

  it('reads numeric columns through interval hierarchies (an extract from readRows)', () => {
    // Ages 3, 7, 12, 18, 41, 44; the hierarchy's leaves are 10-year bands (the value's band is its leaf), under
    // 50-year bands. k = 2 without suppression: at level 0 every occupied band (0-9, 10-19, 40-49) holds 2 records.
    const extract = readRows(
      [3, 7, 12, 18, 41, 44].map((age) => ({ age })),
      { columns: [{ name: 'age', role: 'dimension', type: 'integer' }] },
    );
    const age = intervalHierarchy({ min: 0, max: 100, width: 10, levels: [50] });
    const r = anonymise(extract, { quasiIdentifiers: [{ column: 'age', hierarchy: age }], models: [kAnonymity(2)] });
    expect(r.levels).toEqual([0]);
    expect(r.records.toRows().map((row) => row.age)).toEqual(['0-9', '0-9', '10-19', '10-19', '40-49', '40-49']);
    // k = 3: 10-year bands fail (2 each); 50-year bands: 0-49 holds all 6.
    const r3 = anonymise(extract, { quasiIdentifiers: [{ column: 'age', hierarchy: age }], models: [kAnonymity(3)] });
    expect(r3.levels).toEqual([1]);
    expect(r3.records.row(0)).toEqual({ age: '0-49' });
  });

  it('throws when no transformation is admissible', () => {
    expect(() => anonymise(TINY, { quasiIdentifiers: QIS, models: [kAnonymity(6)] })).toThrow(/no transformation satisfies 6-anonymity with at most 0 of 5 records suppressed/);
    // 5 records may all be suppressed with limit 1: the top node is then admissible.
    expect(anonymise(TINY, { quasiIdentifiers: QIS, models: [kAnonymity(6)], suppressionLimit: 1 }).summary.suppressedRecords).toBe(5);
  });

  it('validates options before reading data', () => {
    const bad = (options: object, pattern: RegExp) => expect(() => anonymise(TINY, options as never)).toThrow(pattern);
    bad({ quasiIdentifiers: [], models: [kAnonymity(2)] }, /quasiIdentifiers must be a non-empty array/);
    bad({ quasiIdentifiers: QIS, models: [] }, /models must be a non-empty array/);
    bad({ quasiIdentifiers: QIS, models: [{ kind: 'k-anonymity', k: 0 }] }, /models\[0\]: k must be an integer >= 1/);
    bad({ quasiIdentifiers: QIS, models: [distinctLDiversity(2)] }, /reads a sensitive attribute: give options.sensitive/);
    bad({ quasiIdentifiers: QIS, models: [kAnonymity(2)], suppressionLimit: 2 }, /suppressionLimit must be a number in \[0, 1\]/);
    bad({ quasiIdentifiers: QIS, models: [kAnonymity(2)], metric: 'entropy' }, /metric must be one of loss, discernibility, height, average-class-size/);
    bad({ quasiIdentifiers: [QIS[0], QIS[0]], models: [kAnonymity(2)] }, /the column 'age' appears twice/);
    bad({ quasiIdentifiers: [{ column: 'weight', hierarchy: AGE }], models: [kAnonymity(2)] }, /the extract has no column 'weight'/);
    const odd = encodeRows(['age', 'sex'], [['5', 'M']]);
    expect(() => anonymise(odd, { quasiIdentifiers: QIS, models: [kAnonymity(1)] })).toThrow(/the value '5' of column 'age' is not a leaf of its hierarchy/);
  });
});
