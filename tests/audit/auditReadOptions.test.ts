// The audit's reading of the cell-table JSON form: cellTableFromJson(doc, auditReadOptions). Every behaviour of the
// audit's former reader (src/audit/tableFromJson.ts, merged into cellTableFromJson) is checked here on hand-made
// documents; every expected value is read off the document written out beside it.
import { describe, expect, it } from 'vitest';
import type { CellTable } from '../../src/aggregate/CellTable.js';
import { cellTableFromJson } from '../../src/aggregate/cellTableFromJson.js';
import type { CellTableJson } from '../../src/aggregate/CellTableJson.js';
import { auditReadOptions } from '../../src/audit/auditReadOptions.js';
import { auditTable } from '../../src/audit/auditTable.js';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { frequencyRule } from '../../src/protect/suppression/rules/frequencyRule.js';

const read = (doc: unknown): CellTable => cellTableFromJson(doc as CellTableJson, auditReadOptions);

/** Status, and persons / rows / the sum of `los` (NaN when unknown), of the cell at `coords`. */
function cell(t: CellTable, coords: Record<string, string>): { status: string; persons: number | undefined; rows: number; los: number | undefined } {
  const i = t.indexOf(coords);
  return { status: t.statusOf(i), persons: t.persons?.[i], rows: t.rows[i]!, los: t.sums.get('los')?.[i] };
}

// One dimension h: Total -> a, b, c.
const h = [{ name: 'h', total: 'Total', hierarchy: { Total: ['a', 'b', 'c'] } }];

describe('auditReadOptions', () => {
  it('is the attacker-view combination of the options, and frozen', () => {
    expect(auditReadOptions).toEqual({ absentCells: 'hidden', statuses: 'byValue', publishedValues: 'any', hiddenValues: 'drop' });
    expect(Object.isFrozen(auditReadOptions)).toBe(true);
  });
});

