import type { CellTableDimensionJson } from '../../../aggregate/CellTableJson.js';
import type { ReleasedCell } from '../../ReleasedTable.js';

/** One node of a dimension as a table shows it. */
export interface OrderedNode {
  readonly label: string;
  /** 0 for the total, 1 for its children, … */
  readonly depth: number;
  /** True for a node with children (a margin: the total or a subtotal). */
  readonly margin: boolean;
}

/**
 * The nodes of a dimension in hierarchy order for a table's rows or columns: depth first, each group's members
 * before their subtotal and the total last (the order of a spreadsheet with subtotals, and the cell table's own
 * "totals last" convention). Labels that cells use but the hierarchy does not list go before the total, in the
 * cells' order, so no cell is left out. A malformed hierarchy with a cycle is cut where a node repeats.
 *
 * Cost: O(nodes + cells).
 *
 * @example
 * dimensionOrder({ name: 'region', total: 'Total', hierarchy: { Total: ['03', '11'], '11': ['1101', '1103'] } }, [])
 * // [ { label: '03', depth: 1, margin: false }, { label: '1101', depth: 2, margin: false },
 * //   { label: '1103', depth: 2, margin: false }, { label: '11', depth: 1, margin: true },
 * //   { label: 'Total', depth: 0, margin: true } ]
 */
export function dimensionOrder(dimension: CellTableDimensionJson, cells: readonly ReleasedCell[]): readonly OrderedNode[] {
  const out: OrderedNode[] = [];
  const seen = new Set<string>();
  const hierarchy = dimension.hierarchy;
  // Iterative post-order walk (a deep hierarchy must not overflow the stack).
  const stack: { label: string; depth: number; next: number }[] = [{ label: dimension.total, depth: 0, next: 0 }];
  seen.add(dimension.total);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const children = Object.hasOwn(hierarchy, top.label) ? (hierarchy[top.label] ?? []) : [];
    if (top.next < children.length) {
      const child = children[top.next++]!;
      if (!seen.has(child)) {
        seen.add(child);
        stack.push({ label: child, depth: top.depth + 1, next: 0 });
      }
      continue;
    }
    stack.pop();
    out.push({ label: top.label, depth: top.depth, margin: children.length > 0 });
  }
  // The walk ends with the total; labels the hierarchy does not list go just before it.
  const total = out.pop()!;
  let extras = 0;
  for (const cell of cells) {
    const label = cell.coords[dimension.name];
    if (label !== undefined && !seen.has(label)) {
      seen.add(label);
      out.push({ label, depth: 1, margin: false });
      extras++;
    }
  }
  out.push({ ...total, margin: total.margin || extras > 0 });
  return out;
}
