/**
 * The persons with counted rows in two or more finest cells ("multi-cell persons"), listed compactly with their
 * distinct cells: what the distinct-person counting needs beyond each person's one cell.
 */
export interface MultiCells {
  /** Number of multi-cell persons. */
  readonly multiCount: number;
  /** The person number of each multi-cell person. */
  readonly multiPersons: Uint32Array;
  /** Multi-cell person `j` has the cells `cells[offsets[j] .. offsets[j + 1])`, distinct. */
  readonly offsets: Uint32Array;
  readonly cells: Uint32Array;
}

/**
 * The finest cells each person has counted rows in. Most persons have one (`single[p] >= 0`); the others
 * ("multi-cell persons", `single[p] === MULTI`) are listed compactly with their distinct cells and, per measure,
 * their sum in each of those cells.
 */
export interface PersonCells extends MultiCells {
  /** Per person: the one finest cell of their rows, `NONE` (no counted row) or `MULTI`. */
  readonly single: Int32Array;
  /** Per measure: each person's sum over their counted rows (their contribution when `single[p] >= 0`). */
  readonly personSums: readonly Float64Array[];
  /** Per measure: the person's sum in each of their cells, parallel to `cells`. */
  readonly cellSums: readonly Float64Array[];
}

/** `single[p]` of a person without counted rows. */
export const NONE = -1;
/** `single[p]` of a person with counted rows in two or more finest cells. */
export const MULTI = -2;

/** Rows of one person up to this many are de-duplicated by a linear scan; longer lists are sorted by cell first. */
export const LINEAR_DEDUPE = 32;

/**
 * Groups the counted rows by person and collects each person's distinct finest cells with their per-measure sums.
 * One pass over the rows finds each person's cell (or that they have several) and threads each person's rows into
 * a linked list (`head[p]`, `next[row]`); the multi-cell persons' lists are then walked to collect their cells.
 *
 * Cost: O(rows + persons) plus, per multi-cell person with r rows, O(r × min(r, 32)) or O(r log r).
 *
 * @param cells Finest cell per row (`trash` = not counted).
 * @param measures Values per row of the measures whose per-person sums are needed (empty when only counting).
 */
export function personCells(
  cells: Uint32Array,
  trash: number,
  persons: Uint32Array,
  personCount: number,
  measures: readonly Float64Array[],
): PersonCells {
  const n = cells.length;
  const single = new Int32Array(personCount).fill(NONE);
  const head = new Int32Array(personCount).fill(-1);
  const next = new Int32Array(n);
  // Readable: single[p] = the cell of p's first row, or MULTI as soon as p has a row in another cell; each row is
  // pushed on its person's list.
  let multiCount = 0;
  let multiRows = 0;
  for (let i = 0; i < n; i++) {
    const c = cells[i]!;
    if (c === trash) continue;
    const p = persons[i]!;
    next[i] = head[p]!;
    head[p] = i;
    const f = single[p]!;
    if (f === NONE) single[p] = c;
    else if (f !== c && f !== MULTI) {
      single[p] = MULTI;
      multiCount++;
    }
  }
  const personSums = measures.map((values) => {
    const sums = new Float64Array(personCount);
    for (let i = 0; i < n; i++) if (cells[i] !== trash) sums[persons[i]!]! += values[i]!;
    return sums;
  });

  const multiPersons = new Uint32Array(multiCount);
  let m = 0;
  for (let p = 0; p < personCount; p++) {
    if (single[p] !== MULTI) continue;
    multiPersons[m++] = p;
    for (let i = head[p]!; i >= 0; i = next[i]!) multiRows++;
  }

  // Distinct cells per multi-cell person, with per-measure sums.
  const offsets = new Uint32Array(multiCount + 1);
  const outCells = new Uint32Array(multiRows);
  const cellSums = measures.map(() => new Float64Array(multiRows));
  let rows = new Int32Array(64);
  let w = 0;
  for (let j = 0; j < multiCount; j++) {
    // The person's rows, from their list.
    let r = 0;
    for (let i = head[multiPersons[j]!]!; i >= 0; i = next[i]!) {
      if (r === rows.length) {
        const bigger = new Int32Array(rows.length * 2);
        bigger.set(rows);
        rows = bigger;
      }
      rows[r++] = i;
    }
    const long = r > LINEAR_DEDUPE;
    if (long) rows.subarray(0, r).sort((a, b) => cells[a]! - cells[b]!);
    const start = w;
    for (let q = 0; q < r; q++) {
      const i = rows[q]!;
      const c = cells[i]!;
      let slot = -1;
      if (long) {
        if (w > start && outCells[w - 1] === c) slot = w - 1;
      } else {
        for (let t = start; t < w; t++) {
          if (outCells[t] === c) {
            slot = t;
            break;
          }
        }
      }
      if (slot < 0) {
        slot = w++;
        outCells[slot] = c;
      }
      for (let k = 0; k < measures.length; k++) cellSums[k]![slot]! += measures[k]![i]!;
    }
    offsets[j + 1] = w;
  }
  return {
    single,
    personSums,
    multiCount,
    multiPersons,
    offsets,
    cells: outCells.slice(0, w),
    cellSums: cellSums.map((s) => s.slice(0, w)),
  };
}

/**
 * The multi-cell persons (indices into `pc.offsets`) ordered by their smallest finest cell, so that persons whose
 * walks touch nearby cells of the cube follow each other (fewer cache misses in the per-person passes).
 *
 * Cost: O(m log m) for m multi-cell persons.
 */
export function multiOrder(pc: MultiCells): Uint32Array {
  const m = pc.multiCount;
  if (m >= 2 ** 26) return Uint32Array.from({ length: m }, (_, j) => j);
  // key = smallest cell × 2^26 + j: exact in a double (cells < 2^27), sorted natively.
  const keys = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let min = Infinity;
    for (let s = pc.offsets[j]!; s < pc.offsets[j + 1]!; s++) if (pc.cells[s]! < min) min = pc.cells[s]!;
    keys[j] = min * 2 ** 26 + j;
  }
  keys.sort();
  const order = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = keys[i]! % 2 ** 26;
  return order;
}