describe('cellTableFromJson with auditReadOptions (the audit reads what an attacker sees)', () => {
  it('keeps the values of published cells and reads primary / secondary cells as hidden with unknown values', () => {
    const t = read({
      unit: 'persons',
      dimensions: h,
      cells: [
        { coords: { h: 'a' }, status: 'primary' },
        { coords: { h: 'b' }, status: 'secondary' },
        { coords: { h: 'c' }, rows: 9, persons: 7, sums: { los: 30 }, status: 'published' },
        { coords: { h: 'Total' }, rows: 15, persons: 12, sums: { los: 44 }, status: 'published' },
      ],
    });
    expect(cell(t, { h: 'a' })).toEqual({ status: 'primary', persons: NaN, rows: NaN, los: NaN });
    expect(cell(t, { h: 'b' })).toEqual({ status: 'secondary', persons: NaN, rows: NaN, los: NaN });
    expect(cell(t, { h: 'c' })).toEqual({ status: 'published', persons: 7, rows: 9, los: 30 });
    expect(cell(t, { h: 'Total' })).toEqual({ status: 'published', persons: 12, rows: 15, los: 44 });
  });

  it('reads a cell missing from the document as hidden (secondary), not as a zero', () => {
    const t = read({
      unit: 'persons',
      dimensions: h,
      cells: [
        { coords: { h: 'a' }, persons: 4, status: 'published' },
        { coords: { h: 'Total' }, persons: 10, status: 'published' },
      ],
    });
    expect(cell(t, { h: 'b' })).toEqual({ status: 'secondary', persons: NaN, rows: NaN, los: undefined });
    expect(cell(t, { h: 'c' }).status).toBe('secondary');
    expect(t.hasValues(t.indexOf({ h: 'b' }))).toBe(false);
  });

  it("even when the document says emptyCellsOmitted (the option wins: the attacker does not know the writer's intent)", () => {
    const t = read({ unit: 'persons', emptyCellsOmitted: true, dimensions: h, cells: [{ coords: { h: 'Total' }, persons: 10, status: 'published' }] });
    expect(cell(t, { h: 'a' }).status).toBe('secondary');
  });

  it("reads a rounding release's `small` cell without a value as hidden, and another tool's `rounded` cell with one as published", () => {
    const t = read({
      unit: 'persons',
      dimensions: [{ name: 'h', total: 'Total', hierarchy: { Total: ['a', 'b'] } }],
      cells: [
        { coords: { h: 'a' }, status: 'small' },
        { coords: { h: 'b' }, persons: 10, status: 'rounded' },
        { coords: { h: 'Total' }, persons: 15, status: 'published' },
      ],
    });
    expect(cell(t, { h: 'a' })).toMatchObject({ status: 'secondary', persons: NaN });
    expect(cell(t, { h: 'b' })).toMatchObject({ status: 'published', persons: 10 });
  });

  it('reads a `small` cell that shows a count as published, and a cell with no status by its value too', () => {
    const t = read({
      unit: 'persons',
      dimensions: h,
      cells: [
        { coords: { h: 'a' }, persons: 5, status: 'small' },
        { coords: { h: 'b' }, persons: 6 },
        { coords: { h: 'c' } },
        { coords: { h: 'Total' }, persons: 15, status: 'published' },
      ],
    });
    expect(cell(t, { h: 'a' })).toMatchObject({ status: 'published', persons: 5 });
    expect(cell(t, { h: 'b' })).toMatchObject({ status: 'published', persons: 6 });
    expect(cell(t, { h: 'c' })).toMatchObject({ status: 'secondary', persons: NaN });
  });

  it('decides "has a value" by the unit: under unit rows, a cell of another status with persons but no rows is hidden', () => {
    const t = read({
      unit: 'rows',
      dimensions: h,
      cells: [
        { coords: { h: 'a' }, persons: 3, status: 'rounded' },
        { coords: { h: 'b' }, rows: 4, status: 'rounded' },
        { coords: { h: 'Total' }, rows: 12, status: 'published' },
      ],
    });
    expect(t.unit).toBe('rows');
    // No published cell carries persons, so the table has no person counts at all.
    expect(cell(t, { h: 'a' })).toEqual({ status: 'secondary', rows: NaN, persons: undefined, los: undefined });
    expect(cell(t, { h: 'b' })).toMatchObject({ status: 'published', rows: 4 });
  });

  it('infers the unit: persons when a cell that may be published carries persons, else rows', () => {
    expect(read({ dimensions: h, cells: [{ coords: { h: 'Total' }, rows: 5, persons: 4, status: 'published' }] }).unit).toBe('persons');
    expect(read({ dimensions: h, cells: [{ coords: { h: 'a' }, persons: 4, status: 'rounded' }] }).unit).toBe('persons');
    expect(read({ dimensions: h, cells: [{ coords: { h: 'Total' }, rows: 5, status: 'published' }] }).unit).toBe('rows');
  });

  it('needs only the unit count in a published cell: a DP table of persons without rows or sums reads, the rest unknown', () => {
    const t = read({
      unit: 'persons',
      measures: ['los'],
      dimensions: h,
      cells: [
        { coords: { h: 'a' }, persons: 4, status: 'published' },
        { coords: { h: 'b' }, persons: 0, rows: 0, status: 'published' },
        { coords: { h: 'c' }, persons: 2, sums: { los: 11 }, status: 'published' },
        { coords: { h: 'Total' }, persons: 6, status: 'published' },
      ],
    });
    expect(cell(t, { h: 'a' })).toEqual({ status: 'published', persons: 4, rows: NaN, los: NaN });
    expect(cell(t, { h: 'b' })).toEqual({ status: 'published', persons: 0, rows: 0, los: NaN });
    expect(cell(t, { h: 'c' })).toEqual({ status: 'published', persons: 2, rows: NaN, los: 11 });
  });

  it('reads a table of sums only (a magnitude table): the unit rows (no persons), every count unknown, the sums kept', () => {
    const t = read({
      measures: ['los'],
      dimensions: h,
      cells: [
        { coords: { h: 'a' }, sums: { los: 7 }, status: 'published' },
        { coords: { h: 'b' }, status: 'primary' },
        { coords: { h: 'c' }, sums: { los: 4 }, status: 'published' },
        { coords: { h: 'Total' }, sums: { los: 20 }, status: 'published' },
      ],
    });
    expect(cell(t, { h: 'a' })).toEqual({ status: 'published', persons: undefined, rows: NaN, los: 7 });
    expect(cell(t, { h: 'b' })).toEqual({ status: 'primary', persons: undefined, rows: NaN, los: NaN });
  });

  it('collects the measures from every cell when the document does not list them', () => {
    const t = read({
      dimensions: h,
      cells: [
        { coords: { h: 'a' }, rows: 1, sums: { los: 2 }, status: 'published' },
        { coords: { h: 'Total' }, rows: 3, sums: { cost: 40 }, status: 'published' },
      ],
    });
    expect(t.measures.sort()).toEqual(['cost', 'los']);
    expect(t.sums.get('cost')![t.indexOf({})]).toBe(40);
    expect(t.sums.get('cost')![t.indexOf({ h: 'a' })]).toBeNaN();
  });

  it("ignores a hidden cell's values (a file that carries every value with the statuses): the cell stays unknown", () => {
    const t = read({
      unit: 'persons',
      dimensions: h,
      cells: [
        { coords: { h: 'a' }, rows: 2, persons: 2, sums: { los: 9 }, status: 'primary' },
        { coords: { h: 'b' }, persons: 5, status: 'secondary' },
        { coords: { h: 'c' }, persons: 3, status: 'published' },
        { coords: { h: 'Total' }, persons: 10, status: 'published' },
      ],
    });
    expect(cell(t, { h: 'a' })).toEqual({ status: 'primary', persons: NaN, rows: NaN, los: NaN });
    expect(cell(t, { h: 'b' })).toMatchObject({ status: 'secondary', persons: NaN });
  });

  it('reads a dimension left out of coords as its total', () => {
    const t = read({
      unit: 'persons',
      dimensions: [
        { name: 'r', total: 'All', hierarchy: { All: ['x', 'y'] } },
        { name: 's', total: 'Both', hierarchy: { Both: ['f', 'm'] } },
      ],
      cells: [
        { coords: { r: 'x' }, persons: 8, status: 'published' },
        { coords: { s: 'f' }, status: 'primary' },
        { coords: {}, persons: 20, status: 'published' },
      ],
    });
    expect(cell(t, { r: 'x', s: 'Both' })).toMatchObject({ status: 'published', persons: 8 });
    expect(cell(t, { r: 'All', s: 'f' }).status).toBe('primary');
    expect(cell(t, { r: 'All', s: 'Both' })).toMatchObject({ status: 'published', persons: 20 });
  });

  it('orders the leaves of a deeper hierarchy depth-first, as listed', () => {
    const t = read({
      dimensions: [{ name: 'm', total: 'T', hierarchy: { T: ['n', 's'], n: ['n2', 'n1'], s: ['s1'] } }],
      cells: [{ coords: {}, rows: 1, status: 'published' }],
    });
    const labels = t.dimensions[0]!.hierarchy.labels;
    expect(labels.slice(0, 3)).toEqual(['n2', 'n1', 's1']);
    expect(labels.at(-1)).toBe('T');
    expect(t.dimensions[0]!.hierarchy.labels[t.dimensions[0]!.hierarchy.parents[1]!]).toBe('n');
  });

  // The former reader's errors, with their key facts: what is wrong, which cell (index), which name or label.
  const bad: [string, unknown, string, RegExp[]][] = [
    ['not an object', 42, 'INVALID_ARGUMENT', [/expected a JSON object with the arrays "dimensions" and "cells"/]],
    ['no cells array', { dimensions: h }, 'INVALID_ARGUMENT', [/cells: expected an array/]],
    ['no dimensions array', { cells: [] }, 'INVALID_ARGUMENT', [/dimensions: expected a non-empty array/]],
    [
      'an unknown dimension in a cell',
      { dimensions: h, cells: [{ coords: { h: 'a' }, rows: 1, status: 'published' }, { coords: { hh: 'a' }, rows: 1, status: 'published' }] },
      'INVALID_ARGUMENT',
      [/cells\[1\]/, /'hh' is not a dimension/],
    ],
    [
      'an unknown label',
      { dimensions: h, cells: [{ coords: { h: 'z' }, status: 'primary' }] },
      'INVALID_ARGUMENT',
      [/cells\[0\]/, /'z' is not a node of the dimension 'h'/],
    ],
    [
      'a published cell without any value (a count or a sum)',
      { unit: 'persons', dimensions: h, cells: [{ coords: { h: 'a' }, status: 'published' }] },
      'INVALID_ARGUMENT',
      [/cells\[0\] \{"h":"a"\}: a published cell must carry at least one value/],
    ],
    [
      'a published cell whose unit count is not finite',
      { unit: 'rows', dimensions: h, cells: [{ coords: { h: 'a' }, rows: '3', status: 'published' }] },
      'INVALID_ARGUMENT',
      [/cells\[0\] \{"h":"a"\}\.rows: expected a finite number, got "3"/],
    ],
    [
      'a label twice in a hierarchy',
      { dimensions: [{ name: 'h', total: 'T', hierarchy: { T: ['a', 'b'], b: ['a'] } }], cells: [] },
      'INVALID_SCHEMA',
      [/dimensions\[0\] 'h'/, /'a' appears twice/],
    ],
    ['a dimension without a total', { dimensions: [{ name: 'h', hierarchy: { T: ['a'] } }], cells: [] }, 'INVALID_ARGUMENT', [/dimensions\[0\]: expected \{ name, total, hierarchy \}/]],
    [
      'a hierarchy that is not an object',
      { dimensions: [{ name: 'h', total: 'T', hierarchy: ['a'] }], cells: [] },
      'INVALID_SCHEMA',
      [/dimensions\[0\] 'h': expected an object \{ parent: \[children\] \}/],
    ],
  ];
  for (const [name, doc, code, messages] of bad) {
    it(`rejects ${name}`, () => {
      let error: unknown;
      try {
        read(doc);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PrikkError);
      expect((error as PrikkError).code).toBe(code);
      for (const m of messages) expect((error as PrikkError).message).toMatch(m);
    });
  }

  it('never puts a hidden value in an error message', () => {
    // 987654 is the value of a hidden cell; the document is wrong elsewhere (a later unknown label).
    const doc = { unit: 'persons', dimensions: h, cells: [{ coords: { h: 'a' }, persons: 987654, status: 'primary' }, { coords: { h: 'q' }, status: 'primary' }] };
    expect(() => read(doc)).toThrow(/'q' is not a node/);
    try {
      read(doc);
    } catch (e) {
      expect((e as Error).message).not.toContain('987654');
    }
  });
});

