import { escapeHtml } from './escapeHtml.js';
import { decimalMarkOf } from './decimalMarkOf.js';
import { REPORT_STYLES } from './reportStyles.js';
import type { ReportInput } from './ReportInput.js';
import { AUDIT_SECTION, auditFailed, renderAuditSection } from './sections/renderAuditSection.js';
import { RECONCILIATION_SECTION, renderReconciliationSection } from './sections/renderReconciliationSection.js';
import { renderRequestSection, REQUEST_SECTION } from './sections/renderRequestSection.js';
import { renderRulesSection, RULES_SECTION } from './sections/renderRulesSection.js';
import { renderTablesSection, TABLES_SECTION } from './sections/renderTablesSection.js';
import { renderUtilitySection, UTILITY_SECTION } from './sections/renderUtilitySection.js';
import { validateReportInput } from './validateReportInput.js';

/** The report's sections in order: id (the `#fragment`) and `<h2>` heading. */
export const REPORT_SECTIONS: readonly { readonly id: string; readonly heading: string }[] = [
  REQUEST_SECTION,
  RULES_SECTION,
  TABLES_SECTION,
  AUDIT_SECTION,
  UTILITY_SECTION,
  RECONCILIATION_SECTION,
];

/**
 * Renders a release as ONE self-contained HTML5 document: what was asked (dataset, recipient, purpose, agreement,
 * time, version, release id, request fingerprint, input and policy with their sha256), the rules applied per table
 * in plain words, each table with its hidden cells marked and explained (symbol, tooltip, footnotes), the audit,
 * the utility cost with bar charts and the privacy budget, and the reconciliation of input rows.
 *
 * The file needs nothing else: the style sheet is inline, charts are inline SVG, there is no script, no font, no
 * image and no link to fetch, and a Content-Security-Policy (`default-src 'none'`) makes browsers refuse anything
 * that would. It reads well printed (A4 print rules). Every text from the manifest or the tables is escaped
 * (`escapeHtml`). It reads only the manifest and the released tables, which hold no unprotected value: a hidden
 * cell shows its symbol, never a number. Accessibility follows WCAG 2.1: one `<h1>`, an `<h2>` per section, an
 * `<h3>` per table; `<caption>` on every table, `scope` on every header cell; charts are `role="img"` with
 * `<title>` and `<desc>`, and their numbers are also in the text.
 *
 * Cost: O(cells × value fields) time and output size; tables of three or more dimensions show at most 2,000 cells.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when the input is malformed (see `validateReportInput`), notably a hidden
 *   cell that carries a value, or two tables with the same name.
 * @example
 * const html = renderReport({ manifest, tables: outcomes.map((o) => o.released) });
 * await writeFile(join(out, 'report.html'), html);
 * // html starts with '<!DOCTYPE html>\n<html lang="en">' and contains
 * // '<h1>Release report: hip-fracture-2025</h1>' and one <section> per REPORT_SECTIONS entry
 */
export function renderReport(input: ReportInput): string {
  validateReportInput(input);
  const { manifest, tables } = input;
  const decimalMark = decimalMarkOf(manifest);
  const failed =
    manifest.tables.some((t) => t.audit !== undefined && auditFailed(t.audit)) ||
    (manifest.releaseAudit !== undefined && auditFailed(manifest.releaseAudit));
  const banner = failed
    ? '<div class="alarm" role="alert"><p><strong>The audit of this release FAILED.</strong> ' +
      `See <a href="#${AUDIT_SECTION.id}">the audit</a>. It must not be handed out.</p></div>`
    : '';
  const toc =
    '<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>' +
    REPORT_SECTIONS.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.heading)}</a></li>`).join('') +
    '</ol></nav>';
  const subtitle =
    `Release <code>${escapeHtml(manifest.releaseId)}</code> to ${escapeHtml(manifest.recipient)}, ` +
    `<time datetime="${escapeHtml(manifest.createdAt)}">${escapeHtml(manifest.createdAt)}</time>` +
    (manifest.reissueOf === undefined ? '' : ` (re-issue of <code>${escapeHtml(manifest.reissueOf)}</code>)`);
  const sections = [
    renderRequestSection(manifest, decimalMark),
    renderRulesSection(manifest, tables, decimalMark),
    renderTablesSection(manifest, tables, decimalMark),
    renderAuditSection(manifest, decimalMark),
    renderUtilitySection(manifest, decimalMark),
    renderReconciliationSection(manifest.reconciliation, decimalMark),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
    `<meta name="generator" content="prikk ${escapeHtml(manifest.prikkVersion)}">`,
    `<title>${escapeHtml(`Release report: ${manifest.dataset} (${manifest.releaseId})`)}</title>`,
    `<style>${REPORT_STYLES}</style>`,
    '</head>',
    '<body>',
    `<header><h1>Release report: ${escapeHtml(manifest.dataset)}</h1><p class="subtitle">${subtitle}</p>${banner}${toc}</header>`,
    `<main>${sections.join('\n')}</main>`,
    `<footer>Made by prikk ${escapeHtml(manifest.prikkVersion)} from the release manifest and the released tables. ` +
      'This file is self-contained: it loads nothing and runs no script.</footer>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
