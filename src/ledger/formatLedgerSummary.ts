import { formatColumns } from './formatColumns.js';
import type { LedgerSummary } from './summariseLedgers.js';

/**
 * The summaries of {@link summariseLedgers} as a plain-text table for `prikk ledger`: one line per dataset with its
 * lines, releases, re-issues, number of recipients, last release time, the privacy spent (per kind), and whether
 * the hash chain verifies (`CORRUPT at line n: why` when not).
 *
 * Cost: O(datasets).
 *
 * @example
 * formatLedgerSummary(await summariseLedgers('./ledger'))
 * // dataset  lines  releases  reissues  recipients  last release              privacy spent                    chain
 * // hip          4         2         1           2  2025-03-01T09:00:00.000Z  ε = 3/4 (0.75); ρ = 1/20 (0.05)  ok
 * // knee         1         1         0           1  2025-01-05T00:00:00.000Z  -                                ok
 */
export function formatLedgerSummary(summaries: readonly LedgerSummary[]): string {
  if (summaries.length === 0) return 'no dataset ledgers';
  const rows = summaries.map((s) => [
    s.dataset,
    String(s.lines),
    String(s.releases),
    String(s.reissues),
    String(s.recipients.length),
    s.lastReleaseAt ?? '-',
    s.spent.length === 0 ? '-' : s.spent.map((x) => x.description).join('; '),
    s.ok ? 'ok' : `CORRUPT at line ${s.line ?? '?'}: ${s.problem ?? 'unknown problem'}`,
  ]);
  return formatColumns(['dataset', 'lines', 'releases', 'reissues', 'recipients', 'last release', 'privacy spent', 'chain'], rows, [1, 2, 3, 4]);
}
