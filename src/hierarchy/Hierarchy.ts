import { PrikkError } from '../errors/PrikkError.js';

/**
 * Numeric bands for the leaves of an interval hierarchy: leaf `i` holds the numbers `x` with
 * `lower[i] <= x < upper[i]`. Bands are sorted and do not overlap.
 */
export interface LeafBands {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** Plain-data form of a hierarchy: `{ parent: [children] }` with the total as the root, as in the cell-table JSON. */
export type HierarchyJson = Readonly<Record<string, readonly string[]>>;

/**
 * Everything {@link Hierarchy.build} needs, as an options object.
 */
export interface HierarchyInit {
  /** Required. The root's label, e.g. `Total`; must equal the last label. */
  readonly total: string;
  /** Required. Node labels in node order: leaves first, every child before its parent, the root last. Unique. */
  readonly labels: readonly string[];
  /** Required. Parent index per node (`-1` for the root); a parent always comes after its child. */
  readonly parents: ArrayLike<number>;
  /** Numeric bands of the leaves (interval hierarchies). Defaults to none. */
  readonly bands?: LeafBands | undefined;
  /**
   * Labels to show people, per node, when a factory had to make `labels` unique (an ARX file that reuses `Male` at
   * two levels gets the internal label `Male (level 1)` and the display label `Male`). Defaults to `labels`.
   */
  readonly displayLabels?: readonly string[] | undefined;
}

/**
 * A classification tree for one dimension, with the total at the root: municipality -> county -> total,
 * ICD-10 code -> block -> chapter -> total, age -> 5-year band -> 10-year band -> total.
 *
 * Nodes are numbered so that every child comes before its parent: the leaves (the finest values, the ones rows
 * are classified into) are `0 .. leafCount - 1`, internal nodes follow, and the root is last. That order lets a
 * roll-up visit nodes once, in index order. Labels are unique within a hierarchy, because a cell's coordinate
 * is a label.
 *
 * Built by the factories in this folder (`flatHierarchy`, `hierarchyFromArx`/`readArxHierarchy`,
 * `hierarchyFromParentChild`, `intervalHierarchy`, `prefixHierarchy`, `buildHierarchy` for policy files) and in
 * `src/codelists` (`icd10Hierarchy`, `municipalityHierarchy`), not usually by hand.
 *
 * For full-domain generalisation (k-anonymity) a hierarchy whose leaves all have the same depth has levels:
 * `levelCount`, `ancestorAtLevel(leaf, level)` and the cached `levelMaps` (one `Uint32Array` per level), plus
 * `leafCounts` for ARX's Loss metric. Everything is computed once, in the constructor (O(nodes × depth)).
 *
 * @example
 * const h = Hierarchy.fromParents('Total', ['0301', '1101', '1103', '03', '11', 'Total'], [3, 4, 4, 5, 5, -1]);
 * h.leafCount          // 3
 * h.leafOf('1103')     // 2
 * h.labels[h.parents[2]] // '11'
 * h.toJSON()           // { Total: ['03', '11'], '03': ['0301'], '11': ['1101', '1103'] }
 * h.levelCount         // 3 (0 = municipality, 1 = county, 2 = total)
 * h.ancestorAtLevel(2, 1) // 4, the node '11'
 * h.leafCountUnder(4)  // 2
 */
export class Hierarchy {
  /** The root's label, e.g. `Total`. */
  readonly total: string;
  /** Node labels: leaves first, children before parents, the root last. */
  readonly labels: readonly string[];
  /** Parent node index per node; `-1` for the root. */
  readonly parents: Int32Array;
  /** Number of leaves; nodes `0 .. leafCount - 1` are leaves. */
  readonly leafCount: number;
  /** Depth per node: the root has depth 0, its children 1, and so on. */
  readonly depths: Uint8Array;
  /** Numeric bands of the leaves, for hierarchies over numbers (intervals). */
  readonly bands: LeafBands | undefined;
  /**
   * Labels to show people, per node. Equal to `labels` except where a factory had to make a label unique
   * (see {@link HierarchyInit.displayLabels}); k-anonymous output prints these, as ARX would.
   */
  readonly displayLabels: readonly string[];
  /**
   * Number of leaves under each node (1 for a leaf, `leafCount` for the root). For a hierarchy read from an ARX
   * file every leaf is one row of the file, so `leafCounts[node] / leafCount` is the share of hierarchy rows that
   * the generalised value `node` covers, the quantity ARX's Loss metric sums. Do not modify.
   */
  readonly leafCounts: Uint32Array;
  /**
   * Number of generalisation levels for full-domain generalisation (ARX): level 0 is the original value (the
   * leaves), level `levelCount - 1` is the root. Defined when every leaf has the same depth, in which case it is
   * that depth + 1; `0` when leaves sit at different depths (an unbalanced tree has no levels).
   */
  readonly levelCount: number;
  /**
   * One `Uint32Array` per level mapping leaf index to the index of its ancestor at that level
   * (`levelMaps[0]` is the identity, `levelMaps[levelCount - 1]` is all root). Empty when `levelCount` is 0.
   * Hot loops should take `levelMaps[level]` once and index it directly. Do not modify.
   */
  readonly levelMaps: readonly Uint32Array[];
  private readonly index: ReadonlyMap<string, number>;

