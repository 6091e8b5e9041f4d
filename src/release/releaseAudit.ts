import type { CellTable } from '../aggregate/CellTable.js';
import { cellTableFromJson } from '../aggregate/cellTableFromJson.js';
import type { CellTableJson } from '../aggregate/CellTableJson.js';
import type { AuditResult } from '../audit/AuditResult.js';
import { auditReadOptions } from '../audit/auditReadOptions.js';
import { auditTable } from '../audit/auditTable.js';
import { canonicalJson } from '../json/canonicalJson.js';
import { frequencyRule } from '../protect/suppression/rules/frequencyRule.js';
import type { AuditPartSummary, AuditSummary } from './manifest/ReleaseManifest.js';
import { auditParts } from './methods/auditSummary.js';
import { buildRule } from './methods/buildRule.js';
import type { PolicyRuleSettings } from './suppressionRulesOf.js';

/** A suppressed table as the attacker sees it (hidden cells without values), with what it was protected for. */
export interface AuditedRelease {
  /** `<release id>/<table name>`, for the scope text. */
  readonly label: string;
  readonly table: CellTableJson;
  /** The cohort filter (tables with different cohorts share no relation), canonical JSON or '' for none. */
  readonly cohort: string;
  readonly rules: PolicyRuleSettings;
}


/**
 * The release-wide audit: every suppressed table of this release together with every suppressed table of the
 * dataset's earlier releases, as published (hidden cells carry no value), so that a cell hidden in one release cannot
 * be recomputed from the union of what all releases published (Hundepool et al. 2012, §4.4: linked tables).
 *
 * Tables are linked when they count the same unit over the same cohort (same filter): their cells with equal
 * coordinates are the same cell. In each group of linked tables:
 * - counts: the tables that publish their counts, audited with the frequency rule at the largest `n` (and any
 *   `zerosSensitive` / `minWidth`) of the group's tables;
 * - sums: for every measure a magnitude rule (dominance, p %) of the group protects, the tables that publish its sums,
 *   audited with those rules. The published files hold no hidden value, so a hidden sum is held to what a rule can
 *   require without values: it must not be pinned to one value by the union. (The full protection interval of each
 *   rule, which needs the cell's contributions, is audited per linked group of one release, where they are known.)
 *
 * Cost: one `auditTable` per group of linked tables and quantity.
 *
 * `minGroupSize` (defaults to 2): groups with fewer tables are skipped (a lone table was audited when it was
 * protected); 1 audits every table, as an independent check of a release folder does. `signal` (optional) stops the
 * audits before their next LP once aborted (`PrikkError` `ABORTED`).
 *
 * @returns One summary over every group (passed when all passed; the narrowest width over all, whose units may
 * differ; `parts`: each group's quantities with their own narrowest, the hidden sums `notPinnedOnly`), or undefined
 * when there is nothing to audit.
 * @example
 * await releaseAudit([...earlier, ...current]) // { passed: true, cellsChecked: 412, narrowestWidth: 5, scope: '…', … }
 */
export async function releaseAudit(tables: readonly AuditedRelease[], options: { readonly minGroupSize?: number; readonly signal?: AbortSignal | undefined } = {}): Promise<AuditSummary | undefined> {
  const minGroupSize = options.minGroupSize ?? 2;
  const { signal } = options;
  const groups = new Map<string, AuditedRelease[]>();
  for (const t of tables) {
    const key = canonicalJson({ unit: t.table.unit ?? null, cohort: t.cohort });
    const list = groups.get(key) ?? [];
    list.push(t);
    groups.set(key, list);
  }
  let passed = true;
  let cellsChecked = 0;
  let failed = 0;
  let singletonLeaks = 0;
  let narrowest: number | null = null;
  let narrowestIsBound = false;
  const scopes: string[] = [];
  const parts: AuditPartSummary[] = [];
  const count = (result: AuditResult, group: readonly AuditedRelease[], what: string): void => {
    passed &&= result.passed;
    cellsChecked += result.cellsChecked;
    failed += result.failed;
    singletonLeaks += result.singletonLeaks;
    const scope = `${group.map((g) => g.label).join(' + ')} (${what})`;
    for (const part of auditParts(result, scope)) {
      parts.push(part);
      const w = part.narrowestWidth;
      // On a tie the exact width wins: it is then the true narrowest (the other is a lower bound).
      if (w !== null && (narrowest === null || w < narrowest || (w === narrowest && !part.narrowestWidthIsBound))) {
        narrowest = w;
        narrowestIsBound = part.narrowestWidthIsBound === true;
      }
    }
    scopes.push(scope);
  };
  for (const group of groups.values()) {
    const read = group.map((g) => ({ release: g, table: cellTableFromJson(g.table, auditReadOptions) }));
    const withCounts = read.filter((r) => publishes(r.table, r.table.counts));
    if (withCounts.length >= minGroupSize) {
      const n = Math.max(...withCounts.map((r) => r.release.rules.n));
      const rule = frequencyRule({
        n,
        zerosSensitive: withCounts.some((r) => r.release.rules.zerosSensitive),
        minWidth: Math.max(...withCounts.map((r) => r.release.rules.minWidth)),
      });
      const releases = withCounts.map((r) => r.release);
      count(await auditTable(withCounts.map((r) => r.table), { rules: [rule], singletons: false, ...(signal ? { signal } : {}) }), releases, `count < ${n}`);
    }
    const measures = new Set(group.flatMap((g) => g.rules.magnitudes.map(measureOf)));
    for (const measure of [...measures].sort()) {
      const withSums = read.filter((r) => {
        const sums = r.table.sums.get(measure);
        return sums !== undefined && publishes(r.table, sums);
      });
      if (withSums.length < minGroupSize) continue;
      const policies = new Map<string, (typeof group)[number]['rules']['magnitudes'][number]>();
      for (const r of withSums) for (const m of r.release.rules.magnitudes) if (measureOf(m) === measure) policies.set(canonicalJson(m), m);
      const rules = [...policies.keys()].sort().map((k) => buildRule(policies.get(k)!));
      const releases = withSums.map((r) => r.release);
      const result = await auditTable(withSums.map((r) => r.table), { rules, singletons: false, ...(signal ? { signal } : {}) });
      count(result, releases, `${measure}: ${rules.map((r) => r.name).join(', ')}; hidden sums not pinned`);
    }
  }
  if (scopes.length === 0) return undefined;
  return {
    passed,
    cellsChecked,
    failed,
    narrowestWidth: narrowest,
    ...(narrowestIsBound ? { narrowestWidthIsBound: true as const } : {}),
    singletonLeaks,
    scope: scopes.join('; '),
    parts,
  };
}

/** The measure a magnitude rule of a policy reads. */
function measureOf(rule: PolicyRuleSettings['magnitudes'][number]): string {
  return 'dominance' in rule ? rule.dominance.measure : 'pPercent' in rule ? rule.pPercent.measure : '';
}

/** Whether every published cell of the table shows this value (a table that leaves it out publishes none of it). */
function publishes(table: CellTable, values: Float64Array): boolean {
  let any = false;
  for (let c = 0; c < table.cellCount; c++) {
    if (table.statusOf(c) !== 'published') continue;
    if (Number.isNaN(values[c]!)) return false;
    any = true;
  }
  return any;
}
