import { describe, expect, it } from 'vitest';
import { auditTable } from '../../../src/audit/auditTable.js';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import { frequencyRule } from '../../../src/protect/suppression/rules/frequencyRule.js';
import { suppressCells } from '../../../src/protect/suppression/suppressCells.js';
import { flat, makeTable, withStatuses } from '../../audit/tableHelpers.js';

// One extract: region {r1, r2} × sex {m, f} × age {y, o}; leaves (r, s, a) in row-major order.
// r1: m = 6 + 4, f = 1 + 1;  r2: m = 5 + 3, f = 4 + 6.
const leaves3 = [6, 4, 1, 1, 5, 3, 4, 6];
const region = { name: 'region', hierarchy: flat('T', ['r1', 'r2']) };
const sex = { name: 'sex', hierarchy: flat('T', ['m', 'f']) };
const age = { name: 'age', hierarchy: flat('T', ['y', 'o']) };
// Table A = region × sex (sum over age), table B = sex × age (sum over region).
const A = makeTable([region, sex], [10, 2, 8, 10]);
const B = makeTable([sex, age], [11, 7, 5, 7]);
const rule = frequencyRule({ n: 3 });

describe('linked tables', () => {
  it('identify shared cells by coordinates (sex margins and the grand total)', () => {
    void leaves3;
    const space = CellSpace.fromTables([A, B]);
    // A has 9 cells, B has 9; they share T×m, T×f, T×T (A) = m×T, f×T, T×T (B).
    expect(space.cellCount).toBe(15);
    expect(space.cellOf[0]![A.indexOf({ sex: 'f' })]).toBe(space.cellOf[1]![B.indexOf({ sex: 'f' })]);
  });

  it('a pattern safe in A alone leaks through B: the audit over both finds it', async () => {
    // A hides r1×f (primary, count 2), r1×m, T×f, T×m. In A alone r1×f moves freely in [0, 12].
    const a = withStatuses(A, [
      [{ region: 'r1', sex: 'f' }, 'primary'],
      [{ region: 'r1', sex: 'm' }, 'secondary'],
      [{ sex: 'f' }, 'secondary'],
      [{ sex: 'm' }, 'secondary'],
    ]);
    const alone = await auditTable(a, { rules: [rule] });
    expect(alone.passed).toBe(true);
    expect(alone.narrowest?.width).toBe(12);
    // B publishes T×f = 12 (f × T in B), so r1×f = 12 - r2×f = 12 - 10 = 2: exact.
    const both = await auditTable([a, B], { rules: [rule] });
    expect(both.passed).toBe(false);
    expect(both.narrowest?.width).toBe(0);
  });

  it('suppressCells protects linked tables together: shared cells agree and the joint audit passes', async () => {
    const r = await suppressCells([A, B], { rules: [rule] });
    expect(r.audit.passed).toBe(true);
    const [a, b] = r.tables;
    for (const s of ['m', 'f']) expect(a!.statusOf(a!.indexOf({ sex: s }))).toBe(b!.statusOf(b!.indexOf({ sex: s })));
    expect((await auditTable([a!, b!], { rules: [rule] })).passed).toBe(true);
  });

  it('refuses tables whose shared cells disagree (not from one extract)', () => {
    const B2 = makeTable([sex, age], [11, 7, 6, 7]);
    expect(() => CellSpace.fromTables([A, B2])).toThrow(/different counts/);
  });
});
