import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attackIntervals } from '../../src/audit/attackIntervals.js';
import { auditPattern } from '../../src/audit/auditPattern.js';
import { CellSpace } from '../../src/audit/CellSpace.js';
import { NARROWEST_MAX_REPROOFS } from '../../src/audit/NarrowestBudget.js';
import { frequencyRule } from '../../src/protect/suppression/rules/frequencyRule.js';
import { flat, makeTable, smallRandomSpace } from './tableHelpers.js';

/**
 * A random 2-3 dimensional table with many small counts, the frequency rule count < n, and two nested patterns:
 * `before` hides every sensitive cell and some others, `after` hides those and more (a grown pattern, as the
 * repair loop of the secondary suppression makes).
 */
const grownArb = fc
  .record({
    dims: fc.integer({ min: 2, max: 3 }),
    hierarchical: fc.boolean(),
    seed: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 48, maxLength: 48 }),
    mask: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 200, maxLength: 200 }),
    first: fc.integer({ min: 0, max: 40 }),
    more: fc.integer({ min: 5, max: 40 }),
    n: fc.integer({ min: 2, max: 5 }),
  })
  .map(({ dims, hierarchical, seed, mask, first, more, n }) => {
    const { table: t, space } = smallRandomSpace(dims, hierarchical, seed);
    const counts = space.values({ kind: 'count' });
    const before = Uint8Array.from(counts, (v, c) => ((v > 0 && v < n) || mask[c % mask.length]! < first ? 1 : 0));
    const after = Uint8Array.from(before, (h, c) => (h || mask[(c * 7 + 3) % mask.length]! < more ? 1 : 0));
    // The grand total stays published, as in any release.
    before[t.cellCount - 1] = 0;
    after[t.cellCount - 1] = 0;
    return { space, counts, before, after, n };
  });

