// `rollUp` and `rollUpMany` (cache-blocked, depth first) against the readable roll-up written here: one dimension at a
// time over the whole cube, last to first, each node's slice added into its parent's in node order. Floating-point
// addition is not associative, so "bit for bit the same" (what rollUp's doc promises) is checked with fractional
// values: any change in the order of additions into a cell would show.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CubeLayout, rollUp, rollUpMany } from '../../src/aggregate/rollUp.js';
import { layoutOf, treeGen } from './cubeTrees.js';

/** The readable roll-up: for d = last .. first, for n = 0 .. size - 2, every cell at node n adds into its parent. */
function reference(values: Float64Array, layout: CubeLayout, leafOnly: boolean): Float64Array {
  const a = Float64Array.from(values);
  const { shape, strides, parents, leafCounts, cellCount } = layout;
  const coord = (x: number, e: number): number => Math.floor(x / strides[e]!) % shape[e]!;
  for (let d = shape.length - 1; d >= 0; d--) {
    for (let n = 0; n < shape[d]! - 1; n++) {
      for (let x = 0; x < cellCount; x++) {
        if (coord(x, d) !== n) continue;
        // With leafOnly, cells whose earlier coordinates are not all leaves are skipped (they are still zero).
        let skip = false;
        for (let e = 0; e < d; e++) if (leafOnly && coord(x, e) >= leafCounts[e]!) skip = true;
        if (!skip) a[x + (parents[d]![n]! - n) * strides[d]!]! += a[x]!;
      }
    }
  }
  return a;
}

const value = fc.double({ min: -1000, max: 1000, noNaN: true }).map((v) => (v === 0 ? 0 : v)); // no -0

const cubeGen = fc.array(treeGen(6), { minLength: 1, maxLength: 4 }).chain((trees) => {
  const layout = layoutOf(trees);
  return fc.record({
    layout: fc.constant(layout),
    values: fc.array(value, { minLength: layout.cellCount * 3, maxLength: layout.cellCount * 3 }),
  });
});

/** Values non-zero only where every coordinate is a leaf (what `leafOnly` assumes). */
function leafBox(values: readonly number[], layout: CubeLayout): Float64Array {
  const a = Float64Array.from(values.slice(0, layout.cellCount));
  for (let x = 0; x < layout.cellCount; x++) {
    for (let e = 0; e < layout.shape.length; e++) if (Math.floor(x / layout.strides[e]!) % layout.shape[e]! >= layout.leafCounts[e]!) a[x] = 0;
  }
  return a;
}

describe('rollUp', () => {
  it('makes the same additions in the same order as the readable roll-up (bit for bit), with and without leafOnly', () => {
    fc.assert(
      fc.property(cubeGen, ({ layout, values }) => {
        const full = Float64Array.from(values.slice(0, layout.cellCount));
        const want = reference(full, layout, false);
        rollUp(full, layout);
        expect(Array.from(full)).toEqual(Array.from(want));

        const leaf = leafBox(values, layout);
        const wantLeaf = reference(leaf, layout, true);
        rollUp(leaf, layout, true);
        expect(Array.from(leaf)).toEqual(Array.from(wantLeaf));
      }),
      { numRuns: 300 },
    );
  });

  it('rollUpMany rolls several cubes (leafOnly and full) exactly as rollUp does each', () => {
    fc.assert(
      fc.property(cubeGen, ({ layout, values }) => {
        const n = layout.cellCount;
        const a = leafBox(values, layout);
        const b = leafBox(values.slice(n), layout);
        const c = Float64Array.from(values.slice(2 * n));
        const [wa, wb, wc] = [reference(a, layout, true), reference(b, layout, true), reference(c, layout, false)];
        rollUpMany(layout, [a, b], [c]);
        expect([Array.from(a), Array.from(b), Array.from(c)]).toEqual([Array.from(wa), Array.from(wb), Array.from(wc)]);
      }),
      { numRuns: 300 },
    );
  });

  it('sums a 2 × 3 cube by hand', () => {
    // Dimension 0: leaves 0, 1 under root 2 (size 3); dimension 1: leaf 0 under root 1 (size 2). Cells (row-major):
    // (0,0)=1 (0,1)=· (1,0)=2 (1,1)=· (2,0)=· (2,1)=·. By hand: (0,1)=1, (1,1)=2, (2,0)=1+2=3, (2,1)=3.
    const layout: CubeLayout = { shape: [3, 2], strides: [2, 1], cellCount: 6, leafCounts: [2, 1], parents: [Int32Array.of(2, 2, -1), Int32Array.of(1, -1)] };
    const a = Float64Array.of(1, 0, 2, 0, 0, 0);
    rollUp(a, layout, true);
    expect(Array.from(a)).toEqual([1, 1, 2, 2, 3, 3]);
  });
});
