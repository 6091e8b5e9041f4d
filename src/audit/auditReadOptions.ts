import type { CellTableFromJsonOptions } from '../aggregate/cellTableFromJson.js';

/**
 * How the audit reads a table in the cell-table JSON form (`cellTableFromJson(json, auditReadOptions)`): as an
 * attacker sees it, whichever tool wrote it.
 * - A cell the document does not list is hidden (`secondary`): the attacker does not see it.
 * - `published`, `primary` and `secondary` are read as named; any other status (a rounding release's `small`,
 *   another tool's `rounded`) is published when the cell shows a number for the table's unit, hidden otherwise.
 * - A published cell needs one value, a count or a sum; a field it leaves out is unknown (a differentially private
 *   table may release persons only, a magnitude table its sums only). `auditTable` audits each rule over the tables
 *   that show its quantity.
 * - A value carried by a hidden cell is ignored: the pattern is audited as if it were published without it
 *   (a file that carries every value with the statuses, as some tools write, can be audited).
 *
 * Follows Hundepool et al. 2012, "Statistical Disclosure Control", §4.4.1: the audit sees what is published.
 * Cost: none (a constant).
 *
 * @example
 * const table = cellTableFromJson(releasedJson, auditReadOptions);
 * table.statusOf(table.indexOf({ region: 'North' })) // 'secondary' for a `small` cell without a value
 */
export const auditReadOptions: CellTableFromJsonOptions = Object.freeze({
  absentCells: 'hidden',
  statuses: 'byValue',
  publishedValues: 'any',
  hiddenValues: 'drop',
});
