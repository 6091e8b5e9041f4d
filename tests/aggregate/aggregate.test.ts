import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/aggregate.js';
import type { CellTable } from '../../src/aggregate/CellTable.js';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { makeExtract, tree } from './helpers.js';

// A hand-computed example. Municipality rolls up 0301 -> 03 -> Total and 1101, 1103 -> 11 -> Total;
// sex is '1' / '2' (a public code list) under Total.
//
//   person  municipality  sex  cost
//   P1      0301          2    100
//   P1      0301          2     50     P1: one cell (0301, 2)
//   P2      1101          1     30
//   P2      1103          1     70     P2: two cells, both in county 11 and sex 1
//   P3      1101          2     20
//   P3      0301          1     10     P3: two cells, in different counties and sexes
//   P4      1103          2    200     P4: one cell
const municipality = tree('Total', { Total: ['03', '11'], '03': ['0301'], '11': ['1101', '1103'] });
const rows = [
  { pid: 'P1', municipality: '0301', sex: '2', cost: 100 },
  { pid: 'P1', municipality: '0301', sex: '2', cost: 50 },
  { pid: 'P2', municipality: '1101', sex: '1', cost: 30 },
  { pid: 'P2', municipality: '1103', sex: '1', cost: 70 },
  { pid: 'P3', municipality: '1101', sex: '2', cost: 20 },
  { pid: 'P3', municipality: '0301', sex: '1', cost: 10 },
  { pid: 'P4', municipality: '1103', sex: '2', cost: 200 },
];
const columns = {
  municipality: { kind: 'code', codes: ['0301', '1101', '1103'] },
  sex: { kind: 'code', codes: ['1', '2'] },
  cost: { kind: 'number' },
} as const;
const extract = makeExtract(columns, rows, 'pid', { 'missing:cost': 1 });

function cell(t: CellTable, coords: Record<string, string>) {
  const i = t.indexOf(coords);
  const top = t.top.get('cost');
  return {
    rows: t.rows[i],
    persons: t.persons?.[i],
    cost: t.sums.get('cost')?.[i],
    top: top ? Array.from(top.values.subarray(i * top.k, (i + 1) * top.k)) : undefined,
  };
}

