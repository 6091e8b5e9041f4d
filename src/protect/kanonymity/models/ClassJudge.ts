import { PrikkError } from '../../../errors/PrikkError.js';
import type { Hierarchy } from '../../../hierarchy/Hierarchy.js';
import { MODEL_TOLERANCE, type PrivacyModel } from './PrivacyModel.js';

/** What the models need to know about the sensitive attribute over the whole input. */
export interface SensitiveContext {
  /** Label of each sensitive code (code = index). */
  readonly labels: readonly string[];
  /** Number of records with each sensitive code, over every input record (suppressed ones included, as ARX). */
  readonly globalCounts: Float64Array;
  /** Number of records (the sum of `globalCounts`). */
  readonly total: number;
}

/** Precomputed tree of one hierarchical-distance t-closeness model. */
interface EmdTree {
  readonly t: number;
  readonly hierarchy: Hierarchy;
  /** Leaf of the hierarchy per sensitive code. */
  readonly leafOfCode: Uint32Array;
  /** Global count per hierarchy node (records whose value lies under the node). */
  readonly globalUnder: Float64Array;
  /** level(node) / height per node. */
  readonly weight: Float64Array;
  // Scratch, one slot per hierarchy node.
  readonly pos: Float64Array;
  readonly neg: Float64Array;
  readonly touchedGlobal: Float64Array;
  readonly stamp: Uint32Array;
  readonly list: Int32Array;
}

/**
 * The privacy models compiled into one test per equivalence class: `violates(size, histogram)` says whether a class
 * with `size` records and the given counts of sensitive values breaks any model. Internal to the anonymisation
 * engine and the verifier, so that both apply the same definitions (ARX's, see each model's factory).
 *
 * A histogram is a slice `[start, end)` of two parallel arrays: sensitive codes (`values`) and their counts
 * (`counts`, all > 0), in any order.
 *
 * Cost of one test: O(1) for k-anonymity and distinct l-diversity, O(m) for entropy l-diversity and equal-distance
 * t-closeness, O(m log m) for recursive-(c,l)-diversity, O(m × hierarchy depth) for hierarchical t-closeness, with
 * m the number of distinct sensitive values in the class.
 *
 * @throws {PrikkError} `INVALID_VALUE` (constructor) when a sensitive value is not a leaf of a t-closeness hierarchy.
 * @example
 * const judge = new ClassJudge([kAnonymity(2), distinctLDiversity(2)], context);
 * judge.violates(3, new Uint32Array([0, 1]), new Uint32Array([2, 1]), 0, 2) // false: 3 records, 2 values
 */
export class ClassJudge {
  readonly models: readonly PrivacyModel[];
  /** True when some model reads the sensitive attribute (every model but k-anonymity). */
  readonly needsDistribution: boolean;
  /**
   * Classes smaller than this always violate (the largest k, distinct l, ceil(entropy l), recursive l). The number
   * of records in such classes is monotone under generalisation, which the search uses when the models are not.
   */
  readonly minClassSize: number;
  /**
   * True when the set of records in violating classes can only shrink under generalisation (every model is
   * k-anonymity or distinct l-diversity): then admissibility with record suppression is monotone (ARX's
   * "monotonic with suppression"). Every model here is monotone when no record may be suppressed.
   */
  readonly monotoneWithSuppression: boolean;
  private readonly context: SensitiveContext | undefined;
  private readonly trees: readonly (EmdTree | undefined)[];
  private sortScratch = new Uint32Array(16);

  constructor(models: readonly PrivacyModel[], context: SensitiveContext | undefined) {
    this.models = models;
    this.context = context;
    this.needsDistribution = models.some((m) => m.kind !== 'k-anonymity');
    let minSize = 1;
    for (const m of models) {
      if (m.kind === 'k-anonymity') minSize = Math.max(minSize, m.k);
      else if (m.kind === 'distinct-l-diversity' || m.kind === 'recursive-cl-diversity') minSize = Math.max(minSize, m.l);
      else if (m.kind === 'entropy-l-diversity') minSize = Math.max(minSize, Math.ceil(m.l));
    }
    this.minClassSize = minSize;
    this.monotoneWithSuppression = models.every((m) => m.kind === 'k-anonymity' || m.kind === 'distinct-l-diversity');
    this.trees = models.map((m) => (m.kind === 'hierarchical-distance-t-closeness' ? buildTree(m.t, m.hierarchy, context!) : undefined));
  }

  /**
   * Index of the first model that a class violates, or -1 when it satisfies them all.
   * `values`/`counts[start..end)` is its histogram of sensitive codes (ignored when no model needs it).
   */
  firstViolated(size: number, values: Uint32Array, counts: Uint32Array, start: number, end: number): number {
    for (let i = 0; i < this.models.length; i++) if (this.violatesModel(i, size, values, counts, start, end)) return i;
    return -1;
  }

  /** Whether a class violates any model (see {@link ClassJudge.firstViolated}). */
  violates(size: number, values: Uint32Array, counts: Uint32Array, start: number, end: number): boolean {
    if (size < this.minClassSize) return true;
    return this.firstViolated(size, values, counts, start, end) >= 0;
  }

