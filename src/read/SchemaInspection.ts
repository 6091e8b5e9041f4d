import type { Delimiter } from './detectDialect.js';
import type { ColumnRole, ColumnType, Schema } from './Schema.js';
import type { TextEncodingName } from './TextCodec.js';

/** What `inferSchema` found in one column of a CSV file. */
export interface ColumnInspection {
  /** The header name. */
  readonly name: string;
  /** The narrowest type every non-missing value fits: date, year, integer, decimal, else code. */
  readonly type: ColumnType;
  /** The suggested role (a guess: check it). */
  readonly role: ColumnRole;
  /** Non-missing values. */
  readonly values: number;
  /** Missing values: empty fields plus the `missingTokens` found. */
  readonly missing: number;
  /** Common missing-value tokens found in the column (`NA`, `N/A`, `NULL`, `null`, `.`, `-`). */
  readonly missingTokens: readonly string[];
  /** Distinct non-missing values (at most 100 000 are counted, see `distinctCapped`). */
  readonly distinct: number;
  /** True when the column has more distinct values than were counted. */
  readonly distinctCapped: boolean;
  /**
   * True when the column looks like a person id (a code or integer column with many distinct values, or a
   * person-id name such as `pid`): then no values are shown, not even `min` and `max`.
   */
  readonly idLike: boolean;
  /** Smallest value of a numeric column (days since 1970-01-01 for dates); absent for codes and id-like columns. */
  readonly min?: number;
  /** Largest value of a numeric column (days since 1970-01-01 for dates); absent for codes and id-like columns. */
  readonly max?: number;
  /** Up to 5 distinct values in order of first appearance; empty for an id-like column. */
  readonly examples: readonly string[];
  /** Why the type or role was chosen, when it is not obvious (`leading zeros: read as code`). */
  readonly note?: string;
}

/** The report of `inferSchema`: the dialect, one entry per column, and a schema to start from. */
export interface SchemaInspection {
  readonly source: string;
  readonly dialect: {
    readonly delimiter: Delimiter;
    readonly hasBom: boolean;
    readonly encoding: TextEncodingName;
    /** True when decimal columns use `,` as decimal mark (given, or found: no column needs `.`). */
    readonly decimalComma: boolean;
  };
  /** Data rows inspected (all, unless `maxRows` stopped it). */
  readonly rows: number;
  /** True when `maxRows` stopped the inspection before the end of the input. */
  readonly truncated: boolean;
  readonly columns: readonly ColumnInspection[];
  /** A suggested schema: every column with its suggested role and type, missing-value handling where needed. */
  readonly schema: Schema;
}
