import { PrikkError } from '../errors/PrikkError.js';
import type { Extract } from '../read/Extract.js';
import type { CellTable } from './CellTable.js';
import { checkAggregateOptions } from './checkAggregateOptions.js';
import type { Filter } from './Filter.js';
import type { PersonRow } from './PersonRow.js';
import { type DimensionInput, finestCells } from './finestCells.js';
import { MaskWalker } from './MaskWalker.js';
import { multiOrder, NONE, type PersonCells, personCells } from './personCells.js';
import { addPersonDeltas, type CubeTrees } from './personDeltas.js';
import { rollUp } from './rollUp.js';

/** Options of {@link cellKeySums}. */
export interface CellKeySumsOptions {
  /**
   * Required. 32-bit fixed-point record keys (a key is `k / 2^32`): one per person in person-code order, or one per
   * row of the extract (see `per`).
   */
  readonly recordKeys: Uint32Array;
  /** Defaults to `person` when the extract has a person column, else `row`. Which units the keys belong to. */
  readonly per?: 'person' | 'row';
  /** Defaults to none. The filter the table was aggregated with (the same cohort must be counted). */
  readonly filter?: Filter;
  /** Defaults to none. The person-row choice the table was aggregated with (`aggregate`'s `personRow`). */
  readonly personRow?: PersonRow;
  /** Defaults to `error`. As in `aggregate`: what the table's aggregation did with values that are not leaves. */
  readonly unknownValues?: 'error' | 'exclude';
}

const TWO_16 = 65536;
const TWO_32 = 4294967296;

/**
 * The cell key of every cell of a table made by `aggregate`: the sum of the record keys of the cell's distinct persons
 * (or rows, with `per: 'row'`) mod 1, as 32-bit fixed point: `out[cell] = (Σ keys) mod 2^32`, so the key is
 * `out[cell] / 2^32`. Sums mod 2^32 are exact, so the same set of persons gives the same cell key in every table,
 * whatever its dimensions (the promise of the cell key method: Thompson, Broadfoot & Elazar 2013; tau-ARGUS 4.2;
 * the cellKey R package).
 *
 * Method: the same distinct-person machinery as `aggregate`. The rows are mapped to their finest cells again
 * (`finestCells`, with the table's hierarchies, the same filter and person-row choice), grouped by person (`personCells`); a person with
 * rows in one finest cell adds their key there, and a person with rows in several adds signed weights at the joins of
 * subsets of their cells by inclusion–exclusion (`addPersonDeltas`), so that one roll-up (`rollUp`) counts each key
 * exactly once in every cell above any of the person's rows. A person with two cells adds +key at both and -key at
 * their join (the two-cell case of `addPersonDeltas`, weighted). `addPersonDeltas` adds unit weights, so the keys of
 * persons with three or more cells go in by bit planes: plane b holds those whose key has bit b set, and the planes
 * are combined by doubling (Horner), `Σ_b 2^b · plane_b`. Sums are kept in two float64 halves (the low and the high 16
 * bits of the keys), each exact below 2^53 (2^37 persons), and joined mod 2^32 at the end. Persons too spread out for
 * inclusion–exclusion are enumerated after the roll-up (`MaskWalker.addOne`), plane by plane in the same way.
 *
 * Before any key is summed the recomputed row counts are compared with the table's, cell by cell (and the persons of
 * the grand total): a table aggregated from other data, or with another filter, is refused.
 *
 * Cost: O(rows × dimensions + cells × dimensions) like `aggregate`'s counting, plus O(dimensions × depth) per
 * two-cell person, and for persons with three or more cells about 16 times the inclusion–exclusion work of
 * `aggregate` (one pass per bit set in their key) and 32 passes over the cells' delta arrays; memory 20 bytes per cell.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when the keys do not match the extract (length), per-person keys without a
 * person column, a bad option, or a table that was not aggregated from this extract with these options;
 * `UNKNOWN_COLUMN` when a table dimension is not a column of the extract; otherwise as `aggregate`.
 * @example
 * const t = aggregate(extract, { dimensions: ['municipality', 'sex'] });
 * const ck = cellKeySums(extract, t, { recordKeys: keys.keys });
 * ck[t.indexOf({})] / 2 ** 32 // the grand total's cell key, in [0, 1)
 */
