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
 * When the binding relation has nothing published left, hidden cells give the bound, and the search follows them
 * (`MAX_CHASE`, 12 relations at most): up to the hidden total when the target is a member, down into the members in
 * turn when it is the total (measured on the registry's 108,576-cell table: 257 → 160 s, as the failures that found
 * nothing went to repair LPs over giant components, for 11,644 → 11,700 secondaries).
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

/** Relations visited at most per failure when its binding relation has nothing published to hide (see `relax`). */
const MAX_CHASE = 12;

/**
 * The cell to hide so that cell `x`'s propagated upper bound can rise by `short`, and the relation it opens: in the
 * relation that binds `x` (other than `exclude`), a published member (see {@link propagationRepairPass}). When nothing
 * published is left there, the bound comes from hidden cells, and the search follows them: up to the hidden total
 * when `x` is a member (the total's own bound binds), down into the members in turn when `x` is the total (their
 * bounds add up to its), at most `MAX_CHASE` relations in all. Undefined when nothing is found.
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
  budget = { left: MAX_CHASE },
): { pick: number; relation: number } | undefined {
  if (budget.left-- <= 0) return undefined;
  const r = bindingRelation(relations, index, b, x, exclude);
  if (r < 0) return undefined;
  const total = relations.totals[r]!;
  if (total === x) {
    const member = leastWantedMember(relations, r, hidden, rank);
    if (member >= 0) return { pick: member, relation: r };
    for (let k = relations.starts[r]!; k < relations.starts[r + 1]! && budget.left > 0; k++) {
      const found = relax(relations, index, b, values, hidden, rank, relations.members[k]!, short, r, budget);
      if (found) return found;
    }
    return undefined;
  }
  const pick = pickCover(relations, r, values, hidden, rank, short);
  if (pick >= 0) return { pick, relation: r };
  if (!hidden[total]) return undefined;
  return relax(relations, index, b, values, hidden, rank, total, short, r, budget);
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
