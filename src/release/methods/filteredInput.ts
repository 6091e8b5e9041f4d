import { compileFilter } from '../../aggregate/compileFilter.js';
import { compilePersonRow } from '../../aggregate/compilePersonRow.js';
import type { Filter } from '../../aggregate/Filter.js';
import type { PersonRow } from '../../aggregate/PersonRow.js';
import type { AnonymiseInput } from '../../protect/kanonymity/Microdata.js';
import type { CodeArray, Column, Extract } from '../../read/Extract.js';

/** The cohort of {@link filteredInput}: which rows of the extract a table counts. */
export interface Cohort {
  /** Defaults to none (every row). The table's filter. */
  readonly filter?: Filter | undefined;
  /** Defaults to none (every row of the filtered cohort). Keep one row per person, as `aggregate`'s `personRow`. */
  readonly personRow?: PersonRow | undefined;
}

/**
 * The rows of an extract that a table's cohort keeps (its filter, then one row per person with `personRow`, as
 * `aggregate` chooses them), as an input for `anonymise` (which takes whole extracts): every column cut to the kept
 * rows (code columns keep their dictionaries), the person column renumbered densely in order of first appearance
 * among the kept rows, and a reconciliation with the removed rows under `filter:<description>` and
 * `person-row:<description>` (as `aggregate` records them; a reason that removed no row is left out). Without a
 * filter and a person-row choice the extract itself is returned.
 *
 * Cost: O(rows × columns) with a filter or a person-row choice (a copy of the kept rows), O(1) without.
 *
 * @throws {PrikkError} whatever `compileFilter` and `compilePersonRow` throw for a filter or choice that does not fit
 * the extract (`UNKNOWN_COLUMN`, `INVALID_ARGUMENT`), naming `where`.
 * @example
 * filteredInput(extract, { filter: { column: 'sex', in: ['2'] } }, 'protectKAnonymity').rowCount // rows with sex 2
 * filteredInput(extract, { personRow: { keep: 'first', orderBy: 'year' } }, 'protectKAnonymity').rowCount // persons
 */
export function filteredInput(extract: Extract, cohort: Cohort, where: string): AnonymiseInput {
  const { filter, personRow } = cohort;
  if (filter === undefined && personRow === undefined) return extract;
  const compiled = filter === undefined ? undefined : compileFilter(filter, extract, `${where}: filter`);
  const chooser = personRow === undefined ? undefined : compilePersonRow(personRow, extract, `${where}: personRow`);
  let mask = compiled?.mask();
  let filtered = 0;
  if (mask) for (let r = 0; r < mask.length; r++) filtered += mask[r]! ^ 1;
  let dropped = 0;
  if (chooser) {
    const chosen = chooser.select(mask);
    mask = chosen.mask;
    dropped = chosen.dropped;
  }
  const kept: number[] = [];
  for (let r = 0; r < mask!.length; r++) if (mask![r]) kept.push(r);
  const columns = new Map<string, Column>();
  for (const [name, column] of extract.columns) {
    if (column.kind === 'code') {
      const Ctor = column.codes.constructor as new (n: number) => CodeArray;
      const codes = new Ctor(kept.length);
      kept.forEach((r, i) => (codes[i] = column.codes[r]!));
      columns.set(name, { ...column, codes });
    } else {
      columns.set(name, { ...column, values: Float64Array.from(kept, (r) => column.values[r]!) });
    }
  }
  let person: Extract['person'];
  if (extract.person) {
    const renumber = new Int32Array(extract.person.personCount).fill(-1);
    let next = 0;
    const codes = Uint32Array.from(kept, (r) => {
      const old = extract.person!.codes[r]!;
      if (renumber[old] === -1) renumber[old] = next++;
      return renumber[old]!;
    });
    person = { name: extract.person.name, codes, personCount: next };
  }
  const excluded: Record<string, number> = { ...extract.reconciliation.excluded };
  if (compiled && filtered > 0) excluded[`filter:${compiled.description}`] = filtered;
  if (chooser && dropped > 0) excluded[`person-row:${chooser.description}`] = dropped;
  return {
    rowCount: kept.length,
    columns,
    person,
    source: extract.source,
    reconciliation: {
      source: extract.reconciliation.source,
      rowsRead: extract.reconciliation.rowsRead,
      rowsUsed: kept.length,
      excluded,
    },
  };
}
