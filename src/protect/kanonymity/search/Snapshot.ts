/**
 * A column of dense codes. Always an `Int32Array`: one element type keeps the group-by's hot loops monomorphic
 * (mixing Uint8/Uint16/Uint32 columns made V8's element loads polymorphic and the loops several times slower).
 */
export type CodeColumnArray = Int32Array;

/**
 * A zeroed code column of `length` entries (codes are below `radix`, which is below 2^31). Cost O(length).
 * @example
 * newCodeColumn(300, 4) // Int32Array [0, 0, 0, 0]
 */
export function newCodeColumn(_radix: number, length: number): CodeColumnArray {
  return new Int32Array(length);
}

/**
 * The items every snapshot's classes point into: the distinct records (or the records), with their leaves. Internal.
 */
export interface SnapshotRoot {
  /** Number of items. */
  readonly count: number;
  /** Leaves, row-major: `reps[i * d + j]` is item i's leaf of quasi-identifier j. */
  readonly reps: Uint32Array;
  /**
   * Memo of code columns, filled by the grouper on first use: `columns[j][l][i]` is the dense code (see
   * `LevelCodes`) of item i's ancestor at level l of quasi-identifier j. Mutable scratch.
   */
  readonly columns: (CodeColumnArray | undefined)[][];
}

/**
 * The equivalence classes of one lattice node, kept so that a more general node can be evaluated from them
 * (ARX's "snapshot" optimisation: a generalisation only merges classes, so it is a group-by over the classes of any
 * specialisation, weighted by their counts, instead of over the records). A class is represented by one of its
 * items in the root (every member of a class has the same ancestors at this node's levels and above, so one stands
 * for all). Internal.
 */
export interface Snapshot {
  /** The node's index in the lattice (-1 when not known). */
  readonly node: number;
  /** Generalisation level per quasi-identifier. */
  readonly levels: Uint8Array;
  /** Number of classes. */
  readonly classCount: number;
  /** Records per class. */
  readonly counts: Uint32Array;
  /** Σ counts²: the discernibility of this node without suppression, a lower bound for every generalisation. */
  readonly squares: number;
  /** The items the classes point into. */
  readonly root: SnapshotRoot;
  /** One root item per class. */
  readonly atoms: Int32Array;
  /** Histogram of sensitive codes per class, CSR: class c owns entries `histStart[c] .. histStart[c + 1]`. */
  readonly histStart: Uint32Array | undefined;
  readonly histValues: Uint32Array | undefined;
  readonly histCounts: Uint32Array | undefined;
  /** True when class i is root item i (`atoms` is the identity): keys read the root's columns directly. */
  readonly direct: boolean;
  /**
   * Memo of this snapshot's code columns when not `direct`, gathered from the root's on first use as a source:
   * `columns[j][l][c]` is class c's code. Snapshots serve as sources about three times each on Adult, so gathering
   * once and reading contiguously beats reading the root through `atoms` every time. Mutable scratch.
   */
  readonly columns: (CodeColumnArray | undefined)[][];
}

/**
 * Number of 32-bit words a snapshot holds (counts, atoms, memoised columns, histograms), for the cache's budget.
 * Cost O(d × levels).
 * @example
 * snapshotWords(snapshot) // 3 × classes before any column is memoised, without histograms
 */
export function snapshotWords(s: Snapshot): number {
  let memo = 0;
  for (let j = 0; j < s.columns.length; j++) {
    const perLevel = s.columns[j];
    if (perLevel) for (let l = 0; l < perLevel.length; l++) if (perLevel[l]) memo++;
  }
  return s.classCount * (3 + memo) + (s.histValues ? s.histValues.length * 2 : 0);
}
