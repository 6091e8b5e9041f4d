import { PrikkError } from '../errors/PrikkError.js';
import type { Extract } from '../read/Extract.js';
import { accumulateFinest } from './accumulateFinest.js';
import type { AggregateOptions } from './AggregateOptions.js';
import type { TableDimension } from './CellTable.js';
import { checkAggregateOptions } from './checkAggregateOptions.js';
import { finestCells } from './finestCells.js';
import { FinestTable } from './FinestTable.js';
import type { MultiCells } from './personCells.js';
import { personCells } from './personCells.js';
import { MAX_CELLS, rowMajor } from './rowMajor.js';
import { reconcile, selectCohort } from './selectCohort.js';

/** The options of {@link aggregateFinest}: those of `aggregate` without top contributions. */
export type AggregateFinestOptions = Omit<AggregateOptions, 'topContributors'>;

/**
 * Aggregates a row-level extract at the finest level only: per combination of leaves of the dimensions' hierarchies,
 * the row count, the number of distinct persons and the sum of each measure — the cells `aggregate` starts from,
 * without its margins (no totals, no roll-up) and without top contributions. The same options select the same
 * cohort (filter, `personRow`, `unknownValues`) and the reconciliation accounts for every row the same way, so each
 * value equals the one `aggregate` gives at the same leaves.
 *
 * Method: `aggregate`'s finest pass. With at most one measure and dimensions that map by table lookups, one fused pass
 * over the rows counts rows, sums the measure and counts each person at the cell of their first row; the persons with
 * rows in several cells (collected on the way) add one at each of their other cells. Otherwise each row's cell is
 * computed first (`finestCells`), then one pass per measure, and the persons are grouped by cell (`personCells`).
 *
 * Cost: O(rows × dimensions + cells), one pass over the rows for up to four lookup dimensions; memory 8 bytes per
 * cell for rows, persons and each sum.
 *
 * @param extract The encoded extract (from `readRows`, `readColumns` or `readCsv`). Required.
 * @param options As {@link AggregateOptions}, without `topContributors`. Required.
 * @throws {PrikkError} as `aggregate`; `INVALID_ARGUMENT` for `topContributors` (this table has none) and when the
 * leaves' product exceeds {@link MAX_CELLS} cells.
 * @example
 * // 3 rows: person A in (0301, 2) with cost 100 and 50; person B in (1101, 1) with cost 30.
 * const f = aggregateFinest(extract, { dimensions: ['municipality', 'sex'], measures: ['cost'] });
 * const a = f.indexOf({ municipality: '0301', sex: '2' });
 * f.rows[a]                  // 2
 * f.persons![a]              // 1
 * f.sums.get('cost')![a]     // 150
 * f.cellCount                // 4: (0301, 1101) × (1, 2), the codes found as the leaves
 */
export function aggregateFinest(extract: Extract, options: AggregateFinestOptions): FinestTable {
  if (typeof options === 'object' && options !== null && 'topContributors' in options) {
    throw new PrikkError('INVALID_ARGUMENT', 'aggregateFinest: topContributors: a finest table keeps no top contributions; use aggregate for the dominance and p % rules');
  }
  const opts = checkAggregateOptions(extract, { ...options, topContributors: 0 });
  const n = extract.rowCount;
  const { mask, dims, removed } = selectCohort(extract, opts);
  const shape = dims.map((d) => d.hierarchy.leafCount);
  const { strides, cellCount } = rowMajor(shape);
  if (cellCount > MAX_CELLS) {
    throw new PrikkError(
      'INVALID_ARGUMENT',
      `aggregateFinest: dimensions: the finest level over ${dims.map((d) => `'${d.name}' (${d.hierarchy.leafCount} leaves)`).join(' × ')} has ${cellCount} cells, more than the limit of ${MAX_CELLS}; use fewer dimensions or coarser hierarchies`,
    );
  }
  const dimensions: TableDimension[] = dims.map((d) => ({ name: d.name, hierarchy: d.hierarchy }));
  const person = extract.person;

  // Fast path: one fused pass (at most one measure, table lookups only).
  const fast =
    opts.measures.length <= 1
      ? accumulateFinest({ dims, strides, cellCount, rowCount: n, mask, unknownValues: opts.unknownValues, measure: opts.measures[0]?.column.values, person })
      : undefined;
  if (fast) {
    if (fast.persons && fast.multi) addMultiCellPersons(fast.multi, fast.persons);
    const sums = new Map<string, Float64Array>();
    if (fast.sum) sums.set(opts.measures[0]!.name, fast.sum);
    return new FinestTable({
      dimensions,
      unit: opts.unit,
      rows: fast.rows,
      persons: fast.persons,
      sums,
      reconciliation: reconcile(extract.reconciliation, n, { ...removed, unknown: fast.unknown }),
    });
  }

  const { cells, trash, unknown } = finestCells(dims, strides, cellCount, n, mask, opts.unknownValues);
  // One extra cell at `trash` absorbs the rows that are not counted.
  const rows = new Float64Array(cellCount + 1);
  for (let i = 0; i < n; i++) rows[cells[i]!]!++;
  const sums = new Map<string, Float64Array>();
  for (const m of opts.measures) {
    const sum = new Float64Array(cellCount + 1);
    const values = m.column.values;
    for (let i = 0; i < n; i++) sum[cells[i]!]! += values[i]!;
    sums.set(m.name, sum.subarray(0, cellCount));
  }
  let persons: Float64Array | undefined;
  if (person) {
    const pc = personCells(cells, trash, person.codes, person.personCount, []);
    persons = new Float64Array(cellCount);
    for (let p = 0; p < pc.single.length; p++) {
      const c = pc.single[p]!;
      if (c >= 0) persons[c]!++;
    }
    addMultiCellPersons(pc, persons);
  }
  return new FinestTable({
    dimensions,
    unit: opts.unit,
    rows: rows.subarray(0, cellCount),
    persons,
    sums,
    reconciliation: reconcile(extract.reconciliation, n, { ...removed, unknown }),
  });
}

/** Each person with rows in several finest cells counts once in each of them (their cells are distinct). */
function addMultiCellPersons(multi: MultiCells, persons: Float64Array): void {
  const end = multi.offsets[multi.multiCount]!;
  for (let s = 0; s < end; s++) persons[multi.cells[s]!]!++;
}
