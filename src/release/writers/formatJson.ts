import type { ReleasedCell, ReleasedTable } from '../ReleasedTable.js';
import { assertNoHiddenValues } from './assertNoHiddenValues.js';

/** An object's keys with the preferred ones first (in that order), then the others sorted. */
function ordered(record: Readonly<Record<string, number>>, first: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of first) if (Object.hasOwn(record, k)) out[k] = record[k]!;
  for (const k of Object.keys(record).sort()) if (!Object.hasOwn(out, k)) out[k] = record[k]!;
  return out;
}

function cellJson(cell: ReleasedCell, dimensions: readonly string[], measures: readonly string[]): Record<string, unknown> {
  const coords: Record<string, string> = {};
  for (const d of dimensions) coords[d] = cell.coords[d]!;
  if (cell.status !== 'published') return { coords, status: cell.status };
  // Field by field, in the order of cellTableToJson: coords, rows, persons, sums, means, then interval, postProcessed, status.
  const out: Record<string, unknown> = { coords };
  if (cell.rows !== undefined) out.rows = cell.rows;
  if (cell.persons !== undefined) out.persons = cell.persons;
  if (cell.sums !== undefined) out.sums = ordered(cell.sums, measures);
  if (cell.means !== undefined) out.means = ordered(cell.means, measures);
  if (cell.interval !== undefined) out.interval = { lower: cell.interval.lower, upper: cell.interval.upper };
  if (cell.postProcessed !== undefined) out.postProcessed = cell.postProcessed;
  out.status = cell.status;
  return out;
}

/**
 * Writes a released table as pretty JSON (2-space indent, a trailing newline) in the cell-table form
 * (`prikk.cell-table/1`, issue 2), with the release's fields added. Fields come in a stable order, so that the same
 * release gives the same bytes: `format, name, title, method, unit, measures, valueFields, dimensions,
 * (emptyCellsOmitted,) cells, legend, notes, summary`; each cell `coords` (in dimension order), `rows`, `persons`,
 * `sums`, `means` (measures in the table's order), `interval`, `postProcessed`, `status`. A hidden cell is written
 * as `coords` and `status` only.
 *
 * The document is rebuilt field by field, so a field this writer does not know (e.g. a cell's `top`, single
 * persons' values) is never written. `cellTableFromJson` reads it back, strictly by default and as an attacker sees
 * it with the audit's `auditReadOptions`, so `prikk audit` works on a released table.
 *
 * Cost: O(cells × (dimensions + measures)).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for whatever {@link assertNoHiddenValues} rejects (a hidden cell with a
 * value, a malformed cell, a value that is not a finite number).
 * @example
 * formatJson(table)
 * // '{\n  "format": "prikk.cell-table/1",\n  "name": "by_hospital",\n  "title": "Persons by hospital", ...\n}\n'
 */
export function formatJson(table: ReleasedTable): string {
  assertNoHiddenValues(table);
  const dimensionNames = table.dimensions.map((d) => d.name);
  const doc: Record<string, unknown> = {
    format: table.format,
    name: table.name,
    title: table.title,
    method: table.method,
    unit: table.unit,
    measures: [...table.measures],
    valueFields: table.valueFields.map((f) => ({ key: f.key, label: f.label, decimals: f.decimals })),
    dimensions: table.dimensions.map((d) => ({ name: d.name, total: d.total, hierarchy: d.hierarchy })),
  };
  if (table.emptyCellsOmitted !== undefined) doc.emptyCellsOmitted = table.emptyCellsOmitted;
  doc.cells = table.cells.map((c) => cellJson(c, dimensionNames, table.measures));
  doc.legend = table.legend.map((e) => ({ status: e.status, symbol: e.symbol, meaning: e.meaning, cells: e.cells }));
  doc.notes = [...table.notes];
  const s = table.summary;
  const summary: Record<string, number> = { cells: s.cells, hiddenCells: s.hiddenCells, hiddenCellShare: s.hiddenCellShare };
  for (const k of ['hiddenCountShare', 'expectedAbsoluteError', 'noiseStandardDeviation', 'suppressedRecords'] as const) {
    if (s[k] !== undefined) summary[k] = s[k];
  }
  doc.summary = summary;
  return JSON.stringify(doc, null, 2) + '\n';
}
