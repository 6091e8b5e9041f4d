import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { PrikkError } from '../errors/PrikkError.js';
import type { BudgetLedger } from '../protect/dp/budget/BudgetLedger.js';
import { lossFromJson, type PrivacyLossJson } from '../protect/dp/budget/PrivacyLoss.js';
import { VERSION } from '../version.js';
import { canonicalJson } from '../json/canonicalJson.js';
import { checkLedgerName, checkStoredPath } from './checkLedgerName.js';
import { deepFreeze } from './deepFreeze.js';
import { hashLedgerRecord, LEDGER_GENESIS } from './hashLedgerRecord.js';
import { acquireLedgerLock } from './LedgerLock.js';
import { type LedgerFs, nodeLedgerFs } from './LedgerFs.js';
import { LEDGER_FORMAT, type LedgerRecord, type NewLedgerRecord } from './LedgerRecord.js';
import { parseLedger } from './parseLedger.js';
import { ReleaseLedgerBudget } from './ReleaseLedgerBudget.js';

/** The options of {@link ReleaseLedger.open}. */
export interface ReleaseLedgerOptions {
  /** Required. The ledger folder, holding one sub-folder per dataset (the policy's `ledger`). */
  readonly dir: string;
  /** Required. The dataset's name (`[A-Za-z0-9._-]+`, not `.` or `..`); its ledger is `<dir>/<dataset>/`. */
  readonly dataset: string;
  /** Defaults to `() => new Date()`. The clock for lock files and for the `at` of `spend` lines. */
  readonly now?: () => Date;
  /** Defaults to {@link nodeLedgerFs}. The file operations ledger and store are written with (tests inject failures). */
  readonly fs?: LedgerFs;
}

/** A file to store with a release: `path` is relative to the release's folder `releases/<releaseId>/`. */
export interface StoredFileInput {
  readonly path: string;
  readonly content: string | Uint8Array;
}

/** The options of {@link ReleaseLedger.withLock}. */
export interface LedgerLockWaitOptions {
  /** Defaults to 10 000. How long to wait for another process's lock, in milliseconds; 0 tries once. */
  readonly timeoutMs?: number;
}

/**
 * The locks the current asynchronous context holds, per folder, so that `withLock` is re-entrant and `append` can
 * check. A holding is marked inactive when its `withLock` returns: a callback that `fn` left behind (a timer, an
 * un-awaited promise) inherits the context but no longer holds the lock, and its `append` is refused.
 */
const heldHere = new AsyncLocalStorage<ReadonlyMap<string, { active: boolean }>>();

function holds(folder: string): boolean {
  return heldHere.getStore()?.get(folder)?.active === true;
}

const LEDGER_FILE = 'ledger.jsonl';
const TEMP = /^\.(ledger\.jsonl|store)\.[0-9a-f]{16,}\.tmp$/;
const KINDS = new Set(['release', 'reissue', 'spend']);
const SET_BY_LEDGER = ['format', 'seq', 'dataset', 'prikkVersion', 'prev', 'hash', 'stored'] as const;

/**
 * One dataset's release ledger and release store, in `<dir>/<dataset>/`:
 * - `ledger.jsonl`: one {@link LedgerRecord} per line, append-only and hash-chained (each line's `hash` is the sha256
 *   of its canonical JSON without `hash`, and `prev` is the line before's hash). Every read verifies the chain.
 * - `releases/<releaseId>/...`: the files of each release (manifest, tables), written once; their sha256 are in the
 *   release's line, so the store cannot be changed unnoticed.
 * - `.lock`: the exclusive lock of a process that is appending (see {@link ReleaseLedger.withLock}).
 *
 * Appends are atomic and durable: the stored files are written first (temp file, fsync, rename), then the whole
 * new ledger (old bytes + the new line) is written to a temp file in the same folder, fsynced, renamed over
 * `ledger.jsonl` and the folder fsynced. `rename(2)` replaces a name atomically (POSIX.1-2017), so a crash at any
 * point leaves the old or the new ledger, never a torn line; a crash before the rename at most leaves temp files
 * (ignored, and deleted by the next lock holder) or stored files no line refers to (reported by `verifyLedger`).
 * Rewriting the file costs O(ledger size) per append, which a ledger of releases (hundreds of lines) can afford.
 *
 * Source: the write-temp-fsync-rename-fsync-dir sequence is the one SQLite's and LevelDB's documentation describe
 * for atomic file replacement (and Pillai et al., "All File Systems Are Not Created Equal", OSDI 2014, show
 * application-level crash safety needs every one of these steps); the hash chain follows Haber & Stornetta (1991).
 *
 * @example
 * const ledger = await ReleaseLedger.open({ dir: './ledger', dataset: 'hip-fracture-2025' });
 * await ledger.withLock(async () => {
 *   if (await ledger.findRequest(fingerprint)) return; // already released: re-issue from the store
 *   await ledger.append({ kind: 'release', at: new Date().toISOString(), releaseId: 'r1', requestFingerprint: fingerprint,
 *     recipient: 'Acme', spent: [] }, [{ path: 'manifest.json', content: manifestText }]);
 * });
 * (await ledger.records()).length // 1
 */
