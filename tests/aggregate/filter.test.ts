import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../src/aggregate/compileFilter.js';
import { describeFilter } from '../../src/aggregate/describeFilter.js';
import type { Filter } from '../../src/aggregate/Filter.js';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { makeExtract } from './helpers.js';

describe('describeFilter', () => {
  const cases: [Filter, string][] = [
    [{ column: 'age', range: { min: 65 } }, 'age >= 65'],
    [{ column: 'age', range: { max: 17 } }, 'age <= 17'],
    [{ column: 'year', range: { min: 2023, max: 2025 } }, '2023 <= year <= 2025'],
    [{ column: 'sex', in: ['2'] }, 'sex = 2'],
    [{ column: 'year', in: [2023, '2024'] }, 'year in (2023, 2024)'],
    [{ column: 'icd10', prefix: 'S72' }, 'icd10 prefix S72'],
    [{ column: 'icd10', prefix: ['S72', 'S73'] }, 'icd10 prefix (S72, S73)'],
    [{ and: [{ column: 'age', range: { min: 65 } }, { column: 'icd10', prefix: 'S72' }] }, 'age >= 65 and icd10 prefix S72'],
    [{ and: [{ column: 'a', in: ['1'] }] }, 'a = 1'],
    [
      { or: [{ column: 'sex', in: ['2'] }, { and: [{ column: 'a', in: ['1'] }, { column: 'b', in: ['2'] }] }] },
      'sex = 2 or (a = 1 and b = 2)',
    ],
    [{ and: [{ and: [{ column: 'a', in: ['1'] }, { column: 'b', in: ['2'] }] }, { column: 'c', in: ['3'] }] }, 'a = 1 and b = 2 and c = 3'],
    [{ not: { or: [{ column: 'a', in: ['1'] }, { column: 'b', in: ['2'] }] } }, 'not (a = 1 or b = 2)'],
    [{ column: 'date', range: { min: '2023-01-01' } }, 'date >= 2023-01-01'],
  ];
  for (const [filter, text] of cases) it(text, () => expect(describeFilter(filter)).toBe(text));

  const bad: [unknown, RegExp][] = [
    [{}, /one of the keys 'and', 'or', 'not' or 'column'/],
    [{ and: [] }, /filter.and: expected a non-empty array/],
    [{ or: [{ column: 'a', in: [] }] }, /filter.or\[0\].in: expected a non-empty array of values/],
    [{ column: 'a', range: {} }, /range: expected a 'min', a 'max' or both/],
    [{ column: 'a', range: { min: Infinity } }, /range.min: expected a finite number/],
    [{ column: 'a', in: ['1'], prefix: 'x' }, /exactly one of 'range', 'in', 'prefix'/],
    [{ column: 'a', prefix: [''] }, /prefix\[0\]: expected a non-empty string/],
    [{ and: [{ column: 'a', in: ['1'] }], or: [] }, /only the key 'and'/],
    [{ column: 'a', in: ['1'], typo: 1 }, /no other keys than 'column' and 'in', got 'typo'/],
    [[], /expected a filter object, got an array/],
  ];
  for (const [filter, message] of bad) {
    it(`rejects ${JSON.stringify(filter)}`, () => {
      expect(() => describeFilter(filter as Filter)).toThrow(PrikkError);
      expect(() => describeFilter(filter as Filter)).toThrow(message);
    });
  }
});

