/**
 * Every cell's column of a model matrix (rows: a basis of the table's finest level, see `differenceColumns` and
 * `supportColumns`) in one CSR layout: the input of `gaussSecondary`. @internal
 */
export interface SparseColumns {
  /** Cell c's entries are `starts[c]` up to `starts[c + 1]`. */
  readonly starts: Int32Array;
  /** Row ids. */
  readonly keys: Int32Array;
  /** +1 or -1 per entry. */
  readonly signs: Int8Array;
  /** The largest row id (row ids are below `maxKey + 1`). */
  readonly maxKey: number;
}