export class ReleaseLedger {
  /** The dataset's name. */
  readonly dataset: string;
  /** The dataset's folder, absolute: `<dir>/<dataset>`. */
  readonly folder: string;
  private readonly file: string;
  private readonly fs: LedgerFs;
  private readonly now: () => Date;

  private constructor(dataset: string, folder: string, fs: LedgerFs, now: () => Date) {
    this.dataset = dataset;
    this.folder = folder;
    this.file = join(folder, LEDGER_FILE);
    this.fs = fs;
    this.now = now;
  }

  /**
   * Opens (creating the folder if needed) the ledger of one dataset. Does not read the ledger: `records()` does.
   * When no process holds the lock, takes it for a moment to delete temp files a crashed append left behind.
   *
   * Cost: one `mkdir`, and one folder listing when the lock is free.
   *
   * @throws {PrikkError} `INVALID_ARGUMENT` for a missing `dir`, a dataset name that is not a safe folder name, or a
   * `now`/`fs` of the wrong type; `IO_ERROR` when the folder cannot be created.
   */
  static async open(options: ReleaseLedgerOptions): Promise<ReleaseLedger> {
    if (typeof options !== 'object' || options === null) {
      throw new PrikkError('INVALID_ARGUMENT', 'ReleaseLedger.open: expected an options object { dir, dataset }');
    }
    if (typeof options.dir !== 'string' || options.dir.length === 0) {
      throw new PrikkError('INVALID_ARGUMENT', 'ReleaseLedger.open: dir: expected the ledger folder, a non-empty path');
    }
    const dataset = checkLedgerName(options.dataset, 'ReleaseLedger.open: dataset');
    if (options.now !== undefined && typeof options.now !== 'function') {
      throw new PrikkError('INVALID_ARGUMENT', 'ReleaseLedger.open: now: expected a function returning a Date');
    }
    const fs = options.fs ?? nodeLedgerFs;
    if (typeof fs !== 'object' || fs === null || typeof fs.writeFileDurable !== 'function') {
      throw new PrikkError('INVALID_ARGUMENT', 'ReleaseLedger.open: fs: expected a LedgerFs');
    }
    const folder = join(resolve(options.dir), dataset);
    await io(`ReleaseLedger.open: cannot create the ledger folder ${folder}`, folder, () => fs.mkdir(folder));
    const ledger = new ReleaseLedger(dataset, folder, fs, options.now ?? (() => new Date()));
    if (!(await fs.exists(join(folder, '.lock')).catch(() => true))) {
      // Best effort: take the lock only if it is free at once; withLock deletes leftover temp files on taking it.
      await ledger.withLock(() => Promise.resolve(), { timeoutMs: 0 }).catch(() => undefined);
    }
    return ledger;
  }

  /**
   * Every line of the ledger, oldest first, after verifying the whole hash chain (see `parseLedger`).
   *
   * Cost: one read of the ledger, O(size).
   *
   * @throws {PrikkError} `LEDGER_CORRUPT` naming the file and the first line that does not verify and why;
   * `IO_ERROR` when the file cannot be read.
   */
  async records(): Promise<readonly LedgerRecord[]> {
    return (await this.readVerified('ReleaseLedger.records')).records;
  }

