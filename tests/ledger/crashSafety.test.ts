import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LedgerFs, nodeLedgerFs } from '../../src/ledger/LedgerFs.js';
import { ReleaseLedger } from '../../src/ledger/ReleaseLedger.js';
import { verifyLedger } from '../../src/ledger/verifyLedger.js';
import { freshDir, independentlyVerify, releaseRecord } from './helpers.js';

type Op = 'writeFileDurable' | 'rename' | 'fsyncDir' | 'mkdir' | 'unlink';
type Mode = 'before' | 'after' | 'torn';

class Crash extends Error {}

/**
 * A LedgerFs that "crashes" at its `failAt`-th changing operation: throws before doing it, after doing it, or (for
 * a file write) after writing half of it without fsync. From then on every operation throws, as if the process had
 * died: nothing after the crash (no clean-up, no later step) reaches the disk.
 */
function crashingFs(failAt: number, mode: Mode): { fs: LedgerFs; log: string[]; crashed: () => boolean } {
  let count = 0;
  let dead = false;
  const log: string[] = [];
  const guard = async <T>(op: Op, path: string, run: () => Promise<T>, torn?: () => Promise<void>): Promise<T> => {
    if (dead) throw new Crash(`dead: ${op}`);
    count++;
    log.push(`${op} ${path}`);
    if (count === failAt) {
      dead = true;
      if (mode === 'after') await run();
      if (mode === 'torn' && torn) await torn();
      throw new Crash(`crash ${mode} ${op} ${path}`);
    }
    return run();
  };
  const fs: LedgerFs = {
    readFile: (p) => (dead ? Promise.reject(new Crash('dead')) : nodeLedgerFs.readFile(p)),
    readdir: (p) => (dead ? Promise.reject(new Crash('dead')) : nodeLedgerFs.readdir(p)),
    exists: (p) => (dead ? Promise.reject(new Crash('dead')) : nodeLedgerFs.exists(p)),
    writeFileDurable: (p, d) =>
      guard('writeFileDurable', p, () => nodeLedgerFs.writeFileDurable(p, d), async () => {
        const { writeFile } = await import('node:fs/promises');
        await writeFile(p, d.subarray(0, Math.floor(d.length / 2)), { flag: 'wx' });
      }),
    rename: (a, b) => guard('rename', b, () => nodeLedgerFs.rename(a, b)),
    fsyncDir: (p) => guard('fsyncDir', p, () => nodeLedgerFs.fsyncDir(p)),
    mkdir: (p) => guard('mkdir', p, () => nodeLedgerFs.mkdir(p)),
    unlink: (p) => guard('unlink', p, () => nodeLedgerFs.unlink(p)),
  };
  return { fs, log, crashed: () => dead };
}

const FILES = [
  { path: 'manifest.json', content: '{"release":"new"}\n' },
  { path: 'tables/by_region.json', content: '{"cells":[]}\n' },
];

/** A ledger with three lines, written with the real file system. */
async function threeLines(dir: string): Promise<void> {
  const ledger = await ReleaseLedger.open({ dir, dataset: 'hip' });
  await ledger.withLock(async () => {
    for (const id of ['r1', 'r2', 'r3']) await ledger.append(releaseRecord(id, { epsilon: '1/10' }), [{ path: 'manifest.json', content: id }]);
  });
}

/** The ledger bytes before and after appending release `new` (computed with the real file system). */
async function reference(): Promise<{ before: string; after: string; ops: string[]; openOps: number }> {
  const dir = freshDir();
  await threeLines(dir);
  const before = readFileSync(join(dir, 'hip', 'ledger.jsonl'), 'utf8');
  const recording = crashingFs(Number.POSITIVE_INFINITY, 'before');
  const ledger = await ReleaseLedger.open({ dir, dataset: 'hip', fs: recording.fs });
  const opsBefore = recording.log.length;
  await ledger.withLock(() => ledger.append(releaseRecord('new', { epsilon: '1/10' }), FILES));
  return { before, after: readFileSync(join(dir, 'hip', 'ledger.jsonl'), 'utf8'), ops: recording.log.slice(opsBefore), openOps: opsBefore };
}

