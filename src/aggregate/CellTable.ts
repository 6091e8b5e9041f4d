import { PrikkError } from '../errors/PrikkError.js';
import type { Hierarchy } from '../hierarchy/Hierarchy.js';
import type { Reconciliation } from '../read/Extract.js';
import { checkCoordNames, rowMajor } from './rowMajor.js';

/** One dimension of a cell table: a name and its hierarchy (whose root is the dimension's total). */
export interface TableDimension {
  readonly name: string;
  readonly hierarchy: Hierarchy;
}

/**
 * What a cell's status says about its value.
 * - `published`: the value is released as computed.
 * - `primary`: hidden because a primary rule (frequency, dominance, p %) found it sensitive.
 * - `secondary`: hidden to protect a primary cell from being recomputed from the table's margins.
 * Protection methods may add statuses (e.g. `rounded`, `perturbed`); a hidden cell never carries a value.
 */
export type CellStatus = 'published' | 'primary' | 'secondary';

/** Status codes as stored in {@link CellTable.status}. */
export const CELL_STATUS: readonly CellStatus[] = ['published', 'primary', 'secondary'];

/** What the table counts: rows of the extract, or distinct persons (the unit of privacy). */
export type CountUnit = 'rows' | 'persons';

/**
 * The largest per-person contributions to each cell for one measure, in descending order:
 * `values[cell * k + j]` is the (j+1)-th largest total that one person contributes to `cell`
 * (0 when the cell has fewer than j+1 contributors). The dominance and p % rules read these.
 */
export interface TopContributions {
  readonly k: number;
  readonly values: Float64Array;
}

/** The fields of a {@link CellTable}; see the class for their meaning. */
export interface CellTableInit {
  readonly dimensions: readonly TableDimension[];
  readonly unit: CountUnit;
  readonly rows: Float64Array;
  readonly persons?: Float64Array | undefined;
  readonly sums?: ReadonlyMap<string, Float64Array>;
  readonly top?: ReadonlyMap<string, TopContributions>;
  readonly status?: Uint8Array;
  readonly reconciliation?: Reconciliation | undefined;
}

/**
 * The one table type that every protection method consumes and every writer emits: a dense cube over every
 * node of every dimension's hierarchy, so every marginal total up to the grand total is a cell.
 *
 * Cell `i` has one node per dimension; the index is row-major over the hierarchies' node counts
 * (`shape`), the last dimension varying fastest: `i = sum(node[d] * strides[d])`.
 * Values are columnar: `rows[i]`, `persons[i]`, `sums.get('cost')[i]`; `status[i]` indexes {@link CELL_STATUS}.
 *
 * A cell table holds unprotected values until a protection method sets statuses; writers must never emit
 * the value of a cell whose status is not `published`.
 *
 * @example
 * const t = aggregate(extract, { dimensions: ['municipality', 'sex'] });
 * const i = t.indexOf({ municipality: '0301', sex: '2' });
 * t.rows[i]; t.persons?.[i]; t.coords(i) // { municipality: '0301', sex: '2' }
 */
export class CellTable {
  readonly dimensions: readonly TableDimension[];
  /** Node count per dimension (each hierarchy's size). */
  readonly shape: readonly number[];
  /** Index step per dimension: the last dimension has stride 1. */
  readonly strides: readonly number[];
  /** Number of cells: the product of `shape`. */
  readonly cellCount: number;
  /** What the released count of a cell is: `rows` or distinct `persons`. */
  readonly unit: CountUnit;
  /** Rows per cell. */
  readonly rows: Float64Array;
  /** Distinct persons per cell; undefined when the extract has no person column. */
  readonly persons: Float64Array | undefined;
  /** Sum of each measure per cell, by measure name. */
  readonly sums: ReadonlyMap<string, Float64Array>;
  /** Largest per-person contributions per cell, by measure name. */
  readonly top: ReadonlyMap<string, TopContributions>;
  /** Status code per cell (index into {@link CELL_STATUS}). */
  readonly status: Uint8Array;
  /** Where the extract's rows went, including the rows a filter removed. */
  readonly reconciliation: Reconciliation | undefined;