describe('auditTable reads JSON tables the same way', () => {
  it('audits a document whose cells are partly absent, as hidden cells (hand-solved)', async () => {
    // 2 × 2 with margins. Listed: a/1 (primary), b/2 = 7 and the margins a = 11, b = 9, 1 = 4, 2 = 16, total 20;
    // a/2 and b/1 are absent, so hidden. By hand: b1 = b - b2 = 9 - 7 = 2, a1 = col 1 - b1 = 4 - 2 = 2,
    // a2 = 11 - 2 = 9 (check: a2 + b2 = 16 = col 2). a/1 is pinned at 2: width 0, the audit fails.
    const doc = {
      unit: 'persons',
      dimensions: [
        { name: 'r', total: 'T', hierarchy: { T: ['a', 'b'] } },
        { name: 'c', total: 'T', hierarchy: { T: ['1', '2'] } },
      ],
      cells: [
        { coords: { r: 'a', c: '1' }, status: 'primary' },
        { coords: { r: 'b', c: '2' }, persons: 7, status: 'published' },
        { coords: { r: 'a', c: 'T' }, persons: 11, status: 'published' },
        { coords: { r: 'b', c: 'T' }, persons: 9, status: 'published' },
        { coords: { r: 'T', c: '1' }, persons: 4, status: 'published' },
        { coords: { r: 'T', c: '2' }, persons: 16, status: 'published' },
        { coords: { r: 'T', c: 'T' }, persons: 20, status: 'published' },
      ],
    };
    const r = await auditTable(doc as CellTableJson, { rules: [frequencyRule({ n: 3 })] });
    expect(r.passed).toBe(false);
    expect(r.cellsChecked).toBe(1);
    expect(r.narrowest?.width).toBe(0);
    expect(r.narrowest?.coords).toEqual({ r: 'a', c: '1' });
  });
});
