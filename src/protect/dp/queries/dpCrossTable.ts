import type { Filter } from '../../../aggregate/Filter.js';
import { PrikkError } from '../../../errors/PrikkError.js';
import { Hierarchy } from '../../../hierarchy/Hierarchy.js';
import type { Extract, NumberColumn } from '../../../read/Extract.js';
import type { RandomSource } from '../../../random/RandomSource.js';
import { checkBounds, type ContributionBounds } from '../bounding/ContributionBounds.js';
import { type FixedPoint, fixedPoint } from '../bounding/FixedPoint.js';
import type { BudgetAccountant } from '../budget/BudgetAccountant.js';
import type { PrivacyLoss } from '../budget/PrivacyLoss.js';
import { splitBudget } from '../budget/splitBudget.js';
import { PublicKeySet } from '../keys/PublicKeySet.js';
import { type ReleasableKeys, SelectedKeySet } from '../keys/SelectedKeySet.js';
import { DpMechanism } from '../mechanism/DpMechanism.js';
import { resolveRandom } from '../mechanism/resolveRandom.js';
import { ExactDraws } from '../noise/ExactDraws.js';
import { gaussianSigma2 } from '../noise/gaussianSigma2.js';
import { laplaceScale } from '../noise/laplaceScale.js';
import { noiseHalfWidth, noiseVariance, type NoiseDistribution } from '../noise/NoiseDistribution.js';
import { discreteGaussianSampler } from '../noise/sampleDiscreteGaussian.js';
import { discreteLaplaceSampler } from '../noise/sampleDiscreteLaplace.js';
import { sumHalfWidth } from '../noise/sumHalfWidth.js';
import { fitConsistent } from '../postprocess/fitConsistent.js';
import { formatRational, type Rational, rational, sub, toNumber } from '../rational/Rational.js';
import { toRational } from '../rational/toRational.js';
import { DpCube, type DpCubeDimension } from './DpCube.js';
import type { DpStatistic } from './DpStatistic.js';
import { type DpNoiseLevel, DpTable } from './DpTable.js';
import { levelSensitivity } from './levelSensitivity.js';
import { boundedAggregates } from './boundedAggregates.js';
import { columnOf, filterMask, type RowDimension } from './rowCells.js';

/** One dimension of a DP table: a column of the extract and the keys to release for it. */
export interface DpDimension {
  /** Required. A code or number column; also the dimension's name. */
  readonly column: string;
  /** Required. Public keys (every key released, empty ones too) or keys that passed `selectPartitions`. */
  readonly keys: ReleasableKeys;
}

/** The options of {@link dpCrossTable}. */
export interface DpCrossTableOptions {
  /** Required. Zero to eight dimensions (none: the grand total only). */
  readonly dimensions: readonly DpDimension[];
  /** Required. What each cell releases. */
  readonly statistic: DpStatistic;
  /** Required. Per-person contribution bounds (partitions are the finest cells of this table). */
  readonly bounds: ContributionBounds;
  /** Required. The table's privacy loss: `pureDp(ε)` adds discrete Laplace noise, `zcdp(ρ)` discrete Gaussian. */
  readonly privacy: PrivacyLoss;
  /** Required. Charged with `privacy` when the table is evaluated. */
  readonly accountant: BudgetAccountant;
  /** Defaults to none. Selects the cohort (a per-row rule, free in privacy terms). */
  readonly filter?: Filter;
  /**
   * Defaults to `allLevels`. How margins get their noise:
   * - `allLevels`: every level of the hierarchies (each combination of depths, e.g. hospital × year, region × year,
   *   total × year, …) is its own noisy query on the same persons, with an equal share of the budget (sequential
   *   composition); post-processing then combines them by weighted least squares. Margins are as accurate as
   *   single cells; every cell's noise is larger than with `finestOnly` by the number of levels (Laplace scale) or
   *   its square root (Gaussian σ).
   * - `finestOnly`: only the finest cells get noise, with the whole budget; margins are sums of noisy cells (free
   *   post-processing), so a margin over k cells has √k times the noise of one cell. With distinct persons and
   *   L0 > 1, such a margin counts a person once per finest cell they kept.
   *   `allLevels` is the default because published registry tables are read by their margins (totals per hospital,
   *   per year), which `finestOnly` makes the noisiest values of the table.
   */
  readonly margins?: 'allLevels' | 'finestOnly';
  /**
   * Defaults to true. Make the release non-negative whole numbers consistent with its margins (`fitConsistent`).
   * With `finestOnly` and many finest cells near 0, non-negativity biases large margins upwards; `noisy` is unbiased.
   */
  readonly postProcess?: boolean;
  /** Defaults to 0.95. Coverage of the per-cell confidence intervals. */
  readonly confidence?: number;
  /** Defaults to `cryptoRandomSource()`. */
  readonly random?: RandomSource;
  /** Defaults to none. Tests only: the name of an insecure source (e.g. seeded) to accept. */
  readonly insecureRandomForTesting?: string;
  /** Defaults to a description of the query. The accountant's label. */
  readonly label?: string;
}

