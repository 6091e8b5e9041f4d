import type { CellTableDimensionJson, CellTableJson } from '../aggregate/CellTableJson.js';
import type { CountUnit } from '../aggregate/CellTable.js';

/** The protection method a released table went through. */
export type ReleaseMethod = 'suppression' | 'rounding' | 'kAnonymity' | 'dp' | 'cellKey';

/**
 * What a released cell's status says.
 * - `published`: the cell shows its values (as the table's method made them: exact, rounded, noisy or perturbed).
 * - `primary`: hidden, a primary rule found it sensitive. No value field at all.
 * - `secondary`: hidden to protect a primary cell. No value field at all.
 * - `small`: hidden behind the rounding rule's symbol (the NHS rule's 1–7). No value field at all.
 */
export type ReleasedStatus = 'published' | 'primary' | 'secondary' | 'small';

/** Statuses whose cells carry no value. */
export const HIDDEN_STATUSES: readonly ReleasedStatus[] = ['primary', 'secondary', 'small'];

/**
 * One value column of a released table, in display order. `key` is `persons`, `rows`, `sum:<measure>` or
 * `mean:<measure>`; the cell's value is in `persons`, `rows`, `sums[measure]` or `means[measure]`.
 */
export interface ValueField {
  readonly key: string;
  /** Column heading, e.g. `Persons`, `Sum of cost`, `Mean of cost`. */
  readonly label: string;
  /** Decimals to show: 0 for counts and whole-number sums. */
  readonly decimals: number;
}

/** One cell of a released table: the cell-table JSON form, plus a DP confidence interval where there is one. */
export interface ReleasedCell {
  /** A node of every dimension (a total by its label). */
  readonly coords: Readonly<Record<string, string>>;
  readonly status: ReleasedStatus;
  readonly rows?: number;
  readonly persons?: number;
  readonly sums?: Readonly<Record<string, number>>;
  readonly means?: Readonly<Record<string, number>>;
  /** DP only: the confidence interval of the first value field (what the released statistic is). */
  readonly interval?: { readonly lower: number; readonly upper: number };
  /** DP only: true when post-processing changed the noisy value. */
  readonly postProcessed?: boolean;
}

/** A footnote: what a status or symbol means in this table, and how many cells carry it. */
export interface LegendEntry {
  readonly status: ReleasedStatus;
  /** What the cell shows instead of a value (empty for `published`). */
  readonly symbol: string;
  readonly meaning: string;
  readonly cells: number;
}

/** The cost of protection, for the report. Shares are 0..1; undefined where they do not apply. */
export interface UtilitySummary {
  readonly cells: number;
  readonly hiddenCells: number;
  /** hiddenCells / cells. */
  readonly hiddenCellShare: number;
  /** Share of the finest cells' count (persons or rows) that is hidden (suppression, small-count symbols). */
  readonly hiddenCountShare?: number;
  /** Mean absolute change of published counts (rounding, cell key): expected where known, else undefined. */
  readonly expectedAbsoluteError?: number;
  /** Standard deviation of the noise of the finest cells (DP, cell key). */
  readonly noiseStandardDeviation?: number;
  /** Records suppressed by k-anonymity. */
  readonly suppressedRecords?: number;
}

/**
 * A protected table, ready for the writers: the cell-table JSON form (`prikk.cell-table/1`) of every cell of the
 * cube (every margin), with the name, title, method, value columns, footnotes and notes a reader needs.
 * Nothing in it is an unprotected value: hidden cells have no value field at all, and noisy methods' cells hold
 * the released values only. Every writer (CSV, JSON, XLSX, HTML) reads this and nothing else.
 *
 * @example
 * {
 *   format: 'prikk.cell-table/1', name: 'by_hospital', title: 'Persons by hospital', method: 'suppression',
 *   unit: 'persons', measures: [], dimensions: [ { name: 'hospital', total: 'Total', hierarchy: { Total: ['A', 'B'] } } ],
 *   valueFields: [ { key: 'persons', label: 'Persons', decimals: 0 } ],
 *   cells: [ { coords: { hospital: 'A' }, status: 'primary' }, { coords: { hospital: 'B' }, status: 'secondary' },
 *            { coords: { hospital: 'Total' }, persons: 41, status: 'published' } ],
 *   legend: [ { status: 'primary', symbol: '..', meaning: 'Hidden: fewer than 5 persons', cells: 1 }, ... ],
 *   notes: [], summary: { cells: 3, hiddenCells: 2, hiddenCellShare: 0.667 }
 * }
 */
export interface ReleasedTable extends CellTableJson {
  readonly format: 'prikk.cell-table/1';
  readonly name: string;
  readonly title: string;
  readonly method: ReleaseMethod;
  readonly unit: CountUnit;
  readonly measures: readonly string[];
  readonly dimensions: readonly CellTableDimensionJson[];
  readonly valueFields: readonly ValueField[];
  /** Every cell of the cube, in the cell table's order (row-major, last dimension fastest; totals last per dimension). */
  readonly cells: readonly ReleasedCell[];
  readonly legend: readonly LegendEntry[];
  /** Plain statements the reader must see, e.g. that perturbed margins are not additive, or that values are noisy. */
  readonly notes: readonly string[];
  readonly summary: UtilitySummary;
}
