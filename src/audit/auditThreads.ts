import { availableParallelism } from 'node:os';
import { PrikkError } from '../errors/PrikkError.js';
import { HighsPool } from './HighsPool.js';

/** Where the audit solves its core LPs (see `attackIntervals`). @internal */
export interface AuditThreads {
  /** Worker threads for the large cores, or undefined: every LP on the calling thread. */
  readonly pool: HighsPool | undefined;
  /**
   * Cores of at least this many columns go to the pool, even one alone (its LPs can be given up on there, see
   * `HighsPool`); smaller cores solve in a few milliseconds on the calling thread, less than the messages cost.
   */
  readonly minColumns: number;
}

/**
 * Columns from which a core's LPs go to the pool. Measured on the benchmark tables
 * (2 cores): the 12k-cell table's cores (265-479 columns) solve in a few ms each and stay on the calling thread, so
 * its time is unchanged; the 49k- and 110k-cell tables' cores (725-2,495 columns, cold solves of 50-600 ms) gain
 * from the second CPU core.
 */
export const POOL_MIN_COLUMNS = 600;

const pools = new Map<number, HighsPool>();

/**
 * Reads an integer of at least `min` from the environment variable `name`, or undefined when unset or empty.
 *
 * Cost: O(1).
 * @throws {PrikkError} `INVALID_ARGUMENT` when it is set to anything else (the message names the variable).
 * @example
 * envInt('PRIKK_THREADS', 1) // undefined when unset, 2 for PRIKK_THREADS=2
 * @internal
 */
export function envInt(name: string, min: number): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) throw new PrikkError('INVALID_ARGUMENT', `audit: the environment variable ${name} must be an integer >= ${min}, got '${raw}'`);
  return v;
}

/**
 * The audit's default threads: `PRIKK_THREADS` worker threads for the large cores' LPs (default
 * `min(2, os.availableParallelism())`; `PRIKK_THREADS=1` keeps every LP on the calling thread, for debugging), one
 * pool per size shared by every audit of the process (its workers start on first use), and cores of
 * `PRIKK_POOL_MIN_COLUMNS` (default {@link POOL_MIN_COLUMNS}) columns or more go to it. The results are the same on
 * every setting; only the time changes.
 *
 * Cost: O(1) (reads two environment variables).
 * @throws {PrikkError} `INVALID_ARGUMENT` when `PRIKK_THREADS` or `PRIKK_POOL_MIN_COLUMNS` is set to anything but an
 * integer >= 1 (>= 0 for the columns).
 * @example
 * process.env.PRIKK_THREADS = '1';
 * auditThreads().pool // undefined
 * @internal
 */
export function auditThreads(): AuditThreads {
  const threads = envInt('PRIKK_THREADS', 1) ?? Math.min(2, availableParallelism());
  const minColumns = envInt('PRIKK_POOL_MIN_COLUMNS', 0) ?? POOL_MIN_COLUMNS;
  if (threads <= 1) return { pool: undefined, minColumns };
  let pool = pools.get(threads);
  if (!pool) pools.set(threads, (pool = new HighsPool({ size: threads })));
  return { pool, minColumns };
}

/**
 * Cells from which a table's protection or audit starts the pool's workers at once ({@link warmAuditThreads}). The
 * 49k- and 110k-cell benchmark tables put their large cores on the pool; the 12k-cell one never uses it (its workers
 * would load HiGHS for nothing, on the core its own work runs on).
 */
export const WARM_MIN_CELLS = 30_000;

/**
 * Starts the default pool's workers (see {@link auditThreads}) when a table of `cellCount` cells is about to be
 * protected or audited ({@link WARM_MIN_CELLS} or more): HiGHS then loads in them while the calling thread runs the
 * elimination or the audit's preparation, instead of when the first large core's LP is asked for. Nothing else
 * changes (the same models, solves and results). Measured in a fresh process (as every `prikk` run is), two first
 * solves after one second of work on the calling thread: 275-287 ms without, 57-87 ms with the workers warmed.
 *
 * Cost: O(1) on the calling thread; the workers' start on theirs.
 * @throws {PrikkError} `INVALID_ARGUMENT` as {@link auditThreads}, for malformed environment variables.
 * @example
 * warmAuditThreads(110_484);
 * auditThreads().pool?.running // 2 on a machine with two or more CPU cores
 * @internal
 */
export function warmAuditThreads(cellCount: number): void {
  if (cellCount >= WARM_MIN_CELLS) auditThreads().pool?.warm();
}

/**
 * Terminates the workers of every pool `auditThreads` made (their idle workers never keep the process alive, so
 * this is needed only to free them early, e.g. in a long-running service or a test). A later audit starts new ones.
 *
 * Cost: one `Worker.terminate` per running worker.
 * @example
 * await shutdownAuditThreads();
 * auditThreads().pool?.running // 0
 * @internal
 */
export async function shutdownAuditThreads(): Promise<void> {
  await Promise.all([...pools.values()].map((p) => p.close()));
}
