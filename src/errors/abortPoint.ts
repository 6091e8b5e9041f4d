import { throwIfAborted } from './throwIfAborted.js';

/**
 * How long work may run between two turns of the event loop at {@link abortPoint}s, in milliseconds. A timer (the
 * `AbortSignal.timeout` of a time limit) or an event that aborts a signal runs only in a turn of the event loop, so
 * work that never yields is never stopped, however often it checks the signal: a loop of LPs on this thread, each a
 * few milliseconds, awaits only settled promises (measured: `prikk audit --time-limit` on a 5-dimensional table ran
 * minutes past its limit). 50 ms keeps the lag of a stop small at a cost of well under 1 % (a turn costs
 * microseconds).
 * @internal
 */
export const ABORT_POINT_TURN_MS = 50;

let lastTurn = 0;

/**
 * A point where long work can be stopped: when `signal` is given and {@link ABORT_POINT_TURN_MS} have passed since
 * the last turn, lets the event loop turn (timers and events run, so a time limit that has passed aborts `signal`),
 * then throws `PrikkError` `ABORTED` when `signal` is aborted (see `throwIfAborted`). Without a signal it returns
 * at once (no turn: nothing could stop the work).
 *
 * Cost: O(1); a turn of the event loop (a `setTimeout(0)`, about 1 ms) at most every 50 ms.
 * @throws {PrikkError} `ABORTED` (as a rejection).
 * @example
 * for (const core of cores) {
 *   await abortPoint(signal, 'audit');
 *   solve(core);
 * }
 * @internal
 */
export async function abortPoint(signal: AbortSignal | undefined, what: string): Promise<void> {
  if (signal === undefined) return;
  const now = Date.now();
  if (now - lastTurn >= ABORT_POINT_TURN_MS) {
    // A timer, not setImmediate: the timers phase comes first, so a time limit already passed fires before this
    // resumes.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    lastTurn = Date.now();
  }
  throwIfAborted(signal, what);
}
