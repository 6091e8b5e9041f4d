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
 * A classification tree for one dimension, with the total at the root: municipality -> county -> total,
 * ICD-10 code -> block -> chapter -> total, age -> 5-year band -> 10-year band -> total.
 *
 * Nodes are numbered so that every child comes before its parent: the leaves (the finest values, the ones rows
 * are classified into) are `0 .. leafCount - 1`, internal nodes follow, and the root is last. That order lets a
 * roll-up visit nodes once, in index order. Labels are unique within a hierarchy, because a cell's coordinate
 * is a label.
 *
 * Built by the factories in this folder (`flatHierarchy`, `hierarchyFromArx`, `hierarchyFromParentChild`,
 * `intervalHierarchy`, `prefixHierarchy`), not usually by hand.
 *
 * @example
 * const h = Hierarchy.fromParents('Total', ['0301', '1101', '1103', '03', '11', 'Total'], [3, 4, 4, 5, 5, -1]);
 * h.leafCount          // 3
 * h.leafOf('1103')     // 2
 * h.labels[h.parents[2]] // '11'
 * h.toJSON()           // { Total: ['03', '11'], '03': ['0301'], '11': ['1101', '1103'] }
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
  private readonly index: ReadonlyMap<string, number>;

  private constructor(total: string, labels: readonly string[], parents: Int32Array, leafCount: number, bands?: LeafBands) {
    this.total = total;
    this.labels = labels;
    this.parents = parents;
    this.leafCount = leafCount;
    this.bands = bands;
    const index = new Map<string, number>();
    labels.forEach((label, i) => index.set(label, i));
    this.index = index;
    const depths = new Uint8Array(labels.length);
    for (let i = labels.length - 2; i >= 0; i--) depths[i] = depths[parents[i]!]! + 1;
    this.depths = depths;
    Object.freeze(this);
  }

  /**
   * Builds a hierarchy from node labels and parent indices that already follow the node order
   * (leaves first, each child before its parent, root last with parent `-1`).
   *
   * @throws {PrikkError} `INVALID_SCHEMA` when labels repeat, a parent index does not come after its child, the
   * root is not last, a node that is not a leaf has no child, or a leaf has children.
   */
  static fromParents(total: string, labels: readonly string[], parents: ArrayLike<number>, bands?: LeafBands): Hierarchy {
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
    if (bands && (bands.lower.length !== leafCount || bands.upper.length !== leafCount)) {
      throw new PrikkError('INVALID_SCHEMA', `hierarchy '${total}': expected one band per leaf (${leafCount})`);
    }
    return new Hierarchy(total, [...labels], p, leafCount, bands);
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

  /** The `{ parent: [children] }` form used in the cell-table JSON; leaves have no entry. */
  toJSON(): HierarchyJson {
    const out: Record<string, string[]> = {};
    for (let i = this.labels.length - 1; i >= this.leafCount; i--) out[this.labels[i]!] = [];
    for (let i = 0; i < this.labels.length - 1; i++) out[this.labels[this.parents[i]!]!]!.push(this.labels[i]!);
    return out;
  }
}