export function cellKeySums(extract: Extract, table: CellTable, options: CellKeySumsOptions): Uint32Array {
  if (typeof options !== 'object' || options === null) throw new PrikkError('INVALID_ARGUMENT', 'cellKeySums: expected an options object');
  for (const key of Object.keys(options)) {
    if (!['recordKeys', 'per', 'filter', 'personRow', 'unknownValues'].includes(key)) {
      throw new PrikkError('INVALID_ARGUMENT', `cellKeySums: unknown option '${key}' (expected recordKeys, per, filter, personRow, unknownValues)`);
    }
  }
  const keys = options.recordKeys;
  if (!(keys instanceof Uint32Array)) throw new PrikkError('INVALID_ARGUMENT', 'cellKeySums: recordKeys must be a Uint32Array of 32-bit fixed-point keys');
  const person = extract.person;
  const per = options.per ?? (person ? 'person' : 'row');
  if (per === 'person') {
    if (!person) throw new PrikkError('INVALID_ARGUMENT', "cellKeySums: per-person keys need an extract with a person column (use per: 'row')");
    if (keys.length !== person.personCount) {
      throw new PrikkError('INVALID_ARGUMENT', `cellKeySums: recordKeys has ${keys.length} keys, the extract has ${person.personCount} persons`);
    }
  } else if (per === 'row') {
    if (keys.length !== extract.rowCount) throw new PrikkError('INVALID_ARGUMENT', `cellKeySums: recordKeys has ${keys.length} keys, the extract has ${extract.rowCount} rows`);
  } else {
    throw new PrikkError('INVALID_ARGUMENT', `cellKeySums: per must be 'person' or 'row', got '${String(per)}'`);
  }
  // The dimensions' columns and the compiled filter, checked as aggregate checks them; the hierarchies are the table's.
  const checked = checkAggregateOptions(extract, {
    dimensions: table.dimensions.map((d) => d.name),
    ...(options.filter !== undefined ? { filter: options.filter } : {}),
    ...(options.personRow !== undefined ? { personRow: options.personRow } : {}),
    ...(options.unknownValues !== undefined ? { unknownValues: options.unknownValues } : {}),
  });
  const dims: DimensionInput[] = checked.dimensions.map((d, i) => ({ name: d.name, column: d.column, hierarchy: table.dimensions[i]!.hierarchy }));
  const hierarchies = table.dimensions.map((d) => d.hierarchy);
  const trees: CubeTrees = {
    shape: table.shape,
    leafCounts: hierarchies.map((h) => h.leafCount),
    strides: table.strides,
    cellCount: table.cellCount,
    parents: hierarchies.map((h) => h.parents),
    depths: hierarchies.map((h) => h.depths),
  };
  const n = extract.rowCount;
  const cellCount = table.cellCount;
  const filterMask = checked.filter?.mask();
  const mask = checked.personRow ? checked.personRow.select(filterMask).mask : filterMask;
  const { cells, trash } = finestCells(dims, table.strides, cellCount, n, mask, checked.unknownValues);

  // The same cohort and cube as the table: rows per cell must agree exactly.
  const lo = new Float64Array(cellCount + 1);
  // Readable: for each row i, rows[cells[i]] += 1.
  for (let i = 0; i < n; i++) lo[cells[i]!]!++;
  const rows = lo.subarray(0, cellCount);
  rollUp(rows, trees, true);
  for (let c = 0; c < cellCount; c++) {
    if (rows[c] !== table.rows[c] && table.hasValues(c)) {
      throw new PrikkError('INVALID_ARGUMENT', `cellKeySums: the table was not aggregated from this extract with these options (rows of cell ${JSON.stringify(table.coords(c))} differ); pass the filter, personRow and unknownValues the table was made with`);
    }
  }
  lo.fill(0);
  const hi = new Float64Array(cellCount + 1);

  if (per === 'row') {
    // Readable: for each counted row i, lo[cells[i]] += low 16 bits of its key, hi[...] += high 16 bits.
    for (let i = 0; i < n; i++) {
      const c = cells[i]!;
      const k = keys[i]!;
      lo[c]! += k & 0xffff;
      hi[c]! += k >>> 16;
    }
    rollUp(lo.subarray(0, cellCount), trees, true);
    rollUp(hi.subarray(0, cellCount), trees, true);
    return join(lo, hi, cellCount);
  }

  const pc = personCells(cells, trash, person!.codes, person!.personCount, []);
  if (table.persons) {
    let counted = 0;
    for (let p = 0; p < pc.single.length; p++) if (pc.single[p] !== NONE) counted++;
    const total = table.indexOfNodes(table.shape.map((s) => s - 1));
    if (table.hasValues(total) && table.persons[total] !== counted) {
      throw new PrikkError('INVALID_ARGUMENT', 'cellKeySums: the table was not aggregated from this extract with these options (the persons of the grand total differ)');
    }
  }
  const loDelta = lo.subarray(0, cellCount);
  const hiDelta = hi.subarray(0, cellCount);
  const fallback = new Set<number>();
  if (pc.multiCount > 0) {
    // Persons with three or more cells by bit planes first (the planes are doubled as they are added), then the
    // persons with two cells (most multi-cell persons): +key at each cell, -key at their join, as addPersonDeltas
    // does with unit weights.
    const order = multiOrder(pc);
    const rest = order.filter((j) => pc.offsets[j + 1]! - pc.offsets[j]! !== 2);
    if (rest.length > 0) {
      addPlanes(pc, rest, keys, trees, loDelta, 0, fallback);
      addPlanes(pc, rest, keys, trees, hiDelta, 16, fallback);
    }
    for (const j of order) {
      const from = pc.offsets[j]!;
      if (pc.offsets[j + 1]! - from !== 2) continue;
      const a = pc.cells[from]!;
      const b = pc.cells[from + 1]!;
      const k = keys[pc.multiPersons[j]!]!;
      const kLo = k & 0xffff;
      const kHi = k >>> 16;
      const c = joinCell(trees, a, b);
      loDelta[a]! += kLo;
      hiDelta[a]! += kHi;
      loDelta[b]! += kLo;
      hiDelta[b]! += kHi;
      loDelta[c]! -= kLo;
      hiDelta[c]! -= kHi;
    }
  }
  // Readable: a person with one finest cell adds the two halves of their key there.
  for (let p = 0; p < pc.single.length; p++) {
    const c = pc.single[p]!;
    if (c < 0) continue;
    const k = keys[p]!;
    loDelta[c]! += k & 0xffff;
    hiDelta[c]! += k >>> 16;
  }
  rollUp(loDelta, trees);
  rollUp(hiDelta, trees);
  if (fallback.size > 0) {
    // Persons left by inclusion–exclusion: every cell above one of their cells gets their key, by planes again.
    const walker = new MaskWalker(trees);
    const spread = [...fallback].sort((a, b) => a - b);
    for (const [acc, shift] of [[loDelta, 0], [hiDelta, 16]] as const) {
      const planes = new Float64Array(cellCount);
      for (let b = 15; b >= 0; b--) {
        if (b < 15) for (let c = 0; c < cellCount; c++) planes[c]! *= 2;
        for (const j of spread) {
          if (((keys[pc.multiPersons[j]!]! >>> (shift + b)) & 1) === 0) continue;
          walker.load(pc.cells, pc.offsets[j]!, pc.offsets[j + 1]!);
          walker.addOne(planes);
        }
      }
      for (let c = 0; c < cellCount; c++) acc[c]! += planes[c]!;
    }
  }
  return join(lo, hi, cellCount);
}

