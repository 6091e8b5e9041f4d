import { addLookups, type DimensionInput, leafMap, type Lookup, type OnUnknown, unknownCounts, unknownRowHandler } from './finestCells.js';
import { LINEAR_DEDUPE, type MultiCells } from './personCells.js';

/** The finest level of a cube in one pass over the rows (see {@link accumulateFinest}). */
export interface FinestAccumulation {
  /** Rows per cell (cube-sized; non-zero only at finest cells). */
  readonly rows: Float64Array;
  /** Sum of the measure per cell (cube-sized), when a measure was given. */
  readonly sum: Float64Array | undefined;
  /**
   * With a person column: +1 at the finest cell of each person's first counted row (cube-sized). A multi-cell
   * person is counted there too; see `multiFirst`.
   */
  readonly persons: Float64Array | undefined;
  /** With a person column: the persons with counted rows in two or more finest cells, and their distinct cells. */
  readonly multi: MultiCells | undefined;
  /** The cell where each multi-cell person was counted in `persons` (their first counted row's cell). */
  readonly multiFirst: Uint32Array;
  /** Rows dropped per dimension name because a value is not a leaf (only with `unknownValues: 'exclude'`). */
  readonly unknown: ReadonlyMap<string, number>;
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
}

/**
 * Collects the multi-cell persons while the rows are read (the rare path of the kernel). Its arrays are sized for
 * the worst case (every person multi-cell, every row an overflow row) so that the kernel never has to grow them: the
 * memory is reserved but only the part written is ever touched (fresh typed arrays are zero pages until written).
 *
 * A plain object made by one literal (not a class instance): V8 keeps a literal's shape alive, while the shape of
 * class instances dies with the last instance at a full GC, which made the optimised kernel deoptimise on every
 * `aggregate` after one.
 */
interface MultiCollector {
  /** Multi-cell persons so far; pairs so far (written back by the kernel). */
  count: number;
  pairCount: number;
  /** Person number and first cell of each multi-cell person j. */
  readonly persons: Uint32Array;
  readonly firsts: Uint32Array;
  /** (multi-cell person j, cell) per row of a multi-cell person outside the first cell seen. */
  readonly pairs: Uint32Array;
}

function multiCollector(personCount: number, rowCount: number): MultiCollector {
  const most = Math.min(personCount, rowCount);
  return { count: 0, pairCount: 0, persons: new Uint32Array(most), firsts: new Uint32Array(most), pairs: new Uint32Array(2 * rowCount) };
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
 * in an overflow list. After the pass the overflow gives each multi-cell person's distinct cells (`multi`), for the
 * inclusion–exclusion of `addMultiPersonDeltas`; the caller takes their +1 at `multiFirst[j]` back first.
 *
 * Rows and sums are added in row order, exactly as `finestCells` + one counting pass would add them, so the results
 * are the same to the last bit. Unknown values are dropped or reported as `finestCells` does (same passes, same order).
 *
 * Cost: O(rows × dimensions + persons + dictionary sizes), ⌈dimensions / 4⌉ passes over the rows; one random access
 * per row into each of rows, sums, persons and the per-person first cell, as the bare loop. Memory: 4 bytes per
 * person (their first cell), 4 bytes per row when a first pass is needed, and the overflow lists, reserved for the
 * worst case (8 bytes per row and per person) but touched only as far as they are used (8 bytes per overflow row).
 *
 * @returns undefined when some dimension needs a binary search (non-integer or very wide numbers): use `finestCells`.
 * @throws {PrikkError} `INVALID_VALUE` (with `unknownValues: 'error'`) as `finestCells`.
 */
export function accumulateFinest(input: FinestInput): FinestAccumulation | undefined {
  const { dims, strides, cellCount, rowCount: n, mask, unknownValues, measure, person } = input;
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
  while (group.length < 4) group.push(zeroLookup(group[0]!));

  const rows = new Float64Array(cellCount);
  const sum = measure ? new Float64Array(cellCount) : undefined;
  const persons = person ? new Float64Array(cellCount) : undefined;
  const first = new Int32Array(person ? person.personCount : 0).fill(-1);
  const collector = multiCollector(person ? person.personCount : 0, person ? n : 0);
  const [a, b, c, d] = [group[0]!, group[1]!, group[2]!, group[3]!];
  const state = new Float64Array(2); // multi-cell persons and pairs so far
  const noSum = new Float64Array(0);
  // The kernel stops at a row with a value that is not a leaf (rare): classify it (count or throw), then go on.
  for (let from = 0; from < n; ) {
    const stop = kernel(
      a.index, a.offset, a.base, b.index, b.offset, b.base, c.index, c.offset, c.base, d.index, d.offset, d.base,
      pre ?? new Uint32Array(0), pre === undefined ? 0 : 1, trash, rows, sum ?? noSum, measure ?? noSum,
      persons ?? noSum, person?.codes ?? new Uint32Array(0), first, collector.persons, collector.firsts, collector.pairs,
      state, from, n,
    );
    if (stop < n) classify(stop);
    from = stop + 1;
  }
  collector.count = state[0]!;
  collector.pairCount = state[1]!;
  return {
    rows,
    sum,
    persons,
    multi: person ? multiCells(collector) : undefined,
    multiFirst: collector.firsts.slice(0, collector.count),
    unknown: unknownCounts(dims, dropped),
  };
}

// Readable form of the kernel (rows from .. to - 1):
//   for each row i:
//     if pre[i] = trash: skip (filtered out, or an unknown value found in the first pass)
//     c = pre[i] + Σ_{d in the last four} offset_d[index_d[i] - base_d]
//     if c >= trash: stop and return i (some value is not a leaf: its offset is `trash`)
//     rows[c] += 1; sum[c] += values[i]
//     p = person of row i; f = first[p]
//     if f = -1 (p's first row): first[p] = c, persons[c] += 1
//     else if f ≠ c: p has rows in several cells: record (j, c) for p's multi-cell number j (new if f >= 0, with
//       p's first cell f), and set first[p] = -j - 2
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
  multiPersons: Uint32Array, multiFirsts: Uint32Array, pairs: Uint32Array,
  state: Float64Array, from: number, to: number,
): number {
  const hasSum = sum.length > 0;
  const hasPersons = persons.length > 0;
  let multiCount = state[0]!;
  let pairCount = state[1]!;
  let i = from;
  for (; i < to; i++) {
    let cell = 0;
    if (hasPre === 1) {
      cell = pre[i]!;
      if (cell === trash) continue;
    }
    cell += oa[ia[i]! - ba]! + ob[ib[i]! - bb]! + oc[ic[i]! - bc]! + od[id[i]! - bd]!;
    if (cell >= trash) break;
    rows[cell]!++;
    if (hasSum) sum[cell]! += values[i]!;
    if (hasPersons) {
      const p = codes[i]!;
      const f = first[p]!;
      if (f === -1) {
        first[p] = cell;
        persons[cell]!++;
      } else if (f !== cell) {
        let j = -f - 2;
        if (f >= 0) {
          j = multiCount++;
          multiPersons[j] = p;
          multiFirsts[j] = f;
          first[p] = -j - 2;
        }
        pairs[2 * pairCount] = j;
        pairs[2 * pairCount + 1] = cell;
        pairCount++;
      }
    }
  }
  state[0] = multiCount;
  state[1] = pairCount;
  return i;
}
