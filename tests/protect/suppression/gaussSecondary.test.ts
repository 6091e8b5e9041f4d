import { describe, expect, it } from 'vitest';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import { gaussSecondary } from '../../../src/protect/suppression/gaussSecondary.js';
import { flat, makeTable, sdcTableExample, twoLevel } from '../../audit/tableHelpers.js';

/** Cells in publishing order: larger count first, then index (the fast method's default order). */
function order(counts: Float64Array): Int32Array {
  return Int32Array.from([...counts.keys()].sort((a, b) => counts[b]! - counts[a]! || a - b));
}

/**
 * Is cell p a linear combination of the published cells? Independent check by dense Gaussian elimination on the
 * model matrix (cell = sum of finest cells below it), rank(published) == rank(published + p).
 */
function recomputable(space: CellSpace, table: ReturnType<typeof makeTable>, hidden: Uint8Array, p: number): boolean {
  const leafOf = (c: number): number[] => {
    // finest tuples below cell c, as row-major leaf indices
    const hs = table.dimensions.map((d) => d.hierarchy);
    const nodes = table.nodes(c);
    const sets = hs.map((h, d) => [...Array(h.leafCount).keys()].filter((l) => {
      for (let n = l; n >= 0; n = h.parents[n]!) if (n === nodes[d]) return true;
      return false;
    }));
    let acc = [0];
    hs.forEach((h, d) => {
      acc = acc.flatMap((a) => sets[d]!.map((l) => a * h.leafCount + l));
    });
    return acc;
  };
  const nLeaves = table.dimensions.reduce((a, d) => a * d.hierarchy.leafCount, 1);
  const vec = (c: number): number[] => {
    const v = new Array<number>(nLeaves).fill(0);
    for (const l of leafOf(c)) v[l] = 1;
    return v;
  };
  const rank = (vs: number[][]): number => {
    const m = vs.map((v) => [...v]);
    let r = 0;
    for (let col = 0; col < nLeaves && r < m.length; col++) {
      const piv = m.findIndex((row, i) => i >= r && Math.abs(row[col]!) > 1e-9);
      if (piv < 0) continue;
      [m[r], m[piv]] = [m[piv]!, m[r]!];
      for (let i = 0; i < m.length; i++) {
        if (i === r) continue;
        const f = m[i]![col]! / m[r]![col]!;
        if (f !== 0) for (let j = 0; j < nLeaves; j++) m[i]![j]! -= f * m[r]![j]!;
      }
      r++;
    }
    return r;
  };
  const pub = [...Array(space.cellCount).keys()].filter((c) => !hidden[c]).map(vec);
  return rank([...pub, vec(p)]) === rank(pub);
}

describe('gaussSecondary', () => {
  it('on the sdcTable example hides 3 cells and leaves the primary not a combination of published cells', () => {
    const t = sdcTableExample();
    const space = CellSpace.fromTables([t]);
    const primary = new Uint8Array(t.cellCount);
    const p = t.indexOf({ region: 'A', gender: 'female' });
    primary[p] = 1;
    const sec = gaussSecondary(space, primary, order(t.counts));
    expect(sec.reduce((a, b) => a + b, 0)).toBe(3);
    const hidden = Uint8Array.from(sec, (s, c) => s | primary[c]!);
    expect(recomputable(space, t, hidden, p)).toBe(false);
    expect(recomputable(space, t, primary, p)).toBe(true); // the check itself can fail
  });

  it('on a hierarchical 2-D table no primary is a linear combination of published cells (dense rank check)', () => {
    const t = makeTable(
      [
        { name: 'm', hierarchy: twoLevel('T', { a: ['a1', 'a2'], b: ['b1', 'b2', 'b3'] }) },
        { name: 's', hierarchy: flat('T', ['x', 'y', 'z']) },
      ],
      [1, 9, 4, 8, 2, 2, 7, 5, 3, 6, 1, 9, 0, 8, 7],
    );
    const space = CellSpace.fromTables([t]);
    const primary = Uint8Array.from(t.counts, (c) => (c > 0 && c < 3 ? 1 : 0));
    const sec = gaussSecondary(space, primary, order(t.counts));
    const hidden = Uint8Array.from(sec, (s, c) => s | primary[c]!);
    for (let c = 0; c < t.cellCount; c++) if (primary[c]) expect(recomputable(space, t, hidden, c)).toBe(false);
  });
});
