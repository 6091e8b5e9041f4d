import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/aggregate.js';
import { CELL_STATUS, type CellTable } from '../../src/aggregate/CellTable.js';
import { cellTableFromJson } from '../../src/aggregate/cellTableFromJson.js';
import type { CellTableJson } from '../../src/aggregate/CellTableJson.js';
import { cellTableToJson } from '../../src/aggregate/cellTableToJson.js';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { makeExtract, tree } from './helpers.js';

// Municipality 0301 -> 03, 1101 / 1103 -> 11, under Total; sex 1 / 2. Four persons, five rows:
//   A (0301, 1, cost 10), A (0301, 1, cost 5), B (1101, 2, cost 7), C (1103, 2, cost 1), D (1103, 1, cost 4).
const municipality = tree('Total', { Total: ['03', '11'], '03': ['0301'], '11': ['1101', '1103'] });
const extract = makeExtract(
  { municipality: { kind: 'code' }, sex: { kind: 'code', codes: ['1', '2'] }, cost: { kind: 'number' } },
  [
    { pid: 'A', municipality: '0301', sex: '1', cost: 10 },
    { pid: 'A', municipality: '0301', sex: '1', cost: 5 },
    { pid: 'B', municipality: '1101', sex: '2', cost: 7 },
    { pid: 'C', municipality: '1103', sex: '2', cost: 1 },
    { pid: 'D', municipality: '1103', sex: '1', cost: 4 },
  ],
  'pid',
);
const table = aggregate(extract, { dimensions: [{ column: 'municipality', hierarchy: municipality }, 'sex'], measures: ['cost'] });

function hide(t: CellTable, coords: Record<string, string>[], status: 'primary' | 'secondary'): CellTable {
  const s = Uint8Array.from(t.status);
  for (const c of coords) s[t.indexOf(c)] = CELL_STATUS.indexOf(status);
  return t.withStatus(s);
}

describe('cellTableToJson', () => {
  const json = cellTableToJson(table);

  it('writes the header and the hierarchies', () => {
    expect(json.format).toBe('prikk.cell-table/1');
    expect(json.unit).toBe('persons');
    expect(json.measures).toEqual(['cost']);
    expect(json.dimensions).toEqual([
      { name: 'municipality', total: 'Total', hierarchy: { Total: ['03', '11'], '03': ['0301'], '11': ['1101', '1103'] } },
      { name: 'sex', total: 'Total', hierarchy: { Total: ['1', '2'] } },
    ]);
    expect(json.cells).toHaveLength(18);
  });

  it('writes every value of a published cell, with means = sum / rows, and key order coords first, status last', () => {
    // (0301, 1): A's two rows, 10 + 5 = 15, mean 7.5.
    const c = json.cells.find((x) => x.coords.municipality === '0301' && x.coords.sex === '1')!;
    expect(c).toEqual({ coords: { municipality: '0301', sex: '1' }, rows: 2, persons: 1, sums: { cost: 15 }, means: { cost: 7.5 }, status: 'published' });
    expect(Object.keys(c)).toEqual(['coords', 'rows', 'persons', 'sums', 'means', 'status']);
    // (0301, 2) is empty: a zero, no mean.
    const empty = json.cells.find((x) => x.coords.municipality === '0301' && x.coords.sex === '2')!;
    expect(empty).toEqual({ coords: { municipality: '0301', sex: '2' }, rows: 0, persons: 0, sums: { cost: 0 }, means: {}, status: 'published' });
  });

  it('never writes a value of a hidden cell, and never writes top contributions unless asked', () => {
    const hidden = hide(table, [{ municipality: '1101', sex: '2' }, { municipality: '1103', sex: '2' }], 'primary');
    const j = cellTableToJson(hidden);
    const c = j.cells.find((x) => x.coords.municipality === '1101' && x.coords.sex === '2')!;
    expect(c).toEqual({ coords: { municipality: '1101', sex: '2' }, status: 'primary' });
    expect(j.cells.every((x) => x.top === undefined)).toBe(true);
    const withTop = cellTableToJson(hidden, { includeTop: true });
    // (11, Total): B 7, C 1, D 4 -> top two 7, 4.
    expect(withTop.cells.find((x) => x.coords.municipality === '11' && x.coords.sex === 'Total')!.top).toEqual({ cost: [7, 4] });
    expect(withTop.cells.find((x) => x.coords.municipality === '1101' && x.coords.sex === '2')!.top).toBeUndefined();
  });

  it('leaves out empty published cells on request, but never hidden ones', () => {
    const hidden = hide(table, [{ municipality: '0301', sex: '2' }], 'secondary'); // an empty cell, hidden
    const j = cellTableToJson(hidden, { includeEmpty: false });
    expect(j.emptyCellsOmitted).toBe(true);
    // Empty cells: (0301,2), (03,2), (1101,1); (0301,2) is hidden and stays.
    expect(j.cells).toHaveLength(16);
    expect(j.cells.find((x) => x.coords.municipality === '0301' && x.coords.sex === '2')).toEqual({ coords: { municipality: '0301', sex: '2' }, status: 'secondary' });
  });

  it('rejects unknown options', () => {
    expect(() => cellTableToJson(table, { includeEmpties: false } as never)).toThrow(/unknown option 'includeEmpties'/);
  });
});

