import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PrikkError } from '../../errors/PrikkError.js';
import type { CellKeyMethodPolicy, ReleasePolicy, RoundingMethodPolicy, SecretPolicy } from '../../policy/ReleasePolicy.js';
import { MIN_SECRET_BYTES } from '../../random/secretFingerprint.js';
import type { RecordKeysReadOption } from '../../read/RecordKeysReadOption.js';
import type { MethodContext } from './MethodContext.js';

/** The environment variable that holds the registry secret (of the record keys) unless the policy names another. */
export const DEFAULT_SECRET_ENV = 'PRIKK_CELL_KEY_SECRET';

/** The registry secret of the record keys, and where it came from (for the manifest: never the secret). */
export interface RegistrySecret {
  readonly bytes: Uint8Array;
  readonly source: SecretPolicy;
}

/** Who asks for the secret, for messages: the method and the policy field, e.g. `protectCellKey`, `cellKey.secret`. */
export interface SecretAsker {
  readonly fn: string;
  readonly field: string;
}

/**
 * Reads the registry secret of the record keys (the cell key method's, keyed random rounding's) from where the policy says (`cellKey.secret`, `rounding.secret`): an environment
 * variable (default `PRIKK_CELL_KEY_SECRET`, read through `ctx.env`; its text is the secret, as UTF-8 bytes, the way
 * `recordKeysFromIds` reads a string secret) or a file relative to the policy's folder (its bytes, less one final
 * line break, `\n` or `\r\n`, which editors add). The secret must have at least 32 bytes (256 bits).
 *
 * Cost: one environment lookup or one small file read.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when the variable is unset or empty, or the secret is shorter than 32 bytes
 * (the message names the variable or file, never the secret); `IO_ERROR` when the file cannot be read.
 * @example
 * registrySecret(undefined, ctx, { fn: 'protectCellKey', field: 'cellKey.secret' }).source // { env: 'PRIKK_CELL_KEY_SECRET' }
 */
export function registrySecret(secret: SecretPolicy | undefined, ctx: Pick<MethodContext, 'env' | 'policyDir'>, asker: SecretAsker): RegistrySecret {
  const where = asker.fn;
  const field = asker.field;
  const given = secret ?? { env: DEFAULT_SECRET_ENV };
  if (typeof given !== 'object' || given === null) throw new PrikkError('INVALID_ARGUMENT', `${where}: ${field} must be { env } or { file }`);
  let bytes: Uint8Array;
  let source: SecretPolicy;
  let what: string;
  if ('env' in given) {
    const name = given.env;
    if (typeof name !== 'string' || name === '') throw new PrikkError('INVALID_ARGUMENT', `${where}: ${field}.env must name an environment variable`);
    const text = ctx.env(name);
    if (text === undefined || text === '') {
      throw new PrikkError('INVALID_ARGUMENT', `${where}: the environment variable ${name} (the registry secret) is not set; set it to the registry secret (at least ${MIN_SECRET_BYTES} bytes)`);
    }
    bytes = Buffer.from(text, 'utf8');
    source = Object.freeze({ env: name });
    what = `the environment variable ${name}`;
  } else if ('file' in given) {
    const file = given.file;
    if (typeof file !== 'string' || file === '') throw new PrikkError('INVALID_ARGUMENT', `${where}: ${field}.file must be a path`);
    try {
      bytes = readFileSync(resolve(ctx.policyDir, file));
    } catch {
      throw new PrikkError('IO_ERROR', `${where}: cannot read the registry secret file`, { file });
    }
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0a) end--;
    if (end > 0 && bytes[end - 1] === 0x0d && end === bytes.length - 1) end--;
    bytes = bytes.subarray(0, end);
    source = Object.freeze({ file });
    what = `the secret file '${file}'`;
  } else {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: ${field} must be { env } or { file }`);
  }
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new PrikkError(
      'INVALID_ARGUMENT',
      `${where}: the registry secret in ${what} has ${bytes.length} bytes, expected at least ${MIN_SECRET_BYTES} (256 bits); draw it once with crypto.randomBytes(32) and keep it in a secret store`,
    );
  }
  return Object.freeze({ bytes, source });
}

/** What a table needs from the registry secret, if anything: the secret's place and who asks. */
export function secretNeedOf(method: unknown): { readonly secret: SecretPolicy | undefined; readonly asker: SecretAsker } | undefined {
  if (typeof method !== 'object' || method === null) return undefined;
  if ('cellKey' in method) {
    const settings = (method as { readonly cellKey: CellKeyMethodPolicy | undefined }).cellKey;
    return { secret: settings?.secret, asker: { fn: 'protectCellKey', field: 'cellKey.secret' } };
  }
  if ('rounding' in method) {
    const settings = (method as { readonly rounding: RoundingMethodPolicy | undefined }).rounding;
    if (settings?.rule === 'random' && (settings.draws ?? 'keyed') === 'keyed') {
      return { secret: settings.secret, asker: { fn: 'protectRounding', field: 'rounding.secret' } };
    }
  }
  return undefined;
}

/**
 * The read option that lets a release derive the persons' record keys while it reads the extract (one pass, instead
 * of a second read per table): `{ secret }` with the secret of the policy's first table that uses record keys (the
 * cell key method, or random rounding with keyed draws; read by {@link registrySecret}, so a missing or short secret
 * is refused before the extract is read), or `undefined` when no table uses them or the schema has no person column
 * (the method then says what is wrong). A table whose secret differs from the first one's gets its keys by a second
 * read (`recordKeysOf` compares the secrets' fingerprints).
 *
 * Cost: one environment lookup or one small file read, when a table uses record keys.
 *
 * @throws {PrikkError} as {@link registrySecret}.
 * @example
 * const recordKeys = recordKeysReadOption(policy, { env: (n) => process.env[n], policyDir });
 * const extract = await readCsv(path, policy.extract.schema, { ...(recordKeys ? { recordKeys } : {}) });
 */
export function recordKeysReadOption(policy: Pick<ReleasePolicy, 'extract' | 'tables'>, ctx: Pick<MethodContext, 'env' | 'policyDir'>): RecordKeysReadOption | undefined {
  const columns: readonly unknown[] = Array.isArray(policy.extract?.schema?.columns) ? policy.extract.schema.columns : [];
  if (!columns.some((c) => typeof c === 'object' && c !== null && (c as { role?: unknown }).role === 'person')) return undefined;
  for (const table of policy.tables ?? []) {
    const need = secretNeedOf(table?.method);
    if (need) return { secret: registrySecret(need.secret, ctx, need.asker).bytes };
  }
  return undefined;
}
