import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../src/aggregate/aggregate.js';
import { CELL_STATUS } from '../../../src/aggregate/CellTable.js';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import { buildRule } from '../../../src/release/methods/buildRule.js';
import { countsAdditive } from '../../../src/release/methods/countsAdditive.js';
import { describeRule, primaryMeaning } from '../../../src/release/methods/describeRule.js';
import { releasedFromCellTable } from '../../../src/release/methods/releasedFromCellTable.js';
import { valueFields } from '../../../src/release/methods/valueFields.js';
import { extractOf, personsIn, request, SYMBOLS } from './helpers.js';

const P = CELL_STATUS.indexOf('primary');
const S = CELL_STATUS.indexOf('secondary');

// Persons per hospital: A 3, B 38 (one row each): cells A, B, Total = 41.
const ROWS = personsIn([
  ['A', '1', 3],
  ['B', '1', 38],
]);

describe('releasedFromCellTable', () => {
  const req = request('by_hospital', ['hospital'], { suppression: { rules: [{ frequency: { n: 5 } }] } });
  const table = aggregate(extractOf(ROWS), { dimensions: ['hospital'] });

  it('writes the example of ReleasedTable: hidden cells with coords and status only, a legend per status present', () => {
    const t = releasedFromCellTable(table.withStatus(Uint8Array.of(P, S, 0)), {
      request: req,
      method: 'suppression',
      symbols: SYMBOLS,
      meanings: { published: 'Published as counted', primary: 'Hidden: fewer than 5 persons (count < 5)' },
      countsAdditive: true,
    });
    expect(t.cells).toEqual([
      { coords: { hospital: 'A' }, status: 'primary' },
      { coords: { hospital: 'B' }, status: 'secondary' },
      { coords: { hospital: 'Total' }, persons: 41, status: 'published' },
    ]);
    expect(t.legend).toEqual([
      { status: 'published', symbol: '', meaning: 'Published as counted', cells: 1 },
      { status: 'primary', symbol: '..', meaning: 'Hidden: fewer than 5 persons (count < 5)', cells: 1 },
      { status: 'secondary', symbol: '..', meaning: 'Hidden to protect another hidden cell', cells: 1 },
    ]);
    // (41 − 0 published finest) / 41: everything in the finest cells is hidden.
    expect(t.summary).toEqual({ cells: 3, hiddenCells: 2, hiddenCellShare: 2 / 3, hiddenCountShare: 1 });
    expect(Object.isFrozen(t) && Object.isFrozen(t.cells) && Object.isFrozen(t.cells[0])).toBe(true);
  });

  it('leaves hiddenCountShare out when the grand total is hidden or the count is not additive', () => {
    const hiddenTotal = releasedFromCellTable(table.withStatus(Uint8Array.of(P, 0, S)), {
      request: req,
      method: 'suppression',
      symbols: SYMBOLS,
      meanings: { published: 'x', primary: 'y' },
      countsAdditive: true,
    });
    expect(hiddenTotal.summary.hiddenCountShare).toBeUndefined();
    const notAdditive = releasedFromCellTable(table.withStatus(Uint8Array.of(P, S, 0)), { request: req, method: 'suppression', symbols: SYMBOLS, meanings: { published: 'x', primary: 'y' } });
    expect(notAdditive.summary.hiddenCountShare).toBeUndefined(); // persons, and countsAdditive not given
  });

  it('shows small cells without values, and refuses a status without a meaning', () => {
    const t = releasedFromCellTable(table, { request: req, method: 'rounding', symbols: SYMBOLS, meanings: { published: 'Rounded', small: 'Hidden: 1 to 7' }, small: Uint8Array.of(1, 0, 0) });
    expect(t.cells[0]).toEqual({ coords: { hospital: 'A' }, status: 'small' });
    expect(t.legend.map((l) => [l.status, l.symbol])).toEqual([
      ['published', ''],
      ['small', '*'],
    ]);
    expect(() => releasedFromCellTable(table, { request: req, method: 'rounding', symbols: SYMBOLS, meanings: { published: 'Rounded' }, small: Uint8Array.of(1, 0, 0) })).toThrow(
      /status 'small' but no meaning/,
    );
    expect(() => releasedFromCellTable(table, { request: req, method: 'rounding', symbols: SYMBOLS, meanings: {}, small: Uint8Array.of(1) })).toThrow(PrikkError);
  });

  it('countsAdditive: rows always, persons only when nobody is in two finest cells', () => {
    const twice = extractOf([...ROWS, { pid: 'p0', hospital: 'B', sex: '1', cost: 1 }]);
    expect(countsAdditive(aggregate(twice, { dimensions: ['hospital'] }))).toBe(false);
    expect(countsAdditive(aggregate(twice, { dimensions: ['hospital'], unit: 'rows' }))).toBe(true);
    expect(countsAdditive(table)).toBe(true);
  });
});

describe('buildRule, describeRule, valueFields', () => {
  it('build the core rules and state them for readers', () => {
    expect(buildRule({ frequency: { n: 3, zerosSensitive: true } }).name).toBe('frequency(count < 3, zeros sensitive)');
    expect(buildRule({ pPercent: { measure: 'cost', p: 10, q: 50 } }).name).toBe('pq(p = 10, q = 50, cost)');
    expect(() => buildRule({ frequency: { n: 0 } })).toThrow(/n to be an integer >= 1/);
    expect(() => buildRule({} as never)).toThrow(/exactly one/);
    expect(describeRule({ frequency: { n: 11 } }, 'rows')).toBe('fewer than 11 rows (count < 11)');
    expect(describeRule({ dominance: { measure: 'cost', n: 2, k: 85 } }, 'persons')).toBe("the 2 largest contributors hold more than 85 % of the cell's cost (dominance rule, n = 2, k = 85)");
    expect(describeRule({ pPercent: { measure: 'cost', p: 10 } }, 'persons')).toBe(
      'the second largest contributor could estimate the largest contribution to cost within 10 % (p % rule, p = 10)',
    );
    expect(primaryMeaning([{ frequency: { n: 5 } }], 'persons')).toBe('Hidden: fewer than 5 persons (count < 5)');
  });

  it('label value columns and give counts 0 decimals', () => {
    expect(valueFields(['rows', 'sum:los', 'mean:los'], 2)).toEqual([
      { key: 'rows', label: 'Rows', decimals: 0 },
      { key: 'sum:los', label: 'Sum of los', decimals: 2 },
      { key: 'mean:los', label: 'Mean of los', decimals: 2 },
    ]);
    expect(() => valueFields(['median:los'], 1)).toThrow(/not one of persons, rows/);
  });
});
