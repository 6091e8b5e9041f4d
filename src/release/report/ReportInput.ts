import type { ReleaseManifest } from '../manifest/ReleaseManifest.js';
import type { ReleasedTable } from '../ReleasedTable.js';

/**
 * What {@link renderReport} reads: the release's manifest and its protected tables, and nothing else. Neither
 * holds an unprotected value (hidden cells have no value field, noisy methods' cells hold released values only),
 * so the report cannot show one.
 *
 * @example
 * const input: ReportInput = { manifest, tables: outcomes.map((o) => o.released) };
 */
export interface ReportInput {
  /** Required. The release's manifest (`prikk.manifest/1`). */
  readonly manifest: ReleaseManifest;
  /** Required. The released tables, matched to `manifest.tables` by name. */
  readonly tables: readonly ReleasedTable[];
}
