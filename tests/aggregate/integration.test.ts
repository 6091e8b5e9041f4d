// aggregate on an extract read by readRows, with hierarchies from the hierarchy factories (the public path a user
// takes), on a small trial-feasibility cohort whose counts are worked out by hand below.
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/aggregate.js';
import { cellTableFromJson } from '../../src/aggregate/cellTableFromJson.js';
import { cellTableToJson } from '../../src/aggregate/cellTableToJson.js';
import { intervalHierarchy } from '../../src/hierarchy/intervalHierarchy.js';
import { prefixHierarchy } from '../../src/hierarchy/prefixHierarchy.js';
import { readRows } from '../../src/read/readRows.js';
import type { Schema } from '../../src/read/Schema.js';

const schema: Schema = {
  columns: [
    { name: 'pid', role: 'person' },
    { name: 'icd10', role: 'dimension', type: 'code' },
    { name: 'hospital', role: 'dimension', type: 'code' },
    { name: 'age', role: 'dimension', type: 'integer' },
    { name: 'year', role: 'dimension', type: 'year' },
    { name: 'cost', role: 'measure', type: 'decimal' },
  ],
};

//  pid icd10  hospital age year cost
//  a   S72.0  H1       81  2023 100
//  a   S72.1  H2       81  2024  40    a: two rows, two hospitals, both S72
//  b   S72.0  H1       64  2023  70    b: under 65, filtered out
//  c   S32.4  H2       90  2025  30    c: not S72, filtered out
//  d   S72.0  H2       70  2022  20    d: year 2022, filtered out
//  e   S72.1  H2       77  2025  60
const rows = [
  { pid: 'a', icd10: 'S72.0', hospital: 'H1', age: 81, year: 2023, cost: 100 },
  { pid: 'a', icd10: 'S72.1', hospital: 'H2', age: 81, year: 2024, cost: 40 },
  { pid: 'b', icd10: 'S72.0', hospital: 'H1', age: 64, year: 2023, cost: 70 },
  { pid: 'c', icd10: 'S32.4', hospital: 'H2', age: 90, year: 2025, cost: 30 },
  { pid: 'd', icd10: 'S72.0', hospital: 'H2', age: 70, year: 2022, cost: 20 },
  { pid: 'e', icd10: 'S72.1', hospital: 'H2', age: 77, year: 2025, cost: 60 },
];

describe('aggregate with readRows and the hierarchy factories', () => {
  const extract = readRows(rows, schema);
  const icd = prefixHierarchy(['S32.4', 'S72.0', 'S72.1'], { levels: [3] });
  const age = intervalHierarchy({ min: 0, max: 80, width: 10, openTop: true });
  const t = aggregate(extract, {
    dimensions: ['hospital', { column: 'icd10', hierarchy: icd }, { column: 'age', hierarchy: age }, 'year'],
    measures: ['cost'],
    filter: { and: [{ column: 'age', range: { min: 65 } }, { column: 'icd10', prefix: 'S72' }, { column: 'year', range: { min: 2023, max: 2025 } }] },
  });

  it('counts the feasibility cohort per hospital: persons a and e (a in both hospitals)', () => {
    // Kept rows: a/H1/2023/100, a/H2/2024/40, e/H2/2025/60.
    expect(t.persons![t.indexOf({})]).toBe(2);
    expect(t.rows[t.indexOf({})]).toBe(3);
    expect(t.persons![t.indexOf({ hospital: 'H1' })]).toBe(1);
    expect(t.persons![t.indexOf({ hospital: 'H2' })]).toBe(2);
    expect(t.sums.get('cost')![t.indexOf({ hospital: 'H2' })]).toBe(100);
    expect(t.persons![t.indexOf({ icd10: 'S72' })]).toBe(2);
    // a's contribution at S72 is 100 + 40 = 140 (two ICD leaves and two hospitals), e's 60.
    const i = t.indexOf({ icd10: 'S72' });
    expect(Array.from(t.top.get('cost')!.values.subarray(i * 2, i * 2 + 2))).toEqual([140, 60]);
    expect(t.persons![t.indexOf({ age: '80+' })]).toBe(1);
    expect(t.persons![t.indexOf({ age: '70-79' })]).toBe(1);
  });

  it('lists the years of the kept rows only, and records the filter in the reconciliation', () => {
    expect(t.dimensions[3]!.hierarchy.labels).toEqual(['2023', '2024', '2025', 'Total']);
    expect(t.reconciliation).toMatchObject({
      rowsRead: 6,
      rowsUsed: 3,
      excluded: { 'filter:age >= 65 and icd10 prefix S72 and 2023 <= year <= 2025': 3 },
    });
  });

  it('round-trips through the JSON form', () => {
    const back = cellTableFromJson(JSON.stringify(cellTableToJson(t)));
    expect(back.persons![back.indexOf({ hospital: 'H2', icd10: 'S72' })]).toBe(2);
    expect(back.rows[back.indexOf({})]).toBe(3);
  });
});
