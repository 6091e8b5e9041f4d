import { CELL_STATUS, type CellTable } from '../../aggregate/CellTable.js';
import type { CellJson } from '../../aggregate/CellTableJson.js';
import { cellTableToJson } from '../../aggregate/cellTableToJson.js';
import { PrikkError } from '../../errors/PrikkError.js';
import {
  HIDDEN_STATUSES,
  type ReleasedCell,
  type ReleasedStatus,
  type ReleasedTable,
  type ReleaseMethod,
  type UtilitySummary,
} from '../ReleasedTable.js';
import { isFinest } from './countsAdditive.js';
import { SECONDARY_MEANING } from './describeRule.js';
import { legendFor } from './legendFor.js';
import type { MethodContext } from './MethodContext.js';
import { personRowNote } from './personRowNote.js';
import type { TableRequest } from './TableRequest.js';
import { parseValueKey, valueFields } from './valueFields.js';

const PUBLISHED = CELL_STATUS.indexOf('published');
const SECONDARY = CELL_STATUS.indexOf('secondary');

/** Options of {@link releasedFromCellTable}. */
export interface ReleasedFromCellTableOptions {
  /** Required. The table's request: name, title, unit and the values to publish. */
  readonly request: TableRequest;
  /** Required. The method the table went through. */
  readonly method: ReleaseMethod;
  /** Required. The symbols of hidden cells (`MethodContext.symbols`). */
  readonly symbols: MethodContext['symbols'];
  /**
   * Required. What each status means in the legend; needed for every status some cell has, except `secondary`,
   * which defaults to {@link SECONDARY_MEANING}. State the rule: `Hidden: fewer than 5 persons (count < 5)`.
   */
  readonly meanings: Readonly<Partial<Record<ReleasedStatus, string>>>;
  /** Defaults to none. 1 where a published cell shows the `small` symbol instead of its values (the NHS rule's 1–7). */
  readonly small?: Uint8Array;
  /** Defaults to 1 (the output policy's default). Decimals of means and of sums that are not whole numbers. */
  readonly decimals?: number;
  /**
   * Defaults to none. Statements the reader must see (noise, non-additivity, ...). When the request's policy counts
   * each person once (`personRow`), its note (`personRowNote`) comes first, without being asked for.
   */
  readonly notes?: readonly string[];
  /**
   * Defaults to `request.unit === 'rows'`. Whether the count adds up over the finest cells to the grand total
   * (`countsAdditive`); only then is `hiddenCountShare` derived (from published cells).
   */
  readonly countsAdditive?: boolean;
  /** Defaults to none. Method-specific summary fields. */
  readonly summary?: Pick<UtilitySummary, 'expectedAbsoluteError' | 'noiseStandardDeviation' | 'suppressedRecords'>;
}

/**
 * Turns a protected `CellTable` (statuses set; values as the method publishes them: exact, rounded or perturbed) into
 * the {@link ReleasedTable} every writer consumes. The dimensions and cells come from `cellTableToJson` (the
 * cell-table JSON form, `prikk.cell-table/1`, every cell of the cube in the table's order), so a hidden cell has its
 * coordinates and status only; published cells keep just the request's value fields (`persons`, `rows`,
 * `sums[m]`, `means[m]`; a mean is left out where the cell has no rows). Cells flagged `small` become status `small`
 * with no value. The legend has an entry for each status present, with the output policy's symbol and its meaning.
 *
 * Summary: cells, hidden cells and their share, and `hiddenCountShare`, the share of the finest cells' count that is
 * hidden, computed from published cells only — (published grand total − Σ published finest cells) / published
 * grand total, clamped to [0, 1] — so it reveals nothing the table does not; it is left out when the grand total is
 * hidden, the count is not published, or the count does not add up over the finest cells (distinct persons in
 * several cells: see `countsAdditive`). It is 0 when nothing is hidden. With rounded values it is an estimate.
 *
 * Cost: O(cells × (dimensions + values)).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when the table lacks a value the request publishes (persons, a measure's
 * sums), a status present has no meaning, or `small` has the wrong length.
 * @example
 * // by_hospital: A has 3 persons (primary), B 38 (secondary), Total 41; n = 5
 * releasedFromCellTable(protectedTable, { request, method: 'suppression', symbols, meanings: { published: 'Published as counted', primary: 'Hidden: fewer than 5 persons (count < 5)' } })
 * // { format: 'prikk.cell-table/1', name: 'by_hospital', ..., valueFields: [ { key: 'persons', label: 'Persons', decimals: 0 } ],
 * //   cells: [ { coords: { hospital: 'A' }, status: 'primary' }, { coords: { hospital: 'B' }, status: 'secondary' },
 * //            { coords: { hospital: 'Total' }, persons: 41, status: 'published' } ],
 * //   legend: [ { status: 'published', symbol: '', meaning: 'Published as counted', cells: 1 }, { status: 'primary', symbol: '..', ... } ],
 * //   notes: [], summary: { cells: 3, hiddenCells: 2, hiddenCellShare: 0.667, hiddenCountShare: 1 } }
 */
