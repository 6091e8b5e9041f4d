import { PrikkError } from '../../errors/PrikkError.js';
import { HIDDEN_STATUSES, type ReleasedStatus, type ReleasedTable } from '../ReleasedTable.js';

/** Fields that carry a value; a hidden cell must have none of them (`top` holds single persons' values). */
const VALUE_FIELDS = ['rows', 'persons', 'sums', 'means', 'interval', 'top'] as const;

const KNOWN_STATUSES: readonly string[] = ['published', ...HIDDEN_STATUSES];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * The last guard before a released table is written: checks that no hidden cell carries a value, and that the
 * table is well formed enough for a writer to lay it out. Every writer (CSV, JSON, XLSX) calls it first.
 *
 * It checks, in one pass over the cells:
 * - a cell whose status is not `published` has no value field at all (`rows`, `persons`, `sums`, `means`,
 *   `interval`, nor `top`): the rule of the cell-table JSON form (issue 2) and of {@link ReleasedTable};
 * - every cell names a node of every dimension in `coords` and nothing else, and no cell is listed twice (a cell
 *   listed once hidden and once published would publish the hidden value);
 * - every status is a known {@link ReleasedStatus};
 * - every value a published cell carries is a finite number (`interval` with `lower <= upper`).
 *
 * Error messages name the table, the cell's coordinates and the field, never a value: the point of this guard is
 * that a hidden value is not printed anywhere, and a log is somewhere.
 *
 * Cost: O(cells × (dimensions + measures)) time, O(cells) memory for the duplicate check.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for the first problem found, e.g.
 * `assertNoHiddenValues: table 'by_hospital': cells[3] {"hospital":"B"}: a primary cell must carry no value, but it has persons`.
 * @example
 * assertNoHiddenValues({ ...table, cells: [{ coords: { hospital: 'A' }, status: 'primary' }] }) // returns
 * assertNoHiddenValues({ ...table, cells: [{ coords: { hospital: 'A' }, status: 'primary', persons: 3 }] })
 * // throws PrikkError INVALID_ARGUMENT (naming table and coords, not the 3)
 */
