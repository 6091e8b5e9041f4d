// `NumberColumn.stats`: the readers compute min, max and all-integer once, when they build the extract, so that
// `aggregate` does not pass over the column on every call. Expected values: hand computation (first block) and a
// second, plain implementation written here (Math.min / Math.max over the values, Array.every(Number.isInteger)).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NumberColumn } from '../../src/read/Extract.js';
import { readColumns } from '../../src/read/readColumns.js';
import { readCsvBuffer } from '../../src/read/readCsvBuffer.js';
import { readRows } from '../../src/read/readRows.js';
import type { Schema } from '../../src/read/Schema.js';
import { toCsv, utf8 } from './helpers.js';

function numberColumn(x: { columns: ReadonlyMap<string, unknown> }, name: string): NumberColumn {
  const c = x.columns.get(name) as NumberColumn;
  expect(c.kind).toBe('number');
  return c;
}

/** The plain version: what the stats must be for the given values. */
function plainStats(values: readonly number[]) {
  const finite = values.filter((v) => !Number.isNaN(v));
  return {
    min: finite.length === 0 ? Infinity : Math.min(...finite),
    max: finite.length === 0 ? -Infinity : Math.max(...finite),
    allInteger: values.every((v) => Number.isInteger(v)),
  };
}

describe('NumberColumn.stats, set by the readers', () => {
  it('hand-written: integers, decimals, and rows the reader excluded are left out', () => {
    const schema: Schema = {
      columns: [
        { name: 'pid', role: 'person' },
        { name: 'site', role: 'dimension', missing: 'exclude' },
        { name: 'age', role: 'dimension', type: 'integer' },
        { name: 'cost', role: 'measure', type: 'decimal' },
      ],
    };
    const x = readRows(
      [
        { pid: 'a', site: 'x', age: 81, cost: 10.5 },
        // Excluded (missing site): its age 119 and cost 20.25 must not reach the stats.
        { pid: 'b', site: null, age: 119, cost: 20.25 },
        { pid: 'c', site: 'y', age: 40, cost: 7 },
        { pid: 'd', site: 'x', age: 66, cost: 0 },
      ],
      schema,
    );
    // Kept ages 81, 40, 66: min 40, max 81, all integers. Kept costs 10.5, 7, 0: min 0, max 10.5, not all integers.
    expect(numberColumn(x, 'age').stats).toEqual({ min: 40, max: 81, allInteger: true });
    expect(numberColumn(x, 'cost').stats).toEqual({ min: 0, max: 10.5, allInteger: false });
    expect(Object.isFrozen(numberColumn(x, 'cost').stats)).toBe(true);
  });

  it('no rows: min Infinity, max -Infinity, all integer (vacuously), as aggregate’s own pass gives', () => {
    const x = readColumns({ age: [] }, { columns: [{ name: 'age', role: 'dimension', type: 'integer' }] });
    expect(numberColumn(x, 'age').stats).toEqual({ min: Infinity, max: -Infinity, allInteger: true });
  });

  it('readColumns, readRows and readCsvBuffer agree with the plain version on random columns', () => {
    const value = fc.oneof(
      fc.integer({ min: -1000, max: 1000 }),
      fc.integer({ min: -4000, max: 4000 }).map((q) => q / 4),
      fc.constantFrom(0, 2 ** 40, -(2 ** 40)),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), (values) => {
        const schema: Schema = { columns: [{ name: 'v', role: 'dimension', type: 'decimal', min: -(2 ** 41) }] };
        const want = plainStats(values);
        const fromColumns = readColumns({ v: Float64Array.from(values) }, schema);
        const fromRows = readRows(values.map((v) => ({ v })), schema);
        const fromCsv = readCsvBuffer(utf8(toCsv([['v'], ...values.map((v) => [String(v)])])), schema);
        for (const x of [fromColumns, fromRows, fromCsv]) {
          const c = numberColumn(x, 'v');
          expect(c.stats).toEqual(want);
          // The stats describe the column's values exactly.
          expect(c.values.length).toBe(values.length);
        }
      }),
      { numRuns: 150 },
    );
  });
});
