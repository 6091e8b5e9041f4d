import { PrikkError } from '../../../errors/PrikkError.js';
import type { LevelCodes } from './LevelCodes.js';
import { newCodeColumn, type CodeColumnArray, type Snapshot, type SnapshotRoot } from './Snapshot.js';

/** Result of {@link Grouper.group}; the arrays are the grouper's scratch, valid until its next call. */
export interface Grouping {
  /** Number of groups. */
  readonly classCount: number;
  /** Group of each input item. */
  readonly classOf: Int32Array;
  /** First input item of each group (`firstMember[g]` for g < classCount). */
  readonly firstMember: Int32Array;
}

const TWO_31 = 2 ** 31;
const TWO_53 = 2 ** 53;
/** Largest key range counted with a dense table (16 MB of scratch). */
const DENSE_LIMIT = 1 << 21;
const GOLDEN = 0x9e3779b1 | 0;
const MIX = 0x85ebca6b | 0;

/**
 * Group-by over generalised quasi-identifier tuples on typed arrays: each item (a record, or a class of a more
 * specialised node) has one leaf per quasi-identifier; its key is the mixed-radix number of the dense codes of the
 * leaves' ancestors at the requested levels (see {@link LevelCodes}). Keys are counted in a dense table when their
 * range is at most 2^21 and at most 8 × items + 2^16, else in an open-addressing hash table (linear probing, load <= 1/2) with 32-bit integer
 * keys when the range is below 2^31 and float64 keys below 2^53. A larger range is grouped in stages: the first
 * quasi-identifiers are grouped, their group number becomes the high digit of the next stage's key, and so on
 * (each stage's range stays below 2^53, because group numbers are below the item count).
 *
 * Tables are reused across calls and cleared by generation stamps, not by filling. Internal to the search.
 *
 * Cost O(items × d) per call.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when a single stage's key cannot be exact (groups × one quasi-identifier's
 * distinct values above 2^53).
 * @example
 * // Adult (sex, age, race, marital status, education, country, workclass, occupation), k = 2: from the 11,244
 * // classes at the floor (age and country at level 1) to sex *, age in 20-year bands, education and country at
 * // level 2 and 1, workclass *:
 * const g = new Grouper().group(start, Uint8Array.of(1, 3, 0, 0, 2, 1, 2, 0), codes);
 * g.classCount  // 1856
 * g.classOf[0]  // the class of the first distinct record
 */
export class Grouper {
  private keysI = new Int32Array(0);
  private keysF = new Float64Array(0);
  private classOf = new Int32Array(0);
  private firstMember = new Int32Array(0);
  private denseSlot = new Int32Array(0);
  private denseStamp = new Uint32Array(0);
  private tableKeysI = new Int32Array(0);
  private tableKeysF = new Float64Array(0);
  private tableSlot = new Int32Array(0);
  private tableStamp = new Uint32Array(0);
  private generation = 0;

  /**
   * Groups the classes of `source` by their ancestors at `levels` (one level per quasi-identifier).
   */
  group(source: Snapshot, levels: ArrayLike<number>, codes: LevelCodes): Grouping {
    const m = source.classCount;
    const d = source.levels.length;
    this.ensureItems(m);
    let classCount = 0;
    let previousBound = 1; // keys so far are below this (1: no stage yet)
    let j = 0;
    while (j < d) {
      // Take quasi-identifiers into this stage while the key range stays exact in a float64.
      let bound = previousBound;
      const first = j;
      while (j < d) {
        const next = bound * codes.radix[j]![levels[j]!]!;
        if (next > TWO_53 && j > first) break;
        bound = next;
        j++;
      }
      if (bound > TWO_53) {
        throw new PrikkError('INVALID_ARGUMENT', `anonymise: too many distinct values to key exactly (${previousBound} groups × ${codes.radix[first]![levels[first]!]} values)`);
      }
      const chained = first > 0;
      const useInt = bound < TWO_31;
      if (useInt) this.stageKeysInt(source, levels, codes, first, j, chained);
      else this.stageKeysFloat(source, levels, codes, first, j, chained);
      // Dense when the key range is small in absolute terms and next to the item count (no large sparse table).
      if (useInt && bound <= DENSE_LIMIT && bound <= 8 * m + 65536) classCount = this.groupDense(m, bound);
      else if (useInt) classCount = this.groupHashInt(m);
      else classCount = this.groupHashFloat(m);
      previousBound = classCount;
    }
    if (d === 0) {
      this.classOf.fill(0, 0, m);
      this.firstMember[0] = 0;
      classCount = m > 0 ? 1 : 0;
    }
    return { classCount, classOf: this.classOf, firstMember: this.firstMember };
  }

