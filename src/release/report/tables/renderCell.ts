import { HIDDEN_STATUSES, type ReleasedCell, type ValueField } from '../../ReleasedTable.js';
import { escapeHtml } from '../escapeHtml.js';
import { formatNumber, formatPlain } from '../formatNumber.js';
import { cellValue } from './cellValue.js';
import type { TableRenderContext } from './TableRenderContext.js';

/**
 * Renders one value of one cell as a `<td>`. A hidden cell (`primary`, `secondary`, `small`) shows its legend
 * symbol, the CSS class `hidden status-<status>` and the legend's meaning as its `title` tooltip (and accessible
 * name); its values are never read. A published cell shows the value with the field's decimals; a DP cell's first
 * value field gets its confidence interval as the tooltip (and as a `span.ci` that only print shows). `margin` marks a total or subtotal.
 *
 * Cost: O(1).
 *
 * @example
 * renderCell({ coords: { h: 'A' }, status: 'primary' }, field, 0, false, context)
 * // '<td class="num hidden status-primary" title="Hidden: fewer than 5 persons" aria-label="..: Hidden: fewer than 5 persons">..</td>'
 */
export function renderCell(
  cell: ReleasedCell | undefined,
  field: ValueField,
  fieldIndex: number,
  margin: boolean,
  context: TableRenderContext,
): string {
  const marginClass = margin ? ' margin' : '';
  if (cell === undefined) {
    if (context.table.emptyCellsOmitted === true && (field.key === 'persons' || field.key === 'rows' || field.key.startsWith('sum:'))) {
      return `<td class="num${marginClass}">${formatNumber(0, field.decimals, context.decimalMark)}</td>`;
    }
    return `<td class="num absent${marginClass}" title="Not in the table"></td>`;
  }
  if (HIDDEN_STATUSES.includes(cell.status)) {
    const entry = context.legend.get(cell.status);
    const symbol = entry?.symbol ?? '..';
    const meaning = entry?.meaning ?? `Hidden (${cell.status})`;
    return (
      `<td class="num hidden status-${cell.status}${marginClass}" title="${escapeHtml(meaning)}" ` +
      `aria-label="${escapeHtml(`${symbol}: ${meaning}`)}">${escapeHtml(symbol)}</td>`
    );
  }
  const value = cellValue(cell, field.key);
  const text = value === undefined ? '' : formatNumber(value, field.decimals, context.decimalMark);
  const tips: string[] = [];
  let printed = '';
  if (fieldIndex === 0 && cell.interval !== undefined) {
    const level = context.confidence === undefined ? 'Confidence interval' : `${formatPlain(context.confidence * 100)} % confidence interval`;
    const lower = formatNumber(cell.interval.lower, field.decimals, context.decimalMark);
    const upper = formatNumber(cell.interval.upper, field.decimals, context.decimalMark);
    tips.push(`${level}: ${lower} to ${upper}`);
    // Paper has no tooltips: the interval is printed under the value (hidden on screen by the style sheet).
    printed = `<span class="ci"> (${escapeHtml(lower)} to ${escapeHtml(upper)})</span>`;
  }
  if (fieldIndex === 0 && cell.postProcessed === true) tips.push('changed by post-processing');
  if (value === undefined) tips.push('no value (no rows)');
  const title = tips.length === 0 ? '' : ` title="${escapeHtml(tips.join('; '))}"`;
  const noisy = fieldIndex === 0 && cell.interval !== undefined ? ' noisy' : '';
  return `<td class="num${noisy}${marginClass}"${title}>${escapeHtml(text)}${printed}</td>`;
}
