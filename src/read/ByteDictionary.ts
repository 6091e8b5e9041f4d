/**
 * An insertion-ordered set of byte strings, looked up straight from a byte buffer: the reader's dictionary for
 * code and person columns. Looking up a field never creates a JavaScript string; the bytes of each distinct
 * value are copied once, into an arena, when the value is first added.
 *
 * A value's key is its length and its first 8 bytes packed into two int32s (plus, for longer values, the rest of
 * the bytes), made in one pass that also gives the hash: so for values of up to 8 bytes (most codes) equality is
 * three integer comparisons, with no byte loop. The hash is the packed words multiplied by odd constants (the
 * rest of a longer value folded in FNV-1a style), finished with MurmurHash3's `fmix32` for the table index.
 * Open addressing with linear probing over a power-of-two table kept at most half full, whose slots hold
 * (hash, entry number) pairs side by side, so that a probe touches one cache line.
 *
 * Use: `prepare(bytes, start, end)` makes the key of a value once; then `matches(id)`, `findPrepared()`,
 * `addPrepared()` and `findOrAddPrepared()` use it. `find`, `add` and `findOrAdd` do both steps.
 *
 * With `sortedRuns` (used for person ids, which registries usually export sorted), `findOrAdd` first checks
 * whether a value sorts after every value seen so far (shortlex order: shorter first, then bytewise, which is
 * numeric order for digit ids): such a value is new and is appended to a sorted list without touching the hash
 * table, so a sorted column causes no random memory access at all. Other values are looked up by binary search in
 * that list and in the hash table. When more than 1 value in 4 (after 65536) arrives out of order, the sorted
 * list is moved into the hash table and the mode is switched off.
 *
 * Cost: O(length of the value) expected per lookup; memory is the distinct values' bytes plus about 28 bytes per
 * distinct value.
 *
 * @example
 * const d = new ByteDictionary();
 * const b = new TextEncoder().encode('0301;1103;0301');
 * d.add(b, 0, 4);     // 0
 * d.add(b, 5, 9);     // 1
 * d.find(b, 10, 14);  // 0 (the bytes `0301` again)
 * d.size              // 2
 */
export class ByteDictionary {
  /** Number of distinct values added so far; entries are numbered `0 .. size - 1` in order of addition. */
  size = 0;
  private arena: Uint8Array;
  private arenaUsed = 0;
  private starts: Int32Array;
  private lengths: Int32Array;
  /** Bytes 0-3 and 4-7 of each entry, little-endian, zero-padded. */
  private head0: Int32Array;
  private head1: Int32Array;
  /** Two Int32 per slot: the hash, and the entry number + 1 (0 marks an empty slot). */
  private table: Int32Array;
  /** Number of slots - 1. */
  private mask: number;
  /** Entries in the hash table. */
  private tableCount = 0;
  /** `sortedRuns` mode: entries kept out of the hash table, in increasing shortlex order. */
  private sorted: boolean;
  private sortedIds: Int32Array;
  private sortedCount = 0;
  private outOfOrder = 0;
  /** The prepared key. */
  private keyBytes: Uint8Array = EMPTY;
  private keyStart = 0;
  private keyLength = 0;
  private key0 = 0;
  private key1 = 0;
  private keyHash = 0;

  constructor(expectedSize = 16, sortedRuns = false) {
    this.sorted = sortedRuns;
    this.sortedIds = new Int32Array(sortedRuns ? 1024 : 0);
    let slots = 32;
    while (slots < expectedSize * 2) slots *= 2;
    this.table = new Int32Array(slots * 2);
    this.mask = slots - 1;
    const entries = Math.max(16, expectedSize);
    this.starts = new Int32Array(entries);
    this.lengths = new Int32Array(entries);
    this.head0 = new Int32Array(entries);
    this.head1 = new Int32Array(entries);
    this.arena = new Uint8Array(Math.max(256, entries * 8));
  }