describe('aggregate: a hand-computed example', () => {
  const t = aggregate(extract, { dimensions: [{ column: 'municipality', hierarchy: municipality }, 'sex'], measures: ['cost'] });

  it('lays out the cube over every node of both hierarchies', () => {
    expect(t.shape).toEqual([6, 3]); // 0301 1101 1103 03 11 Total × 1 2 Total
    expect(t.cellCount).toBe(18);
    expect(t.unit).toBe('persons');
  });

  it('counts the finest cells', () => {
    // (0301,1): P3's 10.  (0301,2): P1's two rows, 100 + 50 = 150, one person.
    expect(cell(t, { municipality: '0301', sex: '1' })).toEqual({ rows: 1, persons: 1, cost: 10, top: [10, 0] });
    expect(cell(t, { municipality: '0301', sex: '2' })).toEqual({ rows: 2, persons: 1, cost: 150, top: [150, 0] });
    expect(cell(t, { municipality: '1101', sex: '1' })).toEqual({ rows: 1, persons: 1, cost: 30, top: [30, 0] });
    expect(cell(t, { municipality: '1101', sex: '2' })).toEqual({ rows: 1, persons: 1, cost: 20, top: [20, 0] });
    expect(cell(t, { municipality: '1103', sex: '1' })).toEqual({ rows: 1, persons: 1, cost: 70, top: [70, 0] });
    expect(cell(t, { municipality: '1103', sex: '2' })).toEqual({ rows: 1, persons: 1, cost: 200, top: [200, 0] });
  });

  it('rolls up the margins with persons counted once', () => {
    // (11,1): P2's rows 30 and 70 -> 2 rows, 1 person, one contribution of 100.
    expect(cell(t, { municipality: '11', sex: '1' })).toEqual({ rows: 2, persons: 1, cost: 100, top: [100, 0] });
    // (11,2): P3 20, P4 200 -> 2 persons.
    expect(cell(t, { municipality: '11', sex: '2' })).toEqual({ rows: 2, persons: 2, cost: 220, top: [200, 20] });
    // (03,*) equals (0301,*): one child.
    expect(cell(t, { municipality: '03', sex: '2' })).toEqual(cell(t, { municipality: '0301', sex: '2' }));
    // (Total,1): P3 10, P2 30 + 70 -> 3 rows, 2 persons, 110; P2 contributes 100, P3 10.
    expect(cell(t, { sex: '1' })).toEqual({ rows: 3, persons: 2, cost: 110, top: [100, 10] });
    // (Total,2): P1 150, P3 20, P4 200 -> 4 rows, 3 persons, 370.
    expect(cell(t, { sex: '2' })).toEqual({ rows: 4, persons: 3, cost: 370, top: [200, 150] });
    // (0301,Total): P3 10, P1 150. (1101,Total): P2 30, P3 20. (1103,Total): P2 70, P4 200.
    expect(cell(t, { municipality: '0301' })).toEqual({ rows: 3, persons: 2, cost: 160, top: [150, 10] });
    expect(cell(t, { municipality: '1101' })).toEqual({ rows: 2, persons: 2, cost: 50, top: [30, 20] });
    expect(cell(t, { municipality: '1103' })).toEqual({ rows: 2, persons: 2, cost: 270, top: [200, 70] });
    // (11,Total): P2 30 + 70 = 100, P3 20, P4 200 -> 4 rows, 3 persons, 320.
    expect(cell(t, { municipality: '11' })).toEqual({ rows: 4, persons: 3, cost: 320, top: [200, 100] });
    // Grand total: 7 rows, 4 persons, 150 + 100 + 30 + 200 = 480; P4 200, P1 150 lead.
    expect(cell(t, {})).toEqual({ rows: 7, persons: 4, cost: 480, top: [200, 150] });
  });

  it('keeps more contributors on request: P3 contributes 20 + 10 = 30 at the grand total', () => {
    const t3 = aggregate(extract, { dimensions: [{ column: 'municipality', hierarchy: municipality }, 'sex'], measures: ['cost'], topContributors: 4 });
    expect(cell(t3, {}).top).toEqual([200, 150, 100, 30]);
    expect(cell(t3, { sex: '1' }).top).toEqual([100, 10, 0, 0]);
  });

  it('reconciles: rows read = rows used + excluded', () => {
    expect(t.reconciliation).toEqual({ source: 'rows', rowsRead: 8, rowsUsed: 7, excluded: { 'missing:cost': 1 } });
  });

  it('filters the cohort and records the removed rows under one reason', () => {
    // sex = 2 keeps P1 (2 rows), P3's 1101 row, P4: 4 rows, 3 persons; removes 3 rows.
    const f = aggregate(extract, {
      dimensions: [{ column: 'municipality', hierarchy: municipality }],
      measures: ['cost'],
      filter: { column: 'sex', in: ['2'] },
    });
    expect(cell(f, {})).toEqual({ rows: 4, persons: 3, cost: 370, top: [200, 150] });
    expect(f.reconciliation).toEqual({ source: 'rows', rowsRead: 8, rowsUsed: 4, excluded: { 'missing:cost': 1, 'filter:sex = 2': 3 } });
  });

  it('counts rows as contributors without a person column', () => {
    const noPerson = makeExtract(columns, rows);
    const r = aggregate(noPerson, { dimensions: ['sex'], measures: ['cost'] });
    expect(r.unit).toBe('rows');
    expect(r.persons).toBeUndefined();
    // Grand total: the two largest rows are P4's 200 and P1's 100 (P1's 50 is a separate row now).
    expect(cell(r, {})).toEqual({ rows: 7, persons: undefined, cost: 480, top: [200, 100] });
  });

  it('builds flat hierarchies: code list order, sorted codes found in the data, sorted numbers', () => {
    const e = makeExtract(
      { sex: { kind: 'code', codes: ['2', '1', '9'] }, site: { kind: 'code' }, year: { kind: 'number', type: 'year' } },
      [
        { sex: '1', site: 'b', year: 2024 },
        { sex: '2', site: 'a', year: 2023 },
        { sex: '2', site: 'c', year: 2025.5 },
      ],
    );
    const r = aggregate(e, { dimensions: ['sex', 'site', 'year'] });
    expect(r.dimensions[0]!.hierarchy.labels).toEqual(['2', '1', '9', 'Total']);
    expect(r.dimensions[1]!.hierarchy.labels).toEqual(['a', 'b', 'c', 'Total']);
    expect(r.dimensions[2]!.hierarchy.labels).toEqual(['2023', '2024', '2025.5', 'Total']);
    expect(r.rows[r.indexOf({ year: '2025.5', site: 'c' })]).toBe(1);
    // A filter narrows the codes found in the data, not a public code list.
    const f = aggregate(e, { dimensions: ['sex', 'site'], filter: { column: 'site', prefix: ['a', 'b'] } });
    expect(f.dimensions[0]!.hierarchy.labels).toEqual(['2', '1', '9', 'Total']);
    expect(f.dimensions[1]!.hierarchy.labels).toEqual(['a', 'b', 'Total']);
  });
});