/** The cell that is the per-dimension lowest common ancestor (join) of cells a and b. Cost O(dimensions × depth). */
function joinCell(trees: CubeTrees, a: number, b: number): number {
  let join = 0;
  for (let d = 0; d < trees.shape.length; d++) {
    const stride = trees.strides[d]!;
    const size = trees.shape[d]!;
    const parent = trees.parents[d]!;
    const depth = trees.depths[d]!;
    let x = Math.floor(a / stride) % size;
    let y = Math.floor(b / stride) % size;
    // Readable: climb the deeper node (both when level) until they meet.
    while (x !== y) {
      const dx = depth[x]!;
      const dy = depth[y]!;
      if (dx >= dy) x = parent[x]!;
      if (dy >= dx) y = parent[y]!;
    }
    join += x * stride;
  }
  return join;
}

/**
 * Adds `Σ_b 2^b · (unit inclusion–exclusion deltas of the multi-cell persons in `order` whose key has bit shift + b set)` for
 * b = 0..15 into `delta` (Horner: double, then add the next lower plane). Fills `fallback` with the persons (indices
 * into `pc.offsets`) that inclusion–exclusion left for explicit enumeration.
 */
function addPlanes(pc: PersonCells, order: Uint32Array, keys: Uint32Array, trees: CubeTrees, delta: Float64Array, shift: number, fallback: Set<number>): void {
  const m = order.length;
  const planeOf = new Uint32Array(m);
  const planeOffsets = new Uint32Array(m + 1);
  const planeCells = new Uint32Array(pc.cells.length);
  let started = false;
  for (let b = 15; b >= 0; b--) {
    // The multi-cell persons with bit (shift + b) set, in `order` (nearby cells together).
    let count = 0;
    let w = 0;
    for (let q = 0; q < m; q++) {
      const j = order[q]!;
      if (((keys[pc.multiPersons[j]!]! >>> (shift + b)) & 1) === 0) continue;
      planeOf[count] = j;
      for (let s = pc.offsets[j]!; s < pc.offsets[j + 1]!; s++) planeCells[w++] = pc.cells[s]!;
      planeOffsets[++count] = w;
    }
    if (started) {
      // Readable: delta = 2 × delta.
      for (let c = 0; c < delta.length; c++) delta[c]! *= 2;
    }
    if (count === 0) continue;
    started = true;
    const plane: PersonCells = {
      single: new Int32Array(0),
      personSums: [],
      multiCount: count,
      multiPersons: planeOf.subarray(0, count),
      offsets: planeOffsets.subarray(0, count + 1),
      cells: planeCells.subarray(0, w),
      cellSums: [],
    };
    for (const j of addPersonDeltas(plane, trees, delta)) fallback.add(planeOf[j]!);
  }
}

/** `(hi × 2^16 + lo) mod 2^32` per cell, exactly (both halves are non-negative integers below 2^53). */
function join(lo: Float64Array, hi: Float64Array, cellCount: number): Uint32Array {
  const out = new Uint32Array(cellCount);
  for (let c = 0; c < cellCount; c++) out[c] = (((hi[c]! % TWO_16) * TWO_16 + (lo[c]! % TWO_32)) % TWO_32);
  return out;
}