describe('compileFilter', () => {
  // 2023-01-01 is day 19358 since 1970-01-01 (53 years with 13 leap days: 53 × 365 + 13).
  const rows = [
    { icd10: 'S72.0', sex: '1', age: 80, year: 2023, date: 19358 },
    { icd10: 'S72.1', sex: '2', age: 64, year: 2024, date: 19357 },
    { icd10: 'S73', sex: '2', age: 65, year: 2025, date: 19723 },
    { icd10: 'M16', sex: '1', age: 90, year: 2022, date: 20000 },
  ];
  const e = makeExtract(
    {
      icd10: { kind: 'code' },
      sex: { kind: 'code', codes: ['1', '2'] },
      age: { kind: 'number', type: 'integer' },
      year: { kind: 'number', type: 'year' },
      date: { kind: 'number', type: 'date' },
    },
    rows,
  );
  const mask = (f: Filter) => [...compileFilter(f, e).mask()];

  it('ranges are inclusive at both ends', () => {
    expect(mask({ column: 'age', range: { min: 65 } })).toEqual([1, 0, 1, 1]);
    expect(mask({ column: 'age', range: { min: 64, max: 80 } })).toEqual([1, 1, 1, 0]);
  });
  it('reads ISO dates for date columns', () => {
    expect(mask({ column: 'date', range: { min: '2023-01-01' } })).toEqual([1, 0, 1, 1]);
    expect(mask({ column: 'date', range: { max: '2023-12-31' } })).toEqual([1, 1, 0, 0]); // 2023-12-31 = 19722
  });
  it('compares numbers as numbers in `in`', () => {
    expect(mask({ column: 'year', in: ['2023', 2025, '2025.0'] })).toEqual([1, 0, 1, 0]);
  });
  it('matches code prefixes and code sets', () => {
    expect(mask({ column: 'icd10', prefix: 'S72' })).toEqual([1, 1, 0, 0]);
    expect(mask({ column: 'icd10', prefix: ['S7', 'M'] })).toEqual([1, 1, 1, 1]);
    expect(mask({ column: 'icd10', in: ['S73', 'X99'] })).toEqual([0, 0, 1, 0]);
  });
  it('combines with and / or / not (folded per column or not)', () => {
    // Same column: folded into one lookup table.
    expect(mask({ and: [{ column: 'icd10', prefix: 'S7' }, { not: { column: 'icd10', in: ['S72.1'] } }] })).toEqual([1, 0, 1, 0]);
    // Mixed columns: the feasibility cohort "aged 65+, S72.x, 2023-2025".
    expect(
      mask({ and: [{ column: 'age', range: { min: 65 } }, { column: 'icd10', prefix: 'S72' }, { column: 'year', range: { min: 2023, max: 2025 } }] }),
    ).toEqual([1, 0, 0, 0]);
    expect(mask({ or: [{ column: 'sex', in: ['2'] }, { column: 'age', range: { min: 85 } }] })).toEqual([0, 1, 1, 1]);
    expect(mask({ not: { or: [{ column: 'sex', in: ['2'] }, { column: 'age', range: { min: 85 } }] } })).toEqual([1, 0, 0, 0]);
  });
  it('describes itself', () => {
    expect(compileFilter({ column: 'age', range: { min: 65 } }, e).description).toBe('age >= 65');
  });

  const bad: [Filter, string, RegExp][] = [
    [{ column: 'nope', in: ['1'] }, 'UNKNOWN_COLUMN', /filter.column: the extract has no column 'nope'/],
    [{ column: 'icd10', range: { min: 1 } }, 'INVALID_ARGUMENT', /a range needs a number column/],
    [{ column: 'age', prefix: '6' }, 'INVALID_ARGUMENT', /a prefix needs a code column/],
    [{ column: 'age', in: ['sixty'] }, 'INVALID_ARGUMENT', /filter.in\[0\]: expected a number for the integer column 'age', got 'sixty'/],
    [{ column: 'date', range: { min: '2023-02-30' } }, 'INVALID_ARGUMENT', /expected a date YYYY-MM-DD/],
    [{ column: 'age', range: { min: 80, max: 65 } }, 'INVALID_ARGUMENT', /min 80 is above max 65/],
    [{ column: 'sex', in: ['3'] }, 'INVALID_ARGUMENT', /'3' is not in the code list of column 'sex'/],
    [{ and: [{ column: 'age', range: { min: 1 } }, { not: { column: 'x', in: ['1'] } }] }, 'UNKNOWN_COLUMN', /filter.and\[1\].not.column/],
  ];
  for (const [filter, code, message] of bad) {
    it(`rejects ${describeFilter(filter)}`, () => {
      let error: unknown;
      try {
        compileFilter(filter, e);
      } catch (err) {
        error = err;
      }
      expect((error as PrikkError).code).toBe(code);
      expect((error as PrikkError).message).toMatch(message);
    });
  }
});
