import { escapeHtml } from '../escapeHtml.js';
import { type ChartItem, checkChartId, PALETTE, shorten, svgNumber } from './ChartItem.js';

/** Options for {@link horizontalBarChart}. */
export interface HorizontalBarChartOptions {
  /** Required. A document-unique id (letters, digits, `-`), used for the `<title>` and `<desc>` references. */
  readonly id: string;
  /** Required. The chart's title (its accessible name). */
  readonly title: string;
  /** Required. What the chart shows; the bars' labels and values are appended as text. */
  readonly description: string;
  /** Required. One bar per item, top to bottom. */
  readonly bars: readonly ChartItem[];
  /** Defaults to the largest value (or 1 when every value is 0). The value of a full-length bar; when given, each bar gets a pale track of full length. */
  readonly max?: number;
}

const WIDTH = 640;
const LABEL_WIDTH = 190;
const BAR_SPACE = 340;
const ROW = 24;
const BAR = 16;
const PAD = 8;

/**
 * Draws a horizontal bar chart as inline SVG: one row per item with its label on the left, a bar whose length is
 * proportional to the value (from a zero baseline, as Cleveland & McGill 1984 recommend for comparing
 * magnitudes), and the value as text at the bar's end. The `<title>` and `<desc>` (WAI-ARIA graphics: `role="img"`
 * named by both) carry the title and every label with its value, so the numbers are there as text too.
 *
 * Cost: O(bars).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for an id that is not a letter followed by letters, digits or `-`.
 * @example
 * horizontalBarChart({ id: 'hidden-share', title: 'Hidden cells', description: 'Share of cells hidden per table.',
 *   bars: [{ label: 'by_hospital', value: 0.25, text: '25.0 %' }], max: 1 })
 * // '<svg class="chart" role="img" aria-labelledby="hidden-share-title hidden-share-desc" ...>...</svg>'
 */
export function horizontalBarChart(options: HorizontalBarChartOptions): string {
  checkChartId(options.id, 'horizontalBarChart');
  const { id, bars } = options;
  const largest = Math.max(0, ...bars.map((b) => (Number.isFinite(b.value) ? b.value : 0)));
  const max = options.max !== undefined && options.max > 0 ? Math.max(options.max, largest) : largest > 0 ? largest : 1;
  const height = PAD * 2 + ROW * bars.length;
  const description = `${options.description} ${bars.map((b) => `${b.label}: ${b.text}.`).join(' ')}`.trim();
  const rows = bars.map((bar, i) => {
    const y = PAD + i * ROW;
    const length = Number.isFinite(bar.value) && bar.value > 0 ? (bar.value / max) * BAR_SPACE : 0;
    const colour = bar.colour ?? PALETTE[0]!;
    // With a fixed scale (a share of 100 %), a pale track shows where the full bar would end.
    const track = options.max !== undefined ? `<rect class="bar-track" x="${LABEL_WIDTH}" y="${svgNumber(y)}" width="${BAR_SPACE}" height="${BAR}" fill="#eef1f5"/>` : '';
    return (
      `<g class="bar"><title>${escapeHtml(`${bar.label}: ${bar.text}`)}</title>` +
      `<text class="bar-label" x="${LABEL_WIDTH - 8}" y="${svgNumber(y + BAR / 2 + 4)}" text-anchor="end">${escapeHtml(shorten(bar.label, 28))}</text>` +
      track +
      `<rect class="bar-rect" x="${LABEL_WIDTH}" y="${svgNumber(y)}" width="${svgNumber(length)}" height="${BAR}" fill="${escapeHtml(colour)}"/>` +
      `<text class="bar-value" x="${svgNumber(LABEL_WIDTH + length + 6)}" y="${svgNumber(y + BAR / 2 + 4)}">${escapeHtml(bar.text)}</text></g>`
    );
  });
  return (
    `<svg class="chart" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg" ` +
    `width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">` +
    `<title id="${id}-title">${escapeHtml(options.title)}</title><desc id="${id}-desc">${escapeHtml(description)}</desc>` +
    `<line class="axis" x1="${LABEL_WIDTH}" y1="${PAD - 2}" x2="${LABEL_WIDTH}" y2="${height - PAD + 2}" stroke="#444" stroke-width="1"/>` +
    rows.join('') +
    '</svg>'
  );
}
