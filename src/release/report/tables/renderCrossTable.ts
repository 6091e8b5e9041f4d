import { escapeHtml } from '../escapeHtml.js';
import { dimensionOrder } from './dimensionOrder.js';
import { renderCell } from './renderCell.js';
import { cellKey, type TableRenderContext } from './TableRenderContext.js';

/**
 * Renders a two-dimensional released table as cross tables, one per value field: rows are the first dimension's
 * nodes and columns the second's, both in hierarchy order with their subtotals and total (margins marked).
 *
 * Cost: O(row nodes × column nodes × value fields).
 *
 * @example
 * renderCrossTable(context)
 * // '<table class="cells cross"><caption>Persons by hospital and year: Persons</caption><thead><tr><th scope="col">hospital \ year</th>…'
 */
export function renderCrossTable(context: TableRenderContext): string {
  const { table } = context;
  const [rowDimension, columnDimension] = [table.dimensions[0]!, table.dimensions[1]!];
  const rows = dimensionOrder(rowDimension, table.cells);
  const columns = dimensionOrder(columnDimension, table.cells);
  const corner = `${rowDimension.name} \\ ${columnDimension.name}`;
  const head =
    `<tr><th scope="col" class="corner">${escapeHtml(corner)}</th>` +
    columns.map((c) => `<th scope="col" class="num${c.margin ? ' margin' : ''}">${escapeHtml(c.label)}</th>`).join('') +
    '</tr>';
  return table.valueFields
    .map((field, fieldIndex) => {
      const caption = table.valueFields.length > 1 ? `${table.title}: ${field.label}` : `${table.title} (${field.label})`;
      const body = rows.map((row) => {
        const cells = columns.map((column) =>
          renderCell(context.cells.get(cellKey([row.label, column.label])), field, fieldIndex, row.margin || column.margin, context),
        );
        return (
          `<tr${row.margin ? ' class="margin"' : ''}><th scope="row" class="lvl-${Math.min(row.depth, 6)}">${escapeHtml(row.label)}</th>` +
          cells.join('') +
          '</tr>'
        );
      });
      return `<table class="cells cross"><caption>${escapeHtml(caption)}</caption><thead>${head}</thead><tbody>${body.join('')}</tbody></table>`;
    })
    .join('');
}