describe('auditPattern: verdicts carried over a grown pattern (AuditReuse.hidden)', () => {
  it('gives every target the verdict of a plain exact LP per target, and the exact narrowest width', async () => {
    let carried = 0; // passing verdicts of `before` carried into the audit of `after` without an LP
    await fc.assert(
      fc.asyncProperty(grownArb, async ({ space, counts, before, after, n }) => {
        const rules = [frequencyRule({ n })];
        const none = new Uint8Array(space.cellCount);
        const first = await auditPattern(space, before, none, rules, false);
        // Recheck everything: on a grown pattern the passing verdicts are carried, the rest get LPs.
        const reused = await auditPattern(space, after, none, rules, false, { verdicts: first.verdicts, recheck: after, hidden: first.hidden });
        const plain = await auditPattern(space, after, none, rules, false);
        // Independent reference: the exact min and max of each target by its own LPs (no goals, no moves).
        const targets = Int32Array.from([...after.keys()].filter((c) => after[c] && counts[c]! > 0 && counts[c]! < n));
        expect(reused.result.cellsChecked).toBe(targets.length);
        if (targets.length === 0) return;
        const exact = await attackIntervals({ relations: space.relations, values: counts, hidden: after, targets, describe: String });
        const group = reused.groups.findIndex((g) => g.quantity.kind === 'count');
        targets.forEach((c, i) => {
          const pass = exact.upper[i]! >= n - 1e-6;
          const k = [...reused.groups[group]!.cells].indexOf(c);
          expect(reused.result.cells[k]!.pass).toBe(pass);
          expect(plain.result.cells[k]!.pass).toBe(pass);
          if (first.verdicts.get(`${group}:${c}`)?.pass) carried++;
        });
        const trueNarrowest = Math.min(...targets.map((_, i) => exact.upper[i]! - exact.lower[i]!));
        const narrowest = reused.result.narrowest!;
        expect(narrowest.widthExact).toBe(true);
        if (Number.isFinite(trueNarrowest)) expect(narrowest.width).toBeCloseTo(trueNarrowest, 6);
        else expect(narrowest.width).toBe(Infinity);
        expect(narrowest.width).toBeCloseTo(plain.result.narrowest!.width, 6);
        expect(reused.result.passed).toBe(plain.result.passed);
        // As the repair loop audits: the narrowest made exact only when everything passes. The verdicts are the
        // same; a failing audit made exact afterwards (same pattern, nothing to recheck) reports the true narrowest.
        const lazy = await auditPattern(space, after, none, rules, false, { verdicts: first.verdicts, recheck: after, hidden: first.hidden }, { exactOnlyWhenPassing: true });
        expect(lazy.result.cells.map((c) => c.pass)).toEqual(reused.result.cells.map((c) => c.pass));
        if (lazy.result.passed) expect(lazy.result.narrowest!.widthExact).toBe(true);
        const finished = await auditPattern(space, after, none, rules, false, { verdicts: lazy.verdicts, recheck: new Uint8Array(space.cellCount), hidden: lazy.hidden });
        expect(finished.result.narrowest!.widthExact).toBe(true);
        if (Number.isFinite(trueNarrowest)) expect(finished.result.narrowest!.width).toBeCloseTo(trueNarrowest, 6);
      }),
      { numRuns: 40, seed: 4242 },
    );
    expect(carried).toBeGreaterThan(20);
  });

  it('with little or no LP work to spend on the narrowest width (narrowestLpWork): the same verdicts, and the narrowest a lower bound', async () => {
    let bounds = 0; // audits whose narrowest width was reported as a bound
    await fc.assert(
      fc.asyncProperty(grownArb, fc.constantFrom(0, 20, 100), async ({ space, counts, before, after, n }, work) => {
        const rules = [frequencyRule({ n })];
        const none = new Uint8Array(space.cellCount);
        const targets = Int32Array.from([...after.keys()].filter((c) => after[c] && counts[c]! > 0 && counts[c]! < n));
        if (targets.length === 0) return;
        const first = await auditPattern(space, before, none, rules, false, undefined, { narrowestLpWork: work });
        const reused = await auditPattern(space, after, none, rules, false, { verdicts: first.verdicts, recheck: after, hidden: first.hidden }, { narrowestLpWork: work });
        // Independent reference: the exact min and max of each target by its own LPs (no goals, no moves).
        const exact = await attackIntervals({ relations: space.relations, values: counts, hidden: after, targets, describe: String });
        const group = reused.groups.findIndex((g) => g.quantity.kind === 'count');
        targets.forEach((c, i) => {
          const k = [...reused.groups[group]!.cells].indexOf(c);
          expect(reused.result.cells[k]!.pass).toBe(exact.upper[i]! >= n - 1e-6);
          // Every reported width is at most the true one (equal when exact).
          const w = reused.result.cells[k]!.width;
          const trueWidth = exact.upper[i]! - exact.lower[i]!;
          if (reused.result.cells[k]!.widthExact) expect(w).toBeCloseTo(trueWidth, 6);
          else expect(w).toBeLessThanOrEqual(trueWidth + 1e-6);
        });
        const trueNarrowest = Math.min(...targets.map((_, i) => exact.upper[i]! - exact.lower[i]!));
        const narrowest = reused.result.narrowest!;
        if (narrowest.widthExact) expect(narrowest.width).toBeCloseTo(trueNarrowest, 6);
        else {
          bounds++;
          expect(narrowest.width).toBeLessThanOrEqual(trueNarrowest + 1e-6);
        }
      }),
      { numRuns: 60, seed: 4243 },
    );
    expect(bounds).toBeGreaterThan(0);
  });

  it('reports the narrowest width as a bound, without LPs, when more kept verdicts than NARROWEST_MAX_REPROOFS would need proving again', async () => {
    // A flat 60 × 60 table, counts 0-9 from a fixed linear congruential sequence, count < 5: about 1,400 sensitive
    // cells, every one hidden with a third of the others; the grown pattern hides every seventh cell too.
    const R = 60;
    let x = 12345;
    const leaves = Array.from({ length: R * R }, () => Math.floor(((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648) * 10));
    const labels = (p: string): string[] => Array.from({ length: R }, (_, i) => `${p}${i}`);
    const t = makeTable(
      [
        { name: 'r', hierarchy: flat('T', labels('r')) },
        { name: 'c', hierarchy: flat('T', labels('c')) },
      ],
      leaves,
    );
    const space = CellSpace.fromTables([t]);
    const counts = space.values({ kind: 'count' });
    const before = Uint8Array.from(counts, (v, c) => ((v > 0 && v < 5) || c % 3 === 0 ? 1 : 0));
    before[t.cellCount - 1] = 0;
    const after = Uint8Array.from(before, (h, c) => (h || c % 7 === 0 ? 1 : 0));
    after[t.cellCount - 1] = 0;
    const rules = [frequencyRule({ n: 5 })];
    const none = new Uint8Array(space.cellCount);
    const unlimited = { narrowestLpWork: Infinity };
    const first = await auditPattern(space, before, none, rules, false, undefined, unlimited);
    expect(first.result.cellsChecked).toBeGreaterThan(NARROWEST_MAX_REPROOFS);
    expect(first.result.narrowest!.widthExact).toBe(true);
    // Every passing verdict is carried as an inner width: more than the cap would need proving again. No LP budget
    // limits this audit, so only the cap can leave its narrowest width a bound.
    const again = await auditPattern(space, after, none, rules, false, { verdicts: first.verdicts, recheck: after, hidden: first.hidden }, unlimited);
    const plain = await auditPattern(space, after, none, rules, false, undefined, unlimited);
    expect(plain.result.narrowest!.widthExact).toBe(true);
    expect(again.result.narrowest!.widthExact).toBe(false);
    expect(again.result.narrowest!.width).toBeLessThanOrEqual(plain.result.narrowest!.width + 1e-6);
    expect(again.result.cells.map((c) => c.pass)).toEqual(plain.result.cells.map((c) => c.pass));
  });

  it('audits every target to recheck afresh when a cell hidden before is published now (not a grown pattern)', async () => {
    // 3 x 3 interior [[1, 4, 2], [3, 1, 5], [2, 6, 1]] with margins, count < 3. Before: the four corners of rows A, B
    // × columns x, y hidden ((A,x) = 1 sensitive, (B,y) = 1 sensitive): the box +Ax -Ay -Bx +By moves Ax to
    // 1 + min(Ay = 4, Bx = 3) = 4 >= 3, so both pass. After: (A,y) published again (not grown): (A,x) is alone in
    // row A among hidden cells, so 7 - 4 - 2 pins it (width 0): it must fail, and a carried verdict would pass.
    const t = makeTable(
      [
        { name: 'r', hierarchy: flat('T', ['A', 'B', 'C']) },
        { name: 's', hierarchy: flat('T', ['x', 'y', 'z']) },
      ],
      [1, 4, 2, 3, 1, 5, 2, 6, 1],
    );
    const space = CellSpace.fromTables([t]);
    const at = (r: string, s: string): number => t.indexOf({ r, s });
    const before = new Uint8Array(t.cellCount);
    for (const [r, s] of [['A', 'x'], ['A', 'y'], ['B', 'x'], ['B', 'y'], ['C', 'z']] as const) before[at(r, s)] = 1;
    const after = before.slice();
    after[at('A', 'y')] = 0;
    after[at('C', 'x')] = 1;
    const rules = [frequencyRule({ n: 3 })];
    const none = new Uint8Array(t.cellCount);
    const first = await auditPattern(space, before, none, rules, false);
    const ax = first.result.cells.findIndex((c) => c.coords.r === 'A' && c.coords.s === 'x');
    expect(first.result.cells[ax]!.pass).toBe(true);
    const again = await auditPattern(space, after, none, rules, false, { verdicts: first.verdicts, recheck: after, hidden: first.hidden });
    const ax2 = again.result.cells.findIndex((c) => c.coords.r === 'A' && c.coords.s === 'x');
    expect(again.result.cells[ax2]!.pass).toBe(false);
    expect(again.result.cells[ax2]!.width).toBe(0);
  });
});
