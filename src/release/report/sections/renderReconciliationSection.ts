import type { Reconciliation } from '../../../read/Extract.js';
import type { WithheldReconciliation } from '../../manifest/ReleaseManifest.js';
import { PALETTE } from '../charts/ChartItem.js';
import { stackedBarChart } from '../charts/stackedBarChart.js';
import { escapeHtml } from '../escapeHtml.js';
import { formatNumber, formatShare } from '../formatNumber.js';
import { renderSection } from './renderSection.js';

/** The id and heading of the reconciliation section. */
export const RECONCILIATION_SECTION = { id: 'reconciliation', heading: 'Reconciliation of input rows' } as const;

/**
 * Renders section 6, the reconciliation of input rows: rows read = rows used + rows excluded by reason (largest
 * first, as `formatReconciliation` orders them), as a table and as a stacked bar. A reconciliation that does not add
 * up is flagged in red. A reconciliation withheld from the recipient's copy (a release with differentially private
 * tables, by default) is said to be withheld, with the reason.
 *
 * Cost: O(reasons log reasons).
 *
 * @example
 * renderReconciliationSection({ source: 'x.csv', rowsRead: 10, rowsUsed: 7, excluded: { 'missing:age': 3 } }, '.')
 * // '<section id="reconciliation" …><p class="equation">x.csv: 10 rows read = 7 used + 3 excluded</p><table …>…'
 */
export function renderReconciliationSection(r: Reconciliation | WithheldReconciliation, decimalMark: '.' | ','): string {
  if ('withheld' in r) {
    return renderSection(
      RECONCILIATION_SECTION.id,
      RECONCILIATION_SECTION.heading,
      `<p class="withheld">The counts of input rows used and excluded are ${escapeHtml(r.withheld)}.</p>`,
    );
  }
  const n = (x: number): string => formatNumber(x, 0, decimalMark);
  const share = (x: number): string => (r.rowsRead > 0 ? formatShare(x / r.rowsRead, decimalMark) : '–');
  const reasons = Object.entries(r.excluded).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const excluded = reasons.reduce((s, [, x]) => s + x, 0);
  const adds = r.rowsUsed + excluded === r.rowsRead;
  const parts: string[] = [];
  parts.push(
    `<p class="equation">${escapeHtml(r.source)}: ${n(r.rowsRead)} rows read = ${n(r.rowsUsed)} used + ${n(excluded)} excluded</p>`,
  );
  if (!adds) {
    parts.push(
      `<div class="alarm" role="alert"><p><strong>The rows do not add up:</strong> ${n(r.rowsUsed)} used + ${n(excluded)} excluded ` +
        `is ${n(r.rowsUsed + excluded)}, not the ${n(r.rowsRead)} rows read.</p></div>`,
    );
  }
  const rows = [
    `<tr><th scope="row">Rows used</th><td class="num">${n(r.rowsUsed)}</td><td class="num">${share(r.rowsUsed)}</td></tr>`,
    ...reasons.map(
      ([reason, x]) =>
        `<tr><th scope="row" class="lvl-1">Excluded: ${escapeHtml(reason)}</th><td class="num">${n(x)}</td><td class="num">${share(x)}</td></tr>`,
    ),
    `<tr class="margin"><th scope="row">Rows read</th><td class="num">${n(r.rowsRead)}</td><td class="num">${share(r.rowsRead)}</td></tr>`,
  ];
  parts.push(
    '<table class="reconciliation"><caption>Input rows: used, and excluded by reason</caption>' +
      '<thead><tr><th scope="col">Rows</th><th scope="col" class="num">Number</th><th scope="col" class="num">Share of rows read</th></tr></thead>' +
      `<tbody>${rows.join('')}</tbody></table>`,
  );
  parts.push(
    '<figure class="chart">' +
      stackedBarChart({
        id: 'chart-reconciliation',
        title: 'Input rows: used and excluded by reason',
        description: `${n(r.rowsRead)} rows read.`,
        segments: [
          { label: 'Used', value: r.rowsUsed, text: n(r.rowsUsed), colour: PALETTE[2]! },
          ...reasons.map(([reason, x], i) => ({
            label: `Excluded: ${reason}`,
            value: x,
            text: n(x),
            colour: [PALETTE[1]!, PALETTE[3]!, PALETTE[4]!, PALETTE[5]!, PALETTE[0]!][i % 5]!,
          })),
        ],
      }) +
      '<figcaption>Every row read is either used or excluded for a stated reason.</figcaption></figure>',
  );
  return renderSection(RECONCILIATION_SECTION.id, RECONCILIATION_SECTION.heading, parts.join(''));
}
