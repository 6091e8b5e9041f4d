// The per-person grouping under `aggregate`, checked by hand on a small input.
import { describe, expect, it } from 'vitest';
import { MULTI, multiOrder, NONE, personCells } from '../../src/aggregate/personCells.js';

describe('personCells', () => {
  // Rows (cell, person, value), trash = 99:
  //   0: (5, p0, 1)  1: (7, p1, 2)  2: (5, p0, 3)  3: (99, p2, 4)  4: (9, p1, 5)  5: (2, p3, 6)  6: (7, p1, 7)
  // p0: one cell (5), sum 4. p1: cells 7 (2 + 7 = 9) and 9 (5). p2: only a trashed row. p3: one cell (2).
  const cells = Uint32Array.of(5, 7, 5, 99, 9, 2, 7);
  const persons = Uint32Array.of(0, 1, 0, 2, 1, 3, 1);
  const values = Float64Array.of(1, 2, 3, 4, 5, 6, 7);
  const pc = personCells(cells, 99, persons, 5, [values]);

  it('finds single-cell persons, multi-cell persons and persons without counted rows', () => {
    expect([...pc.single]).toEqual([5, MULTI, NONE, 2, NONE]);
    expect([...pc.personSums[0]!]).toEqual([4, 14, 0, 6, 0]);
    expect(pc.multiCount).toBe(1);
    expect([...pc.multiPersons]).toEqual([1]);
  });

  it("lists a multi-cell person's distinct cells with their sums", () => {
    const cellsOf = [...pc.cells.subarray(pc.offsets[0], pc.offsets[1])];
    const sums = [...pc.cellSums[0]!.subarray(pc.offsets[0], pc.offsets[1])];
    const byCell = new Map(cellsOf.map((c, i) => [c, sums[i]]));
    expect(byCell).toEqual(new Map([[7, 9], [9, 5]]));
  });

  it('de-duplicates long row lists by sorting (more than 32 rows)', () => {
    // One person with 40 rows alternating between cells 3 and 1, value 1 each: 20 rows per cell.
    const n = 40;
    const long = personCells(
      Uint32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 3 : 1)),
      99,
      new Uint32Array(n),
      1,
      [new Float64Array(n).fill(1)],
    );
    expect([...long.cells]).toEqual([1, 3]);
    expect([...long.cellSums[0]!]).toEqual([20, 20]);
  });
});

describe('multiOrder', () => {
  it('orders the multi-cell persons by their smallest cell (a permutation)', () => {
    // Persons 0..3 with cells {8, 4}, {1, 9}, {6, 7}, {3, 2}: smallest cells 4, 1, 6, 2 -> order 1, 3, 0, 2.
    const cells = Uint32Array.of(8, 1, 6, 3, 4, 9, 7, 2);
    const persons = Uint32Array.of(0, 1, 2, 3, 0, 1, 2, 3);
    const pc = personCells(cells, 99, persons, 4, []);
    const smallest = (j: number) => Math.min(...pc.cells.subarray(pc.offsets[j], pc.offsets[j + 1]));
    const order = [...multiOrder(pc)];
    expect(order.map(smallest)).toEqual([1, 2, 4, 6]);
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
  });
});
