import type { Lattice } from './Lattice.js';
import type { PairFilter } from './PairFilter.js';
import type { NodeEvaluator } from './NodeEvaluator.js';
import { NodeHeap } from './NodeHeap.js';
import type { Snapshot } from './Snapshot.js';
import type { SnapshotCache } from './SnapshotCache.js';
import { scoreSlack } from './scoreSlack.js';

/** How the optimal search may prune, decided by the caller from the models, the suppression limit and the metric. */
export interface OptimalSearchSettings {
  readonly lattice: Lattice;
  readonly evaluator: NodeEvaluator;
  readonly cache: SnapshotCache;
  /**
   * A lower bound of the metric at a node that only reads the levels, non-decreasing under generalisation (so the
   * search can visit nodes in increasing bound order from the bottom).
   */
  readonly bound: (levels: Uint8Array) => number;
  /** The bound equals the metric at every admissible node (height; Loss when nothing may be suppressed). */
  readonly exactBound: boolean;
  /** The metric never decreases from an admissible node to an admissible generalisation (true without suppression). */
  readonly metricMonotone: boolean;
  /** Admissibility is monotone: a generalisation of an admissible node is admissible (predictive tagging). */
  readonly criteriaMonotone: boolean;
  /**
   * Admissibility is not monotone, but "the records in classes smaller than the models' smallest allowed class
   * fit in the suppression limit" is, and is necessary for admissibility: tag with it (ARX's partial monotonicity).
   */
  readonly tagBySize: boolean;
  /**
   * Lowest admissible level per quasi-identifier (`projectionFloor`): nodes not above it are inadmissible, so the
   * search starts at the floor node and never tags below it.
   */
  readonly floor: Uint8Array;
  /** Pairwise projections (`PairFilter`): a node they rule out is tagged inadmissible without a check. */
  readonly pairs: PairFilter;
  /**
   * Sharpens a node's bound with the classes of the specialisation it would be evaluated from (for
   * discernibility and class size); a node whose sharpened bound exceeds the best score is not evaluated.
   */
  readonly refine: (source: Snapshot, bound: number) => number;
}

/** What the optimal search found. */
export interface OptimalSearchOutcome {
  /** The optimal node, or -1 when no node is admissible. */
  readonly node: number;
  readonly score: number;
  /** Nodes whose admissibility was inferred by predictive tagging, without a check. */
  readonly tagged: number;
  /** Nodes visited in bound order before the search could stop. */
  readonly visited: number;
  /** Pivot snapshots materialised as roll-up sources (group-bys that are not checks). */
  readonly pivots: number;
}

/** A check whose best source has at least this share of the starting node's classes makes a pivot. */
const WIDE = 0.9;

const UNKNOWN = 0;
const UP = 1; // admissible (or, with tagBySize, small classes fit the limit): so is every generalisation
const DOWN = 2; // not admissible: neither is any specialisation

/**
 * Optimal full-domain generalisation: the admissible node with the lowest metric (ties, within a relative 1e-12:
 * lower height, then lower node number), found by a best-first branch and bound combined with Flash's predictive tagging (Kohlmayer,
 * Prasser, Eckert, Kemper & Kuhn 2012, "Flash: efficient, stable and optimal k-anonymity").
 *
 * 1. Nodes are visited from the bottom in increasing order of a lower bound of the metric (a heap; successors are
 *    pushed when a node is visited, which is valid because the bound never decreases under generalisation). The
 *    search stops when the next bound exceeds the best score found: no remaining node can do better.
 * 2. Where admissibility is monotone (every model monotone with suppression, e.g. k-anonymity; or no suppression),
 *    a node of unknown status is classified Flash-style: a path is built upwards through untagged nodes (each step
 *    generalising the quasi-identifier that merges the fewest values), and a binary search on the path checks a few
 *    nodes; an admissible node tags all its generalisations admissible, an inadmissible one all its
 *    specialisations inadmissible. Most of the lattice is then classified without a check. Where admissibility is
 *    not monotone, the same is done with the monotone necessary condition "records in classes smaller than the
 *    smallest allowed class fit the limit" (ARX's partial monotonicity), and candidates are checked in full.
 * 3. Predictive tagging is only used where it is valid: for the metric, an admissible node is skipped because an
 *    admissible predecessor exists only when the metric is monotone (no suppression, or height); with suppression
 *    Loss, discernibility and class size are not monotone, and the search evaluates every admissible node whose
 *    bound is below the best score (as Flash does with a non-monotone metric, but pruned by the bound).
 * 4. When the bound is exact at admissible nodes (height; Loss without suppression), the first admissible node in
 *    bound order is optimal and the search stops there.
 *
 * 5. Before any of this, a node that a pair of quasi-identifiers alone rules out (`PairFilter`) counts as tagged
 *    inadmissible; so do nodes below the floor (`projectionFloor`), where the search starts.
 * 6. Each check rolls up from the smallest cached snapshot below the node (`SnapshotCache`). When only the
 *    distinct records are below it, the meet of this node and the previous such node is materialised first (a
 *    "pivot"): checks in the same region then roll up from it (on Adult this halves the classes read at 5 %).
 *
 * Cost: at most one check per node (O(classes × d) each, from the smallest cached specialisation's classes) plus
 * O(nodes × d) for tagging and the heap; in practice a small fraction of the lattice is checked.
 *
 * @example
 * // Adult, 8 quasi-identifiers, k = 5, no suppression, Loss: 21 of 6,480 transformations checked
 * searchOptimal(settings) // { node: <the node with levels 4,0,0,2,3,2,2,1 (age … occupation)>, score: 0.5916, ... }
 */
