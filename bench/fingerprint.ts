/**
 * What every contender reports about its result, so that the benchmark can check that all of them computed the
 * same thing: the values of a few probe cells (see `BenchQuery.probes`) and the number of non-empty cells.
 */

/** Rows, distinct persons and sum(cost) of one cell; `NaN` where the contender cannot tell (persons of a margin in the bare loop). */
export interface CellValues {
  readonly rows: number;
  readonly persons: number;
  readonly sum: number;
}

/** A contender's answer to a query, reduced to what can be compared. */
export interface Fingerprint {
  /** One entry per probe of the query; `null` when the contender does not compute that cell (finest-level contenders). */
  readonly probes: readonly (CellValues | null)[];
  /** Number of cells with at least one row (all margins included), or `null` for finest-level contenders. */
  readonly nonEmptyCells: number | null;
  /** Number of finest cells (every dimension at a leaf) with at least one row, or `null` when not known. */
  readonly nonEmptyFinest: number | null;
}

/** Differences between two fingerprints (empty when they agree); sums may differ by 1e-9 relative (addition order). */
export function compareFingerprints(a: Fingerprint, b: Fingerprint): string[] {
  const out: string[] = [];
  // NaN (unknown) becomes null in JSON: either means "cannot tell", which agrees with anything.
  const unknown = (v: number | null): boolean => v === null || Number.isNaN(v);
  const close = (x: number, y: number, relative: number): boolean =>
    unknown(x) || unknown(y) || Math.abs(x - y) <= relative * Math.max(1, Math.abs(x), Math.abs(y));
  a.probes.forEach((p, i) => {
    const q = b.probes[i];
    if (!p || !q) return;
    if (!close(p.rows, q.rows, 0)) out.push(`probe ${i}: rows ${p.rows} vs ${q.rows}`);
    if (!close(p.persons, q.persons, 0)) out.push(`probe ${i}: persons ${p.persons} vs ${q.persons}`);
    if (!close(p.sum, q.sum, 1e-9)) out.push(`probe ${i}: sum ${p.sum} vs ${q.sum}`);
  });
  if (a.nonEmptyCells !== null && b.nonEmptyCells !== null && a.nonEmptyCells !== b.nonEmptyCells) {
    out.push(`non-empty cells ${a.nonEmptyCells} vs ${b.nonEmptyCells}`);
  }
  if (a.nonEmptyFinest !== null && b.nonEmptyFinest !== null && a.nonEmptyFinest !== b.nonEmptyFinest) {
    out.push(`non-empty finest cells ${a.nonEmptyFinest} vs ${b.nonEmptyFinest}`);
  }
  return out;
}