  /** The root's code column of quasi-identifier j at `level` (memoised on the root): `column[atoms[c]]` is class c's code. */
  rootColumn(source: Snapshot, codes: LevelCodes, j: number, level: number): CodeColumnArray {
    return rootCodeColumn(source.root, codes, j, level);
  }

  /** Class i's codes of quasi-identifier j at `level`: the root's column (direct snapshots) or the memoised gather. */
  private column(source: Snapshot, codes: LevelCodes, j: number, level: number): CodeColumnArray {
    const rootColumn = rootCodeColumn(source.root, codes, j, level);
    if (source.direct) return rootColumn;
    const perLevel = (source.columns[j] ??= []);
    let column = perLevel[level];
    if (!column) {
      const m = source.classCount;
      const atoms = source.atoms;
      column = newCodeColumn(codes.radix[j]![level]!, m);
      for (let c = 0; c < m; c++) column[c] = rootColumn[atoms[c]!]!;
      perLevel[level] = column;
    }
    return column;
  }

  private stageKeysInt(source: Snapshot, levels: ArrayLike<number>, codes: LevelCodes, from: number, to: number, chained: boolean): void {
    const m = source.classCount;
    const keys = this.keysI;
    // The quasi-identifiers that split anything (radix > 1), two per pass over the keys.
    const columns: CodeColumnArray[] = [];
    const radices: number[] = [];
    for (let j = from; j < to; j++) {
      const radix = codes.radix[j]![levels[j]!]!;
      if (radix === 1) continue;
      columns.push(this.column(source, codes, j, levels[j]!));
      radices.push(radix);
    }
    let t = 0;
    if (chained) keys.set(this.classOf.subarray(0, m));
    else if (columns.length > 0) keys.set(columns[t++]!.subarray(0, m));
    else keys.fill(0, 0, m);
    // Readable: for each quasi-identifier j in turn, keys[i] = keys[i] * radix_j + column_j[i].
    for (; t + 1 < columns.length; t += 2) {
      const a = columns[t]!;
      const b = columns[t + 1]!;
      const ra = radices[t]!;
      const rb = radices[t + 1]!;
      for (let i = 0; i < m; i++) keys[i] = (keys[i]! * ra + a[i]!) * rb + b[i]!;
    }
    if (t < columns.length) {
      const a = columns[t]!;
      const ra = radices[t]!;
      for (let i = 0; i < m; i++) keys[i] = keys[i]! * ra + a[i]!;
    }
  }

  private stageKeysFloat(source: Snapshot, levels: ArrayLike<number>, codes: LevelCodes, from: number, to: number, chained: boolean): void {
    const m = source.classCount;
    const keys = this.keysF;
    if (chained) for (let i = 0; i < m; i++) keys[i] = this.classOf[i]!;
    else keys.fill(0, 0, m);
    for (let j = from; j < to; j++) {
      const radix = codes.radix[j]![levels[j]!]!;
      if (radix === 1) continue;
      const column = this.column(source, codes, j, levels[j]!);
      for (let i = 0; i < m; i++) keys[i] = keys[i]! * radix + column[i]!;
    }
  }

  /**
   * Scratch for integer keys of `m` items: fill it with keys below `bound` (< 2^31), then call
   * {@link Grouper.groupFilledKeys}. Lets a caller that can compute keys directly skip the code columns.
   */
  keyScratch(m: number): Int32Array {
    this.ensureItems(m);
    return this.keysI;
  }

  /** Groups the `m` keys written into {@link Grouper.keyScratch} (all below `bound`, which is below 2^31). */
  groupFilledKeys(m: number, bound: number): Grouping {
    const classCount = bound <= DENSE_LIMIT && bound <= 8 * m + 65536 ? this.groupDense(m, bound) : this.groupHashInt(m);
    return { classCount, classOf: this.classOf, firstMember: this.firstMember };
  }

