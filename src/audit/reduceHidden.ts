import { PrikkError } from '../errors/PrikkError.js';
import type { Relations } from './Relations.js';

/**
 * The hidden cells of a table after eliminating every relation that involves at most two free unknowns:
 * each hidden cell `c` is written `y[c] = offset[c] + coef[c] * t[root[c]]` in terms of one free variable per
 * group (`root[c]` is a hidden cell; `fixed[root]` says the group is pinned to `fixedValue[root]`). The relations
 * still involving three or more free variables are `core` (indices into the relations).
 *
 * Internal to the audit: offsets and fixed values are derived from hidden values and never leave the audit.
 * @internal
 */
export interface ReducedHidden {
  readonly root: Int32Array;
  readonly coef: Float64Array;
  readonly offset: Float64Array;
  readonly fixed: Uint8Array;
  readonly fixedValue: Float64Array;
  /** Relations left with three or more free variables. */
  readonly core: Int32Array;
  /** Right-hand side of each relation as `sum(sign * y[hidden]) = rhs` (total +1, members -1). */
  readonly rhs: Float64Array;
}

const COEF_EPS = 1e-9;

/**
 * Eliminates relations with at most two free unknowns (a weighted union-find over affine expressions), the
 * presolve that keeps the audit's linear programs small: in a typical suppression pattern almost every relation
 * holds exactly two hidden cells, so most groups end with no linear program at all. Equivalent to Gaussian
 * elimination restricted to two-term rows; the remaining rows go to the LP unchanged.
 *
 * `values` must hold the published cells' values; hidden cells' entries are not read.
 *
 * Cost: O(relation entries × α(n)) plus requeues bounded by small-to-large merging, O(E log E).
 *
 * @throws {PrikkError} `INVALID_VALUE` when the published values contradict a relation (the message names the
 * relation's total cell index, never a value).
 * @internal
 * @example
 * // x + y = 5 with x, y hidden: y = 5 - x, one group with root x.
 */
