// cellKeySums against a naive implementation written here: for every cell, the Set of the distinct persons (or rows)
// with a kept row below it, found by walking each row's leaves up their hierarchies; the keys of the Set summed
// mod 2^32. It shares no code with src/aggregate.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../src/aggregate/aggregate.js';
import { cellKeySums } from '../../../src/aggregate/cellKeySums.js';
import type { CellTable } from '../../../src/aggregate/CellTable.js';
import type { Filter } from '../../../src/aggregate/Filter.js';
import type { Hierarchy } from '../../../src/hierarchy/Hierarchy.js';
import type { Extract } from '../../../src/read/Extract.js';
import { makeExtract, type Row, tree } from '../../aggregate/helpers.js';

/** A random tree over `leaves` leaves: each leaf joins one of `groups` groups, the groups join the total. */
function dimension(d: number, leaves: number, groups: number, twoLevels: boolean): { name: string; hierarchy: Hierarchy; leaves: string[] } {
  const labels = Array.from({ length: leaves }, (_, i) => `v${d}_${i}`);
  const spec: Record<string, string[]> = {};
  if (twoLevels) {
    const g = Array.from({ length: groups }, (_, i) => `g${d}_${i}`);
    spec[`T${d}`] = g;
    labels.forEach((l, i) => (spec[g[i % groups]!] ??= []).push(l));
    // A group without children would be a leaf: keep only groups that got one.
    spec[`T${d}`] = g.filter((x) => spec[x] !== undefined);
  } else {
    spec[`T${d}`] = labels;
  }
  return { name: `d${d}`, hierarchy: tree(`T${d}`, spec), leaves: labels };
}

/** Naive cell keys: per cell, the Set of units whose row lies below it, their keys summed mod 2^32. */
function naive(extract: Extract, table: CellTable, keys: Uint32Array, per: 'person' | 'row', kept: (row: number) => boolean): Uint32Array {
  const sets: Set<number>[] = Array.from({ length: table.cellCount }, () => new Set<number>());
  const dims = table.dimensions;
  for (let r = 0; r < extract.rowCount; r++) {
    if (!kept(r)) continue;
    // The ancestors-or-self of the row's leaf in every dimension; the row is below every combination of them.
    const chains = dims.map((dim) => {
      const col = extract.columns.get(dim.name)!;
      if (col.kind !== 'code') throw new Error('code columns only');
      const chain: number[] = [];
      for (let node = dim.hierarchy.nodeOf(col.dictionary[col.codes[r]!]!); node !== -1; node = dim.hierarchy.parents[node]!) chain.push(node);
      return chain;
    });
    const unit = per === 'person' ? extract.person!.codes[r]! : r;
    const visit = (d: number, nodes: number[]): void => {
      if (d === dims.length) {
        sets[table.indexOfNodes(nodes)]!.add(unit);
        return;
      }
      for (const node of chains[d]!) visit(d + 1, [...nodes, node]);
    };
    visit(0, []);
  }
  return Uint32Array.from(sets, (set) => {
    let s = 0;
    for (const u of set) s = (s + keys[u]!) >>> 0;
    return s;
  });
}

interface Case {
  readonly dims: { leaves: number; groups: number; twoLevels: boolean }[];
  readonly rows: { person: number; values: number[] }[];
  readonly keys: number[];
  readonly filterLeaf: number | undefined;
}

const caseArb: fc.Arbitrary<Case> = fc
  .array(fc.record({ leaves: fc.integer({ min: 1, max: 5 }), groups: fc.integer({ min: 1, max: 3 }), twoLevels: fc.boolean() }), { minLength: 1, maxLength: 3 })
  .chain((dims) =>
    fc.record({
      dims: fc.constant(dims),
      rows: fc.array(
        fc.record({
          person: fc.integer({ min: 0, max: 8 }),
          values: fc.tuple(...dims.map((d) => fc.integer({ min: 0, max: d.leaves - 1 }))),
        }),
        { minLength: 5, maxLength: 60, size: 'large' },
      ),
      keys: fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 13, maxLength: 13 }),
      filterLeaf: fc.option(fc.integer({ min: 0, max: dims[0]!.leaves - 1 }), { nil: undefined }),
    }),
  );

