import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditProgress } from '../../src/audit/AuditProgress.js';
import { auditTable } from '../../src/audit/auditTable.js';
import { runCli } from '../../src/cli/main.js';
import { frequencyRule } from '../../src/protect/suppression/rules/frequencyRule.js';
import { suppressCells } from '../../src/protect/suppression/suppressCells.js';
import { cellTableToJson } from '../../src/aggregate/cellTableToJson.js';
import { repairTables } from '../protect/suppression/repairTables.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

/**
 * `AuditPolicy.onProgress` counts the hidden cells proved so far: it never goes back, whatever order the worker
 * threads finish in, it ends at the total, with counts only; and the verdict does not change.
 */
describe('auditTable progress', () => {
  it('counts up to the total and never back, and changes nothing', async () => {
    let withGroups = 0;
    await fc.assert(
      fc.asyncProperty(repairTables, async (t) => {
        const rules = [frequencyRule({ n: 5 })];
        const table = (await suppressCells(t, { rules })).tables[0]!;
        const events: AuditProgress[] = [];
        const a = await auditTable(table, { rules, onProgress: (p) => events.push(p) });
        const b = await auditTable(table, { rules });
        expect(a.passed).toBe(b.passed);
        expect(a.narrowest?.width).toBe(b.narrowest?.width);
        if (events.length === 0) return;
        withGroups++;
        const total = events[0]!.cells;
        expect(total).toBeGreaterThan(0);
        expect(events.every((e) => e.cells === total)).toBe(true);
        for (let i = 1; i < events.length; i++) expect(events[i]!.cellsProved).toBeGreaterThanOrEqual(events[i - 1]!.cellsProved);
        expect(events.at(-1)!.cellsProved).toBe(total);
        for (const e of events) expect(Object.keys(e).sort()).toEqual(['cells', 'cellsProved', 'elapsedMs']);
      }),
      { numRuns: 12, seed: 8 },
    );
    expect(withGroups).toBeGreaterThan(0);
  });

  it('is drawn by prikk audit on a terminal, then cleared', async () => {
    const rules = [frequencyRule({ n: 5 })];
    // A table whose audit has groups to prove (found by the property above's tables).
    let path: string | undefined;
    await fc.assert(
      fc.asyncProperty(repairTables, async (t) => {
        if (path) return;
        const table = (await suppressCells(t, { rules })).tables[0]!;
        let groups = 0;
        await auditTable(table, { rules, onProgress: () => groups++ });
        if (groups === 0) return;
        path = join(mkdtempSync(join(tmpdir(), 'prikk-audit-progress-')), 'table.json');
        writeFileSync(path, JSON.stringify(cellTableToJson(table)));
      }),
      { numRuns: 12, seed: 8 },
    );
    expect(path).toBeDefined();
    const drawn: string[] = [];
    let out = '';
    const code = await runCli(['audit', path!, '--min-count', '5'], { out: (x) => (out += x), err: () => undefined, progress: (x) => drawn.push(x) });
    expect(code).toBe(0);
    expect(out).toMatch(/audit PASSED/);
    expect(drawn.at(-2)).toMatch(/^ {2}(\d+) of \1 hidden cells proved, \d+\.\d s$/);
    expect(drawn.at(-1)).toBe('');
  });
});
