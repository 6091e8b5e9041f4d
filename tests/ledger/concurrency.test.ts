import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { ReleaseLedger } from '../../src/ledger/ReleaseLedger.js';
import { verifyLedger } from '../../src/ledger/verifyLedger.js';
import { caught, freshDir, independentlyVerify, releaseRecord } from './helpers.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'appendMany.ts');

function child(args: string[]): { proc: ChildProcess; ready: Promise<void>; exit: Promise<{ code: number | null; err: string }> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', FIXTURE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve();
    });
    proc.on('exit', () => reject(new Error(`child exited before it was ready: ${err}`)));
  });
  const exit = new Promise<{ code: number | null; err: string }>((resolve) => {
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('exit', (code) => resolve({ code, err }));
  });
  return { proc, ready, exit };
}

/** The pid of a process that has exited (checked: signalling it fails with ESRCH). */
function deadPid(): number {
  for (;;) {
    const pid = spawnSync(process.execPath, ['-e', '0']).pid;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
}

function writeLock(folder: string, holder: { pid: number; host: string; since: string; token: string } | string): void {
  writeFileSync(join(folder, '.lock'), typeof holder === 'string' ? holder : `${JSON.stringify(holder)}\n`);
}

describe('ReleaseLedger: two processes append at the same time', () => {
  it('two child processes, 20 lines each → 40 lines, the chain verifies, each child\'s lines in its order', async () => {
    const dir = freshDir();
    const go = join(dir, 'go');
    const a = child([dir, 'hip', 'a', '20', go]);
    const b = child([dir, 'hip', 'b', '20', go]);
    await Promise.all([a.ready, b.ready]);
    writeFileSync(go, ''); // both start appending now
    const [ea, eb] = await Promise.all([a.exit, b.exit]);
    expect(ea, ea.err).toMatchObject({ code: 0 });
    expect(eb, eb.err).toMatchObject({ code: 0 });
    const ledger = await ReleaseLedger.open({ dir, dataset: 'hip' });
    const records = await ledger.records();
    expect(records).toHaveLength(40);
    expect(independentlyVerify(readFileSync(join(ledger.folder, 'ledger.jsonl'), 'utf8'))).toEqual({ ok: true, lines: 40 });
    for (const tag of ['a', 'b']) {
      expect(records.filter((r) => r.recipient === tag).map((r) => r.releaseId)).toEqual(Array.from({ length: 20 }, (_, i) => `${tag}-${i}`));
    }
    expect(await verifyLedger({ dir, dataset: 'hip' })).toEqual({ ok: true, records: 40, unlisted: [] });
    expect(existsSync(join(ledger.folder, '.lock'))).toBe(false);
  });

  it('in one process, concurrent withLock calls take turns', async () => {
    const dir = freshDir();
    const one = await ReleaseLedger.open({ dir, dataset: 'hip' });
    const two = await ReleaseLedger.open({ dir, dataset: 'hip' });
    const run = (ledger: ReleaseLedger, tag: string) => async () => {
      for (let i = 0; i < 12; i++) await ledger.withLock(() => ledger.append(releaseRecord(`${tag}${i}`)));
    };
    await Promise.all([run(one, 'a')(), run(two, 'b')(), run(one, 'c')()]);
    expect(await one.records()).toHaveLength(36);
  });
});

describe('ReleaseLedger: the lock', () => {
  it('a stale lock (its pid is dead on this host) is taken over, and released after', async () => {
    const ledger = await ReleaseLedger.open({ dir: freshDir(), dataset: 'hip' });
    writeLock(ledger.folder, { pid: deadPid(), host: hostname(), since: '2025-01-01T00:00:00.000Z', token: 'dead' });
    await ledger.withLock(() => ledger.append(releaseRecord('r1')), { timeoutMs: 0 });
    expect(await ledger.records()).toHaveLength(1);
    expect(existsSync(join(ledger.folder, '.lock'))).toBe(false);
  });

  it('a lock with this process\'s pid that this process does not hold (left by an earlier failure) is taken over', async () => {
    const ledger = await ReleaseLedger.open({ dir: freshDir(), dataset: 'hip' });
    writeLock(ledger.folder, { pid: process.pid, host: hostname(), since: '2025-01-01T00:00:00.000Z', token: 'old' });
    expect(await ledger.withLock(() => Promise.resolve(7), { timeoutMs: 0 })).toBe(7);
  });

  it('a live foreign lock times out with LEDGER_LOCKED naming its pid and since when, and is left alone', async () => {
    const ledger = await ReleaseLedger.open({ dir: freshDir(), dataset: 'hip' });
    // The parent process (the test runner) is alive and is not this process.
    const holder = { pid: process.ppid, host: hostname(), since: '2025-01-01T00:00:00.000Z', token: 'live' };
    writeLock(ledger.folder, holder);
    let ran = false;
    const e = await caught(
      ledger.withLock(async () => {
        ran = true;
      }, { timeoutMs: 40 }),
    );
    expect(ran).toBe(false);
    expect(e).toBeInstanceOf(PrikkError);
    expect(e.code).toBe('LEDGER_LOCKED');
    expect(e.message).toContain(`pid ${process.ppid}`);
    expect(e.message).toContain('since 2025-01-01T00:00:00.000Z');
    expect(JSON.parse(readFileSync(join(ledger.folder, '.lock'), 'utf8'))).toEqual(holder);
  });

  it('a lock from another host is never taken over, even with a dead pid; an unwritten lock file is waited for', async () => {
    const ledger = await ReleaseLedger.open({ dir: freshDir(), dataset: 'hip' });
    writeLock(ledger.folder, { pid: deadPid(), host: `not-${hostname()}`, since: '2025-01-01T00:00:00.000Z', token: 't' });
    const e = await caught(ledger.withLock(() => Promise.resolve(), { timeoutMs: 0 }));
    expect(e).toMatchObject({ code: 'LEDGER_LOCKED' });
    expect(e.message).toContain(`host 'not-${hostname()}'`);
    writeLock(ledger.folder, '');
    const empty = await caught(ledger.withLock(() => Promise.resolve(), { timeoutMs: 0 }));
    expect(empty).toMatchObject({ code: 'LEDGER_LOCKED' });
    expect(empty.message).toMatch(/not yet written/);
  });

  it('is released when fn throws, is re-entrant in its context, and append needs it', async () => {
    const ledger = await ReleaseLedger.open({ dir: freshDir(), dataset: 'hip' });
    await expect(ledger.withLock(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(join(ledger.folder, '.lock'))).toBe(false);
    await ledger.withLock(() => ledger.withLock(() => ledger.append(releaseRecord('r1')), { timeoutMs: 0 }));
    expect(await ledger.records()).toHaveLength(1);
    // Started inside the lock but run after it was released: the context is inherited, the lock is not.
    let later: Promise<unknown> = Promise.resolve();
    await ledger.withLock(async () => {
      later = new Promise((resolve) => setTimeout(resolve, 5)).then(() => ledger.append(releaseRecord('r2')));
    });
    await expect(later).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await ledger.records()).toHaveLength(1);
    await expect(ledger.withLock(() => Promise.resolve(), { timeoutMs: -1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
