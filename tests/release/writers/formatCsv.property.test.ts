import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import type { ReleasedCell, ReleasedStatus, ReleasedTable, ValueField } from '../../../src/release/ReleasedTable.js';
import { formatCsv, type CsvWriteOptions } from '../../../src/release/writers/formatCsv.js';
import { formatJson } from '../../../src/release/writers/formatJson.js';

// Characters that make CSV hard: both delimiters, quote, CR, LF, TAB, the formula starters, a non-ASCII letter.
const CHARS = ['a', 'Z', 'ø', ' ', ';', ',', '"', '\n', '\r', '\t', '=', '+', '-', '@', "'", '1'];
const label = fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 5 });
// Symbols a policy might choose; no digit (a digit in a symbol is the analyst's choice, and would defeat the check).
const SYMBOL = fc.constantFrom('..', ':', '*', 'x', '-', '<n', '"q"', 'a;b');

/** A random released table: 1–2 dimensions, random statuses, values, decimals, optional DP intervals. */
const releasedTable: fc.Arbitrary<ReleasedTable> = fc
  .record({
    leaves: fc.array(fc.uniqueArray(label.filter((l) => l !== 'Total'), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
    decimals: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })),
    intervals: fc.boolean(),
    symbols: fc.tuple(SYMBOL, SYMBOL, SYMBOL),
    seed: fc.array(
      fc.record({
        status: fc.constantFrom<ReleasedStatus>('published', 'published', 'primary', 'secondary', 'small'),
        persons: fc.integer({ min: 0, max: 10_000_000 }),
        sum: fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        rows: fc.integer({ min: 0, max: 5 }),
        halfWidth: fc.double({ min: 0, max: 100, noNaN: true }),
      }),
      { minLength: 16, maxLength: 16 },
    ),
  })
  .map(({ leaves, decimals, intervals, symbols, seed }) => {
    const dimensions = leaves.map((ls, d) => ({ name: `dim${d}`, total: 'Total', hierarchy: { Total: ls } }));
    const nodes = leaves.map((ls) => [...ls, 'Total']);
    // The cube's cells in row-major order, last dimension fastest.
    let coords: Record<string, string>[] = [{}];
    nodes.forEach((ns, d) => {
      coords = coords.flatMap((c) => ns.map((n) => ({ ...c, [`dim${d}`]: n })));
    });
    const cells = coords.map((c, i): ReleasedCell => {
      const s = seed[i % seed.length]!;
      if (s.status !== 'published') return { coords: c, status: s.status };
      const cell: ReleasedCell = {
        coords: c,
        rows: s.rows,
        persons: s.persons,
        sums: { cost: s.sum },
        ...(s.rows > 0 ? { means: { cost: s.sum / s.rows } } : {}),
        ...(intervals ? { interval: { lower: s.persons - s.halfWidth, upper: s.persons + s.halfWidth } } : {}),
        status: 'published',
      };
      return cell;
    });
    const valueFields: ValueField[] = [
      { key: 'persons', label: 'Persons', decimals: 0 },
      { key: 'sum:cost', label: 'Sum of cost', decimals: decimals[0] },
      { key: 'mean:cost', label: 'Mean of cost', decimals: decimals[1] },
    ];
    const hidden = (['primary', 'secondary', 'small'] as const).map((status, j) => ({
      status,
      symbol: symbols[j]!,
      meaning: `Hidden (${status})`,
      cells: cells.filter((c) => c.status === status).length,
    }));
    const table: ReleasedTable = {
      format: 'prikk.cell-table/1',
      name: 'random',
      title: 'Random',
      method: intervals ? 'dp' : 'suppression',
      unit: 'persons',
      measures: ['cost'],
      dimensions,
      valueFields,
      cells,
      legend: hidden,
      notes: [],
      summary: { cells: cells.length, hiddenCells: cells.filter((c) => c.status !== 'published').length, hiddenCellShare: 0 },
    };
    return table;
  });