describe('cellTableFromJson', () => {
  function same(a: CellTable, b: CellTable): void {
    expect(b.unit).toBe(a.unit);
    expect(b.cellCount).toBe(a.cellCount);
    for (let i = 0; i < a.cellCount; i++) {
      const j = b.indexOf(a.coords(i));
      expect(b.statusOf(j)).toBe(a.statusOf(i));
      expect(b.rows[j]).toBe(a.rows[i]);
      expect(b.persons![j]).toBe(a.persons![i]);
      expect(b.sums.get('cost')![j]).toBe(a.sums.get('cost')![i]);
    }
  }

  it('round-trips a table through JSON text', () => {
    const back = cellTableFromJson(JSON.stringify(cellTableToJson(table)));
    same(table, back);
    expect(back.dimensions[0]!.hierarchy.labels).toEqual(municipality.labels);
    expect(back.top.size).toBe(0);
  });

  it('round-trips top contributions when they were written', () => {
    const back = cellTableFromJson(cellTableToJson(table, { includeTop: true }));
    expect(back.top.get('cost')!.values).toEqual(table.top.get('cost')!.values);
  });

  it('reads hidden cells as unknown (NaN) and says so', () => {
    const hidden = hide(table, [{ municipality: '1101', sex: '2' }], 'primary');
    const back = cellTableFromJson(cellTableToJson(hidden, { includeTop: true }));
    const i = back.indexOf({ municipality: '1101', sex: '2' });
    expect(back.statusOf(i)).toBe('primary');
    expect(back.hasValues(i)).toBe(false);
    expect(back.rows[i]).toBeNaN();
    expect(back.persons![i]).toBeNaN();
    expect(back.sums.get('cost')![i]).toBeNaN();
    expect(back.top.get('cost')!.values[i * 2]).toBeNaN();
    expect(back.hasValues(back.indexOf({}))).toBe(true);
    // Written again, the hidden cell still carries no value.
    expect(cellTableToJson(back).cells.find((c) => c.coords.municipality === '1101' && c.coords.sex === '2')).toEqual({
      coords: { municipality: '1101', sex: '2' },
      status: 'primary',
    });
  });

  it('treats absent cells as zeros only when told', () => {
    const sparse = cellTableToJson(table, { includeEmpty: false });
    same(table, cellTableFromJson(sparse)); // the document says emptyCellsOmitted
    const { emptyCellsOmitted: _, ...untold } = sparse;
    expect(() => cellTableFromJson(untold)).toThrow(/3 cell\(s\) of the cube are not listed, e.g. \{"municipality":"0301","sex":"2"\}/);
    same(table, cellTableFromJson(untold, { absentCells: 'zero' }));
  });

  it('reads a minimal document from another tool (no format, unit or measures)', () => {
    const doc: CellTableJson = {
      dimensions: [{ name: 'region', total: 'All', hierarchy: { All: ['A', 'B'] } }],
      cells: [
        { coords: { region: 'A' }, rows: 3, persons: 2, sums: { los: 12 }, status: 'published' },
        { coords: { region: 'B' }, status: 'primary' },
        { coords: { region: 'All' }, rows: 4, persons: 3, sums: { los: 20 }, status: 'published' },
      ],
    };
    const t = cellTableFromJson(doc);
    expect(t.unit).toBe('persons');
    expect(t.measures).toEqual(['los']);
    expect(t.rows[t.indexOf({})]).toBe(4);
    expect(t.hasValues(t.indexOf({ region: 'B' }))).toBe(false);
  });

  const bad: [string, unknown, string, RegExp][] = [
    ['not JSON', '{', 'MALFORMED_INPUT', /not JSON/],
    ['wrong format', { format: 'x/2', dimensions: [{ name: 'a', total: 'T', hierarchy: {} }], cells: [] }, 'INVALID_ARGUMENT', /format: expected 'prikk.cell-table\/1'/],
    [
      'a hidden cell with a value',
      { dimensions: [{ name: 'a', total: 'T', hierarchy: {} }], cells: [{ coords: { a: 'T' }, rows: 3, status: 'primary' }] },
      'INVALID_ARGUMENT',
      /a primary cell is hidden and must carry no values, but it has rows/,
    ],
    [
      'an unknown label',
      { dimensions: [{ name: 'a', total: 'T', hierarchy: { T: ['x'] } }], cells: [{ coords: { a: 'y' }, rows: 3, status: 'published' }] },
      'INVALID_ARGUMENT',
      /'y' is not a node of the dimension 'a'/,
    ],
    [
      'a cell listed twice',
      {
        dimensions: [{ name: 'a', total: 'T', hierarchy: {} }],
        cells: [
          { coords: { a: 'T' }, rows: 3, status: 'published' },
          { coords: { a: 'T' }, rows: 3, status: 'published' },
        ],
      },
      'INVALID_ARGUMENT',
      /listed twice/,
    ],
    [
      'an unknown status',
      { dimensions: [{ name: 'a', total: 'T', hierarchy: {} }], cells: [{ coords: { a: 'T' }, status: 'gone' }] },
      'INVALID_ARGUMENT',
      /unknown status "gone"/,
    ],
    [
      'a published cell without rows',
      { dimensions: [{ name: 'a', total: 'T', hierarchy: {} }], cells: [{ coords: { a: 'T' }, status: 'published' }] },
      'INVALID_ARGUMENT',
      /\.rows: expected a finite number/,
    ],
    [
      'a node with two parents',
      { dimensions: [{ name: 'a', total: 'T', hierarchy: { T: ['x', 'y'], x: ['z'], y: ['z'] } }], cells: [] },
      'INVALID_SCHEMA',
      /'z' appears twice/,
    ],
  ];
  for (const [name, doc, code, message] of bad) {
    it(`rejects ${name}`, () => {
      let error: unknown;
      try {
        cellTableFromJson(doc as CellTableJson);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PrikkError);
      expect((error as PrikkError).code).toBe(code);
      expect((error as PrikkError).message).toMatch(message);
    });
  }
});
