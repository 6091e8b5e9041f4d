import { PrikkError } from '../errors/PrikkError.js';

/**
 * Default LP work (see {@link NarrowestBudget}) one audit may spend making its narrowest width exact: 200 million.
 * Measured per audit (every audit of a protect run, and the stand-alone one): at most 13.3 million on the benchmark
 * tables (12k-110k cells, rule count < 5; the registry's 108,576-cell table's second audit), 25 million on a flat
 * 60 × 60 table whose walk made 1,210 widths exact (2.5 s), so their narrowest widths stay exact. On the 5,000-row
 * example extract by hospital × year × sex × age band × diagnosis (55,296 cells, 73 % zero) one core has 12,218
 * columns and its exact LPs take 2,000-5,000 iterations (2-9 s each): the walks met thousands of targets whose known
 * widths sat at their goal below the smallest exact width, and this budget is about five of those LPs. @internal
 */
export const NARROWEST_LP_WORK = 200_000_000;

/**
 * Most verdicts kept from an earlier audit that the audit proves again to make its narrowest width exact
 * (`exactNarrowest` in `auditPattern`); with more, the narrowest width is reported as a bound at once (`cut`). Proving
 * them again costs box moves (no LP, so not in the LP budget) before any LP. Measured: 20-65 on the benchmark tables'
 * audits (12k-110k cells); 8,886 on the 5,000-row example extract by hospital × year × sex × age band × diagnosis
 * (55,296 cells), where proving them again took 239 s, at most about half of it in LPs, and ended past the LP budget.
 * @internal
 */
export const NARROWEST_MAX_REPROOFS = 1_000;

/**
 * How much LP work making an audit's narrowest width exact may still spend, in simplex work: an LP charges its
 * core's columns times (its simplex iterations + 1), after it is solved. A deterministic stand-in for time (HiGHS
 * takes the same iterations for the same LPs in the same order, on any thread or machine), so the same table gives
 * the same report everywhere; it tracks time better than a count of LPs, whose cost ranges from a millisecond (a few
 * iterations on a thousand columns) to seconds (thousands on twelve thousand). What is charged: the walk of
 * `attackIntervals`, and every LP of the audit again of verdicts kept from an earlier audit (`exactNarrowest` in
 * `auditPattern`, which only proves again verdicts that passed). Once it is spent, no further LP of that work starts,
 * and `cut` says so; the narrowest width reported is then a proved inner width, not exact (a lower bound on the true
 * narrowest: every width the audit reports is at most its target's true width).
 *
 * One budget is shared by every call of one audit. `Infinity` never cuts. Pass/fail verdicts never depend on it:
 * the work it bounds comes after every target is settled against its requirement.
 * @internal
 * @example
 * const budget = new NarrowestBudget(1000);
 * budget.spend(600);
 * budget.exhausted; // false
 * budget.spend(600);
 * budget.exhausted; // true (remaining -200)
 */
export class NarrowestBudget {
  /** LP work left (negative once the last LP overdrew it). */
  remaining: number;
  /** Whether work was left undone: the budget was spent, or there were too many verdicts to prove again. */
  cut = false;

  /** @throws {PrikkError} `INVALID_ARGUMENT` when `work` is negative or NaN. */
  constructor(work: number = NARROWEST_LP_WORK) {
    if (!(work >= 0)) throw new PrikkError('INVALID_ARGUMENT', `narrowest width: the LP work must be a number >= 0 (or Infinity), got ${work}`);
    this.remaining = work;
  }

  /** Charges the work of an LP solved. */
  spend(work: number): void {
    this.remaining -= work;
  }

  /** Whether nothing is left: no further LP may start. (`Infinity` is never exhausted.) */
  get exhausted(): boolean {
    return this.remaining <= 0;
  }
}
