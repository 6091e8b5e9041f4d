import type { ExactDraws } from '../noise/ExactDraws.js';

/** What {@link boundContributions} reads: the finest cell and the person of every row, and optional values. */
export interface BoundingInput {
  /** Finest cube cell per row; `trash` marks a row that is not counted (filtered out, unknown key, missing value). */
  readonly cells: Uint32Array;
  readonly trash: number;
  /** Number of cells of the cube (the arrays returned have this length). */
  readonly cellCount: number;
  /** Person per row, dense `0 .. personCount − 1`. */
  readonly persons: Uint32Array;
  readonly personCount: number;
  /** Whole-unit values per row (see `toUnits`) to sum, or undefined when only counting. */
  readonly units: Float64Array | undefined;
  /** L0: most partitions (finest cells) kept per person. */
  readonly maxPartitionsPerPerson: number;
  /** L∞: most rows kept per person per partition. */
  readonly maxRowsPerPartition: number;
  /** The random draws that choose the kept partitions and rows. */
  readonly draws: ExactDraws;
  /** Defaults to false. Also return which rows were kept (for queries that need the rows, like quantiles). */
  readonly markKept?: boolean;
}

/** Per finest cell, what is left after bounding; and which persons kept two or more cells. */
export interface BoundedCells {
  /** Distinct persons per finest cell (other cells 0). */
  readonly persons: Float64Array;
  /** Kept rows per finest cell. */
  readonly rows: Float64Array;
  /** Sum of kept units per finest cell, when units were given. */
  readonly sums: Float64Array | undefined;
  /** Persons who kept rows in two or more cells: person j's kept cells are `multiCells[multiOffsets[j] .. multiOffsets[j+1])`. */
  readonly multiOffsets: Uint32Array;
  readonly multiCells: Uint32Array;
  /** 1 for every kept row, when `markKept` was asked for. */
  readonly kept: Uint8Array | undefined;
}

const groupedCache = new WeakMap<Uint32Array, boolean>();

/**
 * Whether person codes never decrease along the rows (an extract sorted or grouped by person, with persons numbered
 * in order of first appearance), remembered per array. Cost: one pass over the person column, the first time.
 */
function isGroupedByPerson(persons: Uint32Array): boolean {
  const known = groupedCache.get(persons);
  if (known !== undefined) return known;
  let grouped = true;
  for (let i = 1; i < persons.length; i++) {
    if (persons[i]! < persons[i - 1]!) {
      grouped = false;
      break;
    }
  }
  groupedCache.set(persons, grouped);
  return grouped;
}

/** Persons with more rows than this have their rows sorted natively instead of by insertion. */
const INSERTION_LIMIT = 32;

/**
 * Enforces per-person contribution bounds, then aggregates what is kept into the finest cells:
 * 1. each person's counted rows are grouped: in one pass over runs when the extract is grouped by person (person
 *    codes never decrease), else in place for persons whose rows happen to be contiguous and by a counting sort
 *    restricted to the scattered ones (O(rows + persons));
 * 2. a person with rows in more than L0 distinct cells keeps L0 of those cells, chosen uniformly at random;
 * 3. in each kept cell, a person with more than L∞ rows keeps L∞ of them, chosen uniformly at random;
 * 4. the kept rows are counted (rows, distinct persons) and summed (units) into their finest cell.
 *
 * The choice depends only on the person's own rows (and fresh randomness), so adding or removing one person changes
 * at most L0 cells, each by at most 1 person, L∞ rows and L∞ × max|units| units: the sensitivities the noise is
 * calibrated to hold exactly (Wilson et al. 2020, "Differentially Private SQL with Bounded User Contribution";
 * Amin, Kulesza, Muñoz Medina & Vassilvitskii 2019, "Bounding User Contributions"). Random choice keeps the
 * dropped rows unbiased; persons within the bounds keep everything and use no randomness.
 *
 * Cost: O(rows + persons + cells); a person with r > 1 rows in more than one cell or over L∞ adds O(r²) for
 * r <= 32 (insertion sort), O(r log r) above; randomness only for persons over a bound. Memory: 5 bytes per person,
 * plus 4 per row of scattered persons.
 */
