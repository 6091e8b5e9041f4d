import { PrikkError } from '../errors/PrikkError.js';
import type { Delimiter } from './detectDialect.js';
import { resolveRecordKeysOption, type RecordKeysReadOption, type ResolvedRecordKeysOption } from './RecordKeysReadOption.js';
import type { TextEncodingName } from './TextCodec.js';

/** Options of `readCsv`, `readCsvBuffer` and `inferSchema`. */
export interface CsvReadOptions {
  /** The field delimiter. Defaults to detection from the header line (see `detectDialect`). */
  readonly delimiter?: Delimiter;
  /**
   * The text encoding. Defaults to `utf8` (a UTF-8 byte order mark is skipped; invalid UTF-8 in the header or in
   * a code column is an error naming line and column). `latin1` is ISO-8859-1.
   */
  readonly encoding?: TextEncodingName;
  /**
   * `,` as the decimal mark in decimal columns (`12,5`). Then `.` is not accepted there at all (`1.234,5` and
   * `1.5` are errors), and thousands separators never are. Defaults to `false` (`.` as decimal mark).
   */
  readonly decimalComma?: boolean;
  /** The input's name in messages and in the extract. Defaults to the path (`readCsv`) or `buffer`. */
  readonly source?: string;
  /** Bytes read and parsed per step. Defaults to 1 MiB; small values exercise chunk boundaries in tests. */
  readonly chunkSize?: number;
  /**
   * Defaults to none. `readCsv` only: called after each chunk with the bytes parsed so far and the file's size, for a
   * progress bar. It must not throw.
   */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * Defaults to none. `readCsv` and `readCsvBuffer` only (the schema needs a person column): derive the cell key
   * method's record keys from the person ids during this read, one HMAC per distinct person of the rows used, and
   * keep them (never the ids, never the secret) in `extract.person.recordKeys`; `recordKeysFromExtract` turns them
   * into `RecordKeys`. Saves the second read of `recordKeysFromReader`. See `RecordKeysReadOption`.
   */
  readonly recordKeys?: RecordKeysReadOption;
}

/** `CsvReadOptions` with the defaults filled in. */
export interface ResolvedCsvOptions {
  readonly delimiter: Delimiter | undefined;
  readonly encoding: TextEncodingName;
  readonly decimalComma: boolean;
  readonly source: string;
  readonly chunkSize: number;
  readonly onProgress: ((bytesRead: number, totalBytes: number) => void) | undefined;
  readonly recordKeys: ResolvedRecordKeysOption | undefined;
}

const KEYS = new Set(['delimiter', 'encoding', 'decimalComma', 'source', 'chunkSize', 'onProgress', 'recordKeys']);

/**
 * Validates CSV read options and fills in the defaults. Cost O(1).
 *
 * @throws PrikkError `INVALID_ARGUMENT` naming the caller and the option, for an unknown option, a delimiter
 *   other than `;`, `,` or tab, an unknown encoding, a non-boolean `decimalComma`, an empty `source`, or a
 *   `chunkSize` that is not an integer in [1, 2^30], a `recordKeys` that is not `{ secret }` with a secret of at
 *   least 32 bytes (never shown).
 * @example
 * resolveCsvOptions({ delimiter: ';' }, 'readCsv', 'x.csv')
 * // { delimiter: ';', encoding: 'utf8', decimalComma: false, source: 'x.csv', chunkSize: 1048576, onProgress: undefined, recordKeys: undefined }
 */
export function resolveCsvOptions(options: CsvReadOptions | undefined, caller: string, defaultSource: string): ResolvedCsvOptions {
  const o = options ?? {};
  if (typeof o !== 'object' || o === null) throw bad(`${caller}: options must be an object`);
  for (const key of Object.keys(o)) {
    if (!KEYS.has(key)) throw bad(`${caller}: unknown option '${key}' (known: ${[...KEYS].join(', ')})`);
  }
  if (o.delimiter !== undefined && o.delimiter !== ';' && o.delimiter !== ',' && o.delimiter !== '\t') {
    throw bad(`${caller}: options.delimiter must be ';', ',' or '\\t', got ${JSON.stringify(o.delimiter)}`);
  }
  if (o.encoding !== undefined && o.encoding !== 'utf8' && o.encoding !== 'latin1') {
    throw bad(`${caller}: options.encoding must be 'utf8' or 'latin1', got ${JSON.stringify(o.encoding)}`);
  }
  if (o.decimalComma !== undefined && typeof o.decimalComma !== 'boolean') {
    throw bad(`${caller}: options.decimalComma must be a boolean`);
  }
  if (o.source !== undefined && (typeof o.source !== 'string' || o.source === '')) {
    throw bad(`${caller}: options.source must be a non-empty string`);
  }
  const chunkSize = o.chunkSize ?? 1 << 20;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 2 ** 30) {
    throw bad(`${caller}: options.chunkSize must be an integer from 1 to 2^30, got ${String(o.chunkSize)}`);
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw bad(`${caller}: options.onProgress must be a function`);
  const recordKeys = resolveRecordKeysOption(o.recordKeys, caller);
  return {
    delimiter: o.delimiter,
    encoding: o.encoding ?? 'utf8',
    decimalComma: o.decimalComma ?? false,
    source: o.source ?? defaultSource,
    chunkSize,
    onProgress: o.onProgress,
    recordKeys,
  };
}

function bad(message: string): PrikkError {
  return new PrikkError('INVALID_ARGUMENT', message);
}
