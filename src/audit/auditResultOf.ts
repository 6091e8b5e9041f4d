import type { AuditResult, CellAudit, QuantityAudit } from './AuditResult.js';

/**
 * An audit's result from its checks: `failed` counts the checks that did not pass; `narrowest` is the check with
 * the smallest width (see {@link narrowerCheck}), over all checks and per quantity; `passed` when no check failed, no
 * sensitive cell is published and no singleton leaks.
 *
 * Cost: O(checks).
 * @internal
 * @example
 * auditResultOf({ cells: [], publishedSensitive: [], singletonLeaks: 0, milliseconds: 1 }).passed // true
 */
export function auditResultOf(parts: {
  readonly cells: readonly CellAudit[];
  readonly publishedSensitive: AuditResult['publishedSensitive'];
  readonly singletonLeaks: number;
  readonly milliseconds: number;
}): AuditResult {
  const { cells, publishedSensitive, singletonLeaks, milliseconds } = parts;
  let failed = 0;
  let narrowest: CellAudit | undefined;
  const byQuantity = new Map<string, { cellsChecked: number; failed: number; narrowest: CellAudit | undefined; notPinnedOnly: boolean }>();
  for (const c of cells) {
    if (!c.pass) failed++;
    if (narrowerCheck(c, narrowest)) narrowest = c;
    let q = byQuantity.get(c.quantity);
    if (!q) byQuantity.set(c.quantity, (q = { cellsChecked: 0, failed: 0, narrowest: undefined, notPinnedOnly: true }));
    q.cellsChecked++;
    if (!c.pass) q.failed++;
    if (narrowerCheck(c, q.narrowest)) q.narrowest = c;
    q.notPinnedOnly &&= c.notPinnedOnly;
  }
  const quantities: QuantityAudit[] = [...byQuantity.entries()]
    .sort(([a], [b]) => Number(a !== 'count') - Number(b !== 'count') || (a < b ? -1 : a > b ? 1 : 0))
    .map(([quantity, q]) => Object.freeze({ quantity, ...q }));
  return Object.freeze({
    passed: failed === 0 && publishedSensitive.length === 0 && singletonLeaks === 0,
    cellsChecked: cells.length,
    failed,
    narrowest,
    quantities: Object.freeze(quantities),
    publishedSensitive: Object.freeze([...publishedSensitive]),
    singletonLeaks,
    cells: Object.freeze([...cells]),
    milliseconds,
  });
}

/**
 * Whether check `c` is narrower than `than` (or `than` is undefined): a check with a protection interval before one
 * required only not to be pinned (whose width is no interval to report); then the smaller width; on a tie the exact
 * one (it is then the true narrowest: every other width is exact or a lower bound).
 */
function narrowerCheck(c: CellAudit, than: CellAudit | undefined): boolean {
  if (!than) return true;
  if (c.notPinnedOnly !== than.notPinnedOnly) return !c.notPinnedOnly;
  return c.width < than.width || (c.width === than.width && c.widthExact && !than.widthExact);
}
