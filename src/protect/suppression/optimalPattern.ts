import type { Highs } from 'highs';
import { auditSpace, type QuantityTargets } from '../../audit/auditSpace.js';
import type { CellSpace } from '../../audit/CellSpace.js';
import { loadHighs } from '../../audit/loadHighs.js';
import type { ProtectionRequirement } from '../../audit/ProtectionRequirement.js';
import { sensitiveTargets } from '../../audit/sensitiveTargets.js';
import { PrikkError } from '../../errors/PrikkError.js';
import { abortPoint } from '../../errors/abortPoint.js';
import type { PrimaryRule } from './rules/PrimaryRule.js';

/** What {@link optimalPattern} needs. @internal */
export interface OptimalInput {
  readonly space: CellSpace;
  readonly primary: Uint8Array;
  readonly rules: readonly PrimaryRule[];
  /** Cost of hiding each cell (> 0). */
  readonly cost: Float64Array;
  readonly singletons: boolean;
  /** Seconds for the whole search (every MIP solve, audit and cut together). */
  readonly timeLimit: number;
  /**
   * Optional: a pattern that protects every sensitive cell (1 = hidden; the fast method's, audited), given to HiGHS as
   * its starting incumbent before every solve. Then the result never costs more than it, also when a solve stops at
   * the time limit.
   */
  readonly start?: Uint8Array;
  /** Optional: stops the search before its next MIP solve or audit LP once aborted (`PrikkError` `ABORTED`). */
  readonly signal?: AbortSignal;
  /** Optional: called after each round's audit with the rounds so far and the round's pattern (for progress). */
  readonly onRound?: (rounds: number, hidden: Uint8Array) => void;
}

/** What {@link optimalPattern} found, and how sure it is. @internal */
export interface OptimalOutcome {
  /** 1 for every hidden cell (primaries included). */
  readonly hidden: Uint8Array;
  /**
   * Whether `hidden` is proven optimal: the last MIP was solved to optimality, its pattern passed the audit, and every
   * cut was valid (never with a width requirement, `minWidth`, that a cut had to ask for as an upward move).
   */
  readonly proven: boolean;
  /** Rounds of master MIP, audit and cuts. */
  readonly rounds: number;
  /**
   * A lower bound on the cost of every pattern that protects the table under the policy (the largest dual bound of
   * the master MIPs: every cut holds for every protecting pattern, so each master is a relaxation). Equal to the
   * cost of `hidden` (within HiGHS's tolerances) when `proven`. With width cuts (see `proven`) only the primaries'
   * cost, which holds for every pattern.
   */
  readonly costLowerBound: number;
  /** Whether the time limit stopped the search before a round's pattern passed the audit (or before it was proven). */
  readonly timeLimitReached: boolean;
}

interface Row {
  readonly indices: number[];
  readonly values: number[];
  readonly lower: number;
  readonly upper: number;
}

/**
 * Optimal secondary suppression: the mixed-integer program of Fischetti & Salazar (2001, "Solving the cell
 * suppression problem on tabular data with linear constraints", Management Science 47(7)), as in tau-ARGUS's
 * Optimal method and sdcTable's `protectTable(method = "OPT")`. Binary `s[c]` = cell c hidden (1 for primaries),
 * minimise `sum cost[c] · s[c]` such that for every sensitive cell and direction the attacker's LP (move the
 * cell by its protection level in a table that keeps every relation and non-negativity, changing only hidden
 * cells) is feasible. The attacker LPs enter as Benders cuts: solve the master MIP, audit its pattern, and for
 * each failing (cell, direction) add the cut `sum_c (M·w⁺[c] + x[c]·w⁻[c]) · s[c] >= UPL` from the attacker LP's
 * dual `γ` with `w = ±e_p - Aᵀγ`, its coefficients clipped at the right-hand side (valid for binary s); repeat
 * until the audit passes. Starting cuts: every relation holding a sensitive cell needs another hidden cell; with
 * singletons, no relation may hold a count-1 cell and exactly one other hidden cell (the same rule as the fast
 * method, so the optimum is never worse than the fast pattern). With `start` (the fast pattern, protected), HiGHS
 * starts from it as its incumbent, so a solve that stops at the time limit still returns a pattern at most as costly.
 *
 * The time limit holds for the whole search: each MIP solve gets the time that is left, and when it runs out before
 * a round's pattern passes the audit, the result is `start` (protecting, and no costlier than anything the search
 * proved protecting), or without `start` the last round's pattern (which the caller's audit-and-repair loop then
 * repairs). The Benders cuts can be weak: on a 243-cell five-dimensional table with 21 primaries the master's cost
 * rose by about one cell per round (measured: 85 → 104 in ten rounds against the fast pattern's 136), so a search
 * of many rounds is normal there, and the time limit is what bounds it. Tried and not kept: up to 50 rounds of cuts
 * at the master's LP relaxation (fractional s, as Fischetti & Salazar's LP phase) before the MIP rounds: a 210-cell
 * 3-dim table reached its proven optimum in 3.3 s instead of 3.9 s, but a 675-cell hierarchical one in 25.7 s instead
 * of 1.8 s (the many dense cuts slow every MIP solve), and the 5-dim table's bound after 30 s was no better.
 *
 * Cost: exponential in the worst case (a MIP); meant for tables of up to a few thousand cells.
 *
 * @returns the pattern and how sure it is (see {@link OptimalOutcome}).
 * @throws {PrikkError} `INVALID_VALUE` when a sensitive cell cannot be protected at all.
 * @internal
 */
