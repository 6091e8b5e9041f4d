import { PrikkError } from '../../../errors/PrikkError.js';
import { Hierarchy } from '../../../hierarchy/Hierarchy.js';
import { checkModelNumber } from './checkModelNumber.js';
import type { HierarchicalDistanceTCloseness } from './PrivacyModel.js';

/**
 * The t-closeness model with the hierarchical ground distance (Li, Li & Venkatasubramanian 2007; ARX's
 * `HierarchicalDistanceTCloseness`): two sensitive values are at distance level(lowest common ancestor) / height,
 * and in every class the earth mover's distance between the class's distribution and the distribution over all
 * input records is at most `t` (up to `MODEL_TOLERANCE`). For a tree the distance has a closed form (Li et al.,
 * section 4.3): with extra(leaf v) = p_v − q_v and, for an internal node N, pos(N) and neg(N) the sums of the
 * positive and of the negative children's extras (extra(N) = pos(N) − neg(N)),
 * EMD = Σ_N level(N)/height · min(pos(N), neg(N)). Monotone without suppression, not with suppression.
 *
 * Cost O(1).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when `t` is not a number in [0, 1], `hierarchy` is not a `Hierarchy`,
 * or its leaves sit at different depths (no levels) or it has a single level.
 * @example
 * const h = hierarchyFromArx('flu;respiratory;*\ncold;respiratory;*\nulcer;digestive;*\n');
 * hierarchicalDistanceTCloseness(0.3, h).t // 0.3
 * // Q = (flu 1/3, cold 1/3, ulcer 1/3), class P = (flu 1/2, cold 1/2): respiratory has pos 1/3 (1/6 + 1/6),
 * // neg 0 (cost 0); digestive has extra −1/3; the root has pos 1/3 and neg 1/3, cost 2/2 · 1/3, so EMD = 1/3 > 0.3
 */
export function hierarchicalDistanceTCloseness(t: number, hierarchy: Hierarchy): HierarchicalDistanceTCloseness {
  const fn = 'hierarchicalDistanceTCloseness';
  const tt = checkModelNumber(fn, 't', t, { min: 0, max: 1 });
  if (!(hierarchy instanceof Hierarchy)) throw new PrikkError('INVALID_ARGUMENT', `${fn}: hierarchy must be a Hierarchy`);
  if (hierarchy.levelCount < 2) {
    throw new PrikkError(
      'INVALID_ARGUMENT',
      `${fn}: hierarchy '${hierarchy.total}' must have at least two levels with every leaf at the same depth (levelCount is ${hierarchy.levelCount})`,
    );
  }
  return Object.freeze({ kind: 'hierarchical-distance-t-closeness', t: tt, hierarchy });
}
