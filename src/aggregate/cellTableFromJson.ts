import { PrikkError } from '../errors/PrikkError.js';
import { CELL_STATUS, CellTable, type CountUnit, type TableDimension, type TopContributions } from './CellTable.js';
import { CELL_TABLE_FORMAT, type CellTableJson } from './CellTableJson.js';
import { hierarchyFromJson } from './hierarchyFromJson.js';
import { rowMajor } from './rowMajor.js';

/**
 * Options of {@link cellTableFromJson}. The defaults read a document strictly (any deviation is an error); the
 * audit reads what an attacker sees with `{ absentCells: 'hidden', statuses: 'byValue', publishedValues: 'any',
 * hiddenValues: 'drop' }` (see `auditReadOptions` in src/audit).
 */
export interface CellTableFromJsonOptions {
  /**
   * What a cell of the cube that the document does not list means. Defaults to `error`, or to `zero` when the
   * document says `emptyCellsOmitted: true`; an option given here wins over the document.
   * - `error`: a document that lists every cell is complete, so a missing one is a mistake.
   * - `zero`: a published structural zero (a document that lists only non-empty cells).
   * - `hidden`: a hidden cell (status `secondary`, values unknown): what a reader of the document does not see.
   */
  readonly absentCells?: 'error' | 'zero' | 'hidden';
  /**
   * How statuses are read. Defaults to `strict`.
   * - `strict`: `published`, `primary`, `secondary`, and a released table's `small` (the rounding rule's hidden
   *   small count), read as `secondary` because a {@link CellTable} has no such status; any other status is an error.
   * - `byValue`: `published`, `primary` and `secondary` as named; any other status (`small`, another tool's
   *   `rounded`, a missing status) is `published` when the cell carries a number for the table's unit (`persons` or
   *   `rows`) and `secondary` when it carries none.
   */
  readonly statuses?: 'strict' | 'byValue';
  /**
   * What a published cell must carry. Defaults to `all`.
   * - `all`: every value field the document has: its unit's count, `rows` when any published cell has rows,
   *   `persons` when the unit is persons or any published cell has persons, every measure's sum, and every `top`
   *   list found (so a differentially private table that releases persons only, without rows, reads).
   * - `unit`: only the count of the table's unit; a field the cell leaves out is unknown (NaN).
   * - `any`: at least one value field (a count or a sum); every field the cell leaves out is unknown (NaN), so a
   *   table that publishes sums only (`values: ['sum:cost']`) reads.
   */
  readonly publishedValues?: 'all' | 'unit' | 'any';
  /**
   * What a hidden cell (any status read as not published) that carries a value field means. Defaults to `error`
   * (a hidden cell's value must never be written). `drop`: the values are ignored and the cell reads as unknown,
   * as an audit of the suppression pattern of a file that carries every value needs.
   */
  readonly hiddenValues?: 'error' | 'drop';
}

