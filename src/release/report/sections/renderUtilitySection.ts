import type { ReleaseManifest } from '../../manifest/ReleaseManifest.js';
import { budgetAmounts } from '../budgetAmounts.js';
import { horizontalBarChart } from '../charts/horizontalBarChart.js';
import { stackedBarChart } from '../charts/stackedBarChart.js';
import { escapeHtml } from '../escapeHtml.js';
import { formatNumber, formatShare, formatStatistic } from '../formatNumber.js';
import { methodLabel } from '../methodLabel.js';
import { describeLossJson } from '../rules/describeLossJson.js';
import { renderSection } from './renderSection.js';

/** The id and heading of the utility section. */
export const UTILITY_SECTION = { id: 'utility', heading: 'Utility cost' } as const;

/**
 * Renders section 5, the utility cost: per table (`TableManifest.summary`) the cells hidden and their share, the
 * share of the count hidden, the noise standard deviation, the expected absolute error and the records suppressed;
 * a bar chart of the hidden cell share per table and, where tables have noise, one of the noise standard
 * deviation; and the dataset's privacy budget (`manifest.budget`) as text and as a bar of spent before, spent now
 * and remaining.
 *
 * Cost: O(tables + losses).
 *
 * @example
 * renderUtilitySection(manifest, '.')
 * // '<section id="utility" …><h2 id="utility-heading">Utility cost</h2><table class="utility">…<svg class="chart" …>…'
 */
export function renderUtilitySection(manifest: ReleaseManifest, decimalMark: '.' | ','): string {
  const dash = '<span class="muted">–</span>';
  const n = (x: number): string => formatNumber(x, 0, decimalMark);
  const share = (x: number | undefined): string => (x === undefined ? dash : formatShare(x, decimalMark));
  const amount = (x: number | undefined): string => (x === undefined ? dash : formatStatistic(x, decimalMark));
  const parts: string[] = [];
  parts.push(
    '<p class="intro">What protection cost the reader of the tables: cells hidden, the share of the count behind them, ' +
      'and the noise added to published values.</p>',
  );
  if (manifest.tables.length > 0) {
    const rows = manifest.tables.map((t) => {
      const s = t.summary;
      return (
        `<tr><th scope="row">${escapeHtml(t.name)}</th><td>${escapeHtml(methodLabel(t.method))}</td><td class="num">${n(s.cells)}</td>` +
        `<td class="num">${n(s.hiddenCells)}</td><td class="num">${share(s.hiddenCellShare)}</td><td class="num">${share(s.hiddenCountShare)}</td>` +
        `<td class="num">${amount(s.noiseStandardDeviation)}</td><td class="num">${amount(s.expectedAbsoluteError)}</td>` +
        `<td class="num">${s.suppressedRecords === undefined ? dash : n(s.suppressedRecords)}</td></tr>`
      );
    });
    parts.push(
      '<div class="scroll"><table class="utility"><caption>Utility cost per table</caption><thead><tr><th scope="col">Table</th><th scope="col">Method</th>' +
        '<th scope="col" class="num">Cells</th><th scope="col" class="num">Cells hidden</th><th scope="col" class="num">Share of cells hidden</th>' +
        '<th scope="col" class="num">Share of count hidden</th><th scope="col" class="num">Noise standard deviation</th>' +
        '<th scope="col" class="num">Expected absolute error</th><th scope="col" class="num">Records suppressed</th></tr></thead>' +
        `<tbody>${rows.join('')}</tbody></table></div>`,
    );
    parts.push(
      '<figure class="chart">' +
        horizontalBarChart({
          id: 'chart-hidden-share',
          title: 'Share of cells hidden, per table',
          description: 'Share of each table’s cells that are hidden (0 to 100 %).',
          bars: manifest.tables.map((t) => ({
            label: t.name,
            value: t.summary.hiddenCellShare,
            text: formatShare(t.summary.hiddenCellShare, decimalMark),
          })),
          max: 1,
        }) +
        '<figcaption>Share of cells hidden, per table (the whole axis is 100 %).</figcaption></figure>',
    );
    const noisy = manifest.tables.filter((t) => t.summary.noiseStandardDeviation !== undefined);
    if (noisy.length > 0) {
      parts.push(
        '<figure class="chart">' +
          horizontalBarChart({
            id: 'chart-noise-sd',
            title: 'Noise standard deviation, per table',
            description: 'Standard deviation of the noise in the finest cells of each table with noise.',
            bars: noisy.map((t) => {
              const sd = t.summary.noiseStandardDeviation!;
              return { label: t.name, value: sd, text: formatStatistic(sd, decimalMark), colour: '#D55E00' };
            }),
          }) +
          '<figcaption>Standard deviation of the noise of the finest cells, per table with noise.</figcaption></figure>',
      );
    }
  }
  if (manifest.budget !== undefined) parts.push(renderBudget(manifest, decimalMark));
  return renderSection(UTILITY_SECTION.id, UTILITY_SECTION.heading, parts.join(''));
}

function renderBudget(manifest: ReleaseManifest, decimalMark: '.' | ','): string {
  const budget = manifest.budget!;
  const list = (losses: readonly unknown[]): string =>
    losses.length === 0 ? 'nothing' : losses.map((l) => describeLossJson(l) ?? JSON.stringify(l)).join('; ');
  const facts: [string, string][] = [
    ['Lifetime budget of the dataset', describeLossJson(budget.lifetime) ?? JSON.stringify(budget.lifetime)],
    ['Spent by earlier releases', list(budget.spentBefore)],
    ['Spent by this release', list(budget.spentNow)],
    ['Summary', budget.description],
  ];
  let out =
    '<h3 id="budget-heading">Privacy budget</h3>' +
    `<table class="facts"><caption>The privacy budget of dataset ${escapeHtml(manifest.dataset)}</caption><tbody>` +
    facts.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('') +
    '</tbody></table>';
  const amounts = budgetAmounts(budget);
  if (amounts !== undefined) {
    const p = amounts.parameter;
    const text = (x: number): string => `${p} = ${formatStatistic(x, decimalMark)}`;
    out +=
      '<figure class="chart">' +
      stackedBarChart({
        id: 'chart-budget',
        title: `Privacy budget (${p}): spent before, spent now, remaining`,
        description: `Lifetime budget ${text(amounts.lifetime)}.`,
        segments: [
          { label: 'Spent before', value: amounts.spentBefore, text: text(amounts.spentBefore), colour: '#7f7f7f' },
          { label: 'Spent now', value: amounts.spentNow, text: text(amounts.spentNow), colour: '#D55E00' },
          { label: 'Remaining', value: amounts.remaining, text: text(amounts.remaining), colour: '#cfe3f3' },
        ],
      }) +
      `<figcaption>The dataset’s lifetime budget, ${escapeHtml(text(amounts.lifetime))}, in ${p === 'ρ' ? 'ρ (zCDP)' : 'ε'}.</figcaption></figure>`;
  }
  return out;
}
