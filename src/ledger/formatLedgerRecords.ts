import { describeLoss, lossFromJson } from '../protect/dp/budget/PrivacyLoss.js';
import { composeLosses } from './composeLosses.js';
import { formatColumns } from './formatColumns.js';
import type { LedgerRecord } from './LedgerRecord.js';

/**
 * A dataset's ledger lines as a plain-text table for `prikk ledger --dataset`: one line per ledger line with its
 * seq, time, kind (`reissue of <id>` for re-issues), release id, recipient, tables with their methods, and the
 * privacy it spent (composed per kind with `composeLosses`, `-` for none).
 *
 * Cost: O(lines + tables).
 *
 * @example
 * formatLedgerRecords(await ledger.records())
 * // seq  time                      kind           release  recipient             tables                                spent
 * //   1  2025-01-10T09:00:00.000Z  release        r1       Acme Pharma AS        by_region (suppression), counts (dp)  ρ = 1/50 (0.02)
 * //   2  2025-02-01T09:00:00.000Z  reissue of r1  r2       University of Bergen  by_region (suppression)               -
 * //   3  2025-03-02T09:00:00.000Z  spend          -        -                     -                                     ε = 1/4 (0.25)
 */
export function formatLedgerRecords(records: readonly LedgerRecord[]): string {
  if (records.length === 0) return 'no ledger lines';
  const rows = records.map((r) => {
    const spent = composeLosses(r.spent.map((s) => lossFromJson(s.loss)));
    return [
      String(r.seq),
      r.at,
      r.kind === 'reissue' ? `reissue of ${r.reissueOf ?? '?'}` : r.kind,
      r.releaseId ?? '-',
      r.recipient ?? '-',
      r.tables && r.tables.length > 0 ? r.tables.map((t) => `${t.name} (${t.method})`).join(', ') : '-',
      spent.length === 0 ? '-' : spent.map(describeLoss).join('; '),
    ];
  });
  return formatColumns(['seq', 'time', 'kind', 'release', 'recipient', 'tables', 'spent'], rows, [0]);
}
