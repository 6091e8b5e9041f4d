import { HIDDEN_STATUSES, type ReleasedTable } from '../../ReleasedTable.js';
import { escapeHtml } from '../escapeHtml.js';
import { formatNumber } from '../formatNumber.js';

/**
 * Renders a table's footnotes: the legend (each hidden symbol with its meaning and how many cells carry it, then
 * the published cells' count) and the table's notes.
 *
 * Cost: O(legend + notes).
 *
 * @example
 * renderTableFootnotes(table, '.')
 * // '<div class="footnotes"><ul class="legend"><li><span class="sym status-primary">..</span> Hidden: fewer than 5 persons (1 cell)</li>…'
 */
export function renderTableFootnotes(table: ReleasedTable, decimalMark: '.' | ','): string {
  const count = (n: number): string => `${formatNumber(n, 0, decimalMark)} ${n === 1 ? 'cell' : 'cells'}`;
  const items = table.legend.map((entry) => {
    if (HIDDEN_STATUSES.includes(entry.status)) {
      return (
        `<li><span class="sym status-${entry.status}">${escapeHtml(entry.symbol)}</span> ` +
        `${escapeHtml(entry.meaning)} (${count(entry.cells)})</li>`
      );
    }
    return `<li><span class="sym published">${escapeHtml(entry.symbol === '' ? '123' : entry.symbol)}</span> ${escapeHtml(entry.meaning)} (${count(entry.cells)})</li>`;
  });
  const legend = items.length > 0 ? `<ul class="legend" aria-label="Symbols">${items.join('')}</ul>` : '';
  const notes = table.notes.length > 0 ? `<ul class="notes" aria-label="Notes">${table.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  return legend === '' && notes === '' ? '' : `<div class="footnotes">${legend}${notes}</div>`;
}
