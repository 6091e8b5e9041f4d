/**
 * A bound of a range filter or a value of an `in` filter: a number, or text that is read as the column reads it
 * (an ISO date `YYYY-MM-DD` for a `date` column, a plain decimal number for the other number columns, a code for a
 * `code` column).
 */
export type FilterValue = number | string;

/**
 * Keeps the rows whose value in a number column (integer, decimal, year, date) lies in `[min, max]`, both ends
 * inclusive; at least one end is required. Missing values (NaN) never match.
 *
 * @example
 * { column: 'age', range: { min: 65 } }                                  // age >= 65
 * { column: 'surgery_date', range: { min: '2023-01-01', max: '2025-12-31' } }
 */
export interface RangeFilter {
  /** Required. A number column of the extract. */
  readonly column: string;
  /** Required. `min` and/or `max`, inclusive. */
  readonly range: { readonly min?: FilterValue; readonly max?: FilterValue };
}

/**
 * Keeps the rows whose value is one of a set: codes for a code column (`{ column: 'sex', in: ['2'] }`), numbers for a
 * number column (`{ column: 'year', in: ['2023', '2024'] }` compares as numbers). The set must not be empty.
 */
export interface InFilter {
  /** Required. A column of the extract. */
  readonly column: string;
  /** Required. The values to keep; at least one. */
  readonly in: readonly FilterValue[];
}

/**
 * Keeps the rows whose code starts with one of the prefixes (`{ column: 'icd10', prefix: 'S72' }` keeps `S72`,
 * `S72.0`, `S72.10`). Code columns only; prefixes must not be empty.
 */
export interface PrefixFilter {
  /** Required. A code column of the extract. */
  readonly column: string;
  /** Required. One prefix or a non-empty list of prefixes. */
  readonly prefix: string | readonly string[];
}

/** Keeps the rows that every filter of the (non-empty) list keeps. */
export interface AndFilter {
  readonly and: readonly Filter[];
}

/** Keeps the rows that at least one filter of the (non-empty) list keeps. */
export interface OrFilter {
  readonly or: readonly Filter[];
}

/** Keeps the rows that the inner filter removes. */
export interface NotFilter {
  readonly not: Filter;
}

/**
 * A row filter that selects the cohort before counting: ranges, value sets and code prefixes on any column of the
 * extract, combined with `and`, `or` and `not`. Filters are plain data, so a request can carry them as JSON, and
 * {@link describeFilter} turns one into the readable text that the reconciliation records
 * (`filter:age >= 65 and icd10 prefix S72`).
 *
 * @example
 * const feasibility: Filter = {
 *   and: [
 *     { column: 'age', range: { min: 65 } },
 *     { column: 'icd10', prefix: 'S72' },
 *     { column: 'year', range: { min: 2023, max: 2025 } },
 *   ],
 * };
 * describeFilter(feasibility) // 'age >= 65 and icd10 prefix S72 and 2023 <= year <= 2025'
 */
export type Filter = RangeFilter | InFilter | PrefixFilter | AndFilter | OrFilter | NotFilter;
