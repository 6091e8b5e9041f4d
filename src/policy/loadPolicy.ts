import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PrikkError } from '../errors/PrikkError.js';
import { parsePolicy } from './parsePolicy.js';
import type { ReleasePolicy } from './ReleasePolicy.js';

/** A policy read from its file, with what a release records about it. */
export interface LoadedPolicy {
  /** The checked policy (deeply frozen). */
  readonly policy: ReleasePolicy;
  /** The policy file's absolute path. */
  readonly file: string;
  /** The folder of the policy file: relative paths in the policy (hierarchy files, p-tables, the ledger) resolve against it. */
  readonly dir: string;
  /** sha256 of the file's bytes, lower-case hex (the manifest's policy hash). */
  readonly sha256: string;
  /** The file's text (UTF-8, without a byte order mark's effect on the data). */
  readonly text: string;
}

/**
 * Reads a policy file (YAML, or JSON when its name ends in `.json`), hashes its bytes (sha256) and checks it with
 * {@link parsePolicy}. Messages name the file as given.
 *
 * Cost: one file read, O(size of the file).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when `path` is not a non-empty string; `IO_ERROR` naming the file when it
 * cannot be read (missing, a folder, no permission); `INVALID_POLICY` when it is not UTF-8 text or `parsePolicy`
 * finds problems.
 * @example
 * const { policy, dir, sha256 } = await loadPolicy('examples/hipFracture/policy.yaml');
 * policy.dataset // 'hip-fracture-synthetic'
 * sha256.length  // 64
 */
export async function loadPolicy(path: string): Promise<LoadedPolicy> {
  if (typeof path !== 'string' || path === '') throw new PrikkError('INVALID_ARGUMENT', 'loadPolicy: path must be the (non-empty) path of a policy file');
  const file = resolve(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (code ?? String(error));
    throw new PrikkError('IO_ERROR', `loadPolicy: cannot read the policy file '${path}': ${why}`, { file: path });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PrikkError('INVALID_POLICY', 'the policy file is not UTF-8 text', { file: path });
  }
  const policy = parsePolicy(text, { file: path });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return Object.freeze({ policy, file, dir: dirname(file), sha256, text });
}
