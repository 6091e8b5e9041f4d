import type { PrimaryRule } from '../protect/suppression/rules/PrimaryRule.js';
import type { AuditResult, CellAudit } from './AuditResult.js';
import { auditSpace, type QuantityTargets, type TargetVerdict } from './auditSpace.js';
import type { CellSpace } from './CellSpace.js';
import type { ProtectionRequirement } from './ProtectionRequirement.js';
import { countSingletonLeaks } from './countSingletonLeaks.js';
import { sensitiveTargets } from './sensitiveTargets.js';

/** A failed check, for the secondary suppression's repair loop. @internal */
export interface AuditFailure {
  readonly cell: number;
  readonly group: number;
  readonly requirement: ProtectionRequirement;
  readonly verdict: TargetVerdict;
}

/** The audit of a pattern on a space, with the inputs the repair loop needs. @internal */
export interface PatternAudit {
  readonly result: AuditResult;
  readonly groups: readonly QuantityTargets[];
  readonly failures: readonly AuditFailure[];
  /** Every verdict, by `group:cell`, for reuse by a later audit of a grown pattern. */
  readonly verdicts: ReadonlyMap<string, TargetVerdict>;
}

/**
 * Verdicts of an earlier audit that still hold: a target's interval depends only on the hidden cells connected
 * to it through relations, so after hiding more cells only targets connected to a newly hidden cell (`recheck`)
 * need new LPs. @internal
 */
export interface AuditReuse {
  readonly verdicts: ReadonlyMap<string, TargetVerdict>;
  readonly recheck: Uint8Array;
}

/**
 * Audits a hidden/published pattern on a cell space against the rules (the engine behind `auditTable` and the
 * repair loop of `suppressCells`).
 *
 * Cost: see `auditTable`.
 * @throws {PrikkError} `INVALID_VALUE` when the published values contradict the relations.
 * @internal
 */
export async function auditPattern(
  space: CellSpace,
  hidden: Uint8Array,
  statusPrimary: Uint8Array,
  rules: readonly PrimaryRule[],
  singletons: boolean,
  reuse?: AuditReuse,
): Promise<PatternAudit> {
  const start = performance.now();
  const targets = sensitiveTargets(space, rules, statusPrimary);
  const publishedSensitive: { table: number; coords: Record<string, string> }[] = [];
  const seenPublished = new Set<number>();
  const groups: QuantityTargets[] = [];
  const meta: { quantity: string; rules: string[][] }[] = [];
  for (const [key, g] of targets.byQuantity) {
    const cells: number[] = [];
    const reqs: ProtectionRequirement[] = [];
    const ruleNames: string[][] = [];
    for (const [cell, e] of [...g.cells.entries()].sort((a, b) => a[0] - b[0])) {
      if (!hidden[cell]) {
        if (!seenPublished.has(cell)) {
          seenPublished.add(cell);
          publishedSensitive.push({ table: space.originTable[cell]!, coords: space.coords(cell) });
        }
        continue;
      }
      cells.push(cell);
      reqs.push(e.requirement);
      ruleNames.push(e.rules);
    }
    groups.push({ quantity: g.quantity, values: space.values(g.quantity), cells: Int32Array.from(cells), requirements: reqs });
    meta.push({ quantity: key, rules: ruleNames });
  }
  // Only targets without a reusable verdict go to the LPs.
  const fresh = groups.map((g, gi) => {
    const keep: number[] = [];
    g.cells.forEach((c, i) => {
      if (!reuse || reuse.recheck[c] || !reuse.verdicts.has(`${gi}:${c}`)) keep.push(i);
    });
    return keep;
  });
  // A group audited whole (every stand-alone audit) is passed as it is; readable version: always the mapped copy.
  const sub = groups.map((g, gi) => {
    const keep = fresh[gi]!;
    if (keep.length === g.cells.length) return g;
    const cells = new Int32Array(keep.length);
    for (let k = 0; k < keep.length; k++) cells[k] = g.cells[keep[k]!]!;
    return { ...g, cells, requirements: keep.map((i) => g.requirements[i]!) };
  });
  const subVerdicts = await auditSpace(space, hidden, sub);
  const verdictMap = new Map<string, TargetVerdict>();
  const verdicts: TargetVerdict[][] = groups.map((g, gi) => {
    const out: TargetVerdict[] = new Array(g.cells.length);
    fresh[gi]!.forEach((i, k) => (out[i] = subVerdicts[gi]![k]!));
    g.cells.forEach((c, i) => {
      out[i] ??= reuse!.verdicts.get(`${gi}:${c}`)!;
      verdictMap.set(`${gi}:${c}`, out[i]!);
    });
    return out;
  });
  const cells: CellAudit[] = [];
  const failures: AuditFailure[] = [];
  groups.forEach((g, gi) => {
    g.cells.forEach((cell, i) => {
      const v = verdicts[gi]![i]!;
      const why: ('upper' | 'lower' | 'width')[] = [];
      if (v.failUpper) why.push('upper');
      if (v.failLower) why.push('lower');
      if (v.failWidth) why.push('width');
      if (!v.pass) failures.push({ cell, group: gi, requirement: g.requirements[i]!, verdict: v });
      cells.push(
        Object.freeze({
          table: space.originTable[cell]!,
          coords: space.coords(cell),
          quantity: meta[gi]!.quantity,
          rules: Object.freeze(meta[gi]!.rules[i]!),
          width: v.width,
          widthExact: v.exact,
          pass: v.pass,
          failures: Object.freeze(why),
        }),
      );
    });
  });
  let narrowest: CellAudit | undefined;
  // On a tie the exact width wins: it is then the true narrowest (every other width is exact or a lower bound).
  for (const c of cells) if (!narrowest || c.width < narrowest.width || (c.width === narrowest.width && c.widthExact && !narrowest.widthExact)) narrowest = c;
  const singletonLeaks = singletons ? countSingletonLeaks(space.relations, space.values({ kind: 'count' }), hidden) : 0;
  const failed = failures.length;
  const result: AuditResult = Object.freeze({
    passed: failed === 0 && publishedSensitive.length === 0 && singletonLeaks === 0,
    cellsChecked: cells.length,
    failed,
    narrowest,
    publishedSensitive: Object.freeze(publishedSensitive),
    singletonLeaks,
    cells: Object.freeze(cells),
    milliseconds: performance.now() - start,
  });
  return { result, groups, failures, verdicts: verdictMap };
}
