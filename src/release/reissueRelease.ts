import type { LedgerRecord } from '../ledger/LedgerRecord.js';
import type { ReleaseLedger } from '../ledger/ReleaseLedger.js';
import type { ReleasePolicy } from '../policy/ReleasePolicy.js';
import type { Reconciliation } from '../read/Extract.js';
import type { ReleaseManifest } from './manifest/ReleaseManifest.js';
import type { ReleasedTable } from './ReleasedTable.js';
import type { ReleaseOptions, ReleaseOutcome, ReleaseStep } from './ReleaseOptions.js';
import { renderOutputs, type ReleaseFile } from './renderOutputs.js';
import { readStoredJson, readStoredText, STANDARD_TABLE_SUFFIXES, STORED } from './storedRelease.js';
import { writeReleaseFolder } from './writeReleaseFolder.js';

/**
 * The same request again (`runRelease` found its fingerprint in the ledger): the stored tables of the original
 * release, with the new recipient, purpose and time, no new noise and no budget spent; recorded as a `reissue`.
 *
 * Cost: reading the original's stored files (each checked against its ledger line), rendering and writing them.
 * @throws {PrikkError} `LEDGER_CORRUPT` when a stored file differs from its ledger line, `IO_ERROR`.
 * @example
 * (await reissueRelease(options, ledger, original, common, () => {})).reissued // true
 */
export async function reissueRelease(
  options: ReleaseOptions,
  ledger: ReleaseLedger,
  original: LedgerRecord,
  common: Omit<ReleaseManifest, 'reconciliation' | 'tables' | 'outputs'>,
  progress: (step: ReleaseStep, detail: string) => void,
): Promise<ReleaseOutcome> {
  const originalId = original.releaseId!;
  progress('read', `stored release ${originalId}`);
  const stored = (await readStoredJson(ledger, originalId, STORED.manifest)) as ReleaseManifest;
  const tables: ReleasedTable[] = [];
  for (const t of stored.tables) {
    tables.push((await readStoredJson(ledger, originalId, STORED.table(t.name))) as ReleasedTable);
  }
  const policy = common.policy.content as ReleasePolicy;
  const exact =
    'withheld' in stored.reconciliation
      ? ((await readStoredJson(ledger, originalId, STORED.reconciliation)) as Reconciliation)
      : stored.reconciliation;
  const draft = {
    ...common,
    reissueOf: originalId,
    reconciliation: stored.reconciliation,
    tables: stored.tables.map(({ files: _files, ...t }) => t),
    ...(stored.releaseAudit ? { releaseAudit: stored.releaseAudit } : {}),
    ...(stored.budget ? { budget: { ...stored.budget, spentNow: [], description: `re-issue of ${originalId}: no budget spent` } } : {}),
  };
  // A table's extra files (k-anonymity's records) are the files of its manifest entry that no writer makes.
  const extraFiles: ReleaseFile[][] = [];
  for (const t of stored.tables) {
    const extras: ReleaseFile[] = [];
    for (const f of t.files) {
      if (STANDARD_TABLE_SUFFIXES.some((s) => f.path === `${t.name}${s}`)) continue;
      extras.push({ path: f.path, content: await readStoredText(ledger, originalId, STORED.extra(f.path)) });
    }
    extraFiles.push(extras);
  }
  progress('render', `${tables.length} stored tables`);
  const { files, manifest } = await renderOutputs(tables, extraFiles, draft, policy.output);
  progress('record', ledger.folder);
  const ledgerRecord = await ledger.append({
    kind: 'reissue',
    at: common.createdAt,
    releaseId: common.releaseId,
    requestFingerprint: common.requestFingerprint,
    reissueOf: originalId,
    recipient: common.recipient,
    purpose: common.purpose,
    ...(common.agreement !== undefined ? { agreement: common.agreement } : {}),
    inputSha256: common.input.sha256,
    policySha256: common.policy.sha256,
    tables: tables.map((t) => ({ name: t.name, method: t.method })),
    spent: [],
  });
  progress('write', options.out);
  const outDir = await writeReleaseFolder(options.out, files);
  return { manifest, tables, outDir, files: files.map((f) => f.path), reissued: true, ledgerRecord, reconciliation: exact };
}
