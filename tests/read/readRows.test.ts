import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CodeColumn, Extract, NumberColumn } from '../../src/read/Extract.js';
import { readColumns } from '../../src/read/readColumns.js';
import { readCsvBuffer } from '../../src/read/readCsvBuffer.js';
import { readRows } from '../../src/read/readRows.js';
import type { Schema } from '../../src/read/Schema.js';
import { errorOf, toCsv, utf8 } from './helpers.js';

/** Everything but `source` and `inputHash`, which name the input rather than the data. */
function content(x: Extract): unknown {
  return {
    rowCount: x.rowCount,
    columns: [...x.columns],
    person: x.person,
    reconciliation: { ...x.reconciliation, source: undefined },
  };
}

const schema: Schema = {
  columns: [
    { name: 'pid', role: 'person' },
    { name: 'kommune', role: 'dimension', missing: 'category' },
    { name: 'kjonn', role: 'dimension', codes: ['1', '2'], unknownCodes: 'exclude' },
    { name: 'alder', role: 'dimension', type: 'integer', min: 0, max: 120, outOfRange: 'exclude' },
    { name: 'kostnad', role: 'measure', type: 'decimal', missing: 'exclude' },
    { name: 'aar', role: 'dimension', type: 'year' },
  ],
};

describe('readRows and readColumns: hand-written cases', () => {
  it('reads strings and numbers alike, null/undefined/absent = missing', () => {
    const x = readRows(
      [
        { pid: 'a', kommune: '0301', kjonn: '1', alder: 81, kostnad: 10.5, aar: 2024 },
        { pid: 'a', kommune: null, kjonn: 2, alder: '82', kostnad: '7', aar: '2023' },
        { pid: 7, kjonn: '2', alder: 40, kostnad: undefined, aar: 2022 },
        { pid: 'b', kommune: 301, kjonn: '1', alder: 40, kostnad: 0, aar: 2022, extra: 'ignored' },
      ],
      schema,
    );
    expect(x.source).toBe('rows');
    expect((x.columns.get('kommune') as CodeColumn).dictionary).toEqual(['0301', '(missing)', '301']);
    expect([...(x.columns.get('kommune') as CodeColumn).codes]).toEqual([0, 1, 2]);
    expect([...(x.columns.get('alder') as NumberColumn).values]).toEqual([81, 82, 40]);
    // Row 3 (pid 7) is excluded for its missing kostnad, so '7' is not a person.
    expect(x.person).toEqual({ name: 'pid', codes: new Uint32Array([0, 0, 1]), personCount: 2 });
    expect(x.reconciliation).toEqual({ source: 'rows', rowsRead: 4, rowsUsed: 3, excluded: { 'missing:kostnad': 1 } });
  });

  it('typed arrays and plain arrays as columns', () => {
    const x = readColumns(
      {
        pid: ['a', 'b', 'a'],
        kommune: ['0301', '1103', '0301'],
        kjonn: new Uint8Array([1, 2, 2]),
        alder: new Int16Array([5, 6, 7]),
        kostnad: new Float64Array([1.25, 0, 3]),
        aar: new Uint16Array([2020, 2021, 2022]),
      },
      schema,
    );
    expect(x.source).toBe('columns');
    expect([...(x.columns.get('kjonn') as CodeColumn).codes]).toEqual([0, 1, 1]);
    expect([...(x.columns.get('kostnad') as NumberColumn).values]).toEqual([1.25, 0, 3]);
    expect(x.person?.personCount).toBe(2);
  });

  it('dates from strings and from Date objects at midnight UTC', () => {
    const s: Schema = { columns: [{ name: 'd', role: 'attribute', type: 'date' }] };
    const x = readRows([{ d: '2024-02-29' }, { d: new Date(Date.UTC(1970, 0, 2)) }], s);
    expect([...(x.columns.get('d') as NumberColumn).values]).toEqual([19782, 1]);
    expect(errorOf(() => readRows([{ d: new Date(Date.UTC(1970, 0, 2, 12)) }], s)).message).toBe(
      "rows, row 1, column 'd': expected a date; got a Date that is not at midnight UTC",
    );
    expect(errorOf(() => readRows([{ d: 19782 }], s)).message).toBe("rows, row 1, column 'd': expected a date as 'YYYY-MM-DD' or a Date, got the number '19782'");
  });

  it('rejects values of other types, NaN and Infinity, naming row and column', () => {
    const s: Schema = { columns: [{ name: 'n', role: 'measure' }, { name: 'k', role: 'dimension' }] };
    const cases: [Record<string, unknown>, string][] = [
      [{ n: true, k: 'a' }, "rows, row 2, column 'n': expected a string, a number or null, got a value of type boolean"],
      [{ n: NaN, k: 'a' }, "rows, row 2, column 'n': expected a decimal number with '.' as decimal mark (no thousands separators), got 'NaN'"],
      [{ n: Infinity, k: 'a' }, "rows, row 2, column 'n': expected a decimal number with '.' as decimal mark (no thousands separators), got 'Infinity'"],
      [{ n: -1, k: 'a' }, "rows, row 2, column 'n': expected a number >= 0, got '-1'"],
      [{ n: 1, k: { x: 1 } }, "rows, row 2, column 'k': expected a string, a number or null, got a value of type object"],
      [{ n: 1, k: Infinity }, "rows, row 2, column 'k': expected a code, got Infinity"],
      [{ n: 1, k: 'x\uD800' }, "rows, row 2, column 'k': expected text, got a string with a lone UTF-16 surrogate"],
    ];
    for (const [row, message] of cases) {
      const e = errorOf(() => readRows([{ n: 1, k: 'ok' }, row], s));
      expect(e.code).toBe('INVALID_VALUE');
      expect(e.message).toBe(message);
    }
  });

  it('rejects bad input shapes', () => {
    expect(errorOf(() => readRows('x' as never, schema)).code).toBe('INVALID_ARGUMENT');
    expect(errorOf(() => readRows([null] as never, schema)).code).toBe('INVALID_ARGUMENT');
    expect(errorOf(() => readRows([{ pid: 'a' }], schema)).code).toBe('UNKNOWN_COLUMN');
    const e = errorOf(() => readColumns({ pid: ['a'], kommune: ['x', 'y'] }, { columns: [{ name: 'pid', role: 'person' }] }));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toBe("readColumns: every column must have the same length; 'pid' has 1 values, 'kommune' has 2");
    expect(errorOf(() => readColumns({ pid: ['a'] }, schema)).code).toBe('UNKNOWN_COLUMN');
    expect(errorOf(() => readRows([], schema, { sauce: 'x' } as never)).code).toBe('INVALID_ARGUMENT');
  });

  it('an empty input gives an empty extract', () => {
    const x = readRows([], schema);
    expect(x.rowCount).toBe(0);
    expect(x.reconciliation.rowsRead).toBe(0);
  });

  it('readRows and readColumns hash the same values alike, and differently from other values', () => {
    const s: Schema = { columns: [{ name: 'k', role: 'dimension' }, { name: 'n', role: 'measure' }] };
    const a = readRows([{ k: 'x', n: 1 }, { k: 'y', n: 2.5 }], s);
    const b = readColumns({ k: ['x', 'y'], n: [1, 2.5] }, s);
    const c = readColumns({ k: ['x', 'y'], n: [1, 2.25] }, s);
    expect(a.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.inputHash).toBe(b.inputHash);
    expect(c.inputHash).not.toBe(a.inputHash);
  });
});

