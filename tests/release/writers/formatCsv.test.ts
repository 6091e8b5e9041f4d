import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import type { ReleasedTable } from '../../../src/release/ReleasedTable.js';
import { formatCsv, formatCsvNotes } from '../../../src/release/writers/formatCsv.js';
import { dpTable, roundingTable, suppressionTable, trickyTable } from './fixtures.js';

/** Parses with csv-parse (a second, independent RFC 4180 parser): records as arrays of strings. */
function read(text: string, delimiter = ';'): string[][] {
  return parse(text, { delimiter, bom: true, record_delimiter: '\r\n' }) as string[][];
}

describe('formatCsv', () => {
  it('writes the suppression table in long format, hidden cells as their symbols (default ; and decimal comma)', () => {
    // Expected by hand from the fixture: sums with 0 decimals, means (sum / rows) with 1, decimal comma.
    //   A/Total: 800.25 → 800; 800.25 / 9 = 88.916… → 88,9
    //   B/Total: 1500; 1500 / 17 = 88.235… → 88,2
    //   C/F: 1234.5 → 1235 (a tie: toFixed takes the larger); 1234.5 / 13 = 94.961… → 95,0
    //   C/M: 2000; 2000 / 15 = 133.33… → 133,3
    //   C/Total: 3234.5 → 3235; 3234.5 / 28 = 115.517… → 115,5
    //   Total/F: 2100; 2100 / 22 = 95.454… → 95,5
    //   Total/M: 3434.75 → 3435; 3434.75 / 32 = 107.3359375 → 107,3
    //   Total/Total: 5534.75 → 5535; 5534.75 / 54 = 102.495… → 102,5
    expect(read(formatCsv(suppressionTable))).toEqual([
      ['hospital', 'sex', 'Persons', 'Sum of cost', 'Mean of cost', 'status'],
      ['A', 'F', '..', '..', '..', 'primary'],
      ['A', 'M', ':', ':', ':', 'secondary'],
      ['A', 'Total', '8', '800', '88,9', 'published'],
      ['B', 'F', ':', ':', ':', 'secondary'],
      ['B', 'M', ':', ':', ':', 'secondary'],
      ['B', 'Total', '16', '1500', '88,2', 'published'],
      ['C', 'F', '12', '1235', '95,0', 'published'],
      ['C', 'M', '15', '2000', '133,3', 'published'],
      ['C', 'Total', '27', '3235', '115,5', 'published'],
      ['Total', 'F', '21', '2100', '95,5', 'published'],
      ['Total', 'M', '30', '3435', '107,3', 'published'],
      ['Total', 'Total', '51', '5535', '102,5', 'published'],
    ]);
  });

  it('starts with a BOM, ends every line with CRLF, and puts no footnote in the file', () => {
    const text = formatCsv(roundingTable);
    expect(text).toBe('\uFEFFregion;Persons;status\r\nNorth;*;small\r\nSouth;35;published\r\nEast;120;published\r\nTotal;155;published\r\n');
    expect(text).not.toContain('Rounded');
    expect(formatCsv(roundingTable, { bom: false }).startsWith('region;')).toBe(true);
  });

  it('writes DP intervals in <label> lower / upper columns; negative numbers are not guarded, -0 is 0', () => {
    // 11.2 → 11, -3.2 → -3, -0.4 → "-0" → 0, 7.6 → 8, -6.4 → -6, 14.4 → 14.
    const text = formatCsv(dpTable, { delimiter: ',', bom: false });
    expect(text).toBe(
      'year,Persons,Persons lower,Persons upper,status\r\n2023,4,-3,11,published\r\n2024,0,0,8,published\r\nTotal,4,-6,14,published\r\n',
    );
  });

  it('uses the decimal point with , and tab, the decimal comma with ; and on request', () => {
    const line = (text: string): string => text.split('\r\n')[7]!; // C/F
    expect(line(formatCsv(suppressionTable, { delimiter: ',' }))).toBe('C,F,12,1235,95.0,published');
    expect(line(formatCsv(suppressionTable, { delimiter: '\t' }))).toBe('C\tF\t12\t1235\t95.0\tpublished');
    expect(line(formatCsv(suppressionTable, { delimiter: ';', decimalMark: '.' }))).toBe('C;F;12;1235;95.0;published');
    expect(line(formatCsv(suppressionTable, { delimiter: '\t', decimalMark: ',' }))).toBe('C\tF\t12\t1235\t95,0\tpublished');
    expect(read(formatCsv(suppressionTable, { delimiter: '\t' }), '\t')[7]).toEqual(['C', 'F', '12', '1235', '95.0', 'published']);
  });

  it('rejects a decimal comma with the comma delimiter, and bad options', () => {
    expect(() => formatCsv(suppressionTable, { delimiter: ',', decimalMark: ',' })).toThrow(/decimalMark ',' with delimiter ','/);
    expect(() => formatCsv(suppressionTable, { delimiter: '|' as ';' })).toThrow(/delimiter/);
    expect(() => formatCsv(suppressionTable, { decimalMark: ';' as ',' })).toThrow(/decimalMark/);
    expect(() => formatCsv(suppressionTable, { bom: 'yes' as unknown as boolean })).toThrow(/bom/);
    expect(() => formatCsv(suppressionTable, { quote: '"' } as object)).toThrow(/unknown option 'quote'/);
  });

  it('quotes labels holding the delimiter, a quote, CR or LF (RFC 4180), and parses back to the same labels', () => {
    const labels = ['Oslo; Akershus', 'The "best" one', 'two\nlines', 'cr\rhere', 'plain, comma'];
    const text = formatCsv(trickyTable(labels), { bom: false });
    expect(text).toContain('\r\n"Oslo; Akershus";10;published\r\n');
    expect(text).toContain('\r\n"The ""best"" one";11;published\r\n');
    expect(text).toContain('\r\n"two\nlines";12;published\r\n');
    expect(text).toContain('\r\n"cr\rhere";13;published\r\n'); // a lone CR is quoted too (Excel reads it as a line end)
    expect(text).toContain('\r\nplain, comma;14;published\r\n'); // no quote needed with ;
    expect(formatCsv(trickyTable(labels), { delimiter: ',' })).toContain('\r\n"plain, comma",14,published\r\n');
    expect(read(text).map((r) => r[0])).toEqual(['place', ...labels, 'All']);
  });

  it('guards text fields that start with = + - @ TAB or CR against formula injection (OWASP), not other text', () => {
    const labels = ['=HYPERLINK("http://x","y")', '+47', '-5', '@SUM(A1)', '\tTab', '\rCR', 'a=b', '5-9'];
    const rows = read(formatCsv(trickyTable(labels)));
    expect(rows.map((r) => r[0])).toEqual([
      'place',
      `'=HYPERLINK("http://x","y")`,
      `'+47`,
      `'-5`,
      `'@SUM(A1)`,
      `'\tTab`,
      `'\rCR`,
      'a=b',
      '5-9',
      'All',
    ]);
    // The raw text: the guarded formula is quoted (it holds quotes), the guard inside the quotes.
    expect(formatCsv(trickyTable(labels), { bom: false })).toContain(`\r\n"'=HYPERLINK(""http://x"",""y"")";10;published\r\n`);
  });

  it('guards a symbol and a heading too, but never a number it writes', () => {
    const t: ReleasedTable = {
      ...trickyTable(['a']),
      dimensions: [{ name: '=cmd', total: 'All', hierarchy: { All: ['a'] } }],
      cells: [
        { coords: { '=cmd': 'a' }, status: 'primary' },
        { coords: { '=cmd': 'All' }, rows: -12, persons: -12, status: 'published' },
      ],
      legend: [{ status: 'primary', symbol: '-', meaning: 'Hidden', cells: 1 }],
    };
    expect(formatCsv(t, { bom: false })).toBe(`'=cmd;Persons;status\r\na;'-;primary\r\nAll;-12;published\r\n`);
  });

  it('leaves a published cell without a value (a mean of no rows) empty', () => {
    const t: ReleasedTable = {
      ...suppressionTable,
      cells: suppressionTable.cells.map((c) =>
        c.coords.hospital === 'C' && c.coords.sex === 'F' ? { coords: c.coords, rows: 0, persons: 0, sums: { cost: 0 }, status: 'published' } : c,
      ),
    };
    expect(read(formatCsv(t))[7]).toEqual(['C', 'F', '0', '0', '', 'published']);
  });

  it('refuses a table whose hidden cell carries a value, before writing anything', () => {
    const leaky: ReleasedTable = {
      ...roundingTable,
      cells: [{ coords: { region: 'North' }, persons: 987654, status: 'small' }, ...roundingTable.cells.slice(1)],
    };
    let error: unknown;
    try {
      formatCsv(leaky);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PrikkError);
    expect((error as PrikkError).code).toBe('INVALID_ARGUMENT');
    expect((error as PrikkError).message).not.toContain('987654');
  });

  it('refuses a hidden status without a legend symbol, an unknown value field, and two equal headings', () => {
    expect(() => formatCsv({ ...roundingTable, legend: [] })).toThrow(/status 'small' but the legend gives it no symbol/);
    expect(() => formatCsv({ ...roundingTable, valueFields: [{ key: 'sum:cost', label: 'Sum', decimals: 0 }] })).toThrow(
      /unknown key 'sum:cost'/,
    );
    expect(() => formatCsv({ ...roundingTable, valueFields: [{ key: 'persons', label: 'region', decimals: 0 }] })).toThrow(
      /two columns would have the heading 'region'/,
    );
    expect(() => formatCsv({ ...roundingTable, valueFields: [{ key: 'persons', label: 'Persons', decimals: 1.5 }] })).toThrow(
      /decimals: expected a whole number/,
    );
  });
});

describe('formatCsvNotes', () => {
  it('gives the title, method, legend and notes as text for <name>.notes.txt', () => {
    expect(formatCsvNotes(roundingTable)).toBe(
      '\uFEFFPersons by health region\r\n' +
        'Table: by_region. Method: rounding. Unit: persons.\r\n' +
        '\r\n' +
        '*: 1 to 7 persons (1 cell)\r\n' +
        'published: Rounded to the nearest 5 (3 cells)\r\n' +
        'Totals are rounded on their own and may differ from the sum of the rounded cells.\r\n',
    );
    expect(formatCsvNotes(suppressionTable)).toContain('\r\n:: Hidden to protect another hidden cell (3 cells)\r\n');
  });
});
