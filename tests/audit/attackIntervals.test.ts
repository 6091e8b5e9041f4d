import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attackIntervals } from '../../src/audit/attackIntervals.js';
import { CellSpace } from '../../src/audit/CellSpace.js';
import type { Relations } from '../../src/audit/Relations.js';
import { flat, makeTable, twoLevel } from './tableHelpers.js';

/**
 * Integer min and max of every hidden cell over all non-negative integer tables that agree with the published
 * cells and the relations, by depth-first enumeration (each hidden cell in 0..cap, a relation with one unknown
 * left fixes it). An independent second implementation of the attacker.
 */
function bruteBounds(rel: Relations, values: Float64Array, hidden: Uint8Array, cap: number): { lo: number[]; hi: number[] } {
  const vars = [...hidden.keys()].filter((c) => hidden[c]);
  const val = new Map<number, number>();
  const lo = vars.map(() => Infinity);
  const hi = vars.map(() => -Infinity);
  const rels: { cells: number[]; signs: number[] }[] = [];
  for (let r = 0; r < rel.count; r++) {
    const cells = [rel.totals[r]!, ...rel.members.subarray(rel.starts[r], rel.starts[r + 1])];
    rels.push({ cells, signs: cells.map((_, i) => (i === 0 ? 1 : -1)) });
  }
  const get = (c: number): number | undefined => (hidden[c] ? val.get(c) : values[c]);
  // Propagation: a relation with one unknown left fixes it (undone on backtrack). Returns false on a conflict.
  const propagate = (trail: number[]): boolean => {
    for (let changed = true; changed; ) {
      changed = false;
      for (const r of rels) {
        let s = 0;
        let unknown = -1;
        let count = 0;
        r.cells.forEach((c, i) => {
          const v = get(c);
          if (v === undefined) {
            count++;
            unknown = i;
          } else s += r.signs[i]! * v;
        });
        if (count === 0 && s !== 0) return false;
        if (count === 1) {
          const v = -s / r.signs[unknown]!;
          if (v < 0 || v > cap || !Number.isInteger(v)) return false;
          val.set(r.cells[unknown]!, v);
          trail.push(r.cells[unknown]!);
          changed = true;
        }
      }
    }
    return true;
  };
  const dfs = (k: number): void => {
    const trail: number[] = [];
    if (propagate(trail)) {
      while (k < vars.length && val.has(vars[k]!)) k++;
      if (k === vars.length) {
        vars.forEach((c, i) => {
          lo[i] = Math.min(lo[i]!, val.get(c)!);
          hi[i] = Math.max(hi[i]!, val.get(c)!);
        });
      } else {
        const c = vars[k]!;
        for (let v = 0; v <= cap; v++) {
          val.set(c, v);
          dfs(k + 1);
        }
        val.delete(c);
      }
    }
    for (const c of trail) val.delete(c);
  };
  dfs(0);
  return { lo, hi };
}

/**
 * LP and enumeration agree; an unbounded LP maximum shows as the enumeration's maximum growing with its cap
 * (`wider` is the enumeration with a larger cap).
 */
function expectSame(lp: { lo: number[]; hi: number[] }, brute: { lo: number[]; hi: number[] }, wider: () => { hi: number[] }): void {
  lp.lo.forEach((v, i) => expect(v).toBeCloseTo(brute.lo[i]!, 6));
  let w: { hi: number[] } | undefined;
  lp.hi.forEach((v, i) => {
    if (v === Infinity) {
      w ??= wider();
      expect(w.hi[i]!).toBeGreaterThan(brute.hi[i]!);
    } else expect(v).toBeCloseTo(brute.hi[i]!, 6);
  });
}

async function lpBounds(space: CellSpace, hidden: Uint8Array): Promise<{ lo: number[]; hi: number[] }> {
  const targets = Int32Array.from([...hidden.keys()].filter((c) => hidden[c]));
  const b = await attackIntervals({ relations: space.relations, values: space.values({ kind: 'count' }), hidden, targets, describe: String });
  return { lo: [...b.lower], hi: [...b.upper] };
}

describe('attackIntervals against brute-force enumeration', () => {
  it('matches integer bounds exactly on 2-D tables with margins (totally unimodular: LP vertices are integral)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }),
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 }),
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        async (nr, nc, leaves, mask) => {
          const t = makeTable(
            [
              { name: 'r', hierarchy: flat('T', ['a', 'b', 'c'].slice(0, nr)) },
              { name: 'c', hierarchy: flat('T', ['1', '2', '3'].slice(0, nc)) },
            ],
            leaves.slice(0, nr * nc),
          );
          const space = CellSpace.fromTables([t]);
          // at most 4 hidden cells keeps the enumeration small
          const hidden = new Uint8Array(t.cellCount);
          let k = 0;
          for (let c = 0; c < t.cellCount && k < 4; c++) if (mask[c]) (hidden[c] = 1), k++;
          if (k === 0) return;
          const cap = t.counts[t.cellCount - 1]! + 2;
          const brute = bruteBounds(space.relations, space.values({ kind: 'count' }), hidden, cap);
          const lp = await lpBounds(space, hidden);
          expectSame(lp, brute, () => bruteBounds(space.relations, space.values({ kind: 'count' }), hidden, 2 * cap));
        },
      ),
      { numRuns: 60, seed: 20240601 },
    );
  });

  it('matches integer bounds on a hierarchical 1-D table (a tree of sums)', async () => {
    const h = twoLevel('T', { north: ['n1', 'n2', 'n3'], south: ['s1', 's2'] });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 5, maxLength: 5 }), fc.integer({ min: 1, max: 255 }), async (leaves, mask) => {
        const t = makeTable([{ name: 'm', hierarchy: h }], leaves);
        const space = CellSpace.fromTables([t]);
        const hidden = Uint8Array.from({ length: 8 }, (_, i) => (mask >> i) & 1);
        if (hidden.reduce((a, b) => a + b, 0) > 4) return;
        const cap = t.counts[7]! + 2;
        const brute = bruteBounds(space.relations, space.values({ kind: 'count' }), hidden, cap);
        const lp = await lpBounds(space, hidden);
        expectSame(lp, brute, () => bruteBounds(space.relations, space.values({ kind: 'count' }), hidden, 2 * cap));
      }),
      { numRuns: 80, seed: 7 },
    );
  });

  it('contains the integer range on 3-D tables (LP bounds may be fractional there, never narrower)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 8, maxLength: 8 }), fc.array(fc.integer({ min: 0, max: 26 }), { minLength: 1, maxLength: 4 }), async (leaves, picks) => {
        const dims = ['x', 'y', 'z'].map((name) => ({ name, hierarchy: flat('T', ['0', '1']) }));
        const t = makeTable(dims, leaves);
        const space = CellSpace.fromTables([t]);
        const hidden = new Uint8Array(t.cellCount);
        for (const p of picks) hidden[p] = 1;
        const brute = bruteBounds(space.relations, space.values({ kind: 'count' }), hidden, t.counts[26]!);
        const lp = await lpBounds(space, hidden);
        lp.lo.forEach((v, i) => expect(v).toBeLessThanOrEqual(brute.lo[i]! + 1e-6));
        lp.hi.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(brute.hi[i]! - 1e-6));
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});
