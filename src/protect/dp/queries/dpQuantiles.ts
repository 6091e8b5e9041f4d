import type { Filter } from '../../../aggregate/Filter.js';
import { PrikkError } from '../../../errors/PrikkError.js';
import type { Extract } from '../../../read/Extract.js';
import type { RandomSource } from '../../../random/RandomSource.js';
import { boundContributions } from '../bounding/boundContributions.js';
import { MAX_BOUND } from '../bounding/ContributionBounds.js';
import type { BudgetAccountant } from '../budget/BudgetAccountant.js';
import type { PrivacyLoss } from '../budget/PrivacyLoss.js';
import { splitBudget } from '../budget/splitBudget.js';
import { DpMechanism } from '../mechanism/DpMechanism.js';
import { resolveRandom } from '../mechanism/resolveRandom.js';
import { ExactDraws } from '../noise/ExactDraws.js';
import { sampleBernoulliExp } from '../noise/sampleBernoulliExp.js';
import { formatRational, mul, type Rational, rational } from '../rational/Rational.js';
import { type RationalInput, toRational } from '../rational/toRational.js';
import { columnOf, filterMask } from './rowCells.js';

/** The options of {@link dpQuantiles}. */
export interface DpQuantilesOptions {
  /** Required. A number column. */
  readonly measure: string;
  /** Required. The quantiles wanted, each in (0, 1), e.g. `[0.25, '1/2', 0.75]`. */
  readonly quantiles: readonly RationalInput[];
  /**
   * Required. The public grid of possible answers, strictly increasing (e.g. every whole day 0..60 of a length of
   * stay). Chosen without looking at the data; the answer is always one of these values.
   */
  readonly candidates: readonly number[];
  /** Required. L∞: the most values one person contributes (extra rows are dropped at random). */
  readonly maxRowsPerPerson: number;
  /** Required. `pureDp(ε)`, split equally over the quantiles. */
  readonly privacy: PrivacyLoss;
  /** Required. Charged on evaluation. */
  readonly accountant: BudgetAccountant;
  /** Defaults to none. */
  readonly filter?: Filter;
  /** Defaults to `cryptoRandomSource()`. */
  readonly random?: RandomSource;
  /** Defaults to none. Tests only. */
  readonly insecureRandomForTesting?: string;
  /** Defaults to `dpQuantiles <measure>`. */
  readonly label?: string;
}

/** The result of {@link dpQuantiles}: one grid value per quantile asked for. */
export interface DpQuantiles {
  readonly label: string;
  readonly quantiles: readonly Rational[];
  /** The chosen candidate per quantile. */
  readonly values: readonly number[];
  readonly loss: PrivacyLoss;
}

/**
 * Differentially private quantiles of a measure over a public grid of candidates, by the permute-and-flip mechanism
 * (McKenna & Sheldon 2020, "Permute-and-Flip: A new mechanism for differentially private selection"), sampled
 * exactly. For quantile q = a/b, candidate g_i has utility u_i = −|b·#{x < g_i} − a·n| (n kept values); adding one
 * person's ≤ L∞ values changes every u_i by at most Δ = max(a, b − a)·L∞. The candidates are visited in a uniformly
 * random order and g_i is returned with probability exp(ε_q (u_i − u*) / (2Δ)) (u* the best utility; the best
 * candidate is always accepted, so it stops within one pass), an exact Bernoulli(exp(−γ)) for the rational γ
 * (`sampleBernoulliExp`). Permute-and-flip is ε_q-DP and never worse in expectation than the exponential mechanism.
 * Each of Q quantiles gets ε/Q (sequential composition).
 *
 * Cost: O(rows + n log m) to count, O(m) expected per quantile to select (m candidates).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` / `UNKNOWN_COLUMN` for malformed options (before any row is read): a grid
 * that is not strictly increasing or has fewer than 2 values, a quantile outside (0, 1), a budget that is not pure.
 * @example
 * dpQuantiles(extract, {
 *   measure: 'los', quantiles: [0.5], candidates: [0, 1, 2, 3, 5, 8, 13, 21, 34, 60],
 *   maxRowsPerPerson: 1, privacy: pureDp(1), accountant,
 * }).evaluate().values // e.g. [5]
 */
