import { describe, expect, it } from 'vitest';
import { auditTable } from '../../src/audit/auditTable.js';
import type { CellJson, CellTableJson } from '../../src/aggregate/CellTableJson.js';
import { frequencyRule } from '../../src/protect/suppression/rules/frequencyRule.js';
import { auditSummary } from '../../src/release/methods/auditSummary.js';
import { flat, makeTable, sdcTableExample, twoLevel, withStatuses } from './tableHelpers.js';

const rule3 = frequencyRule({ n: 3 });

describe('auditTable on the sdcTable example (region A-D × gender, count < 3)', () => {
  it('fails when only the primary cell A/female is hidden: 20 - 18 recomputes it (width 0)', async () => {
    const t = withStatuses(sdcTableExample(), [[{ region: 'A', gender: 'female' }, 'primary']]);
    const r = await auditTable(t, { rules: [rule3] });
    expect(r.passed).toBe(false);
    expect(r.cellsChecked).toBe(1);
    expect(r.failed).toBe(1);
    expect(r.narrowest?.width).toBe(0);
    expect(r.narrowest?.coords).toEqual({ region: 'A', gender: 'female' });
    expect(r.narrowest?.failures).toEqual(['upper']);
  });

  it('passes the optimal pattern {A/f, A/m, C/m, C/f} with interval width 12', async () => {
    // By hand: A/f = t, A/m = 20 - t, C/f = 45 - 2 - 19 - 14 - t = 10 + (2 - t)... written out:
    // female column: t + C/f = 45 - 19 - 14 = 12, so C/f = 12 - t; row C: C/m = 22 - C/f = 10 + t;
    // male column: A/m + C/m = 55 - 14 - 11 = 30 holds for every t. Non-negativity: 0 <= t <= 12 -> width 12 >= 3 - 0.
    const t = withStatuses(sdcTableExample(), [
      [{ region: 'A', gender: 'female' }, 'primary'],
      [{ region: 'A', gender: 'male' }, 'secondary'],
      [{ region: 'C', gender: 'male' }, 'secondary'],
      [{ region: 'C', gender: 'female' }, 'secondary'],
    ]);
    const r = await auditTable(t, { rules: [rule3] });
    expect(r.passed).toBe(true);
    expect(r.narrowest?.width).toBe(12);
    expect(r.singletonLeaks).toBe(0);
  });

  it('reports a sensitive cell left published', async () => {
    const r = await auditTable(sdcTableExample(), { rules: [rule3] });
    expect(r.passed).toBe(false);
    expect(r.publishedSensitive).toEqual([{ table: 0, coords: { region: 'A', gender: 'female' } }]);
  });

  it('fails when the interval is too narrow though not exact: a partner of 0 caps the upper bound', async () => {
    // 2 × 2 with margins, leaves a1=2 a2=9 / b1=0 b2=7. Hide all four inner cells: a1 = t, a2 = 11 - t,
    // b1 = 0 - ... column 1 total is 2, so b1 = 2 - t >= 0 -> t <= 2 < 3: the attacker knows a1 < 3.
    const t0 = makeTable(
      [
        { name: 'r', hierarchy: flat('T', ['a', 'b']) },
        { name: 'c', hierarchy: flat('T', ['1', '2']) },
      ],
      [2, 9, 0, 7],
    );
    const t = withStatuses(t0, [
      [{ r: 'a', c: '1' }, 'primary'],
      [{ r: 'a', c: '2' }, 'secondary'],
      [{ r: 'b', c: '1' }, 'secondary'],
      [{ r: 'b', c: '2' }, 'secondary'],
    ]);
    const r = await auditTable(t, { rules: [rule3] });
    expect(r.passed).toBe(false);
    expect(r.narrowest?.width).toBe(2);
  });

  it('audits a hierarchical one-dimensional table: hiding two siblings protects, hiding one does not', async () => {
    const h = twoLevel('T', { north: ['n1', 'n2', 'n3'], south: ['s1', 's2'] });
    const t0 = makeTable([{ name: 'm', hierarchy: h }], [1, 10, 12, 20, 30]);
    const bad = await auditTable(withStatuses(t0, [[{ m: 'n1' }, 'primary']]), { rules: [rule3] });
    expect(bad.passed).toBe(false);
    // n1 = t, n2 = 11 - t (north = 23 published, n3 published): t in [0, 11] -> width 11, upper 11 >= 3.
    const good = await auditTable(
      withStatuses(t0, [
        [{ m: 'n1' }, 'primary'],
        [{ m: 'n2' }, 'secondary'],
      ]),
      { rules: [rule3] },
    );
    expect(good.narrowest?.width).toBe(11);
    // n1 is a singleton (count 1) and north's relation has exactly two hidden cells: its contributor recovers n2.
    expect(good.singletonLeaks).toBe(1);
    expect(good.passed).toBe(false);
    const third = await auditTable(
      withStatuses(t0, [
        [{ m: 'n1' }, 'primary'],
        [{ m: 'n2' }, 'secondary'],
        [{ m: 'n3' }, 'secondary'],
      ]),
      { rules: [rule3] },
    );
    expect(third.passed).toBe(true);
  });

  it('audits the JSON form with no hidden values', async () => {
    const json: CellTableJson = {
      dimensions: [
        { name: 'region', total: 'Total', hierarchy: { Total: ['A', 'B', 'C', 'D'] } },
        { name: 'gender', total: 'Total', hierarchy: { Total: ['male', 'female'] } },
      ],
      cells: [
        { coords: { region: 'A', gender: 'male' }, status: 'secondary' },
        { coords: { region: 'A', gender: 'female' }, status: 'primary' },
        { coords: { region: 'A' }, status: 'published', persons: 20 },
        { coords: { region: 'B', gender: 'male' }, status: 'published', persons: 14 },
        { coords: { region: 'B', gender: 'female' }, status: 'published', persons: 19 },
        { coords: { region: 'B' }, status: 'published', persons: 33 },
        { coords: { region: 'C', gender: 'male' }, status: 'secondary' },
        { coords: { region: 'C', gender: 'female' }, status: 'secondary' },
        { coords: { region: 'C' }, status: 'published', persons: 22 },
        { coords: { region: 'D', gender: 'male' }, status: 'published', persons: 11 },
        { coords: { region: 'D', gender: 'female' }, status: 'published', persons: 14 },
        { coords: { region: 'D' }, status: 'published', persons: 25 },
        { coords: { gender: 'male' }, status: 'published', persons: 55 },
        { coords: { gender: 'female' }, status: 'published', persons: 45 },
        { coords: {}, status: 'published', persons: 100 },
      ],
    };
    const r = await auditTable(json, { rules: [rule3] });
    expect(r.passed).toBe(true);
    expect(r.cellsChecked).toBe(1);
    expect(r.narrowest?.width).toBe(12);
    const leak: CellTableJson = {
      ...json,
      cells: json.cells.map((c): CellJson => (c.coords['region'] === 'C' && c.coords['gender'] ? { ...c, status: 'published', persons: c.coords['gender'] === 'male' ? 12 : 10 } : c)),
    };
    const r2 = await auditTable(leak, { rules: [rule3] });
    expect(r2.passed).toBe(false);
    expect(r2.narrowest?.width).toBe(0);
  });
});

