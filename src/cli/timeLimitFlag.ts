import { PrikkError } from '../errors/PrikkError.js';
import { UsageError } from './UsageError.js';

/**
 * The signal of `--time-limit <seconds>`: aborted that many seconds from now (its timer never keeps the process
 * alive), or undefined without the flag. The work it is given stops at its next step with `ABORTED` (exit code 5),
 * and nothing is released.
 *
 * Cost: O(1).
 * @throws {UsageError} when the value is not a number of seconds > 0.
 * @example
 * timeLimitFlag('600')   // AbortSignal.timeout(600_000)
 * timeLimitFlag(undefined) // undefined
 */
export function timeLimitFlag(text: string | undefined): AbortSignal | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`--time-limit: expected a number of seconds > 0, got '${text}'`);
  }
  return AbortSignal.timeout(Math.ceil(seconds * 1000));
}

/**
 * An `ABORTED` error of work run under `--time-limit <text>` said in the command line's words (`--time-limit 600 s
 * ran out: nothing was released`); any other error as it is.
 *
 * Cost: O(1).
 * @example
 * throw timeLimitError(error, values['time-limit'], 'nothing was released')
 */
export function timeLimitError(error: unknown, text: string | undefined, outcome: string): unknown {
  if (text === undefined || !(error instanceof PrikkError) || error.code !== 'ABORTED') return error;
  return new PrikkError('ABORTED', `--time-limit ${text} s ran out: ${outcome}`);
}
