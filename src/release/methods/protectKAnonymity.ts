import { CellTable } from '../../aggregate/CellTable.js';
import { flatHierarchyOf } from '../../aggregate/flatHierarchyOf.js';
import { PrikkError } from '../../errors/PrikkError.js';
import type { KAnonymityMethodPolicy } from '../../policy/ReleasePolicy.js';
import { anonymise } from '../../protect/kanonymity/anonymise.js';
import type { QuasiIdentifier } from '../../protect/kanonymity/AnonymiseOptions.js';
import type { UtilityMetric } from '../../protect/kanonymity/metrics/UtilityMetric.js';
import { distinctLDiversity } from '../../protect/kanonymity/models/distinctLDiversity.js';
import { entropyLDiversity } from '../../protect/kanonymity/models/entropyLDiversity.js';
import { equalDistanceTCloseness } from '../../protect/kanonymity/models/equalDistanceTCloseness.js';
import { kAnonymity } from '../../protect/kanonymity/models/kAnonymity.js';
import type { PrivacyModel } from '../../protect/kanonymity/models/PrivacyModel.js';
import { recursiveClDiversity } from '../../protect/kanonymity/models/recursiveClDiversity.js';
import { anonymisedTable } from '../../protect/kanonymity/output/anonymisedTable.js';
import { filteredInput } from './filteredInput.js';
import type { MethodContext } from './MethodContext.js';
import { recordsCsv } from './recordsCsv.js';
import { releasedFromCellTable } from './releasedFromCellTable.js';
import type { TableOutcome } from './TableOutcome.js';
import { tableManifest } from './tableManifest.js';
import type { TableRequest } from './TableRequest.js';
import { requireCountsOnly } from './valueFields.js';

const FN = 'protectKAnonymity';

const METRICS: Readonly<Record<NonNullable<KAnonymityMethodPolicy['metric']>, UtilityMetric>> = {
  loss: 'loss',
  discernibility: 'discernibility',
  height: 'height',
  averageClassSize: 'average-class-size',
};

/** The privacy models of the settings: k-anonymity, plus l-diversity and t-closeness when asked for. */
function modelsOf(settings: KAnonymityMethodPolicy): PrivacyModel[] {
  const models: PrivacyModel[] = [kAnonymity(settings.k)];
  const l = settings.lDiversity;
  const t = settings.tCloseness;
  if ((l !== undefined || t !== undefined) && settings.sensitive === undefined) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: kAnonymity.lDiversity and kAnonymity.tCloseness need kAnonymity.sensitive (the sensitive attribute's column)`);
  }
  if (l !== undefined) {
    if (l.kind === 'distinct') models.push(distinctLDiversity(l.l));
    else if (l.kind === 'entropy') models.push(entropyLDiversity(l.l));
    else if (l.kind === 'recursive') {
      if (l.c === undefined) throw new PrikkError('INVALID_ARGUMENT', `${FN}: kAnonymity.lDiversity of kind 'recursive' needs c`);
      models.push(recursiveClDiversity(l.c, l.l));
    } else throw new PrikkError('INVALID_ARGUMENT', `${FN}: kAnonymity.lDiversity.kind must be 'distinct', 'entropy' or 'recursive', got '${String(l.kind)}'`);
  }
  if (t !== undefined) {
    if (t.kind === 'equal') models.push(equalDistanceTCloseness(t.t));
    else if (t.kind === 'hierarchical') {
      throw new PrikkError(
        'INVALID_ARGUMENT',
        `${FN}: kAnonymity.tCloseness of kind 'hierarchical' needs a hierarchy of the sensitive attribute '${settings.sensitive}', which the policy cannot name yet; use kind 'equal'`,
      );
    } else throw new PrikkError('INVALID_ARGUMENT', `${FN}: kAnonymity.tCloseness.kind must be 'equal' or 'hierarchical', got '${String(t.kind)}'`);
  }
  return models;
}

/**
 * k-anonymity by full-domain generalisation (Sweeney 2002; ARX's optimal lattice search, Kohlmayer et al. 2012):
 * the table's dimensions are the quasi-identifiers, each along its hierarchy (a dimension without one, or with a
 * flat one, is generalised in one step to its total); `anonymise` finds the levels that make every equivalence class
 * hold at least k persons (and satisfy l-diversity / t-closeness on `sensitive` when asked), suppressing at most
 * `suppressionLimit` of the records, with the least information loss by `metric`; `anonymisedTable` then counts the
 * kept records over the generalised values (the table's hierarchies cut at the chosen levels). Suppressed records
 * are left out of every cell, margins included, so every non-empty cell has at least k persons; all cells are
 * published. A filter selects the cohort first (the models count the cohort's persons); with the table's `personRow`,
 * each person is then one row of the cohort (the first or last by `orderBy`), so persons whose rows differ in a
 * quasi-identifier (another year, another age) are counted once, at that row.
 *
 * Manifest parameters: k, the models, the suppression limit, the metric, the chosen level per dimension, the
 * suppressed and allowed records, how the search went. `records: true` adds the extra file `<name>.records.csv` (the
 * anonymised records, one line per person, suppressed records as `*`; see `recordsCsv`).
 *
 * Cost: that of `anonymise` (data dependent; milliseconds to seconds) plus O(rows × dimensions + cells) for the table.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for bad settings (k, limit, metric, models), values that are not counts,
 * `tCloseness` of kind `hierarchical` (no way to name the sensitive hierarchy yet), or when no transformation is
 * admissible (raise `suppressionLimit`); whatever `anonymise` throws (a value outside its hierarchy, a hierarchy
 * without levels, persons whose rows disagree on a quasi-identifier).
 * @example
 * const outcome = protectKAnonymity(byAgeSex, { k: 5, suppressionLimit: 0.02 }, ctx);
 * outcome.manifest.parameters.levels           // { age: 2, sex: 0 }
 * outcome.released.summary.suppressedRecords   // 3
 */
