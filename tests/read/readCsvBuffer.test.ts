import { describe, expect, it } from 'vitest';
import type { CodeColumn, Extract, NumberColumn } from '../../src/read/Extract.js';
import { readCsvBuffer } from '../../src/read/readCsvBuffer.js';
import type { Schema } from '../../src/read/Schema.js';
import { errorOf, utf8 } from './helpers.js';

const CHUNKS = [1, 2, 3, 7, 1 << 20];

function code(x: Extract, name: string): { codes: number[]; dictionary: readonly string[]; fromCodeList: boolean; width: number } {
  const c = x.columns.get(name) as CodeColumn;
  expect(c.kind).toBe('code');
  return { codes: [...c.codes], dictionary: c.dictionary, fromCodeList: c.fromCodeList, width: c.codes.BYTES_PER_ELEMENT };
}
/** A code column decoded back to its values. */
function values(x: Extract, name: string): string[] {
  const c = x.columns.get(name) as CodeColumn;
  return [...c.codes].map((k) => c.dictionary[k]!);
}
function numbers(x: Extract, name: string): number[] {
  const c = x.columns.get(name) as NumberColumn;
  expect(c.kind).toBe('number');
  expect(c.values).toBeInstanceOf(Float64Array);
  return [...c.values];
}

/** Reads at every chunk size and checks the extracts agree; returns the one read in one chunk. */
function read(text: string | Uint8Array, schema: Schema, options: Parameters<typeof readCsvBuffer>[2] = {}, chunks = CHUNKS): Extract {
  const bytes = typeof text === 'string' ? utf8(text) : text;
  const all = chunks.map((chunkSize) => readCsvBuffer(bytes, schema, { ...options, chunkSize }));
  for (const x of all) {
    expect(x.reconciliation).toEqual(all[all.length - 1]!.reconciliation);
    expect([...x.columns.keys()]).toEqual([...all[all.length - 1]!.columns.keys()]);
    for (const [k, c] of x.columns) expect(c).toEqual(all[all.length - 1]!.columns.get(k));
    expect(x.person).toEqual(all[all.length - 1]!.person);
  }
  return all[all.length - 1]!;
}

const registry: Schema = {
  columns: [
    { name: 'pid', role: 'person' },
    { name: 'kommune', role: 'dimension' },
    { name: 'alder', role: 'dimension', type: 'integer' },
    { name: 'kostnad', role: 'measure', type: 'decimal' },
  ],
};

