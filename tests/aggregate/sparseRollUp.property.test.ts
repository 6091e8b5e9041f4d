// `sparseRollUp` (src/aggregate/sparseRollUp.ts) against the readable roll-up written here (the same as in
// rollUp.property.test.ts: one dimension at a time over the whole cube, last to first, each node's slice added into its
// parent's in node order). Its doc promises the same additions in the same order as `rollUp`, so results are compared
// bit for bit with fractional values (a change in the order of additions into a cell would show), on sparse cubes:
// values at random leaf cells (rows, sums) and anywhere (the person deltas), the occupied cells listed in a random
// order with repeats.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CubeLayout } from '../../src/aggregate/rollUp.js';
import { sparseRollUp } from '../../src/aggregate/sparseRollUp.js';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { layoutOf, treeGen } from './cubeTrees.js';

/** The readable roll-up: for d = last .. first, for n = 0 .. size - 2, every cell at node n adds into its parent. */
function reference(values: Float64Array, layout: CubeLayout): Float64Array {
  const a = Float64Array.from(values);
  const { shape, strides, parents, cellCount } = layout;
  const coord = (x: number, e: number): number => Math.floor(x / strides[e]!) % shape[e]!;
  for (let d = shape.length - 1; d >= 0; d--) {
    for (let n = 0; n < shape[d]! - 1; n++) {
      for (let x = 0; x < cellCount; x++) {
        if (coord(x, d) === n && a[x] !== 0) a[x + (parents[d]![n]! - n) * strides[d]!]! += a[x]!;
      }
    }
  }
  return a;
}

function isLeafCell(x: number, layout: CubeLayout): boolean {
  for (let e = 0; e < layout.shape.length; e++) if (Math.floor(x / layout.strides[e]!) % layout.shape[e]! >= layout.leafCounts[e]!) return false;
  return true;
}

/** Bit patterns, so that -0 / +0 and the last bit of a sum count. */
const bits = (a: Float64Array): string[] => Array.from(new BigUint64Array(a.buffer, a.byteOffset, a.length), (b) => b.toString(16));

const fraction = fc.integer({ min: -4000, max: 4000 }).filter((v) => v !== 0).map((v) => v / 7);

const cubeGen = fc.array(treeGen(7), { minLength: 1, maxLength: 5 }).chain((trees) => {
  const layout = layoutOf(trees);
  const cell = fc.integer({ min: 0, max: layout.cellCount - 1 });
  return fc.record({
    layout: fc.constant(layout),
    // Entries (cell, value) of a leaf-only cube (rows, sums) and of a cube with values anywhere (person deltas).
    leafEntries: fc.array(fc.tuple(cell, fraction), { maxLength: 40 }),
    anyEntries: fc.array(fc.tuple(cell, fc.integer({ min: -3, max: 3 })), { maxLength: 20 }),
    repeats: fc.array(fc.nat(), { maxLength: 10 }),
    shuffle: fc.nat(),
  });
});

describe('sparseRollUp', () => {
  it('gives the readable roll-up, bit for bit, from a list of the occupied cells (any order, repeats allowed)', () => {
    fc.assert(
      fc.property(cubeGen, ({ layout, leafEntries, anyEntries, repeats, shuffle }) => {
        const n = layout.cellCount;
        const a = new Float64Array(n);
        const b = new Float64Array(n);
        for (const [c, v] of leafEntries) if (isLeafCell(c, layout)) a[c] = v;
        for (const [c, v] of anyEntries) b[c] = v;
        const occupied: number[] = [];
        for (let x = 0; x < n; x++) if (a[x] !== 0 || b[x] !== 0) occupied.push(x);
        for (const r of repeats) if (occupied.length > 0) occupied.push(occupied[r % occupied.length]!);
        for (let i = occupied.length - 1; i > 0; i--) {
          const j = (shuffle + i * 31) % (i + 1);
          [occupied[i], occupied[j]] = [occupied[j]!, occupied[i]!];
        }
        const wantA = reference(a, layout);
        const wantB = reference(b, layout);
        // A longer list than `count`: the tail must not be read.
        const cells = Uint32Array.from([...occupied, ...Array.from({ length: 3 }, (_, i) => i % n)]);
        sparseRollUp(layout, [a, b], cells, occupied.length);
        expect(bits(a)).toEqual(bits(wantA));
        expect(bits(b)).toEqual(bits(wantB));
      }),
      { numRuns: 400 },
    );
  });

  it('rolls up a 2 × 2 table by hand', () => {
    // Two flat dimensions (leaves 0, 1 under the total 2): 3 × 3 cells, (x0, x1) at 3 × x0 + x1. Leaf cells
    // (0,0)=1 (0,1)=2 (1,0)=3 (1,1)=4. By hand: rows' totals (0,2)=3, (1,2)=7; columns' totals (2,0)=4, (2,1)=6;
    // the grand total (2,2)=10.
    const layout: CubeLayout = { shape: [3, 3], strides: [3, 1], cellCount: 9, leafCounts: [2, 2], parents: [Int32Array.of(2, 2, -1), Int32Array.of(2, 2, -1)] };
    const a = Float64Array.of(1, 2, 0, 3, 4, 0, 0, 0, 0);
    sparseRollUp(layout, [a], Uint32Array.of(4, 0, 3, 1), 4);
    expect(Array.from(a)).toEqual([1, 2, 3, 3, 4, 7, 4, 6, 10]);
  });

  it('rejects a cube of the wrong length and a count outside the list, before touching the cubes', () => {
    const layout: CubeLayout = { shape: [3], strides: [1], cellCount: 3, leafCounts: [2], parents: [Int32Array.of(2, 2, -1)] };
    const a = Float64Array.of(1, 2, 0);
    expect(() => sparseRollUp(layout, [a, new Float64Array(2)], Uint32Array.of(0, 1), 2)).toThrow(PrikkError);
    expect(() => sparseRollUp(layout, [a], Uint32Array.of(0, 1), 3)).toThrow(/count/);
    expect(Array.from(a)).toEqual([1, 2, 0]);
  });
});
