import type { Reconciliation } from '../read/Extract.js';

/**
 * Renders a reconciliation as text: rows read, used, and excluded by reason, largest first, so that every input
 * row is accounted for in front of the analyst.
 *
 * @example
 * formatReconciliation({ source: 'x.csv', rowsRead: 10, rowsUsed: 7, excluded: { 'missing:age': 1, 'filter:age >= 65': 2 } })
 * // x.csv: 10 rows read = 7 used + 3 excluded
 * //   2  filter:age >= 65
 * //   1  missing:age
 */
export function formatReconciliation(r: Reconciliation): string {
  const reasons = Object.entries(r.excluded).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const excluded = reasons.reduce((s, [, n]) => s + n, 0);
  const width = Math.max(1, ...reasons.map(([, n]) => String(n).length));
  return [
    `${r.source}: ${r.rowsRead} rows read = ${r.rowsUsed} used + ${excluded} excluded`,
    ...reasons.map(([reason, n]) => `  ${String(n).padStart(width)}  ${reason}`),
  ].join('\n');
}