describe('readCsvBuffer: dialects', () => {
  it('semicolon, UTF-8 BOM, CRLF, decimal comma, leading zeros kept', () => {
    const x = read('\uFEFFpid;kommune;alder;kostnad\r\n17;0301;81;1200,50\r\n17;1103;81;0,5\r\n9;0301;67;800\r\n', registry, { decimalComma: true });
    expect(x.rowCount).toBe(3);
    expect(code(x, 'kommune')).toEqual({ codes: [0, 1, 0], dictionary: ['0301', '1103'], fromCodeList: false, width: 1 });
    expect(numbers(x, 'alder')).toEqual([81, 81, 67]);
    expect(numbers(x, 'kostnad')).toEqual([1200.5, 0.5, 800]);
    expect(x.person).toEqual({ name: 'pid', codes: new Uint32Array([0, 0, 1]), personCount: 2 });
    expect(x.reconciliation).toEqual({ source: 'buffer', rowsRead: 3, rowsUsed: 3, excluded: {} });
    expect(x.source).toBe('buffer');
  });

  it('comma delimiter detected, quoted fields with delimiters, newlines and quotes', () => {
    const csv = 'pid,kommune,alder,kostnad\n1,"Oslo, sentrum",40,1.5\n2,"two\nlines",41,2\n3,"say ""hi""",42,3.25\n';
    const x = read(csv, registry);
    expect(values(x, 'kommune')).toEqual(['Oslo, sentrum', 'two\nlines', 'say "hi"']);
    expect(numbers(x, 'kostnad')).toEqual([1.5, 2, 3.25]);
  });

  it('tab delimiter detected, no final newline, CRLF inside quotes', () => {
    const x = read('pid\tkommune\talder\tkostnad\r\n1\t"a\r\nb"\t1\t2\r\n2\t0301\t3\t4', registry);
    expect(values(x, 'kommune')).toEqual(['a\r\nb', '0301']);
    expect(numbers(x, 'alder')).toEqual([1, 3]);
  });

  it('latin1: Ærøy and Tromsø decode from ISO-8859-1 bytes', () => {
    // Æ = C6, ø = F8 in ISO-8859-1: "pid;kommune\n1;Ærøy\n2;Tromsø\n"
    const bytes = Uint8Array.from([
      ...utf8('pid;kommune\n1;'), 0xc6, 0x72, 0xf8, 0x79, ...utf8('\n2;Troms'), 0xf8, 0x0a,
    ]);
    const schema: Schema = { columns: [{ name: 'pid', role: 'person' }, { name: 'kommune', role: 'dimension' }] };
    expect(values(read(bytes, schema, { encoding: 'latin1' }), 'kommune')).toEqual(['Ærøy', 'Tromsø']);
    // A code list written in JavaScript matches the latin1 bytes.
    const listed = read(bytes, { columns: [schema.columns[0]!, { name: 'kommune', role: 'dimension', codes: ['Tromsø', 'Ærøy'] }] }, { encoding: 'latin1' });
    expect(code(listed, 'kommune').codes).toEqual([1, 0]);
    // The same bytes read as UTF-8 are invalid: an error naming line and column, not showing the value.
    const e = errorOf(() => readCsvBuffer(bytes, schema));
    expect(e.code).toBe('MALFORMED_INPUT');
    expect(e.message).toBe("buffer, line 2, row 1, column 'kommune': invalid UTF-8 in this field (if the file is latin1, read it with encoding: 'latin1')");
  });

  it('UTF-8 non-ASCII text and a UTF-8 BOM', () => {
    const x = read('\uFEFFpid;kommune\n1;Ærøy\n2;Tromsø\n', { columns: [{ name: 'pid', role: 'person' }, { name: 'kommune', role: 'dimension' }] });
    expect(values(x, 'kommune')).toEqual(['Ærøy', 'Tromsø']);
  });

  it('blank lines are skipped and not counted; a header-only file has 0 rows', () => {
    const x = read('\n\npid;kommune;alder;kostnad\n\n1;0301;3;4\n\n\n2;0301;3;4\n', registry);
    expect(x.reconciliation.rowsRead).toBe(2);
    expect(read('pid;kommune;alder;kostnad\n', registry).rowCount).toBe(0);
  });

  it('columns the schema does not list are skipped, even with values that would be invalid', () => {
    const bytes = Uint8Array.from([...utf8('junk;pid;alder\n'), 0xff, 0xfe, ...utf8(';1;5\nNaN;2;6\n')]);
    const x = read(bytes, { columns: [{ name: 'pid', role: 'person' }, { name: 'alder', role: 'dimension', type: 'integer' }] });
    expect([...x.columns.keys()]).toEqual(['alder']);
    expect(numbers(x, 'alder')).toEqual([5, 6]);
  });

  it("an 'ignore' column need not be in the header and is never read", () => {
    const x = read('pid;alder\n1;5\n', { columns: [{ name: 'pid', role: 'person' }, { name: 'notes', role: 'ignore' }, { name: 'alder', role: 'dimension', type: 'integer' }] });
    expect([...x.columns.keys()]).toEqual(['alder']);
  });

  it('a stray quote in a header name does not hold back the stream', () => {
    const x = read('size 5";n\n1;2\n3;4\n', { columns: [{ name: 'size 5"', role: 'dimension' }, { name: 'n', role: 'measure' }] });
    expect(values(x, 'size 5"')).toEqual(['1', '3']);
  });

  it('years and dates', () => {
    const x = read('pid;aar;dato\n1;2024;2024-02-29\n2;1999;1970-01-02\n', {
      columns: [{ name: 'pid', role: 'person' }, { name: 'aar', role: 'dimension', type: 'year' }, { name: 'dato', role: 'attribute', type: 'date' }],
    });
    expect(numbers(x, 'aar')).toEqual([2024, 1999]);
    expect(numbers(x, 'dato')).toEqual([19782, 1]); // 2024-02-29 = day 19782 (Date.UTC(2024, 1, 29) / 86400000)
  });

  it('code arrays widen with the dictionary: 256 values fit Uint8, 257 need Uint16', () => {
    const schema: Schema = { columns: [{ name: 'k', role: 'dimension' }] };
    const csv = (n: number) => 'k\n' + Array.from({ length: n }, (_, i) => `v${i}`).join('\n') + '\n';
    expect(code(read(csv(256), schema), 'k').width).toBe(1);
    const wide = read(csv(257), schema);
    expect(code(wide, 'k').width).toBe(2);
    expect(code(wide, 'k').codes[256]).toBe(256);
    const widest = read(csv(70_000), schema, {}, [13, 1 << 20]);
    expect(code(widest, 'k').width).toBe(4);
    expect(code(widest, 'k').codes[69_999]).toBe(69_999);
  });
});

