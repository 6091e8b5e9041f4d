import type { Filter } from '../../aggregate/Filter.js';
import type { PersonRow } from '../../aggregate/PersonRow.js';
import { canonicalJson } from '../../json/canonicalJson.js';

/**
 * The key of a table's cohort for the release-wide audit (`releaseAudit` links suppressed tables of the same unit and
 * cohort: their cells with equal coordinates must hold equal values). The cohort is the rows a table counts: its
 * filter, and with `personRow` the one row per person it keeps, so tables that choose persons' rows differently
 * (first or last, by another column, or not at all) are different cohorts. Without `personRow` the key is the one
 * earlier releases recorded: `''` without a filter, else the filter's canonical JSON; so ledgers written before
 * `personRow` existed keep linking as they did.
 *
 * Cost: O(size of the filter).
 *
 * @throws nothing.
 * @example
 * cohortKey({})                                                   // ''
 * cohortKey({ filter: { column: 'sex', in: ['2'] } })             // '{"column":"sex","in":["2"]}'
 * cohortKey({ personRow: { keep: 'first', orderBy: 'year' } })    // '{"filter":null,"personRow":{"keep":"first","orderBy":"year"}}'
 */
export function cohortKey(table: { readonly filter?: Filter | undefined; readonly personRow?: PersonRow | undefined }): string {
  if (table.personRow === undefined) return table.filter === undefined ? '' : canonicalJson(table.filter);
  return canonicalJson({ filter: table.filter ?? null, personRow: table.personRow });
}
