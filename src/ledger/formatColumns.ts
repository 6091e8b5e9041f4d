/**
 * Aligns rows of text into columns two spaces apart, for terminals: columns listed in `rightAligned` are padded on
 * the left (numbers), the others on the right; trailing spaces are trimmed.
 *
 * Cost: O(cells).
 *
 * @example
 * formatColumns(['name', 'n'], [['a', '1'], ['bb', '10']], [1])
 * // 'name   n\na      1\nbb    10'
 */
export function formatColumns(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string {
  const right = new Set(rightAligned);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (row: readonly string[]): string =>
    header
      .map((_, i) => {
        const v = row[i] ?? '';
        return right.has(i) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!);
      })
      .join('  ')
      .trimEnd();
  return [render(header), ...rows.map(render)].join('\n');
}
