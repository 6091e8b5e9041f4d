import { escapeHtml } from '../escapeHtml.js';
import { dimensionOrder } from './dimensionOrder.js';
import { renderCell } from './renderCell.js';
import { cellKey, type TableRenderContext } from './TableRenderContext.js';

/**
 * Renders a one-dimensional released table: one row per node of the dimension in hierarchy order (members indented
 * by depth, subtotals and the total marked as margins), one column per value field.
 *
 * Cost: O(nodes × value fields).
 *
 * @example
 * renderColumnTable(context)
 * // '<table class="cells column"><caption>…</caption><thead><tr><th scope="col">hospital</th><th scope="col">Persons</th></tr></thead><tbody>…'
 */
export function renderColumnTable(context: TableRenderContext): string {
  const { table } = context;
  const dimension = table.dimensions[0]!;
  const nodes = dimensionOrder(dimension, table.cells);
  const head =
    `<tr><th scope="col">${escapeHtml(dimension.name)}</th>` +
    table.valueFields.map((f) => `<th scope="col" class="num">${escapeHtml(f.label)}</th>`).join('') +
    '</tr>';
  const body = nodes.map((node) => {
    const cell = context.cells.get(cellKey([node.label]));
    const cls = node.margin ? ' class="margin"' : '';
    return (
      `<tr${cls}><th scope="row" class="lvl-${Math.min(node.depth, 6)}">${escapeHtml(node.label)}</th>` +
      table.valueFields.map((f, i) => renderCell(cell, f, i, node.margin, context)).join('') +
      '</tr>'
    );
  });
  return (
    `<table class="cells column"><caption>${escapeHtml(table.title)}</caption>` +
    `<thead>${head}</thead><tbody>${body.join('')}</tbody></table>`
  );
}
