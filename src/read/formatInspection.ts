import type { ColumnInspection, SchemaInspection } from './SchemaInspection.js';

const MAX_EXAMPLES = 60;

/**
 * Renders a schema inspection as an aligned text table, one line per column, for `prikk inspect`:
 * name, type, suggested role, values, missing, distinct, min, max and examples. Dates are shown as
 * `YYYY-MM-DD`; an id-like column shows `(id-like: values not shown)` instead of examples, and no min or max.
 *
 * Cost O(columns).
 *
 * @example
 * formatInspection(await inferSchema(new TextEncoder().encode('pid;kommune;alder\n1;0301;81\n1;0301;82\n2;1103;67\n'), { source: 'x.csv' }))
 * // x.csv: 3 rows, delimiter ';', utf8, decimal mark '.'
 * // column   type     role       values  missing  distinct  min  max  examples
 * // pid      integer  person          3        0         2            (id-like: values not shown)
 * // kommune  code     dimension       3        0         2            0301, 1103  [leading zeros: read as code]
 * // alder    integer  dimension       3        0         3   67   82  81, 82, 67
 */
export function formatInspection(report: SchemaInspection): string {
  const d = report.dialect;
  const delimiter = d.delimiter === '\t' ? 'tab' : `'${d.delimiter}'`;
  const head =
    `${report.source}: ${report.rows} rows${report.truncated ? ' (stopped at maxRows)' : ''}, delimiter ${delimiter}, ` +
    `${d.encoding}${d.hasBom ? ' (BOM)' : ''}, decimal mark '${d.decimalComma ? ',' : '.'}'`;
  const header = ['column', 'type', 'role', 'values', 'missing', 'distinct', 'min', 'max', 'examples'];
  const right = [false, false, false, true, true, true, true, true, false];
  const rows = report.columns.map((c) => [
    c.name,
    c.type,
    c.role,
    String(c.values),
    String(c.missing) + (c.missingTokens.length > 0 ? ` (${c.missingTokens.join(', ')})` : ''),
    (c.distinctCapped ? '>' : '') + String(c.distinct),
    show(c, c.min),
    show(c, c.max),
    examples(c),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [head, render(header), ...rows.map(render)].join('\n');
}

function show(c: ColumnInspection, v: number | undefined): string {
  if (v === undefined) return '';
  if (c.type === 'date') return new Date(v * 86_400_000).toISOString().slice(0, 10);
  return String(v);
}

function examples(c: ColumnInspection): string {
  let text = c.idLike ? '(id-like: values not shown)' : c.examples.map((e) => JSON.stringify(e).slice(1, -1)).join(', ');
  if (c.note !== undefined) text += (text === '' ? '' : '  ') + `[${c.note}]`;
  return text.length > MAX_EXAMPLES ? text.slice(0, MAX_EXAMPLES - 1) + '…' : text;
}
