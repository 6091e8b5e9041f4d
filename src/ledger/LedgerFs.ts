import { lstat, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';

/**
 * The file operations the ledger and its release store are written with. The default ({@link nodeLedgerFs}) is
 * `node:fs/promises`; tests pass one that fails at a chosen step to show that a crash at any point leaves the old or
 * the new ledger, never a torn one. Every path is absolute.
 *
 * Errors are Node's (`error.code` such as `ENOENT`, `EEXIST`); the ledger turns them into `PrikkError`s.
 */
export interface LedgerFs {
  /** The whole file. Rejects with `ENOENT` when it does not exist. */
  readFile(path: string): Promise<Uint8Array>;
  /**
   * Creates a NEW file (rejects with `EEXIST` when it exists), writes all of `data`, flushes it to the disk
   * (`fsync`) and closes it.
   */
  writeFileDurable(path: string, data: Uint8Array): Promise<void>;
  /** Renames atomically (POSIX `rename(2)`), replacing `to` if it exists. */
  rename(from: string, to: string): Promise<void>;
  /** Flushes a folder's entries (new names, renames) to the disk. */
  fsyncDir(path: string): Promise<void>;
  /** Creates a folder and its parents; no error when it exists. */
  mkdir(path: string): Promise<void>;
  /** Removes a file. Rejects with `ENOENT` when it does not exist. */
  unlink(path: string): Promise<void>;
  /** The names in a folder. Rejects with `ENOENT` when it does not exist. */
  readdir(path: string): Promise<readonly string[]>;
  /** Whether anything (file, folder, link) has this name. */
  exists(path: string): Promise<boolean>;
}

/**
 * {@link LedgerFs} on `node:fs/promises`. `fsyncDir` opens the folder read-only and calls `fsync`, which POSIX
 * systems need for a rename to survive a power loss; on Windows, where folders cannot be opened, it does nothing
 * (NTFS journals its metadata).
 *
 * @example
 * await nodeLedgerFs.writeFileDurable('/tmp/x/.tmp', new TextEncoder().encode('hello\n'));
 * await nodeLedgerFs.rename('/tmp/x/.tmp', '/tmp/x/hello.txt');
 * await nodeLedgerFs.fsyncDir('/tmp/x');
 */
export const nodeLedgerFs: LedgerFs = Object.freeze({
  async readFile(path: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(path));
  },
  async writeFileDurable(path: string, data: Uint8Array): Promise<void> {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename(from: string, to: string): Promise<void> {
    return rename(from, to);
  },
  async fsyncDir(path: string): Promise<void> {
    if (process.platform === 'win32') return;
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async mkdir(path: string): Promise<void> {
    await mkdir(path, { recursive: true });
  },
  unlink(path: string): Promise<void> {
    return unlink(path);
  },
  readdir(path: string): Promise<readonly string[]> {
    return readdir(path);
  },
  async exists(path: string): Promise<boolean> {
    try {
      await lstat(path);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  },
});
