import { PrikkError } from '../../errors/PrikkError.js';
import type { ReleasedCell, ReleasedStatus, ReleasedTable, ValueField } from '../ReleasedTable.js';

/**
 * One field of a {@link LongFormat} row: a label or status (`text`), a released value (`number`, to be shown with
 * `decimals`), a hidden cell's symbol (`symbol`), or nothing (`empty`: a published cell without that value, e.g.
 * the mean of a cell without rows).
 */
export type LongFormatField =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'number'; readonly value: number; readonly decimals: number }
  | { readonly kind: 'symbol'; readonly text: string }
  | { readonly kind: 'empty' };

/** A released table laid out in long format: the headings and one row per cell, in the table's cell order. */
export interface LongFormat {
  readonly headings: readonly string[];
  readonly rows: readonly (readonly LongFormatField[])[];
  /** The first `dimensionColumns` columns are the dimensions' labels; the last column is the status. */
  readonly dimensionColumns: number;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Lays a released table out in long format, the layout every tabular writer shares (CSV, XLSX): one row per cell
 * in the table's order; one column per dimension (heading = the dimension's name, value = the node's label, a total
 * by its label), one per value field (heading = its label), for a table with confidence intervals (DP) the columns
 * `<first value label> lower` and `<first value label> upper`, and a `status` column.
 *
 * A hidden cell's value columns hold the symbol of its status from the table's legend, whatever the cell carries:
 * no value of a hidden cell is ever read here ({@link assertNoHiddenValues} is the writers' separate guard that it
 * carries none).
 *
 * Cost: O(cells × columns).
 *
 * @param table - Required. A released table that passed {@link assertNoHiddenValues}.
 * @param caller - Required. The writer's name, for error messages (e.g. `formatCsv`).
 * @throws {PrikkError} `INVALID_ARGUMENT` naming the caller and the table when there is no value field, a value
 * field's key is not `rows`, `persons`, `sum:<measure>` or `mean:<measure>` of a measure of the table, its label is
 * empty or its decimals not a whole number in 0..20, two columns would have the same heading, or a hidden status of
 * a cell has no legend entry with a non-empty symbol.
 * @example
 * longFormat(table, 'formatCsv').headings // ['hospital', 'Persons', 'status']
 * longFormat(table, 'formatCsv').rows[0]
 * // [{ kind: 'text', text: 'A' }, { kind: 'symbol', text: '..' }, { kind: 'text', text: 'primary' }]
 */
export function longFormat(table: ReleasedTable, caller: string): LongFormat {
  const fail = (message: string): never => {
    throw new PrikkError('INVALID_ARGUMENT', `${caller}: table '${table.name}': ${message}`);
  };
  if (!Array.isArray(table.valueFields) || table.valueFields.length === 0) fail('valueFields: expected at least one value field');
  const measures = new Set(Array.isArray(table.measures) ? table.measures : []);
  const getters = table.valueFields.map((f: ValueField, i): ((c: ReleasedCell) => number | undefined) => {
    if (!isRecord(f) || typeof f.key !== 'string') return fail(`valueFields[${i}]: expected { key, label, decimals }`);
    if (typeof f.label !== 'string' || f.label === '') fail(`valueFields[${i}] '${f.key}': label: expected a non-empty string`);
    if (!Number.isInteger(f.decimals) || f.decimals < 0 || f.decimals > 20) {
      fail(`valueFields[${i}] '${f.key}': decimals: expected a whole number in 0..20, got ${String(f.decimals)}`);
    }
    if (f.key === 'rows') return (c) => c.rows;
    if (f.key === 'persons') return (c) => c.persons;
    const match = /^(sum|mean):(.+)$/.exec(f.key);
    const measure = match?.[2];
    if (measure !== undefined && measures.has(measure)) {
      return match![1] === 'sum' ? (c) => c.sums?.[measure] : (c) => c.means?.[measure];
    }
    return fail(`valueFields[${i}]: unknown key '${f.key}' (expected rows, persons, sum:<measure> or mean:<measure> of the measures ${[...measures].join(', ') || '(none)'})`);
  });
  const fields = table.valueFields;
  const hasIntervals = table.cells.some((c) => c.interval !== undefined);

  const headings = [
    ...table.dimensions.map((d) => d.name),
    ...fields.map((f) => f.label),
    ...(hasIntervals ? [`${fields[0]!.label} lower`, `${fields[0]!.label} upper`] : []),
    'status',
  ];
  const taken = new Set<string>();
  for (const h of headings) {
    if (taken.has(h)) fail(`two columns would have the heading '${h}' (dimension names, value labels and 'status' must differ)`);
    taken.add(h);
  }

  // The symbol of each hidden status that occurs, from the legend.
  const symbols = new Map<ReleasedStatus, string>();
  for (const c of table.cells) {
    if (c.status === 'published' || symbols.has(c.status)) continue;
    const entry = (Array.isArray(table.legend) ? table.legend : []).find((e) => e.status === c.status);
    if (entry === undefined || typeof entry.symbol !== 'string' || entry.symbol === '') {
      fail(`legend: cells have the status '${c.status}' but the legend gives it no symbol`);
    }
    symbols.set(c.status, entry!.symbol);
  }

  const intervalDecimals = fields[0]!.decimals;
  const rows = table.cells.map((cell): LongFormatField[] => {
    const row: LongFormatField[] = table.dimensions.map((d) => ({ kind: 'text', text: cell.coords[d.name]! }));
    const symbol = symbols.get(cell.status);
    if (symbol !== undefined) {
      const hidden: LongFormatField = { kind: 'symbol', text: symbol };
      for (let j = 0; j < fields.length + (hasIntervals ? 2 : 0); j++) row.push(hidden);
    } else {
      fields.forEach((f, j) => {
        const v = getters[j]!(cell);
        row.push(v === undefined ? { kind: 'empty' } : { kind: 'number', value: v, decimals: f.decimals });
      });
      if (hasIntervals) {
        const iv = cell.interval;
        if (iv === undefined) row.push({ kind: 'empty' }, { kind: 'empty' });
        else row.push({ kind: 'number', value: iv.lower, decimals: intervalDecimals }, { kind: 'number', value: iv.upper, decimals: intervalDecimals });
      }
    }
    row.push({ kind: 'text', text: cell.status });
    return row;
  });
  return { headings, rows, dimensionColumns: table.dimensions.length };
}