export function boundContributions(input: BoundingInput): BoundedCells {
  const { cells, trash, cellCount, persons: personOf, personCount, units, draws } = input;
  const l0 = input.maxPartitionsPerPerson;
  const linf = input.maxRowsPerPartition;
  const n = cells.length;
  const outPersons = new Float64Array(cellCount);
  const outRows = new Float64Array(cellCount);
  const outSums = units ? new Float64Array(cellCount) : undefined;
  const kept = input.markKept ? new Uint8Array(n) : undefined;
  const multiOffsets: number[] = [0];
  const multiCells: number[] = [];
  const group = new PersonGroup(cells, units, l0, linf, draws, outPersons, outRows, outSums, kept, multiOffsets, multiCells);

  // 0. Extracts grouped by person (person codes never decrease, so each person's rows are one run): one pass over
  //    the runs, no per-person arrays.
  if (isGroupedByPerson(personOf)) {
    for (let i = 0; i < n; ) {
      const p = personOf[i]!;
      // Readable: the run [i, j) of person p; m counted rows, all in cell `first` when `same`.
      let j = i;
      let m = 0;
      let first = trash;
      let same = true;
      while (j < n && personOf[j] === p) {
        const c = cells[j]!;
        if (c !== trash) {
          if (m === 0) first = c;
          else if (c !== first) same = false;
          m++;
        }
        j++;
      }
      if (m > 0) {
        if (same && m <= linf) {
          outPersons[first]!++;
          outRows[first]! += m;
          if (outSums || kept) {
            for (let r = i; r < j; r++) {
              if (cells[r] === trash) continue;
              if (kept) kept[r] = 1;
              if (outSums) outSums[first]! += units![r]!;
            }
          }
        } else {
          group.reset(m);
          for (let r = i; r < j; r++) if (cells[r] !== trash) group.add(r);
          group.bound();
        }
      }
      i = j;
    }
    return {
      persons: outPersons,
      rows: outRows,
      sums: outSums,
      multiOffsets: Uint32Array.from(multiOffsets),
      multiCells: Uint32Array.from(multiCells),
      kept,
    };
  }

  // 1. Counted rows per person.
  const count = new Uint32Array(personCount);
  for (let i = 0; i < n; i++) if (cells[i] !== trash) count[personOf[i]!]!++;

  // 2. One pass over the rows. A person with one row is counted at once. A person whose rows form one contiguous
  //    run (the usual layout: extracts sorted or grouped by person) is handled in place from the run; one whose rows
  //    are scattered is marked and handled in step 3.
  const scattered = new Uint8Array(personCount);
  let scatteredCount = 0;
  for (let i = 0; i < n; i++) {
    const c = cells[i]!;
    if (c === trash) continue;
    const p = personOf[i]!;
    const m = count[p]!;
    if (m === 1) {
      if (kept) kept[i] = 1;
      outPersons[c]!++;
      outRows[c]!++;
      if (outSums) outSums[c]! += units![i]!;
      continue;
    }
    if (scattered[p] === 1) continue;
    // Readable: j = end of the run of rows of person p starting at i; found = its counted rows; same = one cell.
    let j = i + 1;
    let found = 1;
    let same = true;
    while (j < n && personOf[j] === p) {
      const cj = cells[j]!;
      if (cj !== trash) {
        found++;
        if (cj !== c) same = false;
      }
      j++;
    }
    if (found < m) {
      scattered[p] = 1;
      scatteredCount++;
      continue;
    }
    if (same && m <= linf) {
      // Within both bounds without any choice: keep every row.
      outPersons[c]!++;
      outRows[c]! += m;
      for (let r = i; r < j; r++) {
        if (cells[r] === trash) continue;
        if (kept) kept[r] = 1;
        if (outSums) outSums[c]! += units![r]!;
      }
    } else {
      group.reset(m);
      for (let r = i; r < j; r++) if (cells[r] !== trash) group.add(r);
      group.bound();
    }
    i = j - 1;
  }

  // 3. Scattered persons: their rows gathered by a counting sort restricted to them, O(rows + persons).
  if (scatteredCount > 0) {
    const start = new Uint32Array(personCount + 1);
    let acc = 0;
    for (let p = 0; p < personCount; p++) {
      start[p] = acc;
      if (scattered[p] === 1) acc += count[p]!;
    }
    start[personCount] = acc;
    const order = new Uint32Array(acc);
    const fill = start.slice(0, personCount);
    for (let i = 0; i < n; i++) {
      if (cells[i] === trash) continue;
      const p = personOf[i]!;
      if (scattered[p] === 1) order[fill[p]!++] = i;
    }
    for (let p = 0; p < personCount; p++) {
      if (scattered[p] !== 1) continue;
      group.reset(count[p]!);
      for (let k = start[p]!; k < start[p + 1]!; k++) group.add(order[k]!);
      group.bound();
    }
  }
  return {
    persons: outPersons,
    rows: outRows,
    sums: outSums,
    multiOffsets: Uint32Array.from(multiOffsets),
    multiCells: Uint32Array.from(multiCells),
    kept,
  };
}

