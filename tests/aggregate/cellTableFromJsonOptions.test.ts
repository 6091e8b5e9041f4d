// cellTableFromJson's options one at a time (the others at their strict defaults), and released tables (the release's
// JSON writer) read in the strict mode and in the audit's mode. Expected values are read off the hand-made documents
// written out beside each test, and off the release writers' hand-built fixtures (tests/release/writers/fixtures.ts).
import { describe, expect, it } from 'vitest';
import type { CellTable } from '../../src/aggregate/CellTable.js';
import { cellTableFromJson, type CellTableFromJsonOptions } from '../../src/aggregate/cellTableFromJson.js';
import type { CellTableJson } from '../../src/aggregate/CellTableJson.js';
import { auditReadOptions } from '../../src/audit/auditReadOptions.js';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { formatJson } from '../../src/release/writers/formatJson.js';
import { dpTable, roundingTable, suppressionTable } from '../release/writers/fixtures.js';

const read = (doc: unknown, options?: CellTableFromJsonOptions): CellTable => cellTableFromJson(doc as CellTableJson, options);

function errorOf(f: () => unknown): PrikkError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PrikkError);
    return e as PrikkError;
  }
  throw new Error('expected an error');
}

// One dimension h: Total -> a, b.
const h = [{ name: 'h', total: 'Total', hierarchy: { Total: ['a', 'b'] } }];

describe('cellTableFromJson options are checked before the document is read', () => {
  it('rejects an unknown option, naming the known ones', () => {
    const e = errorOf(() => read('not even JSON', { absentCell: 'zero' } as never));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toMatch(/unknown option 'absentCell' \(expected absentCells, statuses, publishedValues, hiddenValues\)/);
  });

  it.each([
    ['absentCells', 'none', /absentCells: expected 'error', 'zero', 'hidden', got "none"/],
    ['statuses', 'lenient', /statuses: expected 'strict', 'byValue', got "lenient"/],
    ['publishedValues', 'some', /publishedValues: expected 'all', 'unit', 'any', got "some"/],
    ['hiddenValues', true, /hiddenValues: expected 'error', 'drop', got true/],
  ])('rejects %s: %s', (key, value, message) => {
    expect(errorOf(() => read('{', { [key]: value } as never)).message).toMatch(message);
  });

  it('rejects options that are not an object', () => {
    expect(errorOf(() => read('{', 'zero' as never)).message).toMatch(/options: expected an object/);
  });
});

describe('absentCells', () => {
  const doc = { unit: 'persons', dimensions: h, cells: [{ coords: { h: 'a' }, persons: 3, status: 'published' }, { coords: { h: 'Total' }, persons: 3, status: 'published' }] };

  it("error (the default): names how many are missing, one of them, and both ways out", () => {
    expect(errorOf(() => read(doc)).message).toMatch(/1 cell\(s\) of the cube are not listed, e.g. \{"h":"b"\}; pass absentCells: 'zero' .* or 'hidden'/);
  });

  it('zero: a published zero; hidden: a hidden cell with unknown values', () => {
    const z = read(doc, { absentCells: 'zero' });
    expect(z.statusOf(z.indexOf({ h: 'b' }))).toBe('published');
    expect(z.persons![z.indexOf({ h: 'b' })]).toBe(0);
    const hid = read(doc, { absentCells: 'hidden' });
    expect(hid.statusOf(hid.indexOf({ h: 'b' }))).toBe('secondary');
    expect(hid.persons![hid.indexOf({ h: 'b' })]).toBeNaN();
    expect(hid.hasValues(hid.indexOf({ h: 'b' }))).toBe(false);
  });

  it("the option wins over the document's emptyCellsOmitted", () => {
    const omitted = { ...doc, emptyCellsOmitted: true };
    expect(read(omitted).persons![1]).toBe(0); // h: 'b' is node 1 (a, b, Total)
    expect(errorOf(() => read(omitted, { absentCells: 'error' })).message).toMatch(/1 cell\(s\) of the cube are not listed/);
    expect(read(omitted, { absentCells: 'hidden' }).statusOf(1)).toBe('secondary');
  });
});

