import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PrikkError } from '../errors/PrikkError.js';
import { describeLoss, lossFromJson, lossToJson, type PrivacyLossJson } from '../protect/dp/budget/PrivacyLoss.js';
import { composeLosses } from './composeLosses.js';
import type { LedgerRecord } from './LedgerRecord.js';
import { parseLedger } from './parseLedger.js';

const NAME = /^[A-Za-z0-9._-]+$/;

/** What one dataset's ledger holds, in brief (see {@link summariseLedgers}). */
export interface LedgerSummary {
  readonly dataset: string;
  /** False when the hash chain does not verify; the counts then cover the lines before the problem. */
  readonly ok: boolean;
  readonly problem?: string;
  readonly line?: number;
  /** Lines in the ledger (that verified). */
  readonly lines: number;
  readonly releases: number;
  readonly reissues: number;
  /** `spend` lines (spending recorded outside a release line). */
  readonly spends: number;
  /** Every recipient of a release or re-issue, once each, sorted. */
  readonly recipients: readonly string[];
  /** `at` of the last `release` line. */
  readonly lastReleaseAt?: string;
  /** Everything spent on the dataset, composed exactly per kind (see `composeLosses`); empty when nothing was. */
  readonly spent: readonly { readonly loss: PrivacyLossJson; readonly description: string }[];
}

/**
 * Summarises every dataset ledger in a ledger folder (each sub-folder with a `ledger.jsonl`): releases, re-issues,
 * recipients, the time of the last release, and the privacy budget spent, composed by `composeLosses` (sum of ε
 * for pure DP, of ρ and δ for zCDP, of ε and δ for approximate DP; one total per kind that occurs) and described
 * by `describeLoss`. Verifies each hash chain (not the stored files: `verifyLedger` does); a ledger that does not
 * verify is summarised up to its first bad line and marked `ok: false`, so one damaged ledger does not hide the
 * others. Read-only: takes no lock.
 *
 * Cost: one read of every ledger, O(total size).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a missing `dir`; `IO_ERROR` when the folder does not exist or a ledger
 * cannot be read.
 * @example
 * await summariseLedgers('./ledger')
 * // [{ dataset: 'hip', ok: true, lines: 3, releases: 2, reissues: 1, spends: 0, recipients: ['Acme', 'Univ'],
 * //    lastReleaseAt: '2025-03-01T10:00:00.000Z', spent: [{ loss: { kind: 'zcdp', rho: '1/25', delta: '0' }, description: 'ρ = 1/25 (0.04)' }] }]
 */
export async function summariseLedgers(dir: string): Promise<readonly LedgerSummary[]> {
  if (typeof dir !== 'string' || dir.length === 0) {
    throw new PrikkError('INVALID_ARGUMENT', 'summariseLedgers: dir: expected the ledger folder, a non-empty path');
  }
  const root = resolve(dir);
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (e) {
    throw new PrikkError('IO_ERROR', `summariseLedgers: cannot read the ledger folder ${root}: ${(e as Error).message}`, { file: root });
  }
  const out: LedgerSummary[] = [];
  for (const entry of entries.filter((e) => e.isDirectory() && NAME.test(e.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const file = join(root, entry.name, 'ledger.jsonl');
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new PrikkError('IO_ERROR', `summariseLedgers: cannot read ${file}: ${(e as Error).message}`, { file });
    }
    const parsed = parseLedger(bytes, entry.name);
    out.push(summarise(entry.name, parsed.records, parsed.problem, parsed.line));
  }
  return Object.freeze(out);
}

function summarise(dataset: string, records: readonly LedgerRecord[], problem: string | undefined, line: number | undefined): LedgerSummary {
  const recipients = new Set<string>();
  let releases = 0;
  let reissues = 0;
  let spends = 0;
  let lastReleaseAt: string | undefined;
  for (const r of records) {
    if (r.kind === 'release') {
      releases++;
      lastReleaseAt = r.at;
    } else if (r.kind === 'reissue') reissues++;
    else spends++;
    if (r.recipient !== undefined && r.kind !== 'spend') recipients.add(r.recipient);
  }
  const spent = composeLosses(records.flatMap((r) => r.spent.map((s) => lossFromJson(s.loss)))).map((loss) =>
    Object.freeze({ loss: lossToJson(loss), description: describeLoss(loss) }),
  );
  return Object.freeze({
    dataset,
    ok: problem === undefined,
    ...(problem !== undefined ? { problem, line: line! } : {}),
    lines: records.length,
    releases,
    reissues,
    spends,
    recipients: Object.freeze([...recipients].sort()),
    ...(lastReleaseAt !== undefined ? { lastReleaseAt } : {}),
    spent: Object.freeze(spent),
  });
}
