// The specialised loops of `accumulateFinest` (no filter, at most four dimensions, a person column, one or no measure:
// `personKernel2/3/4`) and the stats a reader stores on a number column (`NumberColumn.stats`), against
// (a) the general loop on the same extract: a filter that keeps every row makes `aggregate` take the general kernel
//     (it needs the mask), so rows, persons and sums must be the same to the bit (Object.is per cell);
// (b) a naive count written here: per cell, a string-keyed Map of the rows below it (by walking each row's leaves up
//     the hierarchy's parents) with a Set of persons; it shares no code with src/aggregate.
// Sums use quarters, so they are exact in any order and the naive sums can be compared with `toBe`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/aggregate.js';
import type { AggregateOptions } from '../../src/aggregate/AggregateOptions.js';
import type { CellTable } from '../../src/aggregate/CellTable.js';
import { PrikkError } from '../../src/errors/PrikkError.js';
import type { Hierarchy } from '../../src/hierarchy/Hierarchy.js';
import type { Column, Extract, NumberColumn } from '../../src/read/Extract.js';
import { type ColumnDef, makeExtract, type Row, tree } from './helpers.js';

interface Case {
  /** Leaves per dimension; dimension `d{i}` is a code column, except the last when `numeric` (integers 0..n-1). */
  readonly leafCounts: readonly number[];
  readonly numeric: boolean;
  /** Per person, their rows: a leaf per dimension and a cost. */
  readonly persons: readonly (readonly { leaves: readonly number[]; cost: number; unknownIn: number }[])[];
  readonly withMeasure: boolean;
}

/** A two-level hierarchy over the leaves of code dimension d: leaves grouped in pairs under G{d}.{k}, then T{d}. */
function codeHierarchy(d: number, leafCount: number): Hierarchy {
  const spec: Record<string, string[]> = { [`T${d}`]: [] };
  for (let i = 0; i < leafCount; i++) {
    const group = `G${d}.${i >> 1}`;
    if (!spec[group]) {
      spec[group] = [];
      spec[`T${d}`]!.push(group);
    }
    spec[group]!.push(`L${d}.${i}`);
  }
  return tree(`T${d}`, spec);
}

