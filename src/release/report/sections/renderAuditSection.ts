import type { AuditPartSummary, AuditSummary, ReleaseManifest } from '../../manifest/ReleaseManifest.js';
import { escapeHtml } from '../escapeHtml.js';
import { formatNumber } from '../formatNumber.js';
import { methodLabel } from '../methodLabel.js';
import { renderSection } from './renderSection.js';

/** The id and heading of the audit section. */
export const AUDIT_SECTION = { id: 'audit', heading: 'The audit' } as const;

/**
 * True when an audit summary records a failure (a failed verdict, a failed cell or a singleton leak).
 * @example auditFailed({ passed: true, failed: 0, singletonLeaks: 0, … }) // false
 */
export function auditFailed(audit: AuditSummary): boolean {
  return !audit.passed || audit.failed > 0 || audit.singletonLeaks > 0;
}

/**
 * Renders section 4, the audit: per table (`manifest.tables[i].audit`) and for the whole release with the earlier
 * releases of the dataset (`manifest.releaseAudit`): the verdict, cells checked, failures, the narrowest attacker
 * interval (the LP audit of tau-ARGUS and sdcTable: the smallest and largest values a hidden cell can take given
 * everything published; per quantity, each in its unit, and "not pinned" where no width is reported), singleton
 * leaks and the scope. Any failure puts a red box at the top of the section.
 *
 * Cost: O(tables).
 *
 * @example
 * renderAuditSection(manifest, '.')
 * // '<section id="audit" …><h2 id="audit-heading">The audit</h2><p class="verdict ok">Every audit passed.</p><table class="audit">…'
 */
export function renderAuditSection(manifest: ReleaseManifest, decimalMark: '.' | ','): string {
  const audited = manifest.tables.filter((t) => t.audit !== undefined);
  const notAudited = manifest.tables.filter((t) => t.audit === undefined);
  const failures = audited.filter((t) => auditFailed(t.audit!)).map((t) => t.name);
  const releaseFailed = manifest.releaseAudit !== undefined && auditFailed(manifest.releaseAudit);
  const n = (x: number): string => formatNumber(x, 0, decimalMark);
  const oneWidth = (a: AuditSummary | AuditPartSummary): string =>
    'notPinnedOnly' in a && a.notPinnedOnly
      ? 'not pinned'
      : a.narrowestWidth === null || !Number.isFinite(a.narrowestWidth)
        ? a.cellsChecked > 0
          ? 'unbounded'
          : '–'
        : (a.narrowestWidthIsBound ? '≥ ' : '') + formatNumber(a.narrowestWidth, Number.isInteger(a.narrowestWidth) ? 0 : 2, decimalMark);
  // One width per part (each in its own unit) when there are several or one reports none; labelled by quantity, or
  // by scope when a quantity repeats (the release-wide audit's linked groups).
  const width = (a: AuditSummary): string => {
    const parts = a.parts ?? [];
    if (parts.length === 0 || (parts.length === 1 && !parts[0]!.notPinnedOnly)) return oneWidth(a);
    const quantities = parts.map((p) => p.quantity);
    return parts
      .map((p) => {
        const label = quantities.indexOf(p.quantity) === quantities.lastIndexOf(p.quantity) ? p.quantity : p.scope;
        return `${escapeHtml(label)}: ${oneWidth(p)}`;
      })
      .join('<br>');
  };
  const verdict = (a: AuditSummary): string =>
    auditFailed(a) ? '<strong class="fail">FAILED</strong>' : '<span class="pass">passed</span>';
  const head =
    '<tr><th scope="col">Table</th><th scope="col">Method</th><th scope="col">Result</th><th scope="col" class="num">Cells checked</th>' +
    '<th scope="col" class="num">Failed</th><th scope="col" class="num">Narrowest interval width</th>' +
    '<th scope="col" class="num">Singleton leaks</th><th scope="col">Scope</th></tr>';
  const row = (label: string, method: string, a: AuditSummary): string =>
    `<tr${auditFailed(a) ? ' class="failed"' : ''}><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(method)}</td><td>${verdict(a)}</td>` +
    `<td class="num">${n(a.cellsChecked)}</td><td class="num">${n(a.failed)}</td><td class="num">${width(a)}</td>` +
    `<td class="num">${n(a.singletonLeaks)}</td><td>${escapeHtml(a.scope)}</td></tr>`;

  const parts: string[] = [];
  if (failures.length > 0 || releaseFailed) {
    const what = [...failures.map((f) => `table ${f}`), ...(releaseFailed ? ['the release-wide audit'] : [])];
    parts.push(
      '<div class="alarm" role="alert"><p><strong>The audit FAILED</strong> for ' +
        `${escapeHtml(what.join(', '))}. A hidden cell can be recovered, or bounded too tightly, from what is ` +
        'published. This release must not be handed out.</p></div>',
    );
  } else if (audited.length > 0 || manifest.releaseAudit !== undefined) {
    parts.push('<p class="verdict ok">Every audit passed: no hidden cell can be recovered or bounded too tightly from what is published.</p>');
  }
  parts.push(
    '<p class="intro">The audit solves, for every hidden sensitive cell, the smallest and largest value it could take given ' +
      'every published cell and every additive relation of the tables (linear programming). The cell is safe when that ' +
      'interval is at least its protection interval wide.</p>',
  );
  if (audited.length > 0) {
    parts.push(
      `<div class="scroll"><table class="audit"><caption>Audit per table</caption><thead>${head}</thead><tbody>` +
        audited.map((t) => row(`${t.title} (${t.name})`, methodLabel(t.method), t.audit!)).join('') +
        '</tbody></table></div>',
    );
  }
  const ra = manifest.releaseAudit;
  if (ra !== undefined) {
    const label = ra.earlierReleases === 0 ? 'This release' : `This release with ${ra.earlierReleases} earlier ${ra.earlierReleases === 1 ? 'release' : 'releases'}`;
    parts.push(
      `<div class="scroll"><table class="audit"><caption>Audit of the whole release, together with the earlier releases of the dataset</caption><thead>${head}</thead><tbody>` +
        row(label, 'every suppressed table', ra) +
        '</tbody></table></div>',
    );
  }
  const summaries = [...audited.map((t) => t.audit!), ...(ra ? [ra] : [])];
  if (summaries.some((a) => a.narrowestWidthIsBound || a.parts?.some((p) => p.narrowestWidthIsBound))) {
    parts.push(
      '<p class="note">≥ w: the narrowest interval is at least w wide (proved by tables the attacker cannot rule out); ' +
        'computing it exactly would have taken more linear programming than the audit may spend. Every verdict is exact.</p>',
    );
  }
  if (summaries.some((a) => a.parts?.some((p) => p.notPinnedOnly))) {
    parts.push(
      '<p class="note">not pinned: the published tables hold no contributions, so the audit of what every release ' +
        'published together can hold a hidden sum only to not being pinned to one value (the full protection interval ' +
        'of each magnitude rule is audited per table, above, where the contributions are known).</p>',
    );
  }
  if (notAudited.length > 0) {
    parts.push(
      '<p class="note">No LP audit (the protection of these tables does not rest on a pattern of hidden cells that margins could undo): ' +
        `${escapeHtml(notAudited.map((t) => `${t.name} (${methodLabel(t.method)})`).join(', '))}.</p>`,
    );
  }
  return renderSection(AUDIT_SECTION.id, AUDIT_SECTION.heading, parts.join(''));
}