function build(c: Case): { extract: Extract; table: CellTable; filter: Filter | undefined; personKeys: Uint32Array; rowKeys: Uint32Array; kept: (r: number) => boolean } {
  const dims = c.dims.map((d, i) => dimension(i, d.leaves, d.groups, d.twoLevels));
  const rows: Row[] = c.rows.map((r) => {
    const row: Record<string, string> = { pid: `p${r.person}` };
    dims.forEach((d, i) => (row[d.name] = d.leaves[r.values[i]!]!));
    return row;
  });
  const columns = Object.fromEntries(dims.map((d) => [d.name, { kind: 'code' as const }]));
  const extract = makeExtract(columns, rows, 'pid');
  // Keys per person code: the person numbered p by first appearance gets the key of their generated number.
  const order: number[] = [];
  for (const r of c.rows) if (!order.includes(r.person)) order.push(r.person);
  const personKeys = Uint32Array.from(order, (p) => c.keys[p]!);
  const rowKeys = Uint32Array.from(c.rows, (_, r) => c.keys[r % c.keys.length]! ^ 0x5bd1e995);
  const filter: Filter | undefined = c.filterLeaf === undefined ? undefined : { column: 'd0', in: [dims[0]!.leaves[c.filterLeaf]!] };
  const kept = (r: number): boolean => c.filterLeaf === undefined || c.rows[r]!.values[0] === c.filterLeaf;
  const table = aggregate(extract, {
    dimensions: dims.map((d) => ({ column: d.name, hierarchy: d.hierarchy })),
    ...(filter ? { filter } : {}),
  });
  return { extract, table, filter, personKeys, rowKeys, kept };
}

describe('cellKeySums', () => {
  it('equals the naive per-cell Set of distinct persons, keys summed mod 2^32 (with and without a filter)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { extract, table, filter, personKeys, kept } = build(c);
        const got = cellKeySums(extract, table, { recordKeys: personKeys, ...(filter ? { filter } : {}) });
        expect(Array.from(got)).toEqual(Array.from(naive(extract, table, personKeys, 'person', kept)));
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('with per-row keys equals the naive per-cell sum over rows', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { extract, table, filter, rowKeys, kept } = build(c);
        const got = cellKeySums(extract, table, { recordKeys: rowKeys, per: 'row', ...(filter ? { filter } : {}) });
        expect(Array.from(got)).toEqual(Array.from(naive(extract, table, rowKeys, 'row', kept)));
      }),
      { numRuns: 60, seed: 12 },
    );
  });

  it('is exact for persons spread over many cells (inclusion–exclusion and its explicit fallback)', () => {
    // 3 flat dimensions of 6 leaves; persons with up to 60 rows in distinct finest cells.
    const dims = [0, 1, 2].map((d) => dimension(d, 6, 1, false));
    const rows: Row[] = [];
    let x = 12345;
    const next = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    for (let p = 0; p < 40; p++) {
      const k = p < 4 ? 60 : 1 + (next() % 6);
      for (let r = 0; r < k; r++) rows.push({ pid: `p${p}`, d0: dims[0]!.leaves[next() % 6]!, d1: dims[1]!.leaves[next() % 6]!, d2: dims[2]!.leaves[next() % 6]! });
    }
    const extract = makeExtract({ d0: { kind: 'code' }, d1: { kind: 'code' }, d2: { kind: 'code' } }, rows, 'pid');
    const table = aggregate(extract, { dimensions: dims.map((d) => ({ column: d.name, hierarchy: d.hierarchy })) });
    const keys = Uint32Array.from({ length: extract.person!.personCount }, () => next());
    expect(Array.from(cellKeySums(extract, table, { recordKeys: keys }))).toEqual(Array.from(naive(extract, table, keys, 'person', () => true)));
  });

  it('refuses a table made with another filter, keys of the wrong length, and unknown options', () => {
    const c: Case = {
      dims: [{ leaves: 3, groups: 1, twoLevels: false }],
      rows: [
        { person: 0, values: [0] },
        { person: 1, values: [1] },
        { person: 0, values: [2] },
      ],
      keys: Array.from({ length: 13 }, (_, i) => i * 1000),
      filterLeaf: 0,
    };
    const { extract, table, personKeys } = build(c);
    // The table was filtered to leaf 0; without the filter the rows differ.
    expect(() => cellKeySums(extract, table, { recordKeys: personKeys })).toThrow(/not aggregated from this extract with these options/);
    expect(() => cellKeySums(extract, table, { recordKeys: new Uint32Array(5), filter: { column: 'd0', in: ['v0_0'] } })).toThrow(/has 5 keys, the extract has 2 persons/);
    expect(() => cellKeySums(extract, table, { recordKeys: personKeys, bogus: 1 } as never)).toThrow(/unknown option 'bogus'/);
    expect(() => cellKeySums(extract, table, { recordKeys: [1, 2] as never })).toThrow(/must be a Uint32Array/);
  });
});
