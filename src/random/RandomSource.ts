/**
 * The one way randomness enters prikk: privacy noise, random rounding, contribution bounding and every other
 * random choice draw from a `RandomSource` passed in by the caller. The default is {@link cryptoRandomSource}
 * (`node:crypto`). Sources that are not cryptographically secure and unpredictable (`secure: false`, e.g. a
 * seeded source for tests) are refused by the release path unless a test forces them by name.
 */
export interface RandomSource {
  /** A short name for manifests and errors, e.g. `node:crypto` or `seeded(test)`. */
  readonly name: string;
  /** True only for sources whose output an attacker cannot predict (the default crypto source). */
  readonly secure: boolean;
  /** A uniformly distributed integer in `[0, 2^32)`. */
  nextUint32(): number;
}
