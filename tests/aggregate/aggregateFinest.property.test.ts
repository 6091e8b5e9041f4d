// Properties of `aggregateFinest` against a naive implementation written here (a string-keyed Map over the finest
// cells, filled row by row; distinct persons as a Set per cell), and against `aggregate` at the same leaves.
// Dimensions of every kind the finest pass handles: code columns with and without a hierarchy, integer numbers
// (table lookups), decimal numbers in bands (binary search), up to six of them (two groups of fused lookups).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/aggregate.js';
import { aggregateFinest } from '../../src/aggregate/aggregateFinest.js';
import type { Filter } from '../../src/aggregate/Filter.js';
import type { Hierarchy } from '../../src/hierarchy/Hierarchy.js';
import { type ColumnDef, makeExtract, type Row, tree } from './helpers.js';

type Kind = 'code' | 'codeTree' | 'integer' | 'bands';

interface Dim {
  readonly name: string;
  readonly kind: Kind;
  readonly leafCount: number;
  readonly hierarchy: Hierarchy | undefined;
  readonly column: ColumnDef;
}

function buildDim(d: number, kind: Kind, leafCount: number): Dim {
  const name = `d${d}`;
  const leaves = Array.from({ length: leafCount }, (_, i) => `c${d}.${i}`);
  let hierarchy: Hierarchy | undefined;
  if (kind === 'codeTree') hierarchy = tree(`T${d}`, { [`T${d}`]: [`G${d}`], [`G${d}`]: leaves });
  if (kind === 'bands') {
    const bandLeaves = leaves.map((_, i) => `b${i}`);
    const bands = { lower: Float64Array.from(bandLeaves, (_, i) => i * 10), upper: Float64Array.from(bandLeaves, (_, i) => i * 10 + 10) };
    hierarchy = tree(`T${d}`, { [`T${d}`]: bandLeaves }, bands);
  }
  const column: ColumnDef = kind === 'integer' ? { kind: 'number', type: 'integer' } : kind === 'bands' ? { kind: 'number' } : { kind: 'code' };
  return { name, kind, leafCount, hierarchy, column };
}

/** A row's raw value for leaf i; `unknown` gives a value outside the hierarchy (only where one is given). */
function rawValue(dim: Dim, leaf: number, unknown: boolean): string | number {
  if (dim.kind === 'bands') return unknown ? -5 : leaf * 10 + 2.5;
  if (dim.kind === 'integer') return leaf * 3;
  if (dim.kind === 'codeTree' && unknown) return 'ZZ';
  return `c${dim.name.slice(1)}.${leaf}`;
}

/** Naive: the label of a raw value's leaf (undefined = not a leaf). */
function leafLabel(dim: Dim, v: string | number): string | undefined {
  if (dim.kind === 'bands') return Number(v) >= 0 ? `b${Math.floor(Number(v) / 10)}` : undefined;
  if (dim.kind === 'integer') return String(v);
  return v === 'ZZ' ? undefined : String(v);
}

const scenario = fc
  .record({
    kinds: fc.array(fc.constantFrom<Kind>('code', 'codeTree', 'integer', 'bands'), { minLength: 1, maxLength: 6 }),
    leafCounts: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 6, maxLength: 6 }),
    rowSpecs: fc.array(
      fc.record({
        leaves: fc.array(fc.nat(3), { minLength: 6, maxLength: 6 }),
        person: fc.nat(9),
        unknownAt: fc.option(fc.nat(5), { freq: 6 }),
        x: fc.integer({ min: -20, max: 100 }),
        y: fc.double({ min: 0, max: 50, noNaN: true }),
      }),
      { minLength: 0, maxLength: 60 },
    ),
    measureCount: fc.integer({ min: 0, max: 2 }),
    withPerson: fc.boolean(),
    filtered: fc.boolean(),
  })
  .map((s) => {
    const dims = s.kinds.map((k, d) => buildDim(d, k, s.leafCounts[d]!));
    const rows: Row[] = s.rowSpecs.map((r) => {
      const row: Record<string, string | number> = { pid: `p${r.person}`, x: r.x, y: r.y };
      dims.forEach((dim, d) => {
        row[dim.name] = rawValue(dim, r.leaves[d]! % dim.leafCount, r.unknownAt === d);
      });
      return row;
    });
    return { dims, rows, measures: ['x', 'y'].slice(0, s.measureCount), withPerson: s.withPerson, filter: s.filtered ? ({ column: 'x', range: { min: 0 } } as Filter) : undefined };
  });

