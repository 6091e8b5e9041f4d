import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import type { Hierarchy } from '../../../src/hierarchy/Hierarchy.js';
import { gaussSecondary, SUPPORT_MAX_SHARE } from '../../../src/protect/suppression/gaussSecondary.js';
import { flat, makeTable, sdcTableExample, twoLevel } from '../../audit/tableHelpers.js';
import { differenceColumns } from '../../../src/protect/suppression/differenceColumns.js';
import { supportColumns } from '../../../src/protect/suppression/supportColumns.js';
import { invModP, P, randomDimension } from './eliminationTestHelpers.js';

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

/**
 * The second implementation of the elimination, deliberately plain: dense model-matrix columns (cell = indicator of
 * its finest cells, not the difference basis, its projection or the support), arithmetic modulo the prime 1,000,003
 * (exact in doubles), a basis reduced in insertion order, every primary kept reduced. With `known` (finest cells,
 * row-major over leaves, known to be zero), their unit vectors are in the basis from the start.
 */
function denseElimination(t: ReturnType<typeof makeTable>, primary: Uint8Array, ord: Int32Array, known: readonly number[] = []): Uint8Array {
  const inv = invModP;
  const dims = t.dimensions;
  const leafCount = dims.reduce((a, d) => a * d.hierarchy.leafCount, 1);
  // Dense columns over the finest cells (row-major over leaves).
  const hs = dims.map((d) => d.hierarchy);
  const below = (h: Hierarchy, leaf: number, node: number): boolean => {
    for (let n = leaf; n >= 0; n = h.parents[n]!) if (n === node) return true;
    return false;
  };
  const col = (c: number): number[] => {
    const nodes = t.nodes(c);
    let acc = [0];
    hs.forEach((h, d) => {
      const ls = [...Array(h.leafCount).keys()].filter((l) => below(h, l, nodes[d]!));
      acc = acc.flatMap((a) => ls.map((l) => a * h.leafCount + l));
    });
    const v = new Array<number>(leafCount).fill(0);
    for (const l of acc) v[l] = 1;
    return v;
  };
  const basis: { lead: number; v: number[] }[] = known.map((z) => ({ lead: z, v: Array.from({ length: leafCount }, (_, j) => (j === z ? 1 : 0)) }));
  const reduce = (v: number[]): number[] => {
    const w = [...v];
    for (const b of basis) {
      const f = w[b.lead]!;
      if (f !== 0) for (let j = 0; j < w.length; j++) w[j] = (((w[j]! - f * b.v[j]!) % P) + P) % P;
    }
    return w;
  };
  const prims = [...Array(t.cellCount).keys()].filter((c) => primary[c]).map((c) => reduce(col(c)));
  const want = new Uint8Array(t.cellCount);
  for (const c of ord) {
    if (primary[c]) continue;
    const w = reduce(col(c));
    const lead = w.findIndex((x) => x !== 0);
    if (lead < 0) continue; // in the span of the published cells
    const parallel = prims.some((q) => {
      const a = (q[lead]! * inv(w[lead]!)) % P; // q = a * w if parallel
      return a !== 0 && q.every((x, j) => x === (a * w[j]!) % P);
    });
    if (parallel) {
      want[c] = 1;
      continue;
    }
    const il = inv(w[lead]!);
    const b = { lead, v: w.map((x) => (x * il) % P) };
    basis.push(b);
    for (const q of prims) {
      const f = q[lead]!;
      if (f !== 0) for (let j = 0; j < q.length; j++) q[j] = (((q[j]! - f * b.v[j]!) % P) + P) % P;
    }
  }
  return want;
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

  it('refuses a primary mask of the wrong length, and an order with a cell outside the space or a cell twice', () => {
    const t = sdcTableExample();
    const space = CellSpace.fromTables([t]);
    const primary = new Uint8Array(t.cellCount);
    const ok = order(t.counts);
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof PrikkError ? `${e.code}: ${e.message}` : 'not a PrikkError';
      }
      return undefined;
    };
    expect(code(() => gaussSecondary(space, new Uint8Array(3), ok))).toMatch(/^INVALID_ARGUMENT: gaussSecondary: expected primary .* 15 entries/);
    expect(code(() => gaussSecondary(space, primary, Int32Array.of(0, 15)))).toMatch(/^INVALID_ARGUMENT: gaussSecondary: order\[1\] = 15 is not a cell/);
    expect(code(() => gaussSecondary(space, primary, Int32Array.of(2, 1, 2)))).toMatch(/^INVALID_ARGUMENT: gaussSecondary: order\[2\] = 2 repeats a cell/);
    expect(code(() => gaussSecondary(space, primary, ok))).toBeUndefined();
  });

  it('hides the same cells as a dense elimination modulo a prime on larger 3-dimensional tables (200-700 cells)', () => {
    // The second implementation is denseElimination (above). Tables this size make gaussSecondary grow its node
    // pool and compact its primary arena, which the small tables of the reference test do not.
    const dim = fc.oneof(
      fc.integer({ min: 3, max: 6 }).map((k) => (n: string): Hierarchy => flat('T', Array.from({ length: k }, (_, i) => `${n}${i}`))),
      fc.tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 })).map(
        ([a, b]) =>
          (n: string): Hierarchy =>
            twoLevel('T', { [`${n}G`]: Array.from({ length: a }, (_, i) => `${n}g${i}`), [`${n}H`]: Array.from({ length: b }, (_, i) => `${n}h${i}`) }),
      ),
    );
    let hiddenSome = 0;
    fc.assert(
      fc.property(fc.tuple(dim, dim, dim), fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 30 })), { minLength: 64, maxLength: 64 }), ([f0, f1, f2], pool) => {
        const dims = [f0('a'), f1('b'), f2('c')].map((h, d) => ({ name: 'abc'[d]!, hierarchy: h }));
        const leafCount = dims.reduce((a, d) => a * d.hierarchy.leafCount, 1);
        const t = makeTable(dims, Array.from({ length: leafCount }, (_, i) => pool[(i * 7) % pool.length]!));
        fc.pre(t.cellCount >= 200 && t.cellCount <= 700);
        const primary = Uint8Array.from(t.counts, (x) => (x > 0 && x < 5 ? 1 : 0));
        const ord = order(t.counts);
        const got = gaussSecondary(CellSpace.fromTables([t]), primary, ord);
        const want = denseElimination(t, primary, ord);
        if (want.some((x) => x)) hiddenSome++;
        expect([...got]).toEqual([...want]);
      }),
      { numRuns: 12, seed: 90210 },
    );
    expect(hiddenSome).toBeGreaterThan(6);
  });

  it('with the zero cells known, hides a published neighbour instead of a zero cell (hand example)', () => {
    // T = a + b1 + ... + b8 + c; a = 3 (primary, count < 5), every b = 0, c = 10, T = 13; candidates T, c, b1..b8.
    // Without zeros (the difference basis): T and c published, then b1..b7 too; publishing b8 would give
    // a = T - c - (b1 + ... + b8), so b8 is hidden, and the attacker reads a + b8 = 3: a within [0, 3], no
    // protection against "count < 5". With the zeros known (b1..b8 are 0 for everyone once published, so a = T - c
    // as soon as c is published): c is hidden instead, and a + c = 13 leaves a within [0, 13].
    const labels = ['a', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8', 'c'];
    const t = makeTable([{ name: 'x', hierarchy: flat('T', labels) }], [3, 0, 0, 0, 0, 0, 0, 0, 0, 10]);
    const space = CellSpace.fromTables([t]);
    const cell = (label: string): number => labels.indexOf(label);
    const primary = Uint8Array.from(t.counts, (x) => (x > 0 && x < 5 ? 1 : 0));
    expect([...primary.keys()].filter((c) => primary[c])).toEqual([cell('a')]);
    const ord = order(t.counts);
    const zeros = Uint8Array.from(t.counts, (x) => (x === 0 ? 1 : 0));
    const hiddenOf = (sec: Uint8Array): string[] => [...sec.keys()].filter((c) => sec[c]).map((c) => t.coords(c).x!);
    expect(hiddenOf(gaussSecondary(space, primary, ord))).toEqual(['b8']);
    expect(hiddenOf(gaussSecondary(space, primary, ord, zeros))).toEqual(['c']);
    // The dense reference with the b's known agrees.
    expect(hiddenOf(denseElimination(t, primary, ord, [1, 2, 3, 4, 5, 6, 7, 8]))).toEqual(['c']);
  });

  it('with the zero cells known, hides the same cells as the dense elimination on mostly-zero 3-dimensional tables', () => {
    // Over the support (supportColumns) the reference starts from the unit vectors of the zero finest cells
    // (row-major over leaves, as makeTable's leaves); in the difference basis the zeros are not known. 'auto' takes
    // the support on the tables whose support basis is small (SUPPORT_MAX_SHARE).
    let support = 0;
    let hiddenSome = 0;
    let differ = 0;
    fc.assert(
      fc.property(
        fc.tuple(randomDimension, randomDimension, randomDimension),
        fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 12 }) }), { minLength: 96, maxLength: 96 }),
        ([f0, f1, f2], pool) => {
          const dims = [f0('a'), f1('b'), f2('c')].map((h, d) => ({ name: 'abc'[d]!, hierarchy: h }));
          const leafCount = dims.reduce((a, d) => a * d.hierarchy.leafCount, 1);
          const leaves = Array.from({ length: leafCount }, (_, i) => pool[(i * 7) % pool.length]!);
          const t = makeTable(dims, leaves);
          const space = CellSpace.fromTables([t]);
          const primary = Uint8Array.from(t.counts, (x) => (x > 0 && x < 5 ? 1 : 0));
          const zeros = Uint8Array.from(t.counts, (x) => (x === 0 ? 1 : 0));
          const ord = order(t.counts);
          const withZeros = denseElimination(t, primary, ord, [...leaves.keys()].filter((i) => leaves[i] === 0));
          const without = denseElimination(t, primary, ord);
          if (withZeros.some((x) => x)) hiddenSome++;
          if (withZeros.some((x, c) => x !== without[c])) differ++;
          expect([...gaussSecondary(space, primary, ord, zeros, 'support')]).toEqual([...withZeros]);
          expect([...gaussSecondary(space, primary, ord, zeros, 'difference')]).toEqual([...without]);
          const overSupport = supportColumns(space, zeros).keys.length <= SUPPORT_MAX_SHARE * differenceColumns(space, { project: true }).keys.length;
          if (overSupport) support++;
          expect([...gaussSecondary(space, primary, ord, zeros)]).toEqual([...(overSupport ? withZeros : without)]);
        },
      ),
      { numRuns: 40, seed: 4711 },
    );
    expect(support).toBeGreaterThan(10);
    expect(hiddenSome).toBeGreaterThan(10);
    expect(differ).toBeGreaterThan(0);
  });

  it('refuses a zeros mask of the wrong length, an unknown basis, and the support without zeros', () => {
    const t = sdcTableExample();
    const space = CellSpace.fromTables([t]);
    const primary = new Uint8Array(t.cellCount);
    expect(() => gaussSecondary(space, primary, order(t.counts), new Uint8Array(3))).toThrow(/gaussSecondary: expected zeros to be a Uint8Array of 15 entries/);
    expect(() => gaussSecondary(space, primary, order(t.counts), undefined, 'support')).toThrow(/the 'support' basis needs zeros and a single table/);
    expect(() => gaussSecondary(space, primary, order(t.counts), undefined, 'rows' as never)).toThrow(/expected basis to be 'auto', 'difference' or 'support', got rows/);
  });
});
