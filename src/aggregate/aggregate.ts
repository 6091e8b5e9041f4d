import { PrikkError } from '../errors/PrikkError.js';
import type { Extract } from '../read/Extract.js';
import type { AggregateOptions } from './AggregateOptions.js';
import { CellTable, type TableDimension, type TopContributions } from './CellTable.js';
import { checkAggregateOptions } from './checkAggregateOptions.js';
import { finestCells } from './finestCells.js';
import { MAX_CELLS, rowMajor } from './rowMajor.js';
import { reconcile, selectCohort } from './selectCohort.js';
import { accumulateFinest } from './accumulateFinest.js';
import { multiOrder, personCells } from './personCells.js';
import { addMultiPersonDeltas, addMultiPersonDeltasListed, addPersonDeltas, type CubeTrees } from './personDeltas.js';
import { MaskWalker } from './MaskWalker.js';
import { emptyTopLists, insertTop, rollUp, rollUpMany, rollUpTop } from './rollUp.js';
import { SPARSE_ROLL_UP_ABOVE, SPARSE_ROLL_UP_SHARE, sparseRollUp } from './sparseRollUp.js';

/** Cubes with more cells than this (8 MiB per value array) visit multi-cell persons in cell order. */
const SORT_PERSONS_ABOVE = 1 << 20;

