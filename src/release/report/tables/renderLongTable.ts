import { formatNumber } from '../formatNumber.js';
import { escapeHtml } from '../escapeHtml.js';
import { renderCell } from './renderCell.js';
import type { TableRenderContext } from './TableRenderContext.js';

/** Default for {@link renderLongTable}'s `maxRows`: what a reader (and a printer) can still use. */
export const LONG_TABLE_MAX_ROWS = 2000;

/**
 * Renders a released table in the long format: one row per cell, a column per dimension (the cell's labels, as
 * row headers) and per value field, in the table's cell order. Shows at most `maxRows` cells and then says how
 * many were left out and which files hold the full table. A label that is a total or subtotal is marked as a margin,
 * and so are the values of a cell with such a label.
 *
 * Cost: O(min(cells, maxRows) × (dimensions + value fields)).
 *
 * @example
 * renderLongTable(context, 2000)
 * // '<table class="cells long"><caption>…</caption><thead><tr><th scope="col">sex</th><th scope="col">age</th>…'
 */
export function renderLongTable(context: TableRenderContext, maxRows: number = LONG_TABLE_MAX_ROWS): string {
  const { table } = context;
  const margins = table.dimensions.map((d) => {
    const set = new Set<string>();
    for (const [parent, children] of Object.entries(d.hierarchy)) if (children.length > 0) set.add(parent);
    set.add(d.total);
    return set;
  });
  const shown = table.cells.slice(0, Math.max(0, maxRows));
  const head =
    '<tr>' +
    table.dimensions.map((d) => `<th scope="col">${escapeHtml(d.name)}</th>`).join('') +
    table.valueFields.map((f) => `<th scope="col" class="num">${escapeHtml(f.label)}</th>`).join('') +
    '</tr>';
  const body = shown.map((cell) => {
    const labels = table.dimensions.map((d) => cell.coords[d.name] ?? '');
    const margin = labels.some((label, i) => margins[i]!.has(label));
    return (
      '<tr>' +
      labels.map((label, i) => `<th scope="row"${margins[i]!.has(label) ? ' class="margin"' : ''}>${escapeHtml(label)}</th>`).join('') +
      table.valueFields.map((f, i) => renderCell(cell, f, i, margin, context)).join('') +
      '</tr>'
    );
  });
  let note = '';
  if (table.cells.length > shown.length) {
    const left = table.cells.length - shown.length;
    const files = context.files.length > 0 ? context.files.join(', ') : 'the CSV and XLSX files of this release';
    note =
      `<p class="note cap">Showing the first ${formatNumber(shown.length, 0, context.decimalMark)} of ` +
      `${formatNumber(table.cells.length, 0, context.decimalMark)} cells (${formatNumber(left, 0, context.decimalMark)} more): ` +
      `the full table is in ${escapeHtml(files)}.</p>`;
  }
  return (
    `<table class="cells long"><caption>${escapeHtml(table.title)}</caption>` +
    `<thead>${head}</thead><tbody>${body.join('')}</tbody></table>${note}`
  );
}
