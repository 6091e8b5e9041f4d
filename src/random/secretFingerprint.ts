import { PrikkError } from '../errors/PrikkError.js';
import { HmacSha256 } from './HmacSha256.js';

/** Shortest secret accepted, in bytes: 256 bits, the output size of SHA-256 (RFC 2104 §3: at least L bytes). */
export const MIN_SECRET_BYTES = 32;

/** The domain-separated message whose HMAC fingerprints the secret. */
const FINGERPRINT_MESSAGE = 'prikk:cell-key:secret-fingerprint:v1';

/**
 * Checks a registry secret and returns its bytes.
 * @throws {PrikkError} `INVALID_ARGUMENT` (never showing the secret) when it is not a string or bytes, or shorter
 * than {@link MIN_SECRET_BYTES} bytes.
 * @example
 * secretBytes('recordKeysFromIds', 'x'.repeat(32)).length // 32
 * secretBytes('recordKeysFromIds', 'hunter2')              // throws: at least 32 bytes (the secret is not shown)
 */
export function secretBytes(where: string, secret: unknown): Uint8Array {
  let bytes: Uint8Array;
  if (typeof secret === 'string') bytes = Buffer.from(secret, 'utf8');
  else if (secret instanceof Uint8Array) bytes = secret;
  else throw new PrikkError('INVALID_ARGUMENT', `${where}: secret must be a string or a Uint8Array`);
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: secret must be at least ${MIN_SECRET_BYTES} bytes (256 bits), got ${bytes.length} bytes; draw it once with crypto.randomBytes(32) and keep it in a secret store`);
  }
  return bytes;
}

/**
 * A fingerprint of a registry secret for the manifest: the first 8 bytes (hex) of HMAC-SHA256(secret,
 * "prikk:cell-key:secret-fingerprint:v1"). It tells whether two releases used the same secret and reveals nothing
 * else (HMAC is a pseudorandom function; the message differs from every person id by its prefix).
 *
 * Cost: one HMAC.
 * @throws {PrikkError} as {@link secretBytes}.
 * @example
 * secretFingerprint('x'.repeat(32)) // 16 hex digits, the same for the same secret
 */
export function secretFingerprint(secret: string | Uint8Array): string {
  const key = secretBytes('secretFingerprint', secret);
  return Buffer.from(new HmacSha256(key).digest(new TextEncoder().encode(FINGERPRINT_MESSAGE)).subarray(0, 8)).toString('hex');
}
