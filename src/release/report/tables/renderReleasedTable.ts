import type { TableManifest } from '../../manifest/ReleaseManifest.js';
import { HIDDEN_STATUSES, type LegendEntry, type ReleasedCell, type ReleasedTable } from '../../ReleasedTable.js';
import { escapeHtml } from '../escapeHtml.js';
import { methodLabel } from '../methodLabel.js';
import { asNumber, asRecord } from '../rules/readParameter.js';
import { dimensionOrder } from './dimensionOrder.js';
import { renderColumnTable } from './renderColumnTable.js';
import { renderCrossTable } from './renderCrossTable.js';
import { LONG_TABLE_MAX_ROWS, renderLongTable } from './renderLongTable.js';
import { renderTableFootnotes } from './renderTableFootnotes.js';
import { cellKey, type TableRenderContext } from './TableRenderContext.js';

/** A cross table with more columns than this is shown in the long format (it would not fit a page). */
export const CROSS_TABLE_MAX_COLUMNS = 40;

const DEFAULT_SYMBOLS: Readonly<Record<string, string>> = { primary: '..', secondary: '..', small: '*' };

/**
 * Renders one released table for the report: its title and name, method, unit, filter and files, then its cells
 * (one dimension: a column table; two: a cross table per value field, unless the second dimension has more than
 * {@link CROSS_TABLE_MAX_COLUMNS} nodes or the first more than {@link LONG_TABLE_MAX_ROWS}; otherwise the long format,
 * capped at {@link LONG_TABLE_MAX_ROWS} rows), then its footnotes.
 *
 * Cost: O(cells × value fields).
 *
 * @example
 * renderReleasedTable(table, manifest.tables[0], 0, '.')
 * // '<section class="released-table" id="table-1" aria-labelledby="table-1-heading"><h3 id="table-1-heading">Persons by hospital …'
 */
export function renderReleasedTable(
  table: ReleasedTable,
  entry: TableManifest | undefined,
  index: number,
  decimalMark: '.' | ',',
): string {
  const legend = new Map<string, LegendEntry>();
  for (const item of table.legend) if (!legend.has(item.status)) legend.set(item.status, item);
  for (const status of HIDDEN_STATUSES) {
    if (!legend.has(status)) legend.set(status, { status, symbol: DEFAULT_SYMBOLS[status]!, meaning: `Hidden (${status})`, cells: 0 });
  }
  const cells = new Map<string, ReleasedCell>();
  for (const cell of table.cells) cells.set(cellKey(table.dimensions.map((d) => cell.coords[d.name] ?? '')), cell);
  const parameters = asRecord(entry?.parameters);
  const inner = asRecord(parameters?.[table.method]) ?? parameters;
  const confidence = asNumber(inner?.['confidence']);
  const context: TableRenderContext = {
    table,
    decimalMark,
    legend,
    cells,
    files: (entry?.files ?? []).map((f) => f.path).filter((p) => !p.endsWith('.html')),
    ...(confidence !== undefined && confidence > 0 && confidence < 1 ? { confidence } : {}),
  };

  let body: string;
  let layoutNote = '';
  const dims = table.dimensions.length;
  if (dims === 1) {
    body = renderColumnTable(context);
  } else if (dims === 2) {
    const columns = dimensionOrder(table.dimensions[1]!, table.cells).length;
    const rows = dimensionOrder(table.dimensions[0]!, table.cells).length;
    if (columns <= CROSS_TABLE_MAX_COLUMNS && rows <= LONG_TABLE_MAX_ROWS) {
      body = renderCrossTable(context);
    } else {
      layoutNote = `<p class="note">Shown in the long format: ${columns} columns by ${rows} rows do not fit a cross table.</p>`;
      body = renderLongTable(context);
    }
  } else {
    body = renderLongTable(context);
  }

  const id = `table-${index + 1}`;
  const meta: string[] = [`<span>Method: ${escapeHtml(methodLabel(table.method))}</span>`, `<span>Counts: ${escapeHtml(table.unit)}</span>`];
  meta.push(`<span>Dimensions: ${escapeHtml(table.dimensions.map((d) => d.name).join(', ') || 'none')}</span>`);
  if (entry?.filter !== undefined) meta.push(`<span>Cohort: ${escapeHtml(entry.filter)}</span>`);
  if (context.files.length > 0) meta.push(`<span>Files: ${escapeHtml(context.files.join(', '))}</span>`);
  return (
    `<section class="released-table" id="${id}" aria-labelledby="${id}-heading">` +
    `<h3 id="${id}-heading">${escapeHtml(table.title)} <span class="name">(${escapeHtml(table.name)})</span></h3>` +
    `<p class="meta">${meta.join(' ')}</p>` +
    layoutNote +
    `<div class="scroll">${body}</div>` +
    renderTableFootnotes(table, decimalMark) +
    '</section>'
  );
}
