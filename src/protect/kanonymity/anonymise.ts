import { PrikkError } from '../../errors/PrikkError.js';
import type { AnonymiseOptions } from './AnonymiseOptions.js';
import { checkAnonymiseOptions, type ResolvedAnonymiseOptions } from './checkAnonymiseOptions.js';
import type { AnonymiseInput, Microdata } from './Microdata.js';
import { generalisationSums } from './metrics/generalisationSums.js';
import { metricLowerBound } from './metrics/metricLowerBound.js';
import { ClassJudge } from './models/ClassJudge.js';
import { describeModel } from './models/describeModel.js';
import { buildAnonymisation } from './output/buildAnonymisation.js';
import type { Anonymisation } from './output/Anonymisation.js';
import type { UtilityMetric } from './metrics/UtilityMetric.js';
import { prepareMicrodata } from './prepareMicrodata.js';
import { Lattice } from './search/Lattice.js';
import { LevelCodes } from './search/LevelCodes.js';
import { NodeEvaluator } from './search/NodeEvaluator.js';
import { PairFilter } from './search/PairFilter.js';
import { projectionFloor } from './search/projectionFloor.js';
import { searchHeuristic } from './search/searchHeuristic.js';
import { searchOptimal } from './search/searchOptimal.js';
import { newCodeColumn, type CodeColumnArray, type Snapshot, type SnapshotRoot } from './search/Snapshot.js';
import { SnapshotCache } from './search/SnapshotCache.js';

/**
 * Anonymises an extract by full-domain generalisation and record suppression, as ARX does: finds the
 * transformation (one generalisation level per quasi-identifier) that satisfies every privacy model with at most
 * floor(suppressionLimit × N) records suppressed and has the lowest utility metric, then generalises the records,
 * suppressing the classes that violate a model.
 *
 * - Records are persons when the extract has a person column (every row of a person must carry the same
 *   quasi-identifier and sensitive values: a person is one record for the models; otherwise this throws), else rows.
 * - Models (several at once): k-anonymity, distinct / entropy / recursive-(c,l) l-diversity, t-closeness with equal
 *   or hierarchical distance, with ARX's definitions (see each factory). A class that violates any model is
 *   suppressed whole; a transformation is admissible when the suppressed records number at most
 *   floor(suppressionLimit × N) (ARX).
 * - Search: optimal over the whole lattice (`searchOptimal`: bound-ordered branch and bound with Flash's predictive
 *   tagging where monotonicity makes it valid; Kohlmayer et al. 2012) when the lattice has at most
 *   `maxLatticeSize` nodes; otherwise a greedy heuristic (`search.strategy` says which).
 * - Evaluation: the classes of a transformation are a typed-array group-by over the classes of the smallest
 *   already-evaluated specialisation (ARX's snapshots), starting from the distinct records, not the rows.
 * - Metric: ARX's Loss by default; discernibility, height or average class size on request. Ties go to the lower
 *   transformation (smaller height), then the first in lattice order.
 *
 * Deterministic: the same input and options give the same result.
 *
 * Cost: O(rows × d) to prepare; each check O(classes of its source × d); the number of checks is data dependent
 * (on Adult with 8 quasi-identifiers and 6,480 transformations, k-anonymity takes tens to a few hundred checks).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for bad options (see `AnonymiseOptions`), an empty extract, or when no
 * transformation is admissible (raise `suppressionLimit` or relax the models); `UNKNOWN_COLUMN` for a column the
 * extract lacks; `INVALID_VALUE` for a value that is not a leaf of its hierarchy, a sensitive value missing from a
 * t-closeness hierarchy, or persons whose rows disagree.
 * @example
 * const qi = (name: string) => ({ column: name, hierarchy: readArxHierarchy(`adult_hierarchy_${name}.csv`) });
 * const result = anonymise(adult, {
 *   quasiIdentifiers: ['age', 'sex', 'race', 'marital-status', 'education', 'native-country', 'workclass', 'occupation'].map(qi),
 *   models: [kAnonymity(5)],
 *   suppressionLimit: 0.05,
 * });
 * result.summary.levels   // { age: 3, sex: 0, race: 0, 'marital-status': 0, education: 1, 'native-country': 1,
 *                          //   workclass: 1, occupation: 2 }
 * result.summary.suppressedRecords  // 1458 (at most floor(0.05 × 30162) = 1508)
 * result.summary.metrics.loss       // 0.2519 (ARX's Loss)
 * result.search.checked             // about 500 of the 6,480 transformations
 * result.records.row(0)  // { age: '20-39', sex: 'Male', race: 'White', 'marital-status': 'Never-married',
 *                        //   education: 'Undergraduate', 'native-country': 'North America', workclass: 'Government', occupation: '*' }
 */