  private constructor(
    total: string,
    labels: readonly string[],
    parents: Int32Array,
    leafCount: number,
    bands: LeafBands | undefined,
    displayLabels: readonly string[],
  ) {
    this.total = total;
    this.labels = labels;
    this.parents = parents;
    this.leafCount = leafCount;
    this.bands = bands;
    this.displayLabels = displayLabels;
    const n = labels.length;
    const index = new Map<string, number>();
    labels.forEach((label, i) => index.set(label, i));
    this.index = index;
    const depths = new Uint8Array(n);
    for (let i = n - 2; i >= 0; i--) depths[i] = depths[parents[i]!]! + 1;
    this.depths = depths;
    // Children come before parents, so one pass in index order accumulates every subtree.
    const leafCounts = new Uint32Array(n);
    for (let i = 0; i < leafCount; i++) leafCounts[i] = 1;
    for (let i = 0; i < n - 1; i++) leafCounts[parents[i]!]! += leafCounts[i]!;
    this.leafCounts = leafCounts;
    let balanced = true;
    const leafDepth = depths[0]!;
    for (let i = 1; i < leafCount && balanced; i++) balanced = depths[i] === leafDepth;
    const levelMaps: Uint32Array[] = [];
    if (balanced) {
      // levelMaps[l][leaf] = ancestor of `leaf` l steps up; built level by level from the previous map.
      let previous = new Uint32Array(leafCount);
      for (let i = 0; i < leafCount; i++) previous[i] = i;
      levelMaps.push(previous);
      for (let level = 1; level <= leafDepth; level++) {
        const map = new Uint32Array(leafCount);
        for (let i = 0; i < leafCount; i++) map[i] = parents[previous[i]!]!;
        levelMaps.push(map);
        previous = map;
      }
    }
    this.levelCount = levelMaps.length;
    this.levelMaps = Object.freeze(levelMaps);
    Object.freeze(this);
  }

  /**
   * Builds a hierarchy from node labels and parent indices that already follow the node order
   * (leaves first, each child before its parent, root last with parent `-1`). Same as {@link Hierarchy.build}.
   *
   * @throws {PrikkError} `INVALID_SCHEMA` when labels repeat, a parent index does not come after its child, the
   * root is not last, a node that is not a leaf has no child, or a leaf has children.
   * @example
   * Hierarchy.fromParents('Total', ['M', 'F', 'Total'], [2, 2, -1]).toJSON() // { Total: ['M', 'F'] }
   */
  static fromParents(total: string, labels: readonly string[], parents: ArrayLike<number>, bands?: LeafBands): Hierarchy {
    return Hierarchy.build({ total, labels, parents, bands });
  }

