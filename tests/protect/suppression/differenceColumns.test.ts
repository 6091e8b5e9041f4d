import { describe, expect, it } from 'vitest';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import { differenceColumns } from '../../../src/protect/suppression/differenceColumns.js';
import { flat, makeTable, sdcTableExample } from '../../audit/tableHelpers.js';

describe('differenceColumns', () => {
  it('has 2^D entries per cell (sdcTable: 15 cells of a 2-dimensional table, 4 each) and keeps grid keys there', () => {
    const space = CellSpace.fromTables([sdcTableExample()]);
    const cols = differenceColumns(space);
    expect(cols.keys.length).toBe(60);
    // Grid of (4 regions + 1) × (2 genders + 1) points: keys below 15, as CellSpace.column gives them.
    for (let c = 0; c < space.cellCount; c++) {
      expect([...cols.keys.subarray(cols.starts[c]!, cols.starts[c + 1]!)]).toEqual(space.column(c).keys);
      expect([...cols.signs.subarray(cols.starts[c]!, cols.starts[c + 1]!)]).toEqual(space.column(c).signs);
    }
  });

  it('renumbers keys of linked tables in order (same order and ties as the grid keys), and only when sparse', () => {
    // a × b and c × d, 12 leaves each, share the grand total: the 4-dimensional grid has 13^4 = 28,561 points,
    // the columns 2 × 169 - 1 = 337 cells × 16 entries = 5,392, so the default renumbers.
    const dim = (n: string) => ({ name: n, hierarchy: flat('T', Array.from({ length: 12 }, (_, i) => `${n}${i}`)) });
    const leaves = Array.from({ length: 144 }, (_, i) => (i * 7) % 5);
    const space = CellSpace.fromTables([makeTable([dim('a'), dim('b')], leaves), makeTable([dim('c'), dim('d')], leaves)]);
    const raw = differenceColumns(space, false);
    const auto = differenceColumns(space);
    expect(raw.keys.length).toBe(337 * 16);
    expect(raw.maxKey).toBeGreaterThan(2 * raw.keys.length);
    expect(auto.maxKey).toBeLessThan(raw.keys.length);
    expect(new Set(auto.keys).size).toBe(auto.maxKey + 1); // dense ids 0..maxKey
    expect(auto.starts).toEqual(raw.starts);
    expect(auto.signs).toEqual(raw.signs);
    // Order-preserving: every entry against every 7th (all pairs would be 29M comparisons); counted, one expect.
    let wrong = 0;
    let compared = 0;
    for (let i = 0; i < raw.keys.length; i++) {
      for (let j = 0; j < raw.keys.length; j += 7) {
        compared++;
        if (Math.sign(auto.keys[i]! - auto.keys[j]!) !== Math.sign(raw.keys[i]! - raw.keys[j]!)) wrong++;
      }
    }
    expect(compared).toBeGreaterThan(4_000_000);
    expect(wrong).toBe(0);
  });
});
