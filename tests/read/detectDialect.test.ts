import { describe, expect, it } from 'vitest';
import { detectDialect } from '../../src/read/detectDialect.js';
import { utf8 } from './helpers.js';

describe('detectDialect', () => {
  it('counts delimiters outside quotes in the header line (hand-counted)', () => {
    expect(detectDialect(utf8('\uFEFFpid;"a;b";cost\r\n1;2;3\r\n'))).toEqual({
      delimiter: ';',
      hasBom: true,
      utf16: false,
      lineEnding: 'crlf',
      headerFields: 3,
      counts: { ';': 2, ',': 0, '\t': 0 },
      validUtf8: true,
    });
    // Commas inside quotes do not count: 1 tab vs 0 commas outside quotes.
    expect(detectDialect(utf8('"a,b,c"\tx\n')).delimiter).toBe('\t');
    expect(detectDialect(utf8('a,b,c\n1;2;3;4;5\n')).delimiter).toBe(',');
    // The header spans lines when a quoted name holds a line break.
    expect(detectDialect(utf8('"a\nb";c;d\n1,2,3,4,5\n')).counts).toEqual({ ';': 2, ',': 0, '\t': 0 });
  });
  it('ties prefer ; then tab then ,; no candidate means one column read with ,', () => {
    expect(detectDialect(utf8('a;b,c\n')).delimiter).toBe(';');
    expect(detectDialect(utf8('a\tb,c\n')).delimiter).toBe('\t');
    expect(detectDialect(utf8('pid\n1\n'))).toMatchObject({ delimiter: ',', headerFields: 1, lineEnding: 'lf' });
  });
  it('skips blank lines before the header; reports CR line ends and no line end', () => {
    expect(detectDialect(utf8('\r\n\na;b\r1;2')).lineEnding).toBe('cr');
    expect(detectDialect(utf8('a;b')).lineEnding).toBe('none');
  });
  it('flags invalid UTF-8 and UTF-16 byte order marks', () => {
    expect(detectDialect(Uint8Array.of(0x61, 0x3b, 0xf8, 0x0a)).validUtf8).toBe(false);
    // A multi-byte character cut at the end of the 64 KiB sample is not an error.
    const cut = new Uint8Array(65536).fill(0x61);
    cut[65535] = 0xc3;
    expect(detectDialect(cut).validUtf8).toBe(true);
    expect(detectDialect(Uint8Array.of(0xff, 0xfe, 0x61, 0x00)).utf16).toBe(true);
  });
});

describe('detectDialect: quotes as the tokenizer reads them', () => {
  it('a quote inside an unquoted header name is an ordinary character', () => {
    expect(detectDialect(utf8('a"b;c;d\n1;2;3\n'))).toMatchObject({ delimiter: ';', headerFields: 3, lineEnding: 'lf' });
  });
  it('doubled quotes inside a quoted name', () => {
    expect(detectDialect(utf8('"a"";b";c\n')).counts).toEqual({ ';': 1, ',': 0, '\t': 0 });
  });
});
