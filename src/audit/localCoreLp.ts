import type { Highs } from 'highs';
import { PrikkError } from '../errors/PrikkError.js';
import { NO_ITERATION_LIMIT, type CoreLp, type CoreLpData, type CoreLpOutcome, type CoreLpSolve } from './CoreLp.js';

/**
 * A core's LP as a HiGHS model on the calling thread (the single-threaded path, and the small cores when a pool
 * runs). The sequence of HiGHS calls per solve is the one the pool's worker makes (`highsWorkerSource`, kept the
 * same line by line): set the bounds for this solve (when given), the costs, the sense; a crossover from the solve's
 * start point (when given); run (a warm run under its iteration limit when given, `CoreLpSolve.iterationLimit`, which
 * is set back after it); after a cold run (the first, or one asked for: under `recoldOptions` when given),
 * switch to `warmOptions` and run again when it ended neither optimal, nor infeasible, nor unbounded ("unbounded or
 * infeasible" after presolve, or any other status: the warm options' simplex decides); read the column values;
 * restore the model's own bounds.
 *
 * Cost: building the model copies the data into HiGHS (linear in its non-zeros); each solve is a HiGHS run
 * (simplex, warm-started from the last basis after the first), blocking the calling thread.
 * @throws {PrikkError} `INVALID_VALUE` (from `solve`) when HiGHS throws; the message names `label` (a core's
 * coordinates) and the HiGHS error's name, never a value.
 * @example
 * const lp = localCoreLp(await loadHighs(), data, '{"region":"A"}');
 * (await lp.solve({ costs: Float64Array.of(1), sense: 'max' })).kind // 'optimal' (on a bounded model)
 * lp.dispose();
 * @internal
 */
export function localCoreLp(highs: Highs, data: CoreLpData, label: string): CoreLp {
  const fail = (step: string, e: unknown): PrikkError =>
    new PrikkError('INVALID_VALUE', `audit: HiGHS failed (${step}: ${e instanceof Error ? e.name : typeof e}) on the group of ${label}`);
  let model: ReturnType<Highs['createModel']> | undefined;
  try {
    model = highs.createModel({
      numCols: data.numCols,
      numRows: data.numRows,
      colCost: new Float64Array(data.numCols),
      colLower: data.colLower,
      colUpper: data.colUpper,
      rowLower: data.rowBound,
      rowUpper: data.rowBound,
      matrix: { format: 'csr', numRows: data.numRows, numCols: data.numCols, starts: data.starts, indices: data.indices, values: data.values },
    });
    model.options.set(data.coldOptions);
  } catch (e) {
    model?.dispose();
    throw fail('create', e);
  }
  const m = model;
  const all = { kind: 'range', from: 0, to: data.numCols - 1 } as const;
  const st = highs.constants.modelStatus;
  const os = highs.constants.objectiveSense;
  let cold = true;
  let disposed = false;
  const run = (r: CoreLpSolve): CoreLpOutcome => {
    const bounded = r.colLower !== undefined && r.colUpper !== undefined;
    if (bounded) m.changeColsBounds(all, r.colLower, r.colUpper);
    try {
      m.changeColsCost(all, r.costs);
      m.changeObjectiveSense(r.sense === 'max' ? os.maximize : os.minimize);
      if (r.start) {
        try {
          m.options.set(data.warmOptions);
          m.crossover({ colValue: r.start });
          cold = false;
        } catch {
          m.clearSolver();
          m.options.set(data.coldOptions);
          cold = true;
        }
      } else if (r.cold && !cold) {
        m.clearSolver();
        m.options.set(data.recoldOptions ?? data.coldOptions);
        cold = true;
      }
      // A limit holds for this warm solve only (HiGHS keeps an option until it is set again).
      const limited = r.iterationLimit !== undefined && !cold;
      if (limited) m.options.set({ simplex_iteration_limit: r.iterationLimit });
      let status: number;
      try {
        status = m.run().modelStatus;
      } finally {
        if (limited) m.options.set({ simplex_iteration_limit: NO_ITERATION_LIMIT });
      }
      if (limited && status === st.iterationLimit) return { kind: 'iterationLimit' };
      if (cold) {
        cold = false;
        m.options.set(data.warmOptions);
        if (status !== st.optimal && status !== st.infeasible && status !== st.unbounded) status = m.run().modelStatus;
      }
      if (status === st.optimal) return { kind: 'optimal', colValue: m.getSolution().colValue.slice(0, data.numCols), iterations: Number(m.info.get('simplex_iteration_count')), ipmIterations: Number(m.info.get('ipm_iteration_count')), crossoverIterations: Number(m.info.get('crossover_iteration_count')) };
      if (status === st.unbounded || status === st.unboundedOrInfeasible) return { kind: 'unbounded' };
      if (status === st.infeasible) return { kind: 'infeasible' };
      return { kind: 'other', status };
    } finally {
      if (bounded) m.changeColsBounds(all, data.colLower, data.colUpper);
    }
  };
  return {
    solve(r: CoreLpSolve): Promise<CoreLpOutcome> {
      if (disposed) return Promise.reject(new PrikkError('INVALID_VALUE', `audit: the LP model of the group of ${label} was disposed`));
      try {
        return Promise.resolve(run(r));
      } catch (e) {
        return Promise.reject(fail('solve', e));
      }
    },
    dispose(): void {
      if (disposed) return;
      disposed = true;
      m.dispose();
    },
  };
}