const MAX_DIMENSIONS = 8;
/** Largest cube a DP table builds. */
export const MAX_DP_CELLS = 2 ** 24;

const KNOWN = new Set([
  'dimensions',
  'statistic',
  'bounds',
  'privacy',
  'accountant',
  'filter',
  'margins',
  'postProcess',
  'confidence',
  'random',
  'insecureRandomForTesting',
  'label',
]);

interface Component {
  readonly kind: 'persons' | 'rows' | 'sum' | 'centredSum';
  readonly budget: PrivacyLoss;
}

function bad(field: string, message: string): PrikkError {
  return new PrikkError('INVALID_ARGUMENT', `dpCrossTable: ${field}: ${message}`);
}

/**
 * A differentially private table (counts of persons or rows, bounded sums, or means) over public or selected keys,
 * with every margin of the keys' hierarchies, as a {@link DpMechanism}: all options are checked now, before any row
 * is read; `evaluate()` charges the accountant once and computes:
 *
 * 1. rows are filtered and mapped to their finest cell (rows whose value is not a released key are dropped);
 * 2. measures are clamped and put in fixed point (`fixedPoint`, `toUnits`); contributions are bounded per person
 *    (`boundContributions`: at most L0 cells, L∞ rows per cell, chosen at random);
 * 3. the exact bounded values of every cell are rolled up (distinct persons counted once per margin);
 * 4. integer noise is added, exactly sampled (`discreteLaplaceSampler` / `discreteGaussianSampler`), calibrated per
 *    level to the level's sensitivity (`levelSensitivity`) and its share of the budget, the scale rounded up;
 * 5. post-processing (`fitConsistent`), intervals from the exact noise distribution (`noiseHalfWidth`,
 *    `sumHalfWidth`), and a {@link DpTable}.
 *
 * Privacy: with `pureDp(ε)` the table is ε-DP, with `zcdp(ρ)` ρ-zCDP, for add/remove of one person (all their rows),
 * by sequential composition of the levels (and of sum and count for means) and post-processing. Distinct-person
 * counts with L0 > 1 are not additive over margins; they are released per cell (clamped at 0) and `consistent` is
 * false.
 *
 * Source: CKS 2020 (noise), Wilson et al. 2020 (bounding), Hay et al. 2010 (consistency), Google's
 * differential-privacy library and Tumult Analytics (API shape).
 *
 * Cost: O(rows × dimensions + persons) to aggregate, one noise draw per cell (per component), and
 * O(iterations × cells × dimensions) to post-process.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` / `UNKNOWN_COLUMN` naming the option for anything malformed, before any row
 * is read (no person column, a measure that is not numeric, bounds missing, a zCDP budget with δ > 0, an insecure
 * random source, a cube over 2^24 cells, sums that could pass 2^53 units); `BUDGET_EXCEEDED` and
 * `ALREADY_EVALUATED` from `evaluate()`.
 * @example
 * const q = dpCrossTable(extract, {
 *   dimensions: [{ column: 'hospital', keys: PublicKeySet.fromHierarchy(hospitals) }, { column: 'year', keys: years }],
 *   statistic: { kind: 'persons' },
 *   bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 },
 *   privacy: pureDp(1),
 *   accountant,
 * });
 * const t = q.evaluate();       // spends ε = 1
 * t.released[t.indexOf({})]     // e.g. 10412: the noisy, post-processed number of persons
 */
