// aggregate's personRow (each person counted once, in the cell of one chosen row), on small extracts whose every
// expected value is worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/aggregate.js';
import { cellKeySums } from '../../src/aggregate/cellKeySums.js';
import { compilePersonRow } from '../../src/aggregate/compilePersonRow.js';
import { describePersonRow } from '../../src/aggregate/describePersonRow.js';
import type { PersonRow } from '../../src/aggregate/PersonRow.js';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { makeExtract, tree } from './helpers.js';

// Six rows, three persons (file order = row index):
//   row 0: P1, hospital A, 2024, cost 10
//   row 1: P1, hospital B, 2023, cost 20
//   row 2: P2, hospital A, 2023, cost 30
//   row 3: P3, hospital B, 2024, cost 40
//   row 4: P3, hospital B, 2024, cost 50   (same year as row 3: a tie)
//   row 5: P2, hospital A, 2025, cost 60
const ROWS = [
  { pid: 'P1', hospital: 'A', year: 2024, cost: 10 },
  { pid: 'P1', hospital: 'B', year: 2023, cost: 20 },
  { pid: 'P2', hospital: 'A', year: 2023, cost: 30 },
  { pid: 'P3', hospital: 'B', year: 2024, cost: 40 },
  { pid: 'P3', hospital: 'B', year: 2024, cost: 50 },
  { pid: 'P2', hospital: 'A', year: 2025, cost: 60 },
];
const COLUMNS = {
  hospital: { kind: 'code', codes: ['A', 'B'] },
  year: { kind: 'number', type: 'year' },
  cost: { kind: 'number', type: 'decimal' },
} as const;
const extract = makeExtract(COLUMNS, ROWS, 'pid');

function table(personRow?: PersonRow, extra: Record<string, unknown> = {}) {
  return aggregate(extract, { dimensions: ['hospital', 'year'], measures: ['cost'], topContributors: 2, ...(personRow ? { personRow } : {}), ...extra });
}

/** persons, rows and cost of a cell (missing coordinates are the totals). */
function at(t: ReturnType<typeof table>, coords: Record<string, string>): [number, number, number] {
  const c = t.indexOf(coords);
  return [t.persons![c]!, t.rows[c]!, t.sums.get('cost')![c]!];
}

