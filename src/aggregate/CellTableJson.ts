import type { HierarchyJson } from '../hierarchy/Hierarchy.js';
import type { CellStatus, CountUnit } from './CellTable.js';

/** The value of the `format` field of a cell-table document. */
export const CELL_TABLE_FORMAT = 'prikk.cell-table/1';

/** One dimension of a cell-table document: its name, the label of its total, and its tree `{ parent: [children] }`. */
export interface CellTableDimensionJson {
  readonly name: string;
  readonly total: string;
  readonly hierarchy: HierarchyJson;
}

/**
 * One cell of a cell-table document. `coords` names a node of every dimension (a total is named by its label).
 * A cell whose `status` is not `published` has `coords` and `status` only: no value field at all.
 */
export interface CellJson {
  readonly coords: Readonly<Record<string, string>>;
  /** Rows of the extract in the cell. */
  readonly rows?: number;
  /** Distinct persons in the cell (when the extract had a person column). */
  readonly persons?: number;
  /** Sum of each measure. */
  readonly sums?: Readonly<Record<string, number>>;
  /** `sum / rows` of each measure; absent for a cell without rows. */
  readonly means?: Readonly<Record<string, number>>;
  /** Largest per-person contributions per measure, descending (internal: only written on request). */
  readonly top?: Readonly<Record<string, readonly number[]>>;
  readonly status: CellStatus | string;
}

/**
 * The JSON form of a {@link CellTable}, readable without prikk: a service or an independent auditor can rebuild
 * every marginal relation from `dimensions` (each parent equals the sum of its children, per dimension) and check
 * the published cells. Field names are stable; fields may be added.
 *
 * @example
 * {
 *   "format": "prikk.cell-table/1", "unit": "persons", "measures": ["cost"],
 *   "dimensions": [ { "name": "municipality", "total": "Total",
 *                     "hierarchy": { "Total": ["03", "11"], "03": ["0301"], "11": ["1101", "1103"] } } ],
 *   "cells": [ { "coords": { "municipality": "0301" }, "rows": 14, "persons": 12,
 *                "sums": { "cost": 81234.5 }, "means": { "cost": 5802.5 }, "status": "published" },
 *              { "coords": { "municipality": "1101" }, "status": "primary" } ]
 * }
 */
export interface CellTableJson {
  /** `prikk.cell-table/1`. Optional when reading a document made by another tool. */
  readonly format?: string;
  /** What the released count is. Optional when reading: defaults to `persons` if cells carry persons, else `rows`. */
  readonly unit?: CountUnit;
  /** Names of the measures (cells' `sums` keys). Optional when reading: defaults to the keys found in the cells. */
  readonly measures?: readonly string[];
  /** True when published cells without rows were left out (`includeEmpty: false`): absent cells are zeros. */
  readonly emptyCellsOmitted?: boolean;
  readonly dimensions: readonly CellTableDimensionJson[];
  readonly cells: readonly CellJson[];
}
