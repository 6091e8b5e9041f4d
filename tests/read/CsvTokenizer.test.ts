import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorOf, toCsv, tokenize, utf8 } from './helpers.js';

const CHUNKS = [1, 2, 3, 5, 7, 64, 1 << 16];

describe('CsvTokenizer: hand-written dialect cases (expected records written out by hand)', () => {
  const cases: [string, string, string, string[][]][] = [
    ['semicolon, LF', ';', 'a;b\n1;2\n', [['a', 'b'], ['1', '2']]],
    ['comma, CRLF', ',', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['tab, no final newline', '\t', 'a\tb\n1\t2', [['a', 'b'], ['1', '2']]],
    ['lone CR line ends', ';', 'a;b\r1;2\r', [['a', 'b'], ['1', '2']]],
    ['quoted delimiter', ';', 'a;b\n"x;y";2\n', [['a', 'b'], ['x;y', '2']]],
    ['quoted LF and CRLF', ',', 'a,b\n"l1\nl2","m1\r\nm2"\n', [['a', 'b'], ['l1\nl2', 'm1\r\nm2']]],
    ['doubled quotes', ',', 'a\n"say ""hi"""\n', [['a'], ['say "hi"']]],
    ['only a doubled quote', ',', 'a,b\n"""",x\n', [['a', 'b'], ['"', 'x']]],
    ['empty quoted field', ',', 'a,b\n"",x\n', [['a', 'b'], ['', 'x']]],
    ['quote inside unquoted field is data', ',', 'a,b\n5",x"y\n', [['a', 'b'], ['5"', 'x"y']]],
    ['trailing empty field', ',', 'a,b\n1,\n', [['a', 'b'], ['1', '']]],
    ['trailing delimiter at end of input', ',', 'a,b\n1,', [['a', 'b'], ['1', '']]],
    ['blank lines are skipped', ',', '\na,b\n\n1,2\r\n\r\n3,4\n\n', [['a', 'b'], ['1', '2'], ['3', '4']]],
    ['one column, "" is an empty record', ',', 'a\n""\nx\n', [['a'], [''], ['x']]],
    ['non-ASCII', ';', 'navn;sted\nÆrøy;Tromsø\n', [['navn', 'sted'], ['Ærøy', 'Tromsø']]],
    ['quoted field at end without newline', ',', 'a,b\n1,"x\ny"', [['a', 'b'], ['1', 'x\ny']]],
  ];
  for (const [name, d, text, expected] of cases) {
    it(`${name} (every chunk size)`, () => {
      for (const size of CHUNKS) expect(tokenize(utf8(text), d, size), `chunk ${size}`).toEqual(expected);
    });
  }
});

describe('CsvTokenizer: errors', () => {
  it('a ragged record names its line, row and the field counts', () => {
    const e = errorOf(() => tokenize(utf8('a;b;c\n1;2;3\n4;5\n'), ';', 1 << 16));
    expect(e.code).toBe('MALFORMED_INPUT');
    expect(e.message).toBe('test.csv, line 3, row 2: expected 3 fields (as in the header), found 2');
  });

  it('a ragged record after a multi-line quoted field counts physical lines', () => {
    const e = errorOf(() => tokenize(utf8('a,b\n"x\ny",1\n1,2,3\n'), ',', 3));
    expect(e.message).toBe('test.csv, line 4, row 2: expected 2 fields (as in the header), found 3');
  });

  it('an unterminated quote names the line where the field started', () => {
    for (const size of CHUNKS) {
      const e = errorOf(() => tokenize(utf8('a,b\n1,2\n3,"unclosed\nmore\nlines\n'), ',', size));
      expect(e.code).toBe('MALFORMED_INPUT');
      expect(e.message).toContain('test.csv, line 3');
      expect(e.message).toContain('no closing quote');
    }
  });

  it('a character after a closing quote is an error', () => {
    const e = errorOf(() => tokenize(utf8('a,b\n"x"y,2\n'), ',', 4));
    expect(e.code).toBe('MALFORMED_INPUT');
    expect(e.message).toContain('line 2');
    expect(e.message).toContain('after the closing quote');
  });
});

/** Field text: short strings over an alphabet full of CSV specials. */
const fieldArb = fc.string({
  unit: fc.constantFrom('a', 'b', 'Z', '0', '9', ' ', ';', ',', '\t', '"', '\r', '\n', 'æ', 'ø', 'Å', '€', '😀'),
  maxLength: 12,
});
const tableArb = fc
  .record({ cols: fc.integer({ min: 1, max: 5 }), rows: fc.integer({ min: 0, max: 25 }) })
  .chain(({ cols, rows }) => fc.array(fc.array(fieldArb, { minLength: cols, maxLength: cols }), { minLength: rows + 1, maxLength: rows + 1 }));
const dialectArb = fc.record({
  delimiter: fc.constantFrom(';', ',', '\t'),
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  finalNewline: fc.boolean(),
  quoteAll: fc.boolean(),
  chunk: fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 1 << 16 })),
});

/** A table the CSV text can represent: a one-column record that is empty is fine ("" is written). */
describe('CsvTokenizer: properties', () => {
  it('reads back any table written with proper quoting, at any chunk size', () => {
    fc.assert(
      fc.property(tableArb, dialectArb, (table, d) => {
        const text = toCsv(table, d);
        expect(tokenize(utf8(text), d.delimiter, d.chunk)).toEqual(table);
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with csv-parse (a second implementation) on the same text', () => {
    fc.assert(
      fc.property(tableArb, dialectArb, (table, d) => {
        const text = toCsv(table, d);
        const theirs = parse(text, { delimiter: d.delimiter, skip_empty_lines: true, relax_column_count: false }) as string[][];
        expect(tokenize(utf8(text), d.delimiter, d.chunk)).toEqual(theirs);
      }),
      { numRuns: 300 },
    );
  });
});
