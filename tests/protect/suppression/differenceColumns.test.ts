import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellTable } from '../../../src/aggregate/CellTable.js';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import { differenceColumns, type DifferenceColumns } from '../../../src/protect/suppression/differenceColumns.js';
import { flat, makeTable, sdcTableExample, twoLevel } from '../../audit/tableHelpers.js';
import { invModP, P, randomDimension } from './eliminationTestHelpers.js';


/** Random spaces: one 2-3-dimensional table, or two linked tables (a × b, a × c) whose hierarchies of a differ. */
const spaces: fc.Arbitrary<CellSpace> = fc.oneof(
  fc.array(randomDimension, { minLength: 2, maxLength: 3 }).map((dims) => {
    const hs = dims.map((f, d) => ({ name: `d${d}`, hierarchy: f(`d${d}`) }));
    const leafCount = hs.reduce((a, h) => a * h.hierarchy.leafCount, 1);
    return CellSpace.fromTables([makeTable(hs, Array.from({ length: leafCount }, (_, i) => i % 7))]);
  }),
  fc.tuple(fc.integer({ min: 2, max: 5 }), randomDimension, randomDimension).map(([k, fb, fc2]) => {
    // a's leaves a0..a(k-1) flat in the first table; in the second, grouped odd/even, so the groups are not runs
    // of the first table's leaf order (several runs per node). All counts 0: the shared cells agree.
    const leaves = Array.from({ length: k }, (_, i) => `a${i}`);
    const a1 = flat('T', leaves);
    const a2 = twoLevel('T', { odd: leaves.filter((_, i) => i % 2 === 1), even: leaves.filter((_, i) => i % 2 === 0) });
    const b = fb('b');
    const c = fc2('c');
    const t1 = makeTable([{ name: 'a', hierarchy: a1 }, { name: 'b', hierarchy: b }], new Array<number>(k * b.leafCount).fill(0));
    const t2 = makeTable([{ name: 'a', hierarchy: a2 }, { name: 'c', hierarchy: c }], new Array<number>(k * c.leafCount).fill(0));
    return CellSpace.fromTables([t1, t2]);
  }),
);

/** Grid points (leaves + 1) per space dimension, from the tables' hierarchies. */
function gridPoints(space: CellSpace): number[] {
  return space.dimensionNames.map((n) => space.tables.flatMap((t: CellTable) => t.dimensions).find((d) => d.name === n)!.hierarchy.leafCount + 1);
}

/** Rank modulo the prime 1,000,003 (exact in doubles: products stay below 2^53) of dense vectors. */
function rankModP(vectors: number[][]): number {
  const mod = (x: number): number => ((x % P) + P) % P;
  const inv = invModP;
  const m = vectors.map((v) => v.map(mod));
  const cols = m[0]?.length ?? 0;
  let rank = 0;
  for (let col = 0; col < cols && rank < m.length; col++) {
    const piv = m.findIndex((row, i) => i >= rank && row[col] !== 0);
    if (piv < 0) continue;
    [m[rank], m[piv]] = [m[piv]!, m[rank]!];
    const f0 = inv(m[rank]![col]!);
    m[rank] = m[rank]!.map((x) => (x * f0) % P);
    for (let i = 0; i < m.length; i++) {
      if (i === rank || m[i]![col] === 0) continue;
      const f = m[i]![col]!;
      m[i] = m[i]!.map((x, j) => mod(x - f * m[rank]![j]!));
    }
    rank++;
  }
  return rank;
}

/** Every column as a dense vector over the grid keys (keys kept as they are). */
function dense(cols: DifferenceColumns, size: number, keep: (key: number) => boolean = () => true): number[][] {
  const out: number[][] = [];
  for (let c = 0; c + 1 < cols.starts.length; c++) {
    const v = new Array<number>(size).fill(0);
    for (let i = cols.starts[c]!; i < cols.starts[c + 1]!; i++) if (keep(cols.keys[i]!)) v[cols.keys[i]!]! += cols.signs[i]!;
    out.push(v);
  }
  return out;
}

