import { escapeHtml } from '../escapeHtml.js';
import { formatShare } from '../formatNumber.js';
import type { DpNoiseLevel } from '../rules/dpNoiseLevels.js';

/** A dimension of a DP table, for the noise table's columns. */
export interface NoiseTableDimension {
  /** Required. The column's name (the column heading). */
  readonly column: string;
  /** Names of the depths, the total first (`levelLabels`). Defaults to `depth d`. */
  readonly labels?: readonly string[];
}

/**
 * Renders a differentially private table's noise as a small table, one row per measured level: the level, the depth
 * of its cells in each dimension by name (`Total`, `health region`, `municipality`), what was measured when the table
 * measured more than one thing, the noise distribution, the level's privacy loss and its share of the table's loss.
 * Under sequential composition the shares add up to 100 %.
 *
 * Cost: O(levels × dimensions).
 *
 * @example
 * renderNoiseTable([{ level: 0, component: 'persons', depths: [0], distribution: 'discrete Laplace(scale 32)',
 *   loss: 'ε = 1/16 (0.0625)', share: 0.125, shareOf: 'ε' }], [{ column: 'year', labels: ['Total', 'value'] }], '.')
 * // '<div class="scroll"><table class="noise"><caption>Noise per level</caption><thead><tr><th scope="col" class="num">Level</th>
 * //  <th scope="col">year</th><th scope="col">Noise</th><th scope="col">Privacy loss</th><th scope="col" class="num">Share of ε</th>
 * //  </tr></thead><tbody><tr><td class="num">0</td><td>Total</td><td>discrete Laplace(scale 32)</td><td>ε = 1/16 (0.0625)</td>
 * //  <td class="num">12.5 %</td></tr></tbody></table></div>'
 */
export function renderNoiseTable(levels: readonly DpNoiseLevel[], dimensions: readonly NoiseTableDimension[], decimalMark: '.' | ','): string {
  const components = new Set(levels.map((l) => l.component));
  const showComponent = components.size > 1;
  const shareOf = [...new Set(levels.map((l) => l.shareOf).filter((s) => s !== undefined))];
  const showShare = shareOf.length === 1;
  const width = Math.max(dimensions.length, ...levels.map((l) => l.depths.length));
  const columns = Array.from({ length: width }, (_, i) => dimensions[i]?.column ?? `dimension ${i + 1}`);
  const head =
    '<tr><th scope="col" class="num">Level</th>' +
    columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('') +
    (showComponent ? '<th scope="col">Measured</th>' : '') +
    '<th scope="col">Noise</th><th scope="col">Privacy loss</th>' +
    (showShare ? `<th scope="col" class="num">Share of ${escapeHtml(shareOf[0]!)}</th>` : '') +
    '</tr>';
  const depthLabel = (i: number, depth: number | undefined): string => {
    if (depth === undefined) return '';
    if (depth < 0) return 'finest';
    return dimensions[i]?.labels?.[depth] ?? `depth ${depth}`;
  };
  const rows = levels.map(
    (l) =>
      `<tr><td class="num">${l.level}</td>` +
      Array.from({ length: width }, (_, i) => `<td>${escapeHtml(depthLabel(i, l.depths[i]))}</td>`).join('') +
      (showComponent ? `<td>${escapeHtml(l.component)}</td>` : '') +
      `<td>${escapeHtml(l.distribution)}</td><td>${escapeHtml(l.loss)}</td>` +
      (showShare ? `<td class="num">${l.share === undefined ? '–' : escapeHtml(formatShare(l.share, decimalMark))}</td>` : '') +
      '</tr>',
  );
  return `<div class="scroll"><table class="noise"><caption>Noise per level</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>`;
}
