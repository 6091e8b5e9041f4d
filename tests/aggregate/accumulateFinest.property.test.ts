// The fused finest-level path of `aggregate` (src/aggregate/accumulateFinest.ts: no top contributions, at most one
// measure, dimensions mapped by lookup tables) against a naive implementation written here: every row adds itself
// to every combination of its values' ancestors in a string-keyed Map, distinct persons as a Set per cell. It shares
// no code with src/aggregate. The scenarios cover what the fused path does differently from the general one: more
// than four dimensions (a first pass for the others), a filter's mask, `personRow`, values that are not leaves, no
// measure, no person column, and persons whose rows span many cells (inclusion–exclusion and its fallback).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/aggregate.js';
import type { CellTable } from '../../src/aggregate/CellTable.js';
import { describeFilter } from '../../src/aggregate/describeFilter.js';
import type { Hierarchy } from '../../src/hierarchy/Hierarchy.js';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { type ColumnDef, makeExtract, type Row, tree } from './helpers.js';

type Kind = 'tree' | 'flat' | 'bands';

interface Dim {
  readonly name: string;
  readonly kind: Kind;
  readonly leaves: readonly string[];
  readonly parentOf: ReadonlyMap<string, string>;
  readonly total: string;
  readonly hierarchy: Hierarchy | undefined;
}

interface DimGen {
  readonly kind: Kind;
  readonly leafCount: number;
  /** Group (0..1) of each leaf under a middle level; empty: leaves directly under the total. */
  readonly groups: readonly number[];
}

function buildDim(d: number, g: DimGen): Dim {
  const name = `d${d}`;
  const leaves = Array.from({ length: g.leafCount }, (_, i) => (g.kind === 'bands' ? `b${i}` : `L${d}.${i}`));
  const total = g.kind === 'flat' ? 'Total' : `T${d}`;
  const parentOf = new Map<string, string>();
  if (g.kind === 'flat' || g.groups.length === 0) {
    for (const leaf of leaves) parentOf.set(leaf, total);
  } else {
    // Bands group neighbours (sorted group ids keep band order), trees any way.
    const group = leaves.map((_, i) => g.groups[i % g.groups.length]!);
    if (g.kind === 'bands') group.sort();
    leaves.forEach((leaf, i) => parentOf.set(leaf, `G${d}.${group[i]}`));
    for (const mid of new Set(parentOf.values())) parentOf.set(mid, total);
  }
  let hierarchy: Hierarchy | undefined;
  if (g.kind !== 'flat') {
    const spec: Record<string, string[]> = {};
    for (const [child, parent] of parentOf) (spec[parent] ??= []).push(child);
    const bands = g.kind === 'bands' ? { lower: Float64Array.from(leaves, (_, i) => i * 10), upper: Float64Array.from(leaves, (_, i) => i * 10 + 10) } : undefined;
    hierarchy = tree(total, spec, bands);
    if (g.kind === 'bands') expect(hierarchy.labels.slice(0, hierarchy.leafCount)).toEqual(leaves);
  }
  return { name, kind: g.kind, leaves, parentOf, total, hierarchy };
}

/** The raw value of leaf i (integers for bands, so that the fused path's lookup table applies), or an unknown one. */
function rawValue(dim: Dim, leaf: number, unknown: boolean, offset: number): string | number {
  if (dim.kind === 'bands') return unknown ? -5 : leaf * 10 + offset;
  return unknown && dim.kind === 'tree' ? 'ZZ' : dim.leaves[leaf]!;
}

function leafOfRaw(dim: Dim, v: string | number): string | undefined {
  if (dim.kind === 'bands') {
    const i = Math.floor(Number(v) / 10);
    return Number(v) >= 0 && i < dim.leaves.length ? `b${i}` : undefined;
  }
  return dim.leaves.includes(String(v)) ? String(v) : undefined;
}

function ancestors(dim: Dim, leaf: string): string[] {
  const out = [leaf];
  for (let node = leaf; node !== dim.total; ) {
    node = dim.parentOf.get(node)!;
    out.push(node);
  }
  return out;
}

interface Scenario {
  readonly dims: readonly Dim[];
  readonly rows: readonly Row[];
  readonly withPerson: boolean;
  readonly withMeasure: boolean;
  readonly sites: readonly string[] | undefined;
  readonly personRow: boolean;
}

interface NaiveCell {
  rows: number;
  sum: number;
  persons: Set<string>;
}