  /** Whether a class violates model `i`. */
  violatesModel(i: number, size: number, values: Uint32Array, counts: Uint32Array, start: number, end: number): boolean {
    const model = this.models[i]!;
    switch (model.kind) {
      case 'k-anonymity':
        return size < model.k;
      case 'distinct-l-diversity':
        return end - start < model.l;
      case 'entropy-l-diversity': {
        if (end - start < Math.ceil(model.l)) return true;
        // H = log2(n) − (Σ c log2 c) / n  (ARX's formulation).
        let sum = 0;
        let n = 0;
        for (let e = start; e < end; e++) {
          const c = counts[e]!;
          sum += c * Math.log2(c);
          n += c;
        }
        const entropy = Math.log2(n) - sum / n;
        return entropy < Math.log2(model.l) - MODEL_TOLERANCE;
      }
      case 'recursive-cl-diversity': {
        const m = end - start;
        if (m < model.l) return true;
        if (this.sortScratch.length < m) this.sortScratch = new Uint32Array(Math.max(m, this.sortScratch.length * 2));
        const sorted = this.sortScratch.subarray(0, m);
        sorted.set(counts.subarray(start, end));
        sorted.sort(); // ascending: r1 is sorted[m − 1], r_l .. r_m are sorted[0 .. m − l]
        let tail = 0;
        for (let e = m - model.l; e >= 0; e--) tail += sorted[e]!;
        return !(sorted[m - 1]! < model.c * tail);
      }
      case 'equal-distance-t-closeness': {
        // EMD = 1/2 Σ_v |c_v/n − g_v/P|; scaled by P·n every term is an integer: Σ |c_v P − g_v n|, where the values
        // absent from the class contribute n · (P − Σ_present g_v).
        const ctx = this.context!;
        const big = ctx.total;
        let n = 0;
        for (let e = start; e < end; e++) n += counts[e]!;
        let sum = 0;
        let presentGlobal = 0;
        for (let e = start; e < end; e++) {
          const g = ctx.globalCounts[values[e]!]!;
          presentGlobal += g;
          sum += Math.abs(counts[e]! * big - g * n);
        }
        sum += n * (big - presentGlobal);
        return sum / (2 * big * n) > model.t + MODEL_TOLERANCE;
      }
      case 'hierarchical-distance-t-closeness':
        return hierarchicalEmd(this.trees[i]!, this.context!, values, counts, start, end) > model.t + MODEL_TOLERANCE;
    }
  }
}

function buildTree(t: number, hierarchy: Hierarchy, context: SensitiveContext): EmdTree {
  const size = hierarchy.size;
  const leafOfCode = new Uint32Array(context.labels.length);
  context.labels.forEach((label, code) => {
    if (context.globalCounts[code] === 0) return; // a code no record has (e.g. from a code list) is never in a class
    const leaf = hierarchy.leafOf(label);
    if (leaf < 0) {
      throw new PrikkError(
        'INVALID_VALUE',
        `hierarchicalDistanceTCloseness: the sensitive value '${label}' is not a leaf of the hierarchy '${hierarchy.total}'`,
      );
    }
    leafOfCode[code] = leaf;
  });
  const globalUnder = new Float64Array(size);
  for (let code = 0; code < leafOfCode.length; code++) globalUnder[leafOfCode[code]!]! += context.globalCounts[code]!;
  for (let node = 0; node < size - 1; node++) globalUnder[hierarchy.parents[node]!]! += globalUnder[node]!;
  const height = hierarchy.levelCount - 1;
  const weight = new Float64Array(size);
  for (let node = hierarchy.leafCount; node < size; node++) weight[node] = hierarchy.levelOf(node) / height;
  return {
    t,
    hierarchy,
    leafOfCode,
    globalUnder,
    weight,
    pos: new Float64Array(size),
    neg: new Float64Array(size),
    touchedGlobal: new Float64Array(size),
    stamp: new Uint32Array(size),
    list: new Int32Array(size),
  };
}

let stampCounter = 0;

/**
 * Earth mover's distance with the hierarchical ground distance between a class histogram and the global
 * distribution, by Li et al.'s closed form, visiting only the nodes above the class's values: a subtree without
 * any of them has extra −n·G(subtree) (all of its global mass is missing from the class), so it enters its parent's
 * `neg` as n · (G(parent) − Σ G(touched children)). Extras are scaled by P·n (P records overall, n in the class).
 */
function hierarchicalEmd(
  tree: EmdTree,
  context: SensitiveContext,
  values: Uint32Array,
  counts: Uint32Array,
  start: number,
  end: number,
): number {
  const { hierarchy, leafOfCode, globalUnder, weight, pos, neg, touchedGlobal, stamp, list } = tree;
  const parents = hierarchy.parents;
  const big = context.total;
  let n = 0;
  for (let e = start; e < end; e++) n += counts[e]!;
  stampCounter = (stampCounter + 1) >>> 0;
  if (stampCounter === 0) {
    stamp.fill(0);
    stampCounter = 1;
  }
  const mark = stampCounter;
  let listed = 0;
  for (let e = start; e < end; e++) {
    let node = leafOfCode[values[e]!]!;
    // Leaf extra c·P − g·n kept in `pos` (as the signed value) for leaves.
    pos[node] = counts[e]! * big - globalUnder[node]! * n;
    while (node >= 0 && stamp[node] !== mark) {
      stamp[node] = mark;
      list[listed++] = node;
      if (node >= hierarchy.leafCount) {
        pos[node] = 0;
        neg[node] = 0;
        touchedGlobal[node] = 0;
      }
      node = parents[node]!;
    }
  }
  const touched = list.subarray(0, listed).sort(); // children before parents
  let cost = 0;
  for (let i = 0; i < listed; i++) {
    const node = touched[i]!;
    let extra: number;
    if (node < hierarchy.leafCount) {
      extra = pos[node]!;
    } else {
      const p = pos[node]!;
      const q = neg[node]! + n * (globalUnder[node]! - touchedGlobal[node]!);
      cost += weight[node]! * Math.min(p, q);
      extra = p - q;
    }
    const parent = parents[node]!;
    if (parent >= 0) {
      if (extra > 0) pos[parent]! += extra;
      else neg[parent]! -= extra;
      touchedGlobal[parent]! += globalUnder[node]!;
    }
  }
  return cost / (big * n);
}
