import type { AuditResult, CellAudit } from './AuditResult.js';

/**
 * An audit's result from its checks: `failed` counts the checks that did not pass; `narrowest` is the check with
 * the smallest width, on a tie the one whose width is exact (it is then the true narrowest: every other width is
 * exact or a lower bound); `passed` when no check failed, no sensitive cell is published and no singleton leaks.
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
  for (const c of cells) {
    if (!c.pass) failed++;
    if (!narrowest || c.width < narrowest.width || (c.width === narrowest.width && c.widthExact && !narrowest.widthExact)) narrowest = c;
  }
  return Object.freeze({
    passed: failed === 0 && publishedSensitive.length === 0 && singletonLeaks === 0,
    cellsChecked: cells.length,
    failed,
    narrowest,
    publishedSensitive: Object.freeze([...publishedSensitive]),
    singletonLeaks,
    cells: Object.freeze([...cells]),
    milliseconds,
  });
}
