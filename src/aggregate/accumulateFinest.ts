import { addLookups, type DimensionInput, leafMap, type Lookup, type OnUnknown, unknownCounts, unknownRowHandler } from './finestCells.js';
import { LINEAR_DEDUPE, type MultiCells } from './personCells.js';

/** The finest level of a cube in one pass over the rows (see {@link accumulateFinest}). */
export interface FinestAccumulation {
  /** Rows per cell (cube-sized; non-zero only at finest cells). */
  readonly rows: Float64Array;
  /** Sum of the measure per cell (cube-sized), when a measure was given. */
  readonly sum: Float64Array | undefined;
  /**
   * With a person column: +1 at the one finest cell of each person whose counted rows all lie in it (cube-sized).
   * The multi-cell persons are not counted here (see `multi`).
   */
  readonly persons: Float64Array | undefined;
  /** With a person column: the persons with counted rows in two or more finest cells, and their distinct cells. */
  readonly multi: MultiCells | undefined;
  /** Rows dropped per dimension name because a value is not a leaf (only with `unknownValues: 'exclude'`). */
  readonly unknown: ReadonlyMap<string, number>;
  /** With `listOccupied`: the finest cells that received a row, each once, in `occupied[0 .. occupiedCount)`. */
  readonly occupied: Uint32Array | undefined;
  readonly occupiedCount: number;
}

/** What {@link accumulateFinest} reads. */
export interface FinestInput {
  /** Required. The dimensions, in cube order. */
  readonly dims: readonly DimensionInput[];
  /** Required. The cube's strides (one per dimension) and cell count. */
  readonly strides: readonly number[];
  readonly cellCount: number;
  /** Required. Rows of the extract. */
  readonly rowCount: number;
  /** Defaults to every row. 1 = the row is counted. */
  readonly mask: Uint8Array | undefined;
  /** Required. What to do with a kept row whose value is not a leaf. */
  readonly unknownValues: 'error' | 'exclude';
  /** Defaults to none. The one measure to sum. */
  readonly measure: Float64Array | undefined;
  /** Defaults to none. Person numbers per row (`0 .. personCount - 1`). */
  readonly person: { readonly codes: Uint32Array; readonly personCount: number } | undefined;
  /** Defaults to false. List the occupied finest cells (for `sparseRollUp`; 4 bytes per row reserved). */
  readonly listOccupied?: boolean;
}

/**
 * Collects the multi-cell persons while the rows are read (the rare path of the kernel). Its arrays start with room
 * for one pair per 8 rows and double when full (the kernel stops at a row when they are full, and goes on from that
 * row once they have grown), so a call pays for what it collects, not for the worst case.
 *
 * A plain object made by one literal (not a class instance): V8 keeps a literal's shape alive, while the shape of
 * class instances dies with the last instance at a full GC, which made the optimised kernel deoptimise on every
 * `aggregate` after one.
 */
interface MultiCollector {
  /** Multi-cell persons so far; pairs so far (written back by the kernel). */
  count: number;
  pairCount: number;
  /** Person number and first cell of each multi-cell person j (room for `capacity`). */
  persons: Uint32Array;
  firsts: Uint32Array;
  /** (multi-cell person j, cell) per row of a multi-cell person outside the first cell seen (room for `capacity`). */
  pairs: Uint32Array;
  /** Pairs the arrays have room for (each multi-cell person comes with at least one pair, so also persons). */
  capacity: number;
}

/** Multi-cell persons and pairs a collector first has room for, at least (96 KiB). */
const FIRST_CAPACITY = 1 << 13;

/**
 * A collector with room for one pair per 8 rows (16 bytes per 8 rows; the benchmark's cohorts have about one per 20),
 * so that the kernel rarely has to stop and start again.
 */
function multiCollector(rowCount: number): MultiCollector {
  const capacity = Math.max(FIRST_CAPACITY, rowCount >>> 3);
  return {
    count: 0,
    pairCount: 0,
    persons: new Uint32Array(capacity),
    firsts: new Uint32Array(capacity),
    pairs: new Uint32Array(2 * capacity),
    capacity,
  };
}

