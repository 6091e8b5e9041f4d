import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import { buildRepairLp } from '../../../src/protect/suppression/buildRepairLp.js';
import { repairNeighbourhood } from '../../../src/protect/suppression/repairCell.js';
import { flat, makeTable, twoByTwo } from '../../audit/tableHelpers.js';
import { repairTables } from './repairTables.js';

const INF = 1e30;

/**
 * The repair LP as repairCell built it before the typed rewrite (session 5), kept here as the readable reference:
 * number arrays, a `Set` of the rows sorted, per row an `inRow.includes` check and a sort of the local indices.
 */
function referenceLp(space: CellSpace, values: Float64Array, hidden: Uint8Array, cost: Float64Array, rank: Int32Array, target: number, delta: number, cells: readonly number[]) {
  const local = new Map<number, number>();
  cells.forEach((c, i) => local.set(c, i));
  const idx = space.relationIndex;
  const rel = space.relations;
  const published = cells.filter((c) => c !== target && !hidden[c]).sort((a, b) => rank[a]! - rank[b]! || a - b);
  const colOf: number[] = [];
  const colCost: number[] = [];
  const colLower: number[] = [];
  const colUpper: number[] = [];
  cells.forEach((c) => {
    colOf.push(colCost.length);
    const x = values[c]!;
    if (c === target) {
      colCost.push(0);
      colLower.push(delta);
      colUpper.push(delta);
    } else if (hidden[c]) {
      colCost.push(0);
      colLower.push(-x);
      colUpper.push(INF);
    } else {
      // The perturbed cost as perturbedCost's doc defines it: cost × (1 + 1e-4 · place / count), `place` the cell's
      // place among the published cells of `cells` by rank (then index), `count` their number.
      const k = cost[c]! * (1 + 1e-4 * (published.indexOf(c) / published.length));
      colCost.push(k, k);
      colLower.push(0, 0);
      colUpper.push(INF, x);
    }
  });
  const rowSet = new Set<number>();
  for (const c of cells) for (let j = idx.starts[c]!; j < idx.starts[c + 1]!; j++) rowSet.add(idx.relations[j]!);
  const rows = [...rowSet].sort((a, b) => a - b);
  const starts: number[] = [0];
  const indices: number[] = [];
  const vals: number[] = [];
  for (const r of rows) {
    const coef = new Map<number, number>();
    const put = (c: number, s: number): void => {
      const i = local.get(c);
      if (i !== undefined) coef.set(i, (coef.get(i) ?? 0) + s);
    };
    put(rel.totals[r]!, 1);
    for (let j = rel.starts[r]!; j < rel.starts[r + 1]!; j++) {
      const m = rel.members[j]!;
      put(m, m === rel.totals[r] ? 1 : -1);
    }
    for (const [i, s] of [...coef].sort((a, b) => a[0] - b[0])) {
      if (s === 0) continue;
      const c = cells[i]!;
      if (c === target || hidden[c]) {
        indices.push(colOf[i]!);
        vals.push(s);
      } else {
        indices.push(colOf[i]!, colOf[i]! + 1);
        vals.push(s, -s);
      }
    }
    starts.push(indices.length);
  }
  return { colOf, colCost, colLower, colUpper, numRows: rows.length, starts, indices, vals };
}

/** The neighbourhood as repairCell drew it before (breadth first, then depth first with a `Set` of seen cells). */
function referenceNeighbourhood(space: CellSpace, hidden: Uint8Array, target: number, radius: number): number[] {
  const idx = space.relationIndex;
  const rel = space.relations;
  const cells = [target];
  const inCells = new Set([target]);
  const add = (x: number, next: number[]): void => {
    if (!inCells.has(x)) {
      inCells.add(x);
      cells.push(x);
      next.push(x);
    }
  };
  let frontier = [target];
  for (let k = 0; k < radius && frontier.length > 0; k++) {
    const next: number[] = [];
    for (const c of frontier) {
      for (let j = idx.starts[c]!; j < idx.starts[c + 1]!; j++) {
        const r = idx.relations[j]!;
        add(rel.totals[r]!, next);
        for (let i = rel.starts[r]!; i < rel.starts[r + 1]!; i++) add(rel.members[i]!, next);
      }
    }
    frontier = next;
  }
  const stack = [target];
  const seen = new Set([target]);
  const visit = (x: number): void => {
    if (hidden[x] && !seen.has(x)) {
      seen.add(x);
      if (!inCells.has(x)) {
        inCells.add(x);
        cells.push(x);
      }
      stack.push(x);
    }
  };
  while (stack.length > 0) {
    const c = stack.pop()!;
    for (let j = idx.starts[c]!; j < idx.starts[c + 1]!; j++) {
      const r = idx.relations[j]!;
      visit(rel.totals[r]!);
      for (let i = rel.starts[r]!; i < rel.starts[r + 1]!; i++) visit(rel.members[i]!);
    }
  }
  return cells;
}

function localOf(space: CellSpace, cells: readonly number[]): Int32Array {
  const local = new Int32Array(space.cellCount).fill(-1);
  cells.forEach((c, i) => (local[c] = i));
  return local;
}

