/**
 * A second, deliberately simple implementation of full-domain anonymisation, for the tests: every node of the
 * lattice is evaluated from the records themselves (no roll-up, no tagging, no pruning), classes are found with a
 * Map keyed by the generalised node numbers, and every model and metric is written out from its definition,
 * independently of src/protect/kanonymity (only `Hierarchy.ancestorAtLevel`, `leafOf` and sizes are used):
 *
 * - k-anonymity: size >= k.
 * - distinct l-diversity: at least l distinct sensitive values.
 * - entropy l-diversity: at least ceil(l) values and −Σ p log2 p >= log2(l) − 1e-9.
 * - recursive-(c,l): at least l values and r1 < c · (r_l + ... + r_m), counts sorted descending.
 * - equal-distance t-closeness: 1/2 Σ_v |p_v − q_v| <= t + 1e-9, q over all records.
 * - hierarchical t-closeness: the ground distance level(LCA)/H is the path metric of the tree with every edge of
 *   length 1/(2H) (a balanced tree: leaf to LCA is level(LCA) edges each way), and the EMD of a tree metric is
 *   Σ over edges of length × |P(below) − Q(below)| (a different formula from Li et al.'s pos/neg one used by prikk).
 * - Loss: raw_j = Σ_kept leavesUnder(value)/|H_j| + suppressed, counted leaf by leaf with ancestorAtLevel;
 *   norm_j = max(0, (raw_j − N/|H_j|)/(N − N/|H_j|)); Loss = Π (1 + norm_j)^(1/d) − 1.
 * - Discernibility Σ_kept size² + suppressed · N; height Σ levels; AECS N/(kept classes + [suppressed > 0]).
 */
import type { Hierarchy } from '../../../../src/hierarchy/Hierarchy.js';

export type BruteModel =
  | { kind: 'k-anonymity'; k: number }
  | { kind: 'distinct-l-diversity'; l: number }
  | { kind: 'entropy-l-diversity'; l: number }
  | { kind: 'recursive-cl-diversity'; c: number; l: number }
  | { kind: 'equal-distance-t-closeness'; t: number }
  | { kind: 'hierarchical-distance-t-closeness'; t: number; hierarchy: Hierarchy };

export type BruteMetric = 'loss' | 'discernibility' | 'height' | 'average-class-size';

export interface BruteCase {
  readonly models: readonly BruteModel[];
  readonly suppressionLimit: number;
}

export interface BruteNode {
  readonly levels: number[];
  readonly height: number;
  readonly admissible: boolean;
  readonly suppressed: number;
  readonly loss: number;
  readonly discernibility: number;
  readonly averageClassSize: number;
}

export interface BruteData {
  /** Leaf label per record per quasi-identifier. */
  readonly records: readonly (readonly string[])[];
  readonly hierarchies: readonly Hierarchy[];
  /** Sensitive label per record. */
  readonly sensitive?: readonly string[];
}

/** All level vectors, the first quasi-identifier most significant (prikk's lattice order). */
export function allNodes(hierarchies: readonly Hierarchy[]): number[][] {
  let nodes: number[][] = [[]];
  for (const h of hierarchies) {
    const next: number[][] = [];
    for (const prefix of nodes) for (let l = 0; l < h.levelCount; l++) next.push([...prefix, l]);
    nodes = next;
  }
  return nodes;
}

function violates(model: BruteModel, n: number, counts: ReadonlyMap<string, number>, global: ReadonlyMap<string, number>, total: number): boolean {
  switch (model.kind) {
    case 'k-anonymity':
      return n < model.k;
    case 'distinct-l-diversity':
      return counts.size < model.l;
    case 'entropy-l-diversity': {
      if (counts.size < Math.ceil(model.l)) return true;
      let h = 0;
      for (const c of counts.values()) h -= (c / n) * Math.log2(c / n);
      return h < Math.log2(model.l) - 1e-9;
    }
    case 'recursive-cl-diversity': {
      if (counts.size < model.l) return true;
      const r = [...counts.values()].sort((a, b) => b - a);
      const tail = r.slice(model.l - 1).reduce((a, b) => a + b, 0);
      return !(r[0]! < model.c * tail);
    }
    case 'equal-distance-t-closeness': {
      let sum = 0;
      for (const [v, g] of global) sum += Math.abs((counts.get(v) ?? 0) / n - g / total);
      return sum / 2 > model.t + 1e-9;
    }
    case 'hierarchical-distance-t-closeness': {
      const h = model.hierarchy;
      const height = h.levelCount - 1;
      const p = new Map<number, number>();
      const q = new Map<number, number>();
      const add = (m: Map<number, number>, label: string, mass: number): void => {
        const leaf = h.leafOf(label);
        if (leaf < 0) throw new Error(`brute force: '${label}' is not a leaf`);
        for (let level = 0; level < height; level++) {
          const node = h.ancestorAtLevel(leaf, level);
          m.set(node, (m.get(node) ?? 0) + mass);
        }
      };
      for (const [v, c] of counts) add(p, v, c / n);
      for (const [v, g] of global) add(q, v, g / total);
      let emd = 0;
      for (const node of new Set([...p.keys(), ...q.keys()])) emd += Math.abs((p.get(node) ?? 0) - (q.get(node) ?? 0));
      return emd / (2 * height) > model.t + 1e-9;
    }
  }
}

