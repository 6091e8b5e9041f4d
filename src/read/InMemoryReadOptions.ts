import { PrikkError } from '../errors/PrikkError.js';
import type { RecordKeysReadOption } from './RecordKeysReadOption.js';

/** Options of `readRows` and `readColumns`. */
export interface InMemoryReadOptions {
  /** The input's name in messages and in the extract. Defaults to `rows` (`readRows`) or `columns` (`readColumns`). */
  readonly source?: string;
  /**
   * Defaults to none. Derive the cell key method's record keys from the person ids during this read (the schema needs
   * a person column): see `CsvReadOptions.recordKeys`. Ids are hashed as their UTF-8 bytes (a number as its
   * `String()`), as `recordKeysFromIds` hashes them.
   */
  readonly recordKeys?: RecordKeysReadOption;
}

/**
 * Validates the options of an in-memory reader and returns the source name (`recordKeys` is checked by
 * `resolveRecordKeysOption`). Cost O(1).
 *
 * @throws PrikkError `INVALID_ARGUMENT` naming the caller, for an unknown option or an empty `source`.
 * @example
 * resolveSource(undefined, 'readRows', 'rows')            // 'rows'
 * resolveSource({ source: 'api' }, 'readRows', 'rows')    // 'api'
 */
export function resolveSource(options: InMemoryReadOptions | undefined, caller: string, fallback: string): string {
  if (options === undefined) return fallback;
  if (typeof options !== 'object' || options === null) throw new PrikkError('INVALID_ARGUMENT', `${caller}: options must be an object`);
  for (const key of Object.keys(options)) {
    if (key !== 'source' && key !== 'recordKeys') throw new PrikkError('INVALID_ARGUMENT', `${caller}: unknown option '${key}' (known: source, recordKeys)`);
  }
  if (options.source === undefined) return fallback;
  if (typeof options.source !== 'string' || options.source === '') {
    throw new PrikkError('INVALID_ARGUMENT', `${caller}: options.source must be a non-empty string`);
  }
  return options.source;
}
