// Properties of `aggregate` against a separate, naive implementation written here: a string-keyed Map over every
// cube cell, filled row by row (each row adds itself to every combination of its values' ancestors), distinct
// persons as a Set per cell, contributions as a Map per cell. It shares no code with src/aggregate.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/aggregate.js';
import type { CellTable } from '../../src/aggregate/CellTable.js';
import { describeFilter } from '../../src/aggregate/describeFilter.js';
import type { Filter } from '../../src/aggregate/Filter.js';
import type { Hierarchy } from '../../src/hierarchy/Hierarchy.js';
import { type ColumnDef, makeExtract, type Row, tree } from './helpers.js';

type Kind = 'tree' | 'flatCode' | 'codeList' | 'numberFlat' | 'bands';

interface DimGen {
  readonly kind: Kind;
  readonly leafCount: number;
  /** layers[l][i]: the group (0..2) that node i of the layer below joins. */
  readonly layers: readonly (readonly number[])[];
}

/** A generated dimension: how rows get values, and the naive view of its tree. */
interface Dim {
  readonly name: string;
  readonly kind: Kind;
  readonly leaves: readonly string[];
  /** Raw value per leaf (label for codes, a number inside the band for bands, the number for numberFlat). */
  readonly parentOf: ReadonlyMap<string, string>;
  readonly total: string;
  readonly hierarchy: Hierarchy | undefined;
  readonly column: ColumnDef;
}

const leafLabel = (d: number, i: number): string => `${'AB'[i % 2]}${d}${i}`;

function buildDim(d: number, g: DimGen): Dim {
  const name = `d${d}`;
  const leaves = Array.from({ length: g.leafCount }, (_, i) => (g.kind === 'numberFlat' ? String(i * 1.5) : g.kind === 'bands' ? `b${i}` : leafLabel(d, i)));
  const total = g.kind === 'tree' || g.kind === 'bands' ? `T${d}` : 'Total';
  const parentOf = new Map<string, string>();
  if (g.kind === 'tree' || g.kind === 'bands') {
    let layer = [...leaves];
    g.layers.forEach((groups, l) => {
      const next: string[] = [];
      // Interval hierarchies group neighbouring bands: sorted group ids keep the leaves in band order.
      const group = layer.map((_, i) => groups[i % groups.length]!);
      if (g.kind === 'bands') group.sort();
      layer.forEach((node, i) => {
        const parent = `G${d}.${l}.${group[i]}`;
        if (!next.includes(parent)) next.push(parent);
        parentOf.set(node, parent);
      });
      layer = next;
    });
    for (const node of layer) parentOf.set(node, total);
  } else {
    for (const leaf of leaves) parentOf.set(leaf, total);
  }
  let hierarchy: Hierarchy | undefined;
  if (g.kind === 'tree' || g.kind === 'bands') {
    const spec: Record<string, string[]> = {};
    // Children lists in insertion order; leaves listed in their order so that band i is leaf i.
    for (const [child, parent] of parentOf) (spec[parent] ??= []).push(child);
    const bands =
      g.kind === 'bands'
        ? { lower: Float64Array.from(leaves, (_, i) => i * 10), upper: Float64Array.from(leaves, (_, i) => i * 10 + 10) }
        : undefined;
    hierarchy = tree(total, spec, bands);
    // The helper numbers leaves depth-first; with contiguous groups that is the band order.
    expect(hierarchy.labels.slice(0, hierarchy.leafCount)).toEqual(g.kind === 'bands' ? leaves : hierarchy.labels.slice(0, hierarchy.leafCount));
  }
  const column: ColumnDef =
    g.kind === 'numberFlat' || g.kind === 'bands' ? { kind: 'number' } : g.kind === 'codeList' ? { kind: 'code', codes: [...leaves].reverse() } : { kind: 'code' };
  return { name, kind: g.kind, leaves, parentOf, total, hierarchy, column };
}

/** Raw value of a row for leaf i (or an unknown value). */
function rawValue(dim: Dim, leaf: number, unknown: boolean, frac: number): string | number {
  if (dim.kind === 'bands') return unknown ? -5 : leaf * 10 + frac * 9.5;
  if (dim.kind === 'numberFlat') return leaf * 1.5;
  if (unknown && dim.kind === 'tree') return 'ZZ';
  return dim.leaves[leaf]!;
}

