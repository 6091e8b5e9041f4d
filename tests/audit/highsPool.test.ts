import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { attackIntervals, type AttackGoal, type AttackInput } from '../../src/audit/attackIntervals.js';
import { auditTable } from '../../src/audit/auditTable.js';
import { auditThreads, shutdownAuditThreads } from '../../src/audit/auditThreads.js';
import { BoxMoveFinder, AUDIT_REFILLS } from '../../src/audit/BoxMoveFinder.js';
import { CellSpace } from '../../src/audit/CellSpace.js';
import type { CoreLp, CoreLpData, CoreLpSolve } from '../../src/audit/CoreLp.js';
import { HIGHS_WORKER_SOURCE } from '../../src/audit/highsWorkerSource.js';
import { HighsPool } from '../../src/audit/HighsPool.js';
import { loadHighs } from '../../src/audit/loadHighs.js';
import { localCoreLp } from '../../src/audit/localCoreLp.js';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { frequencyRule } from '../../src/protect/suppression/rules/frequencyRule.js';
import { flat, makeTable } from './tableHelpers.js';

// The audit solves the cores' LPs on worker threads (HighsPool) when at least two large cores need them. A core's
// model lives in one worker and gets the same HiGHS calls as on the main thread (localCoreLp), so every bound must
// be the same as on the single-threaded path, bit for bit, whichever worker finishes first. The expected values
// here are the single-threaded path's (itself checked against hand computations and the Fréchet bounds in
// coreSolves/presolveCores), plus one hand computation.

const pool = new HighsPool({ size: 2 });
const single = { pool: undefined, minColumns: 0 };
const pooled = { pool, minColumns: 0 };

afterAll(async () => {
  await pool.close();
  await shutdownAuditThreads();
  expect(auditThreads().pool?.running ?? 0).toBe(0);
});

/**
 * A random 12 x 12 table with margins (leaf counts 0-7) whose hidden cells lie in 2-3 diagonal 4 x 4 blocks (rows and
 * columns 4b..4b+3), each block's cells hidden by a random mask: the blocks share no row and no column, so each
 * block with a relation of three or more unknowns left is its own core, and several cores need LPs at once. Targets
 * are the hidden cells with count in 1..n-1, with the frequency rule's goal (the upper bound must reach n).
 */
const tableArb = fc
  .record({
    blocks: fc.integer({ min: 2, max: 3 }),
    leaves: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 144, maxLength: 144 }),
    mask: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 144, maxLength: 144 }),
    keep: fc.integer({ min: 60, max: 100 }),
    n: fc.integer({ min: 4, max: 12 }),
  })
  .map(({ blocks, leaves, mask, keep, n }) => {
    const labels = Array.from({ length: 12 }, (_, i) => String(i));
    const t = makeTable(
      [
        { name: 'r', hierarchy: flat('T', labels) },
        { name: 'c', hierarchy: flat('T', labels) },
      ],
      leaves,
    );
    const space = CellSpace.fromTables([t]);
    const counts = space.values({ kind: 'count' });
    const hidden = new Uint8Array(t.cellCount);
    for (let i = 0; i < 12; i++)
      for (let j = 0; j < 12; j++) {
        const b = Math.floor(i / 4);
        if (b === Math.floor(j / 4) && b < blocks && mask[i * 12 + j]! < keep) hidden[t.indexOf({ r: labels[i]!, c: labels[j]! })] = 1;
      }
    const targets = Int32Array.from([...hidden.keys()].filter((c) => hidden[c] && counts[c]! > 0 && counts[c]! < n));
    const goals: AttackGoal[] = Array.from(targets, () => ({ upper: n, lower: Infinity, width: 0 }));
    return { space, counts, hidden, targets, goals };
  });

