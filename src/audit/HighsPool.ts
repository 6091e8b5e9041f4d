import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { PrikkError } from '../errors/PrikkError.js';
import { abortedError } from '../errors/throwIfAborted.js';
import type { CoreLp, CoreLpData, CoreLpOutcome, CoreLpSolve } from './CoreLp.js';
import { HIGHS_WORKER_SOURCE } from './highsWorkerSource.js';

/** Options of a {@link HighsPool}. @internal */
export interface HighsPoolOptions {
  /** Number of worker threads, an integer >= 1. Required. */
  readonly size: number;
  /**
   * The workers' source (see `highsWorkerSource`). Defaults to `HIGHS_WORKER_SOURCE`; tests pass a broken one to
   * check that a failing worker surfaces as an error.
   */
  readonly source?: string;
}

interface Pending {
  readonly resolve: (outcome: CoreLpOutcome) => void;
  readonly reject: (error: PrikkError) => void;
  readonly label: string;
}

/** One worker thread and what it holds. */
interface Slot {
  worker: Worker | undefined;
  /** Counts the workers this slot started: a model lives only as long as the worker it was built in. */
  generation: number;
  /** The work estimates of the live models in this worker (the load that places the next model). */
  load: number;
  /** Why the last worker stopped (an error's name), for the message of the requests it leaves unanswered. */
  reason: string;
  readonly pending: Map<number, Pending>;
}

type Reply = { readonly seq: number; readonly error: string } | ({ readonly seq: number } & CoreLpOutcome);

let highsPath: string | undefined;

/** The `highs` package's CommonJS entry, resolved from this module (a worker `require`s it by this path). */
function resolveHighs(): string {
  highsPath ??= createRequire(import.meta.url).resolve('highs');
  return highsPath;
}

/**
 * Worker threads that hold HiGHS models (Huangfu & Hall 2018, the `highs` WebAssembly build) and solve them, so
 * that the audit's independent cores are solved at the same time on several CPU cores. Each model lives in one
 * worker for its whole life, and that worker runs its solves in the order they were asked, the same HiGHS calls as
 * on the main thread (`localCoreLp`): a core's results do not depend on the worker it was placed in or on which
 * worker finishes first. A new model goes to the worker with the fewest live columns.
 *
 * Workers start on the first model (not in the constructor) and then stay, holding nothing between audits; a worker
 * with no request in flight does not keep the process alive (`unref`). A worker that stops or fails rejects its
 * requests in flight, and every later solve of its models, with a `PrikkError` naming the core; the next model
 * starts a new worker. A solve whose `signal` aborts rejects at once (`ABORTED`): a time limit stops the caller
 * within milliseconds even when an LP of minutes is running; the worker finishes that LP and drops its answer (it
 * is not terminated, so the models of other audits in it live on).
 *
 * Cost: starting a worker loads HiGHS's WebAssembly in it (about 0.1-0.2 s, once per worker); a solve costs a
 * message each way (the arrays copied once and transferred) besides HiGHS's own time.
 * @throws {PrikkError} `INVALID_ARGUMENT` (constructor) when `size` is not an integer >= 1.
 * @example
 * const pool = new HighsPool({ size: 2 });
 * const lp = pool.createModel(data, '{"region":"A"}');
 * (await lp.solve({ costs, sense: 'max' })).kind // 'optimal' (on a bounded model)
 * lp.dispose();
 * await pool.close();
 * @internal
 */
export class HighsPool {
  readonly size: number;
  private readonly source: string;
  private readonly slots: Slot[];
  private nextSeq = 0;
  private nextId = 0;
  /** Per signal, the requests to give up on when it aborts: one listener per signal, however many solves wait on it. */
  private readonly watched = new WeakMap<AbortSignal, Set<() => void>>();

