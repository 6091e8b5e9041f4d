import { createCipheriv, createHash } from 'node:crypto';
import { PrikkError } from '../errors/PrikkError.js';
import type { RandomSource } from './RandomSource.js';

const BLOCK_BYTES = 65536;

/**
 * A deterministic {@link RandomSource} for tests: the AES-256-CTR keystream under the key sha256(seed).
 * Statistically as good as the crypto source, but anyone who knows the seed knows every draw, so it is marked
 * `secure: false` and the release path refuses it. Never use it to make released noise reproducible: a release
 * is reproduced from its stored values, not by re-drawing noise.
 *
 * Source: NIST SP 800-38A (CTR mode); the keystream of a block cipher in counter mode is a standard DRBG core.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when the seed is empty.
 * @example
 * const a = seededRandomSource('test-1'), b = seededRandomSource('test-1');
 * a.nextUint32() === b.nextUint32() // true
 * a.secure                          // false
 */
export function seededRandomSource(seed: string | number): RandomSource {
  const text = String(seed);
  if (text.length === 0) throw new PrikkError('INVALID_ARGUMENT', 'seededRandomSource: expected a non-empty seed');
  const key = createHash('sha256').update(`prikk-seeded:${text}`).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const zeros = Buffer.alloc(BLOCK_BYTES);
  let words = new Uint32Array(0);
  let next = 0;
  return Object.freeze({
    name: `seeded(${text})`,
    secure: false,
    nextUint32(): number {
      if (next === words.length) {
        const bytes = cipher.update(zeros);
        words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
        next = 0;
      }
      return words[next++]!;
    },
  });
}