describe('aggregate: number dimensions with an interval hierarchy', () => {
  // Ages 0-17, 18-66, 67+ under Total; 67+ is [67, Infinity).
  const ageBands = tree(
    'All ages',
    { 'All ages': ['0-17', 'adult'], adult: ['18-66', '67+'] },
    { lower: Float64Array.of(0, 18, 67), upper: Float64Array.of(18, 67, Infinity) },
  );
  const e = makeExtract({ age: { kind: 'number', type: 'integer' } }, [{ age: 3 }, { age: 18 }, { age: 66 }, { age: 67 }, { age: 101 }, { age: -1 }]);

  it('classifies by band (lower inclusive, upper exclusive)', () => {
    const t = aggregate(e, { dimensions: [{ column: 'age', hierarchy: ageBands }], unknownValues: 'exclude' });
    // 3 -> 0-17; 18, 66 -> 18-66; 67, 101 -> 67+; -1 is below every band.
    expect([...t.rows]).toEqual([1, 2, 2, 4, 5]); // 0-17, 18-66, 67+, adult, All ages
    expect(t.reconciliation!.excluded).toEqual({ 'unknown-value:age': 1 });
    expect(t.reconciliation!.rowsUsed).toBe(5);
  });

  it('names the dimension and the value of a row outside the hierarchy', () => {
    expect(() => aggregate(e, { dimensions: [{ column: 'age', hierarchy: ageBands }] })).toThrow(/dimension 'age': the value '-1' is not a leaf/);
  });

  it('counts a row with several unknown values under the first such dimension, in the given order', () => {
    // age has non-integer values, so it is searched in a pass after the code column's; both values are unknown in
    // row 1 (-0.5 is below every band, 'zz' is not a site), only the site in row 2: age gets 1, site gets 1.
    const two = makeExtract({ age: { kind: 'number' }, site: { kind: 'code' } }, [
      { age: -0.5, site: 'zz' },
      { age: 20.5, site: 'zz' },
      { age: 20.5, site: 'a' },
    ]);
    const site = tree('All sites', { 'All sites': ['a'] });
    const t = aggregate(two, { dimensions: [{ column: 'age', hierarchy: ageBands }, { column: 'site', hierarchy: site }], unknownValues: 'exclude' });
    expect(t.reconciliation!.excluded).toEqual({ 'unknown-value:age': 1, 'unknown-value:site': 1 });
    expect(t.rows[t.indexOf({})]).toBe(1);
    expect(() => aggregate(two, { dimensions: [{ column: 'age', hierarchy: ageBands }, { column: 'site', hierarchy: site }] })).toThrow(
      /dimension 'age': the value '-0.5'/,
    );
  });

  it('uses the same bands for non-integer values (the binary-search path)', () => {
    const d = makeExtract({ age: { kind: 'number' } }, [{ age: 17.5 }, { age: 17.99 }, { age: 18 }, { age: 66.9 }, { age: 1e9 }]);
    const t = aggregate(d, { dimensions: [{ column: 'age', hierarchy: ageBands }] });
    expect([...t.rows]).toEqual([2, 2, 1, 3, 5]);
  });
});

