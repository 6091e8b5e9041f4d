import { PrikkError } from '../errors/PrikkError.js';
import { type CellTable, CELL_STATUS } from './CellTable.js';
import { CELL_TABLE_FORMAT, type CellJson, type CellTableJson } from './CellTableJson.js';

/** Options of {@link cellTableToJson}. */
export interface CellTableToJsonOptions {
  /**
   * Defaults to `true`. When false, published cells with no rows are left out and the document says
   * `emptyCellsOmitted: true`. Hidden cells are always written, empty or not: leaving a hidden cell out because it
   * is empty would tell that it is empty.
   */
  readonly includeEmpty?: boolean;
  /**
   * Defaults to `false`. Whether published cells carry their top contributions. Top contributions are single
   * persons' values: they are for the primary rules inside prikk and must never be released.
   */
  readonly includeTop?: boolean;
}

/**
 * Writes a cell table as a plain JSON value ({@link CellTableJson}, format `prikk.cell-table/1`) that a service or
 * an independent auditor can read without prikk; `JSON.stringify` the result to store it. Cells are written in the
 * table's index order. A published cell has `rows`, `persons` (when the table has them), `sums` and `means`
 * (`sum / rows`, left out for a cell without rows); a cell whose status is not `published` has `coords` and
 * `status` only, so a hidden value can never leak through this writer.
 *
 * Cost: O(cells × (dimensions + measures)).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for an unknown option, or a published cell whose value is unknown (NaN).
 * @example
 * const json = cellTableToJson(aggregate(extract, { dimensions: ['sex'], measures: ['cost'] }));
 * json.cells[0] // { coords: { sex: '1' }, rows: 3, persons: 2, sums: { cost: 110 }, means: { cost: 36.666666666666664 }, status: 'published' }
 */
export function cellTableToJson(table: CellTable, options: CellTableToJsonOptions = {}): CellTableJson {
  for (const key of Object.keys(options)) {
    if (key !== 'includeEmpty' && key !== 'includeTop') {
      throw new PrikkError('INVALID_ARGUMENT', `cellTableToJson: unknown option '${key}' (expected includeEmpty, includeTop)`);
    }
  }
  const includeEmpty = options.includeEmpty ?? true;
  const includeTop = options.includeTop ?? false;
  const measures = table.measures;
  const sums = measures.map((m) => table.sums.get(m)!);
  const tops = measures.map((m) => table.top.get(m));
  const persons = table.persons;
  const labels = table.dimensions.map((d) => d.hierarchy.labels);
  const names = table.dimensions.map((d) => d.name);

  const cells: CellJson[] = [];
  for (let i = 0; i < table.cellCount; i++) {
    const status = CELL_STATUS[table.status[i]!];
    if (status === undefined) {
      throw new PrikkError('INVALID_ARGUMENT', `cellTableToJson: cell ${i} has the unknown status code ${table.status[i]}`);
    }
    const rows = table.rows[i]!;
    if (status === 'published' && !includeEmpty && rows === 0) continue;
    const coords: Record<string, string> = {};
    for (let d = 0; d < names.length; d++) coords[names[d]!] = labels[d]![table.nodeAt(i, d)]!;
    if (status !== 'published') {
      cells.push({ coords, status });
      continue;
    }
    if (!table.hasValues(i)) {
      throw new PrikkError('INVALID_ARGUMENT', `cellTableToJson: the published cell ${JSON.stringify(coords)} has unknown values`);
    }
    // Built field by field so that the key order reads coords, rows, persons, sums, means, top, status.
    const cell: Record<string, unknown> = { coords, rows };
    if (persons) cell.persons = persons[i]!;
    if (measures.length > 0) {
      const s: Record<string, number> = {};
      const m: Record<string, number> = {};
      measures.forEach((name, q) => {
        s[name] = sums[q]![i]!;
        if (rows > 0) m[name] = sums[q]![i]! / rows;
      });
      cell.sums = s;
      cell.means = m;
    }
    if (includeTop && tops.some((t) => t !== undefined)) {
      const t: Record<string, number[]> = {};
      measures.forEach((name, q) => {
        const top = tops[q];
        if (top) t[name] = Array.from(top.values.subarray(i * top.k, i * top.k + top.k));
      });
      cell.top = t;
    }
    cell.status = status;
    cells.push(cell as unknown as CellJson);
  }
  const json: CellTableJson = {
    format: CELL_TABLE_FORMAT,
    unit: table.unit,
    measures,
    ...(includeEmpty ? {} : { emptyCellsOmitted: true }),
    dimensions: table.dimensions.map((d) => ({ name: d.name, total: d.hierarchy.total, hierarchy: d.hierarchy.toJSON() })),
    cells,
  };
  return json;
}
