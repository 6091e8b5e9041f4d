/**
 * Exit codes of the `prikk` command. Scripts can rely on them.
 * - 0: done.
 * - 1: the input or the policy is wrong (a `PrikkError`: malformed CSV, unknown code, bad option value).
 * - 2: the command line is wrong (unknown command or option, missing argument).
 * - 3: a protection check failed (an audit found a hidden cell that can be recovered); nothing was released.
 * - 4: the ledger refused the release (budget exceeded, extract changed, ledger locked or corrupt); nothing was released.
 * - 5: stopped by `--time-limit` before the work was done; nothing was released.
 * - 70: a bug in prikk (an unexpected exception); please report it.
 */
export const EXIT = Object.freeze({ ok: 0, input: 1, usage: 2, auditFailed: 3, refused: 4, stopped: 5, internal: 70 });

/** The exit code of a `PrikkError` code: protection failures 3, ledger refusals 4, stopped 5, else 1 (bad input). */
export function exitCodeOf(code: string): number {
  if (code === 'ABORTED') return EXIT.stopped;
  if (code === 'PROTECTION_FAILED') return EXIT.auditFailed;
  if (code === 'BUDGET_EXCEEDED' || code === 'DATASET_CHANGED' || code === 'LEDGER_LOCKED' || code === 'LEDGER_CORRUPT') return EXIT.refused;
  return EXIT.input;
}
