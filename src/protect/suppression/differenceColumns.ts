import type { CellSpace } from '../../audit/CellSpace.js';
import { PrikkError } from '../../errors/PrikkError.js';
import type { SparseColumns } from './SparseColumns.js';

/** Every cell's column of {@link CellSpace.column} in one CSR layout, rows as dense ids (keys in each cell's order of `CellSpace.column`). @internal */
export type DifferenceColumns = SparseColumns;

/** Options of {@link differenceColumns}. @internal */
export interface DifferenceColumnsOptions {
  /**
   * Renumber the keys that occur to dense row ids. Defaults to renumbering only when the grid is larger than twice
   * the entries (or 2^31); true forces renumbering, false keeps the keys where they fit in 31 bits (for tests).
   */
  readonly renumber?: boolean;
  /**
   * Drop every entry on the last grid point of some dimension (see {@link differenceColumns}). Defaults to false
   * (the columns exactly as {@link CellSpace.column} gives them).
   */
  readonly project?: boolean;
}

/**
 * The columns of every cell of a space after the difference transform ({@link CellSpace.column}; the basis of
 * `gaussSecondary`), in one CSR layout, with grid keys made dense row ids. A single table's grid (the product
 * over dimensions of leaves + 1) is smaller than its number of entries, so keys are used as they are; linked
 * tables span the product of all their dimensions, which can be far larger than the entries (or exceed 2^31), so
 * there the keys that occur are renumbered in sorted order. Every reduced vector is a combination of columns, so
 * its rows are among theirs; the order is kept, so the tie-break "smallest row" is the same either way.
 *
 * `project`: along one dimension of L leaves a node covering leaf positions a..b is `+1` at point a and `-1` at
 * point b + 1 of the L + 1 grid points, so every column's entries along a dimension sum to zero and the last
 * point's entry is minus the sum of the others. Dropping the last point is therefore injective on the columns'
 * span along each dimension, and (as a tensor product of injective maps) on the whole span: linear dependence
 * between cells, and so the elimination's pattern, is unchanged. The points it drops are the densest rows of the
 * grid (every node that ends at the last leaf, the total included, has an entry there), so the columns of totals
 * and margins lose half their entries or more (the grand total keeps one) and the elimination far less fill-in.
 *
 * The columns are built here, in typed buffers, from the same boundaries as {@link CellSpace.column} (leaves in
 * the depth-first order of the first table's hierarchy of each dimension; keys `sum_k point_k × prod_{j<k}
 * (L_j + 1)`), without its per-cell arrays; the tests check them entry by entry against it.
 *
 * Cost: O(cells × 2^D) for the columns; renumbering adds a sort of the entries.
 *
 * @throws PrikkError `INVALID_ARGUMENT` when an option is not a boolean.
 * @internal
 * @example
 * differenceColumns(CellSpace.fromTables([sdcTable])).keys.length // 15 cells × 4 entries = 60
 * // projected: region nodes keep 2, 2, 2, 1, 1 points (D and the total end on the last), gender 2, 1, 1
 * differenceColumns(CellSpace.fromTables([sdcTable]), { project: true }).keys.length // 8 × 4 = 32
 */