/** Fields that carry a cell's values (or something learnt from them): a hidden cell has none of them. */
const VALUE_FIELDS = ['rows', 'persons', 'sums', 'means', 'top', 'interval'] as const;
const PUBLISHED = CELL_STATUS.indexOf('published');
const PRIMARY = CELL_STATUS.indexOf('primary');
const SECONDARY = CELL_STATUS.indexOf('secondary');
const OPTIONS: Readonly<Record<keyof CellTableFromJsonOptions, readonly string[]>> = {
  absentCells: ['error', 'zero', 'hidden'],
  statuses: ['strict', 'byValue'],
  publishedValues: ['all', 'unit', 'any'],
  hiddenValues: ['error', 'drop'],
};

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
 * Reads a cell-table document ({@link CellTableJson}, as written by {@link cellTableToJson}, a released table as
 * written by the release's JSON writer, or a document made by another tool) into a {@link CellTable}.
 *
 * - Hidden cells (every status read as not published) have unknown values: NaN in every array of the table, and
 *   `table.hasValues(cell)` is false for them. By default they must carry no value field (see
 *   {@link CellTableFromJsonOptions.hiddenValues}).
 * - Statuses, absent cells and the fields a published cell must carry: see {@link CellTableFromJsonOptions}. The
 *   defaults are strict: an unknown status, an absent cell or a missing value is an error.
 * - A dimension left out of a cell's `coords` means its total, as in `CellTable.indexOf`.
 * - `unit` defaults to `persons` when a published cell (or, with `statuses: 'byValue'`, a cell of another status
 *   than `primary` or `secondary`) carries persons, else `rows`; `measures` default to the `sums` keys found.
 * - `means` are derived (`sum / rows`) and not read; `top` is read when present. A released table's `interval` and
 *   `postProcessed` are not read, nor are its `name`, `title`, `method`, `valueFields`, `legend`, `notes`, `summary`.
 * - Node order follows the hierarchy JSON depth-first (see `hierarchyFromJson`), so cell indices may differ from
 *   the writer's; cells are matched by their coordinates.
 *
 * Follows the cell-table JSON form of issue 2 (`prikk.cell-table/1`). Cost: O(cells × (dimensions + measures)).
 *
 * @throws {PrikkError} `MALFORMED_INPUT` for text that is not JSON; `INVALID_SCHEMA` for a malformed hierarchy;
 * `INVALID_ARGUMENT` for a bad option and for anything else that does not fit (naming the cell by its index and
 * coordinates, never a hidden value): an unknown format, unit, status, dimension or label, a cell listed twice, a
 * missing value in a published cell, a value field in a hidden cell, an absent cell under `absentCells: 'error'`.
 * @example
 * const t = cellTableFromJson(JSON.stringify(cellTableToJson(table)));
 * t.rows[t.indexOf({ sex: '2' })] // the same count as in `table`
 * const seen = cellTableFromJson(releasedJsonText, { absentCells: 'hidden', statuses: 'byValue', publishedValues: 'unit', hiddenValues: 'drop' });
 * seen.statusOf(seen.indexOf({ region: 'North' })) // 'secondary' for a rounding release's `small` cell
 */
export function cellTableFromJson(json: CellTableJson | string, options: CellTableFromJsonOptions = {}): CellTable {
  if (!isRecord(options)) fail('options: expected an object');
  for (const [key, value] of Object.entries(options)) {
    const allowed = OPTIONS[key as keyof CellTableFromJsonOptions] as readonly string[] | undefined;
    if (!Object.hasOwn(OPTIONS, key) || allowed === undefined) fail(`unknown option '${key}' (expected ${Object.keys(OPTIONS).join(', ')})`);
    if (value !== undefined && !allowed.includes(value as string)) {
      fail(`${key}: expected ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(value)}`);
    }
  }
  const byValue = options.statuses === 'byValue';
  const allValues = (options.publishedValues ?? 'all') === 'all';
  const anyValues = options.publishedValues === 'any';
  const dropHidden = options.hiddenValues === 'drop';

  let doc: unknown = json;
  if (typeof json === 'string') {
    try {
      doc = JSON.parse(json);
    } catch (e) {
      throw new PrikkError('MALFORMED_INPUT', `cellTableFromJson: the text is not JSON (${(e as Error).message})`);
    }
  }
  if (!isRecord(doc)) fail('expected a JSON object with the arrays "dimensions" and "cells"');
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
  const names = new Set<string>();
  for (const d of dimensions) {
    if (names.has(d.name)) fail(`dimensions: '${d.name}' appears twice`);
    names.add(d.name);
  }
  const cellsIn = (doc.cells as unknown[]).map((c, ci) => {
    if (!isRecord(c) || !isRecord(c.coords)) fail(`cells[${ci}]: expected { coords, status, ... }`);
    return c;
  });

  let measures: string[];
  if (doc.measures !== undefined) {
    if (!Array.isArray(doc.measures) || doc.measures.some((m) => typeof m !== 'string')) fail('measures: expected an array of names');
    measures = doc.measures as string[];
  } else {
    const found = new Set<string>();
    for (const c of cellsIn) if (isRecord(c.sums)) for (const m of Object.keys(c.sums)) found.add(m);
    measures = [...found];
  }

  // The unit comes before the statuses: with `byValue`, a cell is published when it carries its unit's count.
  const mayBePublished = (c: Record<string, unknown>): boolean =>
    c.status === 'published' || (byValue && c.status !== 'primary' && c.status !== 'secondary');
  let unit: CountUnit;
  if (doc.unit === undefined) unit = cellsIn.some((c) => mayBePublished(c) && c.persons !== undefined) ? 'persons' : 'rows';
  else if (doc.unit === 'rows' || doc.unit === 'persons') unit = doc.unit;
  else fail(`unit: expected 'rows' or 'persons', got ${JSON.stringify(doc.unit)}`);

  const statusOf = cellsIn.map((c, ci): number => {
    if (c.status === 'published') return PUBLISHED;
    if (c.status === 'primary') return PRIMARY;
    if (c.status === 'secondary') return SECONDARY;
    if (byValue) return typeof c[unit] === 'number' ? PUBLISHED : SECONDARY;
    if (c.status === 'small') return SECONDARY;
    return fail(
      `cells[${ci}] ${JSON.stringify(c.coords)}: unknown status ${JSON.stringify(c.status)} (expected one of ${CELL_STATUS.join(', ')}, small; ` +
        `statuses: 'byValue' reads another status as published when the cell has a value)`,
    );
  });
  const published = cellsIn.filter((_, ci) => statusOf[ci] === PUBLISHED);
  const hasRows = unit === 'rows' || published.some((c) => c.rows !== undefined);
  const hasPersons = unit === 'persons' || published.some((c) => c.persons !== undefined);
  const topK = new Map<string, number>();
  for (const c of published) {
    if (c.top === undefined) continue;
    if (!isRecord(c.top)) fail(`cells[${cellsIn.indexOf(c)}] ${JSON.stringify(c.coords)}.top: expected an object of lists`);
    for (const [m, list] of Object.entries(c.top)) {
      if (!Array.isArray(list) || list.length === 0) fail(`top '${m}': expected a non-empty array of numbers`);
      if (!topK.has(m)) topK.set(m, list.length);
    }
  }

  // An empty table of the right shape, every cell NaN until it is read.
  const shape = dimensions.map((d) => d.hierarchy.size);
  const { strides, cellCount } = rowMajor(shape);
  const rows = new Float64Array(cellCount).fill(NaN);
  const persons = hasPersons ? new Float64Array(cellCount).fill(NaN) : undefined;
  const sums = new Map(measures.map((m) => [m, new Float64Array(cellCount).fill(NaN)] as const));
  const top = new Map<string, TopContributions>();
  for (const [m, k] of topK) top.set(m, { k, values: new Float64Array(cellCount * k).fill(NaN) });
  const status = new Uint8Array(cellCount);
  const listed = new Uint8Array(cellCount);

  // A field of a published cell: required under `all` (and for the unit's count), else read when present.
  const read = (value: unknown, required: boolean, what: string): number => (value === undefined && !required ? NaN : count(value, what));

  cellsIn.forEach((c, ci) => {
    const coords = c.coords as Record<string, unknown>;
    const where = `cells[${ci}] ${JSON.stringify(coords)}`;
    for (const name of Object.keys(coords)) {
      if (!names.has(name)) fail(`${where}: '${name}' is not a dimension (expected one of ${[...names].join(', ')})`);
    }
    let cell = 0;
    dimensions.forEach((dim, d) => {
      const label = coords[dim.name];
      if (label !== undefined && typeof label !== 'string') fail(`${where}: the label of the dimension '${dim.name}' must be a string`);
      const node = label === undefined ? dim.hierarchy.size - 1 : dim.hierarchy.nodeOf(label);
      if (node < 0) fail(`${where}: '${label}' is not a node of the dimension '${dim.name}'`);
      cell += node * strides[d]!;
    });
    if (listed[cell] === 1) fail(`${where}: the cell is listed twice`);
    listed[cell] = 1;
    const code = statusOf[ci]!;
    status[cell] = code;
    if (code !== PUBLISHED) {
      const carried = VALUE_FIELDS.filter((f) => c[f] !== undefined);
      if (carried.length > 0 && !dropHidden) {
        fail(`${where}: a ${String(c.status)} cell is hidden and must carry no values, but it has ${carried.join(', ')} (hiddenValues: 'drop' ignores them)`);
      }
      return;
    }
    rows[cell] = read(c.rows, !anyValues && (unit === 'rows' || (allValues && hasRows)), `${where}.rows`);
    if (persons) persons[cell] = read(c.persons, !anyValues && (unit === 'persons' || allValues), `${where}.persons`);
    const cellSums = c.sums;
    if ((cellSums !== undefined || (allValues && measures.length > 0)) && !isRecord(cellSums)) {
      fail(`${where}.sums: expected an object with the measures ${measures.join(', ')}`);
    }
    for (const m of measures) sums.get(m)![cell] = read(cellSums?.[m], allValues, `${where}.sums.${m}`);
    if (anyValues && Number.isNaN(rows[cell]!) && (!persons || Number.isNaN(persons[cell]!)) && measures.every((m) => Number.isNaN(sums.get(m)![cell]!))) {
      fail(`${where}: a published cell must carry at least one value (rows, persons or a sum)`);
    }
    for (const [m, t] of top) {
      const list = isRecord(c.top) ? c.top[m] : undefined;
      if (list === undefined && !allValues) continue;
      if (!Array.isArray(list) || list.length !== t.k) fail(`${where}.top.${m}: expected ${t.k} numbers`);
      list.forEach((v, j) => {
        t.values[cell * t.k + j] = count(v, `${where}.top.${m}[${j}]`);
      });
    }
  });

  let missing = 0;
  for (let cell = 0; cell < cellCount; cell++) if (listed[cell] === 0) missing++;
  if (missing > 0 && absent === 'error') {
    const cell = listed.indexOf(0);
    const coords: Record<string, string> = {};
    dimensions.forEach((dim, d) => {
      coords[dim.name] = dim.hierarchy.labels[Math.floor(cell / strides[d]!) % shape[d]!]!;
    });
    fail(
      `${missing} cell(s) of the cube are not listed, e.g. ${JSON.stringify(coords)}; pass absentCells: 'zero' if the document ` +
        `lists only non-empty cells, or 'hidden' if what it leaves out was not published`,
    );
  }
  for (let cell = 0; missing > 0 && cell < cellCount; cell++) {
    if (listed[cell] === 1) continue;
    if (absent === 'hidden') {
      status[cell] = SECONDARY;
      continue;
    }
    rows[cell] = 0;
    if (persons) persons[cell] = 0;
    for (const s of sums.values()) s[cell] = 0;
    for (const t of top.values()) t.values.fill(0, cell * t.k, cell * t.k + t.k);
  }
  return new CellTable({ dimensions, unit, rows, persons, sums, top, status });
}
