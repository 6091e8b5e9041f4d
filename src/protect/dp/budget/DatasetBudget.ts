import { PrikkError } from '../../../errors/PrikkError.js';
import { BudgetAccountant } from './BudgetAccountant.js';
import type { BudgetLedger, LedgerEntry } from './BudgetLedger.js';
import type { PrivacyLoss } from './PrivacyLoss.js';

/** The options of {@link DatasetBudget.open}. */
export interface DatasetBudgetOptions {
  /** Required. Where spending persists. */
  readonly ledger: BudgetLedger;
  /** Required. The dataset's name in the ledger. */
  readonly dataset: string;
  /** Required. The lifetime budget of the dataset: everything ever spent on it must fit. */
  readonly lifetime: PrivacyLoss;
  /** Defaults to `() => new Date()`. */
  readonly now?: () => Date;
}

/**
 * The lifetime privacy budget of one dataset: an accountant whose starting point is everything the ledger says was
 * already spent on the dataset, and a `commit` that appends this session's spending to the ledger.
 *
 * Call `commit()` after the release is written and before the noisy results leave the process; spending that is
 * never committed is forgotten, which would let the next release overspend.
 *
 * @example
 * const budget = await DatasetBudget.open({ ledger, dataset: 'hip-fracture-2025', lifetime: zcdp(1) });
 * const table = dpCrossTable(extract, { ..., accountant: budget.accountant }).evaluate();
 * await budget.commit(); // the ledger now holds the table's spending
 */
export class DatasetBudget {
  readonly dataset: string;
  readonly accountant: BudgetAccountant;
  private readonly ledger: BudgetLedger;
  private committed = 0;

  private constructor(dataset: string, ledger: BudgetLedger, accountant: BudgetAccountant) {
    this.dataset = dataset;
    this.ledger = ledger;
    this.accountant = accountant;
  }

  /**
   * Reads the dataset's spending from the ledger and opens an accountant on what remains of the lifetime budget.
   *
   * Cost: one ledger read.
   *
   * @throws {PrikkError} `INVALID_ARGUMENT` for a missing ledger or empty dataset name, or earlier spending that
   * cannot be expressed in the lifetime budget's kind; `BUDGET_EXCEEDED` when earlier spending already exceeds it.
   */
  static async open(options: DatasetBudgetOptions): Promise<DatasetBudget> {
    if (!options?.ledger) throw new PrikkError('INVALID_ARGUMENT', 'DatasetBudget.open: ledger is required');
    if (typeof options.dataset !== 'string' || options.dataset.length === 0) {
      throw new PrikkError('INVALID_ARGUMENT', 'DatasetBudget.open: dataset must be a non-empty name');
    }
    const entries = await options.ledger.entries(options.dataset);
    const accountant = new BudgetAccountant({
      total: options.lifetime,
      alreadySpent: entries.map((e) => e.loss),
      ...(options.now ? { now: options.now } : {}),
    });
    return new DatasetBudget(options.dataset, options.ledger, accountant);
  }

  /**
   * Appends the spending made since the last commit to the ledger.
   * Cost: one ledger append.
   * @returns The entries appended.
   */
  async commit(): Promise<readonly LedgerEntry[]> {
    const records = this.accountant.records.slice(this.committed);
    const entries: LedgerEntry[] = records.map((r) => ({ dataset: this.dataset, label: r.label, loss: r.loss, at: r.at }));
    if (entries.length > 0) await this.ledger.append(entries);
    this.committed += records.length;
    return entries;
  }
}
