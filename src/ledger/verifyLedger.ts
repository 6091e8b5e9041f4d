import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PrikkError } from '../errors/PrikkError.js';
import { checkLedgerName } from './checkLedgerName.js';
import type { LedgerRecord } from './LedgerRecord.js';
import { parseLedger } from './parseLedger.js';

/** The options of {@link verifyLedger}. */
export interface VerifyLedgerOptions {
  /** Required. The ledger folder (holding one folder per dataset). */
  readonly dir: string;
  /** Required. The dataset whose ledger to verify. */
  readonly dataset: string;
}

/** What {@link verifyLedger} found. */
export interface LedgerVerification {
  /** True when the chain verifies and every stored file has its recorded sha256. */
  readonly ok: boolean;
  /** How many lines verified (all of them when `ok`). */
  readonly records: number;
  /** The first problem, for people. */
  readonly problem?: string;
  /** 1-based ledger line of the problem (for a stored file: the line of its release). */
  readonly line?: number;
  /** The file of the problem: `ledger.jsonl`, or a stored file (relative to the dataset folder). */
  readonly file?: string;
  /**
   * Files under `releases/` that no line lists (relative to the dataset folder). A crash between storing a release's
   * files and appending its line leaves these, so they do not make `ok` false; but they are also what remains when
   * the last lines of a ledger were deleted, so look at them.
   */
  readonly unlisted: readonly string[];
}

/**
 * Verifies one dataset's ledger without changing anything: the hash chain line by line (see `parseLedger`), then
 * every stored file of every release against the sha256 its line recorded, and lists stored files no line refers
 * to. Read-only: takes no lock and creates nothing (a release being appended meanwhile is either seen whole or not).
 *
 * Cost: one read of the ledger and of every stored file, O(total size).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a missing `dir` or a dataset name that is not a safe folder name;
 * `IO_ERROR` when a file exists but cannot be read. Corruption is reported in the result, not thrown.
 * @example
 * await verifyLedger({ dir: './ledger', dataset: 'hip' }) // { ok: true, records: 3, unlisted: [] }
 * // after editing line 2: { ok: false, records: 1, problem: "the line's hash does not match its content ...", line: 2, file: 'ledger.jsonl', unlisted: [] }
 */
export async function verifyLedger(options: VerifyLedgerOptions): Promise<LedgerVerification> {
  if (typeof options?.dir !== 'string' || options.dir.length === 0) {
    throw new PrikkError('INVALID_ARGUMENT', 'verifyLedger: dir: expected the ledger folder, a non-empty path');
  }
  const dataset = checkLedgerName(options.dataset, 'verifyLedger: dataset');
  const folder = join(resolve(options.dir), dataset);
  if (!(await isDirectory(folder))) {
    return Object.freeze({ ok: false, records: 0, problem: `there is no ledger of dataset '${dataset}' in ${resolve(options.dir)}`, unlisted: [] });
  }
  const bytes = await readOrEmpty(join(folder, 'ledger.jsonl'));
  const parsed = parseLedger(bytes, dataset);
  const listed = new Set<string>();
  for (const r of parsed.records) for (const s of r.stored ?? []) listed.add(s.path);
  const unlisted = (await listFiles(folder, 'releases')).filter((p) => !listed.has(p));
  if (parsed.problem !== undefined) {
    return Object.freeze({ ok: false, records: parsed.records.length, problem: parsed.problem, line: parsed.line!, file: 'ledger.jsonl', unlisted });
  }
  const storedProblem = await checkStored(folder, parsed.records);
  if (storedProblem) return Object.freeze({ ok: false, records: parsed.records.length, ...storedProblem, unlisted });
  return Object.freeze({ ok: true, records: parsed.records.length, unlisted });
}

async function checkStored(folder: string, records: readonly LedgerRecord[]): Promise<{ problem: string; line: number; file: string } | undefined> {
  for (const r of records) {
    for (const s of r.stored ?? []) {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(join(folder, ...s.path.split('/')));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError(join(folder, s.path), e);
        return { problem: `the stored file ${s.path} of release '${String(r.releaseId)}' is missing`, line: r.seq, file: s.path };
      }
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (sha !== s.sha256) {
        return {
          problem: `the stored file ${s.path} of release '${String(r.releaseId)}' has sha256 ${sha}, but line ${r.seq} recorded ${s.sha256} (the file was changed)`,
          line: r.seq,
          file: s.path,
        };
      }
    }
  }
  return undefined;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw ioError(path, e);
  }
}

async function readOrEmpty(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Uint8Array(0);
    throw ioError(path, e);
  }
}

/** Every file under `<folder>/<sub>`, as `/`-separated paths relative to `folder`, sorted. */
async function listFiles(folder: string, sub: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(join(folder, ...sub.split('/')), { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw ioError(join(folder, sub), e);
  }
  const out: string[] = [];
  for (const entry of entries) {
    const path = `${sub}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(folder, path)));
    else out.push(path);
  }
  return out.sort();
}

function ioError(path: string, e: unknown): PrikkError {
  return new PrikkError('IO_ERROR', `verifyLedger: cannot read ${path}: ${(e as Error).message}`, { file: path });
}
