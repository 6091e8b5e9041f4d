import { escapeHtml } from '../escapeHtml.js';
import { type ChartItem, checkChartId, PALETTE, svgNumber } from './ChartItem.js';

/** Options for {@link stackedBarChart}. */
export interface StackedBarChartOptions {
  /** Required. A document-unique id (letters, digits, `-`), used for the `<title>` and `<desc>` references. */
  readonly id: string;
  /** Required. The chart's title (its accessible name). */
  readonly title: string;
  /** Required. What the chart shows; the segments' labels and values are appended as text. */
  readonly description: string;
  /** Required. The segments, left to right; each also gets a line of the legend under the bar. */
  readonly segments: readonly ChartItem[];
}

const WIDTH = 640;
const BAR_HEIGHT = 28;
const PAD = 8;
const LEGEND_ROW = 20;

/**
 * Draws one horizontal bar split into segments (a part-to-whole chart: rows used and excluded by reason; budget
 * spent before, now and remaining) as inline SVG, with a legend of swatch, label and value under it. The whole bar
 * is the sum of the segments. `<title>` and `<desc>` carry the title and every segment with its value as text.
 *
 * Cost: O(segments).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for an id that is not a letter followed by letters, digits or `-`.
 * @example
 * stackedBarChart({ id: 'rows', title: 'Input rows', description: 'Rows read, by fate.',
 *   segments: [{ label: 'used', value: 7, text: '7' }, { label: 'missing:age', value: 3, text: '3' }] })
 * // '<svg class="chart" role="img" aria-labelledby="rows-title rows-desc" ...>...</svg>'
 */
export function stackedBarChart(options: StackedBarChartOptions): string {
  checkChartId(options.id, 'stackedBarChart');
  const { id, segments } = options;
  const values = segments.map((s) => (Number.isFinite(s.value) && s.value > 0 ? s.value : 0));
  const total = values.reduce((a, b) => a + b, 0);
  const span = WIDTH - 2 * PAD;
  const height = PAD + BAR_HEIGHT + PAD + LEGEND_ROW * segments.length + PAD;
  const description = `${options.description} ${segments.map((s) => `${s.label}: ${s.text}.`).join(' ')}`.trim();
  let x = PAD;
  const parts: string[] = [];
  const legend: string[] = [];
  segments.forEach((segment, i) => {
    const colour = segment.colour ?? PALETTE[i % PALETTE.length]!;
    const width = total > 0 ? (values[i]! / total) * span : 0;
    parts.push(
      `<rect class="segment" x="${svgNumber(x)}" y="${PAD}" width="${svgNumber(width)}" height="${BAR_HEIGHT}" ` +
        `fill="${escapeHtml(colour)}" stroke="#fff" stroke-width="1"><title>${escapeHtml(`${segment.label}: ${segment.text}`)}</title></rect>`,
    );
    x += width;
    const y = PAD + BAR_HEIGHT + PAD + i * LEGEND_ROW;
    legend.push(
      `<rect x="${PAD}" y="${y + 3}" width="12" height="12" fill="${escapeHtml(colour)}" stroke="#444" stroke-width="0.5"/>` +
        `<text class="legend" x="${PAD + 18}" y="${y + 13}">${escapeHtml(`${segment.label}: ${segment.text}`)}</text>`,
    );
  });
  return (
    `<svg class="chart" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg" ` +
    `width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">` +
    `<title id="${id}-title">${escapeHtml(options.title)}</title><desc id="${id}-desc">${escapeHtml(description)}</desc>` +
    `<rect class="track" x="${PAD}" y="${PAD}" width="${span}" height="${BAR_HEIGHT}" fill="#f2f2f2" stroke="#888" stroke-width="0.5"/>` +
    parts.join('') +
    legend.join('') +
    '</svg>'
  );
}
