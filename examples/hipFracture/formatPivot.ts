import type { CellTable } from '../../src/aggregate/CellTable.js';
import type { Hierarchy } from '../../src/hierarchy/Hierarchy.js';

/** Options of {@link formatPivot}. */
export interface PivotOptions {
  /** Required. Dimension whose hierarchy nodes become the lines (margins included, indented by depth). */
  readonly rows: string;
  /** Required. Dimension whose nodes become the columns (leaves, then the total). */
  readonly columns: string;
  /** Required. The value of a cell, e.g. `(t, c) => t.persons![c]`. */
  readonly value: (table: CellTable, cell: number) => number;
  /** Heading of the label column. Defaults to the line dimension's name. */
  readonly corner?: string;
  /** Labels of the line dimension's nodes, e.g. county names. Defaults to the hierarchy's labels. */
  readonly rowLabel?: (label: string) => string;
  /** Show line nodes down to this depth (1 = the total's children). Defaults to all. */
  readonly maxDepth?: number;
  /** Decimal places. Defaults to 0. */
  readonly decimals?: number;
  /** Fixed coordinates of the other dimensions; a dimension left out is at its total. Defaults to `{}`. */
  readonly at?: Readonly<Record<string, string>>;
  /** Shown for a cell that is not published (a hidden cell never shows its value). Defaults to `:`. */
  readonly hiddenSymbol?: string;
  /** Shown for a mean over an empty cell (NaN). Defaults to `-`. */
  readonly emptySymbol?: string;
}

/** Nodes of a hierarchy in reading order: the total first, then each node followed by its subtree. */
function preorder(h: Hierarchy, maxDepth: number): number[] {
  const children: number[][] = h.labels.map(() => []);
  for (let i = 0; i < h.size - 1; i++) children[h.parents[i]!]!.push(i);
  const out: number[] = [];
  const visit = (node: number): void => {
    if (h.depths[node]! > maxDepth) return;
    out.push(node);
    for (const child of children[node]!) visit(child);
  };
  visit(h.size - 1);
  return out;
}

const thousands = (x: number, decimals: number): string =>
  x.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).replace(/,/g, ' ');

/**
 * Renders a two-way view of a cell table as aligned text: the nodes of one dimension down the side (the total
 * first, children indented under their parent), the nodes of another across (leaves, then the total), every other
 * dimension at a fixed node (its total by default). Hidden cells show the hidden symbol, never a value, so the
 * same function prints protected tables.
 *
 * Cost: O(lines × columns).
 * @example
 * formatPivot(table, { rows: 'municipality', columns: 'year', value: (t, c) => t.persons![c], maxDepth: 2 })
 * // municipality        2019  2020 ... Total
 * // Total               1210  1263 ...  8514
 * //   Helse Sør-Øst      ...
 * //     03                ...
 */
export function formatPivot(table: CellTable, options: PivotOptions): string {
  const d = (name: string): number => {
    const i = table.dimensions.findIndex((x) => x.name === name);
    if (i < 0) throw new Error(`formatPivot: '${name}' is not a dimension of the table`);
    return i;
  };
  const rd = d(options.rows);
  const cd = d(options.columns);
  const rowH = table.dimensions[rd]!.hierarchy;
  const colH = table.dimensions[cd]!.hierarchy;
  const base = table.dimensions.map((dim) => {
    const label = options.at?.[dim.name];
    const node = label === undefined ? dim.hierarchy.size - 1 : dim.hierarchy.nodeOf(label);
    if (node < 0) throw new Error(`formatPivot: '${label}' is not a value of '${dim.name}'`);
    return node;
  });
  const lines = preorder(rowH, options.maxDepth ?? Number.POSITIVE_INFINITY);
  const columns = [...Array.from({ length: colH.leafCount }, (_, i) => i), colH.size - 1];
  const decimals = options.decimals ?? 0;
  const hidden = options.hiddenSymbol ?? ':';
  const empty = options.emptySymbol ?? '-';
  const rowLabel = options.rowLabel ?? ((label: string) => label);

  const header = [options.corner ?? options.rows, ...columns.map((c) => colH.labels[c]!)];
  const body = lines.map((node) => {
    const nodes = [...base];
    nodes[rd] = node;
    const cells = columns.map((col) => {
      nodes[cd] = col;
      const cell = table.indexOfNodes(nodes);
      if (table.statusOf(cell) !== 'published') return hidden;
      const v = options.value(table, cell);
      return Number.isFinite(v) ? thousands(v, decimals) : empty;
    });
    const indent = '  '.repeat(rowH.depths[node]!);
    return [indent + rowLabel(rowH.labels[node]!), ...cells];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => line[i]!.length)));
  const render = (line: readonly string[]): string =>
    line.map((text, i) => (i === 0 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!))).join('  ').trimEnd();
  return [render(header), ...body.map(render)].join('\n');
}
