import type { Hierarchy } from '../hierarchy/Hierarchy.js';
import type { CountUnit } from './CellTable.js';
import type { Filter } from './Filter.js';
import type { PersonRow } from './PersonRow.js';

/**
 * A dimension of an aggregation: a column of the extract and, optionally, the hierarchy its values roll up along.
 * Without a hierarchy, a code column gets one level under `Total` (its code list in order, or the codes found in the
 * kept rows, sorted) and a number column gets its distinct values (sorted numerically, labelled `String(v)`).
 * A number column given a hierarchy needs an interval hierarchy (one with `bands`).
 */
export interface DimensionSpec {
  /** Required. A code or number column of the extract; it is also the dimension's name in the table. */
  readonly column: string;
  /** Defaults to the flat hierarchy described above. */
  readonly hierarchy?: Hierarchy;
}

/** The options of {@link aggregate}. */
export interface AggregateOptions {
  /** Required. One to eight dimensions: column names, or `{ column, hierarchy }`. Names must be distinct. */
  readonly dimensions: readonly (string | DimensionSpec)[];
  /** Defaults to `[]`. Number columns to sum per cell (cost, length of stay). */
  readonly measures?: readonly string[];
  /**
   * Defaults to `persons` when the extract has a person column, else `rows`. What the table's released count is.
   * Distinct persons are computed whenever the extract has a person column, whatever the unit.
   */
  readonly unit?: CountUnit;
  /** Defaults to none (every row). Selects the cohort before counting; removed rows go to the reconciliation. */
  readonly filter?: Filter;
  /**
   * Defaults to none (every row of the cohort counts). Counts each person once, in the cell of one chosen row: after
   * the filter, keep only the first or last row of each person by `orderBy` (ties and no `orderBy`: file order), so
   * that persons, rows, sums and top contributions all come from one row per person and every persons count is
   * additive. The rows left out go to the reconciliation under `person-row:<describePersonRow>`. Needs a person
   * column. See {@link PersonRow}.
   */
  readonly personRow?: PersonRow;
  /**
   * Defaults to 2 when measures are given, else 0. How many of the largest per-person contributions to keep per
   * cell and measure (the dominance and p % rules read them); at most 16. Without a person column each row is its
   * own contributor.
   */
  readonly topContributors?: number;
  /**
   * Defaults to `error`. What to do with a kept row whose value is not a leaf of its dimension's hierarchy:
   * stop with an error naming the dimension and the value, or `exclude` the row (counted in the reconciliation
   * under `unknown-value:<column>`).
   */
  readonly unknownValues?: 'error' | 'exclude';
}
