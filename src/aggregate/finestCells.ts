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

/** Rows per block: the block's cell indices stay in L1 cache while every dimension adds its part. */
const BLOCK = 4096;

/** How one dimension turns a row into `leaf * stride` (or -1 when the value is not a leaf). */
type LeafMap =
  | { readonly kind: 'code'; readonly codes: CodeArray; readonly offset: Int32Array }
  | { readonly kind: 'lut'; readonly values: Float64Array; readonly min: number; readonly offset: Int32Array }
  | { readonly kind: 'search'; readonly values: Float64Array; readonly lower: Float64Array; readonly upper: Float64Array; readonly exact: boolean; readonly stride: number };

/**
 * Adds each row's `leaf * stride` of one dimension to `cells[from .. to)`, skipping rows already at `trash`; a row
 * whose value is not a leaf goes to `trash` and is counted. Returns the number of such rows; `firstUnknown[0]` gets
 * the first one.
 */
function addCodes(map: Extract<LeafMap, { kind: 'code' }>, cells: Uint32Array, from: number, to: number, trash: number, firstUnknown: Int32Array): number {
  const { codes, offset } = map;
  let dropped = 0;
  // Readable: for each counted row i, cells[i] += leaf(dictionary[codes[i]]) * stride.
  for (let i = from; i < to; i++) {
    const cur = cells[i]!;
    if (cur === trash) continue;
    const o = offset[codes[i]!]!;
    if (o >= 0) cells[i] = cur + o;
    else {
      if (dropped++ === 0 && firstUnknown[0]! < 0) firstUnknown[0] = i;
      cells[i] = trash;
    }
  }
  return dropped;
}

function addLut(map: Extract<LeafMap, { kind: 'lut' }>, cells: Uint32Array, from: number, to: number, trash: number, firstUnknown: Int32Array): number {
  const { values, min, offset } = map;
  let dropped = 0;
  // Readable: for each counted row i, cells[i] += leaf(values[i]) * stride, through a table over min..max.
  for (let i = from; i < to; i++) {
    const cur = cells[i]!;
    if (cur === trash) continue;
    const o = offset[values[i]! - min]!;
    if (o >= 0) cells[i] = cur + o;
    else {
      if (dropped++ === 0 && firstUnknown[0]! < 0) firstUnknown[0] = i;
      cells[i] = trash;
    }
  }
  return dropped;
}

function addSearch(map: Extract<LeafMap, { kind: 'search' }>, cells: Uint32Array, from: number, to: number, trash: number, firstUnknown: Int32Array): number {
  const { values, lower, upper, exact, stride } = map;
  const n = lower.length;
  let dropped = 0;
  for (let i = from; i < to; i++) {
    const cur = cells[i]!;
    if (cur === trash) continue;
    const v = values[i]!;
    // Readable: leaf = exact ? leafOf(String(v)) : leafOfNumber(v) — a binary search, inlined.
    let lo = 0;
    let hi = n - 1;
    let leaf = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (v < lower[mid]!) hi = mid - 1;
      else if (exact ? v > upper[mid]! : v >= upper[mid]!) lo = mid + 1;
      else {
        leaf = mid;
        break;
      }
    }
    if (leaf >= 0) cells[i] = cur + leaf * stride;
    else {
      if (dropped++ === 0 && firstUnknown[0]! < 0) firstUnknown[0] = i;
      cells[i] = trash;
    }
  }
  return dropped;
}

function leafMap(dim: DimensionInput, stride: number, mask: Uint8Array | undefined): LeafMap | undefined {
  const h = dim.hierarchy;
  const column = dim.column;
  if (column.kind === 'code') {
    // offset[code] = leaf * stride, or -1 when the code is not a leaf.
    const offset = new Int32Array(column.dictionary.length);
    column.dictionary.forEach((label, c) => {
      const leaf = h.leafOf(label);
      offset[c] = leaf < 0 ? -1 : leaf * stride;
    });
    return { kind: 'code', codes: column.codes, offset };
  }
  const values = column.values;
  const s = dim.stats ?? numberStats(values, mask);
  if (s.kept === 0) return undefined;
  if (s.allInteger && s.max - s.min <= MAX_LUT_RANGE) {
    const offset = new Int32Array(s.max - s.min + 1);
    for (let k = 0; k < offset.length; k++) {
      const v = s.min + k;
      const leaf = h.bands ? h.leafOfNumber(v) : h.leafOf(String(v));
      offset[k] = leaf < 0 ? -1 : leaf * stride;
    }
    return { kind: 'lut', values, min: s.min, offset };
  }
  // Search over sorted keys: the bands, or the flat hierarchy's numeric leaves (exact match).
  const lower = h.bands ? h.bands.lower : Float64Array.from(h.labels.slice(0, h.leafCount), Number);
  return { kind: 'search', values, lower, upper: h.bands ? h.bands.upper : lower, exact: !h.bands, stride };
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
 * Rows are processed in blocks of 4096, each dimension adding its part to the block while it sits in cache; a code
 * column goes through a lookup table over its dictionary (one load per row), an integer-valued number column through
 * a lookup table over `min..max`, other numbers through a binary search over the leaves' bands (or the distinct
 * values of a flat numeric hierarchy).
 *
 * Cost: O(rows × dimensions + dictionary sizes).
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
  const cells = new Uint32Array(rowCount);
  const maps = dims.map((dim, d) => leafMap(dim, strides[d]!, mask));
  const dropped = new Float64Array(dims.length);
  const firstUnknown = new Int32Array(1);
  for (let from = 0; from < rowCount; from += BLOCK) {
    const to = Math.min(rowCount, from + BLOCK);
    if (mask) for (let i = from; i < to; i++) cells[i] = mask[i] === 1 ? 0 : trash;
    for (let d = 0; d < dims.length; d++) {
      const map = maps[d];
      if (map === undefined) {
        // No kept row has a value (all filtered out): nothing to add.
        continue;
      }
      firstUnknown[0] = -1;
      const n =
        map.kind === 'code'
          ? addCodes(map, cells, from, to, trash, firstUnknown)
          : map.kind === 'lut'
            ? addLut(map, cells, from, to, trash, firstUnknown)
            : addSearch(map, cells, from, to, trash, firstUnknown);
      if (n > 0) {
        if (unknownValues === 'error') throw unknownError(dims[d]!, unknownValue(dims[d]!, firstUnknown[0]!));
        dropped[d]! += n;
      }
    }
  }
  const unknown = new Map<string, number>();
  dims.forEach((dim, d) => {
    if (dropped[d]! > 0) unknown.set(dim.name, dropped[d]!);
  });
  return { cells, trash, unknown };
}
