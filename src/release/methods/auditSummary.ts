import type { AuditResult, CellAudit } from '../../audit/AuditResult.js';
import type { AuditPartSummary, AuditSummary } from '../manifest/ReleaseManifest.js';

/**
 * The manifest's summary of an audit: verdict, checks, failures, the narrowest attacker interval's width (null when
 * nothing was checked, it is unbounded, or the cells were required only not to be pinned; `narrowestWidthIsBound`
 * when it is a lower bound), singleton leaks, and the same per quantity (`parts`, each in its unit); never a hidden
 * value or a bound on one.
 *
 * Cost: O(quantities).
 *
 * @example
 * auditSummary(result.audit, 'linked group: by_hospital, by_year')
 * // { passed: true, cellsChecked: 12, failed: 0, narrowestWidth: 7, singletonLeaks: 0, scope: 'linked group: …',
 * //   parts: [{ scope: 'linked group: …', quantity: 'count', cellsChecked: 12, failed: 0, narrowestWidth: 7 }] }
 */
export function auditSummary(result: AuditResult, scope: string): AuditSummary {
  return Object.freeze({
    passed: result.passed,
    cellsChecked: result.cellsChecked,
    failed: result.failed,
    ...narrowestFields(result.narrowest),
    singletonLeaks: result.singletonLeaks,
    scope,
    parts: Object.freeze(auditParts(result, scope)),
  });
}

/**
 * The parts of an audit's summary: one per quantity of `result`, each with `scope`.
 *
 * Cost: O(quantities).
 * @example
 * auditParts(result, 'five_d (count < 5)') // [{ scope: 'five_d (count < 5)', quantity: 'count', cellsChecked: 40, failed: 0, narrowestWidth: 5 }]
 */
export function auditParts(result: AuditResult, scope: string): AuditPartSummary[] {
  return result.quantities.map((q) =>
    Object.freeze({
      scope,
      quantity: q.quantity,
      cellsChecked: q.cellsChecked,
      failed: q.failed,
      ...narrowestFields(q.narrowest),
      ...(q.notPinnedOnly ? { notPinnedOnly: true as const } : {}),
    }),
  );
}

/** `narrowestWidth` (and `narrowestWidthIsBound`) of a narrowest check: null when absent, unbounded or not-pinned only. */
function narrowestFields(narrowest: CellAudit | undefined): { narrowestWidth: number | null; narrowestWidthIsBound?: true } {
  const width = narrowest?.width;
  if (width === undefined || !Number.isFinite(width) || narrowest!.notPinnedOnly) return { narrowestWidth: null };
  return { narrowestWidth: width, ...(narrowest!.widthExact ? {} : { narrowestWidthIsBound: true as const }) };
}