/** Doubles the room of a full collector (its contents kept). */
function grow(collector: MultiCollector): void {
  const capacity = collector.capacity * 2;
  const bigger = (a: Uint32Array, size: number): Uint32Array => {
    const b = new Uint32Array(size);
    b.set(a);
    return b;
  };
  collector.persons = bigger(collector.persons, capacity);
  collector.firsts = bigger(collector.firsts, capacity);
  collector.pairs = bigger(collector.pairs, 2 * capacity);
  collector.capacity = capacity;
}

/** The distinct cells of every multi-cell person: their first cell, then the others in row order. */
function multiCells(collector: MultiCollector): MultiCells {
  const m = collector.count;
  const { cells, offsets } = distinctCells(collector.pairs, collector.pairCount, collector.firsts, m);
  return { multiCount: m, multiPersons: collector.persons.slice(0, m), offsets, cells };
}

/**
 * Groups the pairs (person j, cell) by j after each person's first cell, and de-duplicates each person's cells.
 * Typed arrays and numbers only (see `kernel` for why).
 */
function distinctCells(pairs: Uint32Array, pairCount: number, firsts: Uint32Array, m: number): { cells: Uint32Array; offsets: Uint32Array } {
  // Counting sort of the pairs by person j (stable: row order within a person).
  const offsets = new Uint32Array(m + 1);
  for (let q = 0; q < pairCount; q++) offsets[pairs[q * 2]! + 1]!++;
  for (let j = 0; j < m; j++) offsets[j + 1]! += offsets[j]! + 1; // + 1: the first cell
  const raw = new Uint32Array(pairCount + m);
  const fill = new Uint32Array(m);
  for (let j = 0; j < m; j++) {
    raw[offsets[j]!] = firsts[j]!;
    fill[j] = 1;
  }
  for (let q = 0; q < pairCount; q++) {
    const j = pairs[q * 2]!;
    raw[offsets[j]! + fill[j]!++] = pairs[q * 2 + 1]!;
  }
  // De-duplicate each person's cells (a linear scan for short lists, sorting longer ones).
  const cells = new Uint32Array(raw.length);
  const out = new Uint32Array(m + 1);
  let w = 0;
  for (let j = 0; j < m; j++) {
    const from = offsets[j]!;
    const to = offsets[j + 1]!;
    const start = w;
    if (to - from > LINEAR_DEDUPE) {
      w = sortedDistinct(raw, from, to, cells, w);
    } else {
      for (let s = from; s < to; s++) {
        const c = raw[s]!;
        let t = start;
        while (t < w && cells[t] !== c) t++;
        if (t === w) cells[w++] = c;
      }
    }
    out[j + 1] = w;
  }
  return { cells: cells.slice(0, w), offsets: out };
}

/** Writes the distinct values of `raw[from .. to)` (sorted) to `out` from `w`; returns the new end. */
function sortedDistinct(raw: Uint32Array, from: number, to: number, out: Uint32Array, w: number): number {
  const sorted = raw.subarray(from, to).sort();
  for (let s = 0; s < sorted.length; s++) if (s === 0 || sorted[s] !== sorted[s - 1]) out[w++] = sorted[s]!;
  return w;
}

/** A lookup that adds nothing (pads the kernel's four slots; reads the same index as `like`). */
function zeroLookup(like: Lookup): Lookup {
  return { index: like.index, base: like.base, offset: new Int32Array(like.offset.length) };
}

