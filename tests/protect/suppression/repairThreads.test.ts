import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { CellTable } from '../../../src/aggregate/CellTable.js';
import { auditThreads } from '../../../src/audit/auditThreads.js';
import { frequencyRule } from '../../../src/protect/suppression/rules/frequencyRule.js';
import { suppressCells } from '../../../src/protect/suppression/suppressCells.js';
import { repairTables } from './repairTables.js';

function statuses(t: CellTable): string[] {
  return Array.from({ length: t.cellCount }, (_, c) => t.statusOf(c));
}

const saved = { threads: process.env.PRIKK_THREADS, min: process.env.PRIKK_POOL_MIN_COLUMNS };
afterEach(() => {
  for (const [k, v] of [['PRIKK_THREADS', saved.threads], ['PRIKK_POOL_MIN_COLUMNS', saved.min]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('repair LPs on worker threads', () => {
  it('give the same pattern as one thread (every repair LP forced to the pool when a round has two or more groups)', async () => {
    process.env.PRIKK_THREADS = '2';
    process.env.PRIKK_POOL_MIN_COLUMNS = '1';
    const pool = auditThreads().pool!;
    const before = pool.modelsBuilt;
    let repaired = 0;
    await fc.assert(
      fc.asyncProperty(repairTables, async (t) => {
        const rules = [frequencyRule({ n: 5 })];
        process.env.PRIKK_THREADS = '1';
        const one = await suppressCells(t, { rules });
        process.env.PRIKK_THREADS = '2';
        const two = await suppressCells(t, { rules });
        expect(statuses(two.tables[0]!)).toEqual(statuses(one.tables[0]!));
        expect(two.loop).toEqual(one.loop);
        expect(two.audit.passed).toBe(one.audit.passed);
        if (one.repairAdded > 0) repaired++;
      }),
      { numRuns: 25, seed: 52 },
    );
    // The property was exercised: repairs happened, and LPs (the audits' or the repairs') were solved in the workers.
    expect(repaired).toBeGreaterThan(3);
    expect(pool.modelsBuilt).toBeGreaterThan(before);
  });
});
