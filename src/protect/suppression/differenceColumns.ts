import type { CellSpace } from '../../audit/CellSpace.js';

/** Every cell's column of {@link CellSpace.column} in one CSR layout, rows as dense ids. @internal */
export interface DifferenceColumns {
  /** Cell c's entries are `starts[c]` up to `starts[c + 1]`. */
  readonly starts: Int32Array;
  /** Row ids, in each cell's order of {@link CellSpace.column}. */
  readonly keys: Int32Array;
  /** +1 or -1 per entry. */
  readonly signs: Int8Array;
  /** The largest row id (row ids are below `maxKey + 1`). */
  readonly maxKey: number;
}

/**
 * The columns of every cell of a space after the difference transform ({@link CellSpace.column}; the basis of
 * `gaussSecondary`), in one CSR layout, with grid keys made dense row ids. A single table's grid (the product
 * over dimensions of leaves + 1) is smaller than its number of entries, so keys are used as they are; linked
 * tables span the product of all their dimensions, which can be far larger than the entries (or exceed 2^31), so
 * there the keys that occur are renumbered in sorted order. Every reduced vector is a combination of columns, so
 * its rows are among theirs; the order is kept, so the tie-break "smallest row" is the same either way.
 *
 * Cost: O(cells × 2^D) for the columns; renumbering adds a sort of the entries.
 *
 * @param renumber defaults to renumbering only when the grid is larger than twice the entries (or 2^31); true
 * forces renumbering, false keeps the keys where they fit in 31 bits (for tests).
 * @internal
 * @example
 * differenceColumns(CellSpace.fromTables([sdcTable])).keys.length // 15 cells × 4 entries = 60
 */
export function differenceColumns(space: CellSpace, renumber?: boolean): DifferenceColumns {
  const starts = new Int32Array(space.cellCount + 1);
  let raw = new Float64Array(1024);
  let signs = new Int8Array(1024);
  let nnz = 0;
  let maxKey = 0;
  for (let c = 0; c < space.cellCount; c++) {
    const col = space.column(c);
    if (nnz + col.keys.length > raw.length) {
      const r2 = new Float64Array(2 * (nnz + col.keys.length));
      r2.set(raw);
      raw = r2;
      const s2 = new Int8Array(r2.length);
      s2.set(signs);
      signs = s2;
    }
    for (let i = 0; i < col.keys.length; i++) {
      const k = col.keys[i]!;
      if (k > maxKey) maxKey = k;
      raw[nnz] = k;
      signs[nnz++] = col.signs[i]!;
    }
    starts[c + 1] = nnz;
  }
  const keys = new Int32Array(nnz);
  if (maxKey <= 0x7fffffff && (renumber === false || (renumber === undefined && maxKey < 2 * nnz))) {
    for (let i = 0; i < nnz; i++) keys[i] = raw[i]!;
    return { starts, keys, signs: signs.subarray(0, nnz), maxKey };
  }
  const uniq = raw.slice(0, nnz).sort();
  let u = 0;
  for (let i = 0; i < nnz; i++) if (i === 0 || uniq[i] !== uniq[i - 1]) uniq[u++] = uniq[i]!;
  for (let i = 0; i < nnz; i++) {
    const k = raw[i]!;
    let lo = 0;
    let hi = u - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (uniq[mid]! < k) lo = mid + 1;
      else hi = mid;
    }
    keys[i] = lo;
  }
  return { starts, keys, signs: signs.subarray(0, nnz), maxKey: u - 1 };
}
