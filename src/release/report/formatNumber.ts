/** The narrow no-break space (U+202F) that groups digits in threes, as ISO 80000-1 and the SI brochure advise. */
export const DIGIT_GROUP = '\u202f';

/**
 * Formats a number for the report: `decimals` places, the given decimal mark, and digits grouped in threes by a
 * narrow no-break space when the whole part has five digits or more (ISO 80000-1 §7.3.1: four-digit numbers stay
 * ungrouped). `-0` prints as `0`; a value that is not finite prints as `–`.
 *
 * Cost: O(digits).
 *
 * @example
 * formatNumber(81234.5, 1, ',') // '81 234,5' (with U+202F between 81 and 234)
 * formatNumber(1234, 0, '.')    // '1234'
 * formatNumber(-0.04, 1, '.')   // '0.0'
 */
export function formatNumber(value: number, decimals: number, decimalMark: '.' | ','): string {
  if (!Number.isFinite(value)) return '–';
  const places = Math.min(20, Math.max(0, Math.trunc(decimals)));
  let text = Math.abs(value).toFixed(places);
  const negative = value < 0 && /[1-9]/.test(text);
  const [whole = '', fraction] = text.split('.');
  const grouped = whole.length >= 5 ? whole.replace(/\B(?=(\d{3})+$)/g, DIGIT_GROUP) : whole;
  text = fraction === undefined ? grouped : `${grouped}${decimalMark}${fraction}`;
  return negative ? `-${text}` : text;
}

/**
 * Formats a share (0..1) as a percentage with one decimal, e.g. `0.6667` as `66.7 %` (a space before `%`, as
 * ISO 80000-1 writes it).
 *
 * @example formatShare(2 / 3, '.') // '66.7 %'
 */
export function formatShare(share: number, decimalMark: '.' | ','): string {
  return `${formatNumber(share * 100, 1, decimalMark)} %`;
}

/**
 * Formats a parameter for plain words: integers as they are, other numbers with up to six significant digits.
 *
 * @example formatPlain(0.1 + 0.2) // '0.3'
 */
export function formatPlain(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/**
 * Formats a statistic (a standard deviation, an error, a budget) with three significant digits (at most four
 * decimals, none for whole numbers) and no trailing zeros.
 *
 * @example
 * formatStatistic(0.5, '.')        // '0.5'
 * formatStatistic(2.2360679, ',')  // '2,24'
 * formatStatistic(12, '.')         // '12'
 */
export function formatStatistic(value: number, decimalMark: '.' | ','): string {
  if (!Number.isFinite(value)) return '–';
  if (Number.isInteger(value)) return formatNumber(value, 0, decimalMark);
  const magnitude = value === 0 ? 0 : Math.floor(Math.log10(Math.abs(value)));
  const places = Math.min(4, Math.max(0, 2 - magnitude));
  const text = formatNumber(value, places, decimalMark);
  return places === 0 ? text : text.replace(new RegExp(`\\${decimalMark}?0+$`), '');
}
