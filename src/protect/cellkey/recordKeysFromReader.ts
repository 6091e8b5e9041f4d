import { PrikkError } from '../../errors/PrikkError.js';
import type { Extract } from '../../read/Extract.js';
import type { Schema } from '../../read/Schema.js';
import { recordKeysFromIds } from './recordKeysFromIds.js';
import type { RecordKeys } from './RecordKeys.js';
import { secretBytes } from '../../random/secretFingerprint.js';

/** Options of {@link recordKeysFromReader}. */
export interface RecordKeysFromReaderOptions {
  /** Required. The extract the keys are for (its person codes fix the order of the keys). */
  readonly extract: Extract;
  /** Required. The schema the extract was read with. */
  readonly schema: Schema;
  /**
   * Required. Reads the extract's source again with the schema it is given, with the same reader and options, e.g.
   * `(s) => readCsv(path, s, { delimiter: ';' })` or `(s) => readRows(rows, s)`.
   */
  readonly read: (schema: Schema) => Extract | Promise<Extract>;
  /** Required. The registry secret (see `recordKeysFromIds`). */
  readonly secret: string | Uint8Array;
  /** Defaults to 32. */
  readonly bits?: 32 | 8;
}

/**
 * Record keys for an extract whose reader did not keep the person ids: reads the source again with the person column
 * declared as a code dimension, so that the reader's own rules (the same row exclusions, the same order of first
 * appearance among the kept rows) give the ids in person-code order, checks that the second read is the same data
 * (same input hash, same rows, and its codes equal the extract's person codes row for row), then derives the keys with
 * {@link recordKeysFromIds}. The ids live only inside this call.
 *
 * For an extract you read yourself, the reader's `recordKeys` option and `recordKeysFromExtract` give the same keys
 * without the second read; this function is for extracts read without it.
 *
 * Cost: a second read of the source, plus one HMAC per person.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a missing option, a short secret (checked before anything is read), an
 * extract without a person column, or a second read that is not the same data; a reading error comes back with its
 * code and location but without its message (with the person column read as codes, a message could show an id).
 * @example
 * const schema = hipFractureSchema();
 * const extract = await readCsv('extract.csv', schema);
 * const keys = await recordKeysFromReader({ extract, schema, read: (s) => readCsv('extract.csv', s), secret });
 * keys.length === extract.person!.personCount // true
 */
export async function recordKeysFromReader(options: RecordKeysFromReaderOptions): Promise<RecordKeys> {
  const where = 'recordKeysFromReader';
  if (typeof options !== 'object' || options === null) throw new PrikkError('INVALID_ARGUMENT', `${where}: expected an options object`);
  const known = new Set(['extract', 'schema', 'read', 'secret', 'bits']);
  for (const key of Object.keys(options)) if (!known.has(key)) throw new PrikkError('INVALID_ARGUMENT', `${where}: unknown option '${key}'`);
  secretBytes(where, options.secret);
  const { extract, schema, read } = options;
  if (typeof read !== 'function') throw new PrikkError('INVALID_ARGUMENT', `${where}: read must be a function (schema) => Extract`);
  const person = extract?.person;
  if (!person) throw new PrikkError('INVALID_ARGUMENT', `${where}: the extract has no person column; record keys are per person`);
  if (!Array.isArray(schema?.columns) || !schema.columns.some((c) => c.role === 'person' && c.name === person.name)) {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: the schema has no person column '${person.name}' (give the schema the extract was read with)`);
  }
  const asCodes: Schema = {
    columns: schema.columns.map((c) => (c.role === 'person' ? { ...c, role: 'dimension' as const, type: 'code' as const } : c)),
  };
  let again: Extract;
  try {
    again = await read(asCodes);
  } catch (e) {
    if (e instanceof PrikkError) {
      throw new PrikkError(e.code, `${where}: reading the source again failed (${e.code}; message withheld, it could show a person id); it must be the source the extract was read from`, e.location);
    }
    throw new PrikkError('IO_ERROR', `${where}: reading the source again failed; it must be the source the extract was read from`);
  }
  const column = again?.columns?.get(person.name);
  const same =
    again.inputHash === extract.inputHash &&
    again.rowCount === extract.rowCount &&
    column?.kind === 'code' &&
    column.dictionary.length === person.personCount &&
    column.codes.length === person.codes.length;
  if (!same || column?.kind !== 'code') {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: the second read is not the extract's data (different input, rows or persons)`);
  }
  const codes = column.codes;
  const expected = person.codes;
  for (let r = 0; r < codes.length; r++) {
    if (codes[r] !== expected[r]) {
      throw new PrikkError('INVALID_ARGUMENT', `${where}: the second read numbers the persons differently from the extract (row ${r + 1}); it must use the same reader and options`);
    }
  }
  return recordKeysFromIds(column.dictionary as string[], { secret: options.secret, ...(options.bits !== undefined ? { bits: options.bits } : {}) });
}
