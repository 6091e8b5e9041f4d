import { randomFillSync } from 'node:crypto';
import type { RandomSource } from './RandomSource.js';

const BUFFER_WORDS = 16384;

/**
 * The default {@link RandomSource}: uniform 32-bit words from `node:crypto` (the operating system's CSPRNG),
 * drawn 64 KiB at a time so that a sampler needing millions of words does not pay one system call each.
 *
 * Cost: one `randomFillSync` per 16,384 words.
 *
 * @example
 * const rng = cryptoRandomSource();
 * rng.secure        // true
 * rng.nextUint32()  // e.g. 3735928559 (unpredictable)
 */
export function cryptoRandomSource(): RandomSource {
  const words = new Uint32Array(BUFFER_WORDS);
  let next = BUFFER_WORDS;
  return Object.freeze({
    name: 'node:crypto',
    secure: true,
    nextUint32(): number {
      if (next === BUFFER_WORDS) {
        randomFillSync(words);
        next = 0;
      }
      return words[next++]!;
    },
  });
}
