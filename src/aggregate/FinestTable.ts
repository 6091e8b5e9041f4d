import { PrikkError } from '../errors/PrikkError.js';
import type { Reconciliation } from '../read/Extract.js';
import type { CountUnit, TableDimension } from './CellTable.js';
import { checkCoordNames, rowMajor } from './rowMajor.js';

/** The fields of a {@link FinestTable}; see the class for their meaning. */
export interface FinestTableInit {
  readonly dimensions: readonly TableDimension[];
  readonly unit: CountUnit;
  readonly rows: Float64Array;
  readonly persons?: Float64Array | undefined;
  readonly sums?: ReadonlyMap<string, Float64Array>;
  readonly reconciliation: Reconciliation;
}

/**
 * The finest level of an aggregation and nothing else: a dense array over the leaves of every dimension's
 * hierarchy, no marginal totals, no statuses. What `aggregateFinest` returns, for a service or a script that
 * needs the finest cells only (to join them with other data, or to hand them to another tool), at the cost of
 * one pass over the rows.
 *
 * It is not a release: it carries unprotected values and no protection method takes it (they need the margins
 * of a {@link CellTable}: use `aggregate`).
 *
 * Cell `i` has one leaf per dimension; the index is row-major over the leaf counts (`shape`), the last dimension
 * varying fastest: `i = Σ leaf[d] × strides[d]`. Leaf `j` of dimension `d` is `dimensions[d].hierarchy.labels[j]`.
 *
 * @example
 * const f = aggregateFinest(extract, { dimensions: ['municipality', 'sex'], measures: ['cost'] });
 * const i = f.indexOf({ municipality: '0301', sex: '2' });
 * f.rows[i]; f.persons?.[i]; f.sums.get('cost')![i]; f.coords(i) // { municipality: '0301', sex: '2' }
 */
export class FinestTable {
  readonly dimensions: readonly TableDimension[];
  /** Leaf count per dimension. */
  readonly shape: readonly number[];
  /** Index step per dimension: the last dimension has stride 1. */
  readonly strides: readonly number[];
  /** Number of cells: the product of `shape`. */
  readonly cellCount: number;
  /** What the count of a cell is: `rows` or distinct `persons`. */
  readonly unit: CountUnit;
  /** Rows per cell. */
  readonly rows: Float64Array;
  /** Distinct persons per cell; undefined when the extract has no person column. */
  readonly persons: Float64Array | undefined;
  /** Sum of each measure per cell, by measure name. */
  readonly sums: ReadonlyMap<string, Float64Array>;
  /** Where the extract's rows went (the rows counted are `reconciliation.rowsUsed`). */
  readonly reconciliation: Reconciliation;

  constructor(init: FinestTableInit) {
    this.dimensions = [...init.dimensions];
    this.shape = this.dimensions.map((d) => d.hierarchy.leafCount);
    const { strides, cellCount } = rowMajor(this.shape);
    this.strides = strides;
    this.cellCount = cellCount;
    if (init.unit === 'persons' && !init.persons) {
      throw new PrikkError('INVALID_ARGUMENT', "FinestTable: unit 'persons' needs person counts (the extract has no person column)");
    }
    const arrays: [string, Float64Array | undefined][] = [['rows', init.rows], ['persons', init.persons], ...[...(init.sums ?? [])].map(([name, s]): [string, Float64Array] => [`sums '${name}'`, s])];
    for (const [what, a] of arrays) {
      if (a && a.length !== cellCount) throw new PrikkError('INVALID_ARGUMENT', `FinestTable: ${what} has ${a.length} values, expected ${cellCount}`);
    }
    this.unit = init.unit;
    this.rows = init.rows;
    this.persons = init.persons;
    this.sums = new Map(init.sums ?? []);
    this.reconciliation = init.reconciliation;
  }

  /** The count per cell: `persons` when the unit is persons, else `rows`. */
  get counts(): Float64Array {
    return this.unit === 'persons' ? this.persons! : this.rows;
  }

  /** Leaf index of cell `cell` in dimension `d`. */
  leafAt(cell: number, d: number): number {
    return Math.floor(cell / this.strides[d]!) % this.shape[d]!;
  }

  /** Labels of a cell, by dimension name, e.g. `{ municipality: '0301', sex: '2' }`. */
  coords(cell: number): Record<string, string> {
    const out: Record<string, string> = {};
    this.dimensions.forEach((dim, d) => {
      out[dim.name] = dim.hierarchy.labels[this.leafAt(cell, d)]!;
    });
    return out;
  }

  /**
   * Cell index from leaf labels, one for every dimension (a finest table has no totals).
   * @throws {PrikkError} `UNKNOWN_COLUMN` for a name that is not a dimension, `INVALID_VALUE` for a dimension left
   * out or a label that is not a leaf.
   */
  indexOf(coords: Readonly<Record<string, string>>): number {
    checkCoordNames(this.dimensions, coords, 'FinestTable.indexOf');
    let i = 0;
    this.dimensions.forEach((dim, d) => {
      const label = coords[dim.name];
      if (label === undefined) {
        throw new PrikkError('INVALID_VALUE', `FinestTable.indexOf: dimension '${dim.name}' needs a leaf label (a finest table has no totals)`);
      }
      const leaf = dim.hierarchy.leafOf(label);
      if (leaf < 0) throw new PrikkError('INVALID_VALUE', `FinestTable.indexOf: '${label}' is not a leaf of dimension '${dim.name}'`);
      i += leaf * this.strides[d]!;
    });
    return i;
  }
}
