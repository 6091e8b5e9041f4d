import { aggregate } from '../../aggregate/aggregate.js';
import type { CellTable } from '../../aggregate/CellTable.js';
import type { DimensionSpec } from '../../aggregate/AggregateOptions.js';
import type { Filter } from '../../aggregate/Filter.js';
import type { PersonRow } from '../../aggregate/PersonRow.js';
import type { Extract } from '../../read/Extract.js';
import type { TableRequest } from './TableRequest.js';

/** Options of {@link aggregateRequest}. */
export interface AggregateRequestOptions {
  /** Defaults to `[]`. The measures to sum (those the values publish and the rules read). */
  readonly measures?: readonly string[];
  /** Defaults to 0. Top contributors per cell and measure (the dominance and p % rules, the cell key's magnitudes). */
  readonly topContributors?: number;
}

/**
 * Aggregates the extract for a table request: its dimensions (with their hierarchies, or the aggregation's flat
 * default), unit, filter and person-row choice (the table policy's `personRow`: each person counted once, in the
 * cell of their first or last row), with the measures and top contributors its method needs.
 *
 * Cost: that of `aggregate`.
 *
 * @throws {PrikkError} whatever `aggregate` throws (unknown column, a value outside its hierarchy, ...).
 * @example
 * aggregateRequest(extract, request, { measures: ['cost'], topContributors: 2 }).measures // ['cost']
 */
export function aggregateRequest(extract: Extract, request: TableRequest, options: AggregateRequestOptions = {}): CellTable {
  const measures = options.measures ?? [];
  return aggregate(extract, {
    dimensions: request.dimensions.map((d): string | DimensionSpec => (d.hierarchy ? { column: d.column, hierarchy: d.hierarchy } : d.column)),
    unit: request.unit,
    measures,
    topContributors: measures.length > 0 ? (options.topContributors ?? 0) : 0,
    ...cohortOptionsOf(request),
  });
}

/**
 * The options that choose a request's cohort, `{ filter?, personRow? }`: what every count of the table's rows must
 * repeat (`aggregate`, and `cellKeySums` / `cellKeyPerturbation`, which recount the same rows for the cell keys).
 *
 * Cost: O(1).
 * @example
 * cohortOptionsOf(request) // { filter: { column: 'age', range: { min: 65 } }, personRow: { keep: 'first', orderBy: 'year' } }
 */
export function cohortOptionsOf(request: TableRequest): { readonly filter?: Filter; readonly personRow?: PersonRow } {
  return {
    ...(request.filter !== undefined ? { filter: request.filter } : {}),
    ...(request.policy?.personRow !== undefined ? { personRow: request.policy.personRow } : {}),
  };
}