export function protectKAnonymity(request: TableRequest, settings: KAnonymityMethodPolicy, ctx: MethodContext): TableOutcome {
  if (typeof settings !== 'object' || settings === null) throw new PrikkError('INVALID_ARGUMENT', `${FN}: expected the kAnonymity settings object`);
  const models = modelsOf(settings);
  const metricName = settings.metric ?? 'loss';
  const metric = METRICS[metricName];
  if (metric === undefined) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: kAnonymity.metric must be one of ${Object.keys(METRICS).join(', ')}, got '${String(metricName)}'`);
  }
  const suppressionLimit = settings.suppressionLimit ?? 0;
  const records = settings.records ?? false;
  if (typeof records !== 'boolean') throw new PrikkError('INVALID_ARGUMENT', `${FN}: kAnonymity.records must be a boolean`);
  requireCountsOnly(request.values, `${FN}: table '${request.name}'`);
  if (request.unit === 'persons' && !ctx.extract.person) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: table '${request.name}' counts persons but the extract has no person column`);
  }

  const input = filteredInput(ctx.extract, { filter: request.filter, personRow: request.policy?.personRow }, FN);
  const quasiIdentifiers: QuasiIdentifier[] = request.dimensions.map((d) => {
    if (d.hierarchy) return { column: d.column, hierarchy: d.hierarchy };
    const column = input.columns.get(d.column);
    if (!column) throw new PrikkError('UNKNOWN_COLUMN', `${FN}: table '${request.name}': the extract has no column '${d.column}'`, { column: d.column });
    return { column: d.column, hierarchy: flatHierarchyOf(d.column, column, undefined) };
  });
  const result = anonymise(input, {
    quasiIdentifiers,
    models,
    suppressionLimit,
    metric,
    ...(settings.sensitive !== undefined ? { sensitive: settings.sensitive } : {}),
  });
  const counted = anonymisedTable(result, { dimensions: quasiIdentifiers.map((q) => q.column) });
  const table =
    counted.unit === request.unit
      ? counted
      : new CellTable({
          dimensions: counted.dimensions,
          unit: request.unit,
          rows: counted.rows,
          persons: counted.persons,
          reconciliation: counted.reconciliation,
        });
  const s = result.summary;
  const recordWord = input.person ? 'persons' : 'rows';
  const levels = quasiIdentifiers.map((q, j) => `${q.column} to level ${result.levels[j]} of ${result.hierarchies[j]!.levelCount - 1}`).join(', ');
  const notes = [
    `The dimensions are generalised (${levels}); every non-empty cell, margins included, has at least ${settings.k} ${recordWord}.`,
    ...(s.suppressedRecords > 0
      ? [`${s.suppressedRecords} ${recordWord} (${s.suppressedRows} rows) were suppressed by k-anonymisation and are left out of every cell, margins included.`]
      : []),
  ];
  const released = releasedFromCellTable(table, {
    request,
    method: 'kAnonymity',
    symbols: ctx.symbols,
    meanings: { published: `Counted over the k-anonymised records (${s.models.join(', ')})` },
    notes,
    summary: { suppressedRecords: s.suppressedRecords },
  });
  const parameters = {
    k: settings.k,
    models: [...s.models],
    suppressionLimit,
    metric: metricName,
    ...(settings.sensitive !== undefined ? { sensitive: settings.sensitive } : {}),
    levels: { ...s.levels },
    records: s.records,
    suppressedRecords: s.suppressedRecords,
    suppressedRows: s.suppressedRows,
    allowedSuppressed: s.allowedSuppressed,
    classes: s.classes,
    minClassSize: s.minClassSize,
    metrics: { ...s.metrics },
    search: { strategy: result.search.strategy, latticeSize: result.search.latticeSize, checked: result.search.checked },
    recordsFile: records,
  };
  const extraFiles = records ? [Object.freeze({ path: `${request.name}.records.csv`, content: recordsCsv(result.records, ctx.csvDelimiter ?? ';') })] : undefined;
  return Object.freeze({
    released,
    manifest: tableManifest(request, released, { parameters }),
    ...(extraFiles ? { extraFiles: Object.freeze(extraFiles) } : {}),
  });
}
