import { rootCodeColumn } from './Grouper.js';
import type { LevelCodes } from './LevelCodes.js';
import type { Snapshot } from './Snapshot.js';

/** Largest number of cells of a pair's table at the floor levels; larger pairs are not used. */
const MAX_CELLS = 1 << 18;

interface PairTable {
  readonly a: number;
  readonly b: number;
  /** Level count of b, the row length of `bad`. */
  readonly levelsB: number;
  /** `bad[la * levelsB + lb]` = 1 when (la, lb) alone forces too many records into too-small classes. */
  readonly bad: Uint8Array;
}

/**
 * Two-attribute projections as a necessary condition for admissibility, the pairwise extension of
 * `projectionFloor`: a class of a node lies inside one class of the node's projection on any two
 * quasi-identifiers, so when the records in projection classes smaller than the smallest allowed class exceed the
 * suppression limit, the node is not admissible (those records are in too-small classes, which always violate).
 * The condition is monotone (a generalisation merges projection classes), so a failing node is as good as tagged
 * inadmissible; on Adult without suppression it rules out all but about 200 of the 6,480 transformations before
 * any check.
 *
 * For every pair of quasi-identifiers, the joint counts at the floor levels are taken once from the search's
 * starting classes, then rolled up to every pair of levels. Internal to the search.
 *
 * Cost O(pairs × (starting classes + Σ over level pairs of the non-empty floor cells)); `inadmissible` O(pairs).
 *
 * @example
 * const filter = new PairFilter(start, floor, codes, [5, 2, 2], 2, 0);
 * filter.inadmissible(Uint8Array.of(0, 0, 1)) // true when some (age, sex) cell at levels (0, 0) holds one record
 */
export class PairFilter {
  private readonly pairs: readonly PairTable[];

  constructor(start: Snapshot, floor: Uint8Array, codes: LevelCodes, levelCounts: readonly number[], minClassSize: number, maxSuppressed: number) {
    const pairs: PairTable[] = [];
    this.pairs = pairs;
    if (minClassSize <= 1) return;
    const d = levelCounts.length;
    const m = start.classCount;
    // Code of every starting class at the floor (the root's memoised columns, shared with the group-bys).
    const atFloor = Array.from(floor, (level, j) => {
      const rootColumn = rootCodeColumn(start.root, codes, j, level);
      return start.direct ? rootColumn : Int32Array.from(start.atoms, (atom) => rootColumn[atom]!);
    });
    // Maps from floor codes to codes at each higher level.
    const up = floor.reduce<Int32Array[][]>((out, level, j) => {
      const maps: Int32Array[] = [];
      const leafOf = codes.leafOfCode[j]![level]!;
      for (let l = 0; l < levelCounts[j]!; l++) {
        const to = codes.codes[j]![l]!;
        const map = new Int32Array(codes.radix[j]![level]!);
        // A floor code's code at level l: that of any present leaf under it.
        if (l >= level) for (let x = 0; x < map.length; x++) map[x] = to[leafOf[x]!]!;
        maps.push(map);
      }
      out.push(maps);
      return out;
    }, []);
    // The pairs worth a table, and their joint counts at the floor, filled in one pass over the classes.
    const candidates: { a: number; b: number; rb: number; table: Float64Array }[] = [];
    for (let a = 0; a < d; a++) {
      for (let b = a + 1; b < d; b++) {
        const ra = codes.radix[a]![floor[a]!]!;
        const rb = codes.radix[b]![floor[b]!]!;
        if (ra * rb > MAX_CELLS || ra === 1 || rb === 1) continue;
        candidates.push({ a, b, rb, table: new Float64Array(ra * rb) });
      }
    }
    const counts = start.counts;
    for (const { a, b, rb, table } of candidates) {
      const ca = atFloor[a]!;
      const cb = atFloor[b]!;
      for (let c = 0; c < m; c++) table[ca[c]! * rb + cb[c]!]! += counts[c]!;
    }
    // Scratch for the rolled-up tables, cleared cell by cell after use.
    let scratch = new Float64Array(64);
    let touched = new Int32Array(64);
    for (const { a, b, rb, table } of candidates) {
      // The non-empty cells at the floor.
      const cellA: number[] = [];
      const cellB: number[] = [];
      const cellN: number[] = [];
      for (let i = 0; i < table.length; i++) {
        if (table[i]! > 0) {
          cellA.push(Math.floor(i / rb));
          cellB.push(i % rb);
          cellN.push(table[i]!);
        }
      }
      const cells = cellN.length;
      if (touched.length < cells) touched = new Int32Array(cells);
      const levelsA = levelCounts[a]!;
      const levelsB = levelCounts[b]!;
      const bad = new Uint8Array(levelsA * levelsB);
      let any = false;
      // Bad level pairs form a down-set: in each row (la) they end at the first good lb, and that boundary never
      // moves right as la grows, so each row stops at its first good pair and starts no further than the last one.
      let end = levelsB;
      for (let la = floor[a]!; la < levelsA; la++) {
        for (let lb = floor[b]!; lb < levelsB; lb++) {
          if (lb >= end) break;
          const mapA = up[a]![la]!;
          const mapB = up[b]![lb]!;
          const width = codes.radix[b]![lb]!;
          const span = codes.radix[a]![la]! * width;
          if (scratch.length < span) scratch = new Float64Array(Math.max(span, scratch.length * 2));
          let listed = 0;
          for (let e = 0; e < cells; e++) {
            const at = mapA[cellA[e]!]! * width + mapB[cellB[e]!]!;
            if (scratch[at] === 0) touched[listed++] = at;
            scratch[at]! += cellN[e]!;
          }
          let outliers = 0;
          for (let t = 0; t < listed; t++) {
            const n = scratch[touched[t]!]!;
            if (n < minClassSize) outliers += n;
            scratch[touched[t]!] = 0;
          }
          if (outliers > maxSuppressed) {
            bad[la * levelsB + lb] = 1;
            any = true;
          } else {
            end = lb;
          }
        }
      }
      if (any) pairs.push({ a, b, levelsB, bad });
    }
  }

  /** True when some pair of quasi-identifiers alone makes the node inadmissible. */
  inadmissible(levels: Uint8Array): boolean {
    for (const p of this.pairs) if (p.bad[levels[p.a]! * p.levelsB + levels[p.b]!]) return true;
    return false;
  }
}
