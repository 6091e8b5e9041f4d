import { PrikkError } from '../errors/PrikkError.js';

/** One record of a delimited text: its fields and the 1-based physical line it starts on. */
export interface DelimitedRecord {
  readonly fields: readonly string[];
  readonly line: number;
}

/**
 * Splits a small delimited text (a hierarchy file, not an extract) into records: fields separated by `delimiter`,
 * records by `\n` or `\r\n`, optional double quotes around a field with `""` for a quote inside, a leading UTF-8
 * BOM ignored, blank lines skipped. Fields are not trimmed. Internal to the hierarchy readers; extracts have their
 * own streaming reader.
 *
 * Cost: O(text length).
 *
 * @throws {PrikkError} `MALFORMED_INPUT` naming `fn`, the source and the line for an unterminated quote or text
 * after a closing quote.
 * @example
 * parseDelimited('a;"b;c"\n1;2\n', ';', 'hierarchyFromArx').map((r) => r.fields) // [['a', 'b;c'], ['1', '2']]
 */
export function parseDelimited(text: string, delimiter: string, fn: string, source?: string): DelimitedRecord[] {
  const records: DelimitedRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  const d = delimiter;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let field = '';
      if (text[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) {
            throw new PrikkError('MALFORMED_INPUT', `${fn}: unterminated quoted field`, at(source, quoteLine));
          }
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        const next = text[i];
        if (next !== undefined && next !== d && next !== '\n' && !(next === '\r' && text[i + 1] === '\n')) {
          throw new PrikkError('MALFORMED_INPUT', `${fn}: expected '${d}' or a line end after a closing quote, got '${next}'`, at(source, line));
        }
      } else {
        const start = i;
        while (i < n && text[i] !== d && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) i++;
        field = text.slice(start, i);
      }
      fields.push(field);
      if (i >= n) {
        endOfRecord = true;
      } else if (text[i] === d) {
        i++;
        if (i >= n) fields.push('');
        endOfRecord = i >= n;
      } else {
        i += text[i] === '\r' ? 2 : 1;
        line++;
        endOfRecord = true;
      }
    }
    if (!(fields.length === 1 && fields[0] === '')) records.push({ fields, line: startLine });
  }
  return records;
}

function at(file: string | undefined, line: number): { file?: string; line: number } {
  return file === undefined ? { line } : { file, line };
}
