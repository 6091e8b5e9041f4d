import { describeFilter } from '../../aggregate/describeFilter.js';
import type { AuditSummary, TableManifest } from '../manifest/ReleaseManifest.js';
import type { ReleasedTable } from '../ReleasedTable.js';
import type { TableRequest } from './TableRequest.js';

/** What a method adds to a table's manifest entry besides what the request and released table say. */
export interface TableManifestFields {
  /** Required. Every parameter the method ran with, defaults filled in; plain JSON (no BigInt, no typed arrays). */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Defaults to none. Suppression only. */
  readonly audit?: AuditSummary;
  /** Defaults to none. DP only. */
  readonly privacySpent?: TableManifest['privacySpent'];
}

/**
 * A table's manifest entry (without `files`, which the release step adds when it writes): name, title, method,
 * parameters, dimensions (column and the policy's hierarchy spec, or `flat`), unit, values, the filter described
 * (`describeFilter`), and the released table's summary and notes. When the table counts each person once (the
 * policy's `personRow`), the parameters get `personRow: { keep, orderBy }` (`orderBy: 'file order'` when none is
 * given) besides the method's, and the notes say it (see `releasedFromCellTable`).
 *
 * Cost: O(dimensions + size of the filter).
 *
 * @example
 * tableManifest(request, released, { parameters: { rule: 'nhs', base: 5 } })
 * // { name: 'by_hospital', title: 'Persons by hospital', method: 'rounding', parameters: { rule: 'nhs', base: 5 },
 * //   dimensions: [ { column: 'hospital', hierarchy: 'flat' } ], unit: 'persons', values: ['persons'],
 * //   summary: { cells: 3, hiddenCells: 1, ... }, notes: [ ... ] }
 */
export function tableManifest(request: TableRequest, released: ReleasedTable, fields: TableManifestFields): Omit<TableManifest, 'files'> {
  const personRow = request.policy?.personRow;
  return Object.freeze({
    name: request.name,
    title: request.title,
    method: released.method,
    parameters: personRow === undefined ? fields.parameters : { ...fields.parameters, personRow: { keep: personRow.keep, orderBy: personRow.orderBy ?? 'file order' } },
    dimensions: request.dimensions.map((d) => ({ column: d.column, hierarchy: d.spec ?? 'flat' })),
    unit: released.unit,
    values: released.valueFields.map((f) => f.key),
    ...(request.filter !== undefined ? { filter: describeFilter(request.filter) } : {}),
    ...(fields.audit !== undefined ? { audit: fields.audit } : {}),
    ...(fields.privacySpent !== undefined ? { privacySpent: fields.privacySpent } : {}),
    summary: released.summary,
    notes: released.notes,
  });
}
