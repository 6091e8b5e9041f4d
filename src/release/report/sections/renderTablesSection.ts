import type { ReleaseManifest } from '../../manifest/ReleaseManifest.js';
import type { ReleasedTable } from '../../ReleasedTable.js';
import { escapeHtml } from '../escapeHtml.js';
import { renderReleasedTable } from '../tables/renderReleasedTable.js';
import { renderSection } from './renderSection.js';

/** The id and heading of the tables section. */
export const TABLES_SECTION = { id: 'tables', heading: 'The tables' } as const;

/**
 * Renders section 3, the tables: each released table with its cells (hidden cells as their symbol, explained in
 * a tooltip and the footnotes), in the order of `tables`, matched to its manifest entry by name. A manifest
 * entry without a released table is listed as missing.
 *
 * Cost: O(total cells × value fields).
 *
 * @example
 * renderTablesSection(manifest, tables, '.')
 * // '<section id="tables" …><h2 id="tables-heading">The tables</h2><section class="released-table" id="table-1" …>…'
 */
export function renderTablesSection(manifest: ReleaseManifest, tables: readonly ReleasedTable[], decimalMark: '.' | ','): string {
  const entries = new Map(manifest.tables.map((t) => [t.name, t]));
  const names = new Set(tables.map((t) => t.name));
  const missing = manifest.tables.filter((t) => !names.has(t.name)).map((t) => t.name);
  const parts = tables.map((table, i) => renderReleasedTable(table, entries.get(table.name), i, decimalMark));
  const note =
    missing.length > 0
      ? `<p class="note">Not shown in this report (see the release's files): ${escapeHtml(missing.join(', '))}.</p>`
      : '';
  const intro =
    '<p class="intro">Totals and subtotals are shaded. A hidden cell shows its symbol; hover over it (or see the ' +
    "footnotes under the table) for what the symbol means. Hidden cells carry no value anywhere in this release.</p>";
  return renderSection(TABLES_SECTION.id, TABLES_SECTION.heading, intro + parts.join('') + note);
}