  constructor(init: CellTableInit) {
    if (init.dimensions.length === 0) throw new PrikkError('INVALID_ARGUMENT', 'CellTable: expected at least one dimension');
    const names = new Set<string>();
    for (const d of init.dimensions) {
      if (names.has(d.name)) throw new PrikkError('INVALID_ARGUMENT', `CellTable: dimension '${d.name}' appears twice`);
      names.add(d.name);
    }
    this.dimensions = [...init.dimensions];
    this.shape = this.dimensions.map((d) => d.hierarchy.size);
    const { strides, cellCount } = rowMajor(this.shape);
    this.strides = strides;
    this.cellCount = cellCount;
    this.unit = init.unit;
    if (init.unit === 'persons' && !init.persons) {
      throw new PrikkError('INVALID_ARGUMENT', "CellTable: unit 'persons' needs person counts (the extract has no person column)");
    }
    const check = (what: string, a: ArrayLike<number>, per = 1): void => {
      if (a.length !== cellCount * per) {
        throw new PrikkError('INVALID_ARGUMENT', `CellTable: ${what} has ${a.length} values, expected ${cellCount * per}`);
      }
    };
    check('rows', init.rows);
    if (init.persons) check('persons', init.persons);
    for (const [name, s] of init.sums ?? []) check(`sums '${name}'`, s);
    for (const [name, t] of init.top ?? []) check(`top '${name}'`, t.values, t.k);
    if (init.status) check('status', init.status);
    this.rows = init.rows;
    this.persons = init.persons;
    this.sums = new Map(init.sums ?? []);
    this.top = new Map(init.top ?? []);
    this.status = init.status ?? new Uint8Array(cellCount);
    this.reconciliation = init.reconciliation;
  }

  /** The released count per cell: `persons` when the unit is persons, else `rows`. */
  get counts(): Float64Array {
    return this.unit === 'persons' ? this.persons! : this.rows;
  }

  /** Names of the measures that have sums. */
  get measures(): string[] {
    return [...this.sums.keys()];
  }

  /** Node index of cell `cell` in dimension `d`. */
  nodeAt(cell: number, d: number): number {
    return Math.floor(cell / this.strides[d]!) % this.shape[d]!;
  }

  /** Node indices of a cell, one per dimension. */
  nodes(cell: number): number[] {
    return this.shape.map((_, d) => this.nodeAt(cell, d));
  }

  /** Labels of a cell, by dimension name, e.g. `{ municipality: '0301', sex: '2' }`. */
  coords(cell: number): Record<string, string> {
    const out: Record<string, string> = {};
    this.dimensions.forEach((dim, d) => {
      out[dim.name] = dim.hierarchy.labels[this.nodeAt(cell, d)]!;
    });
    return out;
  }

  /** Cell index from node indices, one per dimension. */
  indexOfNodes(nodes: readonly number[]): number {
    let i = 0;
    for (let d = 0; d < this.shape.length; d++) i += nodes[d]! * this.strides[d]!;
    return i;
  }

  /**
   * Cell index from labels by dimension name; a dimension left out means its total.
   * @throws {PrikkError} `UNKNOWN_COLUMN` for a name that is not a dimension, `INVALID_VALUE` for an unknown label.
   */
  indexOf(coords: Readonly<Record<string, string>>): number {
    checkCoordNames(this.dimensions, coords, 'CellTable.indexOf');
    let i = 0;
    this.dimensions.forEach((dim, d) => {
      const label = coords[dim.name];
      const node = label === undefined ? dim.hierarchy.size - 1 : dim.hierarchy.nodeOf(label);
      if (node < 0) throw new PrikkError('INVALID_VALUE', `CellTable.indexOf: '${label}' is not a value of dimension '${dim.name}'`);
      i += node * this.strides[d]!;
    });
    return i;
  }

  /**
   * Whether the cell's values are known. A table read back from JSON (`cellTableFromJson`) does not know the
   * values of its hidden cells: they are NaN in `rows`, `persons`, every sum and every top list, and this is false.
   * A table made by `aggregate` knows every value.
   */
  hasValues(cell: number): boolean {
    return !Number.isNaN(this.counts[cell]!);
  }

  /** Status of a cell as a name. */
  statusOf(cell: number): CellStatus {
    return CELL_STATUS[this.status[cell]!]!;
  }

  /** A copy of this table with other statuses (values are shared, not copied: the arrays are treated as immutable). */
  withStatus(status: Uint8Array): CellTable {
    return new CellTable({ ...this.init(), status });
  }

  private init(): CellTableInit {
    return {
      dimensions: this.dimensions,
      unit: this.unit,
      rows: this.rows,
      persons: this.persons,
      sums: this.sums,
      top: this.top,
      status: this.status,
      reconciliation: this.reconciliation,
    };
  }
}
