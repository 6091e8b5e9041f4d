import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PrikkError } from '../errors/PrikkError.js';
import { checkSignal } from '../errors/throwIfAborted.js';
import type { ReleasePolicy } from '../policy/ReleasePolicy.js';
import { cohortKey } from './methods/cohortKey.js';
import { sha256Hex } from './hashFile.js';
import { MANIFEST_FORMAT, type AuditSummary, type ReleaseManifest } from './manifest/ReleaseManifest.js';
import type { ReleasedTable } from './ReleasedTable.js';
import { releaseAudit, type AuditedRelease } from './releaseAudit.js';
import { suppressionRulesOf } from './suppressionRulesOf.js';
import { assertNoHiddenValues } from './writers/assertNoHiddenValues.js';

/** What {@link auditRelease} found in a release folder. Verdicts only: no hidden value, no bound. */
export interface ReleaseFolderAudit {
  readonly releaseId: string;
  readonly dataset: string;
  /** True when every check below passed. */
  readonly passed: boolean;
  /** Files whose sha256 differs from the manifest's, files the manifest lists that are missing, files it does not list. */
  readonly fileProblems: readonly string[];
  /** Tables (JSON) with a hidden cell that carries a value, or that are malformed. */
  readonly tableProblems: readonly string[];
  /** The LP audit of the suppressed tables as published (every table on its own and linked with the others). */
  readonly suppression: AuditSummary | undefined;
}

/**
 * Checks a release folder the way an independent auditor would, from the published files alone: every file's sha256
 * against `manifest.json`, no file that the manifest does not list, no hidden cell with a value in any table's JSON,
 * and the suppressed tables attacked with linear programs (linked when they count the same unit over the same
 * cohort; the frequency rule of each table's policy, as recorded in the manifest).
 *
 * Cost: one read of every file; one LP audit per group of linked suppressed tables.
 *
 * `options.signal` (optional) stops the LP audits before their next LP once aborted.
 *
 * @throws {PrikkError} `IO_ERROR` when the folder or its manifest cannot be read; `INVALID_ARGUMENT` when the
 * manifest is not a prikk manifest or the signal not an `AbortSignal`; `ABORTED` when the signal is aborted.
 * @example
 * const a = await auditRelease('release-2026-11');
 * a.passed              // true
 * a.suppression?.scope  // 'cost_by_hospital_year (count < 5)'
 */
export async function auditRelease(folder: string, options: { readonly signal?: AbortSignal } = {}): Promise<ReleaseFolderAudit> {
  checkSignal(options.signal, 'auditRelease: options.signal');
  let manifestText: string;
  try {
    manifestText = await readFile(join(folder, 'manifest.json'), 'utf8');
  } catch (error) {
    throw new PrikkError('IO_ERROR', `${folder}: cannot read manifest.json (${(error as Error).message}); is this a release folder?`, { file: folder });
  }
  const manifest = JSON.parse(manifestText) as ReleaseManifest;
  if (manifest?.format !== MANIFEST_FORMAT) {
    throw new PrikkError('INVALID_ARGUMENT', `${folder}/manifest.json: expected format '${MANIFEST_FORMAT}', got ${JSON.stringify(manifest?.format)}`);
  }

  const fileProblems: string[] = [];
  const listed = new Set(manifest.outputs.map((o) => o.path));
  const contents = new Map<string, Buffer>();
  for (const o of manifest.outputs) {
    try {
      const bytes = await readFile(join(folder, o.path));
      contents.set(o.path, bytes);
      if (sha256Hex(bytes) !== o.sha256) fileProblems.push(`${o.path}: sha256 differs from the manifest's (the file was changed)`);
    } catch {
      fileProblems.push(`${o.path}: listed in the manifest but missing`);
    }
  }
  for (const name of await listFiles(folder)) {
    if (name !== 'manifest.json' && !listed.has(name)) fileProblems.push(`${name}: not listed in the manifest`);
  }

  const tableProblems: string[] = [];
  const policy = manifest.policy.content as ReleasePolicy;
  const suppressed: AuditedRelease[] = [];
  for (const t of manifest.tables) {
    const bytes = contents.get(`${t.name}.json`);
    if (!bytes) continue; // JSON not among the formats: the CSV/XLSX carry no structure to audit
    let table: ReleasedTable;
    try {
      table = JSON.parse(bytes.toString('utf8')) as ReleasedTable;
      assertNoHiddenValues(table);
    } catch (error) {
      tableProblems.push(`${t.name}.json: ${(error as Error).message}`);
      continue;
    }
    const tablePolicy = policy.tables.find((p) => p.name === t.name);
    const rules = tablePolicy ? suppressionRulesOf(tablePolicy) : undefined;
    if (t.method === 'suppression' && rules) {
      suppressed.push({ label: t.name, table, cohort: cohortKey(tablePolicy ?? {}), rules });
    }
  }
  const suppression = suppressed.length > 0 ? await releaseAudit(suppressed, { minGroupSize: 1, signal: options.signal }) : undefined;
  return {
    releaseId: manifest.releaseId,
    dataset: manifest.dataset,
    passed: fileProblems.length === 0 && tableProblems.length === 0 && (suppression?.passed ?? true),
    fileProblems,
    tableProblems,
    suppression,
  };
}

async function listFiles(folder: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(folder, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(folder, path)));
    else out.push(path);
  }
  return out;
}
