import { PrikkError } from '../errors/PrikkError.js';
import type { Hierarchy } from '../hierarchy/Hierarchy.js';
import type { CodeArray, Column } from '../read/Extract.js';
import { MAX_LUT_RANGE, type NumberStats, numberStats } from './flatHierarchyOf.js';

/** One dimension as `finestCells` needs it: the column, its hierarchy, and the stats of a number column (if known). */
export interface DimensionInput {
  readonly name: string;
  readonly column: Column;
  readonly hierarchy: Hierarchy;
  readonly stats?: NumberStats | undefined;
}

/** The finest cell of every row, and the rows dropped because a value is not a leaf of its dimension's hierarchy. */
export interface FinestCells {
  /** Cube index of each row's finest cell; `trash` (= the cube's cell count) for a row that is not counted. */
  readonly cells: Uint32Array;
  /** The sentinel cell index of rows that are not counted (filtered out or with an unknown value). */
  readonly trash: number;
  /** Rows dropped per dimension name because a value is not a leaf (only with `unknownValues: 'exclude'`). */
  readonly unknown: ReadonlyMap<string, number>;
}

function unknownError(dim: DimensionInput, value: string): PrikkError {
  return new PrikkError(
    'INVALID_VALUE',
    `aggregate: dimension '${dim.name}': the value '${value}' is not a leaf of the dimension's hierarchy (total '${dim.hierarchy.total}'); give a hierarchy that has it, or pass unknownValues: 'exclude' to drop such rows`,
  );
}

/**
 * A dimension whose row-to-leaf mapping is one table lookup, `offset[index[i] - base]`: a code column (index = its
 * codes, base 0) or an integer-valued number column (index = its values, base = their minimum). `offset` holds
 * `leaf * stride`, or `unknown` (the cube's cell count) when the value is not a leaf, so that a sum of offsets is
 * at least the cell count exactly when some value is unknown.
 */
export interface Lookup {
  readonly index: CodeArray | Float64Array;
  readonly base: number;
  readonly offset: Int32Array;
}

/** A number column that needs a binary search (non-integer values, or a range too wide for a table). */
interface Search {
  readonly values: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Flat numeric hierarchy: match a leaf's value exactly; else match a band `[lower, upper)`. */
  readonly exact: boolean;
  readonly stride: number;
}

/** How a dimension maps a row to its leaf: a table lookup or a binary search. */
export type LeafMap = { readonly kind: 'lookup'; readonly lookup: Lookup } | { readonly kind: 'search'; readonly search: Search };

/** Handles a row with an unknown value found by a kernel: sets it to trash (and counts or throws). */
export type OnUnknown = (row: number) => void;

// Fused kernels: one pass over the rows adds the parts of up to four lookup dimensions. Readable form of each:
//   for each row i not at trash: s = cells[i] + Σ_d offset_d[index_d[i] - base_d];
//   cells[i] = s, or, when s >= trash (some value is not a leaf), onUnknown(i).
function fuse1(a: Lookup, cells: Uint32Array, n: number, trash: number, onUnknown: OnUnknown): void {
  const ia = a.index;
  const oa = a.offset;
  const ba = a.base;
  for (let i = 0; i < n; i++) {
    const cur = cells[i]!;
    if (cur === trash) continue;
    const s = cur + oa[ia[i]! - ba]!;
    if (s < trash) cells[i] = s;
    else onUnknown(i);
  }
}

function fuse2(a: Lookup, b: Lookup, cells: Uint32Array, n: number, trash: number, onUnknown: OnUnknown): void {
  const ia = a.index;
  const oa = a.offset;
  const ba = a.base;
  const ib = b.index;
  const ob = b.offset;
  const bb = b.base;
  for (let i = 0; i < n; i++) {
    const cur = cells[i]!;
    if (cur === trash) continue;
    const s = cur + oa[ia[i]! - ba]! + ob[ib[i]! - bb]!;
    if (s < trash) cells[i] = s;
    else onUnknown(i);
  }
}

