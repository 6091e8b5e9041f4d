import type { ReleaseManifest } from '../manifest/ReleaseManifest.js';
import { asRecord } from './rules/readParameter.js';

/**
 * The decimal mark the release's tables use, read from the policy in the manifest as `OutputPolicy` defines it:
 * `output.decimalMark` when given, else `,` when the CSV delimiter is `;` (its default), else `.`. The report shows
 * numbers as the CSV and XLSX files do.
 *
 * Cost: O(1).
 *
 * @example
 * decimalMarkOf({ ...manifest, policy: { file: 'p.yaml', sha256: '…', content: { output: { decimalMark: '.' } } } }) // '.'
 * decimalMarkOf({ ...manifest, policy: { file: 'p.yaml', sha256: '…', content: {} } })                              // ','
 */
export function decimalMarkOf(manifest: ReleaseManifest): '.' | ',' {
  const output = asRecord(asRecord(manifest.policy.content)?.['output']);
  const mark = output?.['decimalMark'];
  if (mark === '.' || mark === ',') return mark;
  const delimiter = output?.['csvDelimiter'];
  return delimiter === undefined || delimiter === ';' ? ',' : '.';
}
