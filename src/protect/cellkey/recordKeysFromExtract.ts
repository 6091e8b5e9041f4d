import { PrikkError } from '../../errors/PrikkError.js';
import type { Extract } from '../../read/Extract.js';
import { secretFingerprint } from '../../random/secretFingerprint.js';
import { RecordKeys } from './RecordKeys.js';

/** Options of {@link recordKeysFromExtract}. */
export interface RecordKeysFromExtractOptions {
  /** Defaults to 32. 8 gives the ABS / ONS / Cantabular flavour: the first byte of each key (0..255). */
  readonly bits?: 32 | 8;
  /**
   * Defaults to none (not checked). The registry secret the keys are expected to come from: compared with the
   * fingerprint the read kept, so keys derived under another secret are refused instead of used.
   */
  readonly secret?: string | Uint8Array;
}

/**
 * The record keys of an extract read with the `recordKeys` option (`readCsv(path, schema, { recordKeys: { secret }
 * })`, likewise `readCsvBuffer`, `readRows`, `readColumns`): the reader derived them while it held the person ids,
 * key = the first 4 bytes of HMAC-SHA256(secret, UTF-8 id), big-endian, as a fraction of 2^32 (or the first byte
 * with `bits: 8`), in person-code order: the same keys `recordKeysFromIds` gives for the ids and `recordKeysFromReader`
 * gives by reading the source a second time, without that second read.
 *
 * Cost: O(persons) (a copy of the keys, so the extract's stay as read).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for an extract without a person column, one read without `recordKeys`
 * (read it with the option, or use `recordKeysFromReader`), keys whose secret fingerprint differs from `secret`'s, a
 * short `secret` (never shown), bad `bits` or an unknown option. Messages never show a key or the secret.
 * @example
 * const extract = await readCsv('extract.csv', schema, { recordKeys: { secret } });
 * const keys = recordKeysFromExtract(extract, { secret });
 * keys.length === extract.person!.personCount // true
 * keys.toJSON() // { source: 'hmac-sha256', bits: 32, per: 'person', secretFingerprint: '3f9a…' }
 */
export function recordKeysFromExtract(extract: Extract, options: RecordKeysFromExtractOptions = {}): RecordKeys {
  const where = 'recordKeysFromExtract';
  if (typeof options !== 'object' || options === null) throw new PrikkError('INVALID_ARGUMENT', `${where}: options must be an object`);
  for (const key of Object.keys(options)) {
    if (key !== 'bits' && key !== 'secret') throw new PrikkError('INVALID_ARGUMENT', `${where}: unknown option '${key}' (known: bits, secret)`);
  }
  const bits = options.bits ?? 32;
  if (bits !== 32 && bits !== 8) throw new PrikkError('INVALID_ARGUMENT', `${where}: bits must be 32 or 8, got ${String(bits)}`);
  const expected = options.secret === undefined ? undefined : secretFingerprint(options.secret);
  const person = extract?.person;
  if (!person) throw new PrikkError('INVALID_ARGUMENT', `${where}: the extract has no person column; record keys are per person`);
  const carried = person.recordKeys;
  if (carried === undefined) {
    throw new PrikkError(
      'INVALID_ARGUMENT',
      `${where}: the extract '${extract.source}' was read without record keys; read it with the option recordKeys: { secret }, or derive them with recordKeysFromReader`,
    );
  }
  if (carried.words.length !== person.personCount) {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: the extract has ${person.personCount} persons but ${carried.words.length} record keys`);
  }
  if (expected !== undefined && expected !== carried.secretFingerprint) {
    throw new PrikkError(
      'INVALID_ARGUMENT',
      `${where}: the extract's record keys were derived under another secret (fingerprint ${carried.secretFingerprint}, expected ${expected})`,
    );
  }
  const words = carried.words;
  const keys = new Uint32Array(words.length);
  if (bits === 32) {
    keys.set(words);
  } else {
    // The first byte k of the HMAC, stored as k × 2^24 (see RecordKeys): the rule of recordKeysFromIds.
    for (let p = 0; p < words.length; p++) keys[p] = (words[p]! >>> 24) * 2 ** 24;
  }
  return new RecordKeys({ keys, bits, per: 'person', source: 'hmac-sha256', secretFingerprint: carried.secretFingerprint });
}