  /**
   * The first `release` line whose `requestFingerprint` is `fingerprint`: the release to re-issue when the same
   * request comes again (reissues are not returned, they point at it in `reissueOf`).
   *
   * Cost: one verified read of the ledger.
   *
   * @throws {PrikkError} `INVALID_ARGUMENT` for an empty fingerprint; `LEDGER_CORRUPT` as {@link records}.
   * @example await ledger.findRequest(manifest.requestFingerprint) // undefined the first time
   */
  async findRequest(fingerprint: string): Promise<LedgerRecord | undefined> {
    if (typeof fingerprint !== 'string' || fingerprint.length === 0) {
      throw new PrikkError('INVALID_ARGUMENT', 'ReleaseLedger.findRequest: fingerprint: expected non-empty text');
    }
    const records = await this.records();
    return records.find((r) => r.kind === 'release' && r.requestFingerprint === fingerprint);
  }

  /**
   * Runs `fn` holding the dataset's exclusive lock (`<folder>/.lock`, see `acquireLedgerLock`: created with
   * `O_EXCL`, waits with backoff, takes over the lock of a holder that is no longer running), and always releases it
   * when `fn` settles. Re-entrant: inside `fn` (in its asynchronous context) `withLock` just runs its argument, so a
   * `DatasetBudget.commit()` inside a release's lock does not wait for itself. On taking the lock, deletes temp files
   * a crashed append left behind.
   *
   * Cost: one file creation and deletion, plus one folder listing.
   *
   * @throws {PrikkError} `LEDGER_LOCKED` when another process still holds the lock after `timeoutMs`, naming its pid
   * and since when; `INVALID_ARGUMENT` for a bad `fn` or `timeoutMs`; whatever `fn` throws.
   * @example await ledger.withLock(async () => ledger.append(record), { timeoutMs: 30_000 })
   */
  async withLock<T>(fn: () => Promise<T>, options: LedgerLockWaitOptions = {}): Promise<T> {
    if (typeof fn !== 'function') throw new PrikkError('INVALID_ARGUMENT', 'ReleaseLedger.withLock: fn: expected a function');
    const timeoutMs = options?.timeoutMs ?? 10_000;
    if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 0) {
      throw new PrikkError('INVALID_ARGUMENT', `ReleaseLedger.withLock: timeoutMs: expected a finite number >= 0, got ${String(timeoutMs)}`);
    }
    if (holds(this.folder)) return fn();
    const lock = await acquireLedgerLock(this.folder, {
      timeoutMs,
      now: this.now,
      what: `ReleaseLedger.withLock (dataset '${this.dataset}')`,
    });
    const holding = { active: true };
    let result: T;
    try {
      await this.deleteTempFiles();
      result = await heldHere.run(new Map([...(heldHere.getStore() ?? []), [this.folder, holding]]), fn);
    } catch (e) {
      holding.active = false;
      await lock.release().catch(() => undefined);
      throw e;
    }
    holding.active = false;
    await io(`ReleaseLedger.withLock: cannot release the lock ${join(this.folder, '.lock')}`, this.folder, () => lock.release());
    return result;
  }

  /**
   * Appends one line, after storing `files` under `releases/<releaseId>/` (write-once) and listing their sha256 in
   * the line's `stored`. Sets `format`, `seq`, `dataset`, `prikkVersion`, `prev` and `hash`. Must run inside
   * {@link withLock}; re-reads and verifies the existing chain first, since another process may have appended since
   * this one last looked. Atomic and durable (see the class): when it resolves, the line is on the disk; when it
   * throws, the ledger holds either the old content or (if it failed after the rename) the new.
   *
   * Rules: `release` and `reissue` lines need a `releaseId` that no earlier line used; a `reissue` needs `reissueOf`
   * naming an earlier release; a `spend` line needs at least one `spent` item; `files` need a `releaseId`.
   *
   * Cost: O(ledger size + size of the files), three fsyncs plus one per file and folder.
   *
   * @throws {PrikkError} `INVALID_ARGUMENT` when the lock is not held in this context, for a malformed record or file
   * list, a field the ledger sets, a reused release id or an unknown `reissueOf`; `IO_ERROR` when a stored file
   * already exists (stored releases are written once) or a write fails; `LEDGER_CORRUPT` when the existing chain does
   * not verify (nothing is written).
   * @example
   * await ledger.withLock(() => ledger.append({ kind: 'spend', at: '2025-01-01T00:00:00.000Z',
   *   spent: [{ label: 'counts', loss: { kind: 'pure', epsilon: '1/2' } }] }))
   * // { format: 'prikk.ledger/1', seq: 1, kind: 'spend', ..., prev: '000…0', hash: '…' }
   */
  async append(record: NewLedgerRecord, files: readonly StoredFileInput[] = []): Promise<LedgerRecord> {
    if (!holds(this.folder)) {
      throw new PrikkError(
        'INVALID_ARGUMENT',
        `ReleaseLedger.append: the lock of dataset '${this.dataset}' is not held here; call append inside ledger.withLock(...)`,
      );
    }
    checkNewRecord(record);
    const contents = checkFiles(files, record.releaseId);
    const { bytes, records } = await this.readVerified('ReleaseLedger.append');
    if (record.releaseId !== undefined) {
      const used = records.find((r) => r.releaseId === record.releaseId);
      if (used) {
        throw new PrikkError('INVALID_ARGUMENT', `ReleaseLedger.append: releaseId '${record.releaseId}' is already used by line ${used.seq}`);
      }
    }
    if (record.kind === 'reissue' && !records.some((r) => r.kind === 'release' && r.releaseId === record.reissueOf)) {
      throw new PrikkError('INVALID_ARGUMENT', `ReleaseLedger.append: reissueOf '${String(record.reissueOf)}' is not a release in this ledger`);
    }
    const stored = await this.store(record.releaseId, files, contents);
    const last = records[records.length - 1];
    const chained = {
      ...record,
      format: LEDGER_FORMAT,
      seq: records.length + 1,
      dataset: this.dataset,
      prikkVersion: VERSION,
      ...(stored.length > 0 ? { stored } : {}),
      prev: last ? last.hash : LEDGER_GENESIS,
    };
    const line = canonicalJson({ ...chained, hash: hashLedgerRecord(chained) });
    const added = new TextEncoder().encode(`${line}\n`);
    const next = new Uint8Array(bytes.length + added.length);
    next.set(bytes, 0);
    next.set(added, bytes.length);
    if (!holds(this.folder)) {
      throw new PrikkError('INVALID_ARGUMENT', `ReleaseLedger.append: the lock of dataset '${this.dataset}' was released while appending; await append inside withLock`);
    }
    await this.replaceDurably(this.file, next, '.ledger.jsonl');
    return deepFreeze(JSON.parse(line) as LedgerRecord);
  }

  /**
   * The bytes of a file stored with a release, after checking them against the sha256 in the release's line.
   * `path` is relative to the release's folder (`manifest.json`, not `releases/<id>/manifest.json`).
   *
   * Cost: one verified read of the ledger and one read and sha256 of the file.
   *
   * @throws {PrikkError} `INVALID_ARGUMENT` for an unknown release or a file it did not store; `LEDGER_CORRUPT` when
   * the file is missing or its sha256 differs (naming the file), or the ledger does not verify.
   * @example new TextDecoder().decode(await ledger.readStored('r1', 'manifest.json')) // the manifest as written
   */
  async readStored(releaseId: string, path: string): Promise<Uint8Array> {
    checkLedgerName(releaseId, 'ReleaseLedger.readStored: releaseId');
    checkStoredPath(path, 'ReleaseLedger.readStored: path');
    const record = (await this.records()).find((r) => r.releaseId === releaseId);
    if (!record) throw new PrikkError('INVALID_ARGUMENT', `ReleaseLedger.readStored: no release '${releaseId}' in the ledger of dataset '${this.dataset}'`);
    const wanted = `releases/${releaseId}/${path}`;
    const entry = record.stored?.find((s) => s.path === wanted);
    if (!entry) {
      const have = (record.stored ?? []).map((s) => s.path.slice(`releases/${releaseId}/`.length));
      throw new PrikkError('INVALID_ARGUMENT', `ReleaseLedger.readStored: release '${releaseId}' stored no '${path}' (it stored: ${have.join(', ') || 'nothing'})`);
    }
    const file = join(this.folder, ...wanted.split('/'));
    let bytes: Uint8Array;
    try {
      bytes = await this.fs.readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new PrikkError('LEDGER_CORRUPT', `ReleaseLedger.readStored: the stored file of release '${releaseId}' (line ${record.seq}) is missing`, { file });
      }
      throw new PrikkError('IO_ERROR', `ReleaseLedger.readStored: cannot read the stored file: ${(e as Error).message}`, { file });
    }
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== entry.sha256) {
      throw new PrikkError(
        'LEDGER_CORRUPT',
        `ReleaseLedger.readStored: the stored file's sha256 is ${sha}, but line ${record.seq} of the ledger recorded ${entry.sha256} (the file was changed)`,
        { file },
      );
    }
    return bytes;
  }

  /**
   * The ledger as a {@link BudgetLedger}, so that `DatasetBudget.open({ ledger: l.budgetLedger(), dataset, lifetime })`
   * starts from everything ever spent on the dataset: `entries` lists every `spent` item of every line (releases
   * and spend lines), `append` writes one `spend` line (taking the lock unless this context holds it).
   *
   * Record a release's spending EITHER through `DatasetBudget.commit()` (a `spend` line) OR in the release line's
   * `spent`, never both: both count.
   *
   * Cost: O(1); each call of the returned object reads or appends as above.
   * @example const budget = await DatasetBudget.open({ ledger: ledger.budgetLedger(), dataset: ledger.dataset, lifetime: pureDp(1) });
   */
  budgetLedger(): BudgetLedger {
    return new ReleaseLedgerBudget(this, this.now);
  }

  private async readVerified(what: string): Promise<{ readonly bytes: Uint8Array; readonly records: readonly LedgerRecord[] }> {
    let bytes: Uint8Array;
    try {
      bytes = await this.fs.readFile(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new PrikkError('IO_ERROR', `${what}: cannot read the ledger: ${(e as Error).message}`, { file: this.file });
      }
      bytes = new Uint8Array(0);
    }
    const parsed = parseLedger(bytes, this.dataset);
    if (parsed.problem !== undefined) {
      throw new PrikkError('LEDGER_CORRUPT', `${what}: ${parsed.problem}`, { file: this.file, line: parsed.line! });
    }
    return { bytes, records: parsed.records };
  }

  private async store(
    releaseId: string | undefined,
    files: readonly StoredFileInput[],
    contents: readonly Uint8Array[],
  ): Promise<{ readonly path: string; readonly sha256: string }[]> {
    if (releaseId === undefined || files.length === 0) return [];
    const stored = files.map((f, i) => ({
      path: `releases/${releaseId}/${f.path}`,
      sha256: createHash('sha256').update(contents[i]!).digest('hex'),
    }));
    const targets = files.map((f) => join(this.folder, 'releases', releaseId, ...f.path.split('/')));
    for (const target of targets) {
      if (await this.fs.exists(target)) {
        throw new PrikkError(
          'IO_ERROR',
          `ReleaseLedger.append: ${target} already exists; stored releases are written once (an earlier attempt with this releaseId may have crashed: use a new releaseId)`,
          { file: target },
        );
      }
    }
    const folders = new Set<string>();
    for (let i = 0; i < files.length; i++) {
      const target = targets[i]!;
      for (let d = dirname(target); d.length > this.folder.length; d = dirname(d)) folders.add(d);
      await io(`ReleaseLedger.append: cannot create ${dirname(target)}`, dirname(target), () => this.fs.mkdir(dirname(target)));
      await this.replaceDurably(target, contents[i]!, '.store', false);
    }
    // Deepest first, so that every new name is durable before the name of the folder that holds it.
    for (const d of [...folders].sort((a, b) => b.length - a.length)) {
      await io(`ReleaseLedger.append: cannot flush the folder ${d}`, d, () => this.fs.fsyncDir(d));
    }
    return stored;
  }

  /** Writes `data` to a temp file in the dataset folder, fsyncs it, renames it to `target` and (optionally) fsyncs the folder. */
  private async replaceDurably(target: string, data: Uint8Array, prefix: string, syncFolder = true): Promise<void> {
    const temp = join(this.folder, `${prefix}.${randomBytes(12).toString('hex')}.tmp`);
    try {
      await io(`ReleaseLedger.append: cannot write the temp file`, temp, () => this.fs.writeFileDurable(temp, data));
      await io(`ReleaseLedger.append: cannot rename the temp file to ${target}`, target, () => this.fs.rename(temp, target));
    } catch (e) {
      await this.fs.unlink(temp).catch(() => undefined);
      throw e;
    }
    if (syncFolder) await io(`ReleaseLedger.append: cannot flush the folder`, this.folder, () => this.fs.fsyncDir(this.folder));
  }

  private async deleteTempFiles(): Promise<void> {
    try {
      for (const name of await this.fs.readdir(this.folder)) {
        if (TEMP.test(name)) await this.fs.unlink(join(this.folder, name)).catch(() => undefined);
      }
    } catch {
      // Best effort: leftover temp files are ignored by every reader.
    }
  }
}

