import { NO_ITERATION_LIMIT } from './CoreLp.js';

/**
 * The source of a `HighsPool` worker, plain CommonJS run with `new Worker(source, { eval: true, workerData })`
 * (Node cannot load TypeScript in a worker, and a source string works the same under the TypeScript sources, the
 * ESM build and the CJS build). It `require`s the `highs` package from `workerData.highsPath` (an absolute path the
 * main thread resolved), holds HiGHS models by id and serves, in the order they arrive:
 * - `{ op: 'create', id, data }`: builds a model from `CoreLpData` (no reply; a failure is told to the next solve);
 * - `{ op: 'solve', seq, id, costs, sense, cold, start?, colLower?, colUpper? }`: the solve of `localCoreLp`, HiGHS
 *   call for HiGHS call (keep the two the same), replied as `{ seq, kind, colValue? , status? }` (the values' buffer
 *   transferred) or `{ seq, error }` (the step and the error's name only: a HiGHS message may quote a bound, which
 *   may be a hidden value);
 * - `{ op: 'dispose', id }`: frees the model (no reply).
 *
 * Cost: loading HiGHS's WebAssembly once per worker (about 0.1 s); then one HiGHS call sequence per message.
 * @example
 * new Worker(HIGHS_WORKER_SOURCE, { eval: true, workerData: { highsPath: createRequire(import.meta.url).resolve('highs') } })
 * @internal
 */
export const HIGHS_WORKER_SOURCE = String.raw`'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const loaded = require(workerData.highsPath);
const loader = typeof loaded === 'function' ? loaded : loaded.default;
const ready = loader();
const models = new Map();
const broken = new Map();
const nameOf = (e) => (e instanceof Error ? e.name : typeof e);
const reply = (m, out, transfer) => parentPort.postMessage(out, transfer);
function solve(highs, e, r) {
  const m = e.model;
  const all = { kind: 'range', from: 0, to: e.numCols - 1 };
  const st = highs.constants.modelStatus;
  const os = highs.constants.objectiveSense;
  const bounded = r.colLower !== undefined && r.colUpper !== undefined;
  if (bounded) m.changeColsBounds(all, r.colLower, r.colUpper);
  try {
    m.changeColsCost(all, r.costs);
    m.changeObjectiveSense(r.sense === 'max' ? os.maximize : os.minimize);
    if (r.start) {
      try {
        m.options.set(e.warmOptions);
        m.crossover({ colValue: r.start });
        e.cold = false;
      } catch {
        m.clearSolver();
        m.options.set(e.coldOptions);
        e.cold = true;
      }
    } else if (r.cold && !e.cold) {
      m.clearSolver();
      m.options.set(e.recoldOptions);
      e.cold = true;
    }
    const limited = r.iterationLimit !== undefined && !e.cold;
    if (limited) m.options.set({ simplex_iteration_limit: r.iterationLimit });
    let status;
    try {
      status = m.run().modelStatus;
    } finally {
      if (limited) m.options.set({ simplex_iteration_limit: ${NO_ITERATION_LIMIT} });
    }
    if (limited && status === st.iterationLimit) return { kind: 'iterationLimit' };
    if (e.cold) {
      e.cold = false;
      m.options.set(e.warmOptions);
      if (status !== st.optimal && status !== st.infeasible && status !== st.unbounded) status = m.run().modelStatus;
    }
    if (status === st.optimal) return { kind: 'optimal', colValue: m.getSolution().colValue.slice(0, e.numCols), iterations: Number(m.info.get('simplex_iteration_count')), ipmIterations: Number(m.info.get('ipm_iteration_count')), crossoverIterations: Number(m.info.get('crossover_iteration_count')) };
    if (status === st.unbounded || status === st.unboundedOrInfeasible) return { kind: 'unbounded' };
    if (status === st.infeasible) return { kind: 'infeasible' };
    return { kind: 'other', status };
  } finally {
    if (bounded) m.changeColsBounds(all, e.colLower, e.colUpper);
  }
}
function handle(highs, msg) {
  if (msg.op === 'create') {
    const d = msg.data;
    let model;
    try {
      model = highs.createModel({
        numCols: d.numCols,
        numRows: d.numRows,
        colCost: new Float64Array(d.numCols),
        colLower: d.colLower,
        colUpper: d.colUpper,
        rowLower: d.rowBound,
        rowUpper: d.rowBound,
        matrix: { format: 'csr', numRows: d.numRows, numCols: d.numCols, starts: d.starts, indices: d.indices, values: d.values },
      });
      model.options.set(d.coldOptions);
      models.set(msg.id, { model, cold: true, numCols: d.numCols, colLower: d.colLower, colUpper: d.colUpper, coldOptions: d.coldOptions, warmOptions: d.warmOptions, recoldOptions: d.recoldOptions || d.coldOptions });
    } catch (err) {
      if (model) model.dispose();
      broken.set(msg.id, 'create: ' + nameOf(err));
    }
  } else if (msg.op === 'solve') {
    const e = models.get(msg.id);
    if (!e) return reply(msg, { seq: msg.seq, error: broken.get(msg.id) || 'solve: no model ' + msg.id });
    let out;
    try {
      out = solve(highs, e, msg);
    } catch (err) {
      return reply(msg, { seq: msg.seq, error: 'solve: ' + nameOf(err) });
    }
    reply(msg, Object.assign({ seq: msg.seq }, out), out.colValue ? [out.colValue.buffer] : []);
  } else if (msg.op === 'dispose') {
    const e = models.get(msg.id);
    models.delete(msg.id);
    broken.delete(msg.id);
    if (e) e.model.dispose();
  } else if (msg.seq !== undefined) {
    reply(msg, { seq: msg.seq, error: 'unknown op ' + String(msg.op) });
  }
}
parentPort.on('message', (msg) => {
  ready.then(
    (highs) => handle(highs, msg),
    (err) => {
      if (msg.seq !== undefined) reply(msg, { seq: msg.seq, error: 'load: ' + nameOf(err) });
    },
  );
});
`;