export async function optimalPattern(input: OptimalInput): Promise<OptimalOutcome> {
  const { space, primary, rules, cost, singletons, timeLimit, start } = input;
  const deadline = performance.now() + timeLimit * 1000;
  const highs = await loadHighs();
  const n = space.cellCount;
  const rel = space.relations;
  const counts = space.values({ kind: 'count' });
  const targets = sensitiveTargets(space, rules, primary);
  const groups: QuantityTargets[] = [];
  for (const g of targets.byQuantity.values()) {
    const cells = [...g.cells.keys()].sort((a, b) => a - b);
    groups.push({
      quantity: g.quantity,
      values: space.values(g.quantity),
      cells: Int32Array.from(cells),
      requirements: cells.map((c) => g.cells.get(c)!.requirement),
    });
  }
  const rows: Row[] = [];
  const relCells = (r: number): number[] => {
    const out = [rel.totals[r]!];
    for (let j = rel.starts[r]!; j < rel.starts[r + 1]!; j++) out.push(rel.members[j]!);
    return out;
  };
  // Starting cuts.
  const sensitive = new Uint8Array(n);
  for (const g of groups) for (const c of g.cells) sensitive[c] = 1;
  const idx = space.relationIndex;
  for (let p = 0; p < n; p++) {
    if (!sensitive[p]) continue;
    for (let j = idx.starts[p]!; j < idx.starts[p + 1]!; j++) {
      const others = relCells(idx.relations[j]!).filter((c) => c !== p);
      if (others.length === 0) continue;
      rows.push({ indices: others, values: others.map(() => 1), lower: 1, upper: Infinity });
    }
  }
  if (singletons) {
    for (let r = 0; r < rel.count; r++) {
      const cells = relCells(r);
      if (cells.length < 3) continue;
      for (const c of cells) {
        if (counts[c] !== 1) continue;
        for (const o of cells) {
          if (o === c) continue;
          // s_c + s_o - sum(others) <= 1: never c and o as the only two hidden cells of r.
          const ind = [c, o];
          const val = [1, 1];
          for (const q of cells) if (q !== c && q !== o) (ind.push(q), val.push(-1));
          rows.push({ indices: ind, values: val, lower: -Infinity, upper: 1 });
        }
      }
    }
  }
  const inf = highs.infinity;
  const model = highs.createModel({
    numCols: n,
    numRows: 0,
    colCost: cost,
    colLower: Float64Array.from(primary, (p) => (p ? 1 : 0)),
    colUpper: new Float64Array(n).fill(1),
    rowLower: new Float64Array(0),
    rowUpper: new Float64Array(0),
    matrix: { format: 'csr', numRows: 0, numCols: n, starts: Int32Array.of(0), indices: new Int32Array(0), values: new Float64Array(0) },
    integrality: new Int32Array(n).fill(1),
  });
  const addRow = (row: Row): void => {
    model.addRow(Number.isFinite(row.lower) ? row.lower : -inf, Number.isFinite(row.upper) ? row.upper : inf, {
      indices: Int32Array.from(row.indices),
      values: Float64Array.from(row.values),
    });
  };
  try {
    // Feasibility jump and symmetry detection cost more than they save on these small covering problems
    // (measured: a 15-cell MIP went from about 650 ms to 90 ms in the WebAssembly build).
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_heuristic_run_feasibility_jump: false, mip_detect_symmetry: false });
    for (const row of rows) addRow(row);
    const M = 2 * Math.max(1, ...groups.map((g) => g.values.reduce((a, b) => Math.max(a, b), 0))) + 1;
    // Every valid cut keeps a protecting pattern feasible, so the start stays a candidate through every round.
    const startValues = start ? Float64Array.from(start) : undefined;
    const costOf = (p: Uint8Array): number => p.reduce((sum, h, c) => (h ? sum + cost[c]! : sum), 0);
    let costLowerBound = 0;
    let widthCuts = false;
    // Without valid cuts, the bound that always holds: every primary is hidden.
    const primaryCost = costOf(primary);
    const boundOf = (b: number, cap: number): number => Math.min(widthCuts ? primaryCost : b, cap);
    for (let iteration = 0; ; iteration++) {
      await abortPoint(input.signal, 'suppressCells (optimal)');
      // Each solve gets the time left (at least 10 ms, so that a late round still returns its incumbent).
      model.options.set({ time_limit: Math.max(0.01, (deadline - performance.now()) / 1000) });
      if (startValues) model.setSolution({ colValue: startValues });
      const res = model.run();
      const st = highs.constants.modelStatus;
      const bound = model.info.get('mip_dual_bound');
      if (typeof bound === 'number' && Number.isFinite(bound)) costLowerBound = Math.max(costLowerBound, bound);
      if (res.modelStatus === st.infeasible) {
        throw new PrikkError('INVALID_VALUE', 'suppressCells (optimal): no suppression pattern protects every sensitive cell');
      }
      const sol = model.getSolution().colValue;
      if (sol.length !== n) throw new PrikkError('INVALID_VALUE', `suppressCells (optimal): the MIP solver stopped with status ${res.modelStatus} and no pattern`);
      const hidden = Uint8Array.from(sol, (v) => (v > 0.5 ? 1 : 0));
      const verdicts = await auditSpace(space, hidden, groups, { signal: input.signal });
      let cuts = 0;
      groups.forEach((g, gi) => {
        g.cells.forEach((p, i) => {
          const v = verdicts[gi]![i]!;
          if (v.pass) return;
          const req = g.requirements[i]!;
          for (const dir of directions(v, req, g.values[p]!)) {
            // A width requirement enters as an upward move of that width (the cut cannot say "up + down"), which may
            // exclude a pattern that protects by moving both ways: the search then proves nothing about the optimum.
            if (dir.sign === 1 && dir.amount > req.upperTarget - g.values[p]! + 1e-9) widthCuts = true;
            const cut = bendersCut(highs, space, g.values, hidden, p, dir.sign, dir.amount, M);
            addRow(cut);
            cuts++;
          }
        });
      });
      const rounds = iteration + 1;
      input.onRound?.(rounds, hidden);
      if (cuts === 0) {
        // A solve stopped at its time limit may return an incumbent worse than the start (were the start not taken).
        const proven = res.modelStatus === st.optimal && !widthCuts;
        const best = start && costOf(hidden) > costOf(start) ? start.slice() : hidden;
        return { hidden: best, proven, rounds, costLowerBound: proven ? costOf(best) : boundOf(costLowerBound, costOf(best)), timeLimitReached: res.modelStatus === st.timeLimit };
      }
      if (performance.now() >= deadline) {
        // Out of time with cuts still to add: this round's pattern does not protect; the start does.
        const best = start ? start.slice() : hidden;
        return { hidden: best, proven: false, rounds, costLowerBound: boundOf(costLowerBound, start ? costOf(best) : Infinity), timeLimitReached: true };
      }
      if (iteration > 10_000) throw new PrikkError('INVALID_VALUE', 'suppressCells (optimal): no convergence after 10000 rounds of cuts');
    }
  } finally {
    model.dispose();
  }
}