/** The input `auditSpace` gives `attackIntervals` (goals and box moves), or the exact one (no goals). */
function inputOf(space: CellSpace, counts: Float64Array, hidden: Uint8Array, targets: Int32Array, goals: AttackGoal[] | undefined): AttackInput {
  const base = { relations: space.relations, values: counts, hidden, targets, describe: (c: number) => JSON.stringify(space.coords(c)) };
  if (!goals) return base;
  const finder = new BoxMoveFinder(space, { refills: AUDIT_REFILLS });
  return { ...base, goals, moves: (cell, direction, amount, from) => finder.reachShared(from ?? counts, hidden, cell, direction, amount) };
}

describe('attackIntervals on the worker pool', () => {
  it('gives the same bounds as the single-threaded path on random tables (goals and moves, and exact)', async () => {
    const built = pool.modelsBuilt;
    let withPool = 0;
    await fc.assert(
      fc.asyncProperty(tableArb, fc.boolean(), async ({ space, counts, hidden, targets, goals }, exact) => {
        if (targets.length === 0) return;
        const g = exact ? undefined : goals;
        const before = pool.modelsBuilt;
        const a = await attackIntervals({ ...inputOf(space, counts, hidden, targets, g), threads: single });
        const b = await attackIntervals({ ...inputOf(space, counts, hidden, targets, g), threads: pooled });
        if (pool.modelsBuilt > before) withPool++;
        expect([...b.lower]).toEqual([...a.lower]);
        expect([...b.upper]).toEqual([...a.upper]);
        expect([...b.exact]).toEqual([...a.exact]);
      }),
      { numRuns: 40, seed: 20261122 },
    );
    // The comparison means something only when the pool was used (two or more cores with LPs).
    expect(withPool).toBeGreaterThan(15);
    expect(pool.modelsBuilt).toBeGreaterThan(built);
  });

  it('keeps the small cores on the calling thread (below minColumns), and sends a single large core to the pool', async () => {
    const { space, counts, hidden, targets, goals } = blocks();
    const before = pool.modelsBuilt;
    // Each block's core has 9 columns: with minColumns 10 neither goes to the pool; with 9 both do.
    await attackIntervals({ ...inputOf(space, counts, hidden, targets, goals), threads: { pool, minColumns: 10 } });
    expect(pool.modelsBuilt).toBe(before);
    await attackIntervals({ ...inputOf(space, counts, hidden, targets, goals), threads: { pool, minColumns: 9 } });
    expect(pool.modelsBuilt).toBe(before + 2);
    // One block only: one large core, in the pool too (where a time limit can give up on its LP), same bounds.
    const one = Uint8Array.from(hidden, (h, c) => (h && space.coords(c)['r']! < '3' ? 1 : 0));
    const oneTargets = targets.filter((c) => one[c] === 1);
    const oneInput = inputOf(space, counts, one, oneTargets, goals.slice(0, oneTargets.length));
    const here = await attackIntervals({ ...oneInput, threads: single });
    const there = await attackIntervals({ ...oneInput, threads: { pool, minColumns: 0 } });
    expect(pool.modelsBuilt).toBe(before + 3);
    expect([...there.lower]).toEqual([...here.lower]);
    expect([...there.upper]).toEqual([...here.upper]);
  });

  it('sends a large core to the pool whether or not its workers run already, with the same bounds', async () => {
    const { space, counts, hidden, targets } = blocks();
    // Two large cores; only the first block's goals are open (upper 5, its cells reach 3), the second block's are
    // reached by the true table (upper 1 on cells holding 1): one core needs LPs.
    const first = (c: number): boolean => space.coords(c)['r']! < '3';
    const goals: AttackGoal[] = Array.from(targets, (c) => ({ upper: first(c) ? 5 : 1, lower: Infinity, width: 0 }));
    const fresh = new HighsPool({ size: 2 });
    try {
      const here = await attackIntervals({ ...inputOf(space, counts, hidden, targets, goals), threads: single });
      const a = await attackIntervals({ ...inputOf(space, counts, hidden, targets, goals), threads: { pool: fresh, minColumns: 0 } });
      // No worker ran before: the core with open goals starts one; the walk's exact LP (the narrowest made exact)
      // builds the other core's model there too.
      expect(fresh.modelsBuilt).toBe(2);
      const b = await attackIntervals({ ...inputOf(space, counts, hidden, targets, goals), threads: { pool: fresh, minColumns: 0 } });
      expect(fresh.modelsBuilt).toBe(4);
      for (const r of [a, b]) {
        expect([...r.lower]).toEqual([...here.lower]);
        expect([...r.upper]).toEqual([...here.upper]);
      }
      // the first block's cells stop at 3 (see blocks), the second's goals held
      targets.forEach((c, i) => expect(b.upper[i]! >= (first(c) ? 3 : 1) - 1e-9).toBe(true));
    } finally {
      await fresh.close();
    }
  });
});