  /**
   * Makes the key of `bytes[start..end)`, for the `...Prepared` methods and `matches`. The bytes must not change
   * until those calls are done. Cost O(end - start).
   *
   * Readable version: `key0 = bytes 0-3, key1 = bytes 4-7 (little-endian, zero-padded)`,
   * `hash = key0 * A xor (key1 xor length) * B`, then `hash = (hash xor byte) * 16777619` for each further byte.
   */
  prepare(bytes: Uint8Array, start: number, end: number): void {
    const len = end - start;
    let k0 = 0;
    let k1 = 0;
    if (len >= 4) {
      k0 = bytes[start]! | (bytes[start + 1]! << 8) | (bytes[start + 2]! << 16) | (bytes[start + 3]! << 24);
      if (len >= 8) {
        k1 = bytes[start + 4]! | (bytes[start + 5]! << 8) | (bytes[start + 6]! << 16) | (bytes[start + 7]! << 24);
      } else {
        for (let q = 4; q < len; q++) k1 |= bytes[start + q]! << ((q - 4) << 3);
      }
    } else {
      for (let q = 0; q < len; q++) k0 |= bytes[start + q]! << (q << 3);
    }
    let h = Math.imul(k0, 0x9e3779b1) ^ Math.imul(k1 ^ len, 0x85ebca6b);
    for (let i = start + 8; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    this.keyBytes = bytes;
    this.keyStart = start;
    this.keyLength = len;
    this.key0 = k0;
    this.key1 = k1;
    this.keyHash = h;
  }

  /** True when entry `id` holds the prepared value. */
  matches(id: number): boolean {
    const len = this.keyLength;
    if (this.lengths[id] !== len || this.head0[id] !== this.key0 || this.head1[id] !== this.key1) return false;
    if (len <= 8) return true;
    const arena = this.arena;
    const bytes = this.keyBytes;
    const a = this.starts[id]!;
    const b = this.keyStart;
    for (let k = 8; k < len; k++) if (arena[a + k] !== bytes[b + k]) return false;
    return true;
  }

  /** The entry of the prepared value, or -1. Not for `sortedRuns` dictionaries (use `findOrAddPrepared`). */
  findPrepared(): number {
    const table = this.table;
    const mask = this.mask;
    const h = this.keyHash;
    let slot = mix(h) & mask;
    for (;;) {
      const t = table[2 * slot + 1]!;
      if (t === 0) return -1;
      if (table[2 * slot] === h && this.matches(t - 1)) return t - 1;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Adds the prepared value, which must not be present yet (check with `findPrepared`), and returns its entry
   * number. Grows the arena and the table as needed (amortised O(1) extra per entry). Not for `sortedRuns`.
   */
  addPrepared(): number {
    const id = this.append();
    if (++this.tableCount * 2 > this.mask + 1) this.rehash();
    place(this.table, this.mask, id, this.keyHash);
    return id;
  }

  /** The entry of the prepared value, adding it when absent; with `sortedRuns`, as described on the class. */
  findOrAddPrepared(): number {
    if (this.sorted) {
      const count = this.sortedCount;
      if (count === 0 || this.compare(this.sortedIds[count - 1]!) < 0) {
        // After every value so far: new, and appended in order.
        const id = this.append();
        if (count === this.sortedIds.length) {
          const next = new Int32Array(count * 2);
          next.set(this.sortedIds);
          this.sortedIds = next;
        }
        this.sortedIds[count] = id;
        this.sortedCount = count + 1;
        return id;
      }
      const id = this.searchSorted();
      if (id >= 0) return id;
      if (++this.outOfOrder > 65536 && this.outOfOrder * 4 > this.size) this.leaveSortedMode();
    }
    const id = this.findPrepared();
    return id >= 0 ? id : this.addPrepared();
  }

  /** The entry holding exactly `bytes[start..end)`, or -1. Not for `sortedRuns` dictionaries. */
  find(bytes: Uint8Array, start: number, end: number): number {
    this.prepare(bytes, start, end);
    return this.findPrepared();
  }

  /** Adds `bytes[start..end)`, which must not be present yet, and returns its entry number. Not for `sortedRuns`. */
  add(bytes: Uint8Array, start: number, end: number): number {
    this.prepare(bytes, start, end);
    return this.addPrepared();
  }

  /** The entry for `bytes[start..end)`, adding it when absent. */
  findOrAdd(bytes: Uint8Array, start: number, end: number): number {
    this.prepare(bytes, start, end);
    return this.findOrAddPrepared();
  }

  /** The entry for `bytes[start..end)`, or -1; works in both modes and never adds. */
  lookup(bytes: Uint8Array, start: number, end: number): number {
    this.prepare(bytes, start, end);
    if (this.sorted) {
      const id = this.searchSorted();
      if (id >= 0) return id;
    }
    return this.findPrepared();
  }

  /** The bytes of entry `id` (a view into the arena: valid until the next addition). */
  bytesOf(id: number): Uint8Array {
    const s = this.starts[id]!;
    return this.arena.subarray(s, s + this.lengths[id]!);
  }

  /** Shortlex comparison of entry `id` with the prepared value: negative when the entry sorts first. */
  private compare(id: number): number {
    const len = this.lengths[id]!;
    if (len !== this.keyLength) return len - this.keyLength;
    const arena = this.arena;
    const bytes = this.keyBytes;
    const a = this.starts[id]!;
    const b = this.keyStart;
    for (let k = 0; k < len; k++) {
      const d = arena[a + k]! - bytes[b + k]!;
      if (d !== 0) return d;
    }
    return 0;
  }

  private searchSorted(): number {
    const ids = this.sortedIds;
    let lo = 0;
    let hi = this.sortedCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compare(ids[mid]!);
      if (c === 0) return ids[mid]!;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Moves the sorted list into the hash table and stops using it. */
  private leaveSortedMode(): void {
    const keep = { bytes: this.keyBytes, start: this.keyStart, end: this.keyStart + this.keyLength };
    this.sorted = false;
    for (let q = 0; q < this.sortedCount; q++) {
      const id = this.sortedIds[q]!;
      const s = this.starts[id]!;
      this.prepare(this.arena, s, s + this.lengths[id]!);
      if (++this.tableCount * 2 > this.mask + 1) this.rehash();
      place(this.table, this.mask, id, this.keyHash);
    }
    this.sortedIds = new Int32Array(0);
    this.sortedCount = 0;
    this.prepare(keep.bytes, keep.start, keep.end);
  }

  /** Copies the prepared value into the arena as a new entry (not yet in the table). */
  private append(): number {
    const len = this.keyLength;
    const id = this.size;
    if (id === this.starts.length) this.growEntries();
    if (this.arenaUsed + len > this.arena.length) this.growArena(len);
    const arena = this.arena;
    const at = this.arenaUsed;
    const bytes = this.keyBytes;
    const start = this.keyStart;
    if (len <= 32) {
      // A loop beats subarray + set for short values (subarray of a Buffer allocates a Buffer).
      for (let k = 0; k < len; k++) arena[at + k] = bytes[start + k]!;
    } else {
      arena.set(bytes.subarray(start, start + len), at);
    }
    this.starts[id] = at;
    this.lengths[id] = len;
    this.head0[id] = this.key0;
    this.head1[id] = this.key1;
    this.arenaUsed = at + len;
    this.size = id + 1;
    return id;
  }

  private rehash(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    const table = new Int32Array(slots * 2);
    const mask = slots - 1;
    for (let k = 1; k < old.length; k += 2) {
      const t = old[k]!;
      if (t !== 0) place(table, mask, t - 1, old[k - 1]!);
    }
    this.table = table;
    this.mask = mask;
  }

  private growEntries(): void {
    const n = this.starts.length * 2;
    this.starts = grow(this.starts, n);
    this.lengths = grow(this.lengths, n);
    this.head0 = grow(this.head0, n);
    this.head1 = grow(this.head1, n);
  }

  private growArena(extra: number): void {
    let n = this.arena.length * 2;
    while (n < this.arenaUsed + extra) n *= 2;
    const next = new Uint8Array(n);
    next.set(this.arena.subarray(0, this.arenaUsed));
    this.arena = next;
  }
}

const EMPTY = new Uint8Array(0);

function place(table: Int32Array, mask: number, id: number, h: number): void {
  let slot = mix(h) & mask;
  while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
  table[2 * slot] = h;
  table[2 * slot + 1] = id + 1;
}

/** MurmurHash3 fmix32 finaliser: spreads every input bit over the low bits used as the table index. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function grow(a: Int32Array, n: number): Int32Array {
  const next = new Int32Array(n);
  next.set(a);
  return next;
}
