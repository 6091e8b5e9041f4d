import type { BoxMoveFinder } from '../../audit/BoxMoveFinder.js';
import type { CellSpace } from '../../audit/CellSpace.js';

/** What {@link boxRepair} needs. @internal */
export interface BoxRepairInput {
  readonly space: CellSpace;
  /** The audit's move finder on `space` (its caches are reused across calls). */
  readonly finder: BoxMoveFinder;
  /** Values of the quantity being protected, every cell known. */
  readonly values: Float64Array;
  /** The pattern; one cell is set and cleared again per candidate tried, unchanged on return. */
  readonly hidden: Uint8Array;
  /** Cost of hiding each cell (> 0). */
  readonly cost: Float64Array;
  /** Publishing priority of each cell (its index in the publishing order: a larger rank is hidden first on ties). */
  readonly rank: Int32Array;
  /** The hidden sensitive cell to protect. */
  readonly target: number;
  /** How far the attacker must be able to move the target: `+UPL` (up) or `-LPL` (down). */
  readonly delta: number;
}

/**
 * Candidates at distance two (on the relations of the target's hidden partners) tried at most. Measured on the
 * benchmark tables: 128 finds every box repair 256 does (80 on the 49k-cell table, 32 on the 110k-cell one) with the
 * failed searches 1.4 → 0.9 s on the latter; 64 loses 12 of the 110k-cell table's (12 more repair LPs).
 */
const MAX_FAR = 128;

/**
 * The cheap repair tried before the repair LP: one published cell near the target whose hiding lets box moves (the
 * audit's `BoxMoveFinder`: the 2^D "cubes" of the hypercube method, Repsilber's GHMITER, Giessing & Repsilber 2002,
 * extended to hierarchies) carry the target `delta` away from its true value. The candidates are the published cells
 * sharing a relation with the target, then (at most `MAX_FAR`, 128) those on a relation of one of the target's hidden
 * partners (cells hidden on a relation through the target): the repair LP's single cell usually lies there (on the
 * 49k-cell benchmark table 106 of its 107 one-cell repairs; box moves certify about half of those). Within each
 * ring cheapest first (then the lowest publishing priority, then the cell index); the first for which the chained
 * boxes reach `delta` is returned. (Benchmark tables: repair LPs 127 → 45 on the 49k-cell table, 58 → 38 on the
 * 110k-cell one, secondaries 6,331 → 6,332 and 9,067 → 9,067.)
 * Those boxes are a feasible table of the grown pattern (verified against every relation of the space, so linked
 * tables too) in which the target sits at `x + delta`: a proof that the repair works, the same certificate the
 * Fischetti & Salazar (2001) attacker subproblem gives, found without an LP. In the benchmark tables the repair
 * LP hides one or two cells (85 cells for 60 LPs on the 49k-cell table), so a single cell often suffices; when
 * none does, the caller falls back to the LP (`repairCell`).
 *
 * Cost: one `BoxMoveFinder.reach` without a candidate, recording the published cells that stopped its checks
 * (`publishedBlockers`), then one per candidate among those (at most its budget of cell checks times its move
 * limit), over the published cells on the target's relations (a few dozen in a 4-dimensional table) and at most
 * `MAX_FAR` more. The same cell as trying every candidate (a candidate that stopped no check would give the chain
 * without it again); on the 110k-cell benchmark table the repair phase 2.3 → 2.0 s, with the same 25 box repairs.
 *
 * @returns the cell to hide, or `undefined` when no single candidate does it. Throws nothing
 * of its own (the caller validated the policy and the pattern).
 * @internal
 * @example
 * // 2 × 2 table with margins, Am = 1 primary and hidden, Af hidden; Bm, Bf published (Bm = 4 < Bf = 6):
 * boxRepair({ space, finder, values, hidden, cost, rank, target: Am, delta: 4 })
 * // Bm: the box +Am -Af -Bm +Bf moves Am up by 4 once Bm is hidden too (Bm has the lower publishing priority)
 */
export function boxRepair(input: BoxRepairInput): number | undefined {
  const { space, finder, values, hidden, cost, rank, target, delta } = input;
  if (!(Math.abs(delta) > 0) || !hidden[target]) return undefined;
  const idx = space.relationIndex;
  const rel = space.relations;
  // Candidates: published cells sharing a relation with the target, deduplicated.
  // Candidates: published cells on the relations of `around`, deduplicated; the hidden ones met go to `partners`.
  const seen = new Set<number>([target]);
  const ringAround = (around: readonly number[], partners?: number[]): number[] => {
    const ring: number[] = [];
    const consider = (c: number): void => {
      if (seen.has(c)) return;
      seen.add(c);
      if (!hidden[c]) ring.push(c);
      else partners?.push(c);
    };
    for (const y of around) {
      for (let j = idx.starts[y]!; j < idx.starts[y + 1]!; j++) {
        const r = idx.relations[j]!;
        consider(rel.totals[r]!);
        for (let i = rel.starts[r]!; i < rel.starts[r + 1]!; i++) consider(rel.members[i]!);
      }
    }
    return ring.sort((a, b) => cost[a]! - cost[b]! || rank[b]! - rank[a]! || a - b);
  };
  const partners: number[] = [];
  const near = ringAround([target], partners);
  const candidates = [...near, ...ringAround(partners).slice(0, MAX_FAR)];
  const direction = delta > 0 ? 1 : -1;
  const amount = Math.abs(delta);
  // Only a published cell that stopped some check of the chain without candidates can change it (see
  // `BoxMoveFinder.publishedBlockers`); the others would give that chain again, which does not move them. Readable
  // version: every candidate tried.
  const blockers = new Set(finder.publishedBlockers(values, hidden, target, direction, amount));
  for (const c of candidates) {
    if (!blockers.has(c)) continue;
    hidden[c] = 1;
    const p = finder.reachShared(values, hidden, target, direction, amount);
    hidden[c] = 0;
    // A proof that does not move the candidate would have been one before hiding it (the audit said otherwise):
    // such a candidate is not taken.
    if (p && p.reached >= amount * (1 - 1e-12) && p.cells.includes(c)) return c;
  }
  return undefined;
}