export function dpCrossTable(extract: Extract, options: DpCrossTableOptions): DpMechanism<DpTable> {
  if (typeof options !== 'object' || options === null) throw bad('options', 'expected an options object');
  for (const key of Object.keys(options)) if (!KNOWN.has(key)) throw bad('options', `unknown option '${key}'`);
  if (!extract || typeof extract !== 'object' || !(extract.columns instanceof Map)) throw bad('extract', 'expected an Extract');
  const person = extract.person;
  if (!person) {
    throw bad('extract', 'differential privacy protects persons: the extract needs a person column (role: person)');
  }
  if (!Array.isArray(options.dimensions)) throw bad('dimensions', 'expected an array (possibly empty) of { column, keys }');
  if (options.dimensions.length > MAX_DIMENSIONS) throw bad('dimensions', `at most ${MAX_DIMENSIONS} dimensions`);
  const names = new Set<string>();
  const rowDims: RowDimension[] = [];
  const cubeDims: DpCubeDimension[] = [];
  options.dimensions.forEach((d, i) => {
    if (!d || typeof d.column !== 'string') throw bad(`dimensions[${i}]`, 'expected { column, keys }');
    if (names.has(d.column)) throw bad(`dimensions[${i}]`, `'${d.column}' appears twice`);
    names.add(d.column);
    if (!(d.keys instanceof PublicKeySet) && !(d.keys instanceof SelectedKeySet)) {
      throw bad(
        `dimensions[${i}].keys`,
        'expected a PublicKeySet (a public code list) or a SelectedKeySet (from selectPartitions); keys found in the data are not public',
      );
    }
    if (d.keys instanceof SelectedKeySet && d.keys.keys.length === 0) throw bad(`dimensions[${i}].keys`, 'the selected key set is empty');
    const column = columnOf(extract, d.column, `dpCrossTable: dimensions[${i}]`);
    rowDims.push({ name: d.column, column });
    cubeDims.push({ name: d.column, hierarchy: d.keys.hierarchy });
  });
  if (cubeDims.length === 0) cubeDims.push({ name: '(total)', hierarchy: Hierarchy.fromParents('Total', ['Total'], [-1]) });
  const cellCount = cubeDims.reduce((s, d) => s * d.hierarchy.size, 1);
  if (cellCount > MAX_DP_CELLS) throw bad('dimensions', `the table would have ${cellCount} cells, more than ${MAX_DP_CELLS}`);

  const bounds = checkBounds(options.bounds, 'dpCrossTable');
  const statistic = options.statistic;
  if (!statistic || !['persons', 'rows', 'sum', 'mean'].includes(statistic.kind)) {
    throw bad('statistic', "expected { kind: 'persons' | 'rows' | 'sum' | 'mean', ... }");
  }
  let measure: NumberColumn | undefined;
  let fp: FixedPoint | undefined;
  let countShare: Rational = rational(1n, 2n);
  if (statistic.kind === 'sum' || statistic.kind === 'mean') {
    const c = columnOf(extract, statistic.measure, 'dpCrossTable: statistic.measure');
    if (c.kind !== 'number') throw bad('statistic.measure', `'${statistic.measure}' is not a number column`);
    measure = c;
    fp = fixedPoint(statistic, 'dpCrossTable: statistic');
    if (extract.rowCount * fp.maxAbsUnits > Number.MAX_SAFE_INTEGER) {
      throw bad('statistic', `sums of up to ${extract.rowCount} rows of ${fp.maxAbsUnits} units could pass 2^53; use a coarser resolution`);
    }
    if (statistic.kind === 'mean' && statistic.countShare !== undefined) {
      countShare = toRational(statistic.countShare, 'dpCrossTable: statistic.countShare');
      if (countShare.num <= 0n || countShare.num >= countShare.den) throw bad('statistic.countShare', 'expected a value in (0, 1)');
    }
  }
  const privacy = options.privacy;
  if (!privacy || (privacy.kind !== 'pure' && privacy.kind !== 'zcdp')) {
    throw bad('privacy', 'expected pureDp(ε) (discrete Laplace) or zcdp(ρ) (discrete Gaussian)');
  }
  if (privacy.kind === 'zcdp' && privacy.delta.num !== 0n) throw bad('privacy', 'the discrete Gaussian is plain ρ-zCDP; give δ = 0');
  if ((privacy.kind === 'pure' ? privacy.epsilon : privacy.rho).num <= 0n) throw bad('privacy', 'the budget must be positive');
  const accountant = options.accountant;
  if (!accountant || typeof accountant.spend !== 'function') throw bad('accountant', 'a BudgetAccountant is required');
  const margins = options.margins ?? 'allLevels';
  if (margins !== 'allLevels' && margins !== 'finestOnly') throw bad('margins', "expected 'allLevels' or 'finestOnly'");
  const postProcess = options.postProcess ?? true;
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw bad('confidence', `expected a value in (0, 1), got ${confidence}`);
  const random = resolveRandom('dpCrossTable', options.random, options.insecureRandomForTesting);
  const mask = filterMask(extract, options.filter, 'dpCrossTable');

  const cube = new DpCube(cubeDims);
  const components: Component[] =
    statistic.kind === 'mean'
      ? (() => {
          const [sumBudget, countBudget] = splitBudget(privacy, [sub(rational(1n), countShare), countShare]);
          return [
            { kind: 'centredSum' as const, budget: sumBudget! },
            { kind: 'rows' as const, budget: countBudget! },
          ];
        })()
      : [{ kind: statistic.kind, budget: privacy }];

  // Noise per component and level, fixed now (it depends only on public parameters).
  const levels = margins === 'allLevels' ? cube.levelCount : 1;
  const noise: DpNoiseLevel[] = [];
  for (const comp of components) {
    const shares = splitBudget(comp.budget, levels);
    // Per partition: L∞ rows of at most max|units| each (sums), of |2u − (lo + hi)| <= hi − lo (centred sums, in
    // half units), or of 1 (rows).
    const linf = BigInt(bounds.maxRowsPerPartition);
    const perPartition =
      comp.kind === 'sum'
        ? linf * BigInt(fp!.maxAbsUnits)
        : comp.kind === 'centredSum'
          ? linf * BigInt(fp!.upperUnits - fp!.lowerUnits)
          : linf;
    for (let l = 0; l < levels; l++) {
      const span = margins === 'allLevels' ? cube.levelSpan[l]! : 1;
      const sens = levelSensitivity(comp.kind === 'persons' ? 'persons' : 'additive', bounds.maxPartitionsPerPerson, perPartition, span);
      const share = shares[l]!;
      let distribution: NoiseDistribution;
      if (sens.l1 === 0n) throw bad('statistic', 'the measure bounds are [0, 0]: nothing to release');
      if (share.kind === 'pure') distribution = { kind: 'laplace', scale: laplaceScale(share.epsilon, rational(sens.l1)) };
      else if (share.kind === 'zcdp') distribution = { kind: 'gaussian', sigma2: gaussianSigma2(share.rho, rational(sens.l2Squared)) };
      else throw bad('privacy', 'unsupported budget kind');
      noise.push({
        component: comp.kind,
        level: margins === 'allLevels' ? l : -1,
        depths: margins === 'allLevels' ? cube.levelDepths[l]! : cube.dimensions.map(() => -1),
        distribution,
        l1: sens.l1,
        l2Squared: sens.l2Squared,
        loss: share,
      });
    }
  }

  const describe = (): string => {
    switch (statistic.kind) {
      case 'persons':
      case 'rows':
        return statistic.kind;
      default:
        return `${statistic.kind} of ${statistic.measure} (resolution ${formatRational(fp!.resolution)}, clamped to [${formatRational(fp!.lower)}, ${formatRational(fp!.upper)}])`;
    }
  };
  const label =
    options.label ??
    `dpCrossTable ${describe()} by ${options.dimensions.length === 0 ? 'total' : options.dimensions.map((d) => d.column).join(' × ')}`;

  return new DpMechanism<DpTable>({
    label,
    loss: privacy,
    accountant,
    run: () =>
      evaluateTable({
        extract,
        cube,
        rowDims,
        mask,
        measure,
        fp,
        bounds,
        components: components.map((c) => c.kind),
        noise,
        margins,
        postProcess,
        confidence,
        random,
        label,
        statistic: describe(),
        isMean: statistic.kind === 'mean',
        loss: privacy,
      }),
  });
}