/** The rows of one person, bounded: at most L0 of their cells and L∞ rows per cell, chosen uniformly at random. */
class PersonGroup {
  private rows = new Uint32Array(64); // the person's rows, sorted by cell
  private runStart = new Uint32Array(65); // start of each distinct cell's run in rows
  private pick = new Uint32Array(64); // run indices for the partial Fisher–Yates
  private keys = new Float64Array(0);
  private m = 0;

  constructor(
    private readonly cells: Uint32Array,
    private readonly units: Float64Array | undefined,
    private readonly l0: number,
    private readonly linf: number,
    private readonly draws: ExactDraws,
    private readonly outPersons: Float64Array,
    private readonly outRows: Float64Array,
    private readonly outSums: Float64Array | undefined,
    private readonly kept: Uint8Array | undefined,
    private readonly multiOffsets: number[],
    private readonly multiCells: number[],
  ) {}

  reset(capacity: number): void {
    if (capacity > this.rows.length) {
      this.rows = new Uint32Array(capacity * 2);
      this.runStart = new Uint32Array(capacity * 2 + 1);
      this.pick = new Uint32Array(capacity * 2);
    }
    this.m = 0;
  }

  /** Adds a row (rows must be added in row order, so equal cells stay in row order). */
  add(row: number): void {
    this.rows[this.m++] = row;
  }

  bound(): void {
    const { cells, rows, runStart, pick, l0, linf, draws, outPersons, outRows, outSums, units, kept } = this;
    const m = this.m;
    // Sort the rows by cell: insertion sort for few rows, a native sort of packed keys for many.
    if (m <= INSERTION_LIMIT) {
      for (let j = 1; j < m; j++) {
        const row = rows[j]!;
        const c = cells[row]!;
        let k = j;
        while (k > 0 && cells[rows[k - 1]!]! > c) {
          rows[k] = rows[k - 1]!;
          k--;
        }
        rows[k] = row;
      }
    } else {
      if (this.keys.length < m) this.keys = new Float64Array(m * 2);
      const keys = this.keys;
      // Key cell · 2^26 + j sorts by cell then position; both parts fit in 53 bits (cells < 2^27, m < 2^26).
      for (let j = 0; j < m; j++) keys[j] = cells[rows[j]!]! * 67108864 + j;
      const sorted = keys.subarray(0, m).sort();
      const copy = rows.slice(0, m);
      for (let j = 0; j < m; j++) rows[j] = copy[sorted[j]! % 67108864]!;
    }
    // Runs of equal cells.
    let runs = 0;
    for (let j = 0; j < m; j++) if (j === 0 || cells[rows[j]!] !== cells[rows[j - 1]!]) runStart[runs++] = j;
    runStart[runs] = m;
    // L0: keep min(runs, L0) runs chosen uniformly (partial Fisher–Yates over the run indices).
    const keepRuns = runs < l0 ? runs : l0;
    for (let r = 0; r < runs; r++) pick[r] = r;
    if (runs > l0) {
      for (let r = 0; r < keepRuns; r++) {
        const s = r + draws.uniform(runs - r);
        const t = pick[r]!;
        pick[r] = pick[s]!;
        pick[s] = t;
      }
    }
    if (keepRuns > 1) {
      for (let r = 0; r < keepRuns; r++) this.multiCells.push(cells[rows[runStart[pick[r]!]!]!]!);
      this.multiOffsets.push(this.multiCells.length);
    }
    for (let r = 0; r < keepRuns; r++) {
      const run = pick[r]!;
      const a = runStart[run]!;
      const b = runStart[run + 1]!;
      const c = cells[rows[a]!]!;
      outPersons[c]!++;
      let end = b;
      if (b - a > linf) {
        // L∞: keep linf of the run's rows, chosen uniformly (partial Fisher–Yates in place).
        const len = b - a;
        for (let j = 0; j < linf; j++) {
          const s = a + j + draws.uniform(len - j);
          const t = rows[a + j]!;
          rows[a + j] = rows[s]!;
          rows[s] = t;
        }
        end = a + linf;
      }
      outRows[c]! += end - a;
      for (let j = a; j < end; j++) {
        if (kept) kept[rows[j]!] = 1;
        if (outSums) outSums[c]! += units![rows[j]!]!;
      }
    }
  }
}
