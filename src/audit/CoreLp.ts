/** HiGHS option values as the audit sets them (`model.options.set`). @internal */
export type CoreLpOptions = Readonly<Record<string, string | number | boolean>>;

/**
 * The data of one core's LP model (see `attackIntervals`): rows `rowBound[i] = sum_j A[i][j] t_j` over columns
 * `t_j` (one per root) bounded by `[colLower, colUpper]`, with zero costs until a solve sets them. Bounds use
 * +-`Infinity` for none (HiGHS's `highs.infinity` is IEEE infinity). @internal
 */
export interface CoreLpData {
  readonly numCols: number;
  readonly numRows: number;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  /** Right-hand side of each row (an equality). */
  readonly rowBound: Float64Array;
  /** The matrix by rows (CSR): row i's entries are `indices[starts[i]..starts[i+1])` with `values`. */
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** HiGHS options set when the model is built (they govern its first, cold, solve). */
  readonly coldOptions: CoreLpOptions;
  /**
   * HiGHS options set right after each cold solve (for the warm re-solves); when a cold solve ends neither optimal,
   * nor infeasible, nor unbounded ("unbounded or infeasible" after presolve, or any other status), it is run once more
   * under these.
   */
  readonly warmOptions: CoreLpOptions;
  /**
   * HiGHS options of a cold re-solve (`CoreLpSolve.cold`); `coldOptions` when absent. HiGHS keeps an option until it
   * is set again, so `warmOptions` must set back what these change (e.g. `solver`).
   */
  readonly recoldOptions?: CoreLpOptions | undefined;
}

/** One solve: an objective, its sense, and optional column bounds that hold for this solve only. @internal */
export interface CoreLpSolve {
  /** One cost per column. */
  readonly costs: Float64Array;
  readonly sense: 'max' | 'min';
  /** Optional: column bounds for this solve; the model's own bounds are restored after it (both or neither). */
  readonly colLower?: Float64Array;
  readonly colUpper?: Float64Array;
  /**
   * Optional: solve from scratch (the basis dropped, `recoldOptions` or else `coldOptions` for this solve,
   * `warmOptions` again after it), as the model's first solve does. For re-solves whose warm start costs more than a
   * cold solve.
   */
  readonly cold?: boolean;
  /**
   * Optional: a point that satisfies every row and this solve's column bounds, one value per column (the true
   * table's values of the roots). This solve starts from it instead of the last basis or a cold start: HiGHS's
   * crossover turns it into a basis and the primal simplex goes on under `warmOptions` (when the crossover fails: a
   * cold solve). Overrides `cold`.
   */
  readonly start?: Float64Array;
  /**
   * Optional: in a worker, the solve is given up on when this is aborted: it rejects at once with `PrikkError`
   * `ABORTED`, and the worker drops its answer (it finishes the LP first: a run of HiGHS cannot be cut short, and its
   * other models stay usable). On the calling thread the solve runs to its end (the thread is busy with it).
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * Optional: at most this many simplex iterations (this solve only; a cold solve is not limited). Past them the
   * solve ends with `{ kind: 'iterationLimit' }` and the model keeps the basis it reached.
   */
  readonly iterationLimit?: number;
}

/**
 * How a solve ended: `optimal` with the column values and the iterations it took (the simplex's; by the interior
 * point method, its iterations and its crossover's, optional for other makers of outcomes: 0 when absent),
 * `unbounded` (also "unbounded or infeasible" after the second try), `infeasible`, `iterationLimit` (see
 * {@link CoreLpSolve.iterationLimit}), or another HiGHS model status (`status`, HiGHS's number).
 * @internal
 */
export type CoreLpOutcome =
  | { readonly kind: 'optimal'; readonly colValue: Float64Array; readonly iterations: number; readonly ipmIterations?: number; readonly crossoverIterations?: number }
  | { readonly kind: 'unbounded' }
  | { readonly kind: 'infeasible' }
  | { readonly kind: 'iterationLimit' }
  | { readonly kind: 'other'; readonly status: number };

/**
 * One core's LP as a persistent HiGHS model, kept on the main thread (`localCoreLp`) or in a worker
 * (`HighsPool.createModel`). Both run the same sequence of HiGHS calls for the same sequence of solves, so a
 * core's results do not depend on where its model lives. Solves of one model run one at a time, in the order asked.
 * @internal
 */
export interface CoreLp {
  /**
   * Sets the costs and sense (and the bounds for this solve, when given), runs HiGHS from the model's last basis,
   * and restores the model's own bounds.
   * @throws {PrikkError} `INVALID_VALUE` when HiGHS or its worker fails (the message names the core, never a value).
   */
  solve(request: CoreLpSolve): Promise<CoreLpOutcome>;
  /** Frees the model (later solves fail). Idempotent. */
  dispose(): void;
}

/**
 * HiGHS's default `simplex_iteration_limit` (no limit), which a solve under {@link CoreLpSolve.iterationLimit} sets
 * back after it, on this thread and in a worker alike.
 * @internal
 */
export const NO_ITERATION_LIMIT = 2147483647;