  private ensureItems(m: number): void {
    if (this.classOf.length < m) {
      const size = Math.max(m, this.classOf.length * 2);
      this.classOf = new Int32Array(size);
      this.firstMember = new Int32Array(size);
      this.keysI = new Int32Array(size);
      this.keysF = new Float64Array(size);
    }
  }

  /** A copy of the last grouping's class of each item (`items` of them). */
  lastClassOf(items: number): Int32Array {
    return this.classOf.slice(0, items);
  }

  /** The last grouping's first member per group (scratch, valid until the next call). */
  lastFirstMember(): Int32Array {
    return this.firstMember;
  }

  private nextGeneration(): number {
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      this.denseStamp.fill(0);
      this.tableStamp.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }

  private groupDense(m: number, bound: number): number {
    if (this.denseSlot.length < bound) {
      const size = Math.min(DENSE_LIMIT, Math.max(bound, this.denseSlot.length * 2));
      this.denseSlot = new Int32Array(size);
      this.denseStamp = new Uint32Array(size);
    }
    const gen = this.nextGeneration();
    const { keysI: keys, denseSlot: slot, denseStamp: stamp, classOf, firstMember } = this;
    let count = 0;
    for (let i = 0; i < m; i++) {
      const key = keys[i]!;
      if (stamp[key] !== gen) {
        stamp[key] = gen;
        slot[key] = count;
        firstMember[count++] = i;
      }
      classOf[i] = slot[key]!;
    }
    return count;
  }

  private ensureTable(m: number): { mask: number; shift: number } {
    let size = 16;
    while (size < 2 * m) size *= 2;
    if (this.tableSlot.length < size) {
      this.tableSlot = new Int32Array(size);
      this.tableStamp = new Uint32Array(size);
      this.tableKeysI = new Int32Array(size);
      this.tableKeysF = new Float64Array(size);
    }
    return { mask: size - 1, shift: 32 - Math.log2(size) };
  }

  private groupHashInt(m: number): number {
    const { mask, shift } = this.ensureTable(m);
    const gen = this.nextGeneration();
    const { keysI: keys, tableKeysI: tkeys, tableSlot: slot, tableStamp: stamp, classOf, firstMember } = this;
    let count = 0;
    for (let i = 0; i < m; i++) {
      const key = keys[i]!;
      let h = Math.imul(key, GOLDEN) >>> shift;
      while (stamp[h] === gen && tkeys[h] !== key) h = (h + 1) & mask;
      if (stamp[h] !== gen) {
        stamp[h] = gen;
        tkeys[h] = key;
        slot[h] = count;
        firstMember[count++] = i;
      }
      classOf[i] = slot[h]!;
    }
    return count;
  }

  private groupHashFloat(m: number): number {
    const { mask, shift } = this.ensureTable(m);
    const gen = this.nextGeneration();
    const { keysF: keys, tableKeysF: tkeys, tableSlot: slot, tableStamp: stamp, classOf, firstMember } = this;
    let count = 0;
    for (let i = 0; i < m; i++) {
      const key = keys[i]!;
      const low = key % 4294967296 | 0;
      const high = Math.floor(key / 4294967296) | 0;
      let h = Math.imul(low ^ Math.imul(high, MIX), GOLDEN) >>> shift;
      while (stamp[h] === gen && tkeys[h] !== key) h = (h + 1) & mask;
      if (stamp[h] !== gen) {
        stamp[h] = gen;
        tkeys[h] = key;
        slot[h] = count;
        firstMember[count++] = i;
      }
      classOf[i] = slot[h]!;
    }
    return count;
  }
}


/**
 * The root's code column of quasi-identifier j at `level`, memoised on the root: `column[i]` is root item i's code.
 * Cost O(root items) the first time, O(1) after.
 */
export function rootCodeColumn(root: SnapshotRoot, codes: LevelCodes, j: number, level: number): CodeColumnArray {
  const perLevel = (root.columns[j] ??= []);
  let column = perLevel[level];
  if (!column) {
    const m = root.count;
    const d = codes.codes.length;
    const out = newCodeColumn(codes.radix[j]![level]!, m);
    const code = codes.codes[j]![level]!;
    const reps = root.reps;
    // Readable: out[i] = code[reps[i * d + j]]
    for (let i = 0, at = j; i < m; i++, at += d) out[i] = code[reps[at]!]!;
    perLevel[level] = out;
    column = out;
  }
  return column;
}