/**
 * The finest level in one pass over the rows, for dimensions that all map rows to leaves by table lookups (code
 * columns and integer-valued number columns): each row's finest cell index `Σ leaf_d × stride_d` is computed, and the
 * row is counted there at once (rows, the measure's sum, and the person's first cell), without storing the index.
 * Dimensions beyond four (and a filter's mask) go into a first pass over the rows that stores a partial index (the
 * fused kernels of `finestCells`); the last four are fused with the counting.
 *
 * Distinct persons, as in the bare counting loop: a person counts at once in the cell of their first row; a later
 * row in another cell (rare: most persons have one cell) marks them as a multi-cell person and records (person, cell)
 * in an overflow list, and takes back their count at their first cell. After the pass the overflow gives each
 * multi-cell person's distinct cells (`multi`), for the inclusion–exclusion of `addMultiPersonDeltas`.
 *
 * The common case (no filter and at most four dimensions, so no first pass; a person column; no list of occupied
 * cells) runs one of three specialised loops (`personKernel2/3/4`, by the number of dimensions) that leave out the
 * general kernel's per-row checks (mask, person column, occupied list, a full overflow list) and its padding lookups.
 *
 * Rows and sums are added in row order, exactly as `finestCells` + one counting pass would add them, so the results
 * are the same to the last bit. Unknown values are dropped or reported as `finestCells` does (same passes, same order).
 *
 * Cost: O(rows × dimensions + persons + dictionary sizes), ⌈dimensions / 4⌉ passes over the rows; one random access
 * per row into each of rows, sums, persons and the per-person first cell, as the bare loop. Memory: 4 bytes per
 * person (their first cell), 4 bytes per row when a first pass is needed, and the overflow lists, which grow by
 * doubling (8 bytes per overflow row and per multi-cell person, at least 2 bytes per row reserved); with
 * `listOccupied`, 4 bytes per row for the list of occupied cells (touched only as far as it is used).
 *
 * @returns undefined when some dimension needs a binary search (non-integer or very wide numbers): use `finestCells`.
 * @throws {PrikkError} `INVALID_VALUE` (with `unknownValues: 'error'`) as `finestCells`.
 */
export function accumulateFinest(input: FinestInput): FinestAccumulation | undefined {
  const { dims, strides, cellCount, rowCount: n, mask, unknownValues, measure, person } = input;
  const occupied = input.listOccupied === true ? new Uint32Array(n) : undefined;
  const trash = cellCount;
  const maps = dims.map((dim, d) => leafMap(dim, strides[d]!, trash, mask));
  const lookups: Lookup[] = [];
  for (const m of maps) {
    if (m === undefined) continue; // a number column without kept rows: every row is masked out
    if (m.kind !== 'lookup') return undefined;
    lookups.push(m.lookup);
  }
  const dropped = new Float64Array(dims.length);
  const classify = unknownRowHandler(dims, maps, trash, unknownValues, dropped);

  // The first pass (only when needed): the mask and every group of four lookups but the last.
  const last = lookups.length <= 4 ? 0 : lookups.length - ((lookups.length - 1) % 4) - 1;
  let pre: Uint32Array | undefined;
  if (mask || last > 0) {
    const cells = new Uint32Array(n);
    pre = cells;
    if (mask) for (let i = 0; i < n; i++) cells[i] = mask[i] === 1 ? 0 : trash;
    const onUnknown: OnUnknown = (row) => {
      classify(row);
      cells[row] = trash;
    };
    addLookups(lookups.slice(0, last), cells, n, trash, onUnknown);
  }
  const group = lookups.slice(last);
  if (group.length === 0) group.push({ index: new Uint8Array(n), base: 0, offset: new Int32Array(1) });
  // The common case (no mask and at most four dimensions, persons, no list of occupied cells) has loops of its own,
  // one per number of dimensions, without the per-row checks and the padding lookups of the general kernel.
  const special = pre === undefined && person !== undefined && occupied === undefined;
  if (special && group.length === 1) group.push(zeroLookup(group[0]!));
  if (!special) while (group.length < 4) group.push(zeroLookup(group[0]!));

  const rows = new Float64Array(cellCount);
  const sum = measure ? new Float64Array(cellCount) : undefined;
  const persons = person ? new Float64Array(cellCount) : undefined;
  // Per person: 0 before their first row, 1 + the cell of their first row, or -1 - j once multi-cell person j. Zero
  // is the fresh array's value, so it needs no fill pass.
  const first = new Int32Array(person ? person.personCount : 0);
  const collector = multiCollector(person ? n : 0);
  const a = group[0]!;
  const b = group[1]!;
  const state = new Float64Array(3); // multi-cell persons, pairs and occupied cells so far
  const noSum = new Float64Array(0);
  // The kernel stops at a row with a value that is not a leaf (rare): classify it (count or throw), then go on from
  // the next row. It also stops, before a row, when the collector is full: grow it and go on from that row.
  for (let from = 0; from < n; ) {
    let stop: number;
    if (special) {
      const s = sum ?? noSum;
      const v = measure ?? noSum;
      const codes = person.codes;
      const c = group[2];
      const d = group[3];
      stop = d !== undefined
        ? personKernel4(
          a.index, a.offset, a.base, b.index, b.offset, b.base, c!.index, c!.offset, c!.base, d.index, d.offset, d.base,
          trash, rows, s, v, persons!, codes, first, collector.persons, collector.firsts, collector.pairs,
          collector.capacity, state, from, n,
        )
        : c !== undefined
          ? personKernel3(
            a.index, a.offset, a.base, b.index, b.offset, b.base, c.index, c.offset, c.base,
            trash, rows, s, v, persons!, codes, first, collector.persons, collector.firsts, collector.pairs,
            collector.capacity, state, from, n,
          )
          : personKernel2(
            a.index, a.offset, a.base, b.index, b.offset, b.base,
            trash, rows, s, v, persons!, codes, first, collector.persons, collector.firsts, collector.pairs,
            collector.capacity, state, from, n,
          );
    } else {
      const c = group[2]!;
      const d = group[3]!;
      stop = kernel(
        a.index, a.offset, a.base, b.index, b.offset, b.base, c.index, c.offset, c.base, d.index, d.offset, d.base,
        pre ?? new Uint32Array(0), pre === undefined ? 0 : 1, trash, rows, sum ?? noSum, measure ?? noSum,
        persons ?? noSum, person?.codes ?? new Uint32Array(0), first, collector.persons, collector.firsts, collector.pairs,
        collector.capacity, occupied ?? new Uint32Array(0), occupied === undefined ? 0 : 1, state, from, n,
      );
    }
    from = stop;
    if (stop < n) {
      if (state[1] === collector.capacity) {
        grow(collector);
      } else {
        classify(stop);
        from = stop + 1;
      }
    }
  }
  collector.count = state[0]!;
  collector.pairCount = state[1]!;
  return {
    rows,
    sum,
    persons,
    multi: person ? multiCells(collector) : undefined,
    unknown: unknownCounts(dims, dropped),
    occupied,
    occupiedCount: state[2]!,
  };
}

