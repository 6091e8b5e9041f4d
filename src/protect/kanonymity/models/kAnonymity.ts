import { checkModelNumber } from './checkModelNumber.js';
import type { KAnonymity } from './PrivacyModel.js';

/**
 * The k-anonymity model (Sweeney 2002, "k-anonymity: a model for protecting privacy"): every equivalence class of
 * the output holds at least `k` records (persons, when the extract has a person column). Monotone: merging classes
 * never breaks it, with or without record suppression, so the search can tag whole regions of the lattice.
 *
 * Cost O(1).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when `k` is not an integer >= 1.
 * @example
 * kAnonymity(5) // { kind: 'k-anonymity', k: 5 }
 */
export function kAnonymity(k: number): KAnonymity {
  return Object.freeze({ kind: 'k-anonymity', k: checkModelNumber('kAnonymity', 'k', k, { min: 1, integer: true }) });
}
