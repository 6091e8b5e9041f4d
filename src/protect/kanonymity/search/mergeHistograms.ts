import type { Snapshot } from './Snapshot.js';

/** Sensitive-value histograms of the merged classes, CSR (see {@link Snapshot}). */
export interface MergedHistograms {
  readonly histStart: Uint32Array;
  readonly histValues: Uint32Array;
  readonly histCounts: Uint32Array;
}

/**
 * Merges the sensitive-value histograms of a snapshot's classes into the histograms of the groups they fall in
 * (`classOf[i]` is the group of class i). `accumulator` is zeroed scratch with one slot per sensitive code; it is
 * left zeroed. Internal to the search.
 *
 * Cost O(classes + histogram entries).
 *
 * @example
 * // classes 0 {a: 2} and 1 {a: 1, b: 1} fall in group 0: its histogram is {a: 3, b: 1}
 * mergeHistograms(source, Int32Array.of(0, 0), 1, new Uint32Array(2)).histCounts // Uint32Array [3, 1]
 */
export function mergeHistograms(source: Snapshot, classOf: Int32Array, groupCount: number, accumulator: Uint32Array): MergedHistograms {
  const m = source.classCount;
  const srcStart = source.histStart!;
  const srcValues = source.histValues!;
  const srcCounts = source.histCounts!;
  // Bucket the source classes by group (counting sort).
  const memberStart = new Uint32Array(groupCount + 1);
  for (let i = 0; i < m; i++) memberStart[classOf[i]! + 1]!++;
  for (let g = 0; g < groupCount; g++) memberStart[g + 1]! += memberStart[g]!;
  const cursor = memberStart.slice(0, groupCount);
  const members = new Int32Array(m);
  for (let i = 0; i < m; i++) members[cursor[classOf[i]!]!++] = i;

  const histStart = new Uint32Array(groupCount + 1);
  const values = new Uint32Array(srcValues.length);
  const counts = new Uint32Array(srcValues.length);
  let at = 0;
  for (let g = 0; g < groupCount; g++) {
    const begin = at;
    for (let k = memberStart[g]!; k < memberStart[g + 1]!; k++) {
      const i = members[k]!;
      for (let e = srcStart[i]!; e < srcStart[i + 1]!; e++) {
        const v = srcValues[e]!;
        if (accumulator[v] === 0) values[at++] = v;
        accumulator[v]! += srcCounts[e]!;
      }
    }
    for (let e = begin; e < at; e++) {
      const v = values[e]!;
      counts[e] = accumulator[v]!;
      accumulator[v] = 0;
    }
    histStart[g + 1] = at;
  }
  return { histStart, histValues: values.slice(0, at), histCounts: counts.slice(0, at) };
}