// Readable form of the kernel (rows from .. to - 1):
//   for each row i:
//     if the collector holds `capacity` pairs: stop and return i (the caller grows it and calls again from i)
//     if pre[i] = trash: skip (filtered out, or an unknown value found in the first pass)
//     c = pre[i] + Σ_{d in the last four} offset_d[index_d[i] - base_d]
//     if not c < trash: stop and return i (some value is not a leaf: its offset is `trash`)
//     if listing occupied cells and rows[c] = 0: append c to them
//     rows[c] += 1; sum[c] += values[i]
//     p = person of row i; f = first[p]
//     if f = 0 (p's first row): first[p] = c + 1, persons[c] += 1
//     else if f ≠ c + 1: p has rows in several cells: record (j, c) for p's multi-cell number j (new if f > 0, with
//       p's first cell f - 1: then set first[p] = -1 - j and take back p's count, persons[f - 1] -= 1)
// Why positional typed arrays and numbers instead of an options object: V8 keeps the hidden classes (shapes) of
// ordinary objects only weakly in its type feedback, and a full GC between two `aggregate` calls drops them; optimised
// code that read a property then deoptimises on the next call and the loop runs unoptimised until it is compiled
// again (measured: 2x slower per call when the caller runs gc() between calls, as the benchmark does). Typed arrays'
// shapes live as long as the process.
function kernel(
  ia: ArrayLike<number>, oa: Int32Array, ba: number,
  ib: ArrayLike<number>, ob: Int32Array, bb: number,
  ic: ArrayLike<number>, oc: Int32Array, bc: number,
  id: ArrayLike<number>, od: Int32Array, bd: number,
  pre: Uint32Array, hasPre: number, trash: number,
  rows: Float64Array, sum: Float64Array, values: Float64Array,
  persons: Float64Array, codes: Uint32Array, first: Int32Array,
  multiPersons: Uint32Array, multiFirsts: Uint32Array, pairs: Uint32Array, capacity: number,
  occupied: Uint32Array, listOccupied: number, state: Float64Array, from: number, to: number,
): number {
  const hasSum = sum.length > 0;
  const hasPersons = persons.length > 0;
  let multiCount = state[0]!;
  let pairCount = state[1]!;
  let occupiedCount = state[2]!;
  let i = from;
  for (; i < to; i++) {
    if (pairCount === capacity) break;
    let cell = 0;
    if (hasPre === 1) {
      cell = pre[i]!;
      if (cell === trash) continue;
    }
    cell += oa[ia[i]! - ba]! + ob[ib[i]! - bb]! + oc[ic[i]! - bc]! + od[id[i]! - bd]!;
    if (!(cell < trash)) break; // also NaN: a lookup outside its table (see `NumberColumn.stats`)
    if (listOccupied === 1 && rows[cell] === 0) occupied[occupiedCount++] = cell;
    rows[cell]!++;
    if (hasSum) sum[cell]! += values[i]!;
    if (hasPersons) {
      const p = codes[i]!;
      const f = first[p]!;
      if (f === 0) {
        first[p] = cell + 1;
        persons[cell]!++;
      } else if (f !== cell + 1) {
        let j = -1 - f;
        if (f > 0) {
          j = multiCount++;
          multiPersons[j] = p;
          multiFirsts[j] = f - 1;
          first[p] = -1 - j;
          persons[f - 1]!--;
        }
        pairs[2 * pairCount] = j;
        pairs[2 * pairCount + 1] = cell;
        pairCount++;
      }
    }
  }
  state[0] = multiCount;
  state[1] = pairCount;
  state[2] = occupiedCount;
  return i;
}

