import type { LedgerRecord } from '../ledger/LedgerRecord.js';
import type { LoadedPolicy } from '../policy/loadPolicy.js';
import type { RandomSource } from '../random/RandomSource.js';
import type { SuppressionProgress } from '../protect/suppression/SuppressionProgress.js';
import type { Reconciliation } from '../read/Extract.js';
import type { ReleaseManifest } from './manifest/ReleaseManifest.js';
import type { ReleasedTable } from './ReleasedTable.js';

/** A step of a release, for progress display. */
export type ReleaseStep = 'hash' | 'ledger' | 'read' | 'protect' | 'audit' | 'render' | 'record' | 'write';

/** The options of {@link runRelease}. */
export interface ReleaseOptions {
  /** Required. The extract (CSV file). */
  readonly extract: string;
  /** Required. The policy file, or a policy already loaded with `loadPolicy`. */
  readonly policy: string | LoadedPolicy;
  /** Required. The release folder to create (it must not exist, or be empty). */
  readonly out: string;
  /** Defaults to the policy's `ledger` (relative to the policy file). The ledger folder. */
  readonly ledger?: string;
  /** Defaults to `() => new Date()`. */
  readonly now?: () => Date;
  /** Defaults to `cryptoRandomSource()`. The source of DP noise and random rounding. */
  readonly random?: RandomSource;
  /** Defaults to none. Tests only: the name of an insecure source to accept (refused otherwise). */
  readonly insecureRandomForTesting?: string;
  /** Defaults to `process.env`. Where the cell key method's secret is looked up. */
  readonly env?: (name: string) => string | undefined;
  /**
   * Defaults to 10 000. How long to wait, in milliseconds, while another process holds the dataset's ledger lock (a
   * release holds it from reading the extract to writing the folder); 0 tries once. Then `LEDGER_LOCKED`.
   */
  readonly lockTimeoutMs?: number;
  /** Defaults to none. Called when a step starts. */
  readonly onProgress?: (step: ReleaseStep, detail: string) => void;
  /** Defaults to none. Called while the extract is read, with the bytes parsed so far and the file's size. */
  readonly onReadProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * Defaults to none. Called as each step of a table's suppression starts (see `SuppressionProgress`: counts only),
   * with the names of the tables protected together: the repairs and audits of a large table take seconds to minutes.
   */
  readonly onSuppressionProgress?: (tables: readonly string[], progress: SuppressionProgress) => void;
  /**
   * Defaults to none. Stops the release once aborted, with `PrikkError` `ABORTED`, until it is recorded in the ledger:
   * then nothing was released, recorded or written (e.g. `AbortSignal.timeout(ms)` for a time limit). Checked between
   * steps and tables and before each LP of a suppression or audit; once the ledger has recorded the release, it is
   * written whatever the signal says.
   */
  readonly signal?: AbortSignal;
}

/** What {@link runRelease} did. */
export interface ReleaseOutcome {
  readonly manifest: ReleaseManifest;
  readonly tables: readonly ReleasedTable[];
  /** Absolute path of the release folder. */
  readonly outDir: string;
  readonly files: readonly string[];
  /** True when the same request was released before and its stored tables were issued again (no new noise). */
  readonly reissued: boolean;
  readonly ledgerRecord: LedgerRecord;
  /**
   * The exact reconciliation of the extract's rows, for the analyst (and the ledger's stored copy), whether or not
   * the recipient's manifest shows it (`output.reconciliation`).
   */
  readonly reconciliation: Reconciliation;
}
