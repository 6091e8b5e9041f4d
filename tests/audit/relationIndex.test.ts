import { describe, expect, it } from 'vitest';
import { relationIndex, type Relations } from '../../src/audit/Relations.js';

// Two relations over 5 cells, written by hand: 4 = 0 + 1 and 3 = 1 + 2 (cell 1 in both).
const rel: Relations = Object.freeze({ count: 2, totals: Int32Array.of(4, 3), starts: Int32Array.of(0, 2, 4), members: Int32Array.of(0, 1, 1, 2) });

describe('relationIndex', () => {
  it('lists, for each cell, the relations it takes part in (by hand)', () => {
    const idx = relationIndex(rel, 5);
    const of = (c: number): number[] => [...idx.relations.subarray(idx.starts[c], idx.starts[c + 1])];
    expect([0, 1, 2, 3, 4].map(of)).toEqual([[0], [0, 1], [1], [1], [0]]);
  });
  it('is built once per relations object and cell count (bound propagation asks on every call)', () => {
    const a = relationIndex(rel, 5);
    expect(relationIndex(rel, 5)).toBe(a);
    // another cell count (a sixth cell in no relation) is another index
    const b = relationIndex(rel, 6);
    expect(b).not.toBe(a);
    expect(b.starts.length).toBe(7);
    expect(b.starts[6]! - b.starts[5]!).toBe(0);
    // other relations with the same content: built for them, the same lists
    const copy: Relations = Object.freeze({ ...rel });
    const c = relationIndex(copy, 5);
    expect(c).not.toBe(relationIndex(rel, 5));
    expect([...c.relations]).toEqual([...relationIndex(rel, 5).relations]);
  });
});