function fuse3(a: Lookup, b: Lookup, c: Lookup, cells: Uint32Array, n: number, trash: number, onUnknown: OnUnknown): void {
  const ia = a.index;
  const oa = a.offset;
  const ba = a.base;
  const ib = b.index;
  const ob = b.offset;
  const bb = b.base;
  const ic = c.index;
  const oc = c.offset;
  const bc = c.base;
  for (let i = 0; i < n; i++) {
    const cur = cells[i]!;
    if (cur === trash) continue;
    const s = cur + oa[ia[i]! - ba]! + ob[ib[i]! - bb]! + oc[ic[i]! - bc]!;
    if (s < trash) cells[i] = s;
    else onUnknown(i);
  }
}

function fuse4(a: Lookup, b: Lookup, c: Lookup, d: Lookup, cells: Uint32Array, n: number, trash: number, onUnknown: OnUnknown): void {
  const ia = a.index;
  const oa = a.offset;
  const ba = a.base;
  const ib = b.index;
  const ob = b.offset;
  const bb = b.base;
  const ic = c.index;
  const oc = c.offset;
  const bc = c.base;
  const id = d.index;
  const od = d.offset;
  const bd = d.base;
  for (let i = 0; i < n; i++) {
    const cur = cells[i]!;
    if (cur === trash) continue;
    const s = cur + oa[ia[i]! - ba]! + ob[ib[i]! - bb]! + oc[ic[i]! - bc]! + od[id[i]! - bd]!;
    if (s < trash) cells[i] = s;
    else onUnknown(i);
  }
}

