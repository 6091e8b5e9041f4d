import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { CellTable } from '../../../src/aggregate/CellTable.js';
import { auditTable } from '../../../src/audit/auditTable.js';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import { frequencyRule } from '../../../src/protect/suppression/rules/frequencyRule.js';
import { suppressCells } from '../../../src/protect/suppression/suppressCells.js';
import type { SuppressionProgress } from '../../../src/protect/suppression/SuppressionProgress.js';
import { repairTables } from './repairTables.js';
import { rejection } from '../../rejection.js';
import { flat, makeTable } from '../../audit/tableHelpers.js';

/**
 * `SuppressionPolicy.onProgress` reports each step as it starts, in an order the result's counters confirm, with
 * counts only; `signal` stops the work with `ABORTED` and no result at whatever step it is aborted, and the next
 * call runs as if nothing had happened.
 */
const rules = [frequencyRule({ n: 5 })];
const saved = { threads: process.env.PRIKK_THREADS, min: process.env.PRIKK_POOL_MIN_COLUMNS };
afterEach(() => {
  for (const [k, v] of [['PRIKK_THREADS', saved.threads], ['PRIKK_POOL_MIN_COLUMNS', saved.min]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
const KEYS = ['audits', 'elapsedMs', 'failures', 'hidden', 'proved', 'round', 'step', 'toProve'];

function statuses(t: CellTable): string[] {
  return Array.from({ length: t.cellCount }, (_, c) => t.statusOf(c));
}

/** The sdcTable example (region A-D × gender with totals; issue 3's reference table). */
function sdcExample(): CellTable {
  return makeTable(
    [
      { name: 'region', hierarchy: flat('Total', ['A', 'B', 'C', 'D']) },
      { name: 'gender', hierarchy: flat('Total', ['male', 'female']) },
    ],
    [18, 2, 14, 19, 12, 10, 11, 14],
  );
}

/**
 * A run of `t` with `abortAt(k, controller)` called at each step k as it is reported, against its run without a
 * signal: how many steps that run reported (`steps`), and whether the stopped run left the next one unchanged.
 */
async function stoppedRun(t: CellTable, pick: number, abortAt: (controller: AbortController) => void): Promise<{ outcome: Promise<unknown>; seen: () => number; at: number; same: () => Promise<boolean> }> {
  let steps = 0;
  const before = await suppressCells(t, { rules, onProgress: () => steps++ });
  const at = pick % steps;
  const controller = new AbortController();
  let seen = 0;
  const outcome = suppressCells(t, {
    rules,
    signal: controller.signal,
    onProgress: () => {
      if (seen++ === at) abortAt(controller);
    },
  });
  const same = async (): Promise<boolean> => {
    const after = await suppressCells(t, { rules });
    return statuses(after.tables[0]!).join() === statuses(before.tables[0]!).join();
  };
  return { outcome, seen: () => seen, at, same };
}

describe('suppressCells progress', () => {
  it('reports the elimination, every repair round and every audit, in order, with counts only', async () => {
    let withRounds = 0;
    let proving = 0;
    await fc.assert(
      fc.asyncProperty(repairTables, async (t) => {
        const events: SuppressionProgress[] = [];
        const r = await suppressCells(t, { rules, onProgress: (p) => events.push(p) });
        const plain = await suppressCells(t, { rules });
        expect(statuses(r.tables[0]!)).toEqual(statuses(plain.tables[0]!));
        const loop = r.loop!;
        expect(events[0]).toMatchObject({ step: 'secondary', round: 0, audits: 0, failures: 0 });
        const repairs = events.filter((e) => e.step === 'repairs');
        const audits = events.filter((e) => e.step === 'audit');
        expect(repairs.map((e) => e.round)).toEqual(Array.from({ length: loop.rounds }, (_, i) => i + 1));
        expect(audits.map((e) => e.audits)).toEqual(Array.from({ length: loop.audits }, (_, i) => i + 1));
        expect(repairs.every((e) => e.failures >= 1)).toBe(true);
        // Between an audit's start and the next step, its progress: the same audit, never back, up to the total.
        events.forEach((e, i) => {
          if (e.step !== 'proving') return;
          const before = events[i - 1]!;
          expect(['audit', 'proving']).toContain(before.step);
          expect(e.audits).toBe(before.audits);
          expect(e.hidden).toBe(before.hidden);
          expect(e.proved).toBeLessThanOrEqual(e.toProve);
          if (before.step === 'proving') expect(e.proved).toBeGreaterThanOrEqual(before.proved);
          const next = events[i + 1];
          if (next?.step !== 'proving') expect(e.proved).toBe(e.toProve);
        });
        if (events.some((e) => e.step === 'proving')) proving++;
        if (loop.rounds > 0) withRounds++;
        // The last step is the audit of the result's pattern (its start, or its progress).
        const last = events[events.length - 1]!;
        expect(['audit', 'proving']).toContain(last.step);
        expect(last.audits).toBe(loop.audits);
        expect(last.hidden).toBe(r.primaryCount + r.secondaryCount);
        for (let i = 0; i < events.length; i++) {
          expect(Object.keys(events[i]!).sort()).toEqual(KEYS);
          expect(events[i]!.hidden).toBeGreaterThanOrEqual(r.primaryCount);
          if (i > 0) expect(events[i]!.elapsedMs).toBeGreaterThanOrEqual(events[i - 1]!.elapsedMs);
        }
      }),
      { numRuns: 15, seed: 20261124 },
    );
    expect(withRounds).toBeGreaterThan(0);
    expect(proving).toBeGreaterThan(0);
  });

  it('reports the optimal search after the fast pattern: its start, each cell its cleanup publishes, each MIP round', async () => {
    let seen = 0;
    await fc.assert(
      fc.asyncProperty(repairTables, async (t) => {
        const events: SuppressionProgress[] = [];
        const r = await suppressCells(t, { rules, method: 'optimal', optimalTimeLimit: 20, onProgress: (p) => events.push(p) });
        const steps = events.map((e) => e.step);
        expect(steps[0]).toBe('secondary');
        const first = steps.indexOf('optimal');
        expect(first).toBeGreaterThan(steps.indexOf('audit'));
        const o = r.optimal!;
        const optimal = events.filter((e) => e.step === 'optimal');
        expect(optimal).toHaveLength(1 + o.republished + o.rounds);
        // The cleanup's events come before the MIP's, each one cell fewer hidden; then the MIP rounds 1, 2, ...
        const cleanup = optimal.slice(0, 1 + o.republished);
        expect(cleanup.map((e) => e.hidden)).toEqual(cleanup.map((_, i) => cleanup[0]!.hidden - i));
        expect(optimal.slice(1 + o.republished).map((e) => e.round)).toEqual(Array.from({ length: o.rounds }, (_, i) => i + 1));
        seen += o.republished;
      }),
      { numRuns: 6, seed: 5 },
    );
    expect(seen).toBeGreaterThan(0);
  });
});

describe('suppressCells signal', () => {
  it('stops with ABORTED at whichever step it is aborted, and the next call gives the same pattern', async () => {
    let inAudit = 0;
    await fc.assert(
      fc.asyncProperty(repairTables, fc.nat(), async (t, pick) => {
        const run = await stoppedRun(t, pick, (controller) => controller.abort());
        const e = await rejection(run.outcome);
        expect(e.code).toBe('ABORTED');
        expect(e.message).toMatch(/stopped by the caller's signal \(AbortError\)$/);
        if (e.message.startsWith('audit:')) inAudit++;
        // Nothing else fired after the abort, and the pool and caches are as good as before.
        expect(run.seen()).toBe(run.at + 1);
        expect(await run.same()).toBe(true);
      }),
      { numRuns: 20, seed: 11 },
    );
    // Some aborts were caught by the audit's own check before an LP, not only between steps.
    expect(inAudit).toBeGreaterThan(0);
  });

  it('stops while LPs run on the worker threads, and leaves the pool working', async () => {
    process.env.PRIKK_THREADS = '2';
    process.env.PRIKK_POOL_MIN_COLUMNS = '1';
    let aborted = 0;
    await fc.assert(
      fc.asyncProperty(repairTables, fc.nat(), async (t, pick) => {
        // Aborted from the event loop once the step has begun, so usually while its LPs wait for a worker's reply.
        const run = await stoppedRun(t, pick, (controller) => setImmediate(() => controller.abort()));
        try {
          await run.outcome;
        } catch (e) {
          expect(e).toBeInstanceOf(PrikkError);
          expect((e as PrikkError).code).toBe('ABORTED');
          aborted++;
        }
        expect(await run.same()).toBe(true);
      }),
      { numRuns: 10, seed: 12 },
    );
    // A run whose last step needed no wait may end before the immediate fires; most are stopped.
    expect(aborted).toBeGreaterThan(0);
  });

  it('does nothing when aborted before the call, and names a time limit as such', async () => {
    let called = false;
    const e = await rejection(suppressCells(sdcExample(), { rules, signal: AbortSignal.abort(new DOMException('limit', 'TimeoutError')), onProgress: () => (called = true) }));
    expect(e.code).toBe('ABORTED');
    expect(e.message).toBe("suppressCells: stopped by the caller's signal (TimeoutError)");
    expect(called).toBe(false);
  });

  it('rejects a signal that is not an AbortSignal and a progress callback that is not a function', async () => {
    await expect(suppressCells(sdcExample(), { rules, signal: {} as AbortSignal })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('policy.signal') });
    await expect(suppressCells(sdcExample(), { rules, onProgress: 3 as unknown as () => void })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('policy.onProgress') });
  });

  it('stops a stand-alone audit too', async () => {
    const r = await suppressCells(sdcExample(), { rules: [frequencyRule({ n: 3 })] });
    const e = await rejection(auditTable(r.tables[0]!, { rules: [frequencyRule({ n: 3 })], signal: AbortSignal.abort() }));
    expect(e.code).toBe('ABORTED');
    expect(e.message).toMatch(/^auditTable: /);
    await expect(auditTable(r.tables[0]!, { rules: [frequencyRule({ n: 3 })], signal: 'soon' as unknown as AbortSignal })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((await auditTable(r.tables[0]!, { rules: [frequencyRule({ n: 3 })], signal: new AbortController().signal })).passed).toBe(true);
  });
});