function identity(n: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/**
 * Aggregates a row-level extract into a {@link CellTable}: a dense cube over every node of every dimension's
 * hierarchy (all marginal totals up to the grand total), each cell with its row count, its number of distinct
 * persons, the sum of each measure, and the largest per-person contributions per measure (for the dominance and
 * p % rules). This is the only step of prikk that reads every row.
 *
 * Method (the readable loops are kept as comments beside the hand-tuned ones):
 * 1. The filter becomes a row mask (lookup tables over code dictionaries, see `compileFilter`); with `personRow`,
 *    the mask then keeps one row per person of the cohort, the first or last by `orderBy` (one pass over the rows
 *    with the chosen row per person, see `compilePersonRow`), so that each person counts once, in one cell, and every
 *    persons count is additive. Everything below (hierarchies built from the data, rows, persons, sums, top
 *    contributions) sees the kept rows only.
 * 2. A number dimension's smallest and largest value and whether all are integers (which decide its lookup table)
 *    come from the column's `stats`, computed once by the reader, when no row is masked; else from one pass over the
 *    kept rows. Each kept row gets the cube index of its finest cell, `Σ leaf_d × stride_d` (table lookups, up to four
 *    dimensions per pass over the rows, see `finestCells`); the finest cells already sit at their cube position.
 * 3. One pass counts rows and sums the first measure into the finest cells (one more pass per further measure).
 *    Without top contributions, with at most one measure and with dimensions that map by table lookups (codes,
 *    integer numbers), steps 2, 3 and the first part of 5 are one fused pass that never stores the index
 *    (`accumulateFinest`): a person counts at once in the cell of their first row, and a later row in another
 *    cell goes to a small overflow list that gives the multi-cell persons' cells. Same results, to the bit.
 * 4. Margins are rolled up from the finest cells, never recomputed from rows: per dimension, each node's slice is
 *    added into its parent's (children precede parents), skipping the blocks that are still all zero; cost at most
 *    cells × dimensions. On the fused path, a cube of more than 2^20 cells whose occupied finest cells (and person
 *    joins) are at most 1/32 of it is rolled up from the list of those cells instead (`sparseRollUp`: the same
 *    additions in the same order, about occupied cells × dimensions work, and the cube's empty pages are never read).
 * 5. Distinct persons: a person with rows in one finest cell adds 1 there; a person with rows in several adds
 *    signed weights at the joins (per-dimension lowest common ancestors) of subsets of their cells, by
 *    inclusion–exclusion (pruned), so that the same roll-up counts them exactly once in every cell above any of
 *    their rows (see `addPersonDeltas`).
 * 6. Top contributions: every person's sum in each of their finest cells goes into that cell's top-k list, tagged
 *    with the person, and the lists are merged up the hierarchies, entries of the same person added up. That is
 *    exact for everyone whose rows below a cell lie in one finest cell. A person with rows in two or more finest
 *    cells below a cell may have lost a part on the way (it fell off a child's list), so their exact contribution
 *    is then set at the cells above two or more of their cells, walking up from the joins and stopping where they
 *    can no longer reach the list (see `MaskWalker.raise`). Every list value is a person's exact contribution.
 *
 * Rows removed by the filter are recorded in the reconciliation as one reason `filter:<describeFilter(filter)>`;
 * the cohort's rows that `personRow` leaves out as `person-row:<describePersonRow(personRow)>`
 * (`person-row:first by year`); rows whose value is not a leaf (with `unknownValues: 'exclude'`) as
 * `unknown-value:<column>` (the first dimension where that happens). `rowsRead = rowsUsed + Σ excluded` holds, and
 * `rowsUsed` is the grand total's row count.
 *
 * Cost: O(rows × dimensions + persons + cells × dimensions × (1 + k) + Σ over persons with rows in several finest
 * cells of the cells visited for them: a few subsets' joins for the person count, and with top contributions the
 * cells above two of their cells where they can still enter a list). With `personRow` no person has two cells, so
 * the last term is zero (5 M rows of 1 M persons by hospital × year with top-2 contributions: 1.1 s, against 8.4 s
 * counting every row). The last term is what a large sparse cube with top
 * contributions pays for (measured in bench/aggregate.bench.ts). Memory: 4 bytes per row; per cell 8 bytes for
 * rows, persons and each sum, and 12 × k bytes per measure's top list while building.
 *
 * @param extract The encoded extract (from `readRows`, `readColumns` or `readCsv`). Required.
 * @param options See {@link AggregateOptions}. Required.
 * @throws {PrikkError} `INVALID_ARGUMENT` / `UNKNOWN_COLUMN` naming the option, before any row is read (also
 * `personRow` without a person column, or with an `orderBy` that is unknown or a code column);
 * `INVALID_ARGUMENT` when the cube would exceed {@link MAX_CELLS} cells; `INVALID_VALUE` for a kept row whose
 * dimension value is not a leaf of its hierarchy (with `unknownValues: 'error'`), or for a negative measure value
 * when top contributions are asked for (the dominance rules assume non-negative contributions).
 * @example
 * // 3 rows: person A in (0301, 2) with cost 100 and 50; person B in (1101, 1) with cost 30.
 * const t = aggregate(extract, { dimensions: ['municipality', 'sex'], measures: ['cost'] });
 * const all = t.indexOf({});                         // the grand total
 * t.rows[all]                                        // 3
 * t.persons![all]                                    // 2
 * t.sums.get('cost')![all]                           // 180
 * t.top.get('cost')!.values.subarray(all * 2, all * 2 + 2) // Float64Array [150, 30]
 * t.reconciliation                                   // { source: 'rows', rowsRead: 3, rowsUsed: 3, excluded: {} }
 * // Each person once, at their first row: A's second row (cost 50) is left out.
 * const once = aggregate(extract, { dimensions: ['municipality', 'sex'], measures: ['cost'], personRow: { keep: 'first' } });
 * once.rows[all]                                     // 2
 * once.sums.get('cost')![all]                        // 130
 * once.reconciliation.excluded                       // { 'person-row:first in file order': 1 }
 */
export function aggregate(extract: Extract, options: AggregateOptions): CellTable {
  const opts = checkAggregateOptions(extract, options);
  const n = extract.rowCount;

  const { mask, dims, removed } = selectCohort(extract, opts);
  const shape = dims.map((d) => d.hierarchy.size);
  const { strides, cellCount } = rowMajor(shape);
  if (cellCount > MAX_CELLS) {
    throw new PrikkError(
      'INVALID_ARGUMENT',
      `aggregate: dimensions: the cube over ${dims.map((d) => `'${d.name}' (${d.hierarchy.size} nodes)`).join(' × ')} has ${cellCount} cells, more than the limit of ${MAX_CELLS}; use fewer dimensions or coarser hierarchies`,
    );
  }
  const trees: CubeTrees = {
    shape,
    leafCounts: dims.map((d) => d.hierarchy.leafCount),
    strides,
    cellCount,
    parents: dims.map((d) => d.hierarchy.parents),
    depths: dims.map((d) => d.hierarchy.depths),
  };

  const k = opts.topContributors;
  const person = extract.person;
  const dimensions: TableDimension[] = dims.map((d) => ({ name: d.name, hierarchy: d.hierarchy }));

  // Fast path (no top contributions, at most one measure, table lookups only): the finest level in one pass.
  const fast =
    k === 0 && opts.measures.length <= 1
      ? accumulateFinest({
          dims,
          strides,
          cellCount,
          rowCount: n,
          mask,
          unknownValues: opts.unknownValues,
          measure: opts.measures[0]?.column.values,
          person,
          listOccupied: cellCount > SPARSE_ROLL_UP_ABOVE,
        })
      : undefined;
  if (fast) {
    const sums = new Map<string, Float64Array>();
    if (fast.sum) sums.set(opts.measures[0]!.name, fast.sum);
    let fallback: Uint32Array = new Uint32Array(0);
    let written: Uint32Array = new Uint32Array(0);
    if (fast.persons && fast.multi) {
      // The multi-cell persons are not in `fast.persons` yet: inclusion–exclusion counts them at all their cells.
      const multi = fast.multi;
      const order = multi.multiCount > 0 && cellCount > SORT_PERSONS_ABOVE ? multiOrder(multi) : undefined;
      if (fast.occupied) ({ fallback, written } = addMultiPersonDeltasListed(multi, trees, fast.persons, order));
      else fallback = addMultiPersonDeltas(multi, trees, fast.persons, order);
    }
    const listed = fast.occupiedCount + written.length;
    if (fast.occupied && listed <= cellCount * SPARSE_ROLL_UP_SHARE) {
      // Few occupied cells in a large cube: roll up from them (the person deltas sit at the finest cells and at the
      // joins written above). Same additions in the same order as the dense walk.
      const cells = new Uint32Array(listed);
      cells.set(fast.occupied.subarray(0, fast.occupiedCount));
      cells.set(written, fast.occupiedCount);
      const cubes = [fast.rows];
      if (fast.sum) cubes.push(fast.sum);
      if (fast.persons) cubes.push(fast.persons);
      sparseRollUp(trees, cubes, cells, listed);
    } else {
      // One walk over the cube rolls up rows, the sum and the person deltas (which also sit above the finest cells).
      rollUpMany(trees, fast.sum ? [fast.rows, fast.sum] : [fast.rows], fast.persons ? [fast.persons] : []);
    }
    if (fast.persons && fast.multi && fallback.length > 0) {
      const walker = new MaskWalker(trees);
      for (const j of fallback) {
        walker.load(fast.multi.cells, fast.multi.offsets[j]!, fast.multi.offsets[j + 1]!);
        walker.addOne(fast.persons);
      }
    }
    return new CellTable({
      dimensions,
      unit: opts.unit,
      rows: fast.rows,
      persons: fast.persons,
      sums,
      reconciliation: reconcile(extract.reconciliation, n, { ...removed, unknown: fast.unknown }),
    });
  }

  const { cells, trash, unknown } = finestCells(dims, strides, cellCount, n, mask, opts.unknownValues);

  // Top contributions are only meaningful for non-negative values (the dominance and p % rules assume them).
  if (k > 0) {
    for (const m of opts.measures) {
      const values = m.column.values;
      for (let i = 0; i < n; i++) {
        if (values[i]! < 0 && cells[i] !== trash) {
          throw new PrikkError(
            'INVALID_VALUE',
            `aggregate: measures: '${m.name}' has a negative value, but top contributions (for the dominance and p % rules) need non-negative values; pass topContributors: 0 to sum without them`,
          );
        }
      }
    }
  }
  // Rows and sums at the finest cells (the first measure in the same pass as the rows); the extra cell at `trash`
  // absorbs the rows that are not counted.
  const rowsAll = new Float64Array(cellCount + 1);
  const sumsAll = opts.measures.map(() => new Float64Array(cellCount + 1));
  const first = opts.measures[0];
  if (first) {
    const values = first.column.values;
    const sum = sumsAll[0]!;
    // Readable: for each row i, rows[cells[i]] += 1 and sum[cells[i]] += values[i].
    for (let i = 0; i < n; i++) {
      const c = cells[i]!;
      rowsAll[c]!++;
      sum[c]! += values[i]!;
    }
  } else {
    for (let i = 0; i < n; i++) rowsAll[cells[i]!]!++;
  }
  const rows = rowsAll.subarray(0, cellCount);
  rollUp(rows, trees, true);
  const sums = new Map<string, Float64Array>();
  for (let q = 0; q < opts.measures.length; q++) {
    const m = opts.measures[q]!;
    const sumAll = sumsAll[q]!;
    if (q > 0) {
      const values = m.column.values;
      // Readable: for each row i, sum[cells[i]] += values[i].
      for (let i = 0; i < n; i++) sumAll[cells[i]!]! += values[i]!;
    }
    const sum = sumAll.subarray(0, cellCount);
    rollUp(sum, trees, true);
    sums.set(m.name, sum);
  }

  let persons: Float64Array | undefined;
  const pc = person
    ? personCells(cells, trash, person.codes, person.personCount, k > 0 ? opts.measures.map((m) => m.column.values) : [])
    : undefined;
  let walker: MaskWalker | undefined;
  // Visiting the multi-cell persons by cell only pays when the cube is too large for the cache.
  const order = !pc || pc.multiCount === 0 ? new Uint32Array(0) : cellCount > SORT_PERSONS_ABOVE ? multiOrder(pc) : identity(pc.multiCount);
  if (pc) {
    persons = new Float64Array(cellCount);
    const fallback = addPersonDeltas(pc, trees, persons, order);
    rollUp(persons, trees);
    if (fallback.length > 0) {
      walker = new MaskWalker(trees);
      for (const j of fallback) {
        walker.load(pc.cells, pc.offsets[j]!, pc.offsets[j + 1]!);
        walker.addOne(persons);
      }
    }
  }

  const top = new Map<string, TopContributions>();
  if (k > 0) {
    const lists = opts.measures.map(() => emptyTopLists(cellCount, k));
    opts.measures.forEach((m, q) => {
      const list = lists[q]!;
      if (pc) {
        // Every person's sum in each of their finest cells, tagged with the person.
        const sumsOfPerson = pc.personSums[q]!;
        for (let p = 0; p < pc.single.length; p++) {
          const c = pc.single[p]!;
          if (c >= 0) insertTop(list, c, sumsOfPerson[p]!, p);
        }
        const cellSums = pc.cellSums[q]!;
        for (let j = 0; j < pc.multiCount; j++) {
          const id = pc.multiPersons[j]!;
          for (let s = pc.offsets[j]!; s < pc.offsets[j + 1]!; s++) insertTop(list, pc.cells[s]!, cellSums[s]!, id);
        }
      } else {
        // Without a person column every row is its own contributor.
        const v = m.column.values;
        for (let i = 0; i < n; i++) {
          const c = cells[i]!;
          if (c !== trash) insertTop(list, c, v[i]!, i);
        }
      }
      rollUpTop(list, trees, true);
    });
    if (pc && pc.multiCount > 0) {
      // Where a person has rows in two or more finest cells below a cell, a part of them may have fallen off a
      // child's list during the roll-up: set their exact contribution there.
      walker ??= new MaskWalker(trees);
      for (const j of order) {
        const from = pc.offsets[j]!;
        const id = pc.multiPersons[j]!;
        if (pc.offsets[j + 1]! - from === 2) {
          // Two cells (the most common case): above both, the person contributes their total.
          lists.forEach((list, q) => {
            const v = pc.cellSums[q]!;
            walker!.raisePair(list, pc.cells[from]!, pc.cells[from + 1]!, v[from]! + v[from + 1]!, id);
          });
          continue;
        }
        walker.load(pc.cells, from, pc.offsets[j + 1]!);
        lists.forEach((list, q) => walker!.raise(list, pc.cellSums[q]!, from, id));
      }
    }
    opts.measures.forEach((m, q) => top.set(m.name, { k, values: lists[q]!.values }));
  }

  return new CellTable({
    dimensions,
    unit: opts.unit,
    rows,
    persons,
    sums,
    top,
    reconciliation: reconcile(extract.reconciliation, n, { ...removed, unknown }),
  });
}