/** Checks the typed neighbourhood and LP against the references for one pattern; returns the LP's row count. */
function checkAgainstReference(space: CellSpace, hidden: Uint8Array, cost: Float64Array, target: number, delta: number, radius: number): number {
  const values = space.values({ kind: 'count' });
  const cells = repairNeighbourhood(space, hidden, target, radius);
  expect(cells).toEqual(referenceNeighbourhood(space, hidden, target, radius));
  // A rank that is not the identity (every cell's place differs from its index), so a mix-up of the two shows.
  const rank = Int32Array.from({ length: space.cellCount }, (_, c) => (c * 7 + 3) % space.cellCount);
  const lp = buildRepairLp({ space, values, hidden, cost, rank, target, delta, cells, local: localOf(space, cells), infinity: INF });
  const ref = referenceLp(space, values, hidden, cost, rank, target, delta, cells);
  expect([...lp.colOf]).toEqual(ref.colOf);
  expect(lp.numCols).toBe(ref.colCost.length);
  expect([...lp.colCost]).toEqual(ref.colCost);
  expect([...lp.colLower]).toEqual(ref.colLower);
  expect([...lp.colUpper]).toEqual(ref.colUpper);
  expect(lp.numRows).toBe(ref.numRows);
  expect([...lp.starts]).toEqual(ref.starts);
  expect([...lp.indices]).toEqual(ref.indices);
  expect([...lp.values]).toEqual(ref.vals);
  return lp.numRows;
}

describe('buildRepairLp', () => {
  it('writes the 2 × 2 box LP (hand count)', () => {
    // rows A, B × columns m, f with margins: 9 cells, 6 relations (rows A, B, T = m + f; columns m, f, T = A + B).
    // (A,m), (A,f) hidden, target (A,m). Radius 1: the relations of (A,m) are row A (A,T = A,m + A,f) and column m
    // (T,m = A,m + B,m), so the ball is {Am, AT, Af, Tm, Bm}; the hidden component adds nothing (Af is in it).
    // Columns: Am (target) 1 + Af (hidden) 1 + AT, Tm, Bm (published) 2 each = 8. Rows: every relation holding one
    // of the 5 cells: rows A, B (Bm), T (Tm), columns m, f (Af), T (AT) = all 6.
    const { space, at } = twoByTwo();
    const hidden = new Uint8Array(space.cellCount);
    hidden[at('A', 'm')] = 1;
    hidden[at('A', 'f')] = 1;
    const cost = new Float64Array(space.cellCount).fill(1);
    const cells = repairNeighbourhood(space, hidden, at('A', 'm'), 1);
    expect(new Set(cells)).toEqual(new Set([at('A', 'm'), at('A', 'T'), at('A', 'f'), at('T', 'm'), at('B', 'm')]));
    const values = space.values({ kind: 'count' });
    const rank = Int32Array.from({ length: space.cellCount }, (_, c) => c);
    const lp = buildRepairLp({ space, values, hidden, cost, rank, target: at('A', 'm'), delta: 1, cells, local: localOf(space, cells), infinity: INF });
    expect(lp.numCols).toBe(8);
    expect(lp.numRows).toBe(6);
    expect(checkAgainstReference(space, hidden, cost, at('A', 'm'), 1, 1)).toBe(6);
  });

  it('equals the readable reference on random tables, patterns, targets and radii', () => {
    fc.assert(
      fc.property(repairTables, fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }), fc.nat(), fc.integer({ min: 1, max: 4 }), fc.boolean(), (t, coin, pick, radius, up) => {
        const space = CellSpace.fromTables([t]);
        const values = space.values({ kind: 'count' });
        const hidden = Uint8Array.from({ length: space.cellCount }, (_, c) => (values[c]! < 5 || coin[c % coin.length]! ? 1 : 0));
        const targets = [...hidden.keys()].filter((c) => hidden[c]);
        if (targets.length === 0) return;
        const target = targets[pick % targets.length]!;
        const cost = Float64Array.from({ length: space.cellCount }, (_, c) => 1 + (c % 3));
        checkAgainstReference(space, hidden, cost, target, up ? 5 : -values[target]!, radius);
      }),
      { numRuns: 150 },
    );
  });

  it('equals the readable reference on linked tables (a shared cell met twice in a relation nets out)', () => {
    const region = { name: 'region', hierarchy: flat('T', ['r1', 'r2']) };
    const sex = { name: 'sex', hierarchy: flat('T', ['m', 'f']) };
    const age = { name: 'age', hierarchy: flat('T', ['y', 'o']) };
    const space = CellSpace.fromTables([makeTable([region, sex], [10, 2, 8, 10]), makeTable([sex, age], [11, 7, 5, 7])]);
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: space.cellCount, maxLength: space.cellCount }), fc.nat(), fc.integer({ min: 1, max: 3 }), (coin, pick, radius) => {
        const hidden = Uint8Array.from(coin, (b) => (b ? 1 : 0));
        const targets = [...hidden.keys()].filter((c) => hidden[c]);
        if (targets.length === 0) return;
        checkAgainstReference(space, hidden, new Float64Array(space.cellCount).fill(1), targets[pick % targets.length]!, 1, radius);
      }),
      { numRuns: 100 },
    );
  });
});