describe('readCsvBuffer: code lists and missing values', () => {
  it('a code list fixes the dictionary order and keeps absent codes', () => {
    const x = read('kjonn\n2\n1\n2\n', { columns: [{ name: 'kjonn', role: 'dimension', codes: ['1', '2', '9'] }] });
    expect(code(x, 'kjonn')).toEqual({ codes: [1, 0, 1], dictionary: ['1', '2', '9'], fromCodeList: true, width: 1 });
  });

  it('an unknown code is an error naming the value, or an exclusion', () => {
    const schema = (unknownCodes: 'error' | 'exclude'): Schema => ({ columns: [{ name: 'kjonn', role: 'dimension', codes: ['1', '2'], unknownCodes }] });
    const e = errorOf(() => readCsvBuffer(utf8('kjonn\n1\n3\n'), schema('error')));
    expect(e.code).toBe('INVALID_VALUE');
    expect(e.message).toBe("buffer, line 3, row 2, column 'kjonn': expected a code from the column's code list (2 codes), got '3'");
    const x = read('kjonn\n1\n3\n2\n3\n', schema('exclude'));
    expect(code(x, 'kjonn').codes).toEqual([0, 1]);
    expect(x.reconciliation).toEqual({ source: 'buffer', rowsRead: 4, rowsUsed: 2, excluded: { 'unknown-code:kjonn': 2 } });
  });

  it("missing: 'error' (default) names file, line, row, column and the expectation", () => {
    const e = errorOf(() => readCsvBuffer(utf8('pid;kommune;alder;kostnad\n1;0301;5;1\n2;0301;;1\n'), registry, { source: 'extract.csv' }));
    expect(e.code).toBe('MISSING_VALUE');
    expect(e.message).toBe("extract.csv, line 3, row 2, column 'alder': expected an integer, the value is missing (the schema can say missing: 'exclude')");
  });

  it("missing: 'exclude' drops the row and counts it; 'category' keeps it under the label", () => {
    const schema: Schema = {
      columns: [
        { name: 'pid', role: 'person' },
        { name: 'sykehus', role: 'dimension', missing: 'category', missingLabel: 'ukjent' },
        { name: 'kostnad', role: 'measure', missing: 'exclude', missingTokens: ['NA'] },
      ],
    };
    const x = read('pid;sykehus;kostnad\n1;A;10\n2;;20\n3;B;NA\n4;B;\n5;"";30\n', schema);
    expect(values(x, 'sykehus')).toEqual(['A', 'ukjent', 'ukjent']);
    expect(numbers(x, 'kostnad')).toEqual([10, 20, 30]);
    // Persons 3 and 4 are only in excluded rows: they are not counted, and numbering skips them.
    expect(x.person).toEqual({ name: 'pid', codes: new Uint32Array([0, 1, 2]), personCount: 3 });
    // Reconciliation by hand: 5 read = 3 used + 2 excluded (rows 3 and 4: kostnad missing).
    expect(x.reconciliation).toEqual({ source: 'buffer', rowsRead: 5, rowsUsed: 3, excluded: { 'missing:kostnad': 2 } });
  });

  it('a code list with missing: category appends the label to the public list', () => {
    const x = read('k\n1\n\n""\n', { columns: [{ name: 'k', role: 'dimension', codes: ['1', '2'], missing: 'category' }] });
    expect(code(x, 'k')).toEqual({ codes: [0, 2], dictionary: ['1', '2', '(missing)'], fromCodeList: true, width: 1 });
  });

  it('missing tokens in code columns are missing, not codes', () => {
    const x = read('k\nA\nNA\n.\nB\n', { columns: [{ name: 'k', role: 'dimension', missing: 'exclude', missingTokens: ['NA', '.'] }] });
    expect(code(x, 'k')).toEqual({ codes: [0, 1], dictionary: ['A', 'B'], fromCodeList: false, width: 1 });
    expect(x.reconciliation.excluded).toEqual({ 'missing:k': 2 });
  });

  it('a row excluded for two reasons is counted once, under the first reason in schema order', () => {
    const schema: Schema = {
      columns: [
        { name: 'b', role: 'measure', type: 'integer', missing: 'exclude' },
        { name: 'a', role: 'dimension', codes: ['x'], unknownCodes: 'exclude' },
      ],
    };
    const x = read('a;b\ny;\nx;1\ny;2\n', schema);
    expect(x.reconciliation).toEqual({ source: 'buffer', rowsRead: 3, rowsUsed: 1, excluded: { 'missing:b': 1, 'unknown-code:a': 1 } });
  });

  it('an error in a row that would be excluded still stops the read', () => {
    const schema: Schema = { columns: [{ name: 'a', role: 'dimension', missing: 'exclude' }, { name: 'n', role: 'measure', type: 'integer' }] };
    const e = errorOf(() => readCsvBuffer(utf8('a;n\n;x\n'), schema));
    expect(e.code).toBe('INVALID_VALUE');
  });

  it('reconciliation holds over many batches: rowsRead = rowsUsed + sum(excluded)', () => {
    // 5000 rows; row i has kostnad missing when i % 7 === 0 and alder out of [0, 100] when i % 11 === 0.
    const lines = ['alder;kostnad'];
    let expectMissing = 0;
    let expectRange = 0;
    for (let i = 0; i < 5000; i++) {
      const missing = i % 7 === 0;
      const range = i % 11 === 0;
      if (range) expectRange++; // alder comes first in the schema: its reason wins when both apply
      else if (missing) expectMissing++;
      lines.push(`${range ? 150 : i % 100};${missing ? '' : i}`);
    }
    const schema: Schema = {
      columns: [
        { name: 'alder', role: 'dimension', type: 'integer', min: 0, max: 100, outOfRange: 'exclude' },
        { name: 'kostnad', role: 'measure', missing: 'exclude' },
      ],
    };
    const x = read(lines.join('\n'), schema, {}, [3, 4096, 1 << 20]);
    const r = x.reconciliation;
    expect(r.excluded).toEqual({ 'out-of-range:alder': expectRange, 'missing:kostnad': expectMissing });
    expect(r.rowsRead).toBe(5000);
    expect(r.rowsUsed + Object.values(r.excluded).reduce((a, b) => a + b, 0)).toBe(r.rowsRead);
    expect(x.rowCount).toBe(r.rowsUsed);
    // The kept rows are exactly those with neither problem, in order.
    const kept = Array.from({ length: 5000 }, (_, i) => i).filter((i) => i % 7 !== 0 && i % 11 !== 0);
    expect(numbers(x, 'kostnad')).toEqual(kept);
  });
});

