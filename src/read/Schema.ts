/**
 * What a column is for.
 * - `person`: the pseudonymous person id, the unit of privacy (at most one column).
 * - `dimension`: a classifying variable that tables may be grouped by (hospital, year, ICD-10 code).
 * - `measure`: a numeric variable that is summed (cost, length of stay).
 * - `attribute`: kept for filtering only (a date of surgery used to select a cohort).
 * - `ignore`: not read into memory at all.
 */
export type ColumnRole = 'person' | 'dimension' | 'measure' | 'attribute' | 'ignore';

/**
 * How a column's text is interpreted.
 * - `code`: categorical text, dictionary-encoded (municipality `0301`, ICD-10 `S72.0`); never parsed as a number,
 *   so leading zeros survive.
 * - `integer`: whole numbers (age, length of stay in days).
 * - `decimal`: real numbers (cost); `.` as decimal mark, or `,` when the reader is told `decimalComma`.
 * - `year`: a four-digit year, stored as an integer.
 * - `date`: an ISO date `YYYY-MM-DD`, stored as days since 1970-01-01 (an integer).
 */
export type ColumnType = 'code' | 'integer' | 'decimal' | 'year' | 'date';

/**
 * What to do with a missing value (an empty field, or one of `missingTokens`).
 * - `error` (default): stop with an error naming file, line and column. Nothing is released from a partial read.
 * - `exclude`: drop the row; the reconciliation counts it under `missing:<column>`.
 * - `category`: keep the row with the value `missingLabel` (code columns only), so the missing show in tables.
 */
export type MissingPolicy = 'error' | 'exclude' | 'category';

/** One column of an extract's schema. */
export interface ColumnSpec {
  /** Required. The column's name, as in the CSV header or the object keys. */
  readonly name: string;
  /** Required. What the column is for. */
  readonly role: ColumnRole;
  /** Defaults to `code` for person and dimension columns, `decimal` for measures. */
  readonly type?: ColumnType;
  /**
   * Optional public code list for a `code` column. When given, a value outside the list is an error
   * (or an exclusion with `unknownCodes: 'exclude'`), and the list fixes the dictionary order, so that every
   * code appears in tables (with zero counts) whether or not the data has it.
   */
  readonly codes?: readonly string[];
  /** What to do with a value outside `codes`. Defaults to `error`. */
  readonly unknownCodes?: 'error' | 'exclude';
  /** Defaults to `error`. */
  readonly missing?: MissingPolicy;
  /** Text that means "missing" besides the empty field. Defaults to `[]` (only the empty field is missing). */
  readonly missingTokens?: readonly string[];
  /** The label used for missing values with `missing: 'category'`. Defaults to `(missing)`. */
  readonly missingLabel?: string;
  /** For numeric columns: the smallest allowed value (inclusive). A measure defaults to `0`: negative costs are errors. */
  readonly min?: number;
  /** For numeric columns: the largest allowed value (inclusive). */
  readonly max?: number;
  /**
   * For numeric columns: what to do with a value outside `[min, max]`. `error` stops the read; `exclude` drops the
   * row, counted under `out-of-range:<column>`. Defaults to `error`.
   */
  readonly outOfRange?: 'error' | 'exclude';
}

/** The schema of an extract: its columns, in any order (CSV columns are matched by header name). */
export interface Schema {
  readonly columns: readonly ColumnSpec[];
}
