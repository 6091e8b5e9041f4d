import { randomBytes } from 'node:crypto';
import { lstat, open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PrikkError } from '../errors/PrikkError.js';

/** What a lock file (`<dataset folder>/.lock`) holds: who took the lock and when. */
export interface LedgerLockHolder {
  readonly pid: number;
  readonly host: string;
  /** ISO 8601 time the lock was taken. */
  readonly since: string;
  /** Random id of this holding, so that a process releases only its own lock. */
  readonly token: string;
}

/** The options of {@link acquireLedgerLock}. */
export interface LedgerLockOptions {
  /** Required. How long to wait for another holder, in milliseconds; 0 tries once. */
  readonly timeoutMs: number;
  /** Required. The clock for the holder's `since`. */
  readonly now: () => Date;
  /** Required. The caller's name for messages, e.g. `ReleaseLedger.withLock (dataset 'd')`. */
  readonly what: string;
}

/** A held lock: call `release` exactly once. */
export interface HeldLedgerLock {
  readonly holder: LedgerLockHolder;
  release(): Promise<void>;
}

/** A lock file whose content cannot be read this long after it was last modified is stale (see below). */
const UNREADABLE_STALE_MS = 30_000;
const FIRST_DELAY_MS = 5;
const MAX_DELAY_MS = 100;

/**
 * The tokens of the locks this process holds. Kept on `globalThis` so that two copies of this module (the ESM and
 * CommonJS builds loaded side by side) agree on which locks are this process's own.
 */
const HELD: Set<string> = ((globalThis as Record<symbol, unknown>)[Symbol.for('prikk.ledger.heldLocks')] ??= new Set<string>()) as Set<string>;

/**
 * Takes the exclusive lock of a ledger folder: creates `<folder>/.lock` with `O_CREAT | O_EXCL` (`wx`), which the
 * file system grants to one process only, and writes the holder's pid, host, time and a random token into it.
 * While another process holds it, polls with exponential backoff (5 ms doubling to 100 ms) until `timeoutMs`.
 *
 * A lock is STALE, and is taken over, when its holder is on this host and is not running: its pid does not exist
 * (`kill(pid, 0)` fails with `ESRCH`), or it is this process's pid but not a lock this process holds (a lock left
 * behind by an earlier failure in this process). Taking it over is safe because the ledger is written with
 * temp-file-and-rename steps only: a dead holder is not in the middle of anything that can still change a file; it
 * either renamed its new ledger into place or left temp files, which readers ignore and the next holder deletes. A
 * pid that was reused by an unrelated process looks alive, which only makes us wait (and time out), never break a
 * live lock. A lock from another host is never taken over (its pid cannot be checked): it times out with
 * `LEDGER_LOCKED` naming the host. A lock file whose content cannot be read (its creator died between creating and
 * writing it, a window of microseconds) is stale once it is 30 s old.
 *
 * Two processes that find the same stale lock must not both delete it (the second would delete the first's fresh
 * lock), so a stale lock is removed only while holding `<folder>/.lock.break` (also `wx`), and only after reading
 * the lock again and finding the same holding.
 *
 * Cost: one file creation when the lock is free; otherwise one read per poll.
 *
 * @throws {PrikkError} `LEDGER_LOCKED` when another live process still holds the lock after `timeoutMs`, naming its
 * pid, host and since when; `IO_ERROR` when the lock file cannot be created for another reason (a missing or
 * read-only folder).
 * @example
 * const lock = await acquireLedgerLock('/data/ledger/hip', { timeoutMs: 10_000, now: () => new Date(), what: 'release' });
 * try { ... } finally { await lock.release(); }
 */
