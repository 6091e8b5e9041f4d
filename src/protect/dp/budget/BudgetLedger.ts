import type { PrivacyLoss } from './PrivacyLoss.js';

/** One line of a ledger: a spending of privacy budget on a dataset. */
export interface LedgerEntry {
  /** The dataset (cohort, registry extract) the budget belongs to, e.g. `hip-fracture-2025`. */
  readonly dataset: string;
  /** What the budget was spent on (the accountant's label). */
  readonly label: string;
  /** The mechanism's loss, exact. */
  readonly loss: PrivacyLoss;
  /** ISO 8601 time of the spending. */
  readonly at: string;
}

/**
 * Where total privacy spending per dataset persists across releases, so that the budget of a dataset is a lifetime
 * budget and not a per-release one. Append-only: entries are never changed or removed.
 *
 * prikk has an in-memory implementation ({@link InMemoryBudgetLedger}, for tests and single-process services);
 * the release step provides the file-backed one. {@link DatasetBudget} opens an accountant on a ledger.
 *
 * An implementation must make `append` atomic (all entries or none) and durable before it resolves.
 */
export interface BudgetLedger {
  /** Every entry recorded for `dataset`, oldest first. */
  entries(dataset: string): Promise<readonly LedgerEntry[]>;
  /** Appends entries (all for the same or different datasets) atomically. */
  append(entries: readonly LedgerEntry[]): Promise<void>;
}