export function dpQuantiles(extract: Extract, options: DpQuantilesOptions): DpMechanism<DpQuantiles> {
  const where = 'dpQuantiles';
  const fail = (field: string, message: string): PrikkError => new PrikkError('INVALID_ARGUMENT', `${where}: ${field}: ${message}`);
  if (typeof options !== 'object' || options === null) throw fail('options', 'expected an options object');
  const person = extract?.person;
  if (!person) throw fail('extract', 'the extract needs a person column (the unit of privacy)');
  const column = columnOf(extract, options.measure, `${where}: measure`);
  if (column.kind !== 'number') throw fail('measure', `'${options.measure}' is not a number column`);
  const grid = options.candidates;
  if (!Array.isArray(grid) || grid.length < 2) throw fail('candidates', 'expected at least 2 candidate values');
  for (let i = 0; i < grid.length; i++) {
    if (!Number.isFinite(grid[i]) || (i > 0 && !(grid[i]! > grid[i - 1]!))) throw fail('candidates', 'expected finite, strictly increasing values');
  }
  if (!Array.isArray(options.quantiles) || options.quantiles.length === 0) throw fail('quantiles', 'expected at least one quantile');
  const qs = options.quantiles.map((q, i) => {
    const r = toRational(q, `${where}: quantiles[${i}]`);
    if (r.num <= 0n || r.num >= r.den) throw fail(`quantiles[${i}]`, `expected a value in (0, 1), got ${formatRational(r)}`);
    return r;
  });
  const linf = options.maxRowsPerPerson;
  if (!Number.isInteger(linf) || linf < 1 || linf > MAX_BOUND) throw fail('maxRowsPerPerson', `expected a whole number in [1, ${MAX_BOUND}]`);
  const privacy = options.privacy;
  if (!privacy || privacy.kind !== 'pure' || privacy.epsilon.num <= 0n) throw fail('privacy', 'expected pureDp(ε) with ε > 0');
  if (!options.accountant || typeof options.accountant.spend !== 'function') throw fail('accountant', 'a BudgetAccountant is required');
  const random = resolveRandom(where, options.random, options.insecureRandomForTesting);
  const mask = filterMask(extract, options.filter, where);
  const shares = splitBudget(privacy, qs.length);
  const label = options.label ?? `${where} ${options.measure}`;

  return new DpMechanism<DpQuantiles>({
    label,
    loss: privacy,
    accountant: options.accountant,
    run: () => {
      const n = extract.rowCount;
      const values = column.values;
      const m = mask?.();
      const cells = new Uint32Array(n);
      for (let i = 0; i < n; i++) cells[i] = (m && m[i] === 0) || Number.isNaN(values[i]!) ? 1 : 0;
      const draws = new ExactDraws(random);
      const bounded = boundContributions({
        cells,
        trash: 1,
        cellCount: 1,
        persons: person.codes,
        personCount: person.personCount,
        units: undefined,
        maxPartitionsPerPerson: 1,
        maxRowsPerPartition: linf,
        draws,
        markKept: true,
      });
      const kept = bounded.kept!;
      // A histogram of the kept values over the gaps between grid values.
      const gaps = new Float64Array(grid.length + 1);
      let total = 0;
      for (let i = 0; i < n; i++) {
        if (kept[i] !== 1) continue;
        const x = values[i]!;
        // Readable: gap = number of grid values <= x (binary search).
        let lo = 0;
        let hi = grid.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (grid[mid]! <= x) lo = mid + 1;
          else hi = mid;
        }
        gaps[lo]!++;
        total++;
      }
      // #{x < grid[i]} = Σ_{j <= i} gaps[j] (gap j holds the x with exactly j grid values <= x).
      const below = new Array<bigint>(grid.length);
      let running = 0;
      for (let i = 0; i < grid.length; i++) {
        running += gaps[i]!;
        below[i] = BigInt(running);
      }
      const nBig = BigInt(total);
      const chosen = qs.map((q, k) => {
        const a = q.num;
        const b = q.den;
        const delta = (a > b - a ? a : b - a) * BigInt(linf);
        const utility = below.map((c) => {
          const d = b * c - a * nBig;
          return d < 0n ? d : -d; // −|b·below − a·n|
        });
        let best = utility[0]!;
        for (const u of utility) if (u > best) best = u;
        const share = shares[k]!;
        const eps = share.kind === 'pure' ? share.epsilon : rational(0n);
        // Permute-and-flip: a uniformly random order, each candidate accepted with exp(ε (u − u*) / (2Δ)).
        const order = grid.map((_, i) => i);
        for (let i = 0; i < order.length; i++) {
          const j = i + draws.uniform(order.length - i);
          const t = order[i]!;
          order[i] = order[j]!;
          order[j] = t;
          const r = order[i]!;
          const gamma = mul(eps, rational(best - utility[r]!, 2n * delta));
          if (sampleBernoulliExp(gamma, random)) return grid[r]!;
        }
        return grid[order[order.length - 1]!]!; // unreachable: the best candidate has γ = 0
      });
      return Object.freeze({ label, quantiles: qs, values: chosen, loss: privacy });
    },
  });
}
