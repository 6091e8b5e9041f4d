import { CellSpace } from '../../src/audit/CellSpace.js';
import { flat, makeTable } from './tableHelpers.js';

/**
 * Rows a-c × columns 1-3 with totals (`T`), inner counts row by row (default, hand-chosen: a: 1 5 7, b: 4 6 8,
 * c: 3 9 2), as one space; `at` names a space cell, `hide` makes a pattern hiding the cells named.
 */
export function grid3x3(inner = [1, 5, 7, 4, 6, 8, 3, 9, 2]) {
  const t = makeTable(
    [
      { name: 'r', hierarchy: flat('T', ['a', 'b', 'c']) },
      { name: 'c', hierarchy: flat('T', ['1', '2', '3']) },
    ],
    inner,
  );
  const space = CellSpace.fromTables([t]);
  const at = (r: string, c: string): number => space.cellOf[0]![t.indexOf({ r, c })]!;
  const counts = space.values({ kind: 'count' });
  const hide = (...cells: (readonly [string, string])[]): Uint8Array => {
    const h = new Uint8Array(space.cellCount);
    for (const [r, c] of cells) h[at(r, c)] = 1;
    return h;
  };
  return { t, space, at, counts, hide };
}
