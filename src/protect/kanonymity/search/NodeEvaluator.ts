import type { Hierarchy } from '../../../hierarchy/Hierarchy.js';
import { lossFromSums } from '../metrics/lossFromSums.js';
import type { NodeMetrics } from '../metrics/NodeMetrics.js';
import type { UtilityMetric } from '../metrics/UtilityMetric.js';
import type { ClassJudge } from '../models/ClassJudge.js';
import { Grouper } from './Grouper.js';
import type { LevelCodes } from './LevelCodes.js';
import { mergeHistograms, type MergedHistograms } from './mergeHistograms.js';
import type { Snapshot } from './Snapshot.js';

/** What one check of a transformation found. */
export interface NodeEvaluation {
  readonly node: number;
  /** Classes, violating ones included. */
  readonly classCount: number;
  /** Records in classes that violate a model (suppressed if this node is chosen). */
  readonly suppressed: number;
  /** Records in classes smaller than the models' smallest allowed class (monotone under generalisation). */
  readonly smallOutliers: number;
  /** `suppressed <= maxSuppressed`. */
  readonly admissible: boolean;
  /** The metric's value; NaN when not asked for or not admissible. */
  readonly score: number;
  /** The node's classes, when asked to keep them. */
  readonly snapshot: Snapshot | undefined;
}

/** Everything about a chosen node's classes that the output needs. */
export interface NodeClasses {
  readonly snapshot: Snapshot;
  /** Class of each class of the source snapshot. */
  readonly classOf: Int32Array;
  /** 1 for a class that violates a model (suppressed). */
  readonly violating: Uint8Array;
  readonly suppressed: number;
  readonly metrics: NodeMetrics;
}

/** The fixed inputs of a {@link NodeEvaluator}. */
export interface EvaluatorSetup {
  readonly hierarchies: readonly Hierarchy[];
  readonly codes: LevelCodes;
  readonly judge: ClassJudge;
  /** Records (persons) in the input: N. */
  readonly records: number;
  /** floor(suppressionLimit × N). */
  readonly maxSuppressed: number;
  readonly metric: UtilityMetric;
  /** `generalisationSums` of the records. */
  readonly baseSums: readonly Float64Array[];
  /** Number of sensitive codes (0 without a sensitive attribute). */
  readonly sensitiveCodes: number;
}

/**
 * Evaluates transformations (lattice nodes): the classes by a group-by over the classes of a more specialised node
 * (roll-up), each class judged against the privacy models, the records to suppress, admissibility, and the utility
 * metric. Counts its checks. Internal to the search.
 *
 * Cost O(source classes × d + histogram entries + model tests) per check.
 *
 * @example
 * const evaluator = new NodeEvaluator(setup);
 * const r = evaluator.evaluate(base, node, levels, { score: true, keep: true });
 * r.admissible   // suppressed <= floor(limit × N)
 * r.score        // the metric when admissible
 * evaluator.checks // 1
 */
export class NodeEvaluator {
  readonly setup: EvaluatorSetup;
  /** Transformations checked so far (group-bys run). */
  checks = 0;
  /** Source classes read by those checks (the work of the roll-ups). */
  scanned = 0;
  private readonly grouper = new Grouper();
  private readonly accumulator: Uint32Array;
  private readonly d: number;
  private readonly domainSizes: Float64Array;
  private readonly lossSums: Float64Array;
  /** `deficit[j][l][code]` = |H_j| − leaves under the value with that dense code: what suppressing it adds to Loss. */
  private readonly deficit: readonly (readonly Float64Array[])[];

  constructor(setup: EvaluatorSetup) {
    this.setup = setup;
    this.d = setup.hierarchies.length;
    this.accumulator = new Uint32Array(setup.sensitiveCodes);
    this.domainSizes = Float64Array.from(setup.hierarchies, (h) => h.leafCount);
    this.lossSums = new Float64Array(this.d);
    this.deficit = setup.hierarchies.map((h, j) =>
      setup.codes.nodeOfCode[j]!.map((nodes) => Float64Array.from(nodes, (node) => h.leafCount - h.leafCounts[node]!)),
    );
  }

