import { createHash } from 'node:crypto';
import { PrikkError } from '../errors/PrikkError.js';
import { CsvExtractReader } from './CsvExtractReader.js';
import { resolveCsvOptions, type CsvReadOptions } from './CsvReadOptions.js';
import { readFileChunks } from './readFileChunks.js';
import type { Extract } from './Extract.js';
import type { Schema } from './Schema.js';
import { resolveSchema } from './resolveSchema.js';

/**
 * Reads a registry extract from a CSV file into an encoded, validated `Extract`, streaming: the file is read in
 * `chunkSize` pieces (the next piece is read while the current one is parsed), so memory is the encoded columns,
 * never the file as text. `inputHash` is the sha256 of the file's bytes, computed on the way.
 *
 * **Dialect** (RFC 4180, as registries export it): delimiter `;`, `,` or tab (given, or detected from the header
 * line: the candidate found most often outside quotes); fields quoted with `"` may hold the delimiter, line
 * breaks (LF or CRLF) and doubled quotes; lines end with LF, CRLF or CR; the last line may lack a line end. A
 * quote inside an unquoted field is an ordinary character. UTF-8 (a byte order mark is skipped) or latin1.
 * A blank line (nothing at all before its line end) is not a record: it is skipped and not counted in
 * `rowsRead` (so in a one-column file an empty value must be written `""`).
 *
 * **Header**: the first record names the columns. Columns the schema does not list are skipped (not parsed,
 * not decoded); `ignore` columns need not be present; every other schema column must be.
 *
 * **Values** (per `Schema`): codes are kept verbatim (leading zeros and spaces included) and dictionary-encoded
 * in order of first appearance, or in the code list's order; person ids are compared as bytes and numbered
 * densely in order of first appearance, never decoded or printed; integers `[+-]?[0-9]+` (exact up to 2^53 - 1);
 * decimals `[+-]?digits[.digits][e[+-]digits]` with `.` (or `,` with `decimalComma`, which then rejects `.`),
 * no thousands separators, correctly rounded (see `parseDecimalBytes`); years of exactly four digits; dates
 * `YYYY-MM-DD` as days since 1970-01-01. Numbers may be padded with spaces; `NaN` and `Infinity` are not numbers.
 * Measures must be `>= 0` unless the schema sets `min`. A field is missing when it is empty (`""` included) or
 * one of the column's `missingTokens`.
 *
 * **Rows**: a row is excluded only where the schema says so (`missing: 'exclude'`, `unknownCodes: 'exclude'`,
 * `outOfRange: 'exclude'`), counted under its first reason in schema order (`missing:<col>`,
 * `unknown-code:<col>`, `out-of-range:<col>`); `reconciliation.rowsRead = rowsUsed + sum(excluded)` always.
 * Any error stops the read: no partial extract is returned.
 *
 * **Record keys** (`recordKeys: { secret }`): the cell key method's keys are derived from the person ids of the rows
 * used, one HMAC-SHA256 per distinct person, while the ids are at hand, and kept as `extract.person.recordKeys`
 * (keys and the secret's fingerprint: never an id, never the secret); `recordKeysFromExtract` turns them into
 * `RecordKeys`. A key is HMAC-SHA256(secret, the id's UTF-8 bytes) (latin1 ids are re-encoded to UTF-8 first), the
 * same as `recordKeysFromIds` gives.
 *
 * Cost: O(file size) time, one pass (+ about 2 µs per distinct person with `recordKeys`); memory O(rows × columns)
 * typed-array cells plus the distinct values.
 *
 * @throws PrikkError, every message naming the file and, where it applies, the line (the physical line where the
 *   record starts), the row (data record number) and column, and what was expected. The bad value is shown (cut
 *   after 40 characters) except in the person column, and except when it equals a person id seen so far or
 *   contains the row's own (4 bytes or more): a misaligned row must not print a person id. Header names are not
 *   listed (a file without a header row would print data); a near match is suggested instead:
 *   - `INVALID_ARGUMENT` for bad options (a `recordKeys` secret shorter than 32 bytes, never shown; `recordKeys`
 *     with a schema without a person column), `INVALID_SCHEMA` for a bad schema (before any byte is read);
 *   - `IO_ERROR` when the file cannot be opened or read;
 *   - `MALFORMED_INPUT`: an empty file, duplicate header names, a ragged row (`expected 8 fields (as in the header),
 *     found 7`), an unterminated quote (naming the line where the field started), a character after a closing
 *     quote, invalid UTF-8 in the header or a code column, a UTF-16 file;
 *   - `UNKNOWN_COLUMN`: a schema column not in the header;
 *   - `INVALID_VALUE`: a bad number, year or date, a value out of `[min, max]`, a code not in the code list;
 *   - `MISSING_VALUE`: a missing value where the schema says `missing: 'error'` (the default), including
 *     "missing person id".
 * @example
 * // extract.csv:  pid;sykehus;alder;kostnad\n17;A;81;1200.5\n17;B;81;\n
 * const x = await readCsv('extract.csv', { columns: [
 *   { name: 'pid', role: 'person' },
 *   { name: 'sykehus', role: 'dimension' },
 *   { name: 'alder', role: 'dimension', type: 'integer' },
 *   { name: 'kostnad', role: 'measure', missing: 'exclude' },
 * ] });
 * x.rowCount                 // 1
 * x.reconciliation           // { source: 'extract.csv', rowsRead: 2, rowsUsed: 1, excluded: { 'missing:kostnad': 1 } }
 * x.person?.personCount      // 1
 */
export async function readCsv(path: string, schema: Schema, options?: CsvReadOptions): Promise<Extract> {
  if (typeof path !== 'string' || path === '') throw new PrikkError('INVALID_ARGUMENT', 'readCsv: path must be a non-empty string');
  const opts = resolveCsvOptions(options, 'readCsv', path);
  const resolved = resolveSchema(schema, 'readCsv');
  let reader: CsvExtractReader | undefined;
  const hash = createHash('sha256');
  let bytesRead = 0;
  let totalBytes = 0;
  await readFileChunks(
    path,
    opts.chunkSize,
    opts.source,
    (chunk) => {
      hash.update(chunk);
      reader!.push(chunk);
      bytesRead += chunk.length;
      opts.onProgress?.(bytesRead, totalBytes);
      return true;
    },
    (size) => {
      totalBytes = size ?? 0;
      reader = new CsvExtractReader(resolved, opts, size);
    },
  );
  return reader!.finish(hash.digest('hex'));
}
