import { checkModelNumber } from './checkModelNumber.js';
import type { EqualDistanceTCloseness } from './PrivacyModel.js';

/**
 * The t-closeness model with the equal ground distance (Li, Li & Venkatasubramanian 2007, "t-closeness: privacy
 * beyond k-anonymity and l-diversity"; ARX's `EqualDistanceTCloseness`): in every class the earth mover's distance
 * between the class's distribution P of the sensitive attribute and the distribution Q over all input records
 * (suppressed ones included, as ARX) is at most `t` (up to `MODEL_TOLERANCE`); with every two values at distance
 * 1 that distance is 1/2 · Σ_v |p_v − q_v|. Monotone without suppression (the distance is convex in P), not with
 * suppression.
 *
 * Cost O(1).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when `t` is not a number in [0, 1].
 * @example
 * equalDistanceTCloseness(0.2) // { kind: 'equal-distance-t-closeness', t: 0.2 }
 * // Q = (a: 1/2, b: 1/2), class P = (a: 1): distance 1/2 · (|1 − 1/2| + |0 − 1/2|) = 0.5 > 0.2, so it violates
 */
export function equalDistanceTCloseness(t: number): EqualDistanceTCloseness {
  return Object.freeze({ kind: 'equal-distance-t-closeness', t: checkModelNumber('equalDistanceTCloseness', 't', t, { min: 0, max: 1 }) });
}