  /**
   * Checks node `node` (levels `levels`) from the classes of `source`, a specialisation of it.
   * `score`: compute the metric when admissible; `keep`: return the classes as a snapshot.
   */
  evaluate(source: Snapshot, node: number, levels: Uint8Array, want: { readonly score: boolean; readonly keep: boolean }): NodeEvaluation {
    this.checks++;
    this.scanned += source.classCount;
    const { maxSuppressed } = this.setup;
    const rolled = this.rollUp(source, levels);
    const { m, counts, hist } = rolled;
    const violating = new Uint8Array(m);
    const { suppressed, smallOutliers } = this.judgeClasses(counts, hist, violating);
    const admissible = suppressed <= maxSuppressed;
    const score = admissible && want.score ? this.metricOf(this.setup.metric, levels, counts, violating, suppressed, source) : Number.NaN;
    const snapshot = want.keep ? makeSnapshot(node, levels, counts, source, this.atomsOf(source, m), hist) : undefined;
    return { node, classCount: m, suppressed, smallOutliers, admissible, score, snapshot };
  }

  /**
   * The classes of a node without judging them (the distinct records, the search's starting node), with the class
   * of every source class.
   */
  distinct(
    source: Snapshot,
    node: number,
    levels: Uint8Array,
    keys?: { readonly bound: number; readonly fill: (keys: Int32Array) => void },
  ): { readonly snapshot: Snapshot; readonly classOf: Int32Array } {
    this.scanned += source.classCount;
    const { m, counts, hist } = this.rollUp(source, levels, keys);
    const snapshot = makeSnapshot(node, levels, counts, source, this.atomsOf(source, m), hist);
    return { snapshot, classOf: this.grouper.lastClassOf(source.classCount) };
  }

  /** Evaluates a node completely for the output: its classes, which are suppressed, and every metric. */
  classes(source: Snapshot, node: number, levels: Uint8Array): NodeClasses {
    const { m, counts, hist } = this.rollUp(source, levels);
    const classOf = this.grouper.lastClassOf(source.classCount);
    const violating = new Uint8Array(m);
    const { suppressed } = this.judgeClasses(counts, hist, violating);
    const metric = (name: UtilityMetric): number => this.metricOf(name, levels, counts, violating, suppressed, source);
    const metrics: NodeMetrics = Object.freeze({
      loss: metric('loss'),
      discernibility: metric('discernibility'),
      height: metric('height'),
      averageClassSize: metric('average-class-size'),
    });
    const snapshot = makeSnapshot(node, levels, counts, source, this.atomsOf(source, m), hist);
    return { snapshot, classOf, violating, suppressed, metrics };
  }

  /** Group-by of the source's classes at `levels`: class counts and merged histograms (grouping left in the grouper). */
  private rollUp(
    source: Snapshot,
    levels: Uint8Array,
    keys?: { readonly bound: number; readonly fill: (keys: Int32Array) => void },
  ): { m: number; counts: Uint32Array; hist: MergedHistograms | undefined } {
    for (let j = 0; j < this.d; j++) {
      // A roll-up can only merge classes: the source must be a specialisation (an internal invariant).
      if (source.levels[j]! > levels[j]!) throw new Error(`internal error: roll-up from ${source.levels.join(',')} to ${levels.join(',')}`);
    }
    let grouping;
    if (keys) {
      // The caller computes the keys itself (the records, read straight from the extract's value codes).
      keys.fill(this.grouper.keyScratch(source.classCount));
      grouping = this.grouper.groupFilledKeys(source.classCount, keys.bound);
    } else {
      grouping = this.grouper.group(source, levels, this.setup.codes);
    }
    const m = grouping.classCount;
    const classOf = grouping.classOf;
    const counts = new Uint32Array(m);
    const srcCounts = source.counts;
    for (let i = 0; i < source.classCount; i++) counts[classOf[i]!]! += srcCounts[i]!;
    const hist = source.histStart ? mergeHistograms(source, classOf, m, this.accumulator) : undefined;
    return { m, counts, hist };
  }

