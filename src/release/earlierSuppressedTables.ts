import type { CellTableJson } from '../aggregate/CellTableJson.js';
import type { LedgerRecord } from '../ledger/LedgerRecord.js';
import type { ReleaseLedger } from '../ledger/ReleaseLedger.js';
import type { ReleasePolicy } from '../policy/ReleasePolicy.js';
import type { ReleaseManifest } from './manifest/ReleaseManifest.js';
import { cohortKey } from './methods/cohortKey.js';
import type { AuditedRelease } from './releaseAudit.js';
import { readStoredJson, STORED } from './storedRelease.js';
import { suppressionRulesOf } from './suppressionRulesOf.js';

/**
 * The suppressed tables of the dataset's earlier releases, as published (read from the ledger's store), with their
 * suppression rules and cohorts, for the release-wide audit (`releaseAudit`).
 *
 * Cost: one verified read of each earlier release's manifest and suppressed tables.
 * @throws {PrikkError} `LEDGER_CORRUPT` when a stored file differs from its ledger line.
 * @example
 * (await earlierSuppressedTables(ledger, await ledger.records())).map((t) => t.label) // ['20261101T…/by_hospital']
 */
export async function earlierSuppressedTables(ledger: ReleaseLedger, records: readonly LedgerRecord[]): Promise<AuditedRelease[]> {
  const out: AuditedRelease[] = [];
  for (const r of records) {
    if (r.kind !== 'release' || !r.releaseId || !r.tables?.some((t) => t.method === 'suppression')) continue;
    const manifest = (await readStoredJson(ledger, r.releaseId, STORED.manifest)) as ReleaseManifest;
    const policy = manifest.policy.content as ReleasePolicy;
    for (const t of r.tables) {
      if (t.method !== 'suppression') continue;
      const tablePolicy = policy.tables.find((p) => p.name === t.name);
      const rules = tablePolicy ? suppressionRulesOf(tablePolicy) : undefined;
      if (!tablePolicy || !rules) continue;
      const table = (await readStoredJson(ledger, r.releaseId, STORED.table(t.name))) as CellTableJson;
      out.push({ label: `${r.releaseId}/${t.name}`, table, cohort: cohortKey(tablePolicy), rules });
    }
  }
  return out;
}