describe('readCsvBuffer: value errors', () => {
  const cases: [string, Schema, string, string, string][] = [
    ['bad integer', registry, 'pid;kommune;alder;kostnad\n1;0301;8x;1\n', 'INVALID_VALUE', "buffer, line 2, row 1, column 'alder': expected an integer, got '8x'"],
    ['integer with decimals', registry, 'pid;kommune;alder;kostnad\n1;0301;8.0;1\n', 'INVALID_VALUE', "buffer, line 2, row 1, column 'alder': expected an integer, got '8.0'"],
    ['negative measure', registry, 'pid;kommune;alder;kostnad\n1;0301;8;-5\n', 'INVALID_VALUE', "buffer, line 2, row 1, column 'kostnad': expected a number >= 0, got '-5'"],
    ['NaN text', registry, 'pid;kommune;alder;kostnad\n1;0301;8;NaN\n', 'INVALID_VALUE', "buffer, line 2, row 1, column 'kostnad': expected a decimal number with '.' as decimal mark (no thousands separators), got 'NaN'"],
    ['Infinity text', registry, 'pid;kommune;alder;kostnad\n1;0301;8;Infinity\n', 'INVALID_VALUE', "buffer, line 2, row 1, column 'kostnad': expected a decimal number with '.' as decimal mark (no thousands separators), got 'Infinity'"],
    ['thousands separator', registry, 'pid;kommune;alder;kostnad\n1;0301;8;"1,200.50"\n', 'INVALID_VALUE', "buffer, line 2, row 1, column 'kostnad': expected a decimal number with '.' as decimal mark (no thousands separators), got '1,200.50'"],
    ['integer too large', registry, 'pid;kommune;alder;kostnad\n1;0301;9007199254740993;1\n', 'INVALID_VALUE', "buffer, line 2, row 1, column 'alder': expected an integer between -9007199254740991 and 9007199254740991, got '9007199254740993'"],
    ['out of [min, max]', { columns: [{ name: 'a', role: 'dimension', type: 'integer', min: 0, max: 120 }] }, 'a\n121\n', 'INVALID_VALUE', "buffer, line 2, row 1, column 'a': expected a number >= 0 and <= 120, got '121'"],
    ['bad year', { columns: [{ name: 'y', role: 'dimension', type: 'year' }] }, 'y\n24\n', 'INVALID_VALUE', "buffer, line 2, row 1, column 'y': expected a four-digit year, got '24'"],
    ['bad date', { columns: [{ name: 'd', role: 'attribute', type: 'date' }] }, 'd\n2023-02-29\n', 'INVALID_VALUE', "buffer, line 2, row 1, column 'd': expected a date as YYYY-MM-DD (a day that exists), got '2023-02-29'"],
    ['missing person id', registry, 'pid;kommune;alder;kostnad\n;0301;8;1\n', 'MISSING_VALUE', "buffer, line 2, row 1, column 'pid': missing person id (every row needs one; the schema can say missing: 'exclude')"],
    ['ragged row', registry, 'pid;kommune;alder;kostnad\n1;0301;8\n', 'MALFORMED_INPUT', 'buffer, line 2, row 1: expected 4 fields (as in the header), found 3'],
    ['unterminated quote', registry, 'pid;kommune;alder;kostnad\n1;"0301;8;1\n2;0301;8;1\n', 'MALFORMED_INPUT', 'buffer, line 2, row 1: a quoted field starting on this line has no closing quote before the end of the input'],
    ['unknown column', registry, 'pid;Kommune;alder;kostnad\n', 'UNKNOWN_COLUMN', "buffer, line 1, column 'kommune': the schema's column 'kommune' is not in the header (4 fields); did you mean 'Kommune'?"],
    ['duplicate header', registry, 'pid;kommune;alder;kostnad;alder\n', 'MALFORMED_INPUT', 'buffer, line 1: the header has the same name in fields 3 and 5; expected unique column names'],
    ['empty input', registry, '', 'MALFORMED_INPUT', 'buffer: expected a header row, the input is empty'],
    ['UTF-16 BOM', registry, '\uFFFEpid', 'MALFORMED_INPUT', 'buffer, line 1: the file starts with a UTF-16 byte order mark; prikk reads UTF-8 or latin1: save it as UTF-8'],
  ];
  for (const [name, schema, text, errorCode, message] of cases) {
    it(name, () => {
      let bytes = utf8(text);
      if (name === 'UTF-16 BOM') bytes = Uint8Array.from([0xff, 0xfe, ...utf8('p')]);
      for (const chunkSize of CHUNKS) {
        const e = errorOf(() => readCsvBuffer(bytes, schema, { chunkSize }));
        expect(e.code, `chunk ${chunkSize}`).toBe(errorCode);
        expect(e.message, `chunk ${chunkSize}`).toBe(message);
      }
    });
  }

  it('the first error in the file is the one reported (row order, then field order)', () => {
    const lines = ['pid;kommune;alder;kostnad'];
    for (let i = 0; i < 3000; i++) lines.push(`${i};0301;${i === 2500 ? 'x' : 5};${i === 2500 ? '-1' : i === 2900 ? 'y' : 1}`);
    lines.push('1;2;3');
    const e = errorOf(() => readCsvBuffer(utf8(lines.join('\n')), registry));
    expect(e.message).toBe("buffer, line 2502, row 2501, column 'alder': expected an integer, got 'x'");
  });

  it('a value error before a ragged row is reported first, the ragged row otherwise', () => {
    const e1 = errorOf(() => readCsvBuffer(utf8('pid;kommune;alder;kostnad\n1;0301;x;1\n2;0301;8\n'), registry));
    expect(e1.message).toContain("column 'alder'");
    const e2 = errorOf(() => readCsvBuffer(utf8('pid;kommune;alder;kostnad\n1;0301;8\n2;0301;x;1\n'), registry));
    expect(e2.message).toContain('expected 4 fields');
  });

  it('a header row that looks like data is said so, and its values are not listed', () => {
    const e = errorOf(() => readCsvBuffer(utf8('12345678901;0301;81;100\n'), registry));
    expect(e.code).toBe('UNKNOWN_COLUMN');
    expect(e.message).toContain('the first row looks like data');
    expect(e.message).not.toContain('12345678901');
  });
});

