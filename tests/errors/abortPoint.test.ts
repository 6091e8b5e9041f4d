import { describe, expect, it } from 'vitest';
import { abortPoint } from '../../src/errors/abortPoint.js';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { abortedError, throwIfAborted } from '../../src/errors/throwIfAborted.js';

/** Keeps this thread busy for `ms` milliseconds (as an LP on this thread does). */
function busy(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

/** Runs `steps` steps of 5 ms of work, each after `check`; returns how many ran before one threw. */
async function loop(steps: number, check: () => Promise<void>): Promise<{ ran: number; error: unknown }> {
  let ran = 0;
  try {
    for (; ran < steps; ran++) {
      await check();
      busy(5);
    }
    return { ran, error: undefined };
  } catch (error) {
    return { ran, error };
  }
}

describe('abortPoint', () => {
  it('lets a time limit stop work that awaits only settled promises (throwIfAborted alone never sees it)', async () => {
    // The problem: the timer of AbortSignal.timeout runs only in a turn of the event loop, which this loop never gives.
    const blind = AbortSignal.timeout(20);
    const without = await loop(200, async () => throwIfAborted(blind, 'test'));
    expect(without.error).toBeUndefined();
    expect(without.ran).toBe(200);
    // With abort points: stopped soon after the 20 ms, with ABORTED naming the work and the reason.
    const signal = AbortSignal.timeout(20);
    const stopped = await loop(200, () => abortPoint(signal, 'test'));
    expect(stopped.ran).toBeLessThan(200);
    expect(stopped.error).toBeInstanceOf(PrikkError);
    expect((stopped.error as PrikkError).code).toBe('ABORTED');
    expect((stopped.error as PrikkError).message).toBe("test: stopped by the caller's signal (TimeoutError)");
  });

  it('throws for a signal aborted already, and returns at once without a signal', async () => {
    await expect(abortPoint(AbortSignal.abort(), 'audit')).rejects.toMatchObject({ code: 'ABORTED' });
    let turned = false;
    setImmediate(() => (turned = true));
    await abortPoint(undefined, 'audit');
    // No turn of the event loop was taken: the immediate has not run yet.
    expect(turned).toBe(false);
  });

  it('abortedError says what stopped and why, never more', () => {
    const e = abortedError(AbortSignal.abort(), 'suppressCells');
    expect(e.code).toBe('ABORTED');
    expect(e.message).toBe("suppressCells: stopped by the caller's signal (AbortError)");
  });
});
