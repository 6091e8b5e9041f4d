/**
 * Exit codes of the `prikk` command. Scripts can rely on them.
 * - 0: done.
 * - 1: the input or the policy is wrong (a `PrikkError`: malformed CSV, unknown code, bad option value).
 * - 2: the command line is wrong (unknown command or option, missing argument).
 * - 3: a protection check failed (an audit found a hidden cell that can be recovered); nothing was released.
 * - 70: a bug in prikk (an unexpected exception); please report it.
 */
export const EXIT = Object.freeze({ ok: 0, input: 1, usage: 2, auditFailed: 3, internal: 70 });
