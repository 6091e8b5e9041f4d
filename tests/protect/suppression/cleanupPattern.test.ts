import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CELL_STATUS } from '../../../src/aggregate/CellTable.js';
import { auditPattern } from '../../../src/audit/auditPattern.js';
import { auditTable } from '../../../src/audit/auditTable.js';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import { cleanupPattern } from '../../../src/protect/suppression/cleanupPattern.js';
import { publishOrder } from '../../../src/protect/suppression/publishOrder.js';
import { frequencyRule } from '../../../src/protect/suppression/rules/frequencyRule.js';
import { suppressCells } from '../../../src/protect/suppression/suppressCells.js';
import { sdcTableExample, smallPatternArb } from '../../audit/tableHelpers.js';
import { repairTables } from './repairTables.js';
import type { CellTable } from '../../../src/aggregate/CellTable.js';

/**
 * The cleanup publishes again every secondary the pattern does not need: what it returns passes the stand-alone
 * audit (an independent judge: `auditTable` on the table as released), keeps every primary hidden, only ever
 * publishes, and leaves no secondary that could be published alone with the audit still passing.
 */
const FAR = Number.POSITIVE_INFINITY;

function released(table: CellTable, primary: Uint8Array, hidden: Uint8Array): CellTable {
  return table.withStatus(Uint8Array.from(hidden, (h, c) => CELL_STATUS.indexOf(primary[c] ? 'primary' : h ? 'secondary' : 'published')));
}

describe('cleanupPattern', () => {
  it('reduces the sdcTable example hidden with two cells too many to the three secondaries of the optimum', async () => {
    // Primary A/female (2 < 3). Hidden besides: the optimal cover A/male, C/male, C/female, and row B (14 / 19),
    // which protects nothing more. Tried largest count first: B/female 19 (published: the A-C box still moves
    // A/female), A/male 18 (kept: row A would then give A/female away), B/male 14 (published), C/male 12 and
    // C/female 10 (kept: the box needs them). Hand-derived.
    const table = sdcTableExample();
    const space = CellSpace.fromTables([table]);
    const at = (region: string, gender: string): number => table.indexOf({ region, gender });
    const rules = [frequencyRule({ n: 3 })];
    const primary = new Uint8Array(space.cellCount);
    primary[at('A', 'female')] = 1;
    const hidden = primary.slice();
    for (const [r, g] of [['A', 'male'], ['C', 'male'], ['C', 'female'], ['B', 'male'], ['B', 'female']] as const) hidden[at(r, g)] = 1;
    const audit = await auditPattern(space, hidden, primary, rules, true);
    expect(audit.result.passed).toBe(true);
    const counts = space.values({ kind: 'count' });
    const order = publishOrder(new Float64Array(space.cellCount).fill(1), counts);
    const c = await cleanupPattern({ space, primary, rules, singletons: true, hidden, audit, order, deadline: FAR });
    expect(c.published).toEqual([at('B', 'female'), at('B', 'male')]);
    expect(c.tried).toBe(5);
    expect(c.timedOut).toBe(false);
    expect(c.audit.result.passed).toBe(true);
    expect(c.audit.result.narrowest?.widthExact).toBe(true);
    // The input pattern is not changed.
    expect(hidden[at('B', 'male')]).toBe(1);
  });

  it('tries nothing after its deadline', async () => {
    const table = sdcTableExample();
    const space = CellSpace.fromTables([table]);
    const rules = [frequencyRule({ n: 3 })];
    const r = await suppressCells(table, { rules });
    const primary = Uint8Array.from(r.tables[0]!.status, (s) => (CELL_STATUS[s] === 'primary' ? 1 : 0));
    const hidden = Uint8Array.from(r.tables[0]!.status, (s) => (CELL_STATUS[s] === 'published' ? 0 : 1));
    const audit = await auditPattern(space, hidden, primary, rules, true);
    const order = publishOrder(new Float64Array(space.cellCount).fill(1), space.values({ kind: 'count' }));
    const c = await cleanupPattern({ space, primary, rules, singletons: true, hidden, audit, order, deadline: performance.now() - 1 });
    expect(c).toMatchObject({ published: [], tried: 0, timedOut: true });
    expect(c.hidden).toEqual(hidden);
  });

  it('on random patterns: passes the stand-alone audit, only publishes secondaries, and leaves none to publish', async () => {
    let published = 0;
    await fc.assert(
      fc.asyncProperty(smallPatternArb(30), async ({ table, space, counts, hidden, n }) => {
        const rules = [frequencyRule({ n })];
        const primary = Uint8Array.from(counts, (v) => (v > 0 && v < n ? 1 : 0));
        const audit = await auditPattern(space, hidden, primary, rules, true);
        fc.pre(audit.result.passed);
        const order = publishOrder(new Float64Array(space.cellCount).fill(1), counts);
        const c = await cleanupPattern({ space, primary, rules, singletons: true, hidden, audit, order, deadline: FAR });
        published += c.published.length;
        // The local first look only saves time: without it (radius 0), the same cells.
        const bare = await cleanupPattern({ space, primary, rules, singletons: true, hidden, audit, order, deadline: FAR, localRadius: 0 });
        expect(bare.published).toEqual(c.published);
        for (let x = 0; x < hidden.length; x++) {
          if (primary[x]) expect(c.hidden[x]).toBe(1);
          if (!hidden[x]) expect(c.hidden[x]).toBe(0);
        }
        expect(c.published.every((x) => hidden[x] === 1 && c.hidden[x] === 0 && !primary[x])).toBe(true);
        expect((await auditTable(released(table, primary, c.hidden), { rules })).passed).toBe(true);
        // Greedy to the end: no secondary left could be published alone.
        for (let x = 0; x < hidden.length; x++) {
          if (!c.hidden[x] || primary[x]) continue;
          const fewer = c.hidden.slice();
          fewer[x] = 0;
          expect((await auditTable(released(table, primary, fewer), { rules })).passed).toBe(false);
        }
      }),
      { numRuns: 40, seed: 77 },
    );
    expect(published).toBeGreaterThan(0);
  });

  it('starts the optimal method from the cleaned fast pattern: never more secondaries than that', async () => {
    let republished = 0;
    await fc.assert(
      fc.asyncProperty(repairTables, async (t) => {
        const rules = [frequencyRule({ n: 5 })];
        const fast = await suppressCells(t, { rules });
        const optimal = await suppressCells(t, { rules, method: 'optimal', optimalTimeLimit: 20 });
        const o = optimal.optimal!;
        republished += o.republished;
        expect(o.republished).toBeGreaterThanOrEqual(0);
        expect(optimal.audit.passed).toBe(true);
        expect(optimal.secondaryCount).toBeLessThanOrEqual(fast.secondaryCount - o.republished);
      }),
      { numRuns: 8, seed: 5 },
    );
    expect(republished).toBeGreaterThan(0);
  });
});
