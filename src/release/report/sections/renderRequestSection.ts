import type { ReleaseManifest } from '../../manifest/ReleaseManifest.js';
import { escapeHtml } from '../escapeHtml.js';
import { formatNumber } from '../formatNumber.js';
import { renderSection } from './renderSection.js';

/** The id and heading of the request section. */
export const REQUEST_SECTION = { id: 'request', heading: 'What was asked' } as const;

/**
 * Renders section 1, what was asked: dataset, recipient, purpose, agreement, time, prikk version, release id,
 * request fingerprint (and the release it re-issues), the input file and the policy file with their sha256.
 *
 * Cost: O(1).
 *
 * @example
 * renderRequestSection(manifest, '.')
 * // '<section id="request" aria-labelledby="request-heading"><h2 id="request-heading">What was asked</h2><table class="facts">…'
 */
export function renderRequestSection(manifest: ReleaseManifest, decimalMark: '.' | ','): string {
  const code = (text: string): string => `<code>${escapeHtml(text)}</code>`;
  const rows: [string, string][] = [
    ['Dataset', escapeHtml(manifest.dataset)],
    ['Recipient', escapeHtml(manifest.recipient)],
    ['Purpose', escapeHtml(manifest.purpose)],
    ['Agreement', manifest.agreement === undefined ? '<span class="muted">none recorded</span>' : escapeHtml(manifest.agreement)],
    ['Created at', `<time datetime="${escapeHtml(manifest.createdAt)}">${escapeHtml(manifest.createdAt)}</time>`],
    ['prikk version', escapeHtml(manifest.prikkVersion)],
    ['Release id', code(manifest.releaseId)],
    ['Request fingerprint', code(manifest.requestFingerprint)],
  ];
  if (manifest.reissueOf !== undefined) rows.push(['Re-issue of', code(manifest.reissueOf)]);
  rows.push(
    [
      'Input file',
      `${escapeHtml(manifest.input.file)} (${formatNumber(manifest.input.bytes, 0, decimalMark)} bytes)<br>sha256 ${code(manifest.input.sha256)}`,
    ],
    ['Policy file', `${escapeHtml(manifest.policy.file)}<br>sha256 ${code(manifest.policy.sha256)}`],
  );
  const table =
    '<table class="facts"><caption>The request and its sources</caption><tbody>' +
    rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${v}</td></tr>`).join('') +
    '</tbody></table>';
  const reissue =
    manifest.reissueOf === undefined
      ? ''
      : `<p class="reissue">This is a re-issue of release ${code(manifest.reissueOf)}: the same request gets the same answer, ` +
        'and every value is the stored one (no new noise, no new suppression pattern).</p>';
  return renderSection(REQUEST_SECTION.id, REQUEST_SECTION.heading, reissue + table);
}