/**
 * An 8 x 8 table with margins whose two 3 x 3 blocks (rows and columns 0-2, and 4-6) hold ones and are hidden; the
 * other leaves hold 10-16. Each block is its own core (9 columns, 6 rows), and by hand each hidden cell ranges over
 * [0, 3]: its row's three hidden cells sum to 3 (the published margin minus the published cells), so it is at most
 * 3, and a block with 3 on one permutation's cells and 0 elsewhere keeps every row and column sum at 3 (a
 * permutation through the cell gives it 3, one avoiding it gives 0); so for n = 5 every target fails (upper 3 < 5),
 * which the box moves cannot certify: both cores need LPs.
 */
function blocks(): { table: ReturnType<typeof makeTable>; space: CellSpace; counts: Float64Array; hidden: Uint8Array; targets: Int32Array; goals: AttackGoal[] } {
  const labels = ['0', '1', '2', '3', '4', '5', '6', '7'];
  const inBlock = (i: number, j: number): boolean => (i < 3 && j < 3) || (i >= 4 && i < 7 && j >= 4 && j < 7);
  const leaves = Array.from({ length: 64 }, (_, k) => (inBlock(Math.floor(k / 8), k % 8) ? 1 : 10 + (k % 7)));
  const table = makeTable(
    [
      { name: 'r', hierarchy: flat('T', labels) },
      { name: 'c', hierarchy: flat('T', labels) },
    ],
    leaves,
  );
  const space = CellSpace.fromTables([table]);
  const counts = space.values({ kind: 'count' });
  const hidden = new Uint8Array(table.cellCount);
  for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) if (inBlock(i, j)) hidden[table.indexOf({ r: labels[i]!, c: labels[j]! })] = 1;
  const targets = Int32Array.from([...hidden.keys()].filter((c) => hidden[c]));
  return { table, space, counts, hidden, targets, goals: Array.from(targets, () => ({ upper: 5, lower: Infinity, width: 0 })) };
}

