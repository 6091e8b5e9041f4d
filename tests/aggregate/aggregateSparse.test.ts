// `aggregate` on a large, sparsely occupied cube (17^5 = 1.4 M cells, about 20 k occupied finest cells): the fused finest pass
// lists the occupied cells and the roll-up walks only them (`sparseRollUp`); more than 8192 rows of multi-cell
// persons make the pass grow its overflow lists while it runs. Two independent references:
// - the same call with a second measure, which takes the general path (index per row, counting passes, the dense
//   roll-up, persons from `personCells`): rows, persons and sums must be the same to the last bit (fractional costs,
//   so a change in the order of additions would show);
// - a naive count written here (every row adds itself to every combination of its leaves and the totals, in a
//   string-keyed Map, distinct persons as a Set per cell), for rows and persons of every occupied cell, and zero
//   everywhere else.
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/aggregate.js';
import { SPARSE_ROLL_UP_SHARE } from '../../src/aggregate/sparseRollUp.js';
import { type ColumnDef, makeExtract, type Row } from './helpers.js';

const DIMS = ['a', 'b', 'c', 'd', 'e'];
const LEAVES = Array.from({ length: 16 }, (_, i) => `v${String(i).padStart(2, '0')}`);

/** A fixed pseudo-random sequence (a 32-bit LCG), so that the extract is the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** 8,500 persons with two cells and two rows (8,500 overflow rows), 300 with three, 60 with five to seven, 2,000 with one. */
function extractRows(): Row[] {
  const next = lcg(2026);
  const pick = (): string => LEAVES[Math.floor(next() * LEAVES.length)]!;
  const rows: Row[] = [];
  let p = 0;
  const person = (cells: number, rowsEach: number): void => {
    const id = `P${p++}`;
    const own: Record<string, string>[] = [];
    for (let c = 0; c < cells; c++) own.push(Object.fromEntries(DIMS.map((d) => [d, pick()])));
    for (let r = 0; r < rowsEach; r++) {
      const at = own[r % cells]!;
      rows.push({ pid: id, ...at, cost: Math.floor(next() * 1000) / 7, other: 1 });
    }
  };
  for (let i = 0; i < 8500; i++) person(2, 2);
  for (let i = 0; i < 300; i++) person(3, 3);
  for (let i = 0; i < 60; i++) person(5 + (i % 3), 8);
  for (let i = 0; i < 2000; i++) person(1, 1 + (i % 2));
  // Interleave the persons' rows (a fixed permutation), so that a person's rows are not next to each other.
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}

describe('aggregate on a large sparse cube (sparse roll-up, growing overflow lists)', () => {
  const rows = extractRows();
  const columns: Record<string, ColumnDef> = { cost: { kind: 'number' }, other: { kind: 'number' } };
  for (const d of DIMS) columns[d] = { kind: 'code', codes: LEAVES };
  const extract = makeExtract(columns, rows, 'pid');
  const fast = aggregate(extract, { dimensions: DIMS, measures: ['cost'], unit: 'persons', topContributors: 0 });

  it('has the cube the test means (more than 2^20 cells, few occupied finest cells)', () => {
    expect(fast.cellCount).toBe(17 ** 5);
    expect(fast.cellCount).toBeGreaterThan(2 ** 20);
    // Finest cells: every coordinate a leaf (nodes 0 .. 15; the total is node 16).
    let occupied = 0;
    for (let i = 0; i < fast.cellCount; i++) if (fast.rows[i] !== 0 && fast.nodes(i).every((x) => x < 16)) occupied++;
    // With the joins of the multi-cell persons (at most one per two-cell person, 4 per three-cell person, 127 per
    // person with seven cells), the listed cells stay under 1/32 of the cube: the sparse roll-up is the one used.
    expect(occupied + 8500 + 4 * 300 + 127 * 60).toBeLessThan(fast.cellCount * SPARSE_ROLL_UP_SHARE);
  });

  it('gives the general path’s rows, persons and sums, bit for bit', () => {
    const general = aggregate(extract, { dimensions: DIMS, measures: ['cost', 'other'], unit: 'persons', topContributors: 0 });
    const bits = (a: Float64Array): BigUint64Array => new BigUint64Array(a.buffer, a.byteOffset, a.length);
    const same = (a: Float64Array, b: Float64Array): boolean => bits(a).every((x, i) => x === bits(b)[i]);
    expect(same(fast.rows, general.rows)).toBe(true);
    expect(same(fast.persons!, general.persons!)).toBe(true);
    expect(same(fast.sums.get('cost')!, general.sums.get('cost')!)).toBe(true);
  });

  it('counts rows and distinct persons as a naive Map/Set count does, in every cell', () => {
    // Keys: each dimension's leaf label, or '' for its total, joined; looked up in the table by label (indexOf).
    const naive = new Map<string, { rows: number; persons: Set<string> }>();
    for (const row of rows) {
      for (let mask = 0; mask < 1 << DIMS.length; mask++) {
        const key = DIMS.map((d, i) => (mask & (1 << i) ? '' : String(row[d]))).join('|');
        let cell = naive.get(key);
        if (!cell) naive.set(key, (cell = { rows: 0, persons: new Set() }));
        cell.rows++;
        cell.persons.add(String(row.pid));
      }
    }
    let checked = 0;
    for (const [key, cell] of naive) {
      const coords: Record<string, string> = {};
      key.split('|').forEach((label, i) => {
        if (label !== '') coords[DIMS[i]!] = label;
      });
      const i = fast.indexOf(coords);
      if (fast.rows[i] !== cell.rows || fast.persons![i] !== cell.persons.size) {
        expect({ key, rows: fast.rows[i], persons: fast.persons![i] }).toEqual({ key, rows: cell.rows, persons: cell.persons.size });
      }
      checked++;
    }
    // Every other cell is empty.
    let nonzero = 0;
    for (let i = 0; i < fast.cellCount; i++) if (fast.rows[i] !== 0 || fast.persons![i] !== 0) nonzero++;
    expect(nonzero).toBe(checked);
    expect(fast.rows[fast.cellCount - 1]).toBe(rows.length);
  });
});