  constructor(options: HighsPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new PrikkError('INVALID_ARGUMENT', `HighsPool: size must be an integer >= 1, got ${options.size}`);
    }
    if (options.source !== undefined && typeof options.source !== 'string') {
      throw new PrikkError('INVALID_ARGUMENT', `HighsPool: source must be a string, got ${typeof options.source}`);
    }
    this.size = options.size;
    this.source = options.source ?? HIGHS_WORKER_SOURCE;
    this.slots = Array.from({ length: options.size }, () => ({ worker: undefined, generation: 0, load: 0, reason: '', pending: new Map() }));
  }

  /** How many models have been built in the pool so far. */
  get modelsBuilt(): number {
    return this.nextId;
  }

  /** How many workers are running now. */
  get running(): number {
    return this.slots.filter((s) => s.worker !== undefined).length;
  }

  /**
   * Starts every worker that is not running, so that HiGHS's WebAssembly loads in them (about 0.1-0.2 s each, on
   * their own threads) while the caller goes on; the first model built later waits for nothing. Idempotent; started
   * workers never keep the process alive.
   */
  warm(): void {
    for (const slot of this.slots) if (!slot.worker) this.start(slot);
  }

  /**
   * Builds a model of `data` in the least loaded worker (starting it when needed) and returns its handle. `label`
   * names the core in error messages (coordinates, never a value). `work` (default: the columns) is what the model
   * adds to its worker's load until disposed: an estimate of its LP work, so that the next model goes where less is
   * queued. The data's arrays are copied, never detached.
   * @throws {PrikkError} `INVALID_VALUE` when the data cannot be sent to the worker.
   */
  createModel(data: CoreLpData, label: string, work: number = data.numCols): CoreLp {
    let slot = this.slots[0]!;
    for (const s of this.slots) if (s.load < slot.load) slot = s;
    const worker = slot.worker ?? this.start(slot);
    const generation = slot.generation;
    const id = this.nextId++;
    const copy = {
      numCols: data.numCols,
      numRows: data.numRows,
      colLower: data.colLower.slice(),
      colUpper: data.colUpper.slice(),
      rowBound: data.rowBound.slice(),
      starts: data.starts.slice(),
      indices: data.indices.slice(),
      values: data.values.slice(),
      coldOptions: data.coldOptions,
      warmOptions: data.warmOptions,
      recoldOptions: data.recoldOptions,
    };
    try {
      worker.postMessage({ op: 'create', id, data: copy }, [copy.colLower.buffer, copy.colUpper.buffer, copy.rowBound.buffer, copy.starts.buffer, copy.indices.buffer, copy.values.buffer]);
    } catch (e) {
      throw new PrikkError('INVALID_VALUE', `audit: the LP model could not be sent (${e instanceof Error ? e.name : typeof e}) for the group of ${label}`);
    }
    slot.load += work;
    let disposed = false;
    const alive = (): boolean => !disposed && slot.worker !== undefined && slot.generation === generation;
    return {
      solve: (r: CoreLpSolve): Promise<CoreLpOutcome> => {
        if (!alive()) {
          const why = disposed ? 'was disposed' : `was lost when its worker stopped (${slot.reason})`;
          return Promise.reject(new PrikkError('INVALID_VALUE', `audit: the LP model of the group of ${label} ${why}`));
        }
        const seq = this.nextSeq++;
        const costs = r.costs.slice();
        const msg: Record<string, unknown> = { op: 'solve', seq, id, costs, sense: r.sense, cold: r.cold === true };
        if (r.iterationLimit !== undefined) msg['iterationLimit'] = r.iterationLimit;
        const transfer: ArrayBuffer[] = [costs.buffer];
        if (r.colLower !== undefined && r.colUpper !== undefined) {
          const lower = r.colLower.slice();
          const upper = r.colUpper.slice();
          msg['colLower'] = lower;
          msg['colUpper'] = upper;
          transfer.push(lower.buffer, upper.buffer);
        }
        if (r.start !== undefined) {
          const start = r.start.slice();
          msg['start'] = start;
          transfer.push(start.buffer);
        }
        const { signal } = r;
        if (signal?.aborted) return Promise.reject(abortedError(signal, 'audit'));
        return new Promise<CoreLpOutcome>((resolve, reject) => {
          const worker = slot.worker!;
          // Given up on when the signal aborts: the reply, when it comes, finds no request and is dropped.
          const abandon = (): void => {
            if (!slot.pending.delete(seq)) return;
            if (slot.pending.size === 0 && slot.worker === worker) worker.unref();
            reject(abortedError(signal!, 'audit'));
          };
          const settle = <T>(then: (x: T) => void) => (x: T): void => {
            if (signal) this.unwatch(signal, abandon);
            then(x);
          };
          if (slot.pending.size === 0) worker.ref();
          slot.pending.set(seq, { resolve: settle(resolve), reject: settle(reject), label });
          if (signal) this.watch(signal, abandon);
          try {
            worker.postMessage(msg, transfer);
          } catch (e) {
            slot.pending.delete(seq);
            if (signal) this.unwatch(signal, abandon);
            if (slot.pending.size === 0) worker.unref();
            reject(new PrikkError('INVALID_VALUE', `audit: the LP request could not be sent (${e instanceof Error ? e.name : typeof e}) for the group of ${label}`));
          }
        });
      },
      dispose: (): void => {
        if (disposed) return;
        const live = alive();
        disposed = true;
        if (!live) return;
        slot.load -= work;
        slot.worker!.postMessage({ op: 'dispose', id });
      },
    };
  }

  /** Calls `abandon` when `signal` aborts (until {@link unwatch}). */
  private watch(signal: AbortSignal, abandon: () => void): void {
    let set = this.watched.get(signal);
    if (!set) {
      const waiting = new Set<() => void>();
      this.watched.set(signal, (set = waiting));
      signal.addEventListener('abort', () => {
        for (const f of [...waiting]) f();
        waiting.clear();
      }, { once: true });
    }
    set.add(abandon);
  }

  private unwatch(signal: AbortSignal, abandon: () => void): void {
    this.watched.get(signal)?.delete(abandon);
  }

  /** Terminates every worker (requests in flight are rejected); a later model starts new ones. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
  }

  private start(slot: Slot): Worker {
    const worker = new Worker(this.source, { eval: true, workerData: { highsPath: resolveHighs() } });
    slot.worker = worker;
    slot.generation++;
    slot.load = 0;
    slot.reason = '';
    const generation = slot.generation;
    const current = (): boolean => slot.worker === worker && slot.generation === generation;
    worker.on('message', (m: Reply) => {
      const p = slot.pending.get(m.seq);
      if (!current() || !p) return;
      slot.pending.delete(m.seq);
      if (slot.pending.size === 0) worker.unref();
      if ('error' in m) p.reject(new PrikkError('INVALID_VALUE', `audit: the LP worker failed (${m.error}) on the group of ${p.label}`));
      else p.resolve(m);
    });
    worker.on('error', (e: unknown) => {
      if (current()) slot.reason = `${e instanceof Error ? e.name : typeof e}`;
    });
    worker.on('messageerror', () => {
      if (current()) slot.reason = 'messageerror';
      void worker.terminate();
    });
    worker.on('exit', (code: number) => {
      if (!current()) return;
      slot.worker = undefined;
      slot.load = 0;
      slot.reason = slot.reason === '' ? `exit code ${code}` : `${slot.reason}, exit code ${code}`;
      const lost = [...slot.pending.values()];
      slot.pending.clear();
      for (const p of lost) p.reject(new PrikkError('INVALID_VALUE', `audit: the LP worker stopped (${slot.reason}) while solving the group of ${p.label}`));
    });
    // Last: adding the first 'message' listener refs the worker's port again (Node's worker messaging), and an idle
    // worker must not keep the process alive (measured: a warmed worker that never got a request did, after a time
    // limit stopped an audit).
    worker.unref();
    return worker;
  }
}