describe('readCsvBuffer: person ids never appear in messages', () => {
  const ids = ['19057312345', 'PSEUDO-7f3a9c', '00042'];
  const schema: Schema = { columns: [{ name: 'pid', role: 'person' }, { name: 'alder', role: 'dimension', type: 'integer' }, { name: 'k', role: 'dimension', codes: ['A'] }] };
  const bad = [
    // a bad value in another column of the same row
    (id: string) => `pid;alder;k\n${id};x;A\n`,
    // a ragged row
    (id: string) => `pid;alder;k\n${id};5\n`,
    // an unterminated quote in the person column
    (id: string) => `pid;alder;k\n"${id};5;A\n`,
    // an unknown code in a row
    (id: string) => `pid;alder;k\n${id};5;B\n`,
    // misaligned rows: the person id lands in the integer and code columns (seen earlier as a person id)
    (id: string) => `pid;alder;k\n${id};5;A\n7;${id};A\n`,
    (id: string) => `pid;alder;k\n${id};5;A\n7;5;${id}\n`,
    // the same row: the person id is also in the bad column
    (id: string) => `pid;alder;k\n${id};${id}x;A\n${id};${id};A\n`,
    // no header row
    (id: string) => `${id};5;A\n`,
    // a header naming a person id twice (no header row, repeated value)
    (id: string) => `${id};${id};A\n`,
  ];
  for (const id of ids) {
    it(`id ${id}`, () => {
      let errors = 0;
      for (const [i, make] of bad.entries()) {
        const text = make(id);
        for (const chunkSize of [1, 5, 1 << 20]) {
          let message: string | undefined;
          try {
            readCsvBuffer(utf8(text), schema, { chunkSize });
          } catch (e) {
            message = (e as Error).message;
          }
          // A numeric id is a valid integer: a shifted numeric id may not be an error at all.
          if (message === undefined) continue;
          errors++;
          expect(message, `case ${i}`).not.toContain(id);
          expect(message, `case ${i}`).not.toMatch(/19057312345|7f3a9c|00042/);
        }
      }
      expect(errors).toBeGreaterThanOrEqual(7 * 3);
    });
  }
  it("a bad value equal to a person id, or containing the row's own, is replaced in the message", () => {
    const e = errorOf(() => readCsvBuffer(utf8('pid;alder;k\nP1;5;A\n7;P1;A\n'), schema));
    expect(e.message).toBe("buffer, line 3, row 2, column 'alder': expected an integer, got a value equal to a person id (not shown)");
    const e2 = errorOf(() => readCsvBuffer(utf8('pid;alder;k\nP001;5;A\nP002;5;xP002x\n'), schema));
    expect(e2.message).toBe("buffer, line 3, row 2, column 'k': expected a code from the column's code list (1 codes), got a value containing the row's person id (not shown)");
    const e3 = errorOf(() => readCsvBuffer(utf8('pid;alder;k\nP001;5;A\nP002;5;xP003x\n'), schema));
    expect(e3.message).toContain("got 'xP003x'");
  });
});