/** Naive: the label of a raw value's leaf, or undefined when it is not a leaf. */
function leafOfRaw(dim: Dim, v: string | number): string | undefined {
  if (dim.kind === 'bands') {
    const i = Math.floor(Number(v) / 10);
    return Number(v) >= 0 && i < dim.leaves.length ? `b${i}` : undefined;
  }
  const label = String(v);
  return dim.leaves.includes(label) ? label : undefined;
}

function ancestors(dim: Dim, leaf: string): string[] {
  const out = [leaf];
  let node = leaf;
  while (node !== dim.total) {
    node = dim.parentOf.get(node)!;
    out.push(node);
  }
  return out;
}

function matches(f: Filter, row: Row): boolean {
  if ('and' in f) return f.and.every((g) => matches(g, row));
  if ('or' in f) return f.or.some((g) => matches(g, row));
  if ('not' in f) return !matches(f.not, row);
  const v = row[f.column]!;
  if ('range' in f) {
    const x = Number(v);
    return (f.range.min === undefined || x >= Number(f.range.min)) && (f.range.max === undefined || x <= Number(f.range.max));
  }
  if ('in' in f) return f.in.some((w) => (typeof v === 'number' ? Number(w) === v : String(w) === v));
  const prefixes = typeof f.prefix === 'string' ? [f.prefix] : f.prefix;
  return prefixes.some((p) => String(v).startsWith(p));
}

interface NaiveCell {
  rows: number;
  sum: number;
  persons: Set<string>;
  contrib: Map<string, number>;
}

interface Scenario {
  readonly dims: readonly Dim[];
  readonly rows: readonly Row[];
  readonly withPerson: boolean;
  readonly filter: Filter | undefined;
  readonly k: number;
}

function naive(s: Scenario) {
  const cells = new Map<string, NaiveCell>();
  let filtered = 0;
  const unknown = new Map<string, number>();
  const flatLabels = s.dims.map(() => new Set<string>());
  let used = 0;
  s.rows.forEach((row, r) => {
    if (s.filter && !matches(s.filter, row)) {
      filtered++;
      return;
    }
    s.dims.forEach((dim, d) => flatLabels[d]!.add(String(row[dim.name])));
    const lists: string[][] = [];
    for (const dim of s.dims) {
      const leaf = leafOfRaw(dim, row[dim.name]!);
      if (leaf === undefined) {
        unknown.set(dim.name, (unknown.get(dim.name) ?? 0) + 1);
        return;
      }
      lists.push(ancestors(dim, leaf));
    }
    used++;
    const who = s.withPerson ? String(row.pid) : `row${r}`;
    const cost = Number(row.cost);
    // Every combination of ancestors: the cells this row counts in.
    let combos: string[][] = [[]];
    for (const list of lists) combos = combos.flatMap((c) => list.map((x) => [...c, x]));
    for (const combo of combos) {
      const key = combo.join('|');
      let c = cells.get(key);
      if (!c) {
        c = { rows: 0, sum: 0, persons: new Set(), contrib: new Map() };
        cells.set(key, c);
      }
      c.rows++;
      c.sum += cost;
      c.persons.add(who);
      c.contrib.set(who, (c.contrib.get(who) ?? 0) + cost);
    }
  });
  // The labels each dimension should have (flat ones are built from the rows the filter keeps).
  const labels = s.dims.map((dim, d) => {
    if (dim.kind === 'tree' || dim.kind === 'bands') return [...dim.parentOf.keys(), dim.total].sort();
    if (dim.kind === 'codeList') return [...dim.leaves, 'Total'].sort();
    return [...flatLabels[d]!, 'Total'].sort();
  });
  return { cells, filtered, unknown, used, labels };
}

