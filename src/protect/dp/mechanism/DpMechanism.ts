import { PrikkError } from '../../../errors/PrikkError.js';
import type { BudgetAccountant } from '../budget/BudgetAccountant.js';
import type { PrivacyLoss } from '../budget/PrivacyLoss.js';

/** What a query builder hands to {@link DpMechanism}: the loss it will cost and the computation that draws noise. */
export interface DpMechanismInit<T> {
  /** Required. What the result is, for the accountant's record and error messages. */
  readonly label: string;
  /** Required. The privacy loss of one evaluation. */
  readonly loss: PrivacyLoss;
  /** Required. The accountant charged on evaluation. */
  readonly accountant: BudgetAccountant;
  /** Required. Reads the data, adds noise, post-processes; called at most once. */
  readonly run: () => T;
}

/**
 * A differentially private computation that has been checked and costed but not yet run. `evaluate()` charges the
 * accountant, then computes the noisy result, once: a second call throws instead of drawing fresh noise (averaging
 * repeated draws would cancel the noise). A query that is never evaluated spends nothing.
 *
 * Source: Google's differential-privacy library (an aggregator returns its result once, `go/dpagg`), Tumult
 * Analytics (budget spent on evaluation).
 *
 * The budget is charged before any data is read; if the computation then fails, the budget stays spent (a failure
 * may depend on the data, so it is treated as a release).
 *
 * @example
 * const q = dpCrossTable(extract, { ... });  // validates, costs nothing
 * q.loss                                 // { kind: 'pure', epsilon: 1/2 }
 * const t = q.evaluate();                // spends ε = 1/2 and returns the table
 * q.evaluate()                           // throws ALREADY_EVALUATED
 */
export class DpMechanism<T> {
  readonly label: string;
  readonly loss: PrivacyLoss;
  private readonly accountant: BudgetAccountant;
  private run: (() => T) | undefined;
  private done = false;

  constructor(init: DpMechanismInit<T>) {
    this.label = init.label;
    this.loss = init.loss;
    this.accountant = init.accountant;
    this.run = init.run;
  }

  /** Whether the result has been computed (or its computation was attempted after spending). */
  get evaluated(): boolean {
    return this.done;
  }

  /**
   * Charges the accountant and returns the noisy result.
   *
   * @throws {PrikkError} `ALREADY_EVALUATED` on a second call; `BUDGET_EXCEEDED` when the loss does not fit (then
   * nothing is spent or computed, and the mechanism may be evaluated later against a larger budget); whatever the
   * computation throws.
   */
  evaluate(): T {
    if (this.done || !this.run) {
      throw new PrikkError('ALREADY_EVALUATED', `${this.label}: the noisy result was already computed; a mechanism releases its result once`);
    }
    this.accountant.spend(this.loss, this.label);
    this.done = true;
    const run = this.run;
    this.run = undefined;
    return run();
  }
}
