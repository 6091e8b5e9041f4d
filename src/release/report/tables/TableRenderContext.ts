import type { LegendEntry, ReleasedCell, ReleasedTable } from '../../ReleasedTable.js';

/** What the table renderers share for one released table. */
export interface TableRenderContext {
  /** Required. The table being drawn. */
  readonly table: ReleasedTable;
  /** Required. The decimal mark of the release's output policy. */
  readonly decimalMark: '.' | ',';
  /** Required. Legend entries by status (hidden statuses always have one: the table's own or a default). */
  readonly legend: ReadonlyMap<string, LegendEntry>;
  /** Required. Cells by {@link cellKey} of their coordinates in dimension order. */
  readonly cells: ReadonlyMap<string, ReleasedCell>;
  /** Defaults to none. DP: the confidence level of the cells' intervals (0..1), from the parameters. */
  readonly confidence?: number;
  /** Required. The table's output files (CSV, XLSX, …), to point at when the report shows a part of the table. */
  readonly files: readonly string[];
}

/**
 * The lookup key of a cell: its coordinate labels in dimension order, joined by a NUL (which no label holds).
 * @example cellKey(['A', '2023']) // 'A\u00002023'
 */
export function cellKey(labels: readonly string[]): string {
  return labels.join('\u0000');
}