function check(s: Scenario, t: CellTable): void {
  const expected = naive(s);
  t.dimensions.forEach((dim, d) => expect([...dim.hierarchy.labels].sort()).toEqual(expected.labels[d]));
  const sums = t.sums.get('cost')!;
  const top = t.top.get('cost')!;
  expect(top.k).toBe(s.k);
  const labels = t.dimensions.map((d) => d.hierarchy.labels);
  for (let i = 0; i < t.cellCount; i++) {
    const key = labels.map((l, d) => l[t.nodeAt(i, d)]).join('|');
    const c = expected.cells.get(key);
    const want = {
      key,
      rows: c?.rows ?? 0,
      persons: s.withPerson ? (c?.persons.size ?? 0) : undefined,
      sum: c?.sum ?? 0,
      top: [...(c?.contrib.values() ?? [])]
        .sort((a, b) => b - a)
        .concat(Array(s.k).fill(0))
        .slice(0, s.k),
    };
    const got = {
      key,
      rows: t.rows[i],
      persons: t.persons?.[i],
      sum: sums[i],
      top: Array.from(top.values.subarray(i * s.k, (i + 1) * s.k)),
    };
    // Compare cheaply; hand the first difference to expect for a readable report.
    if (
      got.rows !== want.rows ||
      got.persons !== want.persons ||
      got.sum !== want.sum ||
      got.top.some((v, j) => v !== want.top[j])
    ) {
      expect(got).toEqual(want);
    }
  }
  // Reconciliation: one reason for the filter, one per dimension with unknown values, and the arithmetic holds.
  const rec = t.reconciliation!;
  const excluded: Record<string, number> = { 'missing:cost': 2 };
  if (s.filter) excluded[`filter:${describeFilter(s.filter)}`] = expected.filtered;
  for (const [name, n] of expected.unknown) excluded[`unknown-value:${name}`] = n;
  expect(rec.excluded).toEqual(excluded);
  expect(rec.rowsUsed).toBe(expected.used);
  expect(rec.rowsRead).toBe(rec.rowsUsed + Object.values(rec.excluded).reduce((a, b) => a + b, 0));
  expect(t.rows[t.cellCount - 1]).toBe(rec.rowsUsed);
}

/** Children sum to their parent, in every dimension, for rows and sums. */
function checkMargins(t: CellTable): void {
  const arrays = [t.rows, t.sums.get('cost')!];
  t.dimensions.forEach((dim, d) => {
    const h = dim.hierarchy;
    const children = Array.from({ length: h.size }, (_, n) => h.children(n));
    for (let i = 0; i < t.cellCount; i++) {
      const node = t.nodeAt(i, d);
      if (node < h.leafCount) continue;
      for (const a of arrays) {
        let sum = 0;
        for (const c of children[node]!) sum += a[i + (c - node) * t.strides[d]!]!;
        if (sum !== a[i]) expect({ cell: t.coords(i), dimension: dim.name, sumOfChildren: sum }).toEqual({ cell: t.coords(i), dimension: dim.name, sumOfChildren: a[i] });
      }
    }
  });
}

const dimGen: fc.Arbitrary<DimGen> = fc.record({
  kind: fc.constantFrom<Kind>('tree', 'tree', 'flatCode', 'codeList', 'numberFlat', 'bands'),
  leafCount: fc.integer({ min: 1, max: 4 }),
  layers: fc.array(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 4 }), { maxLength: 2 }),
});

function filterGen(dims: readonly Dim[]): fc.Arbitrary<Filter> {
  const leaves: fc.Arbitrary<Filter>[] = [
    fc.record({ min: fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }), max: fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }) })
      .filter((r) => (r.min !== undefined || r.max !== undefined) && (r.min === undefined || r.max === undefined || r.min <= r.max))
      .map((r) => ({ column: 'age', range: { ...(r.min !== undefined ? { min: r.min } : {}), ...(r.max !== undefined ? { max: r.max } : {}) } })),
    fc.subarray(['x1', 'x2', 'y1', 'z9'], { minLength: 1 }).map((v) => ({ column: 'site', in: v })),
    fc.constantFrom('x', 'y', 'x1').map((p) => ({ column: 'site', prefix: p })),
  ];
  for (const dim of dims) {
    if (dim.kind === 'numberFlat' || dim.kind === 'bands') {
      leaves.push(fc.integer({ min: 0, max: 40 }).map((min) => ({ column: dim.name, range: { min: min / 2 } })));
      leaves.push(fc.subarray(dim.leaves.map((_, i) => String(i * 1.5)), { minLength: 1 }).map((v) => ({ column: dim.name, in: v })));
    } else {
      leaves.push(fc.subarray([...dim.leaves], { minLength: 1 }).map((v) => ({ column: dim.name, in: v })));
      leaves.push(fc.constantFrom('A', 'B', `A${dim.name.slice(1)}`).map((p) => ({ column: dim.name, prefix: [p] })));
    }
  }
  const leaf = fc.oneof(...leaves);
  return fc.letrec<{ f: Filter }>((tie) => ({
    f: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('f'), { minLength: 1, maxLength: 3 }).map((and) => ({ and })),
      fc.array(tie('f'), { minLength: 1, maxLength: 3 }).map((or) => ({ or })),
      tie('f').map((not) => ({ not })),
    ),
  })).f;
}