/** Crash at `failAt` in `mode` while appending release `new`; returns the ledger as a restarted process sees it. */
async function crashAt(failAt: number, mode: Mode, openOps: number): Promise<{ dir: string; crashed: boolean; text: string; lines: number }> {
  const dir = freshDir();
  await threeLines(dir);
  const failing = crashingFs(openOps + failAt, mode);
  const ledger = await ReleaseLedger.open({ dir, dataset: 'hip', fs: failing.fs });
  await ledger.withLock(() => ledger.append(releaseRecord('new', { epsilon: '1/10' }), FILES)).catch((e: unknown) => {
    if (!(e instanceof Error) || !/crash|dead/.test(e.message)) throw e;
  });
  // "Restart": a new object on the real file system.
  const restarted = await ReleaseLedger.open({ dir, dataset: 'hip' });
  const records = await restarted.records();
  return { dir, crashed: failing.crashed(), text: readFileSync(join(dir, 'hip', 'ledger.jsonl'), 'utf8'), lines: records.length };
}

describe('ReleaseLedger: a crash at any step leaves the old or the new ledger', () => {
  it('the append takes the expected steps (temp write, fsync, rename, folder fsync)', async () => {
    const { ops } = await reference();
    // The protocol: each stored file to a temp file (written and fsynced), renamed into place; the new folders
    // fsynced deepest first; then the whole ledger to a temp file, renamed over ledger.jsonl, the folder fsynced.
    expect(ops.map((o) => o.replace(/^(\w+) .*?\/hip/, '$1 ').replace(/\.[0-9a-f]{24}\./, '.<random>.'))).toEqual([
      'mkdir /releases/new',
      'writeFileDurable /.store.<random>.tmp',
      'rename /releases/new/manifest.json',
      'mkdir /releases/new/tables',
      'writeFileDurable /.store.<random>.tmp',
      'rename /releases/new/tables/by_region.json',
      'fsyncDir /releases/new/tables',
      'fsyncDir /releases/new',
      'fsyncDir /releases',
      'writeFileDurable /.ledger.jsonl.<random>.tmp',
      'rename /ledger.jsonl',
      'fsyncDir ',
    ]);
  });

  it('named points: after the temp write and before the rename → old; after the rename before the folder fsync → new', async () => {
    const { before, after, ops, openOps } = await reference();
    const ledgerWrite = ops.length - 2; // 1-based index of the ledger's temp write
    const afterTempWrite = await crashAt(ledgerWrite, 'after', openOps);
    expect(afterTempWrite.text).toBe(before);
    const beforeRename = await crashAt(ledgerWrite + 1, 'before', openOps);
    expect(beforeRename.text).toBe(before);
    const afterRename = await crashAt(ledgerWrite + 2, 'before', openOps);
    expect(afterRename.text).toBe(after);
    expect(afterRename.lines).toBe(4);
  });

  it('at every step, before, after, or mid-write: the ledger verifies and is byte-for-byte the old or the new one', async () => {
    const { before, after, ops, openOps } = await reference();
    let olds = 0;
    let news = 0;
    for (let step = 1; step <= ops.length; step++) {
      for (const mode of ['before', 'after', 'torn'] as const) {
        if (mode === 'torn' && !ops[step - 1]!.startsWith('writeFileDurable')) continue;
        const result = await crashAt(step, mode, openOps);
        const where = `${mode} step ${step} (${ops[step - 1]})`;
        expect(result.crashed, where).toBe(true);
        expect([before, after], where).toContain(result.text);
        expect(independentlyVerify(result.text).ok, where).toBe(true);
        const v = await verifyLedger({ dir: result.dir, dataset: 'hip' });
        expect(v.ok, `${where}: ${v.problem}`).toBe(true);
        // No temp file survives the restart (the new process took the lock on open and cleaned up).
        expect(readdirSync(join(result.dir, 'hip')).filter((n) => n.endsWith('.tmp')), where).toEqual([]);
        if (result.text === after) {
          news++;
          const ledger = await ReleaseLedger.open({ dir: result.dir, dataset: 'hip' });
          expect(new TextDecoder().decode(await ledger.readStored('new', 'tables/by_region.json'))).toBe(FILES[1]!.content);
        } else {
          olds++;
        }
        // The ledger goes on: the next append (with a fresh release id) succeeds.
        const ledger = await ReleaseLedger.open({ dir: result.dir, dataset: 'hip' });
        await ledger.withLock(() => ledger.append(releaseRecord('next'), [{ path: 'manifest.json', content: 'n' }]));
        expect((await verifyLedger({ dir: result.dir, dataset: 'hip' })).ok, where).toBe(true);
      }
    }
    // Only a crash after the ledger's rename leaves the new one (after the rename, or before/after the folder fsync).
    expect(news).toBe(3);
    expect(olds).toBeGreaterThan(10);
  });
});