/** The directions (and amounts) in which a failing cell must be able to move. */
function directions(
  v: { failUpper: boolean; failLower: boolean; failWidth: boolean },
  req: ProtectionRequirement,
  x: number,
): { sign: 1 | -1; amount: number }[] {
  const out: { sign: 1 | -1; amount: number }[] = [];
  if (v.failUpper || v.failWidth) out.push({ sign: 1, amount: Math.max(req.upperTarget - x, req.minWidth, 1e-9) });
  if (v.failLower) out.push({ sign: -1, amount: Math.max(x - req.lowerTarget, 1e-9) });
  return out;
}

/**
 * A Benders cut for one attacker subproblem: max `sign · d[p]` over `A d = 0`, `-x[c]·s[c] <= d[c] <= M·s[c]`.
 * For any multipliers γ, `sign · d[p] = sum_c w[c] d[c]` with `w = sign·e_p - Aᵀγ`, so the optimum is at most
 * `sum_c s[c] (M·w⁺[c] + x[c]·w⁻[c])`; a protecting pattern needs this to reach `amount`.
 */
function bendersCut(highs: Highs, space: CellSpace, values: Float64Array, hidden: Uint8Array, p: number, sign: 1 | -1, amount: number, M: number): Row {
  const n = space.cellCount;
  const rel = space.relations;
  const starts = new Int32Array(rel.count + 1);
  const indices: number[] = [];
  const vals: number[] = [];
  for (let r = 0; r < rel.count; r++) {
    indices.push(rel.totals[r]!);
    vals.push(1);
    for (let j = rel.starts[r]!; j < rel.starts[r + 1]!; j++) {
      indices.push(rel.members[j]!);
      vals.push(-1);
    }
    starts[r + 1] = indices.length;
  }
  const colCost = new Float64Array(n);
  colCost[p] = sign;
  const colLower = Float64Array.from(hidden, (h, c) => (h ? -values[c]! : 0));
  const colUpper = Float64Array.from(hidden, (h) => (h ? M : 0));
  const zeros = new Float64Array(rel.count);
  const out = highs.raw.lpCall({
    numCols: n,
    numRows: rel.count,
    sense: highs.constants.objectiveSense.maximize,
    colCost,
    colLower,
    colUpper,
    rowLower: zeros,
    rowUpper: zeros,
    matrix: { format: 'csr', numRows: rel.count, numCols: n, starts, indices: Int32Array.from(indices), values: Float64Array.from(vals) },
  });
  const noGood = (): Row => {
    const ind: number[] = [];
    for (let c = 0; c < n; c++) if (!hidden[c]) ind.push(c);
    return { indices: ind, values: ind.map(() => 1), lower: 1, upper: Infinity };
  };
  if (out.status === -1 || !out.value) return noGood();
  const gamma = out.value.solution.rowDual;
  let best: { coef: Float64Array; atS: number } | undefined;
  for (const g of [1, -1]) {
    const w = new Float64Array(n);
    w[p] = sign;
    for (let r = 0; r < rel.count; r++) {
      const y = g * gamma[r]!;
      if (y === 0) continue;
      w[rel.totals[r]!]! -= y;
      for (let j = rel.starts[r]!; j < rel.starts[r + 1]!; j++) w[rel.members[j]!]! += y;
    }
    const coef = new Float64Array(n);
    let atS = 0;
    for (let c = 0; c < n; c++) {
      const wc = w[c]!;
      coef[c] = wc > 0 ? M * wc : -wc * values[c]!;
      if (hidden[c]) atS += coef[c]!;
    }
    if (!best || atS < best.atS) best = { coef, atS };
  }
  if (!best || best.atS >= amount - 1e-9) return noGood();
  // Move the primary's own (fixed) term to the right-hand side, then clip coefficients at it.
  const rhs = amount - best.coef[p]!;
  const ind: number[] = [];
  const val: number[] = [];
  for (let c = 0; c < n; c++) {
    if (c === p) continue;
    const a = Math.min(best.coef[c]!, rhs);
    if (a > 1e-9) {
      ind.push(c);
      val.push(a);
    }
  }
  if (ind.length === 0) throw new PrikkError('INVALID_VALUE', `suppressCells (optimal): the cell ${JSON.stringify(space.coords(p))} cannot be protected by any pattern`);
  return { indices: ind, values: val, lower: rhs, upper: Infinity };
}
