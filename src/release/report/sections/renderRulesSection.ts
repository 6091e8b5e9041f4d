import type { ReleaseManifest } from '../../manifest/ReleaseManifest.js';
import type { ReleasedTable } from '../../ReleasedTable.js';
import { escapeHtml } from '../escapeHtml.js';
import { methodLabel } from '../methodLabel.js';
import { describeParameters } from '../rules/describeParameters.js';
import { formatParameterValue } from '../rules/formatParameterValue.js';
import { renderSection } from './renderSection.js';

/** The id and heading of the rules section. */
export const RULES_SECTION = { id: 'rules', heading: 'The rules applied' } as const;

/**
 * Renders section 2, the rules applied: per table of the manifest, its method and parameters in plain words
 * (`describeParameters`), every parameter the words do not cover as a key/value list, how each dimension's
 * hierarchy was built, the values released, the cohort filter and the privacy spent.
 *
 * Cost: O(size of the parameters).
 *
 * @example
 * renderRulesSection(manifest, tables)
 * // '<section id="rules" …><h2 id="rules-heading">The rules applied</h2><section class="rule" aria-labelledby="rules-1-heading"><h3 …>…'
 */
export function renderRulesSection(manifest: ReleaseManifest, tables: readonly ReleasedTable[]): string {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const parts = manifest.tables.map((entry, i) => {
    const released = byName.get(entry.name);
    const smallSymbol = released?.legend.find((l) => l.status === 'small')?.symbol ?? '*';
    const described = describeParameters(entry.method, entry.parameters, { unit: entry.unit, smallSymbol });
    const facts: [string, string][] = [['Method', methodLabel(entry.method)]];
    facts.push([
      'Dimensions',
      entry.dimensions
        .map((d) => `${d.column} (${d.hierarchy === undefined || d.hierarchy === null ? 'flat' : typeof d.hierarchy === 'string' ? d.hierarchy : formatParameterValue(d.hierarchy)})`)
        .join('; ') || 'none',
    ]);
    facts.push(['Counts', entry.unit]);
    facts.push(['Values released', entry.values.join(', ')]);
    if (entry.filter !== undefined) facts.push(['Cohort filter', entry.filter]);
    if (entry.privacySpent !== undefined) facts.push(['Privacy spent', entry.privacySpent.description]);
    for (const [key, value] of described.others) facts.push([`Parameter ${key}`, value]);
    const id = `rules-${i + 1}`;
    return (
      `<section class="rule" aria-labelledby="${id}-heading"><h3 id="${id}-heading">${escapeHtml(entry.title)} <span class="name">(${escapeHtml(entry.name)})</span></h3>` +
      described.sentences.map((s) => `<p class="rule-text">${escapeHtml(s)}.</p>`).join('') +
      `<dl class="params">${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>` +
      '</section>'
    );
  });
  const body = parts.length > 0 ? parts.join('') : '<p class="muted">The manifest lists no tables.</p>';
  return renderSection(RULES_SECTION.id, RULES_SECTION.heading, body);
}