  /** One root item per class of the last grouping. */
  private atomsOf(source: Snapshot, m: number): Int32Array {
    const atoms = new Int32Array(m);
    const first = this.grouper.lastFirstMember();
    const srcAtoms = source.atoms;
    for (let c = 0; c < m; c++) atoms[c] = srcAtoms[first[c]!]!;
    return atoms;
  }

  /** Flags the classes that violate a model; returns the records in them and in classes below the smallest allowed size. */
  private judgeClasses(counts: Uint32Array, hist: MergedHistograms | undefined, violating: Uint8Array): { suppressed: number; smallOutliers: number } {
    const judge = this.setup.judge;
    const minSize = judge.minClassSize;
    const modelsBeyondSize = judge.needsDistribution || judge.models.length > 1;
    let suppressed = 0;
    let smallOutliers = 0;
    for (let c = 0; c < counts.length; c++) {
      const n = counts[c]!;
      let bad = n < minSize;
      if (bad) smallOutliers += n;
      else if (modelsBeyondSize) bad = judge.violates(n, hist?.histValues ?? EMPTY, hist?.histCounts ?? EMPTY, hist?.histStart[c] ?? 0, hist?.histStart[c + 1] ?? 0);
      if (bad) {
        violating[c] = 1;
        suppressed += n;
      }
    }
    return { suppressed, smallOutliers };
  }

  private metricOf(
    metric: UtilityMetric,
    levels: Uint8Array,
    counts: Uint32Array,
    violating: Uint8Array,
    suppressed: number,
    source: Snapshot,
  ): number {
    const big = this.setup.records;
    const m = counts.length;
    switch (metric) {
      case 'height': {
        let h = 0;
        for (const l of levels) h += l;
        return h;
      }
      case 'discernibility': {
        let dm = suppressed * big;
        for (let c = 0; c < m; c++) if (!violating[c]) dm += counts[c]! * counts[c]!;
        return dm;
      }
      case 'average-class-size': {
        let kept = 0;
        for (let c = 0; c < m; c++) if (!violating[c]) kept++;
        const groups = kept + (suppressed > 0 ? 1 : 0);
        return groups === 0 ? 0 : big / groups;
      }
      case 'loss': {
        const d = this.d;
        const sums = this.lossSums;
        for (let j = 0; j < d; j++) sums[j] = this.setup.baseSums[j]![levels[j]!]!;
        if (suppressed > 0) {
          // A suppressed record counts |H_j| instead of the number of leaves under its generalised value; read the
          // value's code from the root's code column (memoised by the group-by) at the class's first member.
          const first = this.grouper.lastFirstMember();
          const atoms = source.atoms;
          for (let j = 0; j < d; j++) {
            const deficit = this.deficit[j]![levels[j]!]!;
            const column = this.grouper.rootColumn(source, this.setup.codes, j, levels[j]!);
            let extra = 0;
            for (let c = 0; c < m; c++) if (violating[c]) extra += counts[c]! * deficit[column[atoms[first[c]!]!]!]!;
            sums[j]! += extra;
          }
        }
        return lossFromSums(sums, this.domainSizes, big);
      }
    }
  }
}

const EMPTY = new Uint32Array(0);

function makeSnapshot(node: number, levels: Uint8Array, counts: Uint32Array, source: Snapshot, atoms: Int32Array, hist: MergedHistograms | undefined): Snapshot {
  let squares = 0;
  for (let c = 0; c < counts.length; c++) squares += counts[c]! * counts[c]!;
  return {
    squares,
    node,
    levels: levels.slice(),
    classCount: counts.length,
    counts,
    root: source.root,
    atoms,
    histStart: hist?.histStart,
    histValues: hist?.histValues,
    histCounts: hist?.histCounts,
    direct: false,
    columns: [],
  };
}
