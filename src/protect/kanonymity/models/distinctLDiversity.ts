import { checkModelNumber } from './checkModelNumber.js';
import type { DistinctLDiversity } from './PrivacyModel.js';

/**
 * The distinct l-diversity model (Machanavajjhala, Kifer, Gehrke & Venkitasubramaniam 2007, "l-diversity: privacy
 * beyond k-anonymity"; ARX's `DistinctLDiversity`): every class holds at least `l` distinct values of the
 * sensitive attribute. Monotone with and without suppression (a merged class has at least the distinct values of
 * each part).
 *
 * Cost O(1).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when `l` is not an integer >= 1.
 * @example
 * distinctLDiversity(3) // { kind: 'distinct-l-diversity', l: 3 }
 */
export function distinctLDiversity(l: number): DistinctLDiversity {
  return Object.freeze({ kind: 'distinct-l-diversity', l: checkModelNumber('distinctLDiversity', 'l', l, { min: 1, integer: true }) });
}