describe('differenceColumns', () => {
  it('has 2^D entries per cell (sdcTable: 15 cells of a 2-dimensional table, 4 each) and keeps grid keys there', () => {
    const space = CellSpace.fromTables([sdcTableExample()]);
    const cols = differenceColumns(space);
    expect(cols.keys.length).toBe(60);
    // Grid of (4 regions + 1) × (2 genders + 1) points: keys below 15, as CellSpace.column gives them.
    for (let c = 0; c < space.cellCount; c++) {
      expect([...cols.keys.subarray(cols.starts[c]!, cols.starts[c + 1]!)]).toEqual(space.column(c).keys);
      expect([...cols.signs.subarray(cols.starts[c]!, cols.starts[c + 1]!)]).toEqual(space.column(c).signs);
    }
  });

  it('renumbers keys of linked tables in order (same order and ties as the grid keys), and only when sparse', () => {
    // a × b and c × d, 12 leaves each, share the grand total: the 4-dimensional grid has 13^4 = 28,561 points,
    // the columns 2 × 169 - 1 = 337 cells × 16 entries = 5,392, so the default renumbers.
    const dim = (n: string) => ({ name: n, hierarchy: flat('T', Array.from({ length: 12 }, (_, i) => `${n}${i}`)) });
    const leaves = Array.from({ length: 144 }, (_, i) => (i * 7) % 5);
    const space = CellSpace.fromTables([makeTable([dim('a'), dim('b')], leaves), makeTable([dim('c'), dim('d')], leaves)]);
    const raw = differenceColumns(space, { renumber: false });
    const auto = differenceColumns(space);
    expect(raw.keys.length).toBe(337 * 16);
    expect(raw.maxKey).toBeGreaterThan(2 * raw.keys.length);
    expect(auto.maxKey).toBeLessThan(raw.keys.length);
    expect(new Set(auto.keys).size).toBe(auto.maxKey + 1); // dense ids 0..maxKey
    expect(auto.starts).toEqual(raw.starts);
    expect(auto.signs).toEqual(raw.signs);
    // Order-preserving: every entry against every 7th (all pairs would be 29M comparisons); counted, one expect.
    let wrong = 0;
    let compared = 0;
    for (let i = 0; i < raw.keys.length; i++) {
      for (let j = 0; j < raw.keys.length; j += 7) {
        compared++;
        if (Math.sign(auto.keys[i]! - auto.keys[j]!) !== Math.sign(raw.keys[i]! - raw.keys[j]!)) wrong++;
      }
    }
    expect(compared).toBeGreaterThan(4_000_000);
    expect(wrong).toBe(0);
  });

  it('builds the columns CellSpace.column gives, entry by entry, on random tables and linked tables', () => {
    fc.assert(
      fc.property(spaces, (space) => {
        const cols = differenceColumns(space, { renumber: false });
        const got: number[][] = [];
        const want: number[][] = [];
        for (let c = 0; c < space.cellCount; c++) {
          got.push([...cols.keys.subarray(cols.starts[c]!, cols.starts[c + 1]!)], [...cols.signs.subarray(cols.starts[c]!, cols.starts[c + 1]!)]);
          want.push(space.column(c).keys, space.column(c).signs);
        }
        expect(got).toEqual(want);
      }),
      { numRuns: 40, seed: 4242 },
    );
  });

  it('projects the sdcTable columns to 32 entries: region nodes keep 2, 2, 2, 1, 1 points, gender nodes 2, 1, 1', () => {
    // Hand count: region A..D, Total on 5 points (0..4): A {0,1}, B {1,2}, C {2,3}, D {3,4} -> {3}, Total {0,4} -> {0};
    // gender male, female, Total on 3 points: male {0,1}, female {1,2} -> {1}, Total {0,2} -> {0}. Every cell is the
    // product: (2 + 2 + 2 + 1 + 1) × (2 + 1 + 1) = 32 entries (60 unprojected).
    const space = CellSpace.fromTables([sdcTableExample()]);
    const cols = differenceColumns(space, { project: true, renumber: false });
    expect(cols.keys.length).toBe(32);
    const total = space.tables[0]!.indexOf({ region: 'Total', gender: 'Total' });
    expect([...cols.keys.subarray(cols.starts[total]!, cols.starts[total + 1]!)]).toEqual([0]); // the grand total: e_0
  });

  it('projects by dropping exactly the entries on a last grid point, and keeps the rank of the columns', () => {
    let controls = 0;
    fc.assert(
      fc.property(spaces, (space) => {
        const pts = gridPoints(space);
        const size = pts.reduce((a, b) => a * b, 1);
        const onLast = (key: number): boolean => {
          let rest = key;
          for (const m of pts) {
            if (rest % m === m - 1) return true;
            rest = Math.floor(rest / m);
          }
          return false;
        };
        const full = differenceColumns(space, { renumber: false });
        const proj = differenceColumns(space, { project: true, renumber: false });
        // Entry by entry: the projection is the full column without its last-point entries.
        for (let c = 0; c < space.cellCount; c++) {
          const want: number[] = [];
          for (let i = full.starts[c]!; i < full.starts[c + 1]!; i++) if (!onLast(full.keys[i]!)) want.push(full.keys[i]!);
          if (String([...proj.keys.subarray(proj.starts[c]!, proj.starts[c + 1]!)]) !== String(want)) {
            expect([...proj.keys.subarray(proj.starts[c]!, proj.starts[c + 1]!)]).toEqual(want);
          }
        }
        // Injective on the span: same rank (mod a large prime) of all columns, and of the cells in the first half.
        const r = rankModP(dense(full, size));
        expect(rankModP(dense(proj, size))).toBe(r);
        const half = Math.ceil(space.cellCount / 2);
        expect(rankModP(dense(proj, size).slice(0, half))).toBe(rankModP(dense(full, size).slice(0, half)));
        // Control (the check can fail): any one point per dimension may be dropped (the others determine it), but
        // dropping the first dimension's points 0 and 1 leaves it L - 1 free points and so loses rank.
        if (pts[0]! >= 3) {
          const bad = rankModP(dense(full, size, (k) => k % pts[0]! > 1));
          expect(bad).toBeLessThan(r);
          controls++;
        }
      }),
      { numRuns: 30, seed: 777 },
    );
    expect(controls).toBeGreaterThan(15);
  });
});