async function io<T>(message: string, file: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (e instanceof PrikkError) throw e;
    throw new PrikkError('IO_ERROR', `${message}: ${(e as Error).message}`, { file });
  }
}

function checkNewRecord(record: NewLedgerRecord): void {
  const what = 'ReleaseLedger.append: record';
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new PrikkError('INVALID_ARGUMENT', `${what}: expected an object`);
  for (const key of SET_BY_LEDGER) {
    if ((record as unknown as Record<string, unknown>)[key] !== undefined) {
      throw new PrikkError('INVALID_ARGUMENT', `${what}.${key}: is set by the ledger; leave it out`);
    }
  }
  if (!KINDS.has(record.kind)) throw new PrikkError('INVALID_ARGUMENT', `${what}.kind: expected release, reissue or spend, got ${JSON.stringify(record.kind)}`);
  if (typeof record.at !== 'string' || !Number.isFinite(Date.parse(record.at))) {
    throw new PrikkError('INVALID_ARGUMENT', `${what}.at: expected an ISO 8601 time, got ${JSON.stringify(record.at)}`);
  }
  if (record.releaseId !== undefined) checkLedgerName(record.releaseId, `${what}.releaseId`);
  if (record.kind !== 'spend' && record.releaseId === undefined) {
    throw new PrikkError('INVALID_ARGUMENT', `${what}.releaseId: a ${record.kind} line needs a release id`);
  }
  if (record.kind === 'reissue' && typeof record.reissueOf !== 'string') {
    throw new PrikkError('INVALID_ARGUMENT', `${what}.reissueOf: a reissue line needs the id of the release it re-issues`);
  }
  if (!Array.isArray(record.spent)) throw new PrikkError('INVALID_ARGUMENT', `${what}.spent: expected a list (empty when nothing was spent)`);
  if (record.kind === 'spend' && record.spent.length === 0) {
    throw new PrikkError('INVALID_ARGUMENT', `${what}.spent: a spend line needs at least one spending`);
  }
  record.spent.forEach((s, i) => {
    if (typeof s?.label !== 'string' || s.label.length === 0) {
      throw new PrikkError('INVALID_ARGUMENT', `${what}.spent[${i}].label: expected non-empty text`);
    }
    checkLoss(s.loss, `${what}.spent[${i}].loss`);
  });
  if (record.tables !== undefined) {
    if (!Array.isArray(record.tables)) throw new PrikkError('INVALID_ARGUMENT', `${what}.tables: expected a list`);
    record.tables.forEach((t, i) => {
      if (typeof t?.name !== 'string' || typeof t.method !== 'string') {
        throw new PrikkError('INVALID_ARGUMENT', `${what}.tables[${i}]: expected { name, method }`);
      }
      if (t.privacy !== undefined) checkLoss(t.privacy, `${what}.tables[${i}].privacy`);
    });
  }
  canonicalJson(record); // throws INVALID_ARGUMENT for anything JSON cannot hold exactly
}