  /**
   * Builds a hierarchy from node labels and parent indices that already follow the node order (leaves first, each
   * child before its parent, root last with parent `-1`). The factories in this folder call it; cost O(nodes ×
   * depth) for the level maps, O(nodes) otherwise.
   *
   * @throws {PrikkError} `INVALID_SCHEMA` when labels repeat, a parent index does not come after its child, the
   * root is not last, a node that is not a leaf has no child, a leaf has children, or `bands`/`displayLabels` do
   * not have one entry per leaf/node.
   * @example
   * Hierarchy.build({ total: 'Total', labels: ['M', 'F', 'Total'], parents: [2, 2, -1] }).levelCount // 2
   */
  static build(init: HierarchyInit): Hierarchy {
    const { total, labels, parents, bands, displayLabels } = init;
    const n = labels.length;
    if (n === 0 || parents.length !== n) {
      throw new PrikkError('INVALID_SCHEMA', `hierarchy '${total}': expected one parent per label, got ${parents.length} parents for ${n} labels`);
    }
    if (labels[n - 1] !== total || parents[n - 1] !== -1) {
      throw new PrikkError('INVALID_SCHEMA', `hierarchy '${total}': the root '${total}' must be the last node, with no parent`);
    }
    const seen = new Set<string>();
    for (const label of labels) {
      if (seen.has(label)) throw new PrikkError('INVALID_SCHEMA', `hierarchy '${total}': the label '${label}' appears twice`);
      seen.add(label);
    }
    const childCount = new Uint32Array(n);
    const p = Int32Array.from(parents);
    for (let i = 0; i < n - 1; i++) {
      const parent = p[i]!;
      if (!(parent > i && parent < n)) {
        throw new PrikkError('INVALID_SCHEMA', `hierarchy '${total}': node '${labels[i]}' must come before its parent`);
      }
      childCount[parent]!++;
    }
    let leafCount = 0;
    while (leafCount < n && childCount[leafCount] === 0) leafCount++;
    for (let i = leafCount; i < n; i++) {
      if (childCount[i] === 0) {
        throw new PrikkError('INVALID_SCHEMA', `hierarchy '${total}': leaf '${labels[i]}' must come before every internal node`);
      }
    }
    if (n === 1) leafCount = 1;
    // `depths` is a Uint8Array: refuse trees it cannot describe instead of wrapping around.
    const depth = new Uint16Array(n);
    for (let i = n - 2; i >= 0; i--) {
      depth[i] = depth[p[i]!]! + 1;
      if (depth[i]! > 255) {
        throw new PrikkError('INVALID_SCHEMA', `hierarchy '${total}': node '${labels[i]}' is more than 255 levels below the root`);
      }
    }
    if (bands && (bands.lower.length !== leafCount || bands.upper.length !== leafCount)) {
      throw new PrikkError('INVALID_SCHEMA', `hierarchy '${total}': expected one band per leaf (${leafCount})`);
    }
    if (displayLabels !== undefined && displayLabels.length !== n) {
      throw new PrikkError('INVALID_SCHEMA', `hierarchy '${total}': expected one display label per node (${n}), got ${displayLabels.length}`);
    }
    const frozenLabels = Object.freeze([...labels]);
    const frozenDisplay = displayLabels === undefined ? frozenLabels : Object.freeze([...displayLabels]);
    return new Hierarchy(total, frozenLabels, p, leafCount, bands, frozenDisplay);
  }

  /** Number of nodes, leaves and internal nodes and the root. */
  get size(): number {
    return this.labels.length;
  }

  /** Index of the node with this label, or `-1`. */
  nodeOf(label: string): number {
    return this.index.get(label) ?? -1;
  }

  /** Leaf index of a value, or `-1` when the value is not a leaf of this hierarchy. */
  leafOf(value: string): number {
    const i = this.index.get(value);
    return i !== undefined && i < this.leafCount ? i : -1;
  }

