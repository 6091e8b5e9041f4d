import { PrikkError } from '../errors/PrikkError.js';
import { HmacSha256 } from '../random/HmacSha256.js';
import { secretBytes, secretFingerprint } from '../random/secretFingerprint.js';

/**
 * The readers' `recordKeys` option: derive the cell key method's record keys while the extract is read, so that the
 * person ids need not be read a second time (see `PersonRecordKeys`).
 */
export interface RecordKeysReadOption {
  /**
   * Required. The registry's secret: at least 32 bytes (as a string, its UTF-8 bytes), from a secret store, never
   * from the data. It is used during the read and not kept: the extract holds only the keys and the secret's
   * fingerprint. The same secret as `recordKeysFromIds` takes, giving the same keys.
   */
  readonly secret: string | Uint8Array;
}

/** A checked `recordKeys` option: the HMAC keyed with the secret, and the secret's fingerprint. */
export interface ResolvedRecordKeysOption {
  /** The reader, for messages. */
  readonly caller: string;
  /** HMAC-SHA256 keyed with the secret (its state is as sensitive as the secret: never logged, never kept). */
  readonly mac: HmacSha256;
  /** `secretFingerprint(secret)`: 16 hex digits. */
  readonly secretFingerprint: string;
}

/**
 * Checks a reader's `recordKeys` option and keys the HMAC with its secret, before any data is read.
 *
 * Cost: two SHA-256 compressions for the key blocks and one HMAC for the fingerprint.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming the reader, for an option that is not `{ secret }` or a secret that
 * is not a string or bytes of at least 32 bytes (the secret is never shown).
 * @example
 * resolveRecordKeysOption(undefined, 'readCsv')                                  // undefined
 * resolveRecordKeysOption({ secret: 'x'.repeat(32) }, 'readCsv').secretFingerprint // 16 hex digits
 * resolveRecordKeysOption({ secret: 'short' }, 'readCsv')                         // throws: at least 32 bytes
 */
export function resolveRecordKeysOption(value: unknown, caller: string): ResolvedRecordKeysOption | undefined {
  if (value === undefined) return undefined;
  const where = `${caller}: options.recordKeys`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PrikkError('INVALID_ARGUMENT', `${where} must be an object { secret }`);
  }
  for (const key of Object.keys(value)) {
    if (key !== 'secret') throw new PrikkError('INVALID_ARGUMENT', `${where}: unknown option '${key}' (known: secret)`);
  }
  const secret = secretBytes(where, (value as { secret?: unknown }).secret);
  return Object.freeze({ caller, mac: new HmacSha256(secret), secretFingerprint: secretFingerprint(secret) });
}