/** The naive table: cells by label key, and the reconciliation's counts. */
function naive(s: Scenario) {
  const cells = new Map<string, NaiveCell>();
  let filtered = 0;
  let personRowDropped = 0;
  const unknown = new Map<string, number>();
  const seen = new Set<string>();
  const flatLabels = s.dims.map(() => new Set<string>());
  let used = 0;
  for (const row of s.rows) {
    if (s.sites && !s.sites.includes(String(row.site))) {
      filtered++;
      continue;
    }
    if (s.personRow) {
      // One row per person: their first row of the cohort in file order (even when it is dropped below).
      if (seen.has(String(row.pid))) {
        personRowDropped++;
        continue;
      }
      seen.add(String(row.pid));
    }
    s.dims.forEach((dim, d) => flatLabels[d]!.add(String(row[dim.name])));
    const lists: string[][] = [];
    let bad: string | undefined;
    for (const dim of s.dims) {
      const leaf = leafOfRaw(dim, row[dim.name]!);
      if (leaf === undefined) {
        bad = dim.name;
        break;
      }
      lists.push(ancestors(dim, leaf));
    }
    if (bad !== undefined) {
      unknown.set(bad, (unknown.get(bad) ?? 0) + 1);
      continue;
    }
    used++;
    let combos: string[][] = [[]];
    for (const list of lists) combos = combos.flatMap((c) => list.map((x) => [...c, x]));
    for (const combo of combos) {
      const key = combo.join('|');
      let c = cells.get(key);
      if (!c) {
        c = { rows: 0, sum: 0, persons: new Set() };
        cells.set(key, c);
      }
      c.rows++;
      c.sum += Number(row.cost);
      c.persons.add(String(row.pid));
    }
  }
  return { cells, filtered, personRowDropped, unknown, used };
}

function run(s: Scenario): CellTable {
  const columns: Record<string, ColumnDef> = { site: { kind: 'code' }, cost: { kind: 'number' } };
  for (const dim of s.dims) columns[dim.name] = dim.kind === 'bands' ? { kind: 'number', type: 'integer' } : { kind: 'code' };
  const extract = makeExtract(columns, s.rows, s.withPerson ? 'pid' : undefined);
  return aggregate(extract, {
    dimensions: s.dims.map((d) => (d.hierarchy ? { column: d.name, hierarchy: d.hierarchy } : d.name)),
    measures: s.withMeasure ? ['cost'] : [],
    unit: s.withPerson ? 'persons' : 'rows',
    topContributors: 0,
    unknownValues: 'exclude',
    ...(s.sites ? { filter: { column: 'site', in: [...s.sites] } } : {}),
    ...(s.personRow ? { personRow: { keep: 'first' as const } } : {}),
  });
}

function check(s: Scenario, t: CellTable): void {
  const expected = naive(s);
  const labels = t.dimensions.map((d) => d.hierarchy.labels);
  const sums = t.sums.get('cost');
  expect(sums === undefined).toBe(!s.withMeasure);
  expect(t.persons === undefined).toBe(!s.withPerson);
  expect(t.top.size).toBe(0);
  for (let i = 0; i < t.cellCount; i++) {
    const key = labels.map((l, d) => l[t.nodeAt(i, d)]).join('|');
    const c = expected.cells.get(key);
    const want = { key, rows: c?.rows ?? 0, persons: s.withPerson ? (c?.persons.size ?? 0) : undefined, sum: s.withMeasure ? (c?.sum ?? 0) : undefined };
    const got = { key, rows: t.rows[i], persons: t.persons?.[i], sum: sums?.[i] };
    if (got.rows !== want.rows || got.persons !== want.persons || got.sum !== want.sum) expect(got).toEqual(want);
  }
  // Every non-empty naive cell is a cell of the table (the flat dimensions were built from the kept rows).
  for (const key of expected.cells.keys()) {
    const coords: Record<string, string> = {};
    key.split('|').forEach((label, d) => (coords[s.dims[d]!.name] = label));
    expect(t.rows[t.indexOf(coords)]).toBe(expected.cells.get(key)!.rows);
  }
  const excluded: Record<string, number> = {};
  if (s.sites) excluded[`filter:${describeFilter({ column: 'site', in: [...s.sites] })}`] = expected.filtered;
  if (s.personRow) excluded['person-row:first in file order'] = expected.personRowDropped;
  for (const [name, n] of expected.unknown) excluded[`unknown-value:${name}`] = n;
  expect(t.reconciliation!.excluded).toEqual(excluded);
  expect(t.reconciliation!.rowsUsed).toBe(expected.used);
  expect(t.rows[t.cellCount - 1]).toBe(expected.used);
}

