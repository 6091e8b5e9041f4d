/**
 * Counts each person once, in the cell of one chosen row: after the cohort filter, only one row per person is kept
 * (the first or the last by `orderBy`), and every count, sum, mean and top contribution of the table comes from the
 * kept rows. "Persons by hospital and year of their first operation" is
 * `{ keep: 'first', orderBy: 'year' }`.
 *
 * This is how registries make a table of distinct persons additive: a patient operated twice (two years, two
 * hospitals) would otherwise be one person in each of two cells but one person in their margin, so margins would not
 * be sums of their cells, and secondary suppression and its audit (which reason over additive relations) could not
 * protect the table. With one row per person every persons count is additive.
 *
 * Order: the kept row is the first (`first`) or the last (`last`) of the person's rows in the cohort, sorted by
 * `orderBy` and then by position in the file (ties keep file order: `first` keeps the earliest row of the smallest
 * value, `last` the latest row of the largest value). Without `orderBy`, file order alone. A missing value (NaN,
 * possible only in hand-built extracts) is never chosen over a present one.
 *
 * The rows left out are recorded in the table's reconciliation under one reason, `person-row:<describePersonRow>`
 * (`person-row:first by year`). The chosen row is kept whatever its values: when it is then dropped (a dimension value
 * that is not a leaf, with `unknownValues: 'exclude'`), the person is not counted; their other rows never stand in.
 *
 * @example
 * { keep: 'first', orderBy: 'year' }          // persons by hospital and year of their first operation
 * { keep: 'last', orderBy: 'surgery_date' }   // persons in the cell of their latest operation
 * { keep: 'first' }                           // the person's first row in the file
 */
export interface PersonRow {
  /** Required. `first` keeps the row with the smallest `orderBy` (earliest in the file on ties), `last` the largest (latest on ties). */
  readonly keep: 'first' | 'last';
  /** Defaults to file order. A number column of the extract (`integer`, `decimal`, `year` or `date`) that orders a person's rows. */
  readonly orderBy?: string;
}