export function releasedFromCellTable(table: CellTable, options: ReleasedFromCellTableOptions): ReleasedTable {
  const fn = 'releasedFromCellTable';
  const { request } = options;
  const small = options.small;
  if (small !== undefined && small.length !== table.cellCount) {
    throw new PrikkError('INVALID_ARGUMENT', `${fn}: small has ${small.length} flags, expected one per cell (${table.cellCount})`);
  }
  const keys = request.values.map((k) => parseValueKey(k, fn));
  for (const k of keys) {
    if (k.kind === 'persons' && !table.persons) throw new PrikkError('INVALID_ARGUMENT', `${fn}: table '${request.name}' publishes persons but has no person counts`);
    if ((k.kind === 'sum' || k.kind === 'mean') && !table.sums.has(k.measure)) {
      throw new PrikkError('INVALID_ARGUMENT', `${fn}: table '${request.name}' publishes '${k.kind}:${k.measure}' but has no sums of '${k.measure}'`);
    }
  }
  const wantRows = keys.some((k) => k.kind === 'rows');
  const wantPersons = keys.some((k) => k.kind === 'persons');
  const sumMeasures = keys.filter((k) => k.kind === 'sum').map((k) => (k as { measure: string }).measure);
  const meanMeasures = keys.filter((k) => k.kind === 'mean').map((k) => (k as { measure: string }).measure);

  // Small cells leave cellTableToJson as hidden (no values), then take their own status.
  let source = table;
  if (small) {
    const status = table.status.slice();
    for (let c = 0; c < status.length; c++) if (small[c] && status[c] === PUBLISHED) status[c] = SECONDARY;
    source = table.withStatus(status);
  }
  const json = cellTableToJson(source);

  const whole = new Set(sumMeasures);
  const cells: ReleasedCell[] = json.cells.map((jc: CellJson, c) => {
    const status: ReleasedStatus = small?.[c] && table.status[c] === PUBLISHED ? 'small' : (jc.status as ReleasedStatus);
    if (status !== 'published') return Object.freeze({ coords: jc.coords, status });
    const cell: Record<string, unknown> = { coords: jc.coords };
    if (wantRows) cell.rows = jc.rows;
    if (wantPersons) cell.persons = jc.persons;
    if (sumMeasures.length > 0) {
      const s: Record<string, number> = {};
      for (const m of sumMeasures) {
        const v = jc.sums![m]!;
        s[m] = v;
        if (!Number.isInteger(v)) whole.delete(m);
      }
      cell.sums = s;
    }
    if (meanMeasures.length > 0 && jc.means && Object.keys(jc.means).length > 0) {
      const s: Record<string, number> = {};
      for (const m of meanMeasures) if (jc.means[m] !== undefined) s[m] = jc.means[m]!;
      cell.means = s;
    }
    cell.status = status;
    return Object.freeze(cell as unknown as ReleasedCell);
  });

  const hiddenCells = cells.reduce((n, c) => n + (HIDDEN_STATUSES.includes(c.status) ? 1 : 0), 0);
  const countKey = request.unit;
  const share = hiddenCountShare(table, cells, countKey, request.values.includes(countKey), options.countsAdditive ?? request.unit === 'rows', hiddenCells);
  const summary: UtilitySummary = Object.freeze({
    cells: cells.length,
    hiddenCells,
    hiddenCellShare: cells.length > 0 ? hiddenCells / cells.length : 0,
    ...(share !== undefined ? { hiddenCountShare: share } : {}),
    ...Object.fromEntries(Object.entries(options.summary ?? {}).filter(([, v]) => v !== undefined)),
  });
  const measures = [...new Set([...sumMeasures, ...meanMeasures])];
  return Object.freeze({
    format: 'prikk.cell-table/1',
    name: request.name,
    title: request.title,
    method: options.method,
    unit: request.unit,
    measures: Object.freeze(measures),
    dimensions: json.dimensions,
    valueFields: Object.freeze(valueFields(request.values, options.decimals ?? 1, whole)),
    cells: Object.freeze(cells),
    legend: Object.freeze(legendFor(cells, options.symbols, { secondary: SECONDARY_MEANING, ...options.meanings })),
    notes: Object.freeze([...(request.policy?.personRow !== undefined ? [personRowNote(request.policy.personRow)] : []), ...(options.notes ?? [])]),
    summary,
  });
}

/** (published grand total − Σ published finest cells) / published grand total; see {@link releasedFromCellTable}. */
function hiddenCountShare(
  table: CellTable,
  cells: readonly ReleasedCell[],
  key: 'persons' | 'rows',
  published: boolean,
  additive: boolean,
  hiddenCells: number,
): number | undefined {
  if (hiddenCells === 0) return 0;
  if (!published || !additive) return undefined;
  const total = cells[cells.length - 1]![key];
  if (total === undefined || !(total > 0)) return undefined;
  let shown = 0;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c]!;
    if (cell.status === 'published' && isFinest(table, c)) shown += cell[key] ?? 0;
  }
  return Math.min(1, Math.max(0, (total - shown) / total));
}
