import { CellTable, type TableDimension } from '../../../aggregate/CellTable.js';
import { MAX_CELLS, rowMajor } from '../../../aggregate/rowMajor.js';
import { PrikkError } from '../../../errors/PrikkError.js';
import type { Anonymisation } from './Anonymisation.js';
import { truncateHierarchy } from './truncateHierarchy.js';


/** Options of {@link anonymisedTable}. */
export interface AnonymisedTableOptions {
  /** Quasi-identifiers to tabulate, in table order. Defaults to all, in the anonymisation's order. */
  readonly dimensions?: readonly string[];
}

/**
 * An aggregate table over the generalised quasi-identifiers of an anonymisation: a `CellTable` whose dimensions are
 * the chosen quasi-identifiers, each with its hierarchy truncated at the chosen level (`truncateHierarchy`: the
 * generalised values are the finest cells, their ancestors and the total are the margins), counting the kept rows
 * (`rows`) and, with a person column, the kept persons (`persons`, the table's unit). Suppressed records are left out
 * of every cell, margins and total included; the reconciliation counts them under `suppressed`.
 *
 * Every non-empty cell is a union of kept equivalence classes, so it holds at least k persons when k-anonymity is
 * among the models (and every margin too): the table is k-anonymous. Zero cells are generalised values no kept
 * record has; the hierarchy is public, so they reveal nothing beyond the count. Statuses are all `published`.
 *
 * Cost O(rows × dimensions + cells × dimensions).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a dimension that is not a quasi-identifier or appears twice, or when the
 * table would have more than 2^27 cells (tabulate fewer quasi-identifiers).
 * @example
 * // Adult, k = 5 with 5 % suppression (see `anonymise`): age in 20-year bands
 * const t = anonymisedTable(result, { dimensions: ['age', 'sex'] });
 * t.dimensions[0].hierarchy.labels                        // ['0-19', '20-39', '40-59', '60-79', '80-99', '*']
 * t.counts[t.indexOf({ age: '20-39', sex: 'Female' })]    // 4924
 */
export function anonymisedTable(anonymisation: Anonymisation, options: AnonymisedTableOptions = {}): CellTable {
  const fn = 'anonymisedTable';
  const records = anonymisation.records;
  const names = records.quasiIdentifiers.map((c) => c.name);
  const wanted = options.dimensions ?? names;
  if (!Array.isArray(wanted) || wanted.length === 0) throw new PrikkError('INVALID_ARGUMENT', `${fn}: options.dimensions must be a non-empty array of quasi-identifier names`);
  const seen = new Set<string>();
  const indices = wanted.map((name) => {
    const j = names.indexOf(name);
    if (j < 0) throw new PrikkError('INVALID_ARGUMENT', `${fn}: '${name}' is not a quasi-identifier of this anonymisation (${names.join(', ')})`);
    if (seen.has(name)) throw new PrikkError('INVALID_ARGUMENT', `${fn}: the dimension '${name}' appears twice`);
    seen.add(name);
    return j;
  });
  const dimensions: TableDimension[] = indices.map((j) => ({ name: names[j]!, hierarchy: truncateHierarchy(anonymisation.hierarchies[j]!, anonymisation.levels[j]!) }));
  const shape = dimensions.map((d) => d.hierarchy.size);
  const { strides, cellCount } = rowMajor(shape);
  if (cellCount > MAX_CELLS) {
    throw new PrikkError('INVALID_ARGUMENT', `${fn}: the table would have ${cellCount} cells (more than 2^27); tabulate fewer quasi-identifiers`);
  }
  // Finest cells: the generalised value's position among the level's nodes is its dictionary code (node order).
  const rows = new Float64Array(cellCount);
  const persons = records.person ? new Float64Array(cellCount) : undefined;
  const personSeen = records.person ? new Uint8Array(maxPlusOne(records.person)) : undefined;
  const columns = indices.map((j) => records.quasiIdentifiers[j]!.codes);
  for (let r = 0; r < records.rowCount; r++) {
    if (records.suppressed[r]) continue;
    let cell = 0;
    for (let d = 0; d < columns.length; d++) cell += columns[d]![r]! * strides[d]!;
    rows[cell]!++;
    if (persons && personSeen) {
      const p = records.person![r]!;
      if (!personSeen[p]) {
        personSeen[p] = 1;
        persons[cell]!++;
      }
    }
  }
  const parents = dimensions.map((d) => d.hierarchy.parents);
  addIntoParents(rows, shape, strides, parents);
  if (persons) addIntoParents(persons, shape, strides, parents);
  let suppressedRows = 0;
  for (let r = 0; r < records.rowCount; r++) suppressedRows += records.suppressed[r]!;
  return new CellTable({
    dimensions,
    unit: persons ? 'persons' : 'rows',
    rows,
    persons,
    reconciliation: {
      source: 'anonymisation',
      rowsRead: records.rowCount,
      rowsUsed: records.rowCount - suppressedRows,
      excluded: suppressedRows > 0 ? { suppressed: suppressedRows } : {},
    },
  });
}

function maxPlusOne(values: Uint32Array): number {
  let max = -1;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return max + 1;
}

/**
 * Rolls the finest cells up every hierarchy in place: for each dimension in turn, the slice at every node except
 * the root is added into its parent's slice (children come before parents, so a slice is complete when added on).
 */
function addIntoParents(a: Float64Array, shape: readonly number[], strides: readonly number[], parents: readonly Int32Array[]): void {
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d]!;
    const stride = strides[d]!;
    const parent = parents[d]!;
    const block = size * stride;
    // Readable: for every cell x whose node in dimension d is n (not the root): a[x with node parent(n)] += a[x].
    for (let base = 0; base < a.length; base += block) {
      for (let n = 0; n < size - 1; n++) {
        const from = base + n * stride;
        const to = base + parent[n]! * stride;
        for (let i = 0; i < stride; i++) a[to + i]! += a[from + i]!;
      }
    }
  }
}
