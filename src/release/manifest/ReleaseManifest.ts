import type { PrivacyLossJson } from '../../protect/dp/budget/PrivacyLoss.js';
import type { Reconciliation } from '../../read/Extract.js';
import type { ReleaseMethod, UtilitySummary } from '../ReleasedTable.js';

/** The value of a manifest's `format` field. */
export const MANIFEST_FORMAT = 'prikk.manifest/1';

/** The audit of a suppression pattern as a manifest records it: verdicts and widths, never a hidden value. */
export interface AuditSummary {
  readonly passed: boolean;
  readonly cellsChecked: number;
  readonly failed: number;
  /**
   * Width of the narrowest attacker interval over every part, in its part's unit (the parts may count persons and
   * sum NOK: read `parts` for each one's). Null when nothing was checked, when it is unbounded (`Infinity` is written
   * as null too), or when every hidden cell was required only not to be pinned (`notPinnedOnly` parts).
   */
  readonly narrowestWidth: number | null;
  /**
   * Present (true) when `narrowestWidth` is a lower bound, not exact: making it exact would have taken more LP work
   * than the audit may spend (see `AuditPolicy.narrowestLpWork`). No hidden sensitive cell's interval is narrower.
   */
  readonly narrowestWidthIsBound?: true;
  readonly singletonLeaks: number;
  /** What was audited together: this table's linked group, or with every earlier release of the dataset too. */
  readonly scope: string;
  /**
   * Per part (one quantity over one set of linked tables): its checks and its narrowest interval, in its unit.
   * Absent in manifests written before prikk recorded parts.
   */
  readonly parts?: readonly AuditPartSummary[];
}

/** One part of an audit: the checks of one quantity (the counts, or one measure's sums) over one set of tables. */
export interface AuditPartSummary {
  /** What was audited: the tables and the rules (the audit's `scope` when it has one set of tables). */
  readonly scope: string;
  /** `count` or the measure: the unit of `narrowestWidth` (persons or rows; the measure's unit). */
  readonly quantity: string;
  readonly cellsChecked: number;
  readonly failed: number;
  /** Width of the part's narrowest attacker interval; null when nothing was checked, it is unbounded, or `notPinnedOnly`. */
  readonly narrowestWidth: number | null;
  /** Present (true) when `narrowestWidth` is a lower bound, not exact (see `AuditSummary.narrowestWidthIsBound`). */
  readonly narrowestWidthIsBound?: true;
  /**
   * Present (true) when every hidden cell of the part was required only not to be pinned to one value: the published
   * files hold no contributions, so no magnitude rule's protection interval can be computed from them (an audit of a
   * release folder). No width is reported; the verdict says whether any hidden cell is pinned.
   */
  readonly notPinnedOnly?: true;
}

/** What a manifest says about one table. */
export interface TableManifest {
  readonly name: string;
  readonly title: string;
  readonly method: ReleaseMethod;
  /** Every parameter the method ran with, defaults filled in (rules, bases, budgets, p-table hashes, ...). */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Per dimension: the column and how its hierarchy was built (the policy's spec, or `flat`). */
  readonly dimensions: readonly { readonly column: string; readonly hierarchy: unknown }[];
  readonly unit: string;
  readonly values: readonly string[];
  /** The cohort filter, described (`describeFilter`), when there is one. */
  readonly filter?: string;
  readonly audit?: AuditSummary;
  /** DP only: the privacy loss charged to the dataset's budget. */
  readonly privacySpent?: { readonly loss: PrivacyLossJson; readonly description: string };
  readonly summary: UtilitySummary;
  readonly notes: readonly string[];
  /** Files written for this table (relative to the release folder) and their sha256. */
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
}

/** A reconciliation the recipient does not see (`output.reconciliation: withhold`); the ledger's copy has it. */
export interface WithheldReconciliation {
  /** Why, in plain words. */
  readonly withheld: string;
}

/** The dataset's privacy budget around this release. */
export interface BudgetSummary {
  readonly lifetime: PrivacyLossJson;
  readonly spentBefore: readonly PrivacyLossJson[];
  readonly spentNow: readonly PrivacyLossJson[];
  /** Human-readable: total spent after this release, and what remains. */
  readonly description: string;
}

/**
 * The manifest of a release (`manifest.json`): enough to reproduce it and explain it later. Written with every
 * release, stored in the ledger's release store, and referenced by its sha256 from the ledger line.
 */
export interface ReleaseManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly prikkVersion: string;
  /** Unique id of this release in the dataset's ledger. */
  readonly releaseId: string;
  /**
   * sha256 of the request: the input's sha256 and the canonical policy without recipient, purpose, agreement and
   * output settings. The same request, by anyone, gets the stored release of the first time it was made.
   */
  readonly requestFingerprint: string;
  /** Set when this release re-issues a stored one (same request): the id of the original. */
  readonly reissueOf?: string;
  readonly dataset: string;
  readonly recipient: string;
  readonly purpose: string;
  readonly agreement?: string;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly input: { readonly file: string; readonly sha256: string; readonly bytes: number };
  readonly policy: { readonly file: string; readonly sha256: string; readonly content: unknown };
  /** Rows read = used + excluded by reason; withheld from the recipient's copy when the policy says so. */
  readonly reconciliation: Reconciliation | WithheldReconciliation;
  readonly tables: readonly TableManifest[];
  /** The audit of every suppressed table of this release together with the earlier releases of the dataset. */
  readonly releaseAudit?: AuditSummary & { readonly earlierReleases: number };
  readonly budget?: BudgetSummary;
  /** Every output file (relative to the release folder) and its sha256; the manifest itself excluded. */
  readonly outputs: readonly { readonly path: string; readonly sha256: string }[];
}
