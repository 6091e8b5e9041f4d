import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { EXIT, exitCodeOf } from '../../src/cli/exitCodes.js';
import { timeLimitError, timeLimitFlag } from '../../src/cli/timeLimitFlag.js';
import { UsageError } from '../../src/cli/UsageError.js';
import { PrikkError } from '../../src/errors/PrikkError.js';

describe('--time-limit', () => {
  it('gives a signal that aborts after the seconds given, as a time-out', async () => {
    expect(timeLimitFlag(undefined)).toBeUndefined();
    const signal = timeLimitFlag('0.01')!;
    expect(signal.aborted).toBe(false);
    await sleep(60);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).name).toBe('TimeoutError');
    // A long limit has not run out.
    expect(timeLimitFlag('3600')!.aborted).toBe(false);
  });

  it('refuses what is not a number of seconds > 0', () => {
    for (const bad of ['', ' ', '0', '-1', 'ten', 'Infinity', 'NaN']) expect(() => timeLimitFlag(bad)).toThrow(UsageError);
  });

  it('says a stop in the command line\'s words, exit code 5, and leaves other errors alone', () => {
    const stopped = timeLimitError(new PrikkError('ABORTED', "release: stopped by the caller's signal (TimeoutError)"), '600', 'nothing was released');
    expect(stopped).toBeInstanceOf(PrikkError);
    expect((stopped as PrikkError).message).toBe('--time-limit 600 s ran out: nothing was released');
    expect(exitCodeOf((stopped as PrikkError).code)).toBe(EXIT.stopped);
    expect(EXIT.stopped).toBe(5);
    const other = new PrikkError('INVALID_VALUE', 'x');
    expect(timeLimitError(other, '600', 'nothing was released')).toBe(other);
    // Without the flag the signal was the caller's own: the error stays as it was.
    const aborted = new PrikkError('ABORTED', 'y');
    expect(timeLimitError(aborted, undefined, 'z')).toBe(aborted);
  });

  it('is a usage error on the command line when malformed', async () => {
    let err = '';
    const code = await runCli(['audit', 'table.json', '--min-count', '3', '--time-limit', 'soon'], { out: () => undefined, err: (t) => (err += t) });
    expect(code).toBe(EXIT.usage);
    expect(err).toContain("--time-limit: expected a number of seconds > 0, got 'soon'");
  });
});
