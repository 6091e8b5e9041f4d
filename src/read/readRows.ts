import { PrikkError } from '../errors/PrikkError.js';
import { CanonicalHasher } from './CanonicalHasher.js';
import type { Extract } from './Extract.js';
import { resolveSource, type InMemoryReadOptions } from './InMemoryReadOptions.js';
import { ExtractBuilder } from './ExtractBuilder.js';
import type { Schema } from './Schema.js';
import { resolveRecordKeysOption } from './RecordKeysReadOption.js';
import { resolveSchema } from './resolveSchema.js';
import { TextCodec } from './TextCodec.js';

/**
 * Reads an extract given as an array of objects (one per row, keyed by column name) into an encoded `Extract`,
 * with exactly the rules of `readCsv`: a string value is read as the CSV field with that text would be, so
 * `readRows`, `readColumns` and `readCsvBuffer` give equal extracts for the same data (apart from `source` and
 * `inputHash`). Values: strings; numbers (used as they are in numeric columns, turned into their `String()` in
 * code and person columns); bigints; `Date` objects at midnight UTC in date columns; `null` or `undefined` (or an
 * absent key) = missing. Keys the schema does not list are ignored.
 *
 * `inputHash` is the sha256 of a canonical serialisation of the schema's columns (see `CanonicalHasher`), the
 * same as `readColumns` gives for the same values.
 *
 * With `options.recordKeys: { secret }`, the persons' record keys are derived as by `readCsv` (ids as their UTF-8
 * bytes, a number as its `String()`): see `CsvReadOptions.recordKeys`.
 *
 * Cost O(rows × columns) (+ one HMAC per distinct person with `recordKeys`).
 *
 * @throws PrikkError `INVALID_ARGUMENT` when `rows` is not an array of objects or for a bad `recordKeys` (a short
 *   secret, never shown; no person column); `UNKNOWN_COLUMN` when a schema column is a key of no row; and the value errors of `readCsv` (`INVALID_VALUE`, `MISSING_VALUE`, naming the
 *   row and column, never a person id).
 * @example
 * const x = readRows([{ pid: 'a', age: 81 }, { pid: 'a', age: '82' }, { pid: 'b', age: null }],
 *   { columns: [{ name: 'pid', role: 'person' }, { name: 'age', role: 'dimension', type: 'integer', missing: 'exclude' }] });
 * x.columns.get('age')    // { kind: 'number', values: Float64Array [81, 82], ... }
 * x.person?.personCount   // 1 ('b' is only in the excluded row)
 * x.reconciliation        // { source: 'rows', rowsRead: 3, rowsUsed: 2, excluded: { 'missing:age': 1 } }
 */
export function readRows(rows: readonly Readonly<Record<string, unknown>>[], schema: Schema, options?: InMemoryReadOptions): Extract {
  const source = resolveSource(options, 'readRows', 'rows');
  const recordKeys = resolveRecordKeysOption(options?.recordKeys, 'readRows');
  if (!Array.isArray(rows)) throw new PrikkError('INVALID_ARGUMENT', 'readRows: rows must be an array of objects');
  const resolved = resolveSchema(schema, 'readRows');
  const names = resolved.columns.map((c) => c.name);
  rows.forEach((row, i) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new PrikkError('INVALID_ARGUMENT', `readRows: rows[${i}] must be an object keyed by column name`, { file: source, row: i + 1 });
    }
  });
  if (rows.length > 0) {
    for (const name of names) {
      if (!rows.some((row) => Object.prototype.hasOwnProperty.call(row, name))) {
        throw new PrikkError('UNKNOWN_COLUMN', `the schema's column '${name}' is a key of no row`, { file: source, column: name });
      }
    }
  }
  const builder = new ExtractBuilder(resolved, { source, codec: new TextCodec('utf8'), decimalComma: false, expectedRows: rows.length + 1, recordKeys });
  builder.useSchemaOrder();
  const hasher = new CanonicalHasher(names);
  for (const row of rows) {
    for (let slot = 0; slot < names.length; slot++) {
      const value = row[names[slot]!];
      hasher.add(value);
      builder.setValue(slot, value);
    }
    builder.endRow();
  }
  return builder.finish(hasher.digest());
}