interface EvaluateInput {
  readonly extract: Extract;
  readonly cube: DpCube;
  readonly rowDims: readonly RowDimension[];
  readonly mask: (() => Uint8Array) | undefined;
  readonly measure: NumberColumn | undefined;
  readonly fp: FixedPoint | undefined;
  readonly bounds: ContributionBounds;
  readonly components: readonly ('persons' | 'rows' | 'sum' | 'centredSum')[];
  readonly noise: readonly DpNoiseLevel[];
  readonly margins: 'allLevels' | 'finestOnly';
  readonly postProcess: boolean;
  readonly confidence: number;
  readonly random: RandomSource;
  readonly label: string;
  readonly statistic: string;
  readonly isMean: boolean;
  readonly loss: PrivacyLoss;
}

interface ComponentResult {
  readonly released: Float64Array;
  readonly noisy: Float64Array;
  readonly ciLower: Float64Array;
  readonly ciUpper: Float64Array;
  readonly sd: Float64Array;
  readonly consistent: boolean;
  readonly ciExact: boolean;
}

function evaluateTable(input: EvaluateInput): DpTable {
  const { cube, fp, bounds } = input;
  const n = cube.cellCount;
  const aggregates = boundedAggregates({
    extract: input.extract,
    cube,
    dimensions: input.rowDims,
    mask: input.mask?.(),
    measure: input.measure,
    fixedPoint: fp,
    bounds,
    draws: new ExactDraws(input.random),
  });

  const results = input.components.map((kind) => {
    let exact: Float64Array;
    if (kind === 'persons') exact = aggregates.persons;
    else if (kind === 'rows') exact = aggregates.rows;
    else if (kind === 'sum') exact = aggregates.sums!;
    else {
      // Σ (2u − (lo + hi)) over the kept rows = 2 Σu − (lo + hi) × rows, exactly (both are exact bounded aggregates).
      const shift = fp!.lowerUnits + fp!.upperUnits;
      exact = new Float64Array(n);
      for (let c = 0; c < n; c++) exact[c] = 2 * aggregates.sums![c]! - shift * aggregates.rows[c]!;
    }
    const levels = input.noise.filter((l) => l.component === kind);
    const scale = kind === 'sum' ? toNumber(fp!.resolution) : kind === 'centredSum' ? toNumber(fp!.resolution) / 2 : 1;
    const additive = kind !== 'persons' || bounds.maxPartitionsPerPerson === 1 || input.margins === 'finestOnly';
    const nonNegative = kind === 'persons' || kind === 'rows' || (kind === 'sum' && fp!.lowerUnits >= 0);
    return noiseComponent(cube, exact, levels, input, additive, nonNegative, scale);
  });

  if (!input.isMean) {
    const r = results[0]!;
    return new DpTable({
      label: input.label,
      statistic: input.statistic,
      dimensions: cube.dimensions,
      released: r.released,
      noisy: r.noisy,
      postProcessed: marks(r.released, r.noisy),
      ciLower: r.ciLower,
      ciUpper: r.ciUpper,
      sd: r.sd,
      level: cube.levelOf,
      noise: input.noise,
      loss: input.loss,
      consistent: r.consistent,
      confidence: input.confidence,
      ciExact: r.ciExact,
      margins: input.margins,
    });
  }
  // Mean = midpoint + noisy centred sum / max(noisy count, 1), clamped to [lower, upper] (post-processing of two DP
  // results; centring on the midpoint halves the sum's sensitivity for non-negative measures and sends an empty cell
  // to the midpoint, as Google's BoundedMean does).
  const [centred, count] = results as [ComponentResult, ComponentResult];
  const lo = toNumber(fp!.lower);
  const hi = toNumber(fp!.upper);
  const mid = (lo + hi) / 2;
  const released = new Float64Array(n);
  const noisy = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    noisy[c] = mid + centred.noisy[c]! / Math.max(count.noisy[c]!, 1);
    released[c] = Math.min(hi, Math.max(lo, mid + centred.released[c]! / Math.max(count.released[c]!, 1)));
  }
  const nan = new Float64Array(n).fill(Number.NaN);
  return new DpTable({
    label: input.label,
    statistic: input.statistic,
    dimensions: cube.dimensions,
    released,
    noisy,
    postProcessed: new Uint8Array(n).fill(1),
    ciLower: nan,
    ciUpper: Float64Array.from(nan),
    sd: Float64Array.from(nan),
    level: cube.levelOf,
    noise: input.noise,
    loss: input.loss,
    consistent: false,
    confidence: input.confidence,
    ciExact: false,
    margins: input.margins,
  });
}

