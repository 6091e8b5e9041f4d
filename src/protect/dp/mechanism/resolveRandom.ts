import { PrikkError } from '../../../errors/PrikkError.js';
import { cryptoRandomSource } from '../../../random/cryptoRandomSource.js';
import type { RandomSource } from '../../../random/RandomSource.js';

/**
 * The random source of a DP query: the given one, or `node:crypto` by default. A source that is not secure (a seeded
 * test source: anyone with the seed can subtract the noise) is refused unless the caller names it in
 * `insecureRandomForTesting`, which only tests should do.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for an insecure source that is not named, or a value that is not a source.
 * @example
 * resolveRandom('dpCrossTable', undefined, undefined)                                   // cryptoRandomSource()
 * resolveRandom('dpCrossTable', seededRandomSource('t'), 'seeded(t)')                  // the seeded source (tests only)
 * resolveRandom('dpCrossTable', seededRandomSource('t'), undefined)                     // throws INVALID_ARGUMENT
 */
export function resolveRandom(where: string, random: RandomSource | undefined, insecureRandomForTesting: string | undefined): RandomSource {
  if (random === undefined) return cryptoRandomSource();
  if (typeof random !== 'object' || random === null || typeof random.nextUint32 !== 'function') {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: random: expected a RandomSource`);
  }
  if (!random.secure && insecureRandomForTesting !== random.name) {
    throw new PrikkError(
      'INVALID_ARGUMENT',
      `${where}: random: the source '${random.name}' is not secure (its noise can be predicted); releases need the default node:crypto source. Tests may force it with insecureRandomForTesting: '${random.name}'`,
    );
  }
  return random;
}
