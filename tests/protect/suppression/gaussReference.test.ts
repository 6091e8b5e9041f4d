import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellTable } from '../../../src/aggregate/CellTable.js';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import type { Hierarchy } from '../../../src/hierarchy/Hierarchy.js';
import { gaussSecondary } from '../../../src/protect/suppression/gaussSecondary.js';
import { flat, makeTable } from '../../audit/tableHelpers.js';
import { randomDimension } from './eliminationTestHelpers.js';

/**
 * The elimination's pattern against a second, deliberately plain implementation of its definition (Langsrud 2024,
 * §2): candidates in order; a candidate already in the span of the published cells is published; one that would
 * put some primary cell in that span is hidden; any other is published and joins the span. The reference works on
 * the model matrix itself (a cell is the 0/1 indicator of the finest cells below it, not the difference basis),
 * with exact arithmetic modulo the prime 2^31 - 1 (not floating point), and asks "is q in the span" by a rank test
 * on a freshly reduced basis, not by comparing reduced vectors. The pattern must be identical, cell for cell.
 */
const P = 2147483647n;

/** Row-echelon basis mod P, rows kept as bigint arrays with a leading 1. */
class Basis {
  private readonly rows: { lead: number; v: bigint[] }[] = [];
  /** v reduced by the basis (a copy). */
  reduce(v: readonly bigint[]): bigint[] {
    const w = [...v];
    for (const r of this.rows) {
      const f = w[r.lead]!;
      if (f === 0n) continue;
      for (let j = 0; j < w.length; j++) w[j] = (((w[j]! - f * r.v[j]!) % P) + P) % P;
    }
    return w;
  }
  inSpan(v: readonly bigint[]): boolean {
    return this.reduce(v).every((x) => x === 0n);
  }
  /** A new basis with v added (v must not be in the span). */
  plus(v: readonly bigint[]): Basis {
    const b = new Basis();
    b.rows.push(...this.rows);
    const w = this.reduce(v);
    const lead = w.findIndex((x) => x !== 0n);
    const inv = modPow(w[lead]!, P - 2n);
    b.rows.push({ lead, v: w.map((x) => (x * inv) % P) });
    return b;
  }
}

function modPow(a: bigint, e: bigint): bigint {
  let r = 1n;
  let x = a % P;
  while (e > 0n) {
    if (e & 1n) r = (r * x) % P;
    x = (x * x) % P;
    e >>= 1n;
  }
  return r;
}

/** The model-matrix column of cell c: 1 for every finest cell (row-major over leaves) below it. */
function indicator(t: CellTable, c: number): bigint[] {
  const hs = t.dimensions.map((d) => d.hierarchy);
  const nodes = t.nodes(c);
  const below = (h: Hierarchy, leaf: number, node: number): boolean => {
    for (let n = leaf; n >= 0; n = h.parents[n]!) if (n === node) return true;
    return false;
  };
  let acc: number[] = [0];
  hs.forEach((h, d) => {
    const leaves = [...Array(h.leafCount).keys()].filter((l) => below(h, l, nodes[d]!));
    acc = acc.flatMap((a) => leaves.map((l) => a * h.leafCount + l));
  });
  const size = hs.reduce((a, h) => a * h.leafCount, 1);
  const v = new Array<bigint>(size).fill(0n);
  for (const l of acc) v[l] = 1n;
  return v;
}

/**
 * The model-matrix column of a space cell of linked tables: finest cells of the product of all the tables'
 * dimensions (in `space.dimensionNames` order), a dimension the cell's table lacks counting as its total.
 */
function linkedIndicator(space: CellSpace, c: number): bigint[] {
  const t = space.tables[space.originTable[c]!]!;
  const tc = space.originCell[c]!;
  const hierarchyOf = (name: string): Hierarchy => space.tables.flatMap((x) => x.dimensions).find((d) => d.name === name)!.hierarchy;
  let acc: number[] = [0];
  let size = 1;
  for (const name of space.dimensionNames) {
    const h = hierarchyOf(name);
    const d = t.dimensions.findIndex((x) => x.name === name);
    const node = d < 0 ? h.size - 1 : t.nodes(tc)[d]!;
    const leaves = [...Array(h.leafCount).keys()].filter((l) => {
      for (let n = l; n >= 0; n = h.parents[n]!) if (n === node) return true;
      return false;
    });
    acc = acc.flatMap((a) => leaves.map((l) => a * h.leafCount + l));
    size *= h.leafCount;
  }
  const v = new Array<bigint>(size).fill(0n);
  for (const l of acc) v[l] = 1n;
  return v;
}

