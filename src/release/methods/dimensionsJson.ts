import type { CellTableDimensionJson } from '../../aggregate/CellTableJson.js';
import type { Hierarchy } from '../../hierarchy/Hierarchy.js';

/**
 * The `dimensions` of the cell-table JSON form (`prikk.cell-table/1`) from named hierarchies: per dimension its name,
 * the label of its total and its tree `{ parent: [children] }`. The same form `cellTableToJson` writes for a
 * `CellTable` (a test checks they agree), for tables that are not `CellTable`s (a DP table's `DpTable`).
 *
 * Cost: O(nodes of the hierarchies).
 *
 * @example
 * dimensionsJson([{ name: 'hospital', hierarchy: Hierarchy.fromParents('Total', ['A', 'B', 'Total'], [2, 2, -1]) }])
 * // [ { name: 'hospital', total: 'Total', hierarchy: { Total: ['A', 'B'] } } ]
 */
export function dimensionsJson(dimensions: readonly { readonly name: string; readonly hierarchy: Hierarchy }[]): CellTableDimensionJson[] {
  return dimensions.map((d) => ({ name: d.name, total: d.hierarchy.total, hierarchy: d.hierarchy.toJSON() }));
}