function scenario(maxRowsPerPerson: number, dimGens: fc.Arbitrary<DimGen[]>, size: fc.SizeForArbitrary = 'small'): fc.Arbitrary<Scenario> {
  return dimGens
    .map((gs) => gs.map((g, d) => buildDim(d, g)))
    .chain((dims) =>
      fc.record({
        dims: fc.constant(dims),
        persons: fc.array(
          fc.array(
            fc.record({
              leaves: fc.tuple(...dims.map((d) => fc.integer({ min: 0, max: d.leaves.length - 1 }))),
              unknown: fc.integer({ min: 0, max: 19 }).map((x) => x === 0),
              frac: fc.double({ min: 0, max: 1, noNaN: true }),
              age: fc.integer({ min: 0, max: 99 }),
              site: fc.constantFrom('x1', 'x2', 'y1'),
              cost: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50 })),
            }),
            { minLength: 1, maxLength: maxRowsPerPerson, size },
          ),
          { minLength: 0, maxLength: 8 },
        ),
        withPerson: fc.boolean(),
        filter: fc.option(filterGen(dims), { nil: undefined, freq: 2 }),
        k: fc.integer({ min: 1, max: 3 }),
      }),
    )
    .map(({ dims, persons, withPerson, filter, k }) => {
      const rows: Row[] = [];
      persons.forEach((list, p) =>
        list.forEach((r) => {
          const row: Record<string, string | number> = { pid: `P${p}`, age: r.age, site: r.site, cost: r.cost };
          dims.forEach((dim, d) => {
            row[dim.name] = rawValue(dim, r.leaves[d]!, r.unknown && d === 0, r.frac);
          });
          rows.push(row);
        }),
      );
      return { dims, rows, withPerson, filter, k };
    });
}

function run(s: Scenario): CellTable {
  const columns: Record<string, ColumnDef> = { age: { kind: 'number', type: 'integer' }, site: { kind: 'code' }, cost: { kind: 'number' } };
  for (const dim of s.dims) columns[dim.name] = dim.column;
  const extract = makeExtract(columns, s.rows, s.withPerson ? 'pid' : undefined, { 'missing:cost': 2 });
  return aggregate(extract, {
    dimensions: s.dims.map((d) => (d.hierarchy ? { column: d.name, hierarchy: d.hierarchy } : d.name)),
    measures: ['cost'],
    unit: s.withPerson ? 'persons' : 'rows',
    topContributors: s.k,
    unknownValues: 'exclude',
    ...(s.filter ? { filter: s.filter } : {}),
  });
}

describe('aggregate agrees with a naive implementation', () => {
  it('on random extracts, hierarchies and filters (rows, persons, sums, top, reconciliation)', () => {
    fc.assert(
      fc.property(scenario(6, fc.array(dimGen, { minLength: 1, maxLength: 4 })), (s) => {
        const t = run(s);
        check(s, t);
        checkMargins(t);
      }),
      { numRuns: 300 },
    );
  });

  it('with persons spread over many cells (inclusion–exclusion pruning and its fallback)', () => {
    // Flat dimensions with up to 40 codes and persons with up to 40 rows: the subsets of a person's cells blow
    // past the inclusion–exclusion work budget, so the explicit enumeration of their cells' cones is used too.
    const wide = fc.record({
      kind: fc.constantFrom<Kind>('flatCode', 'tree'),
      leafCount: fc.integer({ min: 1, max: 40 }),
      layers: fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 8 }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(scenario(40, fc.array(wide, { minLength: 1, maxLength: 2 }), 'max'), (s) => {
        check(s, run(s));
      }),
      { numRuns: 60 },
    );
  });
});
