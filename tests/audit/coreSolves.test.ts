import { describe, expect, it } from 'vitest';
import { attackIntervals } from '../../src/audit/attackIntervals.js';
import type { Relations } from '../../src/audit/Relations.js';

/** Relations from `[total, ...members]` lists (cell indices). */
function relations(list: readonly (readonly number[])[]): Relations {
  const totals = Int32Array.from(list, (r) => r[0]!);
  const starts = new Int32Array(list.length + 1);
  const members: number[] = [];
  list.forEach((r, i) => {
    members.push(...r.slice(1));
    starts[i + 1] = members.length;
  });
  return { count: list.length, totals, starts, members: Int32Array.from(members) };
}

// A core LP's first solve runs with HiGHS's presolve, which may report "unbounded or infeasible" without saying
// which; these cases pin that the audit still tells them apart (an unbounded cell is wide open, contradicting
// published values are an error), never reading an infeasible model as an unbounded one.
describe('attackIntervals: the status of a core LP', () => {
  it('throws INVALID_VALUE when the published values admit no table (infeasible core, found only by the LP)', async () => {
    // Cells 0, 1 published (5 and 7); 2, 3, 4 hidden. Both relations say cell = 2 + 3 + 4: three unknowns each, so
    // no relation is eliminated before the LP, and 5 = 7 is a contradiction only the LP sees.
    const rel = relations([
      [0, 2, 3, 4],
      [1, 2, 3, 4],
    ]);
    const values = Float64Array.of(5, 7, 1, 2, 2);
    const hidden = Uint8Array.of(0, 0, 1, 1, 1);
    await expect(attackIntervals({ relations: rel, values, hidden, targets: Int32Array.of(2), describe: String })).rejects.toMatchObject({
      code: 'INVALID_VALUE',
    });
  });

  it('reports an unbounded cell as unbounded and the others exactly', async () => {
    // Cell 0 hidden = 1 + 2 + 3 (all hidden), nothing else: 0 can grow without limit (with 1), and by hand
    // min 0 = 0 (all zero), min 1 = 0, max 1 = Infinity; the true table (6, 1, 2, 3) is one point.
    const rel = relations([[0, 1, 2, 3]]);
    const values = Float64Array.of(6, 1, 2, 3);
    const hidden = Uint8Array.of(1, 1, 1, 1);
    const b = await attackIntervals({ relations: rel, values, hidden, targets: Int32Array.of(0, 1), describe: String });
    expect([...b.upper]).toEqual([Infinity, Infinity]);
    expect(b.lower[0]).toBeCloseTo(0, 9);
    expect(b.lower[1]).toBeCloseTo(0, 9);
    expect([...b.exact]).toEqual([1, 1]);
  });

  it('gives exact bounds on a bounded core (hand-computed)', async () => {
    // Published 9 = 0 + 1 + 2 and 4 = 0 + 3 + 4, cells 0..4 hidden with true values 2, 3, 4, 1, 1.
    // Cell 0 is at most min(9, 4) = 4 (others zero) and at least 0: interval [0, 4], width 4.
    const rel = relations([
      [5, 0, 1, 2],
      [6, 0, 3, 4],
    ]);
    const values = Float64Array.of(2, 3, 4, 1, 1, 9, 4);
    const hidden = Uint8Array.of(1, 1, 1, 1, 1, 0, 0);
    const b = await attackIntervals({ relations: rel, values, hidden, targets: Int32Array.of(0), describe: String });
    expect(b.lower[0]).toBeCloseTo(0, 9);
    expect(b.upper[0]).toBeCloseTo(4, 9);
    expect(b.exact[0]).toBe(1);
  });
});

describe('attackIntervals: grouping the core rows into LP models', () => {
  it('keeps a row that joins three earlier groups in one model with all its cells (hand-computed bounds)', async () => {
    // Hidden cells 10-12, 50-52, 70-72; published totals 100-103. Rows (total = sum of members):
    //   100 = 50 + 51 + 52 (3), 101 = 70 + 71 + 72 (6), 102 = 10 + 11 + 12 (6), 103 = 10 + 50 + 70 (4).
    // Every row keeps three unknowns, so all four reach the LP; the last joins the three groups the first three
    // made, the case where linking the first group's stale root twice split the groups and left cell 50 out of
    // the last row's model. By hand: 10 <= min(6, 4) = 4 (50 = 70 = 0, 51 + 52 = 3, 71 + 72 = 6, 11 + 12 = 2),
    // 50 <= min(3, 4) = 3, 70 <= min(6, 4) = 4; each can be 0. True values 1, 2, 3 | 1, 1, 1 | 2, 2, 2.
    const rel = relations([
      [100, 50, 51, 52],
      [101, 70, 71, 72],
      [102, 10, 11, 12],
      [103, 10, 50, 70],
    ]);
    const values = new Float64Array(104);
    const hidden = new Uint8Array(104);
    const truth: [number, number][] = [[10, 1], [11, 2], [12, 3], [50, 1], [51, 1], [52, 1], [70, 2], [71, 2], [72, 2]];
    for (const [c, v] of truth) {
      values[c] = v;
      hidden[c] = 1;
    }
    values[100] = 3;
    values[101] = 6;
    values[102] = 6;
    values[103] = 4;
    const b = await attackIntervals({ relations: rel, values, hidden, targets: Int32Array.of(10, 50, 70), describe: String });
    expect([...b.upper].map((u) => Math.round(u * 1e9) / 1e9)).toEqual([4, 3, 4]);
    expect([...b.lower].map((l) => Math.round(l * 1e9) / 1e9 + 0)).toEqual([0, 0, 0]);
  });
});