describe('statuses', () => {
  it("strict (the default): a released table's small cell is hidden (read as secondary), with no value allowed", () => {
    const t = read({ unit: 'persons', dimensions: h, cells: [{ coords: { h: 'a' }, status: 'small' }, { coords: { h: 'b' }, persons: 10, status: 'published' }, { coords: { h: 'Total' }, persons: 15, status: 'published' }] });
    expect(t.statusOf(t.indexOf({ h: 'a' }))).toBe('secondary');
    expect(t.hasValues(t.indexOf({ h: 'a' }))).toBe(false);
    const e = errorOf(() => read({ unit: 'persons', dimensions: h, cells: [{ coords: { h: 'a' }, persons: 5, status: 'small' }] }));
    expect(e.message).toMatch(/cells\[0\] \{"h":"a"\}: a small cell is hidden and must carry no values, but it has persons/);
    expect(e.message).not.toMatch(/5/);
  });

  it('strict: another status is an error that says how to read it', () => {
    const e = errorOf(() => read({ dimensions: h, cells: [{ coords: { h: 'a' }, rows: 4, status: 'rounded' }] }));
    expect(e.message).toMatch(/cells\[0\] \{"h":"a"\}: unknown status "rounded" \(expected one of published, primary, secondary, small; statuses: 'byValue'/);
  });

  it('byValue: another status is published with a count for the unit, hidden without; named statuses as named', () => {
    const t = read(
      {
        unit: 'rows',
        dimensions: h,
        cells: [
          { coords: { h: 'a' }, rows: 4, status: 'rounded' },
          { coords: { h: 'b' }, status: 'small' },
          { coords: { h: 'Total' }, rows: 9, status: 'published' },
        ],
      },
      { statuses: 'byValue' },
    );
    expect([t.statusOf(0), t.rows[0]]).toEqual(['published', 4]);
    expect(t.statusOf(1)).toBe('secondary');
    // A primary cell stays primary even under byValue, and (hiddenValues at its default) must carry no value.
    expect(errorOf(() => read({ dimensions: h, cells: [{ coords: { h: 'a' }, rows: 4, status: 'primary' }] }, { statuses: 'byValue' })).message).toMatch(
      /a primary cell is hidden and must carry no values, but it has rows/,
    );
  });
});

describe('publishedValues', () => {
  it('all (the default): every published cell carries every field the document has', () => {
    const rowsInOne = { unit: 'persons', dimensions: h, cells: [{ coords: { h: 'a' }, rows: 3, persons: 2, status: 'published' }, { coords: { h: 'b' }, persons: 1, status: 'published' }] };
    expect(errorOf(() => read(rowsInOne, { absentCells: 'hidden' })).message).toMatch(/cells\[1\] \{"h":"b"\}\.rows: expected a finite number, got undefined/);
    const sumInOne = { dimensions: h, cells: [{ coords: { h: 'a' }, rows: 3, sums: { los: 4 }, status: 'published' }, { coords: { h: 'b' }, rows: 1, status: 'published' }] };
    expect(errorOf(() => read(sumInOne, { absentCells: 'hidden' })).message).toMatch(/cells\[1\] \{"h":"b"\}\.sums: expected an object with the measures los/);
    const topInOne = { dimensions: h, cells: [{ coords: { h: 'a' }, rows: 3, sums: { los: 4 }, top: { los: [3, 1] }, status: 'published' }, { coords: { h: 'b' }, rows: 1, sums: { los: 2 }, status: 'published' }] };
    expect(errorOf(() => read(topInOne, { absentCells: 'hidden' })).message).toMatch(/cells\[1\] \{"h":"b"\}\.top\.los: expected 2 numbers/);
  });

  it('all: a document of persons without any rows reads (a DP table); rows are unknown', () => {
    const t = read({ unit: 'persons', dimensions: h, cells: [{ coords: { h: 'a' }, persons: 3, status: 'published' }, { coords: { h: 'b' }, persons: 1, status: 'published' }, { coords: { h: 'Total' }, persons: 4, status: 'published' }] });
    expect(Array.from(t.persons!)).toEqual([3, 1, 4]);
    expect(Array.from(t.rows)).toEqual([NaN, NaN, NaN]);
  });

  it('unit: only the count of the unit is needed; what a cell leaves out is unknown', () => {
    const t = read(
      {
        unit: 'persons',
        dimensions: h,
        cells: [
          { coords: { h: 'a' }, rows: 3, persons: 2, sums: { los: 4 }, top: { los: [3, 1] }, status: 'published' },
          { coords: { h: 'b' }, persons: 1, status: 'published' },
          { coords: { h: 'Total' }, persons: 3, status: 'published' },
        ],
      },
      { publishedValues: 'unit' },
    );
    expect([t.rows[0], t.persons![0], t.sums.get('los')![0]]).toEqual([3, 2, 4]);
    expect(Array.from(t.top.get('los')!.values)).toEqual([3, 1, NaN, NaN, NaN, NaN]);
    expect([t.rows[1], t.persons![1], t.sums.get('los')![1]]).toEqual([NaN, 1, NaN]);
    // The unit's count is still required.
    expect(errorOf(() => read({ unit: 'persons', dimensions: h, cells: [{ coords: { h: 'a' }, rows: 3, status: 'published' }] }, { publishedValues: 'unit' })).message).toMatch(
      /cells\[0\] \{"h":"a"\}\.persons: expected a finite number, got undefined/,
    );
  });
});

describe('hiddenValues', () => {
  it('error (the default) lists the value fields a hidden cell carries, an interval included, never their values', () => {
    const doc = { unit: 'persons', dimensions: h, cells: [{ coords: { h: 'a' }, persons: 987654, interval: { lower: 1, upper: 9 }, status: 'secondary' }] };
    const e = errorOf(() => read(doc));
    expect(e.message).toMatch(/a secondary cell is hidden and must carry no values, but it has persons, interval \(hiddenValues: 'drop' ignores them\)/);
    expect(e.message).not.toContain('987654');
  });

  it('drop: the values are ignored and the cell is unknown', () => {
    const t = read(
      { unit: 'persons', dimensions: h, cells: [{ coords: { h: 'a' }, rows: 2, persons: 2, status: 'primary' }, { coords: { h: 'b' }, persons: 5, status: 'published' }, { coords: { h: 'Total' }, persons: 7, status: 'published' }] },
      { hiddenValues: 'drop' },
    );
    expect(t.statusOf(0)).toBe('primary');
    expect([t.rows[0], t.persons![0]]).toEqual([NaN, NaN]);
  });
});

describe('coords and dimensions', () => {
  it('a dimension left out of coords is its total, in the strict mode too', () => {
    const t = read({ unit: 'rows', dimensions: h, cells: [{ coords: { h: 'a' }, rows: 1, status: 'published' }, { coords: { h: 'b' }, rows: 2, status: 'published' }, { coords: {}, rows: 3, status: 'published' }] });
    expect(t.rows[t.indexOf({ h: 'Total' })]).toBe(3);
  });

  it('rejects a label that is not a string, and a dimension named twice', () => {
    expect(errorOf(() => read({ dimensions: h, cells: [{ coords: { h: 1 }, rows: 1, status: 'published' }] })).message).toMatch(
      /cells\[0\] \{"h":1\}: the label of the dimension 'h' must be a string/,
    );
    expect(errorOf(() => read({ dimensions: [...h, ...h], cells: [] })).message).toMatch(/dimensions: 'h' appears twice/);
  });
});

describe('released tables (the release JSON writer) read in both modes', () => {
  const modes: [string, CellTableFromJsonOptions | undefined][] = [
    ['strict', undefined],
    ['audit', auditReadOptions],
  ];
  // What each released cell must read as: hidden statuses other than primary become secondary (no `small` in CellTable).
  const expectedStatus = (s: string): string => (s === 'small' ? 'secondary' : s);

  for (const [mode, options] of modes) {
    for (const released of [suppressionTable, roundingTable, dpTable]) {
      it(`${mode}: ${released.method} (${released.name}) gives every status and every published value`, () => {
        const t = read(formatJson(released), options);
        expect(t.unit).toBe(released.unit);
        expect(t.dimensions.map((d) => d.name)).toEqual(released.dimensions.map((d) => d.name));
        expect(t.cellCount).toBe(released.cells.length);
        for (const c of released.cells) {
          const i = t.indexOf(c.coords);
          expect(t.statusOf(i)).toBe(expectedStatus(c.status));
          if (c.status !== 'published') {
            expect(t.persons![i]).toBeNaN();
            expect(t.rows[i]).toBeNaN();
            continue;
          }
          expect(t.persons![i]).toBe(c.persons);
          // The DP fixture releases persons only: its rows are unknown, not zero.
          if (c.rows === undefined) expect(t.rows[i]).toBeNaN();
          else expect(t.rows[i]).toBe(c.rows);
          for (const m of released.measures) expect(t.sums.get(m)![i]).toBe(c.sums![m]);
        }
      });
    }
  }
});