function rowsOf(c: Case): Row[] {
  const rows: Row[] = [];
  const last = c.leafCounts.length - 1;
  c.persons.forEach((list, p) =>
    list.forEach((r) => {
      const row: Record<string, string | number> = { pid: `P${p}`, cost: r.cost, site: 'x' };
      c.leafCounts.forEach((_, d) => {
        const unknown = r.unknownIn === d;
        if (c.numeric && d === last) row[`d${d}`] = unknown ? -7 : r.leaves[d]!;
        else row[`d${d}`] = unknown ? 'ZZ' : `L${d}.${r.leaves[d]}`;
      });
      rows.push(row);
    }),
  );
  // Interleave the persons' rows (a fixed permutation).
  for (let i = rows.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}

function extractOf(c: Case, rows: readonly Row[]): Extract {
  const columns: Record<string, ColumnDef> = { site: { kind: 'code' }, cost: { kind: 'number' } };
  const last = c.leafCounts.length - 1;
  c.leafCounts.forEach((_, d) => (columns[`d${d}`] = c.numeric && d === last ? { kind: 'number', type: 'integer' } : { kind: 'code' }));
  return makeExtract(columns, rows, 'pid');
}

/** The extract with `stats` on every number column, computed here the plain way (as a reader stores them). */
function withStats(x: Extract): Extract {
  const columns = new Map<string, Column>();
  for (const [name, col] of x.columns) {
    if (col.kind !== 'number') {
      columns.set(name, col);
      continue;
    }
    const v = [...col.values];
    const finite = v.filter((y) => !Number.isNaN(y));
    const stats = {
      min: finite.length ? Math.min(...finite) : Infinity,
      max: finite.length ? Math.max(...finite) : -Infinity,
      allInteger: v.every((y) => Number.isInteger(y)),
    };
    columns.set(name, { ...col, stats } satisfies NumberColumn);
  }
  return { ...x, columns };
}

function optionsOf(c: Case, filterAll: boolean): AggregateOptions {
  const last = c.leafCounts.length - 1;
  return {
    // The numeric dimension gets the default flat hierarchy (built from the values, through the stats).
    dimensions: c.leafCounts.map((n, d) => (c.numeric && d === last ? `d${d}` : { column: `d${d}`, hierarchy: codeHierarchy(d, n) })),
    measures: c.withMeasure ? ['cost'] : [],
    unit: 'persons',
    topContributors: 0,
    unknownValues: 'exclude',
    ...(filterAll ? { filter: { column: 'site', in: ['x'] } } : {}),
  };
}

/** Same values to the bit in every cell. */
function expectSameCells(a: CellTable, b: CellTable): void {
  expect(a.cellCount).toBe(b.cellCount);
  const arrays = (t: CellTable) => [t.rows, t.persons!, ...(t.sums.has('cost') ? [t.sums.get('cost')!] : [])];
  const [xa, xb] = [arrays(a), arrays(b)];
  expect(xa.length).toBe(xb.length);
  xa.forEach((arr, k) => {
    for (let i = 0; i < arr.length; i++) if (!Object.is(arr[i], xb[k]![i])) expect({ array: k, cell: i, got: arr[i] }).toEqual({ array: k, cell: i, got: xb[k]![i] });
  });
}

/** The naive count of every cell of `t`: rows, persons and sum below it, by walking each row's leaves up. */
function expectNaive(t: CellTable, rows: readonly Row[], withMeasure: boolean): void {
  const cells = new Map<string, { rows: number; sum: number; persons: Set<string> }>();
  const hs = t.dimensions.map((d) => d.hierarchy);
  for (const row of rows) {
    const chains: number[][] = [];
    let known = true;
    hs.forEach((h, d) => {
      const leaf = h.leafOf(String(row[t.dimensions[d]!.name]));
      if (leaf < 0) known = false;
      const chain: number[] = [];
      for (let node = leaf; node >= 0; node = h.parents[node]!) chain.push(node);
      chains.push(chain);
    });
    if (!known) continue; // dropped as an unknown value
    let combos: number[][] = [[]];
    for (const chain of chains) combos = combos.flatMap((co) => chain.map((node) => [...co, node]));
    for (const co of combos) {
      const key = co.join(',');
      let c = cells.get(key);
      if (!c) cells.set(key, (c = { rows: 0, sum: 0, persons: new Set() }));
      c.rows++;
      c.sum += Number(row.cost);
      c.persons.add(String(row.pid));
    }
  }
  const sums = t.sums.get('cost');
  expect(sums === undefined).toBe(!withMeasure);
  for (let i = 0; i < t.cellCount; i++) {
    const c = cells.get(t.nodes(i).join(','));
    const want = { i, rows: c?.rows ?? 0, persons: c?.persons.size ?? 0, sum: withMeasure ? (c?.sum ?? 0) : undefined };
    const got = { i, rows: t.rows[i], persons: t.persons![i], sum: sums?.[i] };
    if (got.rows !== want.rows || got.persons !== want.persons || got.sum !== want.sum) expect(got).toEqual(want);
  }
}

function caseArb(maxRows: number, unknownShare: number): fc.Arbitrary<Case> {
  return fc
    .record({
      leafCounts: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
      numeric: fc.boolean(),
      withMeasure: fc.boolean(),
    })
    .chain(({ leafCounts, numeric, withMeasure }) =>
      fc.record({
        leafCounts: fc.constant(leafCounts),
        numeric: fc.constant(numeric),
        withMeasure: fc.constant(withMeasure),
        persons: fc.array(
          fc.array(
            fc.record({
              leaves: fc.tuple(...leafCounts.map((n) => fc.integer({ min: 0, max: n - 1 }))),
              cost: fc.integer({ min: 0, max: 400 }).map((q) => q / 4),
              unknownIn: fc.integer({ min: 0, max: unknownShare * leafCounts.length - 1 }),
            }),
            { minLength: 1, maxLength: maxRows },
          ),
          { maxLength: 12 },
        ),
      }),
    );
}

describe('aggregate: the specialised finest-level loops (no filter, persons, one or no measure)', () => {
  it('give the general loop’s cells to the bit, and the naive count, with 1–4 dimensions, with and without a sum and stats', () => {
    fc.assert(
      fc.property(caseArb(8, 12), (c) => {
        const rows = rowsOf(c);
        const x = extractOf(c, rows);
        const special = aggregate(x, optionsOf(c, false));
        const general = aggregate(x, optionsOf(c, true)); // the filter keeps every row: the general kernel
        const statsSpecial = aggregate(withStats(x), optionsOf(c, false));
        const statsGeneral = aggregate(withStats(x), optionsOf(c, true));
        expectSameCells(special, general);
        expectSameCells(statsSpecial, special);
        expectSameCells(statsGeneral, general);
        expect(special.reconciliation!.excluded).toEqual(statsSpecial.reconciliation!.excluded);
        expect(special.reconciliation!.rowsUsed).toBe(general.reconciliation!.rowsUsed);
        expectNaive(special, rows, c.withMeasure);
      }),
      { numRuns: 150 },
    );
  });

  it('grow the overflow lists mid-pass (more multi-cell rows than the first capacity of 8,192 pairs) without a change', () => {
    // 1,500 persons × 8 rows over 3 dimensions of 6 leaves: a person's later rows are mostly in other cells, so about
    // 1,500 × 7 × (1 - 1/216) ≈ 10,450 pairs: the lists double during the pass. One row in 500 is unknown.
    const leafCounts = [6, 6, 6];
    let seed = 12345;
    const next = (n: number) => {
      // A small LCG (Numerical Recipes constants), deterministic; not for privacy.
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed % n;
    };
    const persons = Array.from({ length: 1500 }, () =>
      Array.from({ length: 8 }, () => ({ leaves: leafCounts.map((n) => next(n)), cost: next(400) / 4, unknownIn: next(500) })),
    );
    for (const withMeasure of [true, false]) {
      const c: Case = { leafCounts, numeric: true, persons, withMeasure };
      const rows = rowsOf(c);
      const x = withStats(extractOf(c, rows));
      const special = aggregate(x, optionsOf(c, false));
      expectSameCells(special, aggregate(x, optionsOf(c, true)));
      if (withMeasure) expectNaive(special, rows, withMeasure);
      // The grand total's persons: every person with a kept row (each has 8 rows, so all 1,500 have one).
      expect(special.persons![special.cellCount - 1]).toBe(1500);
    }
  });

  it('stop at an unknown value with unknownValues "error", naming the first dimension whose value is not a leaf', () => {
    const c: Case = {
      leafCounts: [2, 3, 2],
      numeric: false,
      withMeasure: true,
      persons: [[{ leaves: [0, 1, 1], cost: 1, unknownIn: -1 }], [{ leaves: [1, 2, 0], cost: 2, unknownIn: 1 }]],
    };
    const x = extractOf(c, rowsOf(c));
    let error: unknown;
    try {
      aggregate(x, { ...optionsOf(c, false), unknownValues: 'error' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PrikkError);
    expect((error as PrikkError).code).toBe('INVALID_VALUE');
    expect((error as PrikkError).message).toContain("dimension 'd1': the value 'ZZ' is not a leaf");
  });

  it('do not count silently when a hand-made column’s stats do not describe its values (a lookup outside its table)', () => {
    // Ages 3, 5, 9 with stats claiming 3..5: the table covers 3..5 only, so age 9 reads outside it. The row must stop
    // the call (unknownValues 'error') rather than be counted nowhere.
    const c: Case = {
      leafCounts: [2, 10],
      numeric: true,
      withMeasure: false,
      persons: [[{ leaves: [0, 3], cost: 0, unknownIn: -1 }], [{ leaves: [1, 5], cost: 0, unknownIn: -1 }], [{ leaves: [0, 9], cost: 0, unknownIn: -1 }]],
    };
    const x = extractOf(c, rowsOf(c));
    const age = x.columns.get('d1') as NumberColumn;
    const columns = new Map(x.columns);
    columns.set('d1', { ...age, stats: { min: 3, max: 5, allInteger: true } });
    const bad: Extract = { ...x, columns };
    // d1 without a hierarchy: its distinct values (through the stats too), then the lookup table.
    const options: AggregateOptions = { dimensions: [{ column: 'd0', hierarchy: codeHierarchy(0, 2) }, 'd1'], unit: 'persons', topContributors: 0 };
    // With true stats: 3 rows, 3 persons.
    expect(aggregate(x, options).rows.at(-1)).toBe(3);
    expect(() => aggregate(bad, options)).toThrow(/dimension 'd1': the value '9' is not a leaf/);
  });
});