// ---- property: every reader gives the same extract for the same data --------------------------------------

const text = fc.string({ unit: fc.constantFrom('a', 'B', '0', '7', ' ', ';', ',', '"', '\n', '\r', 'ø', 'Æ', '€'), maxLength: 6 });
const rowArb = fc.record({
  pid: fc.constantFrom('p1', 'p2', 'p3', '0042', 'p;"5"', 'ø9'),
  kommune: fc.oneof(text, fc.constant('')),
  kjonn: fc.constantFrom('1', '2', '3'),
  alder: fc.integer({ min: -5, max: 130 }),
  kostnad: fc.option(fc.double({ min: 0, max: 1e9, noNaN: true }), { freq: 5 }),
  aar: fc.integer({ min: 1990, max: 2030 }),
});

describe('readCsvBuffer, readRows and readColumns agree', () => {
  it('on random tables (strings, numbers and typed arrays; with exclusions), at random chunk sizes', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), fc.integer({ min: 1, max: 300 }), fc.constantFrom(';', ',', '\t'), (rows, chunkSize, delimiter) => {
        const names = ['pid', 'kommune', 'kjonn', 'alder', 'kostnad', 'aar'] as const;
        const asText = rows.map((r) => ({
          pid: r.pid,
          kommune: r.kommune,
          kjonn: r.kjonn,
          alder: String(r.alder),
          kostnad: r.kostnad === null ? '' : String(r.kostnad),
          aar: String(r.aar),
        }));
        const csv = toCsv([[...names], ...asText.map((r) => names.map((n) => r[n]))], { delimiter });
        const fromCsv = readCsvBuffer(utf8(csv), schema, { chunkSize });
        const fromText = readRows(asText, schema);
        const fromNumbers = readRows(rows.map((r) => ({ ...r, kjonn: Number(r.kjonn) })), schema);
        const fromColumns = readColumns(
          {
            pid: rows.map((r) => r.pid),
            kommune: rows.map((r) => r.kommune),
            kjonn: rows.map((r) => r.kjonn),
            alder: Int32Array.from(rows, (r) => r.alder),
            kostnad: rows.map((r) => r.kostnad),
            aar: Float64Array.from(rows, (r) => r.aar),
          },
          schema,
        );
        expect(content(fromText)).toEqual(content(fromCsv));
        expect(content(fromNumbers)).toEqual(content(fromCsv));
        expect(content(fromColumns)).toEqual(content(fromCsv));
        const r = fromCsv.reconciliation;
        expect(r.rowsRead).toBe(rows.length);
        expect(r.rowsUsed + Object.values(r.excluded).reduce((a, b) => a + b, 0)).toBe(r.rowsRead);
        // Independent count of the exclusions, in schema order: kjonn 3 -> unknown code, alder outside [0, 120] ->
        // out of range, kostnad missing -> missing.
        let unknown = 0;
        let range = 0;
        let missing = 0;
        for (const row of rows) {
          if (row.kjonn === '3') unknown++;
          else if (row.alder < 0 || row.alder > 120) range++;
          else if (row.kostnad === null) missing++;
        }
        const expected: Record<string, number> = {};
        if (unknown) expected['unknown-code:kjonn'] = unknown;
        if (range) expected['out-of-range:alder'] = range;
        if (missing) expected['missing:kostnad'] = missing;
        expect(r.excluded).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('readRows over many batches', () => {
  it('equals readCsvBuffer on 3000 rows with exclusions, and numbers rows right in errors', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      pid: `p${i % 1234}`,
      kommune: i % 17 === 0 ? null : String(i % 40).padStart(4, '0'),
      kjonn: i % 101 === 0 ? '3' : String(1 + (i % 2)),
      alder: i % 50,
      kostnad: i % 13 === 0 ? null : i / 4,
      aar: 2000 + (i % 20),
    }));
    const names = ['pid', 'kommune', 'kjonn', 'alder', 'kostnad', 'aar'] as const;
    const csv = toCsv([[...names], ...rows.map((r) => names.map((n) => (r[n] === null ? '' : String(r[n]))))], { delimiter: ';' });
    const a = readRows(rows, schema);
    const b = readCsvBuffer(utf8(csv), schema, { chunkSize: 999 });
    expect(content(a)).toEqual(content(b));
    // Hand count: kjonn '3' at i % 101 === 0 (30 rows, excluded first in schema order); kostnad missing at
    // i % 13 === 0 but not i % 101 === 0: 231 - 3 (i = 0, 1313, 2626) = 228.
    expect(a.reconciliation.excluded).toEqual({ 'unknown-code:kjonn': 30, 'missing:kostnad': 228 });
    const bad = rows.map((r, i) => (i === 2500 ? { ...r, aar: 12 } : r));
    expect(errorOf(() => readRows(bad, schema)).message).toBe("rows, row 2501, column 'aar': expected a four-digit year, got '12'");
    const badType = rows.map((r, i) => (i === 2600 ? { ...r, alder: [1] } : r));
    expect(errorOf(() => readRows(badType, schema)).message).toBe("rows, row 2601, column 'alder': expected a string, a number or null, got a value of type object");
  });
});

describe('a number in a numeric column is read as its String() would be', () => {
  it('same value or same error code, for integer, decimal and year columns', () => {
    const outcome = (f: () => Extract): unknown => {
      try {
        return [...(f().columns.get('x') as NumberColumn).values];
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    const numberArb = fc.oneof(
      fc.integer({ min: -100_000, max: 100_000 }),
      fc.integer({ min: 0, max: 12_000 }),
      fc.double({ noNaN: false }),
      fc.constantFrom(2 ** 53, 2 ** 53 - 1, -(2 ** 53), 1e21, -0, 999, 1000, 9999, 10000, 0.1, 5e-324),
    );
    fc.assert(
      fc.property(numberArb, fc.constantFrom('integer', 'decimal', 'year') as fc.Arbitrary<'integer' | 'decimal' | 'year'>, (v, type) => {
        const s: Schema = { columns: [{ name: 'x', role: 'attribute', type }] };
        expect(outcome(() => readRows([{ x: v }], s))).toEqual(outcome(() => readRows([{ x: String(v) }], s)));
      }),
      { numRuns: 2000 },
    );
  });
});