describe('auditTable with the pool (PRIKK_POOL_MIN_COLUMNS=0) and without (PRIKK_THREADS=1)', () => {
  const saved = { threads: process.env['PRIKK_THREADS'], min: process.env['PRIKK_POOL_MIN_COLUMNS'] };
  afterEach(() => {
    for (const [k, v] of [
      ['PRIKK_THREADS', saved.threads],
      ['PRIKK_POOL_MIN_COLUMNS', saved.min],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('gives the same verdicts, and the hand-computed widths (every hidden cell of the two blocks: [0, 3])', async () => {
    const { table, hidden } = blocks();
    const protectedTable = table.withStatus(Uint8Array.from(hidden, (h) => (h ? 1 : 0)));
    process.env['PRIKK_THREADS'] = '1';
    const a = await auditTable(protectedTable, { rules: [frequencyRule({ n: 5 })] });
    process.env['PRIKK_THREADS'] = '2';
    process.env['PRIKK_POOL_MIN_COLUMNS'] = '0';
    expect(auditThreads().pool).toBeDefined();
    const b = await auditTable(protectedTable, { rules: [frequencyRule({ n: 5 })] });
    const strip = (r: typeof a): unknown => ({ ...r, milliseconds: 0 });
    expect(strip(b)).toEqual(strip(a));
    expect(b.cellsChecked).toBe(18);
    expect(b.failed).toBe(18);
    for (const c of b.cells) {
      expect(c.width).toBe(3);
      expect(c.widthExact).toBe(true);
      expect(c.failures).toEqual(['upper']);
    }
  });

  it('rejects a malformed PRIKK_THREADS or PRIKK_POOL_MIN_COLUMNS before reading any data', () => {
    process.env['PRIKK_THREADS'] = 'two';
    expect(() => auditThreads()).toThrow(/PRIKK_THREADS must be an integer >= 1, got 'two'/);
    process.env['PRIKK_THREADS'] = '1';
    expect(auditThreads().pool).toBeUndefined();
    process.env['PRIKK_POOL_MIN_COLUMNS'] = '-3';
    expect(() => auditThreads()).toThrow(PrikkError);
  });
});

/** A 3-column model: x0 + x1 + x2 = 6, 0 <= x <= 4 (max x0 = 4, at x1 + x2 = 2). */
function tinyModel(numCols = 3): CoreLpData {
  return {
    numCols,
    numRows: 1,
    colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(4),
    rowBound: Float64Array.of(6),
    starts: Int32Array.of(0, numCols),
    indices: Int32Array.from({ length: numCols }, (_, j) => j),
    values: new Float64Array(numCols).fill(1),
    coldOptions: { output_flag: false },
    warmOptions: { presolve: 'off', simplex_strategy: 4 },
  };
}

/**
 * A stand-in pool whose models are real HiGHS models on this thread, except that `lies(m, k, r)` turns the k-th
 * solve (from 1) of the m-th model built (from 0), asked `r`, into "infeasible" after HiGHS ran it (as HiGHS twice
 * answered a solve of a feasible core in CI). Its `running` is 1, so the audit sends both of blocks()' cores to it at
 * once.
 */
async function lyingPool(lies: (m: number, k: number, r: CoreLpSolve, data: CoreLpData) => boolean): Promise<{ pool: HighsPool; solves: number[]; lied: number[]; starts: boolean[][] }> {
  const highs = await loadHighs();
  const solves: number[] = [];
  const lied: number[] = [];
  const starts: boolean[][] = []; // per model, per solve: whether it started from a given table
  const fake = {
    running: 1,
    createModel(data: CoreLpData, label: string): CoreLp {
      const lp = localCoreLp(highs, data, label);
      const m = solves.push(0) - 1;
      lied.push(0);
      starts.push([]);
      return {
        async solve(r) {
          const out = await lp.solve(r);
          solves[m]!++;
          starts[m]!.push(r.start !== undefined);
          if (!lies(m, solves[m]!, r, data)) return out;
          lied[m]!++;
          return { kind: 'infeasible' };
        },
        dispose: () => lp.dispose(),
      };
    },
  };
  return { pool: fake as unknown as HighsPool, solves, lied, starts };
}

describe('an "infeasible" from HiGHS is confirmed on a new model before the audit believes it', () => {
  it('a solve that says infeasible once is solved again on a new model, on the other path: the same bounds', async () => {
    const { space, counts, hidden, targets, goals } = blocks();
    const base = inputOf(space, counts, hidden, targets, undefined);
    // One goal per block (its first cell's upper bound must reach 3) and no moves: each core's first round is an LP
    // with 1 open goal of 9 columns, which starts from the true table.
    const oneGoal = { ...base, goals: Array.from(targets, (_, i) => (i % 9 === 0 ? { upper: 3, lower: Infinity, width: 0 } : { upper: -Infinity, lower: Infinity, width: 0 })) };
    // (`same`: the new model's path ends at the vertex the lying model's would have; with one goal it does not, and
    // an inner bound is any table's value: there the goals' verdicts and the bounds exact in both must agree.)
    const cases = [
      { input: inputOf(space, counts, hidden, targets, goals), lieAt: [1, 2], same: true },
      { input: base, lieAt: [1, 2], same: true },
      { input: oneGoal, lieAt: [1], same: false },
    ];
    let fromStart = 0;
    for (const { input, lieAt, same } of cases) {
      const truth = await attackIntervals({ ...input, threads: single });
      // The first solve (cold, or from the true table) or the second (warm) of the second model built lies once.
      for (const k of lieAt) {
        const { pool: liar, solves, lied, starts } = await lyingPool((m, j) => m === 1 && j === k);
        const got = await attackIntervals({ ...input, threads: { pool: liar, minColumns: 0 } });
        expect(lied).toEqual([0, 1, 0]); // one more model built, for the core whose model lied
        expect(solves[1]).toBe(k); // a model that lied is asked nothing more
        // The new model's first solve took the other path: from the true table unless the lie came from there.
        expect(starts[2]![0]).toBe(!starts[1]![k - 1]);
        if (starts[1]![k - 1]) fromStart++;
        if (same) {
          expect([...got.exact]).toEqual([...truth.exact]);
          expect([...got.lower]).toEqual([...truth.lower]);
          expect([...got.upper]).toEqual([...truth.upper]);
        } else {
          for (let i = 0; i < targets.length; i++) {
            if (truth.exact[i] && got.exact[i]) expect([got.lower[i], got.upper[i]]).toEqual([truth.lower[i], truth.upper[i]]);
            // Each goal held (its cell reaches 3, which the box bound allows; see blocks).
            if (i % 9 === 0) expect(got.upper[i]!).toBeGreaterThanOrEqual(3 - 1e-9);
          }
        }
        // By hand (see blocks): every hidden cell ranges over [0, 3].
        if (!input.goals) got.upper.forEach((u) => expect(u).toBeCloseTo(3, 9));
      }
    }
    expect(fromStart).toBe(1); // the one-goal case's lie came from the true table
  });

  it('an exact LP whose answer a new model confirms fails the audit: a solver failure, as the true table satisfies it', async () => {
    const { space, counts, hidden, targets, goals } = blocks();
    const { pool: liar, solves } = await lyingPool(() => true);
    const err = await attackIntervals({ ...inputOf(space, counts, hidden, targets, goals), threads: { pool: liar, minColumns: 0 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrikkError);
    expect((err as PrikkError).code).toBe('INVALID_VALUE');
    expect((err as PrikkError).message).toMatch(/HiGHS answered "infeasible" on three models for the LP of the group of \{"r":"\d","c":"\d"\}, which the true table satisfies/);
    // Every model was asked once: a model that said "infeasible" is dropped (the rounds go on from the true table,
    // then the first exact LP is asked of three models, and the audit stops).
    expect(solves.every((k) => k === 1)).toBe(true);
  });

  it('an exact LP that two models answer "infeasible" is solved by a third, by the interior point method', async () => {
    const { space, counts, hidden, targets } = blocks();
    const input = inputOf(space, counts, hidden, targets, undefined);
    const truth = await attackIntervals({ ...input, threads: single });
    // Every model lies but those that confirm by the interior point method.
    const { pool: liar, lied, solves } = await lyingPool((_m, _k, _r, data) => data.coldOptions['solver'] !== 'ipm');
    const got = await attackIntervals({ ...input, threads: { pool: liar, minColumns: 0 } });
    expect(lied.filter((n) => n > 0).length).toBeGreaterThanOrEqual(4); // two per core at least
    expect(solves.length).toBeGreaterThan(lied.filter((n) => n > 0).length); // and the third models answered
    // By hand (see blocks): every hidden cell ranges over [0, 3], exactly.
    got.lower.forEach((l, i) => {
      expect(l).toBeCloseTo(truth.lower[i]!, 9);
      expect(got.upper[i]!).toBeCloseTo(truth.upper[i]!, 9);
      expect(got.upper[i]!).toBeCloseTo(3, 9);
    });
    expect([...got.exact]).toEqual([...truth.exact]);
  });

  it('saturating rounds that HiGHS cannot solve end early: the exact LPs give the verdicts without the lies', async () => {
    const { space, counts, hidden, targets, goals } = blocks();
    const base = inputOf(space, counts, hidden, targets, undefined);
    // One goal per block that the box bound allows (its first cell must reach 3), and goals no table reaches (5).
    const oneGoal = { ...base, goals: Array.from(targets, (_, i) => (i % 9 === 0 ? { upper: 3, lower: Infinity, width: 0 } : { upper: -Infinity, lower: Infinity, width: 0 })) };
    for (const input of [oneGoal, inputOf(space, counts, hidden, targets, goals)]) {
      const truth = await attackIntervals({ ...input, threads: single });
      // Every capped solve (a saturating round) says "infeasible"; the exact LPs do not.
      const { pool: liar, lied } = await lyingPool((_m, _k, r) => r.colLower !== undefined);
      const got = await attackIntervals({ ...input, threads: { pool: liar, minColumns: 0 } });
      expect(lied.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(4); // both cores' first rounds, on two models each
      input.goals!.forEach((g, i) => {
        // The same verdict: the upper bound reaches the goal or not (3 is each cell's maximum, see blocks).
        expect(got.upper[i]! >= g.upper - 1e-9).toBe(truth.upper[i]! >= g.upper - 1e-9);
        if (truth.exact[i] && got.exact[i]) expect([got.lower[i], got.upper[i]]).toEqual([truth.lower[i], truth.upper[i]]);
      });
      expect(got.upper.some((u, i) => i % 9 === 0 && u >= 3 - 1e-9)).toBe(true);
    }
  });

  it('without the true table (a published table read alone) the same answer says the values admit no table', async () => {
    const { space, counts, hidden, targets, goals } = blocks();
    // The hidden cells' values unknown, as when a released table is audited on its own.
    const published = Float64Array.from(counts, (v, c) => (hidden[c] ? NaN : v));
    const { pool: liar, solves } = await lyingPool(() => true);
    const err = await attackIntervals({ ...inputOf(space, published, hidden, targets, goals), threads: { pool: liar, minColumns: 0 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrikkError);
    expect((err as PrikkError).message).toMatch(/admit no non-negative table \(around \{"r":"\d","c":"\d"\}\)/);
    expect(solves).toEqual([1, 1, 1, 1]);
  });
});

describe('cold re-solves under recoldOptions (the audit: the interior point method), on this thread and in the pool', () => {
  // tinyModel: x0 + x1 + x2 = 6, 0 <= x <= 4; by hand max x0 = 4 and max x1 = 4. The warm options set the solver back
  // (as the audit's do: HiGHS keeps an option until it is set again).
  const warm = { solver: 'simplex', presolve: 'off', simplex_strategy: 4 };
  const ipm = { ...tinyModel(), warmOptions: warm, recoldOptions: { output_flag: false, presolve: 'off', solver: 'ipm' } };
  // IPX stopped before its first iteration: no optimum, so the warm options' simplex must finish the solve.
  const stopped = { ...ipm, recoldOptions: { ...ipm.recoldOptions, run_crossover: 'off', ipm_iteration_limit: 0 } };
  const run = async (lp: CoreLp): Promise<(number | string)[]> => {
    const out: (number | string)[] = [];
    for (const r of [
      { costs: Float64Array.of(1, 0, 0), sense: 'max' as const },
      { costs: Float64Array.of(0, 1, 0), sense: 'max' as const, cold: true },
      { costs: Float64Array.of(0, 0, 1), sense: 'min' as const },
      { costs: Float64Array.of(1, 0, 0), sense: 'max' as const, cold: true },
    ]) {
      const res = await lp.solve(r);
      out.push(res.kind === 'optimal' ? Math.round(res.colValue[r.costs.indexOf(1)]! * 1e6) / 1e6 : res.kind);
    }
    lp.dispose();
    return out;
  };

  it('give the same optima as the simplex, and a run IPX cannot finish is finished by the simplex', async () => {
    const highs = await loadHighs();
    const p = new HighsPool({ size: 1 });
    try {
      for (const data of [ipm, stopped]) {
        expect(await run(localCoreLp(highs, data, 'core A'))).toEqual([4, 4, 0, 4]);
        expect(await run(p.createModel(data, 'core A'))).toEqual([4, 4, 0, 4]);
      }
      // Which method ran the cold re-solve: IPX and its crossover take no simplex iteration here, the dual simplex
      // from the slack basis takes some.
      const coldIterations = async (lp: CoreLp): Promise<number> => {
        await lp.solve({ costs: Float64Array.of(1, 0, 0), sense: 'max' });
        const r = await lp.solve({ costs: Float64Array.of(0, 1, 0), sense: 'max', cold: true });
        lp.dispose();
        return r.kind === 'optimal' ? r.iterations : -1;
      };
      const simplex = { ...ipm, recoldOptions: undefined };
      for (const make of [(d: CoreLpData) => localCoreLp(highs, d, 'core A'), (d: CoreLpData) => p.createModel(d, 'core A')]) {
        expect(await coldIterations(make(ipm))).toBe(0);
        expect(await coldIterations(make(simplex))).toBeGreaterThan(0);
      }
    } finally {
      await p.close();
    }
  });
});

describe('HighsPool: failures surface as PrikkError naming the core, never a hang', () => {
  it('solves, applies bounds for one solve only, and leaves the caller arrays usable', async () => {
    const p = new HighsPool({ size: 1 });
    try {
      const lp = p.createModel(tinyModel(), 'core A');
      const costs = Float64Array.of(1, 0, 0);
      const r1 = await lp.solve({ costs, sense: 'max' });
      expect(r1.kind === 'optimal' && r1.colValue[0]).toBe(4);
      // Capped at 2 for this solve: max x0 = 2 (by hand); then the own bounds again: 4.
      const r2 = await lp.solve({ costs, sense: 'max', colLower: new Float64Array(3), colUpper: Float64Array.of(2, 4, 4) });
      expect(r2.kind === 'optimal' && r2.colValue[0]).toBe(2);
      const r3 = await lp.solve({ costs, sense: 'max' });
      expect(r3.kind === 'optimal' && r3.colValue[0]).toBe(4);
      expect([...costs]).toEqual([1, 0, 0]);
      lp.dispose();
      await expect(lp.solve({ costs, sense: 'max' })).rejects.toThrow(/group of core A was disposed/);
    } finally {
      await p.close();
    }
  });

  it('places each model in the worker with the least work queued: the estimate given, else the columns', async () => {
    // A stand-in worker that answers every solve with its own thread id, so that a solve tells where its model lives.
    const source = `const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', (m) => { if (m.op === 'solve') parentPort.postMessage({ seq: m.seq, kind: 'optimal', colValue: Float64Array.of(threadId), iterations: 0 }); });`;
    const p = new HighsPool({ size: 2, source });
    try {
      const where = async (lp: CoreLp): Promise<number> => {
        const r = await lp.solve({ costs: Float64Array.of(1, 0, 0), sense: 'max' });
        return r.kind === 'optimal' ? r.colValue[0]! : -1;
      };
      // Estimates 100, 1, 1: the third model joins the second (load 1 against 100).
      const heavy = p.createModel(tinyModel(), 'heavy', 100);
      const light = p.createModel(tinyModel(), 'light', 1);
      const third = p.createModel(tinyModel(), 'third', 1);
      expect(await where(light)).not.toBe(await where(heavy));
      expect(await where(third)).toBe(await where(light));
      for (const lp of [heavy, light, third]) lp.dispose();
      // By columns (3 each): the third goes to the first of the two equally loaded workers, the first model's.
      const one = p.createModel(tinyModel(), 'one');
      const two = p.createModel(tinyModel(), 'two');
      const three = p.createModel(tinyModel(), 'three');
      expect(await where(two)).not.toBe(await where(one));
      expect(await where(three)).toBe(await where(one));
    } finally {
      await p.close();
    }
  });

  it('a worker that fails to start rejects the solve with INVALID_VALUE naming the core', async () => {
    const p = new HighsPool({ size: 1, source: "throw new Error('secret 42');" });
    try {
      const lp = p.createModel(tinyModel(), '{"r":"0","c":"1"}');
      const e = await lp.solve({ costs: Float64Array.of(1, 0, 0), sense: 'max' }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(PrikkError);
      expect((e as PrikkError).code).toBe('INVALID_VALUE');
      expect((e as PrikkError).message).toMatch(/LP worker stopped \(Error, exit code 1\) while solving the group of \{"r":"0","c":"1"\}/);
      expect((e as PrikkError).message).not.toMatch(/secret|42/);
    } finally {
      await p.close();
    }
  });

  it('a worker that exits mid-solve fails that solve and its other models, and the next model starts a new worker', async () => {
    // Exits on the first solve of a 7-column model; other models solve normally.
    const crashing = `require('node:worker_threads').parentPort.on('message', (m) => { if (m.op === 'solve' && m.costs.length === 7) process.exit(7); });\n${HIGHS_WORKER_SOURCE}`;
    const p = new HighsPool({ size: 1, source: crashing });
    try {
      const a = p.createModel(tinyModel(), 'core A');
      expect((await a.solve({ costs: Float64Array.of(1, 0, 0), sense: 'max' })).kind).toBe('optimal');
      const b = p.createModel(tinyModel(7), 'core B');
      await expect(b.solve({ costs: new Float64Array(7), sense: 'max' })).rejects.toThrow(/LP worker stopped \(exit code 7\) while solving the group of core B/);
      await expect(a.solve({ costs: Float64Array.of(1, 0, 0), sense: 'max' })).rejects.toThrow(/group of core A was lost when its worker stopped \(exit code 7\)/);
      const c = p.createModel(tinyModel(), 'core C');
      const r = await c.solve({ costs: Float64Array.of(0, 1, 0), sense: 'min' });
      // min x1 with x0 + x1 + x2 = 6, x0, x2 <= 4: x1 = 0 (by hand).
      expect(r.kind === 'optimal' && r.colValue[1]).toBe(0);
      a.dispose();
      b.dispose();
      c.dispose();
    } finally {
      await p.close();
    }
  });

  it('an error inside the worker comes back as INVALID_VALUE with its step and name only', async () => {
    const p = new HighsPool({ size: 1 });
    try {
      // Two rows' worth of bounds for one row: HiGHS rejects the model; the next solve tells it.
      const lp = p.createModel({ ...tinyModel(), rowBound: Float64Array.of(6, 1e9) }, 'core D');
      await expect(lp.solve({ costs: Float64Array.of(1, 0, 0), sense: 'max' })).rejects.toThrow(/LP worker failed \(create: \w+\) on the group of core D$/);
    } finally {
      await p.close();
    }
  });

  it('attackIntervals rejects with the first core error when the pool fails', async () => {
    const p = new HighsPool({ size: 2, source: 'process.exit(3);' });
    try {
      const { space, counts, hidden, targets, goals } = blocks();
      const e = await attackIntervals({ ...inputOf(space, counts, hidden, targets, goals), threads: { pool: p, minColumns: 0 } }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(PrikkError);
      // The first core (by its roots) is the block at rows and columns 0-2; its first cell is named, no value.
      expect((e as PrikkError).message).toMatch(/^audit: the LP worker stopped \(exit code 3\) while solving the group of \{"r":"0","c":"0"\}$/);
    } finally {
      await p.close();
    }
  });

  it('rejects a size that is not an integer >= 1', () => {
    expect(() => new HighsPool({ size: 0 })).toThrow(/HighsPool: size must be an integer >= 1, got 0/);
    expect(() => new HighsPool({ size: 1.5 })).toThrow(PrikkError);
  });
});

describe('the pool does not keep the process alive', () => {
  it('a script that audits on the pool and never closes it exits by itself', () => {
    const script = fileURLToPath(new URL('./poolExitScript.ts', import.meta.url));
    // The timeout only stops a hung child so that the test fails instead of hanging; no time is asserted.
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PRIKK_THREADS: '2', PRIKK_POOL_MIN_COLUMNS: '0' },
    });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    // The script prints the pool's running workers after the audit (2: both started) and the verdicts.
    expect(r.stdout.trim()).toBe('workers 2 failed 18 width 3');
  });

  it('nor do workers started and never given a request (a stopped audit leaves them so)', () => {
    const script = fileURLToPath(new URL('./poolExitScript.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', script, 'warm'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PRIKK_THREADS: '2' },
    });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('workers 2');
  });
});