function marks(released: Float64Array, noisy: Float64Array): Uint8Array {
  const out = new Uint8Array(released.length);
  for (let c = 0; c < released.length; c++) out[c] = released[c] === noisy[c] ? 0 : 1;
  return out;
}

function noiseComponent(
  cube: DpCube,
  exact: Float64Array,
  levels: readonly DpNoiseLevel[],
  input: EvaluateInput,
  additive: boolean,
  nonNegative: boolean,
  scale: number,
): ComponentResult {
  const n = cube.cellCount;
  const noisyUnits = new Float64Array(n);
  const variance = new Float64Array(n);
  const halfWidth = new Float64Array(n);
  let ciExact = true;
  const samplers = levels.map((l) =>
    l.distribution.kind === 'laplace'
      ? discreteLaplaceSampler(l.distribution.scale, input.random)
      : discreteGaussianSampler(l.distribution.sigma2, input.random),
  );
  const levelVar = levels.map((l) => noiseVariance(l.distribution));
  const levelHalf = levels.map((l) => noiseHalfWidth(l.distribution, input.confidence));
  const weight = new Float64Array(n);
  if (input.margins === 'allLevels') {
    for (let c = 0; c < n; c++) {
      const l = cube.levelOf[c]!;
      noisyUnits[c] = exact[c]! + samplers[l]!();
      variance[c] = levelVar[l]!;
      halfWidth[c] = levelHalf[l]!;
      weight[c] = 1 / levelVar[l]!;
    }
  } else {
    // Noise on the finest cells only; margins are sums of noisy finest cells.
    const sample = samplers[0]!;
    for (let c = 0; c < n; c++) {
      if (cube.finest[c] === 1) {
        noisyUnits[c] = exact[c]! + sample();
        weight[c] = 1 / levelVar[0]!;
      }
    }
    cube.rollUp(noisyUnits);
    // Finest cells under each cell (k), for its variance and interval.
    const k = Float64Array.from(cube.finest);
    cube.rollUp(k);
    const byK = new Map<number, { halfWidth: number; method: string }>();
    for (let c = 0; c < n; c++) {
      const kc = k[c]!;
      variance[c] = kc * levelVar[0]!;
      if (kc === 0) continue;
      let hw = byK.get(kc);
      if (!hw) {
        hw = sumHalfWidth(levels[0]!.distribution, kc, input.confidence);
        byK.set(kc, hw);
      }
      if (hw.method !== 'exact') ciExact = false;
      halfWidth[c] = hw.halfWidth;
      // Margins enter the fit as the sums they are, weighted by their variance: they change nothing unless
      // non-negativity binds, and then they keep the margins from drifting up as negative cells are raised to 0.
      if (cube.finest[c] !== 1) weight[c] = 1 / variance[c]!;
    }
  }

  let releasedUnits: Float64Array;
  let consistent: boolean;
  if (!input.postProcess) {
    releasedUnits = noisyUnits;
    consistent = additive && input.margins === 'finestOnly';
  } else if (additive) {
    releasedUnits = fitConsistent({ cube, noisy: noisyUnits, weight, nonNegative, integer: true });
    consistent = true;
  } else {
    releasedUnits = Float64Array.from(noisyUnits, (v) => (nonNegative && v < 0 ? 0 : v));
    consistent = false;
  }

  const released = new Float64Array(n);
  const noisy = new Float64Array(n);
  const ciLower = new Float64Array(n);
  const ciUpper = new Float64Array(n);
  const sd = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    released[c] = releasedUnits[c]! * scale;
    noisy[c] = noisyUnits[c]! * scale;
    let lo = noisyUnits[c]! - halfWidth[c]!;
    if (nonNegative && lo < 0) lo = 0;
    ciLower[c] = lo * scale;
    ciUpper[c] = (noisyUnits[c]! + halfWidth[c]!) * scale;
    sd[c] = Math.sqrt(variance[c]!) * scale;
  }
  return { released, noisy, ciLower, ciUpper, sd, consistent, ciExact };
}
