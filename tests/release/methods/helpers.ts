// Helpers for the method plug-in tests: small extracts (readRows), table requests and method contexts, plus
// independent reference computations (counting persons per coordinate straight from the rows).
import type { CountUnit } from '../../../src/aggregate/CellTable.js';
import type { Filter } from '../../../src/aggregate/Filter.js';
import type { Hierarchy } from '../../../src/hierarchy/Hierarchy.js';
import type { MethodPolicy } from '../../../src/policy/ReleasePolicy.js';
import { cryptoRandomSource } from '../../../src/random/cryptoRandomSource.js';
import { readRows } from '../../../src/read/readRows.js';
import type { Extract } from '../../../src/read/Extract.js';
import type { Schema } from '../../../src/read/Schema.js';
import type { ReleasedCell, ReleasedTable } from '../../../src/release/ReleasedTable.js';
import type { MethodContext } from '../../../src/release/methods/MethodContext.js';
import type { TableRequest } from '../../../src/release/methods/TableRequest.js';

export type Row = Readonly<Record<string, string | number>>;

export const SYMBOLS = Object.freeze({ primary: '..', secondary: '..', small: '*' });

/** person, hospital (codes found in the data), sex (public code list 1, 2), cost. */
export const SCHEMA: Schema = {
  columns: [
    { name: 'pid', role: 'person' },
    { name: 'hospital', role: 'dimension' },
    { name: 'sex', role: 'dimension', codes: ['1', '2'] },
    { name: 'cost', role: 'measure' },
  ],
};

/** `n` persons (one row each, cost 100) in every listed (hospital, sex) cell, ids `<prefix><i>`. */
export function personsIn(cells: readonly (readonly [hospital: string, sex: string, n: number])[]): Row[] {
  const rows: Row[] = [];
  let id = 0;
  for (const [hospital, sex, n] of cells) for (let i = 0; i < n; i++) rows.push({ pid: `p${id++}`, hospital, sex, cost: 100 });
  return rows;
}

export function extractOf(rows: readonly Row[], schema: Schema = SCHEMA): Extract {
  return readRows(rows, schema);
}

/** A table request as the release step would make it (defaults filled in). */
export function request(
  name: string,
  dimensions: readonly (string | { readonly column: string; readonly hierarchy: Hierarchy; readonly spec: unknown })[],
  method: MethodPolicy,
  options: { readonly unit?: CountUnit; readonly values?: readonly string[]; readonly filter?: Filter; readonly measures?: readonly string[] } = {},
): TableRequest {
  const unit = options.unit ?? 'persons';
  const dims = dimensions.map((d) => (typeof d === 'string' ? { column: d, hierarchy: undefined, spec: undefined } : d));
  return {
    policy: { name, dimensions: dims.map((d) => d.column), method, ...(options.filter ? { filter: options.filter } : {}) },
    name,
    title: `Title of ${name}`,
    dimensions: dims,
    unit,
    measures: options.measures ?? [],
    values: options.values ?? [unit],
    filter: options.filter,
  };
}

export function context(extract: Extract, overrides: Partial<MethodContext> = {}): MethodContext {
  return {
    extract,
    source: { path: '/nonexistent.csv', schema: SCHEMA, options: {} },
    policyDir: '/nonexistent',
    symbols: SYMBOLS,
    random: cryptoRandomSource(),
    env: () => undefined,
    ...overrides,
  };
}

/**
 * Reference: distinct persons (or rows) per released cell, straight from the rows: a row counts in a cell when, for
 * every dimension, the cell's label is the row's value or one of its ancestors (`ancestors(dim, value)`), or the
 * dimension's total.
 */
export function referenceCount(
  rows: readonly Row[],
  coords: Readonly<Record<string, string>>,
  totals: Readonly<Record<string, string>>,
  unit: CountUnit = 'persons',
  ancestors: (dim: string, value: string) => readonly string[] = (_d, v) => [v],
): number {
  const kept = rows.filter((r) => Object.entries(coords).every(([d, label]) => label === totals[d] || ancestors(d, String(r[d])).includes(label)));
  return unit === 'rows' ? kept.length : new Set(kept.map((r) => String(r.pid))).size;
}

/** Hidden cells carry no value field at all. */
export function hasNoValue(cell: ReleasedCell): boolean {
  return ['rows', 'persons', 'sums', 'means', 'interval'].every((k) => !(k in cell));
}

export function cellAt(t: ReleasedTable, coords: Readonly<Record<string, string>>): ReleasedCell {
  const found = t.cells.find((c) => Object.entries(coords).every(([k, v]) => c.coords[k] === v) && Object.keys(c.coords).length === Object.keys(coords).length);
  if (!found) throw new Error(`no cell ${JSON.stringify(coords)}`);
  return found;
}
