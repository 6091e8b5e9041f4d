import type { AuditFailure } from '../../audit/auditPattern.js';
import { propagateBounds, type PropagatedBounds } from '../../audit/propagateBounds.js';
import type { RelationIndex, Relations } from '../../audit/Relations.js';
import { pickCover } from './relationBoundPass.js';

/**
 * Repairs interval failures without an LP, for hidden components where one repair LP per failure would not finish
 * (see `suppressCells`: a repair LP spans its target's whole hidden component, and on a registry's 4-dimensional
 * table 8 components of up to 7,868 hidden cells held 1,949 failures). For each failure whose propagated upper bound
 * lies below its upper target (`propagatedFailures`), the relation that gives that bound is found, and one published
 * cell of it is hidden:
 * - the target a member of the relation: its bound is the total's upper bound minus the other members' lower bounds,
 *   so a published member whose value covers the shortfall is hidden (the least wanted published, largest `rank`),
 *   else the member with the largest value, else the published total (as `relationBoundPass` picks);
 * - the target the relation's total: its bound is the sum of the members' upper bounds, so the least wanted published
 *   member is hidden (its upper bound then comes from its other relations).
 * When the target is a member and its binding relation has nothing published left but a hidden total, the total's
 * bound is what binds: the search follows it to the relation that binds the total (a few relations at most).
 * A relation gets at most one cell per call; a failure whose relation already got one waits for the next round,
 * whose propagation tells whether it still fails. Hiding only removes constraints, so no verdict gets worse; what
 * propagation cannot see is left to the audit, and what the audit finds to the repair LPs. Lower-bound and width
 * failures, and failures with no published cell in their binding relation, are returned for the repair LPs.
 *
 * Cost: one bound propagation per quantity (`propagateBounds`) unless `known` has it, then the relations of each
 * failing target.
 * @param values the values of each failure's quantity, by the failure's group.
 * @param hidden updated in place.
 * @param known optional: each group's propagated bounds on `hidden` as it is on entry (as `propagatedFailures` fills
 * them), used instead of a propagation of the same pattern.
 * @returns the cells hidden (in order), and the failures left to the repair LPs.
 * @internal
 * @example
 * // T = a + b + c (T = 12 published, c = 9 published), a = 1 and b = 2 hidden, count < 5: a's bound 12 - 9 = 3 < 5;
 * // c is hidden.
 * propagationRepairPass(space.relations, space.relationIndex, () => counts, hidden, rank, failures) // { added: [c], left: [] }
 */
export function propagationRepairPass(
  relations: Relations,
  index: RelationIndex,
  values: (group: number) => Float64Array,
  hidden: Uint8Array,
  rank: Int32Array,
  failures: readonly AuditFailure[],
  known?: ReadonlyMap<number, PropagatedBounds>,
): { added: number[]; left: AuditFailure[] } {
  const added: number[] = [];
  const left: AuditFailure[] = [];
  // Each group's bounds, propagated when the group's first failure comes up (on the pattern as the picks so far left
  // it); those in `known` are the entry pattern's, so they serve while nothing has been picked yet.
  const bounds = new Map<number, PropagatedBounds>();
  // Relations that got a cell in this call (readable version: a Set of relation indices).
  const acted = new Uint8Array(relations.count);
  for (const f of failures) {
    if (!f.verdict.failUpper || f.verdict.failLower || f.verdict.failWidth) {
      left.push(f);
      continue;
    }
    const v = values(f.group);
    let b = bounds.get(f.group);
    if (!b) bounds.set(f.group, (b = (added.length === 0 ? known?.get(f.group) : undefined) ?? propagateBounds(relations, v, hidden)));
    const short = f.requirement.upperTarget - b.upper[f.cell]!;
    const found = relax(relations, index, b, v, hidden, rank, f.cell, short, -1);
    if (found === undefined) {
      left.push(f);
      continue;
    }
    if (acted[found.relation]) continue;
    hidden[found.pick] = 1;
    added.push(found.pick);
    acted[found.relation] = 1;
  }
  return { added, left };
}

/** Relations followed up from a target whose binding relation has nothing published to hide (see `relax`). */
const MAX_CHASE = 4;

/**
 * The cell to hide so that cell `x`'s propagated upper bound can rise by `short`, and the relation it opens: in the
 * relation that binds `x` (other than `exclude`), a published member (see {@link propagationRepairPass}); when `x` is
 * a member there and nothing published is left but the total is hidden, the total's own bound is what binds, so the
 * search follows it (up to `MAX_CHASE` relations). Undefined when nothing is found.
 */
function relax(
  relations: Relations,
  index: RelationIndex,
  b: PropagatedBounds,
  values: Float64Array,
  hidden: Uint8Array,
  rank: Int32Array,
  x: number,
  short: number,
  exclude: number,
): { pick: number; relation: number } | undefined {
  for (let depth = 0; depth < MAX_CHASE; depth++) {
    const r = bindingRelation(relations, index, b, x, exclude);
    if (r < 0) return undefined;
    const total = relations.totals[r]!;
    const pick = total === x ? leastWantedMember(relations, r, hidden, rank) : pickCover(relations, r, values, hidden, rank, short);
    if (pick >= 0) return { pick, relation: r };
    if (total === x || !hidden[total]) return undefined;
    x = total;
    exclude = r;
  }
  return undefined;
}

/**
 * The upper bound relation `r` alone gives cell `x` from the propagated bounds: the sum of the members' upper bounds
 * when `x` is its total, else the total's upper bound minus the other members' lower bounds.
 */
function oneRelationBound(relations: Relations, b: PropagatedBounds, r: number, x: number): number {
  const t = relations.totals[r]!;
  let sum = 0;
  if (t === x) {
    for (let k = relations.starts[r]!; k < relations.starts[r + 1]!; k++) sum += b.upper[relations.members[k]!]!;
    return sum;
  }
  for (let k = relations.starts[r]!; k < relations.starts[r + 1]!; k++) {
    const m = relations.members[k]!;
    if (m !== x) sum += b.lower[m]!;
  }
  return b.upper[t]! - sum;
}

/**
 * The relation of `x` other than `exclude` that gives it the smallest upper bound (ties: the first in the relation
 * index), or -1 when none gives a finite one.
 */
function bindingRelation(relations: Relations, index: RelationIndex, b: PropagatedBounds, x: number, exclude: number): number {
  let best = -1;
  let bound = Infinity;
  for (let j = index.starts[x]!; j < index.starts[x + 1]!; j++) {
    const r = index.relations[j]!;
    if (r === exclude) continue;
    const u = oneRelationBound(relations, b, r, x);
    if (u < bound) {
      bound = u;
      best = r;
    }
  }
  return best;
}

/** The least wanted published (largest `rank`) member of relation `r`, or -1. */
function leastWantedMember(relations: Relations, r: number, hidden: Uint8Array, rank: Int32Array): number {
  let pick = -1;
  for (let k = relations.starts[r]!; k < relations.starts[r + 1]!; k++) {
    const m = relations.members[k]!;
    if (!hidden[m] && (pick < 0 || rank[m]! > rank[pick]!)) pick = m;
  }
  return pick;
}
