import { snapshotWords, type Snapshot } from './Snapshot.js';

/**
 * Snapshots of checked nodes, to evaluate later nodes from the smallest cached specialisation (ARX keeps a similar
 * history). Bounded by a budget of 32-bit words; the least recently used snapshot goes first. The base snapshot
 * (the distinct records, below every node) and pinned snapshots are always available. Internal.
 *
 * Cost: `sourceFor` O(entries × d); `add` O(entries) when it evicts.
 *
 * @example
 * const cache = new SnapshotCache(base, 8, 8 << 20);
 * cache.add(snapshotOf13023020);
 * cache.sourceFor(Uint8Array.of(1, 4, 0, 2, 3, 0, 2, 0)) // snapshotOf13023020 (below, fewer classes than the base)
 */
export class SnapshotCache {
  private readonly entries: Snapshot[] = [];
  private readonly used: number[] = [];
  /** Words charged per entry, counted again when it is next used (its memoised columns grow). */
  private readonly charged: number[] = [];
  private words = 0;
  private clock = 0;
  private readonly d: number;
  private readonly budget: number;
  readonly base: Snapshot;

  constructor(base: Snapshot, d: number, budgetWords: number) {
    this.base = base;
    this.d = d;
    this.budget = budgetWords;
  }

  /** Snapshots that are never evicted (the search's starting node). */
  private readonly pinned: Snapshot[] = [];

  /** Keeps `snapshot` for good (not counted in the budget). */
  pin(snapshot: Snapshot): void {
    this.pinned.push(snapshot);
  }

  /** The cached snapshot with the fewest classes among the specialisations of `levels` (the base if none). */
  sourceFor(levels: Uint8Array): Snapshot {
    let best = this.base;
    let bestIndex = -1;
    const d = this.d;
    for (const s of this.pinned) {
      if (s.classCount >= best.classCount) continue;
      let below = true;
      for (let j = 0; j < d && below; j++) below = s.levels[j]! <= levels[j]!;
      if (below) best = s;
    }
    for (let e = 0; e < this.entries.length; e++) {
      const s = this.entries[e]!;
      if (s.classCount >= best.classCount) continue;
      const l = s.levels;
      let below = true;
      for (let j = 0; j < d && below; j++) below = l[j]! <= levels[j]!;
      if (below) {
        best = s;
        bestIndex = e;
      }
    }
    if (bestIndex >= 0) {
      this.used[bestIndex] = ++this.clock;
      // The caller will memoise columns on it: recharge its size.
      const words = snapshotWords(best);
      this.words += words - this.charged[bestIndex]!;
      this.charged[bestIndex] = words;
    }
    return best;
  }

  /** Adds a snapshot, evicting the least recently used ones beyond the budget. */
  add(snapshot: Snapshot): void {
    const words = snapshotWords(snapshot);
    if (words > this.budget) return;
    while (this.words + words > this.budget && this.entries.length > 0) {
      let oldest = 0;
      for (let e = 1; e < this.entries.length; e++) if (this.used[e]! < this.used[oldest]!) oldest = e;
      this.words -= this.charged[oldest]!;
      this.entries.splice(oldest, 1);
      this.used.splice(oldest, 1);
      this.charged.splice(oldest, 1);
    }
    this.entries.push(snapshot);
    this.used.push(++this.clock);
    this.charged.push(words);
    this.words += words;
  }
}
