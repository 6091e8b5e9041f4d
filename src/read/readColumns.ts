import { PrikkError } from '../errors/PrikkError.js';
import { CanonicalHasher } from './CanonicalHasher.js';
import type { Extract } from './Extract.js';
import { ExtractBuilder } from './ExtractBuilder.js';
import { resolveSource, type InMemoryReadOptions } from './InMemoryReadOptions.js';
import type { Schema } from './Schema.js';
import { resolveRecordKeysOption } from './RecordKeysReadOption.js';
import { resolveSchema } from './resolveSchema.js';
import { TextCodec } from './TextCodec.js';

/**
 * Reads an extract given column by column (plain arrays or typed arrays, keyed by column name, all of the same
 * length) into an encoded `Extract`, with the rules of `readRows` (and so of `readCsv`). A typed array has no
 * missing value (`NaN` is an invalid number, not a missing one): use a plain array with `null` for that.
 * Columns the schema does not list are ignored, but must have the same length too.
 *
 * `inputHash` is the sha256 of the canonical serialisation of `readRows` (row by row), so the same values give
 * the same hash in either form.
 *
 * With `options.recordKeys: { secret }`, the persons' record keys are derived as by `readRows`.
 *
 * Cost O(rows × columns) (+ one HMAC per distinct person with `recordKeys`).
 *
 * @throws PrikkError `INVALID_ARGUMENT` when `columns` is not an object of array-likes or the lengths differ
 *   (naming both columns and lengths), or for a bad `recordKeys`; `UNKNOWN_COLUMN` for a schema column that is not given; and the value
 *   errors of `readRows`.
 * @example
 * const x = readColumns({ pid: ['a', 'a', 'b'], cost: new Float64Array([10, 2.5, 7]) },
 *   { columns: [{ name: 'pid', role: 'person' }, { name: 'cost', role: 'measure' }] });
 * x.columns.get('cost')   // { kind: 'number', values: Float64Array [10, 2.5, 7], ... }
 * x.person                // { name: 'pid', codes: Uint32Array [0, 0, 1], personCount: 2 }
 */
export function readColumns(columns: Readonly<Record<string, ArrayLike<unknown>>>, schema: Schema, options?: InMemoryReadOptions): Extract {
  const source = resolveSource(options, 'readColumns', 'columns');
  const recordKeys = resolveRecordKeysOption(options?.recordKeys, 'readColumns');
  if (typeof columns !== 'object' || columns === null || Array.isArray(columns)) {
    throw new PrikkError('INVALID_ARGUMENT', 'readColumns: columns must be an object of arrays keyed by column name');
  }
  let length = -1;
  let first = '';
  for (const [name, values] of Object.entries(columns)) {
    const ok = values !== null && typeof values === 'object' && Number.isSafeInteger((values as ArrayLike<unknown>).length) && (values as ArrayLike<unknown>).length >= 0;
    if (!ok) throw new PrikkError('INVALID_ARGUMENT', `readColumns: columns['${name}'] must be an array or a typed array`);
    if (length < 0) {
      length = values.length;
      first = name;
    } else if (values.length !== length) {
      throw new PrikkError('INVALID_ARGUMENT', `readColumns: every column must have the same length; '${first}' has ${length} values, '${name}' has ${values.length}`);
    }
  }
  const resolved = resolveSchema(schema, 'readColumns');
  const names = resolved.columns.map((c) => c.name);
  const arrays = names.map((name) => {
    if (!Object.prototype.hasOwnProperty.call(columns, name)) {
      throw new PrikkError('UNKNOWN_COLUMN', `the schema's column '${name}' is not among the given columns`, { file: source, column: name });
    }
    return columns[name]!;
  });
  const n = Math.max(0, length);
  const builder = new ExtractBuilder(resolved, { source, codec: new TextCodec('utf8'), decimalComma: false, expectedRows: n + 1, recordKeys });
  builder.useSchemaOrder();
  const hasher = new CanonicalHasher(names);
  for (let r = 0; r < n; r++) {
    for (let slot = 0; slot < arrays.length; slot++) {
      const value = arrays[slot]![r];
      hasher.add(value);
      builder.setValue(slot, value);
    }
    builder.endRow();
  }
  return builder.finish(hasher.digest());
}
