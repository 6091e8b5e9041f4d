import { relationIndex, type Relations } from './Relations.js';

/**
 * Outer bounds on every cell by interval propagation over the relations: published cells are fixed at their values,
 * hidden cells start in `[0, ∞)`, and each relation `T = Σ m` tightens `U(T) ≤ Σ U(m)`, `L(T) ≥ Σ L(m)`,
 * `U(m) ≤ U(T) − Σ_{o≠m} L(o)` and `L(m) ≥ L(T) − Σ_{o≠m} U(o)`, sweep after sweep. Every bound holds in every
 * non-negative table that agrees with the published cells (each step is implied by one relation and bounds already
 * proved), so `upper[c]` is at least the attacker's LP maximum of `c` and `lower[c]` at most its minimum: a hidden
 * cell whose `upper` lies below its protection target fails the audit for sure. Propagation is weaker than the LP
 * (it reads one relation at a time) but costs no LP: on the suppression benchmark's tables it proved 284 of the 284
 * failures of the 49k-cell table's first audit and 194 of 196 on the 110k-cell one, in 0.07 and 0.1 s.
 * @internal
 */
export interface PropagatedBounds {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** Sweeps at most; the bounds are sound after any sweep, only possibly looser. */
const MAX_SWEEPS = 50;
/** A bound moves only when it improves by more than this (relative): no endless creeping in cycles. */
const STEP = 1e-9;

/*
 * CROSSING: a new bound never goes past the cell's other bound. In exact arithmetic it cannot (the true value lies
 * between them); with decimal values the relations hold to round-off only, so a cell pinned by two relations can get
 * a lower bound a round-off above its upper one, and the next relations read that contradiction on: on 4-dimensional
 * tables of costs (values up to 1e10) the bounds ran off to +-1e308 within the 50 sweeps, and the repair loop took
 * 2,565 cost targets of the registry's 108,576-cell table for failures both ways. Clamped, a bound stays within
 * round-off of the truth; counts (integers) never reach the clamp.
 */

/**
 * Propagates bounds (see {@link PropagatedBounds}) until a sweep changes nothing or `MAX_SWEEPS` (50) sweeps.
 * `values` holds the published cells' values (hidden entries are not read).
 *
 * Cost: O(relation entries) once to find the relations with a hidden cell (the cell → relations index,
 * `relationIndex`, is built once per relations), then per sweep O(entries) of the relations near a change since
 * their last reading (the others bound nothing; on the 110k-cell benchmark table's final pattern 55 → 26 ms a call
 * against full sweeps, medians of 9, the same bounds bit for bit); on the benchmark tables 7 sweeps. A call with the
 * same pattern and published values as the last one over the same relations costs O(cells): the bounds kept then,
 * copied (see `lastBounds`).
 * @internal
 * @example
 * // T = a + b with T = 3 published and a, b hidden: U(a) = U(b) = 3, L = 0.
 * propagateBounds(relations, Float64Array.of(0, 0, 3), Uint8Array.of(1, 1, 0)).upper // [3, 3, 3]
 */
export function propagateBounds(relations: Relations, values: Float64Array, hidden: Uint8Array): PropagatedBounds {
  const kept = lastBounds.get(relations);
  if (kept && sameInput(kept, values, hidden)) return { lower: kept.bounds.lower.slice(), upper: kept.bounds.upper.slice() };
  const bounds = sweep(relations, values, hidden);
  lastBounds.set(relations, { values: values.slice(), hidden: hidden.slice(), bounds: { lower: bounds.lower.slice(), upper: bounds.upper.slice() } });
  return bounds;
}

/**
 * The last bounds propagated over each set of relations, with copies of the pattern and values they came from: the
 * repair loop asks again for the same pattern and values (the singleton pass, then the propagated failures of the
 * same round; the values a fresh copy each time). Measured on the 110k-cell benchmark table's protect run: 5 of 12
 * calls repeated the one before, and with the bounds kept the 12 took 264 ms instead of 477 ms (those 5 ~1 ms each).
 * Callers get copies, so none sees another's writes.
 */
const lastBounds = new WeakMap<Relations, { values: Float64Array; hidden: Uint8Array; bounds: PropagatedBounds }>();

/** Whether `values` and `hidden` give the same propagation as `kept`'s: the same pattern and published values. */
function sameInput(kept: { values: Float64Array; hidden: Uint8Array }, values: Float64Array, hidden: Uint8Array): boolean {
  if (kept.hidden.length !== hidden.length || kept.values.length !== values.length) return false;
  for (let c = 0; c < hidden.length; c++) {
    if (kept.hidden[c] !== hidden[c]) return false;
    // Hidden values are not read; NaN (a value unknown) equals NaN.
    if (!hidden[c] && !Object.is(kept.values[c], values[c])) return false;
  }
  return true;
}

/** {@link propagateBounds}, computed. */
function sweep(relations: Relations, values: Float64Array, hidden: Uint8Array): PropagatedBounds {
  const n = hidden.length;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    if (hidden[c]) upper[c] = Infinity;
    else lower[c] = upper[c] = values[c]!;
  }
  const { totals, starts, members } = relations;
  const better = (now: number, was: number): boolean => now < was - STEP * Math.max(1, Math.abs(now));
  // Which relations a sweep still has to read: at first those with a hidden cell (a relation of published cells only
  // tightens nothing); then a relation whose last reading changed nothing and none of whose cells changed since gives
  // nothing again, so it is skipped (the same sweeps, the same bounds, bit for bit; the later sweeps read the few near
  // a change). Readable version: every relation with a hidden cell in every sweep.
  const dirty = new Uint8Array(relations.count);
  for (let r = 0; r < relations.count; r++) {
    let anyHidden = hidden[totals[r]!] === 1;
    for (let j = starts[r]!; j < starts[r + 1]! && !anyHidden; j++) if (hidden[members[j]!]) anyHidden = true;
    if (anyHidden) dirty[r] = 1;
  }
  const index = relationIndex(relations, n);
  const touch = (c: number): void => {
    for (let i = index.starts[c]!; i < index.starts[c + 1]!; i++) dirty[index.relations[i]!] = 1;
  };
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let changed = false;
    for (let r = 0; r < relations.count; r++) {
      if (!dirty[r]) continue;
      dirty[r] = 0;
      const t = totals[r]!;
      const s0 = starts[r]!;
      const s1 = starts[r + 1]!;
      // Sums over the members: of lower bounds, of finite upper bounds, and how many upper bounds are infinite.
      let sumL = 0;
      let sumU = 0;
      let infinite = 0;
      for (let j = s0; j < s1; j++) {
        const m = members[j]!;
        sumL += lower[m]!;
        if (upper[m] === Infinity) infinite++;
        else sumU += upper[m]!;
      }
      if (hidden[t]) {
        // Never past the cell's other bound (see `CROSSING`).
        const u = Math.max(sumU, lower[t]!);
        if (infinite === 0 && better(u, upper[t]!)) {
          upper[t] = u;
          changed = true;
          touch(t);
        }
        const l = Math.min(sumL, upper[t]!);
        if (better(-l, -lower[t]!)) {
          lower[t] = l;
          changed = true;
          touch(t);
        }
      }
      const uT = upper[t]!;
      const lT = lower[t]!;
      for (let j = s0; j < s1; j++) {
        const m = members[j]!;
        if (!hidden[m]) continue;
        if (uT !== Infinity) {
          const u = Math.max(uT - (sumL - lower[m]!), lower[m]!);
          if (better(u, upper[m]!)) {
            // Readable version: recompute the sums; here they are kept up to date instead.
            if (upper[m] !== Infinity) sumU += u - upper[m]!;
            else {
              infinite--;
              sumU += u;
            }
            upper[m] = u;
            changed = true;
            touch(m);
          }
        }
        const othersInfinite = infinite - (upper[m] === Infinity ? 1 : 0);
        if (othersInfinite === 0) {
          const l = Math.min(lT - (sumU - (upper[m] === Infinity ? 0 : upper[m]!)), upper[m]!);
          if (better(-l, -lower[m]!)) {
            sumL += l - lower[m]!;
            lower[m] = l;
            changed = true;
            touch(m);
          }
        }
      }
    }
    if (!changed) break;
  }
  return { lower, upper };
}