/** Leaf of `v` by binary search, or -1. */
function searchLeaf(m: Search, v: number): number {
  const { lower, upper, exact } = m;
  let lo = 0;
  let hi = lower.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (v < lower[mid]!) hi = mid - 1;
    else if (exact ? v > upper[mid]! : v >= upper[mid]!) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function searchPass(m: Search, cells: Uint32Array, n: number, trash: number, onUnknown: OnUnknown): void {
  const { values, stride } = m;
  // Readable: for each row i not at trash: cells[i] += leaf(values[i]) * stride, or onUnknown(i).
  for (let i = 0; i < n; i++) {
    const cur = cells[i]!;
    if (cur === trash) continue;
    const leaf = searchLeaf(m, values[i]!);
    if (leaf >= 0) cells[i] = cur + leaf * stride;
    else onUnknown(i);
  }
}

/** The leaf map of a dimension (undefined for a number column without kept rows). */
export function leafMap(dim: DimensionInput, stride: number, unknown: number, mask: Uint8Array | undefined): LeafMap | undefined {
  const h = dim.hierarchy;
  const column = dim.column;
  if (column.kind === 'code') {
    const offset = new Int32Array(column.dictionary.length);
    column.dictionary.forEach((label, c) => {
      const leaf = h.leafOf(label);
      offset[c] = leaf < 0 ? unknown : leaf * stride;
    });
    return { kind: 'lookup', lookup: { index: column.codes, base: 0, offset } };
  }
  const values = column.values;
  const s = dim.stats ?? numberStats(values, mask);
  if (s.kept === 0) return undefined;
  if (s.allInteger && s.max - s.min <= MAX_LUT_RANGE) {
    const offset = new Int32Array(s.max - s.min + 1);
    for (let k = 0; k < offset.length; k++) {
      const v = s.min + k;
      const leaf = h.bands ? h.leafOfNumber(v) : h.leafOf(String(v));
      offset[k] = leaf < 0 ? unknown : leaf * stride;
    }
    return { kind: 'lookup', lookup: { index: values, base: s.min, offset } };
  }
  // The bands, or the flat hierarchy's numeric leaves (matched exactly).
  const lower = h.bands ? h.bands.lower : Float64Array.from(h.labels.slice(0, h.leafCount), Number);
  return { kind: 'search', search: { values, lower, upper: h.bands ? h.bands.upper : lower, exact: !h.bands, stride } };
}

/** Whether row `row`'s value in a dimension is a leaf of its hierarchy. */
function isLeaf(map: LeafMap | undefined, row: number, unknown: number): boolean {
  if (map === undefined) return true;
  if (map.kind === 'lookup') {
    // Outside the table (only with a column whose `stats` do not describe its values): not a leaf either.
    const o = map.lookup.offset[map.lookup.index[row]! - map.lookup.base];
    return o !== undefined && o !== unknown;
  }
  return searchLeaf(map.search, map.search.values[row]!) >= 0;
}

function unknownValue(dim: DimensionInput, row: number): string {
  const column = dim.column;
  if (column.kind === 'code') return column.dictionary[column.codes[row]!]!;
  const v = column.values[row]!;
  return Number.isNaN(v) ? '(missing)' : String(v);
}

/**
 * Maps every row to the cube index of its finest cell, `sum(leaf[d] * strides[d])`: because the cube is laid out
 * over every node of every hierarchy with the leaves first, the finest cells already sit at their final position.
 * A code column maps through a table over its dictionary, an integer-valued number column through a table over
 * `min..max`; up to four such dimensions share one pass over the rows (fused kernels). Other number columns use a
 * binary search over the leaves' bands (or the distinct values of a flat numeric hierarchy), one pass each.
 *
 * A row whose value is not a leaf is dropped (or stops the call): it is counted under the first dimension, in the
 * given order, whose value is not a leaf.
 *
 * Cost: O(rows × dimensions + dictionary sizes), about ⌈dimensions / 4⌉ passes over the rows.
 *
 * @throws {PrikkError} `INVALID_VALUE` (with `unknownValues: 'error'`) naming the dimension and the value (codes and
 * numbers of a dimension are not person ids) when a kept row's value is not a leaf of the hierarchy.
 */
export function finestCells(
  dims: readonly DimensionInput[],
  strides: readonly number[],
  cellCount: number,
  rowCount: number,
  mask: Uint8Array | undefined,
  unknownValues: 'error' | 'exclude',
): FinestCells {
  const trash = cellCount;
  const n = rowCount;
  const cells = new Uint32Array(n);
  if (mask) for (let i = 0; i < n; i++) cells[i] = mask[i] === 1 ? 0 : trash;
  const maps = dims.map((dim, d) => leafMap(dim, strides[d]!, trash, mask));
  const dropped = new Float64Array(dims.length);
  const classify = unknownRowHandler(dims, maps, trash, unknownValues, dropped);
  const onUnknown: OnUnknown = (row) => {
    classify(row);
    cells[row] = trash;
  };
  const lookups: Lookup[] = [];
  for (const m of maps) if (m?.kind === 'lookup') lookups.push(m.lookup);
  addLookups(lookups, cells, n, trash, onUnknown);
  for (const m of maps) if (m?.kind === 'search') searchPass(m.search, cells, n, trash, onUnknown);
  const unknown = unknownCounts(dims, dropped);
  return { cells, trash, unknown };
}

/**
 * Adds the parts `offset[index[i] - base]` of the given lookup dimensions to `cells` (rows at `trash` are skipped),
 * up to four dimensions per pass over the rows; a row whose sum reaches `trash` goes to `onUnknown`.
 */
export function addLookups(lookups: readonly Lookup[], cells: Uint32Array, n: number, trash: number, onUnknown: OnUnknown): void {
  for (let g = 0; g < lookups.length; g += 4) {
    const [a, b, c, d] = [lookups[g]!, lookups[g + 1], lookups[g + 2], lookups[g + 3]];
    if (d) fuse4(a, b!, c!, d, cells, n, trash, onUnknown);
    else if (c) fuse3(a, b!, c, cells, n, trash, onUnknown);
    else if (b) fuse2(a, b, cells, n, trash, onUnknown);
    else fuse1(a, cells, n, trash, onUnknown);
  }
}

/**
 * What to do with a row that has a value that is not a leaf: find the first dimension (in the given order) whose
 * value is not a leaf, then throw (`unknownValues: 'error'`) or count the row in `dropped[d]`. Rare.
 */
export function unknownRowHandler(
  dims: readonly DimensionInput[],
  maps: readonly (LeafMap | undefined)[],
  trash: number,
  unknownValues: 'error' | 'exclude',
  dropped: Float64Array,
): (row: number) => void {
  return (row) => {
    let d = 0;
    while (d < dims.length - 1 && isLeaf(maps[d], row, trash)) d++;
    if (unknownValues === 'error') throw unknownError(dims[d]!, unknownValue(dims[d]!, row));
    dropped[d]!++;
  };
}

/** The rows dropped per dimension name (dimensions without drops left out). */
export function unknownCounts(dims: readonly DimensionInput[], dropped: Float64Array): Map<string, number> {
  const unknown = new Map<string, number>();
  dims.forEach((dim, d) => {
    if (dropped[d]! > 0) unknown.set(dim.name, dropped[d]!);
  });
  return unknown;
}
