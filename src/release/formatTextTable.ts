import { type CellTable } from '../aggregate/CellTable.js';
import { PrikkError } from '../errors/PrikkError.js';

/** Options for {@link formatTextTable}. */
export interface TextTableOptions {
  /** Value columns to show: `rows`, `persons`, `sum:<measure>`, `mean:<measure>`. Defaults to the table's unit count. */
  readonly values?: readonly string[];
  /** Symbol shown instead of the value of a hidden cell. Defaults to `:` (the symbol SSB and Statistics Sweden use). */
  readonly hiddenSymbol?: string;
  /** Leave out cells with zero rows. Defaults to false. */
  readonly skipEmpty?: boolean;
  /** Decimal places for sums and means. Defaults to 1. */
  readonly decimals?: number;
  /** Indent labels by hierarchy depth, so margins stand out. Defaults to true. */
  readonly indent?: boolean;
  /** Show at most this many cells (a line says how many were left out). Defaults to all. */
  readonly maxCells?: number;
}

/**
 * Renders a cell table as aligned plain text, one line per cell, for terminals and logs. Hidden cells (any status
 * other than `published`) show the symbol and never their value.
 *
 * Cost: O(cells × columns).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a value column the table does not have.
 * @example
 * formatTextTable(table, { values: ['persons', 'mean:cost'] })
 * // sex    year  persons  mean:cost
 * // 1      2023       14    81234.5
 * // ...
 */
export function formatTextTable(table: CellTable, options: TextTableOptions = {}): string {
  const values = options.values ?? [table.unit];
  const symbol = options.hiddenSymbol ?? ':';
  const decimals = options.decimals ?? 1;
  const indent = options.indent ?? true;
  const getters = values.map((v) => valueGetter(table, v, decimals));
  const header = [...table.dimensions.map((d) => d.name), ...values];
  const lines: string[][] = [];
  let shown = 0;
  let left = 0;
  for (let cell = 0; cell < table.cellCount; cell++) {
    if (options.skipEmpty && table.rows[cell] === 0 && table.statusOf(cell) === 'published') continue;
    if (options.maxCells !== undefined && shown >= options.maxCells) {
      left++;
      continue;
    }
    shown++;
    const labels = table.dimensions.map((d, i) => {
      const node = table.nodeAt(cell, i);
      const pad = indent ? '  '.repeat(Math.max(0, d.hierarchy.depths[node]! - 1)) : '';
      return pad + d.hierarchy.labels[node]!;
    });
    const published = table.statusOf(cell) === 'published';
    lines.push([...labels, ...getters.map((g) => (published ? g(cell) : symbol))]);
  }
  const numeric = header.map((_, i) => i >= table.dimensions.length);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (row: readonly string[]): string =>
    row.map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [render(header), ...lines.map(render)];
  if (left > 0) out.push(`... ${left} more cells`);
  return out.join('\n');
}

function valueGetter(table: CellTable, value: string, decimals: number): (cell: number) => string {
  if (value === 'rows') return (c) => String(table.rows[c]);
  if (value === 'persons') {
    const persons = table.persons;
    if (!persons) throw new PrikkError('INVALID_ARGUMENT', "formatTextTable: 'persons' needs a table with a person column");
    return (c) => String(persons[c]);
  }
  const [kind, measure] = value.split(':', 2) as [string, string | undefined];
  const sums = measure === undefined ? undefined : table.sums.get(measure);
  if ((kind === 'sum' || kind === 'mean') && sums) {
    if (kind === 'sum') return (c) => sums[c]!.toFixed(decimals);
    return (c) => (table.rows[c] === 0 ? '' : (sums[c]! / table.rows[c]!).toFixed(decimals));
  }
  throw new PrikkError(
    'INVALID_ARGUMENT',
    `formatTextTable: unknown value column '${value}'; expected rows, persons, sum:<measure> or mean:<measure> with one of [${table.measures.join(', ')}]`,
  );
}