function scenario(maxDims: number, leafMax: number, maxRowsPerPerson: number, size: fc.SizeForArbitrary): fc.Arbitrary<Scenario> {
  const dimGen: fc.Arbitrary<DimGen> = fc.record({
    kind: fc.constantFrom<Kind>('tree', 'tree', 'flat', 'bands'),
    leafCount: fc.integer({ min: 1, max: leafMax }),
    groups: fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 3 }),
  });
  return fc
    .array(dimGen, { minLength: 1, maxLength: maxDims })
    .map((gs) => gs.map((g, d) => buildDim(d, g)))
    .chain((dims) =>
      fc.record({
        dims: fc.constant(dims),
        persons: fc.array(
          fc.array(
            fc.record({
              leaves: fc.tuple(...dims.map((d) => fc.integer({ min: 0, max: d.leaves.length - 1 }))),
              // A value that is not a leaf, in one dimension (1 row in 15).
              unknownIn: fc.integer({ min: 0, max: 15 * dims.length - 1 }),
              offset: fc.integer({ min: 0, max: 9 }),
              site: fc.constantFrom('x1', 'x2', 'y1'),
              // Quarters: sums are exact in any order (the naive sums add in another order than the roll-up).
              cost: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 400 }).map((q) => q / 4)),
            }),
            { minLength: 1, maxLength: maxRowsPerPerson, size },
          ),
          { maxLength: 10 },
        ),
        withPerson: fc.boolean(),
        withMeasure: fc.boolean(),
        sites: fc.option(fc.subarray(['x1', 'x2', 'y1'], { minLength: 1 }), { nil: undefined, freq: 2 }),
        personRow: fc.boolean(),
        shuffle: fc.integer({ min: 0, max: 1000 }),
      }),
    )
    .map(({ dims, persons, withPerson, withMeasure, sites, personRow, shuffle }) => {
      const rows: Row[] = [];
      persons.forEach((list, p) =>
        list.forEach((r) => {
          const row: Record<string, string | number> = { pid: `P${p}`, site: r.site, cost: r.cost };
          dims.forEach((dim, d) => (row[dim.name] = rawValue(dim, r.leaves[d]!, r.unknownIn === d, r.offset)));
          rows.push(row);
        }),
      );
      // Interleave the persons' rows (a fixed permutation), so that a person's rows are not next to each other.
      for (let i = rows.length - 1; i > 0; i--) {
        const j = (shuffle * (i + 7)) % (i + 1);
        [rows[i], rows[j]] = [rows[j]!, rows[i]!];
      }
      return { dims, rows, withPerson, withMeasure, sites, personRow: personRow && withPerson };
    });
}

describe('aggregate without top contributions (the fused finest-level pass) agrees with a naive implementation', () => {
  it('on random extracts with up to six dimensions, filters, personRow and unknown values', () => {
    fc.assert(
      fc.property(scenario(6, 3, 6, 'small'), (s) => check(s, run(s))),
      { numRuns: 200 },
    );
  });

  it('with persons spread over many cells (inclusion–exclusion pruning and its fallback)', () => {
    // Up to 12 leaves per dimension and 40 rows per person: some persons have more cells than inclusion–exclusion's
    // work budget allows, so the explicit walk over their cells' cones counts them.
    fc.assert(
      fc.property(scenario(3, 12, 40, 'max'), (s) => check(s, run(s))),
      { numRuns: 60 },
    );
  });
});

describe('aggregate without top contributions: values that are not leaves', () => {
  // Hand-made: 5 dimensions (d0..d3 in the first pass, d4 fused with the counting); row 1 has an unknown value in d1,
  // row 2 in d1 and d4.
  const h = (d: number): Hierarchy => tree(`T${d}`, { [`T${d}`]: [`a${d}`, `b${d}`] });
  const rows: Row[] = [
    { pid: 'P1', d0: 'a0', d1: 'a1', d2: 'a2', d3: 'a3', d4: 'a4' },
    { pid: 'P1', d0: 'a0', d1: 'zz', d2: 'a2', d3: 'a3', d4: 'b4' },
    { pid: 'P2', d0: 'b0', d1: 'yy', d2: 'b2', d3: 'b3', d4: 'xx' },
  ];
  const columns: Record<string, ColumnDef> = Object.fromEntries([0, 1, 2, 3, 4].map((d) => [`d${d}`, { kind: 'code' } as ColumnDef]));
  const extract = makeExtract(columns, rows, 'pid');
  const dimensions = [0, 1, 2, 3, 4].map((d) => ({ column: `d${d}`, hierarchy: h(d) }));

  it('are counted under the first dimension, in the given order, whose value is not a leaf', () => {
    const t = aggregate(extract, { dimensions, topContributors: 0, unknownValues: 'exclude' });
    // Row 1: d1; row 2: d1 comes before d4. Only row 0 is counted: 1 row, 1 person.
    expect(t.reconciliation!.excluded).toEqual({ 'unknown-value:d1': 2 });
    expect(t.rows[t.cellCount - 1]).toBe(1);
    expect(t.persons![t.cellCount - 1]).toBe(1);
  });

  it('stop the call naming the dimension and the value, as `finestCells` does', () => {
    let error: unknown;
    try {
      aggregate(extract, { dimensions, topContributors: 0 });
    } catch (e) {
      error = e;
    }
    // The passes go as in `finestCells`: d0..d3 first (row 1 has 'zz' in d1), then d4 with the counting.
    expect(error).toBeInstanceOf(PrikkError);
    expect((error as PrikkError).code).toBe('INVALID_VALUE');
    expect((error as PrikkError).message).toContain("dimension 'd1': the value 'zz' is not a leaf");
  });
});
