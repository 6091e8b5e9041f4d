import { afterAll, describe, expect, it } from 'vitest';
import type { CoreLp } from '../../src/audit/CoreLp.js';
import { HighsPool } from '../../src/audit/HighsPool.js';
import { loadHighs } from '../../src/audit/loadHighs.js';
import { localCoreLp } from '../../src/audit/localCoreLp.js';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { optimal, transportLp as transport, unitCost as unit } from './transportLp.js';

// The transport polytope of transportLp: max t[0][0] = min(10, 7) = 7 and max t[3][3] = min(5, 9) = 5 by hand.

const pool = new HighsPool({ size: 1 });
afterAll(async () => {
  await pool.close();
});

async function models(): Promise<[string, CoreLp][]> {
  const highs = await loadHighs();
  return [
    ['here', localCoreLp(highs, transport(), 'local')],
    ['in a worker', pool.createModel(transport(), 'pooled')],
  ];
}

describe('CoreLp: an iteration limit', () => {
  it('stops a warm solve that needs more iterations, holds for that solve only, and never limits a cold one', async () => {
    for (const [where, lp] of await models()) {
      // Cold (the first solve): not limited, however small the limit.
      const first = optimal(await lp.solve({ costs: unit(0), sense: 'max', iterationLimit: 0 }));
      expect(first.colValue[0], where).toBeCloseTo(7, 9);
      // Warm, to the far corner: the basis must change, so a limit of 0 iterations stops it.
      const stopped = await lp.solve({ costs: unit(15), sense: 'max', iterationLimit: 0 });
      expect(stopped.kind, where).toBe('iterationLimit');
      // The limit held for that solve only: the same LP without one reaches the optimum.
      const again = optimal(await lp.solve({ costs: unit(15), sense: 'max' }));
      expect(again.colValue[15], where).toBeCloseTo(5, 9);
      // A limit the solve does not reach changes nothing.
      const roomy = optimal(await lp.solve({ costs: unit(0), sense: 'max', iterationLimit: 1000 }));
      expect(roomy.colValue[0], where).toBeCloseTo(7, 9);
      // Cold again (asked for): not limited.
      const cold = optimal(await lp.solve({ costs: unit(15), sense: 'max', cold: true, iterationLimit: 0 }));
      expect(cold.colValue[15], where).toBeCloseTo(5, 9);
      lp.dispose();
    }
  });
});

describe('HighsPool: a solve given up on', () => {
  it('rejects at once with ABORTED when its signal aborts, and the model answers later solves', async () => {
    const lp = pool.createModel(transport(), 'pooled');
    const controller = new AbortController();
    const pending = lp.solve({ costs: unit(0), sense: 'max', signal: controller.signal });
    controller.abort();
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PrikkError);
    expect((error as PrikkError).code).toBe('ABORTED');
    // The worker finished that LP and dropped its answer; the model is still there.
    const next = optimal(await lp.solve({ costs: unit(15), sense: 'max' }));
    expect(next.colValue[15]).toBeCloseTo(5, 9);
    // Already aborted: rejected without being sent.
    await expect(lp.solve({ costs: unit(0), sense: 'max', signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ABORTED' });
    lp.dispose();
  });

  it('gives up on every solve waiting on one signal, with one listener on it however many wait', async () => {
    const lps = Array.from({ length: 20 }, (_, i) => pool.createModel(transport(), `pooled ${i}`));
    const controller = new AbortController();
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const pending = lps.map((lp) => lp.solve({ costs: unit(0), sense: 'max', signal: controller.signal }).then(() => 'solved', (e: PrikkError) => e.code));
      controller.abort();
      // Each was either answered before the abort reached it or given up on; none hangs.
      for (const outcome of await Promise.all(pending)) expect(['solved', 'ABORTED']).toContain(outcome);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
      for (const lp of lps) lp.dispose();
    }
  });
});
