import { checkFilterShape } from './checkFilterShape.js';
import type { Filter } from './Filter.js';

function list(values: readonly (string | number)[]): string {
  return `(${values.map(String).join(', ')})`;
}

function describe(f: Filter, parent: 'and' | 'or' | 'not' | 'top'): string {
  if ('and' in f || 'or' in f) {
    const op = 'and' in f ? 'and' : 'or';
    const parts = ('and' in f ? f.and : f.or).map((g) => describe(g, op));
    const text = parts.join(` ${op} `);
    // A single-element and/or is its element; a mixed nesting gets parentheses so that `and` and `or` never
    // have to be read by precedence.
    return parts.length > 1 && parent !== 'top' && parent !== op ? `(${text})` : text;
  }
  if ('not' in f) return `not (${describe(f.not, 'top')})`;
  if ('range' in f) {
    const { min, max } = f.range;
    if (min !== undefined && max !== undefined) return `${min} <= ${f.column} <= ${max}`;
    return min !== undefined ? `${f.column} >= ${min}` : `${f.column} <= ${max}`;
  }
  if ('in' in f) return f.in.length === 1 ? `${f.column} = ${f.in[0]}` : `${f.column} in ${list(f.in)}`;
  const prefixes = typeof f.prefix === 'string' ? [f.prefix] : f.prefix;
  return prefixes.length === 1 ? `${f.column} prefix ${prefixes[0]}` : `${f.column} prefix ${list(prefixes)}`;
}

/**
 * A readable, deterministic one-line description of a filter, as recorded in a cell table's reconciliation under
 * the reason `filter:<description>`. Values are printed as given (a date stays `2023-01-01`); nested `and`/`or`
 * get parentheses, so the text never depends on operator precedence.
 *
 * Cost: O(size of the filter).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when `filter` is not a well-formed {@link Filter} (see the field docs).
 * @example
 * describeFilter({ and: [{ column: 'age', range: { min: 65 } }, { column: 'icd10', prefix: 'S72' }] })
 * // 'age >= 65 and icd10 prefix S72'
 * describeFilter({ or: [{ column: 'sex', in: ['2'] }, { and: [{ column: 'year', in: [2023, 2024] }, { not: { column: 'icd10', prefix: ['S72', 'S73'] } }] }] })
 * // 'sex = 2 or (year in (2023, 2024) and not (icd10 prefix (S72, S73)))'
 */
export function describeFilter(filter: Filter): string {
  checkFilterShape(filter, 'describeFilter: filter');
  return describe(filter, 'top');
}
