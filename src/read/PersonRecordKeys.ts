import { PrikkError } from '../errors/PrikkError.js';

/**
 * The record keys of an extract's persons, derived while the extract was read (the readers' `recordKeys` option):
 * `words[p]` is the first 4 bytes, read big-endian, of HMAC-SHA256(secret, UTF-8 bytes of person p's id) (RFC 2104,
 * FIPS 198-1), for every person code p: the rule of `recordKeysFromIds`, so both give the same keys for the same ids
 * and secret. The 8-bit keys of the ABS / ONS flavour are the first byte of the same words. Turn them into the cell
 * key method's `RecordKeys` with `recordKeysFromExtract`.
 *
 * Only the keys and the secret's fingerprint are kept: no id, and not the secret. `JSON.stringify` shows the count
 * and the fingerprint, never the keys (with the keys and the p-table, the noise could be undone).
 *
 * Immutable (the array is taken, not copied). Cost O(1).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when `words` is not a Uint32Array or the fingerprint is not 16 hex digits.
 * @example
 * const k = new PersonRecordKeys(Uint32Array.of(0x80000000), '0123456789abcdef');
 * k.count            // 1
 * JSON.stringify(k)  // '{"count":1,"secretFingerprint":"0123456789abcdef"}'
 */
export class PersonRecordKeys {
  /** One HMAC word per person code. */
  readonly words: Uint32Array;
  /** Fingerprint of the secret the keys were made with (`secretFingerprint`). */
  readonly secretFingerprint: string;

  constructor(words: Uint32Array, secretFingerprint: string) {
    if (!(words instanceof Uint32Array)) throw new PrikkError('INVALID_ARGUMENT', 'PersonRecordKeys: words must be a Uint32Array');
    if (typeof secretFingerprint !== 'string' || !/^[0-9a-f]{16}$/.test(secretFingerprint)) {
      throw new PrikkError('INVALID_ARGUMENT', 'PersonRecordKeys: secretFingerprint must be 16 hex digits');
    }
    this.words = words;
    this.secretFingerprint = secretFingerprint;
    Object.freeze(this);
  }

  /** Number of persons with a key. */
  get count(): number {
    return this.words.length;
  }

  /** A summary for JSON: the count and the fingerprint, never the keys. */
  toJSON(): { readonly count: number; readonly secretFingerprint: string } {
    return { count: this.words.length, secretFingerprint: this.secretFingerprint };
  }
}
