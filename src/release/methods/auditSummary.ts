import type { AuditResult } from '../../audit/AuditResult.js';
import type { AuditSummary } from '../manifest/ReleaseManifest.js';

/**
 * The manifest's summary of an audit: verdict, checks, failures, the narrowest attacker interval's width (null when
 * nothing was checked or it is unbounded; `narrowestWidthIsBound` when it is a lower bound) and singleton leaks;
 * never a hidden value or a bound on one.
 *
 * Cost: O(1).
 *
 * @example
 * auditSummary(result.audit, 'linked group: by_hospital, by_year')
 * // { passed: true, cellsChecked: 12, failed: 0, narrowestWidth: 7, singletonLeaks: 0, scope: 'linked group: by_hospital, by_year' }
 */
export function auditSummary(result: AuditResult, scope: string): AuditSummary {
  const width = result.narrowest?.width;
  const finite = width !== undefined && Number.isFinite(width);
  return Object.freeze({
    passed: result.passed,
    cellsChecked: result.cellsChecked,
    failed: result.failed,
    narrowestWidth: finite ? width : null,
    ...(finite && !result.narrowest!.widthExact ? { narrowestWidthIsBound: true as const } : {}),
    singletonLeaks: result.singletonLeaks,
    scope,
  });
}
