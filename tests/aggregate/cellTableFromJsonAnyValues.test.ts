// cellTableFromJson with publishedValues: 'any' (how the release-wide audit reads a table that publishes sums only).
// Expected values are read off the hand-made documents below.
import { describe, expect, it } from 'vitest';
import { cellTableFromJson } from '../../src/aggregate/cellTableFromJson.js';
import type { CellTableJson } from '../../src/aggregate/CellTableJson.js';

// One dimension h: Total -> a, b; b hidden (primary), sums only.
const h = [{ name: 'h', total: 'Total', hierarchy: { Total: ['a', 'b'] } }];
const SUMS_ONLY = {
  unit: 'persons',
  dimensions: h,
  cells: [
    { coords: { h: 'a' }, sums: { cost: 120.5 }, status: 'published' },
    { coords: { h: 'b' }, status: 'primary' },
    { coords: {}, sums: { cost: 300 }, status: 'published' },
  ],
} as unknown as CellTableJson;

describe("cellTableFromJson with publishedValues: 'any'", () => {
  it('reads a table of sums only: the counts are unknown (NaN), the published sums known, the hidden cell has none', () => {
    expect(() => cellTableFromJson(SUMS_ONLY, { publishedValues: 'unit' })).toThrow(/cells\[0\] \{"h":"a"\}\.persons: expected a finite number/);
    const t = cellTableFromJson(SUMS_ONLY, { publishedValues: 'any' });
    const a = t.indexOf({ h: 'a' });
    const b = t.indexOf({ h: 'b' });
    const total = t.indexOf({});
    expect(t.unit).toBe('persons');
    expect([...t.persons!]).toEqual([NaN, NaN, NaN]);
    expect(t.sums.get('cost')![a]).toBe(120.5);
    expect(t.sums.get('cost')![total]).toBe(300);
    expect(Number.isNaN(t.sums.get('cost')![b]!)).toBe(true);
    expect(t.statusOf(b)).toBe('primary');
  });

  it('still refuses a published cell with no value at all, naming the cell', () => {
    const empty = { ...SUMS_ONLY, cells: [...SUMS_ONLY.cells.slice(1), { coords: { h: 'a' }, status: 'published' }] } as unknown as CellTableJson;
    expect(() => cellTableFromJson(empty, { publishedValues: 'any' })).toThrow(/cells\[2\] \{"h":"a"\}: a published cell must carry at least one value/);
  });
});
