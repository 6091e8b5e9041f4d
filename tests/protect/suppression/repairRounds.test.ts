import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellTable } from '../../../src/aggregate/CellTable.js';
import { frequencyRule } from '../../../src/protect/suppression/rules/frequencyRule.js';
import { suppressCells } from '../../../src/protect/suppression/suppressCells.js';
import { repairTables } from './repairTables.js';

/**
 * The repair loop repairs many failures per round (each repair LP on the pattern as the round's earlier repairs
 * left it; failures next to a cell hidden earlier in the round wait for the next round). What must hold: the same
 * table and policy give the same pattern (no dependence on anything but the input), and the loop's counters
 * describe what it did (the first audit and one per round; at least one LP or box repair per round that repaired
 * something).
 */
const tables = repairTables;

function statuses(t: CellTable): string[] {
  return Array.from({ length: t.cellCount }, (_, c) => t.statusOf(c));
}

describe('the repair rounds of suppressCells', () => {
  it('are deterministic and report their rounds, audits and LPs consistently', async () => {
    let withRepairs = 0;
    await fc.assert(
      fc.asyncProperty(tables, async (t) => {
        const rules = [frequencyRule({ n: 5 })];
        const a = await suppressCells(t, { rules });
        const b = await suppressCells(t, { rules });
        expect(statuses(b.tables[0]!)).toEqual(statuses(a.tables[0]!));
        expect(b.loop).toEqual(a.loop);
        const loop = a.loop!;
        expect(a.audit.passed).toBe(true);
        // Cells hidden by the relation bound before the first audit need no round.
        if (a.repairAdded > loop.relationBound) {
          withRepairs++;
          expect(loop.rounds).toBeGreaterThanOrEqual(1);
          // Each round that repaired something used an LP or a box repair (one cell proved enough by box moves).
          expect(loop.repairLps + loop.boxRepairs).toBeGreaterThanOrEqual(loop.rounds);
          // The first audit and one complete audit after each round it started (the proved rounds come before it):
          // the last one is the audit of the result.
          expect(loop.audits).toBe(loop.rounds - loop.provedRounds + 1);
        } else if (loop.rounds === 0) {
          expect(loop.audits).toBe(1);
          expect(loop.repairLps).toBe(0);
          expect(loop.boxRepairs).toBe(0);
        }
      }),
      { numRuns: 25, seed: 4711 },
    );
    expect(withRepairs).toBeGreaterThan(0);
  });
});