export function reduceHidden(relations: Relations, values: Float64Array, hidden: Uint8Array, describe: (cell: number) => string): ReducedHidden {
  const n = hidden.length;
  const root = new Int32Array(n);
  const coef = new Float64Array(n);
  const offset = new Float64Array(n);
  const size = new Int32Array(n);
  const fixed = new Uint8Array(n);
  const fixedValue = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    root[c] = c;
    coef[c] = 1;
    size[c] = 1;
  }
  // parent pointers live in `root` until the end; `coef`/`offset` are relative to the parent.
  const R = relations.count;
  const rhs = new Float64Array(R);
  const relsOf: (number[] | undefined)[] = new Array(n);
  const active = new Uint8Array(R);
  const scale = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    let s = 0;
    let sc = 0;
    let any = false;
    const t = relations.totals[r]!;
    if (hidden[t]) any = true;
    else {
      s -= values[t]!;
      sc += Math.abs(values[t]!);
    }
    for (let j = relations.starts[r]!; j < relations.starts[r + 1]!; j++) {
      const m = relations.members[j]!;
      if (hidden[m]) any = true;
      else {
        s += values[m]!;
        sc += Math.abs(values[m]!);
      }
    }
    rhs[r] = s;
    scale[r] = sc;
    if (any) {
      active[r] = 1;
      // Readable version: add(c) = (relsOf[c] ??= []).push(r) for the total and each member that is hidden.
      if (hidden[t]) (relsOf[t] ??= []).push(r);
      for (let j = relations.starts[r]!; j < relations.starts[r + 1]!; j++) {
        const m = relations.members[j]!;
        if (hidden[m]) (relsOf[m] ??= []).push(r);
      }
    }
  }

  // find with path compression; returns the root and sets lastA/lastB so that y[c] = lastB + lastA * t[root].
  let lastA = 1;
  let lastB = 0;
  const path: number[] = [];
  const find = (c: number): number => {
    path.length = 0;
    let x = c;
    while (root[x] !== x) {
      path.push(x);
      x = root[x]!;
    }
    // compress from the node nearest the root
    for (let i = path.length - 1; i >= 0; i--) {
      const v = path[i]!;
      const p = root[v]!;
      if (p !== x) {
        // y_v = off_v + coef_v * y_p, y_p = off_p + coef_p * t_x
        offset[v] = offset[v]! + coef[v]! * offset[p]!;
        coef[v] = coef[v]! * coef[p]!;
        root[v] = x;
      }
    }
    if (c === x) {
      lastA = 1;
      lastB = 0;
    } else {
      lastA = coef[c]!;
      lastB = offset[c]!;
    }
    return x;
  };

  const queue: number[] = [];
  const queued = new Uint8Array(R);
  for (let r = 0; r < R; r++) {
    if (active[r]) {
      queue.push(r);
      queued[r] = 1;
    }
  }
  const stamp = new Int32Array(n).fill(-1);
  const alpha = new Float64Array(n);
  const roots: number[] = [];
  // The row being visited: its constant, and the stamp of the roots seen (one closure for all rows, not one per
  // row: readable version `const visit = ...` inside the loop).
  let visitConstant = 0;
  // The size of the terms summed into visitConstant: their round-off, with the published values', is what a
  // relation left without unknowns may miss its right-hand side by (large decimal values: costs).
  let visitMagnitude = 0;
  let visitStamp = -1;
  const visit = (c: number, sign: number): void => {
    const x = find(c);
    if (fixed[x]) {
      const v = lastB + lastA * fixedValue[x]!;
      visitConstant += sign * v;
      visitMagnitude += Math.abs(lastB) + Math.abs(lastA * fixedValue[x]!);
      return;
    }
    visitConstant += sign * lastB;
    visitMagnitude += Math.abs(lastB);
    if (stamp[x] !== visitStamp) {
      stamp[x] = visitStamp;
      alpha[x] = 0;
      roots.push(x);
    }
    alpha[x] = alpha[x]! + sign * lastA;
  };
  const requeue = (list: number[] | undefined): void => {
    if (!list) return;
    for (const r of list) {
      if (active[r] && !queued[r]) {
        queued[r] = 1;
        queue.push(r);
      }
    }
  };
  for (let qi = 0; qi < queue.length; qi++) {
    const r = queue[qi]!;
    // qi is unique per visit (a relation can be visited again after a merge), so it stamps the roots seen.
    queued[r] = 0;
    if (!active[r]) continue;
    roots.length = 0;
    visitConstant = 0;
    visitMagnitude = 0;
    visitStamp = qi;
    const t = relations.totals[r]!;
    if (hidden[t]) visit(t, 1);
    for (let j = relations.starts[r]!; j < relations.starts[r + 1]!; j++) if (hidden[relations.members[j]!]) visit(relations.members[j]!, -1);
    const constant = visitConstant;
    let k = 0;
    for (const x of roots) if (Math.abs(alpha[x]!) > COEF_EPS) roots[k++] = x;
    roots.length = k;
    const b = rhs[r]! - constant;
    if (k === 0) {
      active[r] = 0;
      if (Math.abs(b) > 1e-6 * Math.max(1, scale[r]! + visitMagnitude)) {
        throw new PrikkError('INVALID_VALUE', `audit: the published values contradict the relation whose total is ${describe(t)}`);
      }
    } else if (k === 1) {
      const x = roots[0]!;
      fixed[x] = 1;
      fixedValue[x] = b / alpha[x]!;
      active[r] = 0;
      requeue(relsOf[x]);
    } else if (k === 2) {
      let a = roots[0]!;
      let c = roots[1]!;
      if (size[a]! > size[c]! || (size[a] === size[c] && a < c)) [a, c] = [c, a];
      // attach a (smaller) under c: alpha_a t_a + alpha_c t_c = b  =>  t_a = b/alpha_a - (alpha_c/alpha_a) t_c
      const aa = alpha[a]!;
      root[a] = c;
      coef[a] = -alpha[c]! / aa;
      offset[a] = b / aa;
      size[c] = size[c]! + size[a]!;
      active[r] = 0;
      const la = relsOf[a];
      requeue(la);
      if (la) {
        const lc = (relsOf[c] ??= []);
        for (const x of la) lc.push(x);
        relsOf[a] = undefined;
      }
    }
  }
  for (let c = 0; c < n; c++) if (hidden[c]) find(c);
  for (let c = 0; c < n; c++) {
    if (hidden[c] && root[c] === c) {
      coef[c] = 1;
      offset[c] = 0;
    }
  }
  const core: number[] = [];
  for (let r = 0; r < R; r++) if (active[r]) core.push(r);
  return { root, coef, offset, fixed, fixedValue, core: Int32Array.from(core), rhs };
}