// The specialised kernels: no mask and no partial index (at most four dimensions, no filter), a person column, no list
// of occupied cells, one or no measure (`sum` empty when none); 2, 3 or 4 lookups (one dimension is padded to two).
// The same additions in the same order as `kernel`, so the same results to the bit. Readable form (rows from .. to - 1):
//   for each row i:
//     c = Σ_{d} offset_d[index_d[i] - base_d]
//     if not c < trash: stop and return i (some value is not a leaf)
//     p = person of row i; f = first[p]
//     if f = 0 (p's first row): first[p] = c + 1, persons[c] += 1
//     else if f ≠ c + 1 (p has rows in several cells):
//       if the collector holds `capacity` pairs: stop and return i (nothing of row i is counted yet; the caller grows
//         it and calls again from i)
//       record (j, c) for p's multi-cell number j (new if f > 0, as in `kernel`)
//     rows[c] += 1; sum[c] += values[i]
// Unlike `kernel`, the collector is checked only when a pair is written (rare), and there is no check of a mask, of
// the person column or of the occupied list per row. The three differ only in the line that computes the cell.
function personKernel2(
  ia: ArrayLike<number>, oa: Int32Array, ba: number,
  ib: ArrayLike<number>, ob: Int32Array, bb: number,
  trash: number, rows: Float64Array, sum: Float64Array, values: Float64Array,
  persons: Float64Array, codes: Uint32Array, first: Int32Array,
  multiPersons: Uint32Array, multiFirsts: Uint32Array, pairs: Uint32Array, capacity: number,
  state: Float64Array, from: number, to: number,
): number {
  const hasSum = sum.length > 0;
  let multiCount = state[0]!;
  let pairCount = state[1]!;
  let i = from;
  for (; i < to; i++) {
    const cell = oa[ia[i]! - ba]! + ob[ib[i]! - bb]!;
    if (!(cell < trash)) break; // also NaN: a lookup outside its table (see `NumberColumn.stats`)
    const p = codes[i]!;
    const f = first[p]!;
    if (f !== cell + 1) {
      if (f === 0) {
        first[p] = cell + 1;
        persons[cell]!++;
      } else {
        if (pairCount === capacity) break;
        let j = -1 - f;
        if (f > 0) {
          j = multiCount++;
          multiPersons[j] = p;
          multiFirsts[j] = f - 1;
          first[p] = -1 - j;
          persons[f - 1]!--;
        }
        pairs[2 * pairCount] = j;
        pairs[2 * pairCount + 1] = cell;
        pairCount++;
      }
    }
    rows[cell]!++;
    if (hasSum) sum[cell]! += values[i]!;
  }
  state[0] = multiCount;
  state[1] = pairCount;
  return i;
}

