// Property of aggregate's personRow against a naive implementation written here (it shares no code with
// src/aggregate): the cohort is the rows the filter keeps; each person's row is found by sorting their cohort rows by
// (orderBy, file position) and taking the first or the last; every cell then counts the chosen rows whose values lie
// under the cell's labels (walking a parent map). On top of equality with the naive table, with personRow every
// persons margin is the sum of its children (the table is additive) and the grand total is the number of distinct
// persons in the cohort.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/aggregate.js';
import type { Filter } from '../../src/aggregate/Filter.js';
import type { PersonRow } from '../../src/aggregate/PersonRow.js';
import { makeExtract, tree } from './helpers.js';

// d0: leaves a, b under G1 and c, d under G2, under T0. d1: a public code list x, y, z under Total (flat).
const D0 = tree('T0', { T0: ['G1', 'G2'], G1: ['a', 'b'], G2: ['c', 'd'] });
const PARENT: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  d0: { a: 'G1', b: 'G1', c: 'G2', d: 'G2', G1: 'T0', G2: 'T0' },
  d1: { x: 'Total', y: 'Total', z: 'Total' },
};

interface GenRow {
  readonly pid: string;
  readonly d0: string;
  readonly d1: string;
  readonly year: number;
  readonly cost: number;
}

/** Whether `value` lies under `label` in dimension `dim` (itself or an ancestor). */
function under(dim: string, value: string, label: string): boolean {
  for (let v: string | undefined = value; v !== undefined; v = PARENT[dim]![v]) if (v === label) return true;
  return false;
}

/** The naive choice: for each person in the cohort, their first or last row by (orderBy, file position). */
function naiveChosen(rows: readonly GenRow[], cohort: readonly boolean[], personRow: PersonRow): GenRow[] {
  const byPerson = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (!cohort[i]) return;
    const list = byPerson.get(r.pid) ?? [];
    list.push(i);
    byPerson.set(r.pid, list);
  });
  const out: GenRow[] = [];
  for (const list of byPerson.values()) {
    const sorted = [...list].sort((i, j) => (personRow.orderBy === undefined ? 0 : rows[i]!.year - rows[j]!.year) || i - j);
    out.push(rows[personRow.keep === 'first' ? sorted[0]! : sorted[sorted.length - 1]!]!);
  }
  return out;
}

const rowArb = fc.record({
  pid: fc.integer({ min: 0, max: 11 }).map((p) => `p${p}`),
  d0: fc.constantFrom('a', 'b', 'c', 'd'),
  d1: fc.constantFrom('x', 'y', 'z'),
  year: fc.integer({ min: 2019, max: 2022 }),
  cost: fc.integer({ min: 0, max: 100 }),
});
const personRowArb = fc.record({ keep: fc.constantFrom('first' as const, 'last' as const), orderBy: fc.constantFrom(undefined, 'year') }).map(
  (p): PersonRow => (p.orderBy === undefined ? { keep: p.keep } : { keep: p.keep, orderBy: p.orderBy }),
);
const filterArb = fc.option(fc.integer({ min: 0, max: 100 }).map((min): Filter => ({ column: 'cost', range: { min } })), { nil: undefined });

describe('aggregate with personRow (property)', () => {
  it('equals the naive table, every persons margin is the sum of its children, and the total is the distinct persons of the cohort', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 60 }), personRowArb, filterArb, (rows, personRow, filter) => {
        const extract = makeExtract(
          { d0: { kind: 'code' }, d1: { kind: 'code', codes: ['x', 'y', 'z'] }, year: { kind: 'number', type: 'year' }, cost: { kind: 'number', type: 'integer' } },
          rows,
          'pid',
        );
        const t = aggregate(extract, {
          dimensions: [{ column: 'd0', hierarchy: D0 }, 'd1'],
          measures: ['cost'],
          topContributors: 0,
          personRow,
          ...(filter ? { filter } : {}),
        });
        const min = filter && 'range' in filter ? Number(filter.range.min) : -Infinity;
        const cohort = rows.map((r) => r.cost >= min);
        const chosen = naiveChosen(rows, cohort, personRow);
        const persons = t.persons!;
        const cost = t.sums.get('cost')!;

        // 1. Every cell equals the naive count and sum of the chosen rows under it (rows = persons: one row each).
        for (let c = 0; c < t.cellCount; c++) {
          const coords = t.coords(c);
          const inCell = chosen.filter((r) => under('d0', r.d0, coords.d0!) && under('d1', r.d1, coords.d1!));
          expect(persons[c], JSON.stringify(coords)).toBe(inCell.length);
          expect(t.rows[c]).toBe(inCell.length);
          expect(cost[c]).toBe(inCell.reduce((s, r) => s + r.cost, 0));
        }

        // 2. Additive: for every cell and every dimension at an inner node, the persons are the sum over its children.
        t.dimensions.forEach((dim, d) => {
          const parents = dim.hierarchy.parents;
          for (let c = 0; c < t.cellCount; c++) {
            const node = t.nodeAt(c, d);
            if (node < dim.hierarchy.leafCount) continue;
            let sum = 0;
            for (let k = 0; k < parents.length; k++) if (parents[k] === node) sum += persons[c + (k - node) * t.strides[d]!]!;
            expect(persons[c]).toBe(sum);
          }
        });

        // 3. The grand total is the number of distinct persons in the cohort; the reconciliation adds up.
        const distinct = new Set(rows.filter((_, i) => cohort[i]).map((r) => r.pid)).size;
        expect(persons[t.indexOf({})]).toBe(distinct);
        const inCohort = cohort.filter(Boolean).length;
        const reason = `person-row:${personRow.keep} ${personRow.orderBy === undefined ? 'in file order' : `by ${personRow.orderBy}`}`;
        expect(t.reconciliation!.rowsUsed).toBe(distinct);
        expect(t.reconciliation!.excluded[reason]).toBe(inCohort - distinct);
        expect(t.reconciliation!.rowsRead).toBe(t.reconciliation!.rowsUsed + Object.values(t.reconciliation!.excluded).reduce((a, b) => a + b, 0));
      }),
      { numRuns: 200 },
    );
  });
});