function referencePattern(cols: readonly bigint[][], primary: Uint8Array, order: Int32Array): Uint8Array {
  const prims = [...cols.keys()].filter((c) => primary[c]);
  const secondary = new Uint8Array(cols.length);
  let basis = new Basis();
  for (const c of order) {
    if (primary[c]) continue;
    if (basis.inSpan(cols[c]!)) continue; // determined already: published, the span does not change
    const next = basis.plus(cols[c]!);
    if (prims.some((q) => next.inSpan(cols[q]!))) secondary[c] = 1;
    else basis = next;
  }
  return secondary;
}


const tables: fc.Arbitrary<CellTable> = fc
  .tuple(fc.array(randomDimension, { minLength: 2, maxLength: 3 }), fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 20 })), { minLength: 48, maxLength: 48 }))
  .map(([dims, pool]) => {
    const hs = dims.map((f, d) => ({ name: `d${d}`, hierarchy: f(`d${d}`) }));
    const leafCount = hs.reduce((a, h) => a * h.hierarchy.leafCount, 1);
    return makeTable(hs, Array.from({ length: leafCount }, (_, i) => pool[i % pool.length]!));
  })
  .filter((t) => t.cellCount <= 150);

describe('gaussSecondary against a plain reference implementation', () => {
  it('hides exactly the cells the definition hides (random 2-3-dimensional hierarchical tables)', () => {
    let hiddenSome = 0;
    fc.assert(
      fc.property(tables, fc.integer({ min: 2, max: 5 }), (t, n) => {
        const primary = Uint8Array.from(t.counts, (x) => (x > 0 && x < n ? 1 : 0));
        // Publishing order of suppressCells: larger count first, then index.
        const order = Int32Array.from([...t.counts.keys()].sort((a, b) => t.counts[b]! - t.counts[a]! || a - b));
        const got = gaussSecondary(CellSpace.fromTables([t]), primary, order);
        const want = referencePattern([...Array(t.cellCount).keys()].map((c) => indicator(t, c)), primary, order);
        if (want.some((x) => x)) hiddenSome++;
        expect([...got]).toEqual([...want]);
      }),
      { numRuns: 40, seed: 31337 },
    );
    expect(hiddenSome).toBeGreaterThan(10); // secondaries really were chosen, not only empty patterns compared
  });

  it('does the same on linked tables (a × b and c × d from one extract, protected together)', () => {
    // a × b and c × d from one 4-dimensional extract share only the grand total; the space's columns live in the
    // product of all four dimensions (the reference's finest cells: 4^4 = 256).
    let hiddenSome = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 0, 0, 0, 0, 1, 2), { minLength: 256, maxLength: 256 }), (leaves) => {
        const names = ['a', 'b', 'c', 'd'];
        const hs = names.map((n) => flat('T', [0, 1, 2, 3].map((i) => `${n}${i}`)));
        const margin = (keep: [number, number]): number[] => {
          const out = new Array<number>(16).fill(0);
          leaves.forEach((x, l) => {
            const idx = [(l >> 6) & 3, (l >> 4) & 3, (l >> 2) & 3, l & 3];
            out[idx[keep[0]]! * 4 + idx[keep[1]]!]! += x;
          });
          return out;
        };
        const t1 = makeTable([{ name: 'a', hierarchy: hs[0]! }, { name: 'b', hierarchy: hs[1]! }], margin([0, 1]));
        const t2 = makeTable([{ name: 'c', hierarchy: hs[2]! }, { name: 'd', hierarchy: hs[3]! }], margin([2, 3]));
        const space = CellSpace.fromTables([t1, t2]);
        const counts = space.values({ kind: 'count' });
        const primary = Uint8Array.from(counts, (x) => (x > 0 && x < 5 ? 1 : 0));
        const order = Int32Array.from([...counts.keys()].sort((a, b) => counts[b]! - counts[a]! || a - b));
        const got = gaussSecondary(space, primary, order);
        const cols = [...Array(space.cellCount).keys()].map((c) => linkedIndicator(space, c));
        const want = referencePattern(cols, primary, order);
        if (want.some((x) => x)) hiddenSome++;
        expect([...got]).toEqual([...want]);
      }),
      { numRuns: 15, seed: 2718 },
    );
    expect(hiddenSome).toBeGreaterThan(3);
  });
});
