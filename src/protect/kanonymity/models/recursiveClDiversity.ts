import { checkModelNumber } from './checkModelNumber.js';
import type { RecursiveClDiversity } from './PrivacyModel.js';

/**
 * The recursive-(c,l)-diversity model (Machanavajjhala et al. 2007; ARX's `RecursiveCLDiversity`): with the
 * counts of the sensitive values of a class sorted in descending order r1 >= r2 >= ... >= rm, the class has at
 * least `l` distinct values and r1 < c · (r_l + r_(l+1) + ... + r_m): the most frequent value is not too frequent
 * compared with the tail. Monotone without suppression, not with suppression.
 *
 * Cost O(1).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when `c` is not a number > 0 or `l` not an integer >= 1.
 * @example
 * recursiveClDiversity(3, 2) // { kind: 'recursive-cl-diversity', c: 3, l: 2 }
 * // counts 5, 2, 1: l = 2 gives r1 = 5 < 3 · (2 + 1) = 9, so the class satisfies (3,2)-diversity
 */
export function recursiveClDiversity(c: number, l: number): RecursiveClDiversity {
  const fn = 'recursiveClDiversity';
  const cc = checkModelNumber(fn, 'c', c, { min: 0, exclusiveMin: true });
  const ll = checkModelNumber(fn, 'l', l, { min: 1, integer: true });
  return Object.freeze({ kind: 'recursive-cl-diversity', c: cc, l: ll });
}