/**
 * Evaluates every node of the lattice for each case. Returns, per case, one entry per node in lattice order.
 * Cost O(nodes × records × d).
 */
export function bruteForce(data: BruteData, cases: readonly BruteCase[]): BruteNode[][] {
  const { records, hierarchies } = data;
  const d = hierarchies.length;
  const n = records.length;
  const leaves = records.map((r) => r.map((label, j) => hierarchies[j]!.leafOf(label)));
  // Leaves under each node, counted leaf by leaf (|H_j| is the number of leaves); then, per level, per leaf, the
  // count under the leaf's ancestor at that level.
  const underAt = hierarchies.map((h) => {
    const under = new Map<number, number>();
    for (let leaf = 0; leaf < h.leafCount; leaf++) {
      for (let level = 0; level < h.levelCount; level++) {
        const node = h.ancestorAtLevel(leaf, level);
        under.set(node, (under.get(node) ?? 0) + 1);
      }
    }
    return Array.from({ length: h.levelCount }, (_, level) =>
      Array.from({ length: h.leafCount }, (_, leaf) => under.get(h.ancestorAtLevel(leaf, level))!),
    );
  });
  // Class key: the generalised node numbers in mixed radix over the hierarchy sizes.
  const radix = hierarchies.map((h) => h.size);
  const ancestor = hierarchies.map((h) =>
    Array.from({ length: h.levelCount }, (_, level) => Array.from({ length: h.leafCount }, (_, leaf) => h.ancestorAtLevel(leaf, level))),
  );
  const global = new Map<string, number>();
  for (const v of data.sensitive ?? []) global.set(v, (global.get(v) ?? 0) + 1);
  const results: BruteNode[][] = cases.map(() => []);
  for (const levels of allNodes(hierarchies)) {
    // Exact numeric keys while the product of the sizes fits a float64's integers, else strings.
    const exact = radix.reduce((a, b) => a * b, 1) <= Number.MAX_SAFE_INTEGER;
    const classes = new Map<number | string, number[]>();
    for (let i = 0; i < n; i++) {
      let key: number | string;
      if (exact) {
        key = 0;
        for (let j = 0; j < d; j++) key = key * radix[j]! + ancestor[j]![levels[j]!]![leaves[i]![j]!]!;
      } else {
        key = levels.map((l, j) => ancestor[j]![l]![leaves[i]![j]!]!).join(',');
      }
      let members = classes.get(key);
      if (!members) classes.set(key, (members = []));
      members.push(i);
    }
    const height = levels.reduce((a, b) => a + b, 0);
    // Per class: size, sensitive counts, and Σ over members of leavesUnder/|H_j| per quasi-identifier.
    const needCounts = cases.some((c) => c.models.some((m) => m.kind !== 'k-anonymity'));
    const info = [...classes.values()].map((members) => {
      const counts = new Map<string, number>();
      if (needCounts) {
        for (const i of members) {
          const v = data.sensitive?.[i] ?? '';
          counts.set(v, (counts.get(v) ?? 0) + 1);
        }
      }
      const shares = new Array<number>(d).fill(0);
      for (let j = 0; j < d; j++) {
        const at = underAt[j]![levels[j]!]!;
        const size = hierarchies[j]!.leafCount;
        for (const i of members) shares[j]! += at[leaves[i]![j]!]! / size;
      }
      return { size: members.length, counts, shares };
    });
    cases.forEach((c, ci) => {
      const kept = info.filter((cl) => !c.models.some((m) => violates(m, cl.size, cl.counts, global, n)));
      const suppressed = n - kept.reduce((a, cl) => a + cl.size, 0);
      let product = 1;
      for (let j = 0; j < d; j++) {
        const size = hierarchies[j]!.leafCount;
        let raw = suppressed;
        for (const cl of kept) raw += cl.shares[j]!;
        const norm = size === 1 ? 0 : Math.max(0, (raw - n / size) / (n - n / size));
        product *= Math.pow(1 + norm, 1 / d);
      }
      let dm = suppressed * n;
      for (const cl of kept) dm += cl.size * cl.size;
      const groups = kept.length + (suppressed > 0 ? 1 : 0);
      results[ci]!.push({
        levels,
        height,
        admissible: suppressed <= Math.floor(c.suppressionLimit * n),
        suppressed,
        loss: product - 1,
        discernibility: dm,
        averageClassSize: groups === 0 ? 0 : n / groups,
      });
    });
  }
  return results;
}

/** The value of a metric at a brute-force node. */
export function scoreOf(node: BruteNode, metric: BruteMetric): number {
  switch (metric) {
    case 'loss':
      return node.loss;
    case 'discernibility':
      return node.discernibility;
    case 'height':
      return node.height;
    case 'average-class-size':
      return node.averageClassSize;
  }
}

/** The best admissible score, or undefined when no node is admissible. */
export function bestScore(nodes: readonly BruteNode[], metric: BruteMetric): number | undefined {
  let best: number | undefined;
  for (const node of nodes) if (node.admissible && (best === undefined || scoreOf(node, metric) < best)) best = scoreOf(node, metric);
  return best;
}

/** The brute-force entry of a level vector. */
export function nodeAt(nodes: readonly BruteNode[], levels: readonly number[]): BruteNode {
  const found = nodes.find((n) => n.levels.every((l, j) => l === levels[j]));
  if (!found) throw new Error(`brute force: no node ${levels.join(',')}`);
  return found;
}
