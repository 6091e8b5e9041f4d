import { PrikkError } from '../../errors/PrikkError.js';
import { RecordKeys } from './RecordKeys.js';

/** Options of {@link givenRecordKeys}. */
export interface GivenRecordKeysOptions {
  /** Defaults to 32: keys are numbers in [0, 1). With 8: integers 0..255 (ABS / ONS / Cantabular). */
  readonly bits?: 32 | 8;
  /** Defaults to `person`: one key per person in person-code order; `row`: one per row of the extract. */
  readonly per?: 'person' | 'row';
}

/**
 * Record keys given by the caller (e.g. a registry that already stores a random key per patient, or the keys of a
 * published example): numbers in [0, 1), converted to 32-bit fixed point as `floor(k × 2^32)` (exact for keys with
 * at most 32 fractional bits; otherwise the error is below 2^-32), or integers 0..255 with `bits: 8`.
 *
 * Cost: O(keys).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming the position of the first key out of range (a key is not a person
 * id, but only the position is shown), or bad options.
 * @example
 * // The Handbook on SDC (2024), §5.4: record keys 0.9, 0.3 and 0.6.
 * const k = givenRecordKeys([0.9, 0.3, 0.6]);
 * k.keys[0] // 3865470566 (= floor(0.9 × 2^32))
 */
export function givenRecordKeys(keys: ArrayLike<number>, options: GivenRecordKeysOptions = {}): RecordKeys {
  for (const key of Object.keys(options)) {
    if (key !== 'bits' && key !== 'per') throw new PrikkError('INVALID_ARGUMENT', `givenRecordKeys: unknown option '${key}' (expected bits, per)`);
  }
  const bits = options.bits ?? 32;
  const per = options.per ?? 'person';
  if (bits !== 32 && bits !== 8) throw new PrikkError('INVALID_ARGUMENT', `givenRecordKeys: bits must be 32 or 8, got ${String(bits)}`);
  if (per !== 'person' && per !== 'row') throw new PrikkError('INVALID_ARGUMENT', `givenRecordKeys: per must be 'person' or 'row', got ${String(per)}`);
  if (keys === null || typeof keys !== 'object' || typeof keys.length !== 'number') {
    throw new PrikkError('INVALID_ARGUMENT', 'givenRecordKeys: keys must be an array of numbers');
  }
  const out = new Uint32Array(keys.length);
  for (let u = 0; u < keys.length; u++) {
    const k = keys[u]!;
    if (bits === 32) {
      if (!(typeof k === 'number' && k >= 0 && k < 1)) throw new PrikkError('INVALID_ARGUMENT', `givenRecordKeys: key ${u} must be a number in [0, 1)`);
      out[u] = Math.floor(k * 2 ** 32);
    } else {
      if (!(Number.isInteger(k) && k >= 0 && k <= 255)) throw new PrikkError('INVALID_ARGUMENT', `givenRecordKeys: key ${u} must be an integer from 0 to 255`);
      out[u] = k * 2 ** 24;
    }
  }
  return new RecordKeys({ keys: out, bits, per, source: 'given' });
}
