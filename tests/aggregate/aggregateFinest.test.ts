// aggregateFinest on the example of its TSDoc (values computed by hand) and its errors.
import { describe, expect, it } from 'vitest';
import { aggregateFinest } from '../../src/aggregate/aggregateFinest.js';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { makeExtract } from './helpers.js';

// Person A in (0301, 2) with cost 100 and 50; person B in (1103, 1) with cost 30.
const extract = makeExtract(
  { municipality: { kind: 'code' }, sex: { kind: 'code', codes: ['1', '2'] }, cost: { kind: 'number' } },
  [
    { pid: 'A', municipality: '0301', sex: '2', cost: 100 },
    { pid: 'A', municipality: '0301', sex: '2', cost: 50 },
    { pid: 'B', municipality: '1103', sex: '1', cost: 30 },
  ],
  'pid',
);

describe('aggregateFinest', () => {
  it('counts rows, distinct persons and sums at the leaves only (hand-computed)', () => {
    const f = aggregateFinest(extract, { dimensions: ['municipality', 'sex'], measures: ['cost'] });
    expect(f.cellCount).toBe(4);
    expect(f.shape).toEqual([2, 2]);
    const a = f.indexOf({ municipality: '0301', sex: '2' });
    const b = f.indexOf({ municipality: '1103', sex: '1' });
    expect([f.rows[a], f.persons![a], f.sums.get('cost')![a]]).toEqual([2, 1, 150]);
    expect([f.rows[b], f.persons![b], f.sums.get('cost')![b]]).toEqual([1, 1, 30]);
    expect(Array.from(f.rows)).toEqual([0, 2, 1, 0]); // (0301,1), (0301,2), (1103,1), (1103,2)
    expect(f.counts).toBe(f.persons);
    expect(f.reconciliation).toEqual({ source: 'rows', rowsRead: 3, rowsUsed: 3, excluded: {} });
  });

  it('counts the persons of the cohort once in every finest cell they have a row in', () => {
    // A has rows in two cells: one person in each, two persons in no cell (there is no total).
    const f = aggregateFinest(extract, { dimensions: ['sex'] });
    expect(Array.from(f.persons!)).toEqual([1, 1]);
    const g = aggregateFinest(extract, { dimensions: ['sex'], filter: { column: 'cost', range: { min: 40 } } });
    expect(Array.from(g.rows)).toEqual([0, 2]);
    expect(g.reconciliation.rowsUsed).toBe(2);
    expect(Object.values(g.reconciliation.excluded)).toEqual([1]);
  });

  it('personRow: each person once, at their first row (in file order), as aggregate counts them', () => {
    // A's first row is (0301, 2, 100): A's second row is left out; B's only row stays.
    const f = aggregateFinest(extract, { dimensions: ['municipality', 'sex'], measures: ['cost'], personRow: { keep: 'first' } });
    const a = f.indexOf({ municipality: '0301', sex: '2' });
    expect([f.rows[a], f.persons![a], f.sums.get('cost')![a]]).toEqual([1, 1, 100]);
    expect(f.reconciliation.rowsUsed).toBe(2);
    expect(f.reconciliation.excluded).toEqual({ 'person-row:first in file order': 1 });
  });

  it('refuses a finest level over MAX_CELLS cells, naming each dimension and its leaves', () => {
    // Six dimensions of 30 codes each: 30^6 = 729,000,000 cells > 2^27.
    const codes = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    const wide = makeExtract(Object.fromEntries(names.map((n) => [n, { kind: 'code' as const, codes }])), [Object.fromEntries(names.map((n) => [n, 'c0']))]);
    expect(() => aggregateFinest(wide, { dimensions: names })).toThrow(/the finest level over 'a' \(30 leaves\) × .* has 729000000 cells, more than the limit of 134217728/);
  });

  it('refuses top contributions and a cell without every leaf', () => {
    expect(() => aggregateFinest(extract, { dimensions: ['sex'], topContributors: 2 } as never)).toThrow(/aggregateFinest: topContributors/);
    const f = aggregateFinest(extract, { dimensions: ['municipality', 'sex'] });
    expect(() => f.indexOf({ sex: '1' })).toThrow(PrikkError);
    expect(() => f.indexOf({ sex: '1' })).toThrow(/'municipality' needs a leaf label/);
    expect(() => f.indexOf({ municipality: '9999', sex: '1' })).toThrow(/'9999' is not a leaf of dimension 'municipality'/);
    expect(() => f.indexOf({ county: '03', sex: '1' })).toThrow(/'county' is not a dimension/);
  });
});
