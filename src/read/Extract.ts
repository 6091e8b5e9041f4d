import type { PersonRecordKeys } from './PersonRecordKeys.js';
import type { ColumnSpec } from './Schema.js';

/** Codes of a dictionary-encoded column, in the smallest unsigned typed array that holds them. */
export type CodeArray = Uint8Array | Uint16Array | Uint32Array;

/**
 * A dictionary-encoded categorical column: row `i` has the value `dictionary[codes[i]]`.
 * When the schema gave a code list, `dictionary` starts with that list in its order (`fromCodeList` is true)
 * and every code is present even if no row has it.
 */
export interface CodeColumn {
  readonly kind: 'code';
  readonly spec: ColumnSpec;
  readonly codes: CodeArray;
  readonly dictionary: readonly string[];
  /** True when the dictionary is the schema's public code list (keys that are public, not found in the data). */
  readonly fromCodeList: boolean;
}

/**
 * A numeric column (`integer`, `decimal`, `year`, `date`), one float64 per row. Integers are exact up to 2^53.
 * Dates are days since 1970-01-01.
 */
export interface NumberColumn {
  readonly kind: 'number';
  readonly spec: ColumnSpec;
  readonly values: Float64Array;
  /**
   * The column's {@link NumberColumnStats} over all its values, computed once when the extract is built (the readers
   * always set it), so that `aggregate` does not pass over the column again on every call. A column made by hand may
   * leave it out (then `aggregate` computes it); when given, it must describe `values` exactly.
   */
  readonly stats?: NumberColumnStats;
}

/**
 * Smallest and largest value of a number column and whether every value is an integer (`Number.isInteger`: a NaN
 * (missing) or ±Infinity makes it false). NaN is left out of `min` and `max`; with no values other than NaN they are
 * `Infinity` and `-Infinity`. `aggregate` uses them to map integer columns to leaves through a table over `min..max`.
 */
export interface NumberColumnStats {
  readonly min: number;
  readonly max: number;
  readonly allInteger: boolean;
}

/** A column of an encoded extract. */
export type Column = CodeColumn | NumberColumn;

/**
 * The person column, encoded to dense integers `0 .. personCount - 1` in order of first appearance.
 * The original ids are not kept: nothing downstream needs them, and nothing can leak them.
 */
export interface PersonColumn {
  readonly name: string;
  readonly codes: Uint32Array;
  readonly personCount: number;
  /**
   * The persons' record keys for the cell key method (one per person code), when the extract was read with the
   * `recordKeys` option; else absent. Keys and the secret's fingerprint only, never an id or the secret.
   */
  readonly recordKeys?: PersonRecordKeys;
}

/**
 * Where every input row went. `rowsRead = rowsUsed + sum(excluded)` always holds.
 * Exclusion reasons are stable strings: `missing:<column>`, `unknown-code:<column>`, `out-of-range:<column>`,
 * and later `filter:<description>`.
 */
export interface Reconciliation {
  readonly source: string;
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly excluded: Readonly<Record<string, number>>;
}

/**
 * A row-level extract, validated against its schema and encoded column by column.
 * Immutable once built. `rowCount` is the number of rows kept (`reconciliation.rowsUsed`).
 */
export interface Extract {
  /** Where the rows came from: a file path, or `rows` / `columns` for in-memory input. */
  readonly source: string;
  readonly rowCount: number;
  /** Every column that is not `ignore` and not the person column, by name. */
  readonly columns: ReadonlyMap<string, Column>;
  /** The person column, when the schema has one. */
  readonly person: PersonColumn | undefined;
  readonly reconciliation: Reconciliation;
  /** sha256 of the input bytes (files) or of a canonical serialisation (in-memory input), hex. */
  readonly inputHash: string;
}
