import type { PrivacyLossJson } from '../protect/dp/budget/PrivacyLoss.js';

/** The value of every ledger line's `format` field. */
export const LEDGER_FORMAT = 'prikk.ledger/1';

/** One table of a release as the ledger records it. */
export interface LedgerTable {
  readonly name: string;
  readonly method: string;
  /** DP only: the table's privacy loss. */
  readonly privacy?: PrivacyLossJson;
}

/**
 * One line of a dataset's ledger (`<ledger>/<dataset>/ledger.jsonl`), append-only and hash-chained: `prev` is the
 * previous line's `hash` (64 zeros for the first line), and `hash` is the sha256 of the line's canonical JSON
 * (keys sorted) without `hash`. Changing, removing or reordering any line breaks the chain.
 *
 * - `release`: a new release; its stored files (manifest and tables, in `releases/<releaseId>/`) are listed with
 *   their sha256 so the store cannot be altered unnoticed.
 * - `reissue`: the same request answered again from the store (no new noise, no budget spent).
 * - `spend`: privacy spending recorded through the `BudgetLedger` interface outside a release.
 */
export interface LedgerRecord {
  readonly format: typeof LEDGER_FORMAT;
  readonly seq: number;
  readonly kind: 'release' | 'reissue' | 'spend';
  /** ISO 8601. */
  readonly at: string;
  readonly dataset: string;
  readonly prikkVersion: string;
  readonly releaseId?: string;
  /** release / reissue: the request's fingerprint (see `ReleaseManifest.requestFingerprint`). */
  readonly requestFingerprint?: string;
  /** reissue: the release answered again. */
  readonly reissueOf?: string;
  readonly recipient?: string;
  readonly purpose?: string;
  readonly agreement?: string;
  readonly inputSha256?: string;
  readonly policySha256?: string;
  readonly tables?: readonly LedgerTable[];
  /** Privacy spent by this line (empty for reissues), with the accountant's labels. */
  readonly spent: readonly { readonly label: string; readonly loss: PrivacyLossJson }[];
  /** release: the stored files, relative to the dataset folder, with their sha256. */
  readonly stored?: readonly { readonly path: string; readonly sha256: string }[];
  readonly prev: string;
  readonly hash: string;
}

/** A ledger line before it is chained: the ledger sets `format`, `seq`, `dataset`, `prikkVersion`, `prev` and `hash`. */
export type NewLedgerRecord = Omit<LedgerRecord, 'format' | 'seq' | 'dataset' | 'prikkVersion' | 'prev' | 'hash'>;
