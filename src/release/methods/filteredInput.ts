import { compileFilter } from '../../aggregate/compileFilter.js';
import type { Filter } from '../../aggregate/Filter.js';
import type { AnonymiseInput } from '../../protect/kanonymity/Microdata.js';
import type { CodeArray, Column, Extract } from '../../read/Extract.js';

/**
 * The rows of an extract that a filter keeps, as an input for `anonymise` (which takes whole extracts): every column
 * cut to the kept rows (code columns keep their dictionaries), the person column renumbered densely in order of
 * first appearance among the kept rows, and a reconciliation with the removed rows under `filter:<description>` (as
 * `aggregate` records them). Without a filter the extract itself is returned.
 *
 * Cost: O(rows × columns) with a filter (a copy of the kept rows), O(1) without.
 *
 * @throws {PrikkError} whatever `compileFilter` throws for a filter that does not fit the extract (`UNKNOWN_COLUMN`,
 * `INVALID_ARGUMENT`), naming `where`.
 * @example
 * filteredInput(extract, { column: 'sex', in: ['2'] }, 'protectKAnonymity').rowCount // rows with sex 2
 */
export function filteredInput(extract: Extract, filter: Filter | undefined, where: string): AnonymiseInput {
  if (filter === undefined) return extract;
  const compiled = compileFilter(filter, extract, `${where}: filter`);
  const mask = compiled.mask();
  const kept: number[] = [];
  for (let r = 0; r < mask.length; r++) if (mask[r]) kept.push(r);
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
  const removed = extract.rowCount - kept.length;
  const reason = `filter:${compiled.description}`;
  return {
    rowCount: kept.length,
    columns,
    person,
    source: extract.source,
    reconciliation: {
      source: extract.reconciliation.source,
      rowsRead: extract.reconciliation.rowsRead,
      rowsUsed: kept.length,
      excluded: { ...extract.reconciliation.excluded, ...(removed > 0 ? { [reason]: removed } : {}) },
    },
  };
}
