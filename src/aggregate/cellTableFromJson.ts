import { PrikkError } from '../errors/PrikkError.js';
import { CELL_STATUS, type CellStatus, CellTable, type CountUnit, type TableDimension, type TopContributions } from './CellTable.js';
import { CELL_TABLE_FORMAT, type CellJson, type CellTableJson } from './CellTableJson.js';
import { hierarchyFromJson } from './hierarchyFromJson.js';

/** Options of {@link cellTableFromJson}. */
export interface CellTableFromJsonOptions {
  /**
   * Defaults to `error`, or to `zero` when the document says `emptyCellsOmitted: true`. What a cell of the cube
   * that the document does not list means: an error (a document that lists every cell is complete, so a missing
   * one is a mistake), or a published structural zero (a document that lists only non-empty cells).
   */
  readonly absentCells?: 'error' | 'zero';
}

const VALUE_FIELDS = ['rows', 'persons', 'sums', 'means', 'top'] as const;

function fail(message: string): never {
  throw new PrikkError('INVALID_ARGUMENT', `cellTableFromJson: ${message}`);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function count(x: unknown, what: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${what}: expected a finite number, got ${JSON.stringify(x)}`);
  return x;
}

/**
 * Reads a cell-table document ({@link CellTableJson}, as written by {@link cellTableToJson} or by another tool)
 * back into a {@link CellTable}.
 *
 * - Hidden cells (status not `published`) must carry no value field; their values are unknown, so they are NaN in
 *   every array of the table and `table.hasValues(cell)` is false for them.
 * - Absent cells: see {@link CellTableFromJsonOptions.absentCells}. Without being told, an absent cell is an error
 *   (reading it as zero could invent a published zero the author never released).
 * - `means` are derived (`sum / rows`) and not read; `top` is read when present (every published cell then needs
 *   the same number of values per measure).
 * - Node order follows the hierarchy JSON depth-first (see `hierarchyFromJson`), so cell indices may differ from
 *   the writer's; cells are matched by their coordinates.
 *
 * Cost: O(cells × (dimensions + measures)).
 *
 * @throws {PrikkError} `MALFORMED_INPUT` for text that is not JSON; `INVALID_SCHEMA` for a malformed hierarchy;
 * `INVALID_ARGUMENT` for anything else that does not fit (naming the cell by its coordinates): an unknown format,
 * status, dimension or label, a cell listed twice, a missing value in a published cell, a value in a hidden cell,
 * an absent cell without `absentCells: 'zero'`.
 * @example
 * const t = cellTableFromJson(JSON.stringify(cellTableToJson(table)));
 * t.rows[t.indexOf({ sex: '2' })] // the same count as in `table`
 */
export function cellTableFromJson(json: CellTableJson | string, options: CellTableFromJsonOptions = {}): CellTable {
  for (const key of Object.keys(options)) {
    if (key !== 'absentCells') fail(`unknown option '${key}' (expected absentCells)`);
  }
  if (options.absentCells !== undefined && options.absentCells !== 'error' && options.absentCells !== 'zero') {
    fail(`absentCells: expected 'error' or 'zero', got '${String(options.absentCells)}'`);
  }
  let doc: unknown = json;
  if (typeof json === 'string') {
    try {
      doc = JSON.parse(json);
    } catch (e) {
      throw new PrikkError('MALFORMED_INPUT', `cellTableFromJson: the text is not JSON (${(e as Error).message})`);
    }
  }
  if (!isRecord(doc)) fail('expected a JSON object');
  if (doc.format !== undefined && doc.format !== CELL_TABLE_FORMAT) {
    fail(`format: expected '${CELL_TABLE_FORMAT}', got ${JSON.stringify(doc.format)}`);
  }
  if (!Array.isArray(doc.dimensions) || doc.dimensions.length === 0) fail('dimensions: expected a non-empty array');
  if (!Array.isArray(doc.cells)) fail('cells: expected an array');
  const absent = options.absentCells ?? (doc.emptyCellsOmitted === true ? 'zero' : 'error');

  const dimensions: TableDimension[] = doc.dimensions.map((d: unknown, i: number) => {
    if (!isRecord(d) || typeof d.name !== 'string' || typeof d.total !== 'string') {
      fail(`dimensions[${i}]: expected { name, total, hierarchy }`);
    }
    const hierarchy = hierarchyFromJson(d.total, (d.hierarchy ?? {}) as CellTableJson['dimensions'][number]['hierarchy'], `cellTableFromJson: dimensions[${i}] '${d.name}'`);
    return { name: d.name, hierarchy };
  });
  const cellsIn = doc.cells as unknown[];

  // Measures, persons, top: from the header when given, else from the published cells.
  let measures: string[];
  if (doc.measures !== undefined) {
    if (!Array.isArray(doc.measures) || doc.measures.some((m) => typeof m !== 'string')) fail('measures: expected an array of names');
    measures = doc.measures as string[];
  } else {
    const found = new Set<string>();
    for (const c of cellsIn) if (isRecord(c) && isRecord(c.sums)) for (const m of Object.keys(c.sums)) found.add(m);
    measures = [...found];
  }
  const published = cellsIn.filter((c): c is Record<string, unknown> => isRecord(c) && c.status === 'published');
  const hasPersons = published.some((c) => c.persons !== undefined);
  let unit: CountUnit;
  if (doc.unit === undefined) unit = hasPersons ? 'persons' : 'rows';
  else if (doc.unit === 'rows' || doc.unit === 'persons') unit = doc.unit;
  else fail(`unit: expected 'rows' or 'persons', got ${JSON.stringify(doc.unit)}`);
  const topK = new Map<string, number>();
  for (const c of published) {
    if (!isRecord(c.top)) continue;
    for (const [m, list] of Object.entries(c.top)) {
      if (!Array.isArray(list) || list.length === 0) fail(`top '${m}': expected a non-empty array of numbers`);
      if (!topK.has(m)) topK.set(m, list.length);
    }
  }

  // An empty table of the right shape, every cell NaN until it is read.
  const shape = dimensions.map((d) => d.hierarchy.size);
  const cellCount = shape.reduce((a, b) => a * b, 1);
  const strides = new Array<number>(shape.length);
  for (let d = shape.length - 1, s = 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d]!;
  }
  const rows = new Float64Array(cellCount).fill(NaN);
  const persons = hasPersons || unit === 'persons' ? new Float64Array(cellCount).fill(NaN) : undefined;
  const sums = new Map(measures.map((m) => [m, new Float64Array(cellCount).fill(NaN)] as const));
  const top = new Map<string, TopContributions>();
  for (const [m, k] of topK) top.set(m, { k, values: new Float64Array(cellCount * k).fill(NaN) });
  const status = new Uint8Array(cellCount);
  const listed = new Uint8Array(cellCount);

  cellsIn.forEach((raw, ci) => {
    if (!isRecord(raw) || !isRecord(raw.coords)) fail(`cells[${ci}]: expected { coords, status, ... }`);
    const coords = raw.coords;
    const where = `cells[${ci}] ${JSON.stringify(coords)}`;
    for (const name of Object.keys(coords)) {
      if (!dimensions.some((d) => d.name === name)) fail(`${where}: '${name}' is not a dimension`);
    }
    let cell = 0;
    dimensions.forEach((dim, d) => {
      const label = coords[dim.name];
      if (typeof label !== 'string') fail(`${where}: no label for the dimension '${dim.name}'`);
      const node = dim.hierarchy.nodeOf(label);
      if (node < 0) fail(`${where}: '${label}' is not a node of the dimension '${dim.name}'`);
      cell += node * strides[d]!;
    });
    if (listed[cell] === 1) fail(`${where}: the cell is listed twice`);
    listed[cell] = 1;
    const code = CELL_STATUS.indexOf(raw.status as CellStatus);
    if (code < 0) fail(`${where}: unknown status ${JSON.stringify(raw.status)} (expected one of ${CELL_STATUS.join(', ')})`);
    status[cell] = code;
    const c = raw as unknown as CellJson;
    if (code !== 0) {
      const carried = VALUE_FIELDS.filter((f) => c[f] !== undefined);
      if (carried.length > 0) fail(`${where}: a ${String(raw.status)} cell must carry no values, but it has ${carried.join(', ')}`);
      return;
    }
    rows[cell] = count(c.rows, `${where}.rows`);
    if (persons) persons[cell] = count(c.persons, `${where}.persons`);
    for (const m of measures) {
      if (!isRecord(c.sums)) fail(`${where}.sums: expected an object with the measures ${measures.join(', ')}`);
      sums.get(m)![cell] = count(c.sums[m], `${where}.sums.${m}`);
    }
    for (const [m, t] of top) {
      const list = isRecord(c.top) ? c.top[m] : undefined;
      if (!Array.isArray(list) || list.length !== t.k) fail(`${where}.top.${m}: expected ${t.k} numbers`);
      list.forEach((v, j) => {
        t.values[cell * t.k + j] = count(v, `${where}.top.${m}[${j}]`);
      });
    }
  });

  for (let cell = 0; cell < cellCount; cell++) {
    if (listed[cell] === 1) continue;
    if (absent === 'error') {
      const coords: Record<string, string> = {};
      dimensions.forEach((dim, d) => {
        coords[dim.name] = dim.hierarchy.labels[Math.floor(cell / strides[d]!) % shape[d]!]!;
      });
      const missing = cellCount - listed.reduce((a, b) => a + b, 0);
      fail(
        `${missing} cell(s) of the cube are not listed, e.g. ${JSON.stringify(coords)}; pass absentCells: 'zero' if the document lists only non-empty cells`,
      );
    }
    rows[cell] = 0;
    if (persons) persons[cell] = 0;
    for (const s of sums.values()) s[cell] = 0;
    for (const t of top.values()) t.values.fill(0, cell * t.k, cell * t.k + t.k);
  }
  return new CellTable({ dimensions, unit, rows, persons, sums, top, status });
}
