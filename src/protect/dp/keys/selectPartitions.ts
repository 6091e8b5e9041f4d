import type { Filter } from '../../../aggregate/Filter.js';
import { PrikkError } from '../../../errors/PrikkError.js';
import type { Extract } from '../../../read/Extract.js';
import type { RandomSource } from '../../../random/RandomSource.js';
import { boundContributions } from '../bounding/boundContributions.js';
import { MAX_BOUND } from '../bounding/ContributionBounds.js';
import type { BudgetAccountant } from '../budget/BudgetAccountant.js';
import type { PrivacyLoss } from '../budget/PrivacyLoss.js';
import { DpMechanism } from '../mechanism/DpMechanism.js';
import { resolveRandom } from '../mechanism/resolveRandom.js';
import { ExactDraws } from '../noise/ExactDraws.js';
import { laplaceScale } from '../noise/laplaceScale.js';
import { discreteLaplaceSampler } from '../noise/sampleDiscreteLaplace.js';
import { type Rational, rational, toNumber } from '../rational/Rational.js';
import { columnOf, filterMask } from '../queries/rowCells.js';
import { SELECTED_KEYS_TOKEN, SelectedKeySet } from './SelectedKeySet.js';

/** The options of {@link selectPartitions}. */
export interface SelectPartitionsOptions {
  /** Required. A code column whose values found in the data are the candidate keys. */
  readonly column: string;
  /** Required. L0: the most keys one person may contribute to (extra keys are dropped at random). */
  readonly maxPartitionsPerPerson: number;
  /** Required. `approxDp(ε, δ)`: ε for the noisy counts, δ for the chance that a key of one person is released. */
  readonly privacy: PrivacyLoss;
  /** Required. Charged on evaluation. */
  readonly accountant: BudgetAccountant;
  /** Defaults to none. Selects the cohort first. */
  readonly filter?: Filter;
  /** Defaults to `cryptoRandomSource()`. */
  readonly random?: RandomSource;
  /** Defaults to none. Tests only: the name of an insecure source to accept. */
  readonly insecureRandomForTesting?: string;
  /** Defaults to `selectPartitions <column>`. */
  readonly label?: string;
}

/**
 * The threshold τ for Laplace partition selection: the smallest τ with L0 · P(1 + Z >= τ) <= δ for Z discrete
 * Laplace with scale t, where P(Z >= k) = q^k / (1 + q), q = e^{−1/t} (k >= 1). Computed in floating point and then
 * raised by one, so rounding can only make δ smaller. Not on a sampling path.
 *
 * @example selectionThreshold(rational(2n), 1, 1e-6) // 29: 2·ln(1/(10^−6·(1 + e^{−1/2}))) = 26.7, so 1 + 27, plus 1
 */
export function selectionThreshold(scale: Rational, maxPartitions: number, delta: number): number {
  const t = toNumber(scale);
  const q = Math.exp(-1 / t);
  const k = Math.ceil(t * Math.log(maxPartitions / (delta * (1 + q))));
  return Math.max(1, 1 + k) + 1;
}

/**
 * DP partition selection: which keys of a column found in the data may be released. Each person keeps at most L0
 * of their keys (chosen at random); each key's distinct-person count gets discrete Laplace noise with scale L0/ε;
 * a key is released when its noisy count reaches the threshold τ of {@link selectionThreshold}. The released keys
 * (a {@link SelectedKeySet}, with their noisy counts) can then be the keys of DP tables.
 *
 * Privacy: ε-DP outside an event of probability at most δ, hence (ε, δ)-DP: the noisy counts of keys present in both
 * neighbouring datasets change by at most 1 in at most L0 keys (ε-DP by the discrete Laplace mechanism with L1
 * sensitivity L0), and the keys only the added person has are each released with probability q^{τ−1}/(1 + q), at
 * most δ together. Source: Korolova, Kenthapadi, Mishra & Ntoulas 2009 ("Releasing search queries and clicks
 * privately"); Wilson et al. 2020 §3; Desfontaines, Voss, Gipson & Mandayam 2022 ("Differentially private partition
 * selection"), with the discrete Laplace in place of the continuous one.
 *
 * Cost: O(rows + persons + keys).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` / `UNKNOWN_COLUMN` for a malformed option (before any row is read), e.g. a
 * budget that is not `approxDp` with δ > 0, or an extract without a person column.
 * @example
 * const keys = selectPartitions(extract, {
 *   column: 'procedure', maxPartitionsPerPerson: 2, privacy: approxDp(1, '1e-6'), accountant,
 * }).evaluate();
 * keys.keys // e.g. ['NFB20', 'NFB30', 'NFJ02']: the procedures with enough persons to show
 */
