import { CsvTokenizer } from '../../src/read/CsvTokenizer.js';
import type { BatchSink, FieldBatch } from '../../src/read/FieldBatch.js';

/** Options of `toCsv`. */
export interface CsvWriteOptions {
  readonly delimiter?: string;
  readonly eol?: '\n' | '\r\n';
  readonly finalNewline?: boolean;
  /** Quote every field, not only those that need it. */
  readonly quoteAll?: boolean;
}

/**
 * Serialises a table (first row = header) as RFC 4180 CSV: a field is quoted when it contains the delimiter,
 * a quote, CR or LF, or starts with a space-free quote; in a one-column table an empty field is written `""`
 * (an empty line would be a blank line, not a record). Written here independently of the reader.
 */
export function toCsv(table: readonly (readonly string[])[], options: CsvWriteOptions = {}): string {
  const d = options.delimiter ?? ',';
  const eol = options.eol ?? '\n';
  const lines = table.map((row) =>
    row
      .map((field) => {
        const needs = options.quoteAll || field.includes(d) || field.includes('"') || field.includes('\r') || field.includes('\n') || (row.length === 1 && field === '');
        return needs ? `"${field.replace(/"/g, '""')}"` : field;
      })
      .join(d),
  );
  return lines.join(eol) + (options.finalNewline === false ? '' : eol);
}

/** Feeds `bytes` to a tokenizer in pieces of `chunkSize` and returns the records as strings (header first). */
export function tokenize(bytes: Uint8Array, delimiter: string, chunkSize: number, decoder = new TextDecoder()): string[][] {
  const records: string[][] = [];
  const sink: BatchSink = {
    header(fields: readonly Uint8Array[]) {
      records.push(fields.map((f) => decoder.decode(f)));
    },
    batch(b: FieldBatch) {
      for (let r = 0; r < b.rows; r++) {
        const row: string[] = [];
        for (let f = 0; f < b.fieldCount; f++) {
          const k = r * b.fieldCount + f;
          let s = b.starts[k]!;
          const bytes = s < 0 ? b.overflow : b.bytes;
          if (s < 0) s = ~s;
          row.push(decoder.decode(bytes.subarray(s, b.ends[k]!)));
        }
        records.push(row);
      }
    },
  };
  const t = new CsvTokenizer(delimiter.charCodeAt(0), 'test.csv', sink);
  // One reused chunk buffer, overwritten with garbage after each push: the tokenizer must not keep references to it.
  const chunk = new Uint8Array(chunkSize);
  for (let i = 0; i < bytes.length; i += chunkSize) {
    const piece = bytes.subarray(i, Math.min(bytes.length, i + chunkSize));
    chunk.set(piece);
    t.push(chunk.subarray(0, piece.length));
    chunk.fill(0x3f);
  }
  t.end();
  return records;
}

/** Runs `f` and returns the PrikkError it throws (fails the test if it does not throw). */
export function errorOf(f: () => unknown): Error & { code?: string; location?: unknown } {
  try {
    f();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected an error, none was thrown');
}

/** Like `errorOf`, for async functions. */
export async function asyncErrorOf(f: () => Promise<unknown>): Promise<Error & { code?: string; location?: unknown }> {
  try {
    await f();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected an error, none was thrown');
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