describe('aggregate: options are checked before any row is read', () => {
  const t = () => extract;
  const cases: [string, object, string, RegExp][] = [
    ['no dimensions', { dimensions: [] }, 'INVALID_ARGUMENT', /aggregate: dimensions: expected an array of 1 to 8/],
    ['nine dimensions', { dimensions: ['sex', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] }, 'INVALID_ARGUMENT', /1 to 8/],
    ['unknown column', { dimensions: ['age'] }, 'UNKNOWN_COLUMN', /dimensions\[0\]: the extract has no column 'age'/],
    ['person column', { dimensions: ['pid'] }, 'UNKNOWN_COLUMN', /'pid' is the person column/],
    ['twice', { dimensions: ['sex', 'sex'] }, 'INVALID_ARGUMENT', /dimensions\[1\]: the dimension 'sex' appears twice/],
    ['bandless number', { dimensions: [{ column: 'cost', hierarchy: municipality }] }, 'INVALID_ARGUMENT', /needs an interval hierarchy/],
    ['not a hierarchy', { dimensions: [{ column: 'sex', hierarchy: { Total: ['1'] } }] }, 'INVALID_ARGUMENT', /expected a Hierarchy/],
    ['code measure', { dimensions: ['sex'], measures: ['municipality'] }, 'INVALID_ARGUMENT', /measures\[0\]: 'municipality' is a code column/],
    ['unit', { dimensions: ['sex'], unit: 'people' }, 'INVALID_ARGUMENT', /unit: expected 'rows' or 'persons'/],
    ['top', { dimensions: ['sex'], measures: ['cost'], topContributors: 1.5 }, 'INVALID_ARGUMENT', /topContributors/],
    ['typo', { dimensions: ['sex'], measure: ['cost'] }, 'INVALID_ARGUMENT', /unknown option 'measure'/],
    ['filter column', { dimensions: ['sex'], filter: { column: 'age', range: { min: 1 } } }, 'UNKNOWN_COLUMN', /aggregate: filter.column: the extract has no column 'age'/],
    ['filter prefix on number', { dimensions: ['sex'], filter: { column: 'cost', prefix: '1' } }, 'INVALID_ARGUMENT', /filter.prefix: a prefix needs a code column/],
    ['empty and', { dimensions: ['sex'], filter: { and: [] } }, 'INVALID_ARGUMENT', /filter.and: expected a non-empty array/],
    ['code outside list', { dimensions: ['sex'], filter: { column: 'sex', in: ['3'] } }, 'INVALID_ARGUMENT', /'3' is not in the code list of column 'sex'/],
  ];
  for (const [name, options, code, message] of cases) {
    it(name, () => {
      let error: unknown;
      try {
        aggregate(t(), options as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PrikkError);
      expect((error as PrikkError).code).toBe(code);
      expect((error as PrikkError).message).toMatch(message);
    });
  }

  it('refuses unit persons without a person column', () => {
    expect(() => aggregate(makeExtract(columns, rows), { dimensions: ['sex'], unit: 'persons' })).toThrow(/'persons' needs an extract with a person column/);
  });

  it('refuses negative contributions when top contributions are asked for, and never prints a person id', () => {
    const neg = makeExtract(columns, [{ pid: 'SECRET-ID', municipality: '0301', sex: '1', cost: -5 }], 'pid');
    expect(() => aggregate(neg, { dimensions: ['sex'], measures: ['cost'] })).toThrow(/negative value/);
    try {
      aggregate(neg, { dimensions: ['sex'], measures: ['cost'] });
    } catch (e) {
      expect((e as Error).message).not.toContain('SECRET');
    }
    expect(aggregate(neg, { dimensions: ['sex'], measures: ['cost'], topContributors: 0 }).sums.get('cost')![2]).toBe(-5);
  });
});

describe('aggregate: a person spread over many cells', () => {
  // One person with a row in each of 30 codes (cost 1..30), a second person in code c00 only (cost 100).
  // 30 cells make 2^30 subsets for inclusion–exclusion; the pruned search still exceeds its budget here, so the
  // person's cells are enumerated explicitly. Hand count: every code has 1 person except c00 (2); Total has 2
  // persons, 31 rows, cost 1 + ... + 30 + 100 = 465 + 100 = 565; top at Total: 465 (the spread person), 100.
  const codes = Array.from({ length: 30 }, (_, i) => `c${String(i).padStart(2, '0')}`);
  const spread = codes.map((code, i) => ({ pid: 'S', code, cost: i + 1 }));
  const e = makeExtract({ code: { kind: 'code' }, cost: { kind: 'number' } }, [...spread, { pid: 'Q', code: 'c00', cost: 100 }], 'pid');
  const t = aggregate(e, { dimensions: ['code'], measures: ['cost'] });

  it('counts the person once in the total and once per code', () => {
    expect(cell(t, {})).toEqual({ rows: 31, persons: 2, cost: 565, top: [465, 100] });
    expect(cell(t, { code: 'c00' })).toEqual({ rows: 2, persons: 2, cost: 101, top: [100, 1] });
    expect(cell(t, { code: 'c29' })).toEqual({ rows: 1, persons: 1, cost: 30, top: [30, 0] });
  });
});

describe('aggregate: a top contribution lost in the roll-up is restored', () => {
  // Found by the property test (a shrunk counterexample against a non-strict early stop). K = 1.
  // Dimensions: a = A | B (flat); b = x, y under G under Total.
  //   P0 (A, x) cost 1, (B, x) cost 2   -> P0 has 2 cells, total 3
  //   P1 (A, y) cost 2
  // Rolling up b first: (A, G) keeps only P1 (2 > P0's 1), (B, G) has P0's 2. Rolling up a: (Total, G) sees P1 2 and
  // P0 2 (P0's part 1 fell off at (A, G)), but P0 truly contributes 1 + 2 = 3 there, which must be the top value.
  // At (Total, x), P0's two parts meet and are exact (3): a walk up from there must not stop because its bound (3)
  // equals that cell's top value (P0's own).
  const e = makeExtract({ a: { kind: 'code', codes: ['A', 'B'] }, b: { kind: 'code' }, cost: { kind: 'number' } }, [
    { pid: 'P0', a: 'A', b: 'x', cost: 1 },
    { pid: 'P0', a: 'B', b: 'x', cost: 2 },
    { pid: 'P1', a: 'A', b: 'y', cost: 2 },
  ], 'pid');
  const b = tree('Total', { Total: ['G'], G: ['x', 'y'] });
  const t = aggregate(e, { dimensions: ['a', { column: 'b', hierarchy: b }], measures: ['cost'], topContributors: 1 });
  const top = (coords: Record<string, string>) => t.top.get('cost')!.values[t.indexOf(coords)];

  it('has the exact top contribution everywhere', () => {
    expect(top({ b: 'G' })).toBe(3);
    expect(top({ b: 'x' })).toBe(3);
    expect(top({})).toBe(3);
    expect(top({ a: 'A', b: 'G' })).toBe(2); // P0 1, P1 2
    expect(top({ a: 'A' })).toBe(2);
  });
});