export async function acquireLedgerLock(folder: string, options: LedgerLockOptions): Promise<HeldLedgerLock> {
  const path = join(folder, '.lock');
  const deadline = Date.now() + options.timeoutMs;
  let delay = FIRST_DELAY_MS;
  for (;;) {
    const holder: LedgerLockHolder = Object.freeze({
      pid: process.pid,
      host: hostname(),
      since: options.now().toISOString(),
      token: randomBytes(16).toString('hex'),
    });
    // The token is registered before the file exists: another acquirer in this process that reads the new file
    // (same pid) between its creation and this line would otherwise take it for a lock left by an earlier failure
    // and break it, and both would append at once.
    HELD.add(holder.token);
    if (await tryCreate(path, holder, options.what).catch((e: unknown) => {
      HELD.delete(holder.token);
      throw e;
    })) {
      return Object.freeze({ holder, release: () => releaseLock(path, holder.token) });
    }
    HELD.delete(holder.token);
    const found = await readLock(path);
    if (found === undefined) continue; // released between our attempt and the read: try again at once
    if (isStale(found) && (await breakStaleLock(folder, found, options.what))) continue;
    const left = deadline - Date.now();
    if (left <= 0) {
      const who =
        found.holder === undefined
          ? 'a process that has not yet written its name into the lock file'
          : `pid ${found.holder.pid} on host '${found.holder.host}' since ${found.holder.since}`;
      throw new PrikkError(
        'LEDGER_LOCKED',
        `${options.what}: the ledger is locked by ${who}; waited ${options.timeoutMs} ms. If that process is gone, remove ${path}`,
        { file: path },
      );
    }
    await sleep(Math.min(delay, left));
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}

async function tryCreate(path: string, holder: LedgerLockHolder, what: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new PrikkError('IO_ERROR', `${what}: cannot create the lock file ${path}: ${(e as Error).message}`, { file: path });
  }
  try {
    await handle.writeFile(`${JSON.stringify(holder)}\n`);
  } finally {
    await handle.close();
  }
  return true;
}

interface FoundLock {
  /** The holder, when the file could be read and parsed. */
  readonly holder?: LedgerLockHolder;
  readonly raw: string;
  readonly ino: number;
  readonly mtimeMs: number;
}

async function readLock(path: string): Promise<FoundLock | undefined> {
  try {
    const stat = await lstat(path);
    const raw = await readFile(path, 'utf8');
    let holder: LedgerLockHolder | undefined;
    try {
      const v = JSON.parse(raw) as Partial<LedgerLockHolder>;
      if (Number.isInteger(v.pid) && typeof v.host === 'string' && typeof v.since === 'string' && typeof v.token === 'string') {
        holder = v as LedgerLockHolder;
      }
    } catch {
      holder = undefined;
    }
    return holder ? { holder, raw, ino: stat.ino, mtimeMs: stat.mtimeMs } : { raw, ino: stat.ino, mtimeMs: stat.mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function isStale(found: FoundLock): boolean {
  const h = found.holder;
  if (h === undefined) return Date.now() - found.mtimeMs > UNREADABLE_STALE_MS;
  if (h.host !== hostname()) return false;
  if (h.pid === process.pid) return !HELD.has(h.token);
  return !isAlive(h.pid);
}

function sameLock(a: FoundLock, b: FoundLock): boolean {
  return a.raw === b.raw && a.ino === b.ino && a.mtimeMs === b.mtimeMs;
}

async function breakStaleLock(folder: string, stale: FoundLock, what: string): Promise<boolean> {
  const breakPath = join(folder, '.lock.break');
  const breaker: LedgerLockHolder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    token: randomBytes(16).toString('hex'),
  };
  HELD.add(breaker.token); // before the file exists, as in acquireLedgerLock
  if (!(await tryCreate(breakPath, breaker, what).catch((e: unknown) => {
    HELD.delete(breaker.token);
    throw e;
  }))) {
    HELD.delete(breaker.token);
    // Another process is breaking the lock right now (microseconds). If that breaker itself died, remove its file;
    // the race this leaves (two processes removing a dead breaker's file at once) needs two crashes in a row.
    const other = await readLock(breakPath);
    if (other !== undefined && isStale(other)) await unlink(breakPath).catch(() => undefined);
    return false;
  }
  try {
    const again = await readLock(join(folder, '.lock'));
    if (again === undefined) return true;
    if (!sameLock(again, stale)) return false;
    await unlink(join(folder, '.lock')).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    return true;
  } finally {
    HELD.delete(breaker.token);
    await unlink(breakPath).catch(() => undefined);
  }
}

async function releaseLock(path: string, token: string): Promise<void> {
  // The token stays registered until the file is gone: were it dropped first, another acquirer in this process could
  // take the still-present file for a lock left by an earlier failure, break it and create its own, which this
  // unlink would then remove while that acquirer holds it.
  try {
    const found = await readLock(path).catch(() => undefined);
    if (found?.holder?.token === token) await unlink(path);
  } finally {
    HELD.delete(token);
  }
}