export function differenceColumns(space: CellSpace, options: DifferenceColumnsOptions = {}): DifferenceColumns {
  const { renumber, project = false } = options;
  for (const [name, v] of [['renumber', renumber], ['project', project]] as const) {
    if (v !== undefined && typeof v !== 'boolean') throw new PrikkError('INVALID_ARGUMENT', `differenceColumns: expected options.${name} to be a boolean, got ${typeof v}`);
  }
  const grid = nodeBoundaries(space, project);
  const nDims = grid.points.length;
  const starts = new Int32Array(space.cellCount + 1);
  let raw = new Float64Array(1024);
  let signs = new Int8Array(1024);
  // One cell's column, built dimension by dimension (tensor product) in two swapped buffers.
  let curK = new Float64Array(64);
  let curS = new Int8Array(64);
  let nxtK = new Float64Array(64);
  let nxtS = new Int8Array(64);
  let nnz = 0;
  let maxKey = 0;
  for (let c = 0; c < space.cellCount; c++) {
    const ti = space.originTable[c]!;
    const t = space.tables[ti]!;
    const tc = space.originCell[c]!;
    const dims = grid.dimOf[ti]!;
    const bounds = grid.bounds[ti]!;
    // Readable: CellSpace.column(c), projected: for each dimension k, every (key, sign) so far times every
    // boundary point (p, s) of the cell's node: (key + p * stride_k, sign * s).
    curK[0] = 0;
    curS[0] = 1;
    let len = 1;
    let stride = 1;
    for (let k = 0; k < nDims; k++) {
      const d = dims[k]!;
      const nb = d < 0 ? grid.full[k]! : bounds[k]![t.nodeAt(tc, d)]!;
      const np = nb.points.length;
      if (nxtK.length < len * np) {
        nxtK = new Float64Array(2 * len * np);
        nxtS = new Int8Array(2 * len * np);
      }
      let m = 0;
      for (let i = 0; i < len; i++) {
        for (let j = 0; j < np; j++) {
          nxtK[m] = curK[i]! + nb.points[j]! * stride;
          nxtS[m++] = curS[i]! * nb.signs[j]!;
        }
      }
      const tk = curK;
      curK = nxtK;
      nxtK = tk;
      const ts = curS;
      curS = nxtS;
      nxtS = ts;
      len = m;
      stride *= grid.points[k]!;
    }
    if (nnz + len > raw.length) {
      const r2 = new Float64Array(2 * (nnz + len));
      r2.set(raw);
      raw = r2;
      const s2 = new Int8Array(r2.length);
      s2.set(signs);
      signs = s2;
    }
    for (let i = 0; i < len; i++) {
      const k = curK[i]!;
      if (k > maxKey) maxKey = k;
      raw[nnz] = k;
      signs[nnz++] = curS[i]!;
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
  return { starts, keys, signs: signs.subarray(0, nnz), maxKey: Math.max(u - 1, 0) };
}

/** Boundary points of one node's leaf set along one dimension, with their signs. */
interface Boundaries {
  readonly points: Int32Array;
  readonly signs: Int8Array;
}

/** Per dimension of the space, the boundaries of every node of every table (the layout of CellSpace.column). */
interface Grid {
  /** Grid points of each dimension: leaves + 1. */
  readonly points: readonly number[];
  /** Per table, per space dimension: the table's dimension index, or -1 when the table lacks it. */
  readonly dimOf: readonly (readonly number[])[];
  /** Per table, per space dimension, per node of the table's hierarchy (empty when the table lacks it). */
  readonly bounds: readonly (readonly (readonly Boundaries[])[])[];
  /** Per space dimension: the total's boundaries (a table that lacks the dimension counts as its total). */
  readonly full: readonly Boundaries[];
}

/**
 * The boundaries CellSpace.column uses ({@link CellSpace.leafRuns}): leaves in the depth-first order of the first
 * table's hierarchy of each dimension; a node's leaf set as runs a..b, each `+1` at a and `-1` at b + 1. With
 * `project`, points on the last grid point (L) are dropped.
 */
function nodeBoundaries(space: CellSpace, project: boolean): Grid {
  const { leafCount, nodeBounds } = space.leafRuns();
  const points = leafCount.map((L) => L + 1);
  const cut = (b: Boundaries, L: number): Boundaries => {
    if (!project) return b;
    const keep: number[] = [];
    for (let i = 0; i < b.points.length; i++) if (b.points[i] !== L) keep.push(i);
    return { points: Int32Array.from(keep, (i) => b.points[i]!), signs: Int8Array.from(keep, (i) => b.signs[i]!) };
  };
  const full = leafCount.map((L) => cut({ points: Int32Array.of(0, L), signs: Int8Array.of(1, -1) }, L));
  const dimOf = space.tables.map((t) => space.dimensionNames.map((name) => t.dimensions.findIndex((x) => x.name === name)));
  const bounds = nodeBounds.map((perDim, ti) => perDim.map((nodes, k) => (dimOf[ti]![k]! < 0 ? [] : nodes.map((b) => cut(b, leafCount[k]!)))));
  return { points, dimOf, bounds, full };
}
