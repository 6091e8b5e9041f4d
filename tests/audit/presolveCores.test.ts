import { describe, expect, it } from 'vitest';
import { attackIntervals } from '../../src/audit/attackIntervals.js';
import { CellSpace } from '../../src/audit/CellSpace.js';
import { flat, makeTable } from './tableHelpers.js';

// A core LP's cold first solve runs HiGHS's presolve only on cores of 600 columns or more (PRESOLVE_MIN_COLUMNS in
// attackIntervals.ts). Both paths are checked against the Fréchet bounds: in a two-way table whose interior is all
// hidden and whose margins are published, cell (i, j) ranges exactly over
// [max(0, r_i + c_j - T), min(r_i, c_j)] (row sum r_i, column sum c_j, grand total T; the transportation
// polytope's bounds, Fréchet 1951), computed here from the margins without any LP.
function frechetCase(rows: number, cols: number): Promise<void> {
  const leaves = Array.from({ length: rows * cols }, (_, k) => ((Math.floor(k / cols) * 7 + (k % cols) * 3) % 5) + ((Math.floor(k / cols) + k) % 3));
  const t = makeTable(
    [
      { name: 'r', hierarchy: flat('T', Array.from({ length: rows }, (_, i) => `r${i}`)) },
      { name: 'c', hierarchy: flat('T', Array.from({ length: cols }, (_, j) => `c${j}`)) },
    ],
    leaves,
  );
  const space = CellSpace.fromTables([t]);
  const values = space.values({ kind: 'count' });
  const hidden = new Uint8Array(t.cellCount);
  const rowSum = new Float64Array(rows);
  const colSum = new Float64Array(cols);
  let total = 0;
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      const v = leaves[i * cols + j]!;
      hidden[t.indexOf({ r: `r${i}`, c: `c${j}` })] = 1;
      rowSum[i] = rowSum[i]! + v;
      colSum[j] = colSum[j]! + v;
      total += v;
    }
  const picks = [
    [0, 0],
    [1, cols - 1],
    [rows - 1, 2],
    [Math.floor(rows / 2), Math.floor(cols / 2)],
  ] as const;
  const targets = Int32Array.from(picks, ([i, j]) => t.indexOf({ r: `r${i}`, c: `c${j}` }));
  return attackIntervals({ relations: space.relations, values, hidden, targets, describe: String }).then((b) => {
    picks.forEach(([i, j], k) => {
      expect(b.exact[k]).toBe(1);
      expect(b.lower[k]).toBeCloseTo(Math.max(0, rowSum[i]! + colSum[j]! - total), 6);
      expect(b.upper[k]).toBeCloseTo(Math.min(rowSum[i]!, colSum[j]!), 6);
    });
  });
}

describe('attackIntervals: cold solves with and without presolve give the exact intervals', () => {
  it('matches the Fréchet bounds on a 6 x 5 hidden interior (a small core: no presolve)', async () => {
    await frechetCase(6, 5);
  });
  it('matches the Fréchet bounds on a 30 x 24 hidden interior (a core of about 700 columns: presolve)', async () => {
    await frechetCase(30, 24);
  });
});