describe('aggregate with personRow', () => {
  it('without it, a person with rows in two cells makes the persons margins non-additive (the problem it solves)', () => {
    const t = table();
    // hospital A has P1 (row 0) and P2 (rows 2, 5): 2 persons; B has P1 (row 1) and P3 (rows 3, 4): 2 persons;
    // the total has 3 persons, not 2 + 2.
    expect([at(t, { hospital: 'A' })[0], at(t, { hospital: 'B' })[0], at(t, {})[0]]).toEqual([2, 2, 3]);
  });

  it('first by year: each person once, in the cell of their earliest year; margins are sums of cells', () => {
    const t = table({ keep: 'first', orderBy: 'year' });
    // P1: years 2024 (row 0), 2023 (row 1) -> row 1 (B, 2023, 20). P2: 2023 (row 2), 2025 (row 5) -> row 2 (A, 2023, 30).
    // P3: 2024 (rows 3, 4), a tie -> the earlier row 3 (B, 2024, 40). Kept rows 1, 2, 3; dropped 0, 4, 5.
    // The year dimension's flat default comes from the kept rows: 2023, 2024 (2025 was P2's second operation).
    expect(t.dimensions[1]!.hierarchy.labels).toEqual(['2023', '2024', 'Total']);
    expect(at(t, { hospital: 'A', year: '2023' })).toEqual([1, 1, 30]);
    expect(at(t, { hospital: 'A', year: '2024' })).toEqual([0, 0, 0]);
    expect(at(t, { hospital: 'B', year: '2023' })).toEqual([1, 1, 20]);
    expect(at(t, { hospital: 'B', year: '2024' })).toEqual([1, 1, 40]);
    // Margins: A = 1, B = 2, 2023 = 2, 2024 = 1, total = 3 = the number of distinct persons; sums of their cells.
    expect(at(t, { hospital: 'A' })).toEqual([1, 1, 30]);
    expect(at(t, { hospital: 'B' })).toEqual([2, 2, 60]);
    expect(at(t, { year: '2023' })).toEqual([2, 2, 50]);
    expect(at(t, { year: '2024' })).toEqual([1, 1, 40]);
    expect(at(t, {})).toEqual([3, 3, 90]);
    // Top contributions of the kept rows only: the total's two largest are P3's 40 and P2's 30 (not 60 or 50).
    const all = t.indexOf({});
    expect([...t.top.get('cost')!.values.subarray(all * 2, all * 2 + 2)]).toEqual([40, 30]);
    // Reconciliation: 6 read = 3 used + 3 left out by the choice.
    expect(t.reconciliation).toEqual({ source: 'rows', rowsRead: 6, rowsUsed: 3, excluded: { 'person-row:first by year': 3 } });
  });

  it('last by year: the latest year, and on a tie the later row', () => {
    const t = table({ keep: 'last', orderBy: 'year' });
    // P1 -> row 0 (A, 2024, 10); P2 -> row 5 (A, 2025, 60); P3: tie at 2024 -> the later row 4 (B, 2024, 50).
    expect(at(t, { hospital: 'A', year: '2024' })).toEqual([1, 1, 10]);
    expect(at(t, { hospital: 'A', year: '2025' })).toEqual([1, 1, 60]);
    expect(at(t, { hospital: 'B', year: '2024' })).toEqual([1, 1, 50]);
    expect(at(t, {})).toEqual([3, 3, 120]);
    expect(t.reconciliation!.excluded).toEqual({ 'person-row:last by year': 3 });
  });

  it('without orderBy: file order (first: the first row met, last: the last)', () => {
    // first: P1 row 0 (10), P2 row 2 (30), P3 row 3 (40) = 80; last: P1 row 1 (20), P2 row 5 (60), P3 row 4 (50) = 130.
    const first = table({ keep: 'first' });
    const last = table({ keep: 'last' });
    expect(at(first, {})).toEqual([3, 3, 80]);
    expect(at(first, { hospital: 'A', year: '2024' })).toEqual([1, 1, 10]);
    expect(first.reconciliation!.excluded).toEqual({ 'person-row:first in file order': 3 });
    expect(at(last, {})).toEqual([3, 3, 130]);
    expect(at(last, { hospital: 'B', year: '2023' })).toEqual([1, 1, 20]);
    expect(last.reconciliation!.excluded).toEqual({ 'person-row:last in file order': 3 });
  });

  it('runs after the filter: the chosen row is the first of the cohort, not of all rows', () => {
    const t = table({ keep: 'first', orderBy: 'year' }, { filter: { column: 'year', in: [2024, 2025] } });
    // The filter keeps rows 0, 3, 4, 5 (removes rows 1 and 2). Then: P1 -> row 0 (A, 2024, 10); P2 -> row 5
    // (A, 2025, 60); P3 -> row 3 (B, 2024, 40); row 4 dropped. Choosing before filtering would lose P1 and P2
    // (their first rows, 1 and 2, are outside the cohort).
    expect(at(t, {})).toEqual([3, 3, 110]);
    expect(at(t, { hospital: 'A' })).toEqual([2, 2, 70]);
    expect(t.reconciliation).toEqual({
      source: 'rows',
      rowsRead: 6,
      rowsUsed: 3,
      excluded: { 'filter:year in (2024, 2025)': 2, 'person-row:first by year': 1 },
    });
  });

  it('keeps the reader exclusions and adds up: rowsRead = rowsUsed + Σ excluded', () => {
    const e = makeExtract(COLUMNS, ROWS, 'pid', { 'missing:hospital': 4 });
    const t = aggregate(e, { dimensions: ['hospital'], personRow: { keep: 'first', orderBy: 'year' } });
    // 6 rows + 4 dropped by the reader = 10 read; 3 used; 3 left out by the choice.
    expect(t.reconciliation).toEqual({ source: 'rows', rowsRead: 10, rowsUsed: 3, excluded: { 'missing:hospital': 4, 'person-row:first by year': 3 } });
  });

  it('orders by a date or decimal column', () => {
    // Dates as days since 1970-01-01: P1's rows 19000, 18000 -> first is row 1 (B); P2's one row.
    const e = makeExtract(
      { hospital: { kind: 'code', codes: ['A', 'B'] }, day: { kind: 'number', type: 'date' }, score: { kind: 'number', type: 'decimal' } },
      [
        { pid: 'P1', hospital: 'A', day: 19000, score: 0.5 },
        { pid: 'P1', hospital: 'B', day: 18000, score: 0.25 },
        { pid: 'P2', hospital: 'A', day: 18500, score: 1.5 },
      ],
      'pid',
    );
    const byDay = aggregate(e, { dimensions: ['hospital'], personRow: { keep: 'first', orderBy: 'day' } });
    expect([byDay.persons![byDay.indexOf({ hospital: 'A' })], byDay.persons![byDay.indexOf({ hospital: 'B' })]]).toEqual([1, 1]);
    // last by score: P1's largest score 0.5 is row 0 (A); P2 row 2 (A): A 2, B 0.
    const byScore = aggregate(e, { dimensions: ['hospital'], personRow: { keep: 'last', orderBy: 'score' } });
    expect([byScore.persons![byScore.indexOf({ hospital: 'A' })], byScore.persons![byScore.indexOf({ hospital: 'B' })]]).toEqual([2, 0]);
  });

  it('a missing value is never chosen over a present one', () => {
    const e = makeExtract(
      { hospital: { kind: 'code', codes: ['A', 'B'] }, year: { kind: 'number', type: 'year' } },
      [
        { pid: 'P1', hospital: 'A', year: Number.NaN },
        { pid: 'P1', hospital: 'B', year: 2024 },
      ],
      'pid',
    );
    for (const keep of ['first', 'last'] as const) {
      const t = aggregate(e, { dimensions: ['hospital'], personRow: { keep, orderBy: 'year' } });
      expect(t.persons![t.indexOf({ hospital: 'B' })], keep).toBe(1);
    }
  });

  it('the chosen row is kept whatever its values: when unknownValues drops it, the person is not counted', () => {
    // hospital C is not a leaf of the hierarchy {A, B}. P1's first row (2023) is at C: with 'exclude' P1 is left
    // out, and their row at A (2024) does not stand in. P2 is counted at A.
    const e = makeExtract(
      { hospital: { kind: 'code' }, year: { kind: 'number', type: 'year' } },
      [
        { pid: 'P1', hospital: 'A', year: 2024 },
        { pid: 'P1', hospital: 'C', year: 2023 },
        { pid: 'P2', hospital: 'A', year: 2025 },
      ],
      'pid',
    );
    const t = aggregate(e, {
      dimensions: [{ column: 'hospital', hierarchy: tree('Total', { Total: ['A', 'B'] }) }],
      personRow: { keep: 'first', orderBy: 'year' },
      unknownValues: 'exclude',
    });
    expect(t.persons![t.indexOf({})]).toBe(1);
    expect(t.reconciliation!.excluded).toEqual({ 'person-row:first by year': 1, 'unknown-value:hospital': 1 });
    expect(t.reconciliation!.rowsUsed).toBe(1);
  });

  it('refuses a bad choice before reading any row, naming the option', () => {
    const expectError = (personRow: unknown, code: string, message: RegExp, e = extract) => {
      let thrown: unknown;
      try {
        aggregate(e, { dimensions: ['hospital'], personRow: personRow as PersonRow });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(PrikkError);
      expect((thrown as PrikkError).code).toBe(code);
      expect((thrown as PrikkError).message).toMatch(message);
    };
    expectError({ keep: 'first', orderBy: 'yeer' }, 'UNKNOWN_COLUMN', /^aggregate: personRow\.orderBy: the extract has no column 'yeer' \(it has 'hospital', 'year', 'cost'\)$/);
    expectError({ keep: 'first', orderBy: 'hospital' }, 'INVALID_ARGUMENT', /^aggregate: personRow\.orderBy: 'hospital' is a code column; rows are ordered by a number column/);
    expectError({ keep: 'first', orderBy: 'pid' }, 'UNKNOWN_COLUMN', /^aggregate: personRow\.orderBy: 'pid' is the person column/);
    expectError({ keep: 'earliest' }, 'INVALID_ARGUMENT', /^aggregate: personRow\.keep: expected 'first' or 'last', got 'earliest'$/);
    expectError({ orderBy: 'year' }, 'INVALID_ARGUMENT', /^aggregate: personRow\.keep: expected 'first' or 'last', got nothing$/);
    expectError({ keep: 'first', by: 'year' }, 'INVALID_ARGUMENT', /^aggregate: personRow: unknown key 'by'/);
    expectError({ keep: 'first', orderBy: '' }, 'INVALID_ARGUMENT', /^aggregate: personRow\.orderBy: expected a column name, got an empty text$/);
    expectError('first', 'INVALID_ARGUMENT', /^aggregate: personRow: expected \{ keep/);
    const noPerson = makeExtract(COLUMNS, ROWS);
    expectError({ keep: 'first' }, 'INVALID_ARGUMENT', /^aggregate: personRow: counting each person once needs an extract with a person column/, noPerson);
  });
});

describe('cellKeySums with personRow', () => {
  it('sums the keys of the persons counted in each cell, and refuses a table made with another choice', () => {
    const personRow: PersonRow = { keep: 'first', orderBy: 'year' };
    const t = aggregate(extract, { dimensions: ['hospital', 'year'], personRow });
    // Person codes in order of first appearance: P1 = 0, P2 = 1, P3 = 2. Chosen (see above): P1 at (B, 2023),
    // P2 at (A, 2023), P3 at (B, 2024).
    const keys = Uint32Array.from([0x10000001, 0x20000002, 0xf0000003]);
    const ck = cellKeySums(extract, t, { recordKeys: keys, personRow });
    expect(ck[t.indexOf({ hospital: 'A', year: '2023' })]).toBe(0x20000002);
    expect(ck[t.indexOf({ hospital: 'B', year: '2023' })]).toBe(0x10000001);
    // B: P1 + P3 = 0x10000001 + 0xf0000003 = 0x100000004, mod 2^32 = 4.
    expect(ck[t.indexOf({ hospital: 'B' })]).toBe(4);
    // Total: 4 + 0x20000002 = 0x20000006. (Without the choice P1 would be at A too.)
    expect(ck[t.indexOf({})]).toBe(0x20000006);
    expect(ck[t.indexOf({ hospital: 'A' })]).toBe(0x20000002);
    // Without the choice the rows per cell differ (hospital A: 1 kept row against 3 rows), so the keys are refused.
    const byHospital = aggregate(extract, { dimensions: ['hospital'], personRow });
    expect(() => cellKeySums(extract, byHospital, { recordKeys: keys })).toThrow(/not aggregated from this extract with these options.*personRow/);
  });
});

describe('describePersonRow and compilePersonRow', () => {
  it('describes the choice as the reconciliation records it', () => {
    expect(describePersonRow({ keep: 'first', orderBy: 'year' })).toBe('first by year');
    expect(describePersonRow({ keep: 'last', orderBy: 'surgery_date' })).toBe('last by surgery_date');
    expect(describePersonRow({ keep: 'first' })).toBe('first in file order');
    expect(() => describePersonRow({ keep: 'middle' } as never)).toThrow(/describePersonRow: personRow\.keep/);
  });

  it('select leaves its input alone and returns one row per person of the cohort', () => {
    const p = compilePersonRow({ keep: 'first', orderBy: 'year' }, extract);
    // The cohort: rows 0, 1, 3, 4 (P2 not in it). P1 -> row 1 (2023), P3 -> row 3 (tie at 2024: the earlier).
    const cohort = Uint8Array.from([1, 1, 0, 1, 1, 0]);
    const s = p.select(cohort);
    expect([...s.mask]).toEqual([0, 1, 0, 1, 0, 0]);
    expect(s.dropped).toBe(2);
    expect([...cohort]).toEqual([1, 1, 0, 1, 1, 0]);
    // Every row: P2 -> row 2 as well.
    expect([...p.select(undefined).mask]).toEqual([0, 1, 1, 1, 0, 0]);
  });
});