/** {@link personKernel2} with three lookups. */
function personKernel3(
  ia: ArrayLike<number>, oa: Int32Array, ba: number,
  ib: ArrayLike<number>, ob: Int32Array, bb: number,
  ic: ArrayLike<number>, oc: Int32Array, bc: number,
  trash: number, rows: Float64Array, sum: Float64Array, values: Float64Array,
  persons: Float64Array, codes: Uint32Array, first: Int32Array,
  multiPersons: Uint32Array, multiFirsts: Uint32Array, pairs: Uint32Array, capacity: number,
  state: Float64Array, from: number, to: number,
): number {
  const hasSum = sum.length > 0;
  let multiCount = state[0]!;
  let pairCount = state[1]!;
  let i = from;
  for (; i < to; i++) {
    const cell = oa[ia[i]! - ba]! + ob[ib[i]! - bb]! + oc[ic[i]! - bc]!;
    if (!(cell < trash)) break; // also NaN: a lookup outside its table (see `NumberColumn.stats`)
    const p = codes[i]!;
    const f = first[p]!;
    if (f !== cell + 1) {
      if (f === 0) {
        first[p] = cell + 1;
        persons[cell]!++;
      } else {
        if (pairCount === capacity) break;
        let j = -1 - f;
        if (f > 0) {
          j = multiCount++;
          multiPersons[j] = p;
          multiFirsts[j] = f - 1;
          first[p] = -1 - j;
          persons[f - 1]!--;
        }
        pairs[2 * pairCount] = j;
        pairs[2 * pairCount + 1] = cell;
        pairCount++;
      }
    }
    rows[cell]!++;
    if (hasSum) sum[cell]! += values[i]!;
  }
  state[0] = multiCount;
  state[1] = pairCount;
  return i;
}

/** {@link personKernel2} with four lookups. */
function personKernel4(
  ia: ArrayLike<number>, oa: Int32Array, ba: number,
  ib: ArrayLike<number>, ob: Int32Array, bb: number,
  ic: ArrayLike<number>, oc: Int32Array, bc: number,
  id: ArrayLike<number>, od: Int32Array, bd: number,
  trash: number, rows: Float64Array, sum: Float64Array, values: Float64Array,
  persons: Float64Array, codes: Uint32Array, first: Int32Array,
  multiPersons: Uint32Array, multiFirsts: Uint32Array, pairs: Uint32Array, capacity: number,
  state: Float64Array, from: number, to: number,
): number {
  const hasSum = sum.length > 0;
  let multiCount = state[0]!;
  let pairCount = state[1]!;
  let i = from;
  for (; i < to; i++) {
    const cell = oa[ia[i]! - ba]! + ob[ib[i]! - bb]! + oc[ic[i]! - bc]! + od[id[i]! - bd]!;
    if (!(cell < trash)) break; // also NaN: a lookup outside its table (see `NumberColumn.stats`)
    const p = codes[i]!;
    const f = first[p]!;
    if (f !== cell + 1) {
      if (f === 0) {
        first[p] = cell + 1;
        persons[cell]!++;
      } else {
        if (pairCount === capacity) break;
        let j = -1 - f;
        if (f > 0) {
          j = multiCount++;
          multiPersons[j] = p;
          multiFirsts[j] = f - 1;
          first[p] = -1 - j;
          persons[f - 1]!--;
        }
        pairs[2 * pairCount] = j;
        pairs[2 * pairCount + 1] = cell;
        pairCount++;
      }
    }
    rows[cell]!++;
    if (hasSum) sum[cell]! += values[i]!;
  }
  state[0] = multiCount;
  state[1] = pairCount;
  return i;
}
