import type { CellTable } from '../../aggregate/CellTable.js';
import { PrikkError } from '../../errors/PrikkError.js';
import type { SuppressionMethodPolicy } from '../../policy/ReleasePolicy.js';
import { suppressCells } from '../../protect/suppression/suppressCells.js';
import type { SuppressionProgress } from '../../protect/suppression/SuppressionProgress.js';
import { aggregateRequest } from './aggregateRequest.js';
import { auditSummary } from './auditSummary.js';
import { buildRule, magnitudeNeed } from './buildRule.js';
import { countsAdditive } from './countsAdditive.js';
import { primaryMeaning } from './describeRule.js';
import type { MethodContext } from './MethodContext.js';
import { releasedFromCellTable } from './releasedFromCellTable.js';
import type { TableOutcome } from './TableOutcome.js';
import { tableManifest } from './tableManifest.js';
import type { TableRequest } from './TableRequest.js';
import { parseValueKey, valueMeasures } from './valueFields.js';

const FN = 'protectSuppression';
const PUBLISHED_MEANING = 'Published as counted';

/**
 * Cell suppression of one or more tables protected together (linked tables: a cell they share is hidden in all or
 * none, and what one table hides no other reveals; de Wolf & Giessing 2009). Each table is aggregated from the
 * extract (with the measures its values and the magnitude rules read, and the top contributors the dominance and
 * p % rules need), then `suppressCells` sets primary cells by the rules, secondary cells by Gaussian elimination
 * (`fast`) or the MIP (`optimal`), protects singletons, and audits the pattern by linear programming (the attacker's
 * interval of every hidden sensitive cell). If the audit fails, nothing is released.
 *
 * Per table: the released table (hidden cells without values; legend `Hidden: fewer than 5 persons (count < 5)`,
 * `Hidden to protect another hidden cell`), the manifest entry (rules, secondary method, cost, singletons, primary
 * cells per rule and secondary cells of the table and of the group, the audit summary with scope
 * `linked group: a, b`), and the protected table with its rules for the release-wide audit.
 *
 * Linked tables must count the same unit from the same cohort (the same filter and person-row choice):
 * `protectTables` groups them so. A table of distinct persons must be additive (no person in two finest cells, see
 * `countsAdditive`): the secondary suppression and the audit reason over the table's additive relations, which do not
 * hold otherwise. The table's `personRow` makes it so: each person is counted once, in the cell of their first (or
 * last) row.
 *
 * Cost: one aggregation per table plus `suppressCells` on all of them (near-linear in cells for `fast`, plus small
 * LPs; a MIP for `optimal`).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for no requests, bad settings (no rules, unknown secondary method, cost or
 * singletons), a published sum or mean without a magnitude rule on its measure, a persons table that is not additive,
 * or tables that cannot be linked;
 * `PROTECTION_FAILED` when the audit of the pattern fails (the message gives counts only, never a hidden value);
 * whatever `aggregate` and `suppressCells` throw.
 * @example
 * const [outcome] = await protectSuppression([byHospital], { rules: [{ frequency: { n: 5 } }] }, ctx);
 * outcome.released.legend[1] // { status: 'primary', symbol: '..', meaning: 'Hidden: fewer than 5 persons (count < 5)', cells: 1 }
 * outcome.manifest.audit     // { passed: true, cellsChecked: 1, failed: 0, narrowestWidth: 38, singletonLeaks: 0, scope: 'linked group: by_hospital' }
 */
