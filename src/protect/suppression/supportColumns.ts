import type { CellSpace } from '../../audit/CellSpace.js';
import type { CellTable } from '../../aggregate/CellTable.js';
import { PrikkError } from '../../errors/PrikkError.js';
import type { SparseColumns } from './SparseColumns.js';

/**
 * The columns of a single table's cells over its finest cells that are not known to be zero (the table's support):
 * row r is the r-th finest cell (a leaf in every dimension), in cell order, with `known[cell]` 0; a cell's column has
 * +1 on every such finest cell below it. The model matrix of Langsrud's Gaussian elimination (SSB's GaussSuppression
 * works over the finest cells too) with the rows of the known zeros dropped: a finest cell known to be 0 is a unit
 * vector in the span of what the attacker knows, and dropping its row is eliminating it, without fill-in.
 *
 * The alternative basis of `gaussSecondary` to {@link differenceColumns} (which gives every cell at most 2^D entries,
 * however large, but there each known finest cell is a vector of 2^D entries whose elimination fills in): on a table
 * where most finest cells are zero, this one has far fewer rows and entries. Rows sorted within each column.
 *
 * Cost: O(cells × D) to find the finest cells, then O(support × Π_d (depth_d + 1)) for the entries (every finest
 * cell lies under one cell per combination of its ancestors).
 *
 * @param known 1 for each cell known to be zero (one entry per cell of the space); only finest cells are read.
 * @param maxEntries optional: when the columns would have more entries than this, undefined instead (counted in
 * O(support × D) before any is made: the elimination's choice of basis).
 * @throws PrikkError `INVALID_ARGUMENT` when the space holds more than one table (linked tables' finest grid is
 * the product of all their dimensions, which no table has), or `known` is not one entry per cell.
 * @internal
 * @example
 * // region A-D (+ total) × gender m/f (+ total), A/f known to be zero: 7 finest rows; the grand total has 7 entries
 * supportColumns(space, known).maxKey // 6
 * supportColumns(space, known).keys.length // 28 (7 finest cells × 2 × 2)
 * supportColumns(space, known, 27) // undefined
 */
export function supportColumns(space: CellSpace, known: Uint8Array): SparseColumns;
export function supportColumns(space: CellSpace, known: Uint8Array, maxEntries: number): SparseColumns | undefined;
export function supportColumns(space: CellSpace, known: Uint8Array, maxEntries = Infinity): SparseColumns | undefined {
  const { table, support, chains } = prepare(space, known);
  if (maxEntries < Infinity && entryCount(table, support, chains) > maxEntries) return undefined;
  const n = space.cellCount;
  const starts = new Int32Array(n + 1);
  const cellOf = space.cellOf[0]!;
  forEachAbove(table, support, chains, (_, c) => starts[cellOf[c]! + 1]!++);
  for (let c = 0; c < n; c++) starts[c + 1]! += starts[c]!;
  const pos = starts.slice(0, n);
  const keys = new Int32Array(starts[n]!);
  // Finest cells in order, so each column's rows come out sorted.
  forEachAbove(table, support, chains, (r, c) => (keys[pos[cellOf[c]!]!++] = r));
  return { starts, keys, signs: new Int8Array(keys.length).fill(1), maxKey: Math.max(0, support.length - 1) };
}

/** The number of entries of the support's columns: per finest cell, one per combination of its ancestors. */
function entryCount(table: CellTable, support: readonly number[], chains: readonly Int32Array[][]): number {
  let total = 0;
  for (const f of support) {
    let k = 1;
    for (let d = 0; d < chains.length; d++) k *= chains[d]![table.nodeAt(f, d)]!.length;
    total += k;
  }
  return total;
}

interface Support {
  readonly table: CellTable;
  /** The finest cells not known to be zero, in cell order (table cell indices). */
  readonly support: number[];
  /** Per dimension, per node: the offsets (node × stride) of the node and each of its ancestors. */
  readonly chains: Int32Array[][];
}

function prepare(space: CellSpace, known: Uint8Array): Support {
  if (space.tables.length !== 1) {
    throw new PrikkError('INVALID_ARGUMENT', `supportColumns: expected the space of a single table, got ${space.tables.length} linked tables`);
  }
  if (!(known instanceof Uint8Array) || known.length !== space.cellCount) {
    throw new PrikkError('INVALID_ARGUMENT', `supportColumns: expected known to be a Uint8Array of ${space.cellCount} entries (one per cell)`);
  }
  const table = space.tables[0]!;
  const D = table.dimensions.length;
  const leaf = table.dimensions.map((dim) => {
    const h = dim.hierarchy;
    const isLeaf = new Uint8Array(h.size).fill(1);
    for (let x = 0; x < h.size; x++) if (h.parents[x]! >= 0) isLeaf[h.parents[x]!] = 0;
    return isLeaf;
  });
  const chains = table.dimensions.map((dim, d) => {
    const h = dim.hierarchy;
    const stride = table.strides[d]!;
    const out: Int32Array[] = [];
    for (let x = 0; x < h.size; x++) {
      const up: number[] = [];
      for (let a = x; a >= 0; a = h.parents[a]!) up.push(a * stride);
      out.push(Int32Array.from(up));
    }
    return out;
  });
  const cellOf = space.cellOf[0]!;
  const support: number[] = [];
  for (let c = 0; c < table.cellCount; c++) {
    let finest = !known[cellOf[c]!];
    for (let d = 0; d < D && finest; d++) if (!leaf[d]![table.nodeAt(c, d)]) finest = false;
    if (finest) support.push(c);
  }
  return { table, support, chains };
}

/** Calls `each(r, cell)` for every support cell r (in order) and every table cell above it (itself included). */
function forEachAbove(table: CellTable, support: readonly number[], chains: readonly Int32Array[][], each: (r: number, cell: number) => void): void {
  const D = chains.length;
  const of: Int32Array[] = new Array<Int32Array>(D);
  const at = new Int32Array(D + 1);
  const pick = new Int32Array(D);
  support.forEach((f, r) => {
    for (let d = 0; d < D; d++) of[d] = chains[d]![table.nodeAt(f, d)]!;
    // Odometer over one ancestor (or the node itself) per dimension; `at[d]` is the offset of dimensions < d.
    let d = 0;
    pick[0] = -1;
    while (d >= 0) {
      if (++pick[d]! >= of[d]!.length) {
        d--;
        continue;
      }
      at[d + 1] = at[d]! + of[d]![pick[d]!]!;
      if (d + 1 < D) {
        d++;
        pick[d] = -1;
        continue;
      }
      each(r, at[D]!);
    }
  });
}
