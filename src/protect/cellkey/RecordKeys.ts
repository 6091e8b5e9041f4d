import { PrikkError } from '../../errors/PrikkError.js';

/** How a set of record keys was made: derived from person ids under a registry secret, or given by the caller. */
export type RecordKeySource = 'hmac-sha256' | 'given';

/** The fields of {@link RecordKeys}. */
export interface RecordKeysInit {
  /** Required. One 32-bit fixed-point key per unit: the key is `keys[u] / 2^32`, in [0, 1). */
  readonly keys: Uint32Array;
  /**
   * Required. 32 (keys uniform on the 2^32 fixed-point values) or 8 (the mod-256 flavour of the ABS, ONS and
   * Cantabular: integer keys 0..255, stored as `k × 2^24` so that sums mod 2^32 are sums mod 256).
   */
  readonly bits: 32 | 8;
  /** Required. Whether `keys` has one key per person (in person-code order) or one per row of the extract. */
  readonly per: 'person' | 'row';
  /** Required. */
  readonly source: RecordKeySource;
  /** Defaults to none. With `hmac-sha256`: a fingerprint of the secret (see `recordKeysFromIds`), for the manifest. */
  readonly secretFingerprint?: string;
}

/**
 * Record keys of the cell key method: one uniformly distributed key in [0, 1) per unit (person, or row when the
 * extract has no person column), kept as 32-bit fixed point so that a cell key (the sum of its units' keys mod 1) is
 * an exact uint32 sum mod 2^32: no rounding, the same in every table, and inclusion–exclusion subtractions stay exact.
 * An 8-bit key k (0..255, the ABS / ONS / Cantabular flavour) is stored as `k × 2^24`: its cell key is then
 * `(Σ k mod 256) / 256`.
 *
 * Make them with `recordKeysFromIds` (HMAC of the person ids under a registry secret: stable across releases without
 * storing them), `recordKeysFromExtract` (the same, derived by the reader while it read the extract: the reader's
 * `recordKeys` option), `recordKeysFromReader` (the same, re-reading the extract's source), or `givenRecordKeys`.
 *
 * Immutable. Cost O(1) (the array is taken, not copied).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for keys that are not a Uint32Array, a bad `bits`, `per` or `source`, or
 * 8-bit keys with low bits set.
 * @example
 * const k = new RecordKeys({ keys: Uint32Array.of(0x80000000), bits: 32, per: 'person', source: 'given' });
 * k.keyOf(0) // 0.5
 */
export class RecordKeys {
  readonly keys: Uint32Array;
  readonly bits: 32 | 8;
  readonly per: 'person' | 'row';
  readonly source: RecordKeySource;
  readonly secretFingerprint: string | undefined;

  constructor(init: RecordKeysInit) {
    if (!(init?.keys instanceof Uint32Array)) throw new PrikkError('INVALID_ARGUMENT', 'RecordKeys: keys must be a Uint32Array');
    if (init.bits !== 32 && init.bits !== 8) throw new PrikkError('INVALID_ARGUMENT', `RecordKeys: bits must be 32 or 8, got ${String(init.bits)}`);
    if (init.per !== 'person' && init.per !== 'row') throw new PrikkError('INVALID_ARGUMENT', `RecordKeys: per must be 'person' or 'row', got ${String(init.per)}`);
    if (init.source !== 'hmac-sha256' && init.source !== 'given') {
      throw new PrikkError('INVALID_ARGUMENT', `RecordKeys: source must be 'hmac-sha256' or 'given', got ${String(init.source)}`);
    }
    if (init.bits === 8) {
      for (let u = 0; u < init.keys.length; u++) {
        if ((init.keys[u]! & 0xffffff) !== 0) throw new PrikkError('INVALID_ARGUMENT', `RecordKeys: 8-bit key ${u} has low bits set (expected k × 2^24)`);
      }
    }
    this.keys = init.keys;
    this.bits = init.bits;
    this.per = init.per;
    this.source = init.source;
    this.secretFingerprint = init.secretFingerprint;
    Object.freeze(this);
  }

  /** Number of units (persons or rows) with a key. */
  get length(): number {
    return this.keys.length;
  }

  /** The key of unit u as a number in [0, 1). */
  keyOf(u: number): number {
    return this.keys[u]! / 2 ** 32;
  }

  /**
   * A plain summary for a manifest: never the keys themselves, and not their number either (the number of persons in
   * the extract is an exact count that the perturbed tables do not publish).
   */
  toJSON(): Record<string, unknown> {
    return {
      source: this.source,
      bits: this.bits,
      per: this.per,
      ...(this.secretFingerprint ? { secretFingerprint: this.secretFingerprint } : {}),
    };
  }
}
