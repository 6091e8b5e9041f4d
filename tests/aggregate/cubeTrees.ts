// Random hierarchies as roll-up trees and their cube layouts, for the roll-up property tests.
import fc from 'fast-check';
import type { CubeLayout } from '../../src/aggregate/rollUp.js';

/** One dimension's tree, numbered children before parents: leaves 0..leafCount-1, then internal nodes, the root last. */
export interface Tree {
  readonly size: number;
  readonly leafCount: number;
  readonly parents: Int32Array;
}

/** A random tree of 1 to `maxSize` nodes; every non-root node's parent is any later internal node (or the root). */
export function treeGen(maxSize: number): fc.Arbitrary<Tree> {
  return fc
    .integer({ min: 1, max: maxSize })
    .chain((size) =>
      fc.record({
        size: fc.constant(size),
        leafCount: size === 1 ? fc.constant(1) : fc.integer({ min: 1, max: size - 1 }),
        picks: fc.array(fc.nat(), { minLength: size, maxLength: size }),
      }),
    )
    .map(({ size, leafCount, picks }) => {
      const parents = new Int32Array(size);
      for (let n = 0; n < size; n++) {
        if (n === size - 1) parents[n] = -1;
        else {
          const from = Math.max(leafCount, n + 1);
          parents[n] = from + (picks[n]! % (size - from));
        }
      }
      return { size, leafCount, parents };
    });
}

/** The row-major cube over the trees (last dimension fastest). */
export function layoutOf(trees: readonly Tree[]): CubeLayout {
  const shape = trees.map((t) => t.size);
  const strides = new Array<number>(shape.length);
  let cellCount = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = cellCount;
    cellCount *= shape[d]!;
  }
  return { shape, strides, cellCount, leafCounts: trees.map((t) => t.leafCount), parents: trees.map((t) => t.parents) };
}