export function selectPartitions(extract: Extract, options: SelectPartitionsOptions): DpMechanism<SelectedKeySet> {
  const where = 'selectPartitions';
  if (typeof options !== 'object' || options === null) throw new PrikkError('INVALID_ARGUMENT', `${where}: expected an options object`);
  const person = extract?.person;
  if (!person) throw new PrikkError('INVALID_ARGUMENT', `${where}: the extract needs a person column (the unit of privacy)`);
  const column = columnOf(extract, options.column, `${where}: column`);
  if (column.kind !== 'code') throw new PrikkError('INVALID_ARGUMENT', `${where}: column: '${options.column}' must be a code column`);
  const l0 = options.maxPartitionsPerPerson;
  if (!Number.isInteger(l0) || l0 < 1 || l0 > MAX_BOUND) {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: maxPartitionsPerPerson: expected a whole number in [1, ${MAX_BOUND}], got ${String(l0)}`);
  }
  const privacy = options.privacy;
  if (!privacy || privacy.kind !== 'approx' || privacy.delta.num <= 0n || privacy.epsilon.num <= 0n) {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: privacy: expected approxDp(ε, δ) with ε > 0 and δ > 0 (selecting keys from the data needs δ)`);
  }
  if (!options.accountant || typeof options.accountant.spend !== 'function') {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: accountant: a BudgetAccountant is required`);
  }
  const random = resolveRandom(where, options.random, options.insecureRandomForTesting);
  const mask = filterMask(extract, options.filter, where);
  const scale = laplaceScale(privacy.epsilon, rational(BigInt(l0)));
  const threshold = selectionThreshold(scale, l0, toNumber(privacy.delta));
  const label = options.label ?? `${where} ${options.column}`;

  return new DpMechanism<SelectedKeySet>({
    label,
    loss: privacy,
    accountant: options.accountant,
    run: () => {
      const n = extract.rowCount;
      const keyCount = column.dictionary.length;
      const cells = new Uint32Array(n);
      const m = mask?.();
      const codes = column.codes;
      for (let i = 0; i < n; i++) cells[i] = m && m[i] === 0 ? keyCount : codes[i]!;
      const bounded = boundContributions({
        cells,
        trash: keyCount,
        cellCount: keyCount,
        persons: person.codes,
        personCount: person.personCount,
        units: undefined,
        maxPartitionsPerPerson: l0,
        maxRowsPerPartition: 1,
        draws: new ExactDraws(random),
      });
      const noise = discreteLaplaceSampler(scale, random);
      const chosen: { key: string; noisy: number }[] = [];
      for (let k = 0; k < keyCount; k++) {
        const count = bounded.persons[k]!;
        if (count === 0) continue; // keys not in the (filtered) data are never candidates
        const noisy = count + noise();
        if (noisy >= threshold) chosen.push({ key: column.dictionary[k]!, noisy });
      }
      chosen.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return new SelectedKeySet(
        SELECTED_KEYS_TOKEN,
        options.column,
        chosen.map((c) => c.key),
        chosen.map((c) => c.noisy),
        privacy,
        threshold,
      );
    },
  });
}
