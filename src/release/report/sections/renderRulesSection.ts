import type { ReleaseManifest, TableManifest } from '../../manifest/ReleaseManifest.js';
import type { ReleasedTable } from '../../ReleasedTable.js';
import { escapeHtml } from '../escapeHtml.js';
import { methodLabel } from '../methodLabel.js';
import { compactJson } from '../rules/compactJson.js';
import { describeDimension } from '../rules/describeDimension.js';
import { describeParameters } from '../rules/describeParameters.js';
import { levelLabels } from '../rules/levelLabels.js';
import { renderNoiseTable } from './renderNoiseTable.js';
import { renderSection } from './renderSection.js';

/** The id and heading of the rules section. */
export const RULES_SECTION = { id: 'rules', heading: 'The rules applied' } as const;

/**
 * Renders section 2, the rules applied: per table of the manifest, its method and parameters in plain words
 * (`describeParameters`), one line per dimension saying how its hierarchy was built and how many nodes each level of
 * the released tree has (`describeDimension`), the values released, the cohort filter and the privacy spent; every
 * parameter the words do not cover as one short line (`summariseParameterValue`); a DP table's noise per level as a
 * small table (`renderNoiseTable`); and, collapsed in `<details>`, every parameter and every hierarchy spec as JSON
 * (`compactJson`), so nothing of the manifest is lost and nothing floods the page. Closed `<details>` print closed
 * (their summary line only): the print shows what the screen shows, and manifest.json holds the same JSON.
 *
 * Cost: O(size of the parameters and hierarchy specs + nodes of the released dimensions).
 *
 * @example
 * renderRulesSection(manifest, tables, ',')
 * // '<section id="rules" …><h2 id="rules-heading">The rules applied</h2><section class="rule" aria-labelledby="rules-1-heading"><h3 …>…'
 */
export function renderRulesSection(manifest: ReleaseManifest, tables: readonly ReleasedTable[], decimalMark: '.' | ',' = '.'): string {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const parts = manifest.tables.map((entry, i) => renderRule(entry, byName.get(entry.name), `rules-${i + 1}`, decimalMark));
  const body = parts.length > 0 ? parts.join('') : '<p class="muted">The manifest lists no tables.</p>';
  return renderSection(RULES_SECTION.id, RULES_SECTION.heading, body);
}

function renderRule(entry: TableManifest, released: ReleasedTable | undefined, id: string, decimalMark: '.' | ','): string {
  const smallSymbol = released?.legend.find((l) => l.status === 'small')?.symbol ?? '*';
  const described = describeParameters(entry.method, entry.parameters, { unit: entry.unit, smallSymbol });
  const releasedDimension = (column: string) => released?.dimensions.find((d) => d.name === column);
  const text = (value: string): string => escapeHtml(value);
  const facts: [string, string][] = [['Method', text(methodLabel(entry.method))]];
  facts.push([
    'Dimensions',
    entry.dimensions.length === 0
      ? 'none'
      : `<ul class="dims">${entry.dimensions.map((d) => `<li>${text(describeDimension(d.column, d.hierarchy, releasedDimension(d.column)))}</li>`).join('')}</ul>`,
  ]);
  facts.push(['Counts', text(entry.unit)]);
  facts.push(['Values released', text(entry.values.join(', '))]);
  if (entry.filter !== undefined) facts.push(['Cohort filter', text(entry.filter)]);
  if (entry.privacySpent !== undefined) facts.push(['Privacy spent', text(entry.privacySpent.description)]);
  for (const [key, value] of described.summaries) facts.push([`Parameter ${key}`, text(value)]);
  const noise =
    described.noise === undefined
      ? ''
      : renderNoiseTable(
          described.noise,
          entry.dimensions.map((d) => {
            const dimension = releasedDimension(d.column);
            return dimension === undefined ? { column: d.column } : { column: d.column, labels: levelLabels(d.hierarchy, dimension) };
          }),
          decimalMark,
        );
  const specs = entry.dimensions.some((d) => typeof d.hierarchy === 'object' && d.hierarchy !== null)
    ? details('Hierarchy specifications', Object.fromEntries(entry.dimensions.map((d) => [d.column, d.hierarchy ?? 'flat'])))
    : '';
  return (
    `<section class="rule" aria-labelledby="${id}-heading"><h3 id="${id}-heading">${escapeHtml(entry.title)} <span class="name">(${escapeHtml(entry.name)})</span></h3>` +
    described.sentences.map((s) => `<p class="rule-text">${escapeHtml(s)}.</p>`).join('') +
    `<dl class="params">${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>` +
    noise +
    details('All parameters', entry.parameters) +
    specs +
    '</section>'
  );
}

/** A closed disclosure with the value as JSON. */
function details(summary: string, value: unknown): string {
  return `<details class="json"><summary>${escapeHtml(summary)}</summary><pre>${escapeHtml(compactJson(value))}</pre></details>`;
}