describe('aggregateFinest', () => {
  it('gives every finest cell the naive rows, distinct persons and sums, and accounts for every row', () => {
    fc.assert(
      fc.property(scenario, ({ dims, rows, measures, withPerson, filter }) => {
        const columns: Record<string, ColumnDef> = { x: { kind: 'number', type: 'integer' }, y: { kind: 'number' } };
        for (const d of dims) columns[d.name] = d.column;
        if (withPerson) columns.pid = { kind: 'code' };
        const extract = makeExtract(columns, rows, withPerson ? 'pid' : undefined);
        const options = {
          dimensions: dims.map((d) => (d.hierarchy ? { column: d.name, hierarchy: d.hierarchy } : d.name)),
          measures,
          filter,
          unknownValues: 'exclude' as const,
        };
        const f = aggregateFinest(extract, options);

        // The naive finest cells.
        const cells = new Map<string, { coords: Record<string, string>; rows: number; persons: Set<string>; sums: number[] }>();
        let filteredOut = 0;
        const unknown: Record<string, number> = {};
        for (const row of rows) {
          if (filter && Number(row.x) < 0) {
            filteredOut++;
            continue;
          }
          const labels = dims.map((d) => leafLabel(d, row[d.name]!));
          const bad = labels.findIndex((l) => l === undefined);
          if (bad >= 0) {
            const key = `unknown-value:${dims[bad]!.name}`;
            unknown[key] = (unknown[key] ?? 0) + 1;
            continue;
          }
          const key = labels.join('|');
          let cell = cells.get(key);
          if (!cell) {
            cell = { coords: Object.fromEntries(dims.map((d, i) => [d.name, labels[i]!])), rows: 0, persons: new Set(), sums: measures.map(() => 0) };
            cells.set(key, cell);
          }
          cell.rows++;
          cell.persons.add(String(row.pid));
          measures.forEach((m, q) => {
            cell.sums[q]! += Number(row[m]);
          });
        }

        let used = 0;
        let personCells = 0;
        for (const cell of cells.values()) {
          const i = f.indexOf(cell.coords);
          expect(f.coords(i)).toEqual(cell.coords);
          expect(f.rows[i]).toBe(cell.rows);
          if (withPerson) expect(f.persons![i]).toBe(cell.persons.size);
          measures.forEach((m, q) => expect(f.sums.get(m)![i]).toBeCloseTo(cell.sums[q]!, 9));
          used += cell.rows;
          personCells += cell.persons.size;
        }
        // No row or person anywhere else.
        expect(f.rows.reduce((a, b) => a + b, 0)).toBe(used);
        if (withPerson) expect(f.persons!.reduce((a, b) => a + b, 0)).toBe(personCells);
        else expect(f.persons).toBeUndefined();
        expect(f.unit).toBe(withPerson ? 'persons' : 'rows');
        // Every row accounted for.
        const byFilter = Object.entries(f.reconciliation.excluded).filter(([k]) => k.startsWith('filter:'));
        expect(byFilter.map(([, v]) => v)).toEqual(filter ? [filteredOut] : []);
        expect(f.reconciliation.rowsUsed).toBe(used);
        expect(f.reconciliation.rowsRead).toBe(rows.length);
        expect(Object.values(f.reconciliation.excluded).reduce((a, b) => a + b, 0)).toBe(rows.length - used);
        expect(Object.fromEntries(Object.entries(f.reconciliation.excluded).filter(([k]) => k.startsWith('unknown-value:')))).toEqual(unknown);

        // The same values as aggregate's cube at the same leaves, with the same reconciliation.
        const t = aggregate(extract, { ...options, topContributors: 0 });
        expect(t.reconciliation).toEqual(f.reconciliation);
        for (const cell of cells.values()) {
          const i = f.indexOf(cell.coords);
          const j = t.indexOf(cell.coords);
          expect(t.rows[j]).toBe(f.rows[i]);
          if (withPerson) expect(t.persons![j]).toBe(f.persons![i]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