function checkLoss(loss: PrivacyLossJson, what: string): void {
  try {
    lossFromJson(loss);
  } catch (e) {
    throw new PrikkError('INVALID_ARGUMENT', `${what}: expected a privacy loss in lossToJson's form (${(e as Error).message})`);
  }
}

function checkFiles(files: readonly StoredFileInput[], releaseId: string | undefined): Uint8Array[] {
  const what = 'ReleaseLedger.append: files';
  if (!Array.isArray(files)) throw new PrikkError('INVALID_ARGUMENT', `${what}: expected a list of { path, content }`);
  if (files.length > 0 && releaseId === undefined) throw new PrikkError('INVALID_ARGUMENT', `${what}: stored files need the record's releaseId`);
  const seen = new Set<string>();
  return files.map((f, i) => {
    checkStoredPath(f?.path, `${what}[${i}].path`);
    if (seen.has(f.path)) throw new PrikkError('INVALID_ARGUMENT', `${what}[${i}].path: '${f.path}' is listed twice`);
    seen.add(f.path);
    if (typeof f.content === 'string') return new TextEncoder().encode(f.content);
    if (f.content instanceof Uint8Array) return f.content;
    throw new PrikkError('INVALID_ARGUMENT', `${what}[${i}].content: expected text or a Uint8Array`);
  });
}