const csvOptions: fc.Arbitrary<CsvWriteOptions> = fc.oneof(
  fc.record({ delimiter: fc.constant(';' as const), decimalMark: fc.constantFrom('.' as const, ',' as const), bom: fc.boolean() }),
  fc.record({ delimiter: fc.constant(',' as const), decimalMark: fc.constant('.' as const), bom: fc.boolean() }),
  fc.record({ delimiter: fc.constant('\t' as const), decimalMark: fc.constantFrom('.' as const, ',' as const), bom: fc.boolean() }),
);

/** The OWASP guard, written again for the test: a leading ' before = + - @ TAB CR. */
function guarded(text: string): string {
  return '=+-@\t\r'.includes(text[0] ?? 'x') ? `'${text}` : text;
}

/** A released number as written: optional minus, digits, the mark and exactly `decimals` digits; parsed back. */
function readNumber(text: string, decimals: number, mark: string): number {
  const pattern = decimals === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\${mark}\\d{${decimals}}$`);
  expect(text).toMatch(pattern);
  return Number(text.replace(mark, '.'));
}

describe('formatCsv (properties)', () => {
  it('csv-parse reads back every label and every published value; a hidden cell shows only its symbol, no digit', () => {
    fc.assert(
      fc.property(releasedTable, csvOptions, (table, options) => {
        const delimiter = options.delimiter!;
        const mark = options.decimalMark!;
        const text = formatCsv(table, options);
        expect(text.startsWith('\uFEFF')).toBe(options.bom);
        const records = parse(text, { delimiter, bom: true, record_delimiter: '\r\n', relax_column_count: false }) as string[][];
        const dims = table.dimensions.length;
        const intervals = table.cells.some((c) => c.interval !== undefined);
        const headings = [...table.dimensions.map((d) => d.name), 'Persons', 'Sum of cost', 'Mean of cost'];
        if (intervals) headings.push('Persons lower', 'Persons upper');
        expect(records[0]).toEqual([...headings, 'status']);
        expect(records.length).toBe(table.cells.length + 1);
        table.cells.forEach((cell, i) => {
          const record = records[i + 1]!;
          expect(record.slice(0, dims)).toEqual(table.dimensions.map((d) => guarded(cell.coords[d.name]!)));
          expect(record[record.length - 1]).toBe(cell.status);
          const values = record.slice(dims, -1);
          if (cell.status !== 'published') {
            const symbol = table.legend.find((e) => e.status === cell.status)!.symbol;
            for (const v of values) {
              expect(v).toBe(guarded(symbol));
              expect(v).not.toMatch(/\d/);
            }
            return;
          }
          // Published: each value within half a unit of its last decimal (plus the double's spacing at that size).
          const expected: [number | undefined, number][] = [
            [cell.persons, 0],
            [cell.sums?.cost, table.valueFields[1]!.decimals],
            [cell.means?.cost, table.valueFields[2]!.decimals],
          ];
          if (intervals) expected.push([cell.interval?.lower, 0], [cell.interval?.upper, 0]);
          expected.forEach(([value, decimals], j) => {
            if (value === undefined) {
              expect(values[j]).toBe('');
              return;
            }
            const back = readNumber(values[j]!, decimals, mark);
            expect(Math.abs(back - value)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + Math.abs(value) * 2 ** -50);
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  it('refuses any table in which a hidden cell carries a value, and never prints the value', () => {
    const leak = fc.constantFrom<Partial<ReleasedCell>>(
      { persons: 987654 },
      { rows: 987654 },
      { sums: { cost: 987654 } },
      { means: { cost: 987654 } },
      { interval: { lower: 987654, upper: 987654 } },
    );
    fc.assert(
      fc.property(releasedTable, leak, fc.nat(), (table, extra, pick) => {
        const hidden = table.cells.flatMap((c, i) => (c.status === 'published' ? [] : [i]));
        fc.pre(hidden.length > 0);
        const at = hidden[pick % hidden.length]!;
        const cells = table.cells.map((c, i) => (i === at ? { ...c, ...extra } : c));
        const leaky = { ...table, cells };
        for (const write of [() => formatCsv(leaky), () => formatJson(leaky)]) {
          let error: unknown;
          try {
            write();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(PrikkError);
          expect((error as PrikkError).message).not.toContain('987654');
        }
      }),
      { numRuns: 100 },
    );
  });
});
