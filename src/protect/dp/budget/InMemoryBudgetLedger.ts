import type { BudgetLedger, LedgerEntry } from './BudgetLedger.js';

/**
 * A {@link BudgetLedger} held in memory: spending persists for the life of the object only. For tests and for
 * services that keep their own store. Entries are frozen copies.
 *
 * Cost: O(entries of the dataset) per read, O(1) per appended entry.
 *
 * @example
 * const ledger = new InMemoryBudgetLedger();
 * await ledger.append([{ dataset: 'd', label: 'counts', loss: pureDp(1), at: '2025-01-01T00:00:00.000Z' }]);
 * (await ledger.entries('d')).length // 1
 */
export class InMemoryBudgetLedger implements BudgetLedger {
  private readonly byDataset = new Map<string, LedgerEntry[]>();

  entries(dataset: string): Promise<readonly LedgerEntry[]> {
    return Promise.resolve([...(this.byDataset.get(dataset) ?? [])]);
  }

  append(entries: readonly LedgerEntry[]): Promise<void> {
    const copies = entries.map((e) => Object.freeze({ ...e }));
    for (const e of copies) {
      const list = this.byDataset.get(e.dataset);
      if (list) list.push(e);
      else this.byDataset.set(e.dataset, [e]);
    }
    return Promise.resolve();
  }
}