export function assertNoHiddenValues(table: ReleasedTable): void {
  if (!isRecord(table)) throw new PrikkError('INVALID_ARGUMENT', 'assertNoHiddenValues: expected a released table (an object)');
  const t = table as unknown as Record<string, unknown>;
  const name = typeof t.name === 'string' ? t.name : '(unnamed)';
  const fail = (message: string): never => {
    throw new PrikkError('INVALID_ARGUMENT', `assertNoHiddenValues: table '${name}': ${message}`);
  };
  if (typeof t.name !== 'string' || t.name === '') fail('name: expected a non-empty string');
  if (!Array.isArray(t.dimensions) || t.dimensions.length === 0) fail('dimensions: expected a non-empty array');
  if (!Array.isArray(t.cells)) fail('cells: expected an array');

  // Each dimension's node labels: the total, and every child listed in its hierarchy.
  const dimensions = (t.dimensions as unknown[]).map((d, i) => {
    if (!isRecord(d) || typeof d.name !== 'string' || typeof d.total !== 'string' || !isRecord(d.hierarchy)) {
      return fail(`dimensions[${i}]: expected { name, total, hierarchy }`);
    }
    // Node label -> a number 0..nodes-1 (the order does not matter, only that it is one-to-one).
    const nodes = new Map<string, number>([[d.total, 0]]);
    for (const [parent, children] of Object.entries(d.hierarchy)) {
      if (!Array.isArray(children) || children.some((c) => typeof c !== 'string')) {
        fail(`dimensions[${i}] '${d.name}': the children of '${parent}' must be an array of labels`);
      }
      for (const c of children as string[]) if (!nodes.has(c)) nodes.set(c, nodes.size);
    }
    return { name: d.name, nodes };
  });
  const dimensionNames = new Set(dimensions.map((d) => d.name));
  if (dimensionNames.size !== dimensions.length) fail('dimensions: two dimensions have the same name');

  // Each cell's position in the cube (mixed radix over the dimensions' node numbers), to find a cell listed twice.
  const cubeSize = dimensions.reduce((n, d) => n * d.nodes.size, 1);
  if (!Number.isSafeInteger(cubeSize)) fail('dimensions: the cube has more than 2^53 cells');
  const seen = cubeSize <= 8 * (t.cells as unknown[]).length + 1024 ? new Uint8Array(cubeSize) : new Set<number>();
  const cells = t.cells as unknown[];
  const labels = new Array<string>(dimensions.length);
  const where = (i: number): string => cellName(i, dimensions, labels);
  // A plain loop with no closure per cell: this runs over every cell of every table (about 1 µs per cell).
  for (let i = 0; i < cells.length; i++) {
    const raw = cells[i];
    if (!isRecord(raw) || !isRecord(raw.coords)) fail(`cells[${i}]: expected { coords, status, ... }`);
    const cell = raw as Record<string, unknown>;
    const coords = cell.coords as Record<string, unknown>;
    for (const key in coords) {
      if (Object.hasOwn(coords, key) && !dimensionNames.has(key)) fail(`cells[${i}]: '${key}' in coords is not a dimension`);
    }
    // The cell's name is built from these labels only: nothing else of the cell can reach a message.
    let position = 0;
    for (let d = 0; d < dimensions.length; d++) {
      const dim = dimensions[d]!;
      const label = coords[dim.name];
      if (typeof label !== 'string') fail(`cells[${i}]: no label for the dimension '${dim.name}'`);
      const node = dim.nodes.get(label as string);
      if (node === undefined) fail(`cells[${i}]: '${label as string}' is not a node of the dimension '${dim.name}'`);
      labels[d] = label as string;
      position = position * dim.nodes.size + node!;
    }
    if (seen instanceof Uint8Array ? seen[position] === 1 : seen.has(position)) fail(`${where(i)}: the cell is listed twice`);
    if (seen instanceof Uint8Array) seen[position] = 1;
    else seen.add(position);

    const status = cell.status;
    if (status === 'published') {
      checkPublished(cell, i, dimensions, labels, fail);
      continue;
    }
    if (typeof status !== 'string' || !KNOWN_STATUSES.includes(status)) {
      fail(`${where(i)}: unknown status ${JSON.stringify(status)} (expected one of ${KNOWN_STATUSES.join(', ')})`);
    }
    const carried = VALUE_FIELDS.filter((f) => cell[f] !== undefined);
    if (carried.length > 0) fail(`${where(i)}: a ${String(status)} cell must carry no value, but it has ${carried.join(', ')}`);
  }
}

/** `cells[i] {"dim":"label",...}`: a cell named by its index and labels, for a message. */
function cellName(i: number, dimensions: readonly { readonly name: string }[], labels: readonly string[]): string {
  const coords: Record<string, string> = {};
  for (let d = 0; d < dimensions.length; d++) coords[dimensions[d]!.name] = labels[d]!;
  return `cells[${i}] ${JSON.stringify(coords)}`;
}

/** Every value a published cell carries is a finite number; an interval has lower <= upper. */
function checkPublished(
  cell: Record<string, unknown>,
  i: number,
  dimensions: readonly { readonly name: string }[],
  labels: readonly string[],
  fail: (message: string) => never,
): void {
  const where = (): string => cellName(i, dimensions, labels);
  if (cell.rows !== undefined && !isFiniteNumber(cell.rows)) fail(`${where()}.rows: expected a finite number`);
  if (cell.persons !== undefined && !isFiniteNumber(cell.persons)) fail(`${where()}.persons: expected a finite number`);
  for (const f of ['sums', 'means'] as const) {
    const v = cell[f];
    if (v === undefined) continue;
    if (!isRecord(v)) fail(`${where()}.${f}: expected an object of numbers`);
    const record = v as Record<string, unknown>;
    for (const m in record) {
      if (Object.hasOwn(record, m) && !isFiniteNumber(record[m])) fail(`${where()}.${f}.${m}: expected a finite number`);
    }
  }
  const interval = cell.interval;
  if (interval !== undefined) {
    if (!isRecord(interval) || !isFiniteNumber(interval.lower) || !isFiniteNumber(interval.upper) || interval.lower > interval.upper) {
      fail(`${where()}.interval: expected { lower, upper }, finite numbers with lower <= upper`);
    }
  }
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}
