import { Hierarchy } from '../../../hierarchy/Hierarchy.js';
import type { PrivacyLoss } from '../budget/PrivacyLoss.js';
import type { PublicKeySet } from './PublicKeySet.js';

/** Only `selectPartitions` holds this token, so only it can make a {@link SelectedKeySet}. */
export const SELECTED_KEYS_TOKEN: unique symbol = Symbol('prikk.SelectedKeySet');

/**
 * Keys found in the data that passed DP partition selection (`selectPartitions`): a differentially private output,
 * so it may be released and used as the keys of later DP tables (post-processing costs no budget). Flat: one level
 * under the total `Total`, keys sorted.
 *
 * Only `selectPartitions` can build one; it is a different class from {@link PublicKeySet} on purpose.
 *
 * @example
 * const selected = selectPartitions(extract, { column: 'procedure', maxPartitionsPerPerson: 2, privacy, accountant }).evaluate();
 * selected.keys // e.g. ['NFB20', 'NFB30', 'NFJ02']; usable as the keys of a later dpCrossTable
 */
export class SelectedKeySet {
  readonly kind = 'selected' as const;
  /** The column the keys come from. */
  readonly column: string;
  /** The selected keys, sorted (UTF-16 order). */
  readonly keys: readonly string[];
  readonly hierarchy: Hierarchy;
  /** What the selection cost. */
  readonly loss: PrivacyLoss;
  /** The threshold a key's noisy person count had to reach. */
  readonly threshold: number;
  /** The noisy distinct-person count of each selected key (parallel to `keys`); DP outputs, free to publish. */
  readonly noisyCounts: readonly number[];

  /** @internal Use `selectPartitions`. */
  constructor(
    token: typeof SELECTED_KEYS_TOKEN,
    column: string,
    keys: readonly string[],
    noisyCounts: readonly number[],
    loss: PrivacyLoss,
    threshold: number,
  ) {
    if (token !== SELECTED_KEYS_TOKEN) throw new TypeError('SelectedKeySet: build one with selectPartitions');
    this.column = column;
    this.keys = Object.freeze([...keys]);
    this.noisyCounts = Object.freeze([...noisyCounts]);
    const total = keys.includes('Total') ? '(total)' : 'Total';
    const parents = new Int32Array(keys.length + 1).fill(keys.length);
    parents[keys.length] = -1;
    this.hierarchy = Hierarchy.fromParents(total, [...keys, total], parents);
    this.loss = loss;
    this.threshold = threshold;
    Object.freeze(this);
  }
}

/** Keys a DP table may use: public ones, or ones released by DP partition selection. Never raw keys from the data. */
export type ReleasableKeys = PublicKeySet | SelectedKeySet;
