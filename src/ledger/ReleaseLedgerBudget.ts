import { PrikkError } from '../errors/PrikkError.js';
import type { BudgetLedger, LedgerEntry } from '../protect/dp/budget/BudgetLedger.js';
import { lossFromJson, lossToJson } from '../protect/dp/budget/PrivacyLoss.js';
import type { ReleaseLedger } from './ReleaseLedger.js';

/**
 * A {@link BudgetLedger} on one dataset's release ledger (what `ReleaseLedger.budgetLedger()` returns): spending
 * persists in `ledger.jsonl`, so a `DatasetBudget` opened after a restart sees everything spent before.
 *
 * - `entries(dataset)`: every `spent` item of every line (release and spend lines; reissues spend nothing), oldest
 *   first, with the line's `at`; losses read exactly with `lossFromJson`.
 * - `append(entries)`: one `spend` line holding all the entries (atomic: all or none), taking the ledger's lock
 *   unless the current context holds it. The line's `at` is the ledger's clock; entries keep their labels.
 *
 * Cost: one verified ledger read per `entries`; one append per `append`.
 *
 * @example
 * const budget = await DatasetBudget.open({ ledger: ledger.budgetLedger(), dataset: 'hip', lifetime: pureDp(1) });
 * budget.accountant.spend(pureDp('0.5'), 'counts');
 * await budget.commit(); // one spend line in ledger.jsonl
 */
export class ReleaseLedgerBudget implements BudgetLedger {
  private readonly ledger: ReleaseLedger;
  private readonly now: () => Date;

  /** Use `ReleaseLedger.budgetLedger()`. */
  constructor(ledger: ReleaseLedger, now: () => Date) {
    this.ledger = ledger;
    this.now = now;
  }

  /**
   * @throws {PrikkError} `INVALID_ARGUMENT` when `dataset` is not this ledger's dataset (a budget opened under another
   * name would otherwise see no spending); `LEDGER_CORRUPT` when the ledger does not verify.
   */
  async entries(dataset: string): Promise<readonly LedgerEntry[]> {
    this.checkDataset(dataset, 'entries');
    const out: LedgerEntry[] = [];
    for (const record of await this.ledger.records()) {
      for (const s of record.spent) {
        out.push(Object.freeze({ dataset, label: s.label, loss: lossFromJson(s.loss), at: record.at }));
      }
    }
    return Object.freeze(out);
  }

  /**
   * @throws {PrikkError} `INVALID_ARGUMENT` for an entry of another dataset or without a label; `LEDGER_LOCKED`,
   * `LEDGER_CORRUPT` or `IO_ERROR` as `ReleaseLedger.append`.
   */
  async append(entries: readonly LedgerEntry[]): Promise<void> {
    if (!Array.isArray(entries)) throw new PrikkError('INVALID_ARGUMENT', 'ReleaseLedgerBudget.append: entries: expected a list');
    const spent = entries.map((e, i) => {
      this.checkDataset(e?.dataset, `append: entries[${i}]`);
      if (typeof e.label !== 'string' || e.label.length === 0) {
        throw new PrikkError('INVALID_ARGUMENT', `ReleaseLedgerBudget.append: entries[${i}].label: expected non-empty text`);
      }
      return { label: e.label, loss: lossToJson(e.loss) };
    });
    if (spent.length === 0) return;
    await this.ledger.withLock(() => this.ledger.append({ kind: 'spend', at: this.now().toISOString(), spent }));
  }

  private checkDataset(dataset: unknown, what: string): void {
    if (dataset !== this.ledger.dataset) {
      throw new PrikkError(
        'INVALID_ARGUMENT',
        `ReleaseLedgerBudget.${what}: dataset ${JSON.stringify(dataset)} is not this ledger's dataset '${this.ledger.dataset}'`,
      );
    }
  }
}
