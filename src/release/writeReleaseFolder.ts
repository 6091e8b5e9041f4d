import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { PrikkError } from '../errors/PrikkError.js';

/**
 * Checks, before any work, that `out` can take a release: it does not exist or is an empty folder.
 *
 * @throws {PrikkError} `IO_ERROR` naming the folder when it holds files.
 * @example
 * await checkReleaseFolder('release-2026-11') // resolves: the folder does not exist yet
 */
export async function checkReleaseFolder(out: string): Promise<void> {
  let existing: string[];
  try {
    existing = await readdir(resolve(out));
  } catch {
    return;
  }
  if (existing.length > 0) {
    throw new PrikkError('IO_ERROR', `the output folder ${out} is not empty; a release is never written over another (choose a new folder)`, {
      file: out,
    });
  }
}

/**
 * Writes a release's files into `out` all at once: into a hidden sibling folder first, then renamed to `out`, so
 * that a crash or a full disk never leaves a partial release where the recipient's copy is taken from.
 * `out` must not exist, or be an empty folder (a release is never written over another one).
 *
 * Cost: one write per file and one rename.
 *
 * @throws {PrikkError} `IO_ERROR` when `out` holds files or a write fails (the temporary folder is removed).
 * @example
 * await writeReleaseFolder('release-2026-11', [{ path: 'manifest.json', content: '{…}' }])
 */
export async function writeReleaseFolder(
  out: string,
  files: readonly { readonly path: string; readonly content: string | Uint8Array }[],
): Promise<string> {
  const target = resolve(out);
  await checkReleaseFolder(out);
  const emptyFolderThere = (await readdir(target).catch(() => undefined)) !== undefined;
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const temp = join(parent, `.${basename(target)}.prikk-${randomBytes(6).toString('hex')}`);
  try {
    await mkdir(temp);
    for (const f of files) {
      const path = join(temp, f.path);
      if (!path.startsWith(temp + '/')) throw new PrikkError('INVALID_ARGUMENT', `writeReleaseFolder: file path '${f.path}' leaves the folder`);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, f.content, { flush: true });
    }
    if (emptyFolderThere) await rm(target, { recursive: true });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (error instanceof PrikkError) throw error;
    throw new PrikkError('IO_ERROR', `cannot write the release to ${out}: ${(error as Error).message}`, { file: out });
  }
  return target;
}
