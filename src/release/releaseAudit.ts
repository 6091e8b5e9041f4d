import type { CellTableJson } from '../aggregate/CellTableJson.js';
import { auditTable } from '../audit/auditTable.js';
import type { PolicyRuleSettings } from './suppressionRulesOf.js';
import { frequencyRule } from '../protect/suppression/rules/frequencyRule.js';
import { canonicalJson } from '../json/canonicalJson.js';
import type { AuditSummary } from './manifest/ReleaseManifest.js';

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
 * coordinates are the same cell. Each group is audited with the frequency rule at the largest `n` (and any
 * `zerosSensitive` / `minWidth`) of its tables; magnitude rules are audited per linked group of one release, where the
 * values are known.
 *
 * Cost: one `auditTable` per group of linked tables.
 *
 * `minGroupSize` (defaults to 2): groups with fewer tables are skipped (a lone table was audited when it was
 * protected); 1 audits every table, as an independent check of a release folder does.
 *
 * @returns One summary over every group (passed when all passed; the narrowest width over all), or undefined when
 * there is nothing to audit.
 * @example
 * await releaseAudit(current, earlier) // { passed: true, cellsChecked: 412, narrowestWidth: 5, scope: '…', … }
 */
export async function releaseAudit(tables: readonly AuditedRelease[], options: { readonly minGroupSize?: number } = {}): Promise<AuditSummary | undefined> {
  const minGroupSize = options.minGroupSize ?? 2;
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
  const scopes: string[] = [];
  for (const group of groups.values()) {
    if (group.length < minGroupSize) continue;
    const n = Math.max(...group.map((g) => g.rules.n));
    const result = await auditTable(
      group.map((g) => g.table),
      {
        rules: [
          frequencyRule({
            n,
            zerosSensitive: group.some((g) => g.rules.zerosSensitive),
            minWidth: Math.max(...group.map((g) => g.rules.minWidth)),
          }),
        ],
        singletons: false,
      },
    );
    passed &&= result.passed;
    cellsChecked += result.cellsChecked;
    failed += result.failed;
    singletonLeaks += result.singletonLeaks;
    const w = result.narrowest?.width;
    if (w !== undefined && Number.isFinite(w)) narrowest = narrowest === null ? w : Math.min(narrowest, w);
    scopes.push(`${group.map((g) => g.label).join(' + ')} (count < ${n})`);
  }
  if (scopes.length === 0) return undefined;
  return { passed, cellsChecked, failed, narrowestWidth: narrowest, singletonLeaks, scope: scopes.join('; ') };
}
