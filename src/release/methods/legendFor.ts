import { PrikkError } from '../../errors/PrikkError.js';
import type { LegendEntry, ReleasedCell, ReleasedStatus } from '../ReleasedTable.js';
import type { MethodContext } from './MethodContext.js';

const ORDER: readonly ReleasedStatus[] = ['published', 'primary', 'secondary', 'small'];

/**
 * The legend (footnotes) of a released table: one entry per status that some cell has, in the order published,
 * primary, secondary, small, with the symbol a hidden cell shows (the output policy's, `''` for published), what it
 * means, and how many cells carry it.
 *
 * Cost: O(cells).
 *
 * @param cells Required. The released cells.
 * @param symbols Required. The symbols of hidden cells per status (`MethodContext.symbols`).
 * @param meanings Required. What each status present means, e.g. `Hidden: fewer than 5 persons (count < 5)`.
 * @throws {PrikkError} `INVALID_ARGUMENT` when a status present has no meaning (a method must explain every symbol).
 * @example
 * legendFor(cells, { primary: '..', secondary: '..', small: '*' }, { published: 'Published as counted', primary: 'Hidden: fewer than 5 persons (count < 5)' })
 * // [ { status: 'published', symbol: '', meaning: 'Published as counted', cells: 5 },
 * //   { status: 'primary', symbol: '..', meaning: 'Hidden: fewer than 5 persons (count < 5)', cells: 1 } ]
 */
export function legendFor(
  cells: readonly ReleasedCell[],
  symbols: MethodContext['symbols'],
  meanings: Readonly<Partial<Record<ReleasedStatus, string>>>,
): LegendEntry[] {
  const counts = new Map<ReleasedStatus, number>();
  for (const c of cells) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const out: LegendEntry[] = [];
  for (const status of ORDER) {
    const n = counts.get(status) ?? 0;
    if (n === 0) continue;
    const meaning = meanings[status];
    if (typeof meaning !== 'string' || meaning === '') {
      throw new PrikkError('INVALID_ARGUMENT', `legendFor: ${n} cell(s) have the status '${status}' but no meaning was given for the legend`);
    }
    out.push(Object.freeze({ status, symbol: status === 'published' ? '' : symbols[status], meaning, cells: n }));
  }
  return out;
}
