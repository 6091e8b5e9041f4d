import type { CellTable } from '../../aggregate/CellTable.js';
import type { PrimaryRule } from '../../protect/suppression/rules/PrimaryRule.js';
import type { TableManifest } from '../manifest/ReleaseManifest.js';
import type { ReleasedTable } from '../ReleasedTable.js';

/** What a method plug-in returns per table. */
export interface TableOutcome {
  /** The table for the writers: no unprotected value in it. */
  readonly released: ReleasedTable;
  /** The table's manifest entry, without `files` (the release step adds them when it writes). */
  readonly manifest: Omit<TableManifest, 'files'>;
  /** Suppression only: the protected table (true values, statuses set) and its rules, for the release-wide audit. */
  readonly auditable?: { readonly table: CellTable; readonly rules: readonly PrimaryRule[] };
  /** Extra files of the table (e.g. k-anonymity's anonymised records), by name relative to the release folder. */
  readonly extraFiles?: readonly { readonly path: string; readonly content: string }[];
}
