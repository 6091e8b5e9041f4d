import { CELL_STATUS, CellTable, type CellStatus, type CountUnit } from '../aggregate/CellTable.js';
import { PrikkError } from '../errors/PrikkError.js';
import { Hierarchy, type HierarchyJson } from '../hierarchy/Hierarchy.js';

/** One cell of the cell-table JSON form: coordinates, status, and value fields only when published. */
export interface CellJson {
  readonly coords: Readonly<Record<string, string>>;
  readonly status: string;
  readonly rows?: number;
  readonly persons?: number;
  readonly sums?: Readonly<Record<string, number>>;
}

/** The cell-table JSON form (issue 2): dimensions with hierarchies as `{ parent: [children] }`, and cells. */
export interface CellTableJson {
  readonly unit?: CountUnit;
  readonly dimensions: readonly { readonly name: string; readonly total: string; readonly hierarchy: HierarchyJson }[];
  readonly cells: readonly CellJson[];
}

/**
 * Reads a table in the cell-table JSON form, as written by prikk or another tool, into a {@link CellTable} for the
 * audit: published cells keep their values, hidden cells (`primary`, `secondary`, or missing from the file) get
 * NaN, which no protection step reads. A missing cell counts as hidden: the attacker does not see it.
 * Statuses other than the three known ones (e.g. `rounded`, `small`) count as published when the cell has a value
 * for the unit, and as hidden (secondary) when it has none.
 *
 * Cost: O(cells × dimensions).
 *
 * @throws {PrikkError} `INVALID_SCHEMA` when a hierarchy is malformed; `INVALID_VALUE` when a cell names an
 * unknown dimension or label, or a published cell has no value for the table's unit.
 * @example
 * const t = tableFromJson(JSON.parse(text));
 * t.statusOf(t.indexOf({ region: 'A', gender: 'female' })) // 'primary'
 */
export function tableFromJson(json: CellTableJson): CellTable {
  if (!json || !Array.isArray(json.dimensions) || !Array.isArray(json.cells)) {
    throw new PrikkError('INVALID_SCHEMA', 'tableFromJson: expected an object with arrays "dimensions" and "cells"');
  }
  const dimensions = json.dimensions.map((d) => ({ name: d.name, hierarchy: hierarchyFromJson(d.name, d.total, d.hierarchy) }));
  const unit: CountUnit = json.unit ?? (json.cells.some((c) => typeof c.persons === 'number') ? 'persons' : 'rows');
  const shape = dimensions.map((d) => d.hierarchy.size);
  const cellCount = shape.reduce((a, b) => a * b, 1);
  const rows = new Float64Array(cellCount).fill(Number.NaN);
  const persons = unit === 'persons' ? new Float64Array(cellCount).fill(Number.NaN) : undefined;
  const status = new Uint8Array(cellCount).fill(CELL_STATUS.indexOf('secondary'));
  const sumNames = new Set<string>();
  for (const c of json.cells) for (const k of Object.keys(c.sums ?? {})) sumNames.add(k);
  const sums = new Map<string, Float64Array>([...sumNames].map((k) => [k, new Float64Array(cellCount).fill(Number.NaN)]));
  const probe = new CellTable({ dimensions, unit, rows, persons, status });
  json.cells.forEach((c, i) => {
    let idx: number;
    try {
      idx = probe.indexOf(c.coords ?? {});
    } catch (e) {
      throw new PrikkError('INVALID_VALUE', `tableFromJson: cells[${i}]: ${(e as Error).message}`);
    }
    // Another status (a rounding rule's `small`, another tool's `rounded`) is published when the cell shows a value
    // for the unit, and hidden otherwise: a hidden cell carries no value.
    const shown = typeof (unit === 'persons' ? c.persons : c.rows) === 'number';
    const s = (CELL_STATUS as readonly string[]).includes(c.status) ? (c.status as CellStatus) : shown ? 'published' : 'secondary';
    status[idx] = CELL_STATUS.indexOf(s);
    if (s !== 'published') return;
    const v = unit === 'persons' ? c.persons : c.rows;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new PrikkError('INVALID_VALUE', `tableFromJson: cells[${i}] is published but has no '${unit}' value`);
    }
    if (typeof c.rows === 'number') rows[idx] = c.rows;
    if (persons && typeof c.persons === 'number') persons[idx] = c.persons;
    for (const [k, val] of Object.entries(c.sums ?? {})) sums.get(k)![idx] = Number(val);
  });
  return new CellTable({ dimensions, unit, rows, persons, sums, status });
}

/** A hierarchy from `{ parent: [children] }`: leaves in depth-first order, then internal nodes deepest first. */
function hierarchyFromJson(name: string, total: string, tree: HierarchyJson): Hierarchy {
  if (typeof total !== 'string' || !tree || typeof tree !== 'object') {
    throw new PrikkError('INVALID_SCHEMA', `tableFromJson: dimension '${name}' needs a "total" and a "hierarchy" object`);
  }
  const depth = new Map<string, number>();
  const dfs: string[] = [];
  const parentOf = new Map<string, string>();
  const stack: [string, number][] = [[total, 0]];
  while (stack.length > 0) {
    const [label, d] = stack.pop()!;
    if (depth.has(label)) throw new PrikkError('INVALID_SCHEMA', `tableFromJson: dimension '${name}': '${label}' appears twice in the hierarchy`);
    depth.set(label, d);
    dfs.push(label);
    const kids = tree[label] ?? [];
    for (let i = kids.length - 1; i >= 0; i--) {
      parentOf.set(kids[i]!, label);
      stack.push([kids[i]!, d + 1]);
    }
  }
  const isLeaf = (l: string): boolean => (tree[l] ?? []).length === 0;
  const leaves = dfs.filter(isLeaf);
  const internal = dfs.filter((l) => !isLeaf(l) && l !== total);
  internal.sort((a, b) => depth.get(b)! - depth.get(a)! || dfs.indexOf(a) - dfs.indexOf(b));
  const labels = dfs.length === 1 ? [total] : [...leaves, ...internal, total];
  const pos = new Map(labels.map((l, i) => [l, i]));
  const parents = labels.map((l) => (l === total ? -1 : pos.get(parentOf.get(l)!)!));
  return Hierarchy.fromParents(total, labels, parents);
}