  /** Leaf index of a number in an interval hierarchy (binary search over the bands), or `-1` when outside every band. */
  leafOfNumber(value: number): number {
    const bands = this.bands;
    if (!bands || Number.isNaN(value)) return -1;
    let lo = 0;
    let hi = this.leafCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (value < bands.lower[mid]!) hi = mid - 1;
      else if (value >= bands.upper[mid]!) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  /** Children of each node, in node order. */
  children(node: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < node; i++) if (this.parents[i] === node) out.push(i);
    return out;
  }

  /**
   * Number of leaves under `node` (1 for a leaf). For an ARX hierarchy this is the number of hierarchy-file rows
   * the node covers. O(1).
   *
   * @throws {PrikkError} `INVALID_ARGUMENT` when `node` is not a node index.
   * @example
   * h.leafCountUnder(h.nodeOf('11')) // 2 (1101 and 1103)
   */
  leafCountUnder(node: number): number {
    const count = this.leafCounts[node];
    if (count === undefined || !Number.isInteger(node)) {
      throw new PrikkError('INVALID_ARGUMENT', `hierarchy '${this.total}': leafCountUnder expects a node index in [0, ${this.size}), got ${node}`);
    }
    return count;
  }

  /**
   * Index of the ancestor of `leaf` at generalisation `level` (0 = the leaf itself, `levelCount - 1` = the root),
   * read from the cached {@link Hierarchy.levelMaps}. O(1); for the hottest loops index `levelMaps[level]` directly.
   *
   * @throws {PrikkError} `INVALID_ARGUMENT` when the hierarchy has no levels (leaves at different depths), or
   * `leaf` or `level` is out of range.
   * @example
   * // age 17 -> '15-19' -> '10-19' -> '0-19' -> '*' in ARX's Adult age hierarchy
   * h.labels[h.ancestorAtLevel(h.leafOf('17'), 2)] // '10-19'
   */
  ancestorAtLevel(leaf: number, level: number): number {
    const map = this.levelMaps[level];
    const node = map === undefined ? undefined : map[leaf];
    if (node === undefined) throw this.levelError(leaf, level);
    return node;
  }

  /**
   * Generalisation level of `node` (0 for a leaf, `levelCount - 1` for the root), for hierarchies with levels.
   *
   * @throws {PrikkError} `INVALID_ARGUMENT` when the hierarchy has no levels or `node` is not a node index.
   * @example
   * h.levelOf(h.nodeOf('11')) // 1 in municipality -> county -> total
   */
  levelOf(node: number): number {
    const depth = this.depths[node];
    if (this.levelCount === 0 || depth === undefined || !Number.isInteger(node)) throw this.levelError(node, undefined);
    return this.levelCount - 1 - depth;
  }

  private levelError(at: number, level: number | undefined): PrikkError {
    if (this.levelCount === 0) {
      return new PrikkError(
        'INVALID_ARGUMENT',
        `hierarchy '${this.total}': its leaves sit at different depths, so it has no generalisation levels (levelCount is 0)`,
      );
    }
    if (level !== undefined && !(Number.isInteger(level) && level >= 0 && level < this.levelCount)) {
      return new PrikkError('INVALID_ARGUMENT', `hierarchy '${this.total}': expected a level in [0, ${this.levelCount}), got ${level}`);
    }
    const limit = level === undefined ? this.size : this.leafCount;
    return new PrikkError('INVALID_ARGUMENT', `hierarchy '${this.total}': expected a ${level === undefined ? 'node' : 'leaf'} index in [0, ${limit}), got ${at}`);
  }

  /** The `{ parent: [children] }` form used in the cell-table JSON; leaves have no entry. */
  toJSON(): HierarchyJson {
    const out: Record<string, string[]> = {};
    for (let i = this.labels.length - 1; i >= this.leafCount; i--) out[this.labels[i]!] = [];
    for (let i = 0; i < this.labels.length - 1; i++) out[this.labels[this.parents[i]!]!]!.push(this.labels[i]!);
    return out;
  }
}