export function anonymise(input: AnonymiseInput, options: AnonymiseOptions): Anonymisation {
  const fn = 'anonymise';
  const opts = checkAnonymiseOptions(fn, input, options);
  const data = prepareMicrodata(fn, input, opts.quasiIdentifiers, opts.sensitive);
  const n = data.recordCount;
  if (n === 0) throw new PrikkError('INVALID_ARGUMENT', `${fn}: the extract has no records to anonymise`);
  const d = data.hierarchies.length;
  const maxSuppressed = Math.floor(opts.suppressionLimit * n); // as ARX
  const judge = new ClassJudge(opts.models, data.sensitiveContext);
  const codes = new LevelCodes(data.hierarchies, data.leafHistograms);
  const baseSums = generalisationSums(data.hierarchies, data.leafHistograms);
  const evaluator = new NodeEvaluator({
    hierarchies: data.hierarchies,
    codes,
    judge,
    records: n,
    maxSuppressed,
    metric: opts.metric,
    baseSums,
    sensitiveCodes: data.sensitiveContext?.labels.length ?? 0,
  });

  const lattice = new Lattice(data.hierarchies.map((h) => h.levelCount));
  // Every admissible node lies above the floor (one-attribute projections), so the records are grouped once, at
  // the floor: those classes (the distinct records when the floor is the bottom) are where every roll-up starts.
  const floor = projectionFloor(data.hierarchies, data.leafHistograms, judge.minClassSize, maxSuppressed);
  if (!floor.every((level, j) => level < lattice.levelCounts[j]!)) throw noSolution(fn, opts, maxSuppressed, n);
  const base = groupRecords(data, codes, evaluator, floor, lattice.nodeOf(floor), judge.needsDistribution);
  const atomOfRecord = base.classOfRecord;
  evaluator.checks = 0;
  evaluator.scanned = 0;
  const cache = new SnapshotCache(base.snapshot, d, Math.floor(opts.memoryBudget / 4));
  const bound = metricLowerBound(opts.metric, {
    records: n,
    domainSizes: data.hierarchies.map((h) => h.leafCount),
    baseSums,
    radix: codes.radix,
    distinctTuples: base.snapshot.classCount,
    distinctSquares: base.snapshot.squares,
  });

  const criteriaMonotone = maxSuppressed === 0 || judge.monotoneWithSuppression;
  const tagBySize = !criteriaMonotone && judge.minClassSize > 1;
  let levels: Uint8Array | undefined;
  let strategy: 'optimal' | 'heuristic';
  let tagged = 0;
  let pivots = 0;
  if (lattice.size <= opts.maxLatticeSize) {
    strategy = 'optimal';
    const outcome = searchOptimal({
      lattice,
      evaluator,
      cache,
      bound,
      exactBound: opts.metric === 'height' || (opts.metric === 'loss' && maxSuppressed === 0),
      metricMonotone: maxSuppressed === 0 || opts.metric === 'height',
      criteriaMonotone,
      tagBySize,
      floor,
      pairs: new PairFilter(base.snapshot, floor, codes, lattice.levelCounts, judge.minClassSize, maxSuppressed),
      refine: refinedBound(opts.metric, n),
    });
    tagged = outcome.tagged;
    pivots = outcome.pivots;
    if (outcome.node >= 0) levels = lattice.levels(outcome.node);
  } else {
    strategy = 'heuristic';
    levels = searchHeuristic(lattice, evaluator, cache, opts.heuristicBudget, floor).levels;
  }
  if (!levels) throw noSolution(fn, opts, maxSuppressed, n);
  const checked = evaluator.checks;
  const chosen = evaluator.classes(base.snapshot, strategy === 'optimal' ? lattice.nodeOf(levels) : -1, levels);
  return buildAnonymisation({
    data,
    options: opts,
    levels,
    chosen,
    atomOfRecord,
    maxSuppressed,
    search: {
      strategy,
      latticeSize: lattice.size,
      checked,
      tagged,
      pivots,
      classesRead: evaluator.scanned,
      tagging: strategy === 'heuristic' ? 'none' : criteriaMonotone ? 'full' : tagBySize ? 'by-class-size' : 'none',
    },
  });
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * A node's lower bound sharpened with the classes of a specialisation (the snapshot it would be evaluated from):
 * classes only merge under generalisation, so discernibility is at least the specialisation's Σ size² and the
 * average class size at least N / its class count. Loss and height gain nothing.
 */
function refinedBound(metric: UtilityMetric, n: number): (source: Snapshot, bound: number) => number {
  switch (metric) {
    case 'discernibility':
      return (source, bound) => Math.max(bound, source.squares);
    case 'average-class-size':
      return (source, bound) => Math.max(bound, n / source.classCount);
    default:
      return (_, bound) => bound;
  }
}

function noSolution(fn: string, opts: ResolvedAnonymiseOptions, maxSuppressed: number, n: number): PrikkError {
  return new PrikkError(
    'INVALID_ARGUMENT',
    `${fn}: no transformation satisfies ${opts.models.map(describeModel).join(' and ')} with at most ${maxSuppressed} of ${n} records suppressed; ` +
      'raise suppressionLimit or relax the models',
  );
}

/**
 * Groups the records at the floor's levels: one class per record, keyed straight from the extract's value codes
 * (through a table from value to code at the floor; nothing copied), then the group-by. The classes get their own
 * root (one leaf tuple per class), which every later snapshot points into.
 */
function groupRecords(
  data: Microdata,
  codes: LevelCodes,
  evaluator: NodeEvaluator,
  floor: Uint8Array,
  node: number,
  withHist: boolean,
): { snapshot: Snapshot; classOfRecord: Int32Array } {
  const n = data.recordCount;
  const d = data.hierarchies.length;
  // Per quasi-identifier, the code at the floor of each value of the extract's column.
  const ofValue = data.hierarchies.map((_, j) => {
    const leafCode = codes.codes[j]![floor[j]!]!;
    const leaves = data.leafOfValue[j]!;
    const out = new Int32Array(leaves.length);
    for (let v = 0; v < leaves.length; v++) if (leaves[v]! >= 0) out[v] = leafCode[leaves[v]!]!;
    return out;
  });
  let bound = 1;
  for (let j = 0; j < d; j++) bound *= codes.radix[j]![floor[j]!]!;
  const rows = data.rowOfRecord;
  // Keys straight from the value codes when they fit 31 bits; otherwise code columns and the staged group-by.
  const fill = (keys: Int32Array): void => {
    keys.fill(0, 0, n);
    for (let j = 0; j < d; j++) {
      const radix = codes.radix[j]![floor[j]!]!;
      if (radix === 1) continue;
      const table = ofValue[j]!;
      const values = data.valueCodes[j]!;
      // Readable: keys[i] = keys[i] * radix + code at the floor of record i's value
      if (rows) for (let i = 0; i < n; i++) keys[i] = keys[i]! * radix + table[values[rows[i]!]!]!;
      else for (let i = 0; i < n; i++) keys[i] = keys[i]! * radix + table[values[i]!]!;
    }
  };
  const columns = bound < 2 ** 31
    ? []
    : data.hierarchies.map((_, j) => {
        const table = ofValue[j]!;
        const values = data.valueCodes[j]!;
        const column = newCodeColumn(codes.radix[j]![floor[j]!]!, n);
        for (let i = 0; i < n; i++) column[i] = table[values[rows ? rows[i]! : i]!]!;
        const perLevel: (CodeColumnArray | undefined)[] = [];
        perLevel[floor[j]!] = column;
        return perLevel;
      });
  const recordRoot: SnapshotRoot = { count: n, reps: new Uint32Array(0), columns };
  const hist = withHist && data.sensitive !== undefined;
  const records: Snapshot = {
    node,
    levels: floor,
    classCount: n,
    counts: new Uint32Array(n).fill(1),
    squares: n,
    root: recordRoot,
    atoms: identity(n),
    histStart: hist ? Uint32Array.from({ length: n + 1 }, (_, i) => i) : undefined,
    histValues: hist ? data.sensitive : undefined,
    histCounts: hist ? new Uint32Array(n).fill(1) : undefined,
    direct: true,
    columns,
  };
  const grouped = evaluator.distinct(records, node, floor, bound < 2 ** 31 ? { bound, fill } : undefined);
  const m = grouped.snapshot.classCount;
  const reps = new Uint32Array(m * d);
  const atoms = grouped.snapshot.atoms;
  for (let j = 0; j < d; j++) {
    const leaves = data.leafOfValue[j]!;
    const values = data.valueCodes[j]!;
    // Readable: reps[c * d + j] = leaf of the value of record atoms[c] (its first row when records are persons)
    for (let c = 0, at = j; c < m; c++, at += d) reps[at] = leaves[values[rows ? rows[atoms[c]!]! : atoms[c]!]!]!;
  }
  const root: SnapshotRoot = { count: m, reps, columns: [] };
  return { snapshot: { ...grouped.snapshot, root, atoms: identity(m), direct: true, columns: [] }, classOfRecord: grouped.classOf };
}