export function searchOptimal(settings: OptimalSearchSettings): OptimalSearchOutcome {
  const { lattice, evaluator, cache, exactBound, metricMonotone, criteriaMonotone, tagBySize, floor, pairs } = settings;
  const size = lattice.size;
  const d = lattice.d;
  const strides = lattice.strides;
  const counts = lattice.levelCounts;
  const maxSuppressed = evaluator.setup.maxSuppressed;
  const codes = evaluator.setup.codes;
  const tagging = criteriaMonotone || tagBySize;

  const mono = new Uint8Array(size);
  const full = new Uint8Array(size); // 0 unknown, 1 admissible, 2 not admissible (from a check or a tag)
  const scores = new Float64Array(size).fill(Number.NaN);
  const bounds = new Float64Array(size).fill(Number.NaN);
  const seen = new Uint8Array(size);
  const stack = new Int32Array(size);
  const levels = new Uint8Array(d);
  const scratchLevels = new Uint8Array(d);
  let tagged = 0;
  let best = Number.POSITIVE_INFINITY;
  let bestNode = -1;
  let bestHeight = 0;

  const boundOf = (node: number): number => {
    let b = bounds[node]!;
    if (Number.isNaN(b)) {
      b = settings.bound(lattice.levels(node, scratchLevels));
      bounds[node] = b;
    }
    return b;
  };
  const slack = (): number => scoreSlack(best);

  /**
   * Every checked admissible node is a candidate: an early best score keeps later paths inside the bound. Scores
   * within the slack are ties (`scoreSlack`: the metrics' last bits depend on the order of addition), and ties go to
   * the lower height.
   */
  const consider = (node: number, score: number, height: number): void => {
    const tie = bestNode >= 0 && Math.abs(score - best) <= slack();
    if ((!tie && score < best) || (tie && (height < bestHeight || (height === bestHeight && node < bestNode)))) {
      best = score;
      bestNode = node;
      bestHeight = height;
    }
  };

  const tag = (start: number, value: number): void => {
    if (mono[start] !== UNKNOWN) return;
    mono[start] = value;
    tagged++;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const node = stack[--top]!;
      for (let j = 0; j < d; j++) {
        const level = Math.floor(node / strides[j]!) % counts[j]!;
        if (value === UP ? level + 1 >= counts[j]! : level <= floor[j]!) continue;
        const next = value === UP ? node + strides[j]! : node - strides[j]!;
        if (mono[next] === UNKNOWN) {
          mono[next] = value;
          tagged++;
          stack[top++] = next;
        }
      }
    }
  };

  let lastWide: Uint8Array | undefined;
  const startClasses = cache.sourceFor(floor).classCount;
  let pivots = 0;
  /** Tags a node inadmissible when its pairwise projections rule it out; true when the node is known inadmissible. */
  const filtered = new Uint8Array(size);
  const isDown = (node: number): boolean => {
    if (mono[node] === UNKNOWN && !filtered[node]) {
      filtered[node] = 1;
      if (pairs.inadmissible(lattice.levels(node, scratchLevels))) {
        mono[node] = DOWN;
        tagged++;
      }
    }
    return mono[node] === DOWN;
  };

  const check = (node: number): void => {
    const nodeLevels = lattice.levels(node);
    let source = cache.sourceFor(nodeLevels);
    if (source.classCount >= WIDE * startClasses) {
      // No cached specialisation helps: materialise the meet of this node and the last one in the same situation
      // (their common specialisation), so that the nodes around both roll up from it instead of the distinct records.
      if (lastWide) {
        const meet = nodeLevels.map((l, j) => Math.min(l, lastWide![j]!));
        const pivotSource = cache.sourceFor(meet);
        let higher = false;
        for (let j = 0; j < d; j++) if (meet[j]! > pivotSource.levels[j]!) higher = true;
        if (higher) {
          const pivot = evaluator.distinct(pivotSource, lattice.nodeOf(meet), meet).snapshot;
          pivots++;
          cache.add(pivot);
          if (pivot.classCount < source.classCount) source = pivot;
        }
      }
      lastWide = nodeLevels;
    }
    const result = evaluator.evaluate(source, node, nodeLevels, { score: true, keep: true });
    if (result.snapshot) cache.add(result.snapshot);
    full[node] = result.admissible ? 1 : 2;
    if (result.admissible) {
      scores[node] = result.score;
      consider(node, result.score, lattice.height(node));
    }
    if (criteriaMonotone) {
      if (mono[node] === UNKNOWN) tagged--; // checked, not inferred
      tag(node, result.admissible ? UP : DOWN);
    } else if (tagBySize) {
      if (mono[node] === UNKNOWN) tagged--;
      tag(node, result.smallOutliers <= maxSuppressed ? UP : DOWN);
    }
  };

  /** Flash-style: a path upwards through untagged nodes, then a binary search on it. Leaves `node` tagged. */
  const classify = (node: number): void => {
    const path = [node];
    let current = node;
    const pathLevels = lattice.levels(node);
    for (;;) {
      let chosen = -1;
      let chosenRatio = -1;
      for (let j = 0; j < d; j++) {
        const level = pathLevels[j]!;
        if (level + 1 >= counts[j]!) continue;
        const next = current + strides[j]!;
        if (mono[next] !== UNKNOWN || isDown(next)) continue;
        // Prefer the step that merges the fewest generalised values (the path stays inadmissible longest).
        const ratio = codes.radix[j]![level + 1]! / codes.radix[j]![level]!;
        if (ratio > chosenRatio) {
          chosenRatio = ratio;
          chosen = j;
        }
      }
      if (chosen < 0) break;
      pathLevels[chosen]!++;
      current += strides[chosen]!;
      path.push(current);
    }
    let low = 0;
    let high = path.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const at = path[mid]!;
      if (mono[at] === UNKNOWN) check(at);
      if (mono[at] === UP) high = mid - 1;
      else low = mid + 1;
    }
  };

  const hasAdmissiblePredecessor = (node: number): boolean => {
    for (let j = 0; j < d; j++) {
      if (levels[j]! <= floor[j]!) continue;
      const previous = node - strides[j]!;
      if (full[previous] === 1 || (criteriaMonotone && mono[previous] === UP)) return true;
    }
    return false;
  };

  for (let j = 0; j < d; j++) if (floor[j]! >= counts[j]!) return { node: -1, score: Number.NaN, tagged: 0, visited: 0, pivots: 0 };
  const start = lattice.nodeOf(floor);
  const heap = new NodeHeap();
  heap.push(start, boundOf(start), lattice.height(start));
  seen[start] = 1;
  let visited = 0;
  while (heap.size > 0) {
    if (heap.peekBound() > best + slack()) break;
    const node = heap.pop();
    visited++;
    lattice.levels(node, levels);
    let height = 0;
    for (let j = 0; j < d; j++) height += levels[j]!;
    for (let j = 0; j < d; j++) {
      if (levels[j]! + 1 >= counts[j]!) continue;
      const next = node + strides[j]!;
      if (!seen[next]) {
        seen[next] = 1;
        heap.push(next, boundOf(next), height + 1);
      }
    }
    if (isDown(node)) continue;
    if (metricMonotone && hasAdmissiblePredecessor(node)) continue;
    if (tagging && mono[node] === UNKNOWN) {
      classify(node);
      if ((mono[node] as number) === DOWN) continue;
    }
    if (criteriaMonotone && mono[node] === UP && full[node] === 0) full[node] = 1;
    let score: number;
    if (exactBound && full[node] === 1) {
      score = boundOf(node);
    } else {
      if (full[node] === 0 || (full[node] === 1 && Number.isNaN(scores[node]!))) {
        if (settings.refine(cache.sourceFor(levels), boundOf(node)) > best + slack()) continue;
        check(node);
      }
      if ((full[node] as number) !== 1) continue;
      score = scores[node]!;
    }
    consider(node, score, height);
    if (exactBound) break;
  }
  return { node: bestNode, score: best, tagged, visited, pivots };
}
