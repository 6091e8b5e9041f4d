import { PrikkError } from './PrikkError.js';

/**
 * Throws `PrikkError` `ABORTED` when `signal` has been aborted; does nothing without a signal. Long computations
 * (secondary suppression, the audit) call it between their steps and before each LP, so that a caller's time limit
 * (`AbortSignal.timeout(ms)`) or cancellation stops them at the next step instead of at the end. The message names
 * what stopped and why (the abort reason's name: `TimeoutError`, `AbortError`), never a value of the work.
 *
 * Cost: O(1).
 * @throws {PrikkError} `ABORTED`.
 * @example
 * throwIfAborted(AbortSignal.abort(), 'suppressCells')
 * // PrikkError ABORTED: "suppressCells: stopped by the caller's signal (AbortError)"
 */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw abortedError(signal, what);
}

/**
 * The `PrikkError` `ABORTED` that {@link throwIfAborted} throws for an aborted `signal`, for work that stops by
 * rejecting (a worker's LP given up on).
 *
 * Cost: O(1).
 * @example
 * abortedError(AbortSignal.abort(), 'audit').message // "audit: stopped by the caller's signal (AbortError)"
 */
export function abortedError(signal: AbortSignal, what: string): PrikkError {
  return new PrikkError('ABORTED', `${what}: stopped by the caller's signal (${reasonName(signal.reason)})`);
}

/** The reason's error name (`TimeoutError`, `AbortError`), or its type: a reason may carry anything. */
function reasonName(reason: unknown): string {
  return reason instanceof Error ? reason.name : typeof reason;
}

/**
 * Checks that an option meant to be an `AbortSignal` is one (or absent), so a wrong value fails at once rather than
 * never stopping anything.
 *
 * Cost: O(1).
 * @throws {PrikkError} `INVALID_ARGUMENT` naming `what`.
 * @example
 * checkSignal({}, 'suppressCells: policy.signal') // throws: expected an AbortSignal
 */
export function checkSignal(signal: unknown, what: string): void {
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new PrikkError('INVALID_ARGUMENT', `${what}: expected an AbortSignal, got ${signal === null ? 'null' : typeof signal}`);
  }
}