describe('readCsvBuffer: options and schema are validated before reading', () => {
  it('rejects bad options', () => {
    for (const options of [{ delimiter: '|' }, { encoding: 'utf16' }, { decimalComma: 'yes' }, { chunkSize: 0 }, { chunkSize: 1.5 }, { source: '' }, { delimter: ';' }]) {
      const e = errorOf(() => readCsvBuffer(utf8('a\n1\n'), registry, options as never));
      expect(e.code, JSON.stringify(options)).toBe('INVALID_ARGUMENT');
      expect(e.message).toMatch(/^readCsvBuffer: /);
    }
  });
  it('rejects a latin1 read of a file with a UTF-8 BOM', () => {
    const e = errorOf(() => readCsvBuffer(utf8('\uFEFFpid\n1\n'), { columns: [{ name: 'pid', role: 'person' }] }, { encoding: 'latin1' }));
    expect(e.code).toBe('MALFORMED_INPUT');
  });
});

describe('readCsvBuffer: the extract', () => {
  it('is frozen, and inputHash is the sha256 of the bytes', async () => {
    const bytes = utf8('pid;kommune;alder;kostnad\n1;0301;5;1\n');
    const x = readCsvBuffer(bytes, registry);
    expect(Object.isFrozen(x)).toBe(true);
    expect(Object.isFrozen(x.reconciliation)).toBe(true);
    expect(Object.isFrozen((x.columns.get('kommune') as CodeColumn).dictionary)).toBe(true);
    const { createHash } = await import('node:crypto');
    expect(x.inputHash).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('readCsvBuffer: numbers equal Number() on their text (inline fast path and full parser)', () => {
  it('random integer and decimal fields, both decimal marks', async () => {
    const fc = (await import('fast-check')).default;
    const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
    const decimalText = fc
      .tuple(fc.constantFrom('', '', '-'), digits(0, 18), fc.option(digits(0, 18)))
      .map(([sign, a, b]) => sign + a + (b === null ? '' : '.' + b))
      .filter((t) => /[0-9]/.test(t));
    fc.assert(
      fc.property(fc.array(decimalText, { minLength: 1, maxLength: 30 }), fc.array(fc.tuple(fc.constantFrom('', '-'), digits(1, 17)), { minLength: 1, maxLength: 30 }), (decs, ints) => {
        const n = Math.min(decs.length, ints.length);
        const rows = Array.from({ length: n }, (_, i) => [decs[i]!, ints[i]![0] + ints[i]![1]]);
        const schema: Schema = { columns: [{ name: 'd', role: 'attribute', type: 'decimal' }, { name: 'i', role: 'attribute', type: 'integer' }] };
        const norm = (x: number) => (x === 0 ? 0 : x);
        const expectedInts = rows.map((r) => Number(r[1]));
        if (expectedInts.some((v) => !Number.isSafeInteger(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER)) return;
        const dot = readCsvBuffer(utf8('d;i\n' + rows.map((r) => r.join(';')).join('\n')), schema);
        expect(numbers(dot, 'd')).toEqual(rows.map((r) => norm(Number(r[0]))));
        expect(numbers(dot, 'i')).toEqual(expectedInts.map(norm));
        const comma = readCsvBuffer(utf8('d;i\n' + rows.map((r) => [r[0]!.replace('.', ','), r[1]].join(';')).join('\n')), schema, { decimalComma: true });
        expect(numbers(comma, 'd')).toEqual(rows.map((r) => norm(Number(r[0]))));
      }),
      { numRuns: 500 },
    );
  });
});