export async function protectSuppression(
  requests: readonly TableRequest[],
  settings: SuppressionMethodPolicy,
  ctx: MethodContext,
): Promise<TableOutcome[]> {
  if (!Array.isArray(requests) || requests.length === 0) throw new PrikkError('INVALID_ARGUMENT', `${FN}: expected at least one table request`);
  if (typeof settings !== 'object' || settings === null) throw new PrikkError('INVALID_ARGUMENT', `${FN}: expected the suppression settings object`);
  if (!Array.isArray(settings.rules) || settings.rules.length === 0) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: suppression.rules must hold at least one rule`);
  }
  const secondary = settings.secondary ?? 'fast';
  const cost = settings.cost ?? 'cells';
  const singletons = settings.singletons ?? true;
  if (secondary !== 'fast' && secondary !== 'optimal') throw new PrikkError('INVALID_ARGUMENT', `${FN}: suppression.secondary must be 'fast' or 'optimal', got '${String(secondary)}'`);
  if (cost !== 'cells' && cost !== 'value') throw new PrikkError('INVALID_ARGUMENT', `${FN}: suppression.cost must be 'cells' or 'value', got '${String(cost)}'`);
  if (typeof singletons !== 'boolean') throw new PrikkError('INVALID_ARGUMENT', `${FN}: suppression.singletons must be a boolean`);
  const optimalTimeLimit = settings.optimalTimeLimit ?? 60;
  if (!(typeof optimalTimeLimit === 'number' && optimalTimeLimit > 0)) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: suppression.optimalTimeLimit must be a number of seconds > 0, got ${String(optimalTimeLimit)}`);
  }
  const rules = settings.rules.map(buildRule);
  const needs = settings.rules.map(magnitudeNeed).filter((n) => n !== undefined);
  const ruleMeasures = [...new Set(needs.map((n) => n.measure))];
  const top = needs.reduce((k, n) => Math.max(k, n.top), 0);
  for (const r of requests) {
    for (const key of r.values) {
      const v = parseValueKey(key, `${FN}: table '${r.name}'`);
      if ((v.kind === 'sum' || v.kind === 'mean') && !ruleMeasures.includes(v.measure)) {
        throw new PrikkError(
          'INVALID_ARGUMENT',
          `${FN}: table '${r.name}' publishes '${key}' but no magnitude rule (dominance or pPercent) protects '${v.measure}'; add one, or publish counts only`,
        );
      }
    }
  }

  const tables: CellTable[] = requests.map((r) => {
    const measures = [...new Set([...ruleMeasures, ...valueMeasures(r.values, FN)])];
    return aggregateRequest(ctx.extract, r, { measures, topContributors: top });
  });
  tables.forEach((t, i) => {
    if (!countsAdditive(t)) {
      throw new PrikkError(
        'INVALID_ARGUMENT',
        `${FN}: table '${requests[i]!.name}' counts distinct persons, and some persons have rows in more than one of its finest cells, so its margins are not sums of their cells; ` +
          "secondary suppression and its audit need additive tables: count each person once, in the cell of one row (personRow: { keep: first, orderBy: <a year or date column> }), or count rows (unit: rows)",
      );
    }
  });
  const tableNames = requests.map((r) => r.name);
  const onProgress = ctx.onSuppressionProgress;
  const result = await suppressCells(tables, {
    rules,
    method: secondary,
    cost,
    singletons,
    optimalTimeLimit,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(onProgress ? { onProgress: (p: SuppressionProgress) => onProgress(tableNames, p) } : {}),
  });
  const names = requests.map((r) => r.name).join(', ');
  const scope = `linked group: ${names}`;
  const audit = result.audit;
  if (!audit.passed) {
    throw new PrikkError(
      'PROTECTION_FAILED',
      `${FN}: the suppression pattern of ${scope} failed its audit (${audit.failed} of ${audit.cellsChecked} checks failed, ` +
        `${audit.publishedSensitive.length} sensitive cell(s) published, ${audit.singletonLeaks} singleton leak(s)); nothing is released` +
        (secondary === 'fast' ? ". Try secondary: 'optimal'" : ''),
    );
  }
  const summaryOfAudit = auditSummary(audit, scope);
  const notes = requests.length > 1 ? [`Protected together with ${requests.length - 1} other table(s) (${scope}): a cell they share is hidden in all of them.`] : [];

  return requests.map((request, i) => {
    const table = result.tables[i]!;
    const primaryByRule: Record<string, number> = {};
    let primaryCells = 0;
    let secondaryCells = 0;
    for (let c = 0; c < table.cellCount; c++) {
      const s = table.statusOf(c);
      if (s === 'primary') primaryCells++;
      else if (s === 'secondary') secondaryCells++;
    }
    rules.forEach((rule) => {
      const flags = rule.sensitive(table);
      let n = 0;
      for (let c = 0; c < table.cellCount; c++) if (flags[c] && table.statusOf(c) === 'primary') n++;
      primaryByRule[rule.name] = n;
    });
    const released = releasedFromCellTable(table, {
      request,
      method: 'suppression',
      symbols: ctx.symbols,
      meanings: { published: PUBLISHED_MEANING, primary: primaryMeaning(settings.rules, request.unit) },
      notes,
      countsAdditive: true,
      ...(ctx.decimals !== undefined ? { decimals: ctx.decimals } : {}),
    });
    const parameters = {
      rules: rules.map((r) => r.name),
      secondary,
      cost,
      singletons,
      ...(result.optimal ? { optimal: { ...result.optimal, timeLimitSeconds: optimalTimeLimit } } : {}),
      primaryCells,
      primaryByRule,
      secondaryCells,
      linkedGroup: {
        tables: requests.map((r) => r.name),
        primaryCells: result.primaryCount,
        primaryByRule: { ...result.primaryByRule },
        secondaryCells: result.secondaryCount,
        singletonAdded: result.singletonAdded,
        repairAdded: result.repairAdded,
      },
    };
    return Object.freeze({
      released,
      manifest: tableManifest(request, released, { parameters, audit: summaryOfAudit }),
      auditable: Object.freeze({ table, rules }),
    });
  });
}
