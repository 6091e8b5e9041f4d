/**
 * Contender (c): a bare typed-array counting loop over precomputed finest-cell indices: the speed limit for the
 * finest level (no margins). The index of each row's finest cell is computed beforehand (not timed); the timed
 * loop counts rows, sums cost and counts distinct persons per cell.
 */
import type { Hierarchy } from '../../src/hierarchy/Hierarchy.js';
import type { Extract } from '../../src/read/Extract.js';
import type { CellValues, Fingerprint } from '../fingerprint.js';
import type { BenchDimension, BenchQuery } from '../queries.js';

/** Each row's finest cell in a dense array over the leaves of the query's dimensions (last dimension fastest). */
export interface FinestIndex {
  readonly cells: Uint32Array;
  readonly cellCount: number;
  readonly strides: readonly number[];
}

/** Computes the finest-cell index of every row (setup, not timed). Throws on a value that is not a leaf. */
export function finestIndex(extract: Extract, query: BenchQuery, hierarchies: Readonly<Record<BenchDimension, Hierarchy>>): FinestIndex {
  const shape = query.dimensions.map((d) => hierarchies[d].leafCount);
  const strides: number[] = [];
  let cellCount = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = cellCount;
    cellCount *= shape[d]!;
  }
  const cells = new Uint32Array(extract.rowCount);
  query.dimensions.forEach((name, d) => {
    const h = hierarchies[name];
    const column = extract.columns.get(name);
    if (!column) throw new Error(`bench: the extract has no column '${name}'`);
    const stride = strides[d]!;
    if (column.kind === 'code') {
      const offset = column.dictionary.map((label) => h.leafOf(label) * stride);
      const codes = column.codes;
      for (let i = 0; i < cells.length; i++) {
        const o = offset[codes[i]!]!;
        if (o < 0) throw new Error(`bench: '${column.dictionary[codes[i]!]}' is not a leaf of '${name}'`);
        cells[i]! += o;
      }
    } else {
      const values = column.values;
      for (let i = 0; i < cells.length; i++) {
        const leaf = h.leafOfNumber(values[i]!);
        if (leaf < 0) throw new Error(`bench: ${values[i]} is not in a band of '${name}'`);
        cells[i]! += leaf * stride;
      }
    }
  });
  return { cells, cellCount, strides };
}

/** The finest cells' rows, distinct persons and sums. */
export interface BareResult {
  readonly rows: Float64Array;
  readonly persons: Float64Array;
  readonly sums: Float64Array;
}

/**
 * The timed loop. Rows and sums: one pass. Distinct persons: a person counts in the cell of their first row at once
 * (`first[p]`); a later row of theirs in another cell counts only if the pair (person, cell) is new, checked in a
 * Set that holds only those pairs (most persons have one cell, so the Set stays small).
 */
export function bareLoop(index: FinestIndex, persons: Uint32Array, personCount: number, cost: Float64Array): BareResult {
  const { cells, cellCount } = index;
  const n = cells.length;
  const rows = new Float64Array(cellCount);
  const sums = new Float64Array(cellCount);
  const distinct = new Float64Array(cellCount);
  const first = new Int32Array(personCount).fill(-1);
  const pairs = new Set<number>();
  for (let i = 0; i < n; i++) {
    const c = cells[i]!;
    rows[c]!++;
    sums[c]! += cost[i]!;
    const p = persons[i]!;
    const f = first[p]!;
    if (f === -1) {
      first[p] = c;
      distinct[c]!++;
    } else if (f !== c) {
      const key = p * cellCount + c;
      if (!pairs.has(key)) {
        pairs.add(key);
        distinct[c]!++;
      }
    }
  }
  return { rows, persons: distinct, sums };
}

/** The fingerprint of the bare loop: the finest probe, the grand total's rows and sum (persons unknown there). */
export function bareFingerprint(result: BareResult, index: FinestIndex, query: BenchQuery, hierarchies: Readonly<Record<BenchDimension, Hierarchy>>): Fingerprint {
  let rows = 0;
  let sum = 0;
  let nonEmptyFinest = 0;
  for (let c = 0; c < index.cellCount; c++) {
    rows += result.rows[c]!;
    sum += result.sums[c]!;
    if (result.rows[c]! > 0) nonEmptyFinest++;
  }
  const probes = query.probes.map((probe): CellValues | null => {
    if (Object.keys(probe).length === 0) return { rows, persons: Number.NaN, sum };
    let c = 0;
    for (const [d, name] of query.dimensions.entries()) {
      const label = probe[name];
      const leaf = label === undefined ? -1 : hierarchies[name].leafOf(label);
      if (leaf < 0) return null;
      c += leaf * index.strides[d]!;
    }
    return { rows: result.rows[c]!, persons: result.persons[c]!, sum: result.sums[c]! };
  });
  return { probes, nonEmptyCells: null, nonEmptyFinest };
}
