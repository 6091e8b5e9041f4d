import { PrikkError } from '../../../errors/PrikkError.js';

/** One bar of a bar chart, or one segment of a stacked bar. */
export interface ChartItem {
  /** Required. What the bar is (a table's name, a reason); escaped when drawn. */
  readonly label: string;
  /** Required. The length of the bar, in the chart's unit (finite, >= 0). */
  readonly value: number;
  /** Required. The value as the reader sees it, e.g. `66.7 %`; drawn beside the bar and written in the `<desc>`. */
  readonly text: string;
  /** Defaults to the chart's palette. A CSS colour. */
  readonly colour?: string;
}

/**
 * Colours that stay distinct for the common colour-vision deficiencies: Okabe & Ito (2008), "Color Universal
 * Design", without the yellow that vanishes on white paper.
 */
export const PALETTE: readonly string[] = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];

/**
 * Rounds an SVG coordinate to 0.1 px, so that the markup is stable and short.
 * @example svgNumber(12.345) // '12.3'
 */
export function svgNumber(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/**
 * Shortens a label to `max` characters with an ellipsis, for the left column of a chart (the full label stays in
 * the bar's `<title>` and in the text of the chart's `<desc>`).
 * @example shorten('a very long table name', 10) // 'a very lo…'
 */
export function shorten(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Checks a chart's id (it becomes part of element ids): a letter, then letters, digits or `-`.
 * @throws {PrikkError} `INVALID_ARGUMENT` for any other id.
 * @example checkChartId('chart-budget', 'stackedBarChart') // ok
 */
export function checkChartId(id: string, fn: string): void {
  if (typeof id !== 'string' || !/^[A-Za-z][A-Za-z0-9-]*$/.test(id)) {
    throw new PrikkError('INVALID_ARGUMENT', `${fn}: id: expected a letter followed by letters, digits or '-', got '${String(id)}'`);
  }
}
