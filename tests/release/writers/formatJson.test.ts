import { describe, expect, it } from 'vitest';
import { cellTableFromJson } from '../../../src/aggregate/cellTableFromJson.js';
import { auditReadOptions } from '../../../src/audit/auditReadOptions.js';
import type { ReleasedCell, ReleasedTable } from '../../../src/release/ReleasedTable.js';
import { formatJson } from '../../../src/release/writers/formatJson.js';
import { dpTable, roundingTable, suppressionTable } from './fixtures.js';

/** The same object with its keys in reverse order, recursively (arrays keep their order). */
function reversedKeys<T>(x: T): T {
  if (Array.isArray(x)) return x.map(reversedKeys) as T;
  if (typeof x !== 'object' || x === null) return x;
  return Object.fromEntries(Object.entries(x).reverse().map(([k, v]) => [k, reversedKeys(v)])) as T;
}

describe('formatJson', () => {
  it('writes pretty JSON (2 spaces, trailing newline) with the fields in a stable order', () => {
    const text = formatJson(suppressionTable);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n').slice(0, 3)).toEqual(['{', '  "format": "prikk.cell-table/1",', '  "name": "by_hospital_sex",']);
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([
      'format', 'name', 'title', 'method', 'unit', 'measures', 'valueFields', 'dimensions', 'cells', 'legend', 'notes', 'summary',
    ]);
    const cells = doc.cells as Record<string, unknown>[];
    expect(Object.keys(cells[2]!)).toEqual(['coords', 'rows', 'persons', 'sums', 'means', 'status']);
    expect(cells[0]).toEqual({ coords: { hospital: 'A', sex: 'F' }, status: 'primary' });
    expect(cells[2]).toEqual({
      coords: { hospital: 'A', sex: 'Total' }, rows: 9, persons: 8, sums: { cost: 800.25 }, means: { cost: 800.25 / 9 }, status: 'published',
    });
    expect(Object.keys(doc.summary as object)).toEqual(['cells', 'hiddenCells', 'hiddenCellShare', 'hiddenCountShare']);
  });

  it('gives the same text whatever the key order of the input objects', () => {
    for (const t of [suppressionTable, roundingTable, dpTable]) expect(formatJson(reversedKeys(t))).toBe(formatJson(t));
  });

  it('writes intervals and postProcessed for DP cells, in the documented place', () => {
    const doc = JSON.parse(formatJson(dpTable)) as { cells: Record<string, unknown>[] };
    expect(Object.keys(doc.cells[2]!)).toEqual(['coords', 'persons', 'interval', 'postProcessed', 'status']);
    expect(doc.cells[0]).toEqual({ coords: { year: '2023' }, persons: 4, interval: { lower: -3.2, upper: 11.2 }, status: 'published' });
  });

  it('never writes a field it does not know (e.g. top contributions, single persons\' values)', () => {
    const withTop = {
      ...suppressionTable,
      cells: suppressionTable.cells.map((c) => (c.status === 'published' ? ({ ...c, top: { cost: [777111] } } as ReleasedCell) : c)),
      secret: 777222,
    } as ReleasedTable;
    const text = formatJson(withTop);
    expect(text).not.toContain('777111');
    expect(text).not.toContain('777222');
    expect(text).not.toContain('top');
  });

  it('is read back by cellTableFromJson with every published value and every hidden status', () => {
    const t = cellTableFromJson(formatJson(suppressionTable));
    expect(t.dimensions.map((d) => d.name)).toEqual(['hospital', 'sex']);
    for (const c of suppressionTable.cells) {
      const i = t.indexOf(c.coords);
      expect(t.statusOf(i)).toBe(c.status);
      if (c.status === 'published') {
        expect(t.rows[i]).toBe(c.rows);
        expect(t.persons![i]).toBe(c.persons);
        expect(t.sums.get('cost')![i]).toBe(c.sums!.cost);
      } else {
        expect(t.hasValues(i)).toBe(false);
      }
    }
  });

  it("is read back by cellTableFromJson the audit's way (so prikk audit works on a released table)", () => {
    const t = cellTableFromJson(JSON.parse(formatJson(suppressionTable)), auditReadOptions);
    expect(t.unit).toBe('persons');
    expect(t.statusOf(t.indexOf({ hospital: 'A', sex: 'F' }))).toBe('primary');
    expect(t.statusOf(t.indexOf({ hospital: 'B', sex: 'M' }))).toBe('secondary');
    expect(t.persons![t.indexOf({ hospital: 'C', sex: 'F' })]).toBe(12);
    // A DP table (persons only, with intervals) too.
    const dp = cellTableFromJson(JSON.parse(formatJson(dpTable)), auditReadOptions);
    expect(dp.persons![dp.indexOf({ year: 'Total' })]).toBe(4);
  });

  it('refuses a table whose hidden cell carries a value', () => {
    const leaky = { ...suppressionTable, cells: [{ coords: { hospital: 'A', sex: 'F' }, status: 'primary', rows: 987654 }, ...suppressionTable.cells.slice(1)] };
    expect(() => formatJson(leaky as ReleasedTable)).toThrow(/a primary cell must carry no value, but it has rows/);
  });
});
