import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import type { ReleasedCell, ReleasedTable } from '../../../src/release/ReleasedTable.js';
import { assertNoHiddenValues } from '../../../src/release/writers/assertNoHiddenValues.js';
import { dpTable, roundingTable, suppressionTable } from './fixtures.js';

/** The error assertNoHiddenValues throws for `table` (fails the test when it does not throw). */
function errorOf(table: unknown): PrikkError {
  try {
    assertNoHiddenValues(table as ReleasedTable);
  } catch (e) {
    expect(e).toBeInstanceOf(PrikkError);
    return e as PrikkError;
  }
  throw new Error('assertNoHiddenValues did not throw');
}

/** The suppression fixture with cell i replaced. */
function withCell(i: number, cell: unknown): ReleasedTable {
  const cells = [...suppressionTable.cells];
  cells[i] = cell as ReleasedCell;
  return { ...suppressionTable, cells };
}

const A_F = { hospital: 'A', sex: 'F' };

describe('assertNoHiddenValues', () => {
  it('accepts the fixtures', () => {
    for (const t of [suppressionTable, roundingTable, dpTable]) expect(() => assertNoHiddenValues(t)).not.toThrow();
  });

  it.each([
    ['persons', { persons: 987654 }],
    ['rows', { rows: 987654 }],
    ['sums', { sums: { cost: 987654 } }],
    ['means', { means: { cost: 987654.5 } }],
    ['interval', { interval: { lower: 987654, upper: 987655 } }],
    ['top', { top: { cost: [987654] } }],
  ])('rejects a hidden cell with %s, naming the table and coords but not the value', (field, extra) => {
    for (const status of ['primary', 'secondary', 'small']) {
      const e = errorOf(withCell(0, { coords: A_F, status, ...extra }));
      expect(e.code).toBe('INVALID_ARGUMENT');
      expect(e.message).toContain("table 'by_hospital_sex'");
      expect(e.message).toContain('{"hospital":"A","sex":"F"}');
      expect(e.message).toContain(`it has ${field}`);
      expect(e.message).not.toMatch(/98765/);
    }
  });

  it('rejects a hidden cell whose value is null (a value field is present)', () => {
    expect(errorOf(withCell(0, { coords: A_F, status: 'primary', persons: null })).message).toContain('it has persons');
  });

  it('never prints a value hidden in an extra coords key either', () => {
    const e = errorOf(withCell(0, { coords: { ...A_F, persons: 987654 }, status: 'primary' }));
    expect(e.message).toContain("'persons' in coords is not a dimension");
    expect(e.message).not.toMatch(/98765/);
  });

  it('rejects a missing coord, an unknown label, an unknown status and a cell listed twice', () => {
    expect(errorOf(withCell(0, { coords: { hospital: 'A' }, status: 'primary' })).message).toContain(
      "cells[0]: no label for the dimension 'sex'",
    );
    expect(errorOf(withCell(0, { coords: { hospital: 'Q', sex: 'F' }, status: 'primary' })).message).toContain(
      "'Q' is not a node of the dimension 'hospital'",
    );
    expect(errorOf(withCell(0, { coords: A_F, status: 'rounded' })).message).toContain('unknown status "rounded"');
    expect(errorOf(withCell(0, { coords: A_F })).message).toContain('unknown status undefined');
    // A/F listed again as published (cells[1] replaced): the hidden cell would be published after all.
    const twice = errorOf(withCell(1, { coords: A_F, rows: 2, persons: 2, status: 'published' }));
    expect(twice.message).toContain('cells[1] {"hospital":"A","sex":"F"}: the cell is listed twice');
  });

  it('finds a cell listed twice in a table that lists few cells of a large cube too', () => {
    // 201 × 201 nodes, 3 cells listed: the sparse path of the duplicate check.
    const leaves = Array.from({ length: 200 }, (_, i) => `n${i}`);
    const sparse: ReleasedTable = {
      ...roundingTable,
      dimensions: [
        { name: 'x', total: 'Total', hierarchy: { Total: leaves } },
        { name: 'y', total: 'Total', hierarchy: { Total: leaves } },
      ],
      cells: [
        { coords: { x: 'n7', y: 'n9' }, status: 'small' },
        { coords: { x: 'n9', y: 'n7' }, status: 'small' },
        { coords: { x: 'n7', y: 'n9' }, rows: 5, persons: 5, status: 'published' },
      ],
    };
    expect(errorOf(sparse).message).toContain('cells[2] {"x":"n7","y":"n9"}: the cell is listed twice');
    expect(() => assertNoHiddenValues({ ...sparse, cells: sparse.cells.slice(0, 2) })).not.toThrow();
  });

  it('rejects published values that are not finite numbers, and a reversed interval', () => {
    expect(errorOf(withCell(2, { coords: { hospital: 'A', sex: 'Total' }, persons: Number.NaN, status: 'published' })).message).toContain(
      '.persons: expected a finite number',
    );
    expect(errorOf(withCell(2, { coords: { hospital: 'A', sex: 'Total' }, sums: { cost: '5' }, status: 'published' })).message).toContain(
      '.sums.cost: expected a finite number',
    );
    const dp = { ...dpTable, cells: [{ ...dpTable.cells[0]!, interval: { lower: 2, upper: 1 } }, ...dpTable.cells.slice(1)] };
    expect(errorOf(dp).message).toContain('.interval: expected { lower, upper }');
  });

  it('rejects a malformed table', () => {
    expect(errorOf(null).message).toContain('expected a released table');
    expect(errorOf({ ...suppressionTable, dimensions: [] }).message).toContain('dimensions: expected a non-empty array');
    expect(errorOf({ ...suppressionTable, cells: undefined }).message).toContain('cells: expected an array');
    expect(errorOf({ ...suppressionTable, name: '' }).message).toContain('name: expected a non-empty string');
    const sameName = { ...suppressionTable, dimensions: [suppressionTable.dimensions[0]!, suppressionTable.dimensions[0]!] };
    expect(errorOf(sameName).message).toContain('two dimensions have the same name');
  });
});