describe('auditTable: the LP work spent on the narrowest width (narrowestLpWork)', () => {
  // 3 × 3 interior [[1, 4, 2], [3, 1, 5], [2, 6, 1]] with margins (rows 7, 9, 9; columns 6, 11, 8; total 25), every
  // interior cell hidden, count < 3: the five cells 1 and 2 are primary. By hand (a transportation polytope with
  // its margins fixed): a cell ranges from max(0, row + column - 25) = 0 to min(row, column), so A/x 6, A/z 7, B/y 9,
  // C/x 6, C/z 8 wide; the narrowest 6.
  const values = [1, 4, 2, 3, 1, 5, 2, 6, 1];
  const grid = makeTable(
    [
      { name: 'r', hierarchy: flat('T', ['A', 'B', 'C']) },
      { name: 's', hierarchy: flat('T', ['x', 'y', 'z']) },
    ],
    values,
  );
  const marks: [Record<string, string>, 'primary' | 'secondary'][] = [];
  ['A', 'B', 'C'].forEach((r, i) => ['x', 'y', 'z'].forEach((s, j) => marks.push([{ r, s }, values[i * 3 + j]! < 3 ? 'primary' : 'secondary'])));
  const t = withStatuses(grid, marks);

  it('by default makes the narrowest width exact (6, by hand); with none to spend reports a lower bound, verdicts unchanged', async () => {
    const exact = await auditTable(t, { rules: [rule3] });
    expect(exact.passed).toBe(true);
    expect(exact.narrowest?.width).toBe(6);
    expect(exact.narrowest?.widthExact).toBe(true);
    expect(auditSummary(exact, 'grid')).not.toHaveProperty('narrowestWidthIsBound');
    const bound = await auditTable(t, { rules: [rule3], narrowestLpWork: 0 });
    expect(bound.cells.map((c) => c.pass)).toEqual(exact.cells.map((c) => c.pass));
    expect(bound.narrowest?.widthExact).toBe(false);
    // A lower bound on 6 that still proves the requirement (upper bound >= 3 from a lower bound of 0).
    expect(bound.narrowest!.width).toBeGreaterThanOrEqual(3);
    expect(bound.narrowest!.width).toBeLessThanOrEqual(6);
    expect(auditSummary(bound, 'grid')).toMatchObject({ narrowestWidth: bound.narrowest!.width, narrowestWidthIsBound: true });
    expect((await auditTable(t, { rules: [rule3], narrowestLpWork: Infinity })).narrowest).toEqual({ ...exact.narrowest });
  });

  it('rejects a negative, NaN or non-number narrowestLpWork', async () => {
    for (const bad of [-1, Number.NaN, '5']) {
      await expect(auditTable(t, { rules: [rule3], narrowestLpWork: bad as number })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('narrowestLpWork') });
    }
  });
});
