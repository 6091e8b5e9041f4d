import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import type { Hierarchy } from '../../../src/hierarchy/Hierarchy.js';
import { supportColumns } from '../../../src/protect/suppression/supportColumns.js';
import { flat, makeTable, sdcTableExample } from '../../audit/tableHelpers.js';
import { randomDimension } from './eliminationTestHelpers.js';

/** Is leaf `leaf` of `h` below node `node` (or the node itself)? Walks the parents, independently of the code. */
function below(h: Hierarchy, leaf: number, node: number): boolean {
  for (let n = leaf; n >= 0; n = h.parents[n]!) if (n === node) return true;
  return false;
}

describe('supportColumns', () => {
  it('gives every cell +1 on each finest cell below it that is not known to be zero, rows in cell order (brute force)', () => {
    fc.assert(
      fc.property(fc.tuple(randomDimension, randomDimension, randomDimension), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 30, maxLength: 30 }), ([f0, f1, f2], pool) => {
        const dims = [f0('a'), f1('b'), f2('c')].map((h, d) => ({ name: 'abc'[d]!, hierarchy: h }));
        const leafCount = dims.reduce((a, d) => a * d.hierarchy.leafCount, 1);
        const t = makeTable(dims, Array.from({ length: leafCount }, (_, i) => pool[i % pool.length]!));
        const space = CellSpace.fromTables([t]);
        const known = Uint8Array.from(t.counts, (x) => (x === 0 ? 1 : 0));
        const cols = supportColumns(space, known);
        // The support by brute force: cells whose node is a leaf in every dimension, not known, in cell order.
        const isLeaf = (h: Hierarchy, n: number): boolean => !h.parents.includes(n);
        const support = [...Array(t.cellCount).keys()].filter((c) => !known[c] && t.nodes(c).every((n, d) => isLeaf(dims[d]!.hierarchy, n)));
        expect(cols.maxKey).toBe(Math.max(0, support.length - 1));
        for (let c = 0; c < t.cellCount; c++) {
          const nodes = t.nodes(c);
          const want = support.flatMap((f, r) => (t.nodes(f).every((leaf, d) => below(dims[d]!.hierarchy, leaf, nodes[d]!)) ? [r] : []));
          expect([...cols.keys.subarray(cols.starts[c]!, cols.starts[c + 1]!)]).toEqual(want);
          expect([...cols.signs.subarray(cols.starts[c]!, cols.starts[c + 1]!)].every((s) => s === 1)).toBe(true);
        }
        expect(supportColumns(space, known, cols.keys.length)).toBeDefined();
        expect(supportColumns(space, known, cols.keys.length - 1)).toBeUndefined();
      }),
      { numRuns: 30, seed: 2026 },
    );
  });

  it('on the sdcTable example with A/female known to be zero: 7 finest rows, the grand total on all of them', () => {
    // Regions A-D (+ total) × gender m/f (+ total); finest cells A/m, A/f, B/m, ... D/f; A/f known.
    const t = sdcTableExample();
    const space = CellSpace.fromTables([t]);
    const known = new Uint8Array(t.cellCount);
    const at = (region: string, gender: string): number => [...Array(t.cellCount).keys()].find((c) => t.coords(c).region === region && t.coords(c).gender === gender)!;
    known[at('A', 'female')] = 1;
    const cols = supportColumns(space, known);
    const rowsOf = (c: number): number[] => [...cols.keys.subarray(cols.starts[c]!, cols.starts[c + 1]!)];
    expect(cols.maxKey).toBe(6);
    const total = at('Total', 'Total');
    expect(rowsOf(total)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(rowsOf(at('A', 'female'))).toEqual([]);
    expect(rowsOf(at('A', 'Total'))).toHaveLength(1);
    expect(rowsOf(at('Total', 'female'))).toHaveLength(3);
    expect(cols.keys.length).toBe(7 * 4);
    expect(supportColumns(space, known, 27)).toBeUndefined();
  });

  it('refuses linked tables and a known mask of the wrong length', () => {
    const a = makeTable([{ name: 'x', hierarchy: flat('T', ['p', 'q']) }, { name: 'y', hierarchy: flat('T', ['u', 'v']) }], [1, 2, 3, 4]);
    const b = makeTable([{ name: 'x', hierarchy: flat('T', ['p', 'q']) }, { name: 'z', hierarchy: flat('T', ['s', 't']) }], [2, 1, 4, 3]);
    const linked = CellSpace.fromTables([a, b]);
    expect(() => supportColumns(linked, new Uint8Array(linked.cellCount))).toThrow(/supportColumns: expected the space of a single table, got 2 linked tables/);
    const single = CellSpace.fromTables([a]);
    expect(() => supportColumns(single, new Uint8Array(2))).toThrow(/supportColumns: expected known to be a Uint8Array of 9 entries/);
  });
});
