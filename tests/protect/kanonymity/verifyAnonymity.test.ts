import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import { distinctLDiversity } from '../../../src/protect/kanonymity/models/distinctLDiversity.js';
import { kAnonymity } from '../../../src/protect/kanonymity/models/kAnonymity.js';
import { verifyAnonymity } from '../../../src/protect/kanonymity/verifyAnonymity.js';

describe('verifyAnonymity', () => {
  it('counts classes, suppression and violations of hand-made records', () => {
    // Classes: (20-29, F) ×2, (20-29, M) ×1, (30-39, M) ×3; one suppressed row.
    const records = {
      quasiIdentifiers: {
        age: ['20-29', '20-29', '20-29', '30-39', '30-39', '30-39', '*'],
        sex: ['F', 'F', 'M', 'M', 'M', 'M', '*'],
      },
      sensitive: ['a', 'b', 'a', 'a', 'a', 'b', 'c'],
    };
    const k2 = verifyAnonymity(records, { models: [kAnonymity(2)], suppressionLimit: 0.2 });
    // floor(0.2 × 7) = 1 suppressed allowed; (20-29, M) has 1 record < 2.
    expect(k2).toMatchObject({ passed: false, records: 7, suppressedRecords: 1, allowedSuppressed: 1, classes: 3, smallestClass: 1 });
    expect(k2.violations).toEqual([{ model: '2-anonymity', classes: 1, records: 1 }]);
    expect(k2.problems).toEqual(['1 class(es) with 1 record(s) violate 2-anonymity']);
    // Without the suppressed row allowed, two problems.
    expect(verifyAnonymity(records, { models: [kAnonymity(1)] }).problems).toEqual(['1 records are suppressed, more than the 0 allowed (floor(0 × 7))']);
    // Distinct 2-diversity: (20-29, M) has {a}: violates; (20-29, F) {a, b} and (30-39, M) {a, b} pass.
    expect(verifyAnonymity(records, { models: [distinctLDiversity(2)], suppressionLimit: 0.2 }).violations).toEqual([
      { model: 'distinct-2-diversity', classes: 1, records: 1 },
    ]);
  });

  it('counts persons once and reports persons whose rows disagree', () => {
    const records = { quasiIdentifiers: { q: ['x', 'x', 'x', 'y'] }, person: ['p', 'p', 'r', 's'] };
    // Persons: p (x), r (x), s (y): classes x with 2 persons, y with 1.
    expect(verifyAnonymity(records, { models: [kAnonymity(2)] })).toMatchObject({ records: 3, classes: 2, smallestClass: 1, passed: false });
    const split = { quasiIdentifiers: { q: ['x', 'y'] }, person: [7, 7] };
    expect(verifyAnonymity(split, { models: [kAnonymity(1)] }).problems).toEqual(["1 row(s) disagree with their person's first row (a person must be one record)"]);
  });

  it('without suppression flags, takes rows that are the suppressed label everywhere as suppressed', () => {
    const records = { quasiIdentifiers: { a: ['*', 'x', 'x'], b: ['*', 'y', 'y'] } };
    expect(verifyAnonymity(records, { models: [kAnonymity(2)], suppressionLimit: 0.5 })).toMatchObject({ passed: true, suppressedRecords: 1, classes: 1 });
    // With explicit flags the same row is a kept class of one.
    expect(verifyAnonymity({ ...records, suppressed: [0, 0, 0] }, { models: [kAnonymity(2)], suppressionLimit: 0.5 }).passed).toBe(false);
  });

  it('rejects malformed input', () => {
    expect(() => verifyAnonymity({ quasiIdentifiers: { a: ['x'], b: ['x', 'y'] } }, { models: [kAnonymity(1)] })).toThrow(/quasi-identifier 'b' has 2 entries, expected 1/);
    expect(() => verifyAnonymity({ quasiIdentifiers: { a: ['x'] } }, { models: [distinctLDiversity(2)] })).toThrow(/needs records.sensitive/);
    expect(() => verifyAnonymity({ quasiIdentifiers: {} }, { models: [kAnonymity(1)] })).toThrow(PrikkError);
    expect(() => verifyAnonymity({ quasiIdentifiers: { a: ['x'] } }, { models: [kAnonymity(1)], suppressionLimit: -1 })).toThrow(/suppressionLimit/);
  });
});
