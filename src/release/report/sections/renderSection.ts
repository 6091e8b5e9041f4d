import { escapeHtml } from '../escapeHtml.js';

/**
 * Wraps a report section: `<section id>` labelled by its `<h2>` heading (the report's second heading level, under the
 * one `<h1>`).
 *
 * @example renderSection('audit', 'The audit', '<p>…</p>')
 * // '<section id="audit" aria-labelledby="audit-heading"><h2 id="audit-heading">The audit</h2><p>…</p></section>'
 */
export function renderSection(id: string, heading: string, body: string): string {
  return `<section id="${id}" aria-labelledby="${id}-heading"><h2 id="${id}-heading">${escapeHtml(heading)}</h2>${body}</section>`;
}
