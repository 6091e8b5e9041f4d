import { describe, expect, it } from 'vitest';
import { CELL_STATUS } from '../../src/aggregate/CellTable.js';
import { tableFromJson } from '../../src/audit/tableFromJson.js';

describe('tableFromJson with statuses made by other methods', () => {
  it("reads a rounding release's `small` cells (no value) as hidden and rounded cells (a value) as published", () => {
    const t = tableFromJson({
      unit: 'persons',
      dimensions: [{ name: 'h', total: 'Total', hierarchy: { Total: ['a', 'b'] } }],
      cells: [
        { coords: { h: 'a' }, status: 'small' },
        { coords: { h: 'b' }, persons: 10, status: 'rounded' },
        { coords: { h: 'Total' }, persons: 15, status: 'published' },
      ],
    });
    const status = (h: string): string => CELL_STATUS[t.status[t.indexOf({ h })]!]!;
    expect(status('a')).toBe('secondary');
    expect(status('b')).toBe('published');
    expect(t.persons![t.indexOf({ h: 'b' })]).toBe(10);
    expect(Number.isNaN(t.persons![t.indexOf({ h: 'a' })]!)).toBe(true);
  });
});
