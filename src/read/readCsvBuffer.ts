import { createHash } from 'node:crypto';
import { PrikkError } from '../errors/PrikkError.js';
import { CsvExtractReader } from './CsvExtractReader.js';
import { resolveCsvOptions, type CsvReadOptions } from './CsvReadOptions.js';
import type { Extract } from './Extract.js';
import type { Schema } from './Schema.js';
import { resolveSchema } from './resolveSchema.js';

/**
 * Reads a CSV extract held in memory (a service's upload, a test) into an encoded `Extract`: the same incremental
 * parser as `readCsv`, fed `options.chunkSize` bytes at a time (views, no copies). See `readCsv` for the dialect,
 * the types, the missing-value rules and every error.
 *
 * `inputHash` is the sha256 of `bytes` (the same as `readCsv` gives for a file with these bytes).
 *
 * Cost O(bytes); memory is the encoded columns.
 *
 * @throws PrikkError as `readCsv` (except `IO_ERROR`); `INVALID_ARGUMENT` when `bytes` is not a Uint8Array.
 * @example
 * const csv = new TextEncoder().encode('pid;kommune;kostnad\n1;0301;1200,50\n2;1103;800\n');
 * const x = readCsvBuffer(csv, { columns: [
 *   { name: 'pid', role: 'person' },
 *   { name: 'kommune', role: 'dimension' },
 *   { name: 'kostnad', role: 'measure' },
 * ] }, { decimalComma: true });
 * x.rowCount                                  // 2
 * x.columns.get('kommune')                    // { kind: 'code', codes: Uint8Array [0, 1], dictionary: ['0301', '1103'], ... }
 * x.columns.get('kostnad')                    // { kind: 'number', values: Float64Array [1200.5, 800], ... }
 * x.person                                    // { name: 'pid', codes: Uint32Array [0, 1], personCount: 2 }
 */
export function readCsvBuffer(bytes: Uint8Array, schema: Schema, options?: CsvReadOptions): Extract {
  const opts = resolveCsvOptions(options, 'readCsvBuffer', 'buffer');
  if (!(bytes instanceof Uint8Array)) {
    throw new PrikkError('INVALID_ARGUMENT', 'readCsvBuffer: bytes must be a Uint8Array (or a Buffer)');
  }
  const resolved = resolveSchema(schema, 'readCsvBuffer');
  const reader = new CsvExtractReader(resolved, opts, bytes.length);
  const step = opts.chunkSize;
  for (let i = 0; i < bytes.length; i += step) reader.push(bytes.subarray(i, Math.min(bytes.length, i + step)));
  return reader.finish(createHash('sha256').update(bytes).digest('hex'));
}
