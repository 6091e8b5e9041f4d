import type { CellTableDimensionJson } from '../../../aggregate/CellTableJson.js';
import { dimensionOrder } from '../tables/dimensionOrder.js';

/** How a released dimension's tree is shaped: how many nodes sit at each depth below its total. */
export interface HierarchyShape {
  /** The total's label (the root). */
  readonly total: string;
  /** `nodes[d]` is the number of nodes at depth `d` (depth 0 is the total, so `nodes[0]` is 1). */
  readonly nodes: readonly number[];
  /** The labels at depth 1 (the total's children), in the hierarchy's order. */
  readonly topLabels: readonly string[];
  /** Nodes without children, the total excluded (0 when the total has no children). */
  readonly leaves: number;
  /** True when every leaf sits at the deepest depth (the tree has levels, as a code list with groups does). */
  readonly balanced: boolean;
}

/**
 * Counts the nodes of a released dimension's tree (the cell-table JSON form `{ parent: [children] }`) per depth below
 * the total, walking it as the report's tables do (`dimensionOrder`, which cuts a cycle where a node repeats).
 * Works on the released tree, so a dimension that k-anonymity generalised shows the levels actually released.
 *
 * Cost: O(nodes).
 *
 * @example
 * hierarchyShape({ name: 'region', total: 'Total', hierarchy: { Total: ['East', 'West'], East: ['Oslo', 'Viken'], West: ['Bergen'] } })
 * // { total: 'Total', nodes: [1, 2, 3], topLabels: ['East', 'West'], leaves: 3, balanced: true }
 * hierarchyShape({ name: 'x', total: 'Total', hierarchy: {} })
 * // { total: 'Total', nodes: [1], topLabels: [], leaves: 0, balanced: true }
 */
export function hierarchyShape(dimension: CellTableDimensionJson): HierarchyShape {
  const order = dimensionOrder(dimension, []);
  const nodes: number[] = [];
  let leaves = 0;
  let leafDepth = -1;
  let balanced = true;
  for (const node of order) {
    nodes[node.depth] = (nodes[node.depth] ?? 0) + 1;
    if (node.margin || node.depth === 0) continue;
    leaves++;
    if (leafDepth === -1) leafDepth = node.depth;
    else if (leafDepth !== node.depth) balanced = false;
  }
  const topLabels = order.filter((n) => n.depth === 1).map((n) => n.label);
  return Object.freeze({ total: dimension.total, nodes: Object.freeze(nodes), topLabels: Object.freeze(topLabels), leaves, balanced });
}
