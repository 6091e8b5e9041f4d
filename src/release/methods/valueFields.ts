import { PrikkError } from '../../errors/PrikkError.js';
import type { ValueField } from '../ReleasedTable.js';

/** A value key of a table request, parsed: `persons`, `rows`, `sum:<measure>` or `mean:<measure>`. */
export type ValueKey =
  | { readonly kind: 'persons' }
  | { readonly kind: 'rows' }
  | { readonly kind: 'sum'; readonly measure: string }
  | { readonly kind: 'mean'; readonly measure: string };

/**
 * Parses one of a table request's value keys (`TableRequest.values`).
 *
 * Cost: O(key length).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming `where` for a key that is not `persons`, `rows`, `sum:<measure>` or
 * `mean:<measure>` (with a non-empty measure).
 * @example
 * parseValueKey('mean:cost', 'protectSuppression') // { kind: 'mean', measure: 'cost' }
 * parseValueKey('persons', 'protectSuppression')   // { kind: 'persons' }
 */
export function parseValueKey(key: string, where: string): ValueKey {
  if (key === 'persons' || key === 'rows') return { kind: key };
  const m = typeof key === 'string' ? /^(sum|mean):(.+)$/.exec(key) : null;
  if (!m) {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: value '${String(key)}' is not one of persons, rows, sum:<measure>, mean:<measure>`);
  }
  return { kind: m[1] as 'sum' | 'mean', measure: m[2]! };
}

/**
 * The measures a request's values read (the `sum:` and `mean:` keys), distinct, in order of first appearance.
 *
 * Cost: O(values).
 *
 * @throws {PrikkError} as {@link parseValueKey}.
 * @example
 * valueMeasures(['persons', 'sum:cost', 'mean:cost', 'mean:los'], 'protectCellKey') // ['cost', 'los']
 */
export function valueMeasures(values: readonly string[], where: string): string[] {
  const out: string[] = [];
  for (const key of values) {
    const v = parseValueKey(key, where);
    if ((v.kind === 'sum' || v.kind === 'mean') && !out.includes(v.measure)) out.push(v.measure);
  }
  return out;
}

/**
 * Throws unless every value is a count (`persons` or `rows`): methods that protect counts only (rounding,
 * k-anonymity) must not publish sums or means unprotected.
 *
 * Cost: O(values).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming `where` and the first value that is not a count.
 * @example
 * requireCountsOnly(['persons', 'rows'], 'protectRounding') // returns
 * requireCountsOnly(['sum:cost'], 'protectRounding')        // throws: protectRounding publishes counts only ...
 */
export function requireCountsOnly(values: readonly string[], where: string): void {
  for (const key of values) {
    const v = parseValueKey(key, where);
    if (v.kind !== 'persons' && v.kind !== 'rows') {
      throw new PrikkError('INVALID_ARGUMENT', `${where}: value '${key}' is not a count; this method protects counts only (persons, rows), so it cannot publish sums or means`);
    }
  }
}

/**
 * The value columns of a released table, in the request's order: `Persons`, `Rows`, `Sum of <m>`, `Mean of <m>`.
 * Counts get 0 decimals; sums 0 when every published sum of the measure is a whole number (`wholeSums`), else
 * `decimals`; means `decimals`.
 *
 * Cost: O(values).
 *
 * @param values Required. The request's value keys.
 * @param decimals Required. Decimals of means and of sums that are not whole numbers (the output policy's `decimals`).
 * @param wholeSums Defaults to none. Measures whose published sums are all whole numbers.
 * @throws {PrikkError} `INVALID_ARGUMENT` for a malformed key or decimals that are not an integer in 0..15.
 * @example
 * valueFields(['persons', 'sum:cost', 'mean:cost'], 1, new Set(['cost']))
 * // [ { key: 'persons', label: 'Persons', decimals: 0 }, { key: 'sum:cost', label: 'Sum of cost', decimals: 0 },
 * //   { key: 'mean:cost', label: 'Mean of cost', decimals: 1 } ]
 */
export function valueFields(values: readonly string[], decimals: number, wholeSums: ReadonlySet<string> = new Set()): ValueField[] {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15) {
    throw new PrikkError('INVALID_ARGUMENT', `valueFields: decimals must be an integer from 0 to 15, got ${String(decimals)}`);
  }
  return values.map((key) => {
    const v = parseValueKey(key, 'valueFields');
    switch (v.kind) {
      case 'persons':
        return { key, label: 'Persons', decimals: 0 };
      case 'rows':
        return { key, label: 'Rows', decimals: 0 };
      case 'sum':
        return { key, label: `Sum of ${v.measure}`, decimals: wholeSums.has(v.measure) ? 0 : decimals };
      case 'mean':
        return { key, label: `Mean of ${v.measure}`, decimals };
    }
  });
}
