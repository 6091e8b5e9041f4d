import { checkModelNumber } from './checkModelNumber.js';
import type { EntropyLDiversity } from './PrivacyModel.js';

/**
 * The entropy l-diversity model (Machanavajjhala et al. 2007; ARX's `EntropyLDiversity`): in every class, the
 * entropy of the sensitive values, H = −Σ_v (n_v/n) log2(n_v/n), is at least log2(l) (up to `MODEL_TOLERANCE`), and
 * the class has at least ceil(l) distinct values. Monotone without suppression (entropy is concave, so a merged
 * class is at least as diverse as its least diverse part); not monotone with suppression (merging a violating class
 * into a diverse one can make the result violate), which the search takes into account.
 *
 * Cost O(1).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when `l` is not a number >= 1.
 * @example
 * entropyLDiversity(2) // { kind: 'entropy-l-diversity', l: 2 }
 * // a class with sensitive values a, a, b: H = −(2/3·log2(2/3) + 1/3·log2(1/3)) = 0.918 < log2(2) = 1, so it violates
 */
export function entropyLDiversity(l: number): EntropyLDiversity {
  return Object.freeze({ kind: 'entropy-l-diversity', l: checkModelNumber('entropyLDiversity', 'l', l, { min: 1 }) });
}
