import { PrikkError } from '../../errors/PrikkError.js';
import { HmacSha256 } from '../../random/HmacSha256.js';
import { RecordKeys } from './RecordKeys.js';
import { secretBytes, secretFingerprint } from '../../random/secretFingerprint.js';

/** Options of {@link recordKeysFromIds}. */
export interface RecordKeysFromIdsOptions {
  /**
   * Required. The registry's secret: at least 32 bytes (256 bits; as a string, its UTF-8 bytes), from a secret store,
   * never from the data. Whoever knows it can compute every person's key, and with the p-table undo the noise: keep it
   * as carefully as the data. It is never logged or written into a message or manifest (only a fingerprint).
   */
  readonly secret: string | Uint8Array;
  /** Defaults to 32. 8 gives the ABS / ONS / Cantabular flavour: integer keys 0..255. */
  readonly bits?: 32 | 8;
}

/**
 * Record keys derived from person ids: key = the first 4 bytes of HMAC-SHA256(secret, id) (RFC 2104, FIPS 198-1),
 * read big-endian, as a fraction of 2^32 (or the first byte, 0..255, with `bits: 8`). A keyed hash makes the keys
 * stable across releases and tables (the same person always has the same key, so the same cell always gets the same
 * noise) without storing them beside the data, and unpredictable without the secret (an attacker cannot compute a
 * cell's key to look up its noise). HMAC-SHA256 is a pseudorandom function, so the keys are uniform and independent
 * for distinct ids. Ids are hashed as their UTF-8 bytes (a `Uint8Array` as is), so any system can reproduce a key:
 * `HMAC-SHA256(secret, id)[0..4] / 2^32`.
 *
 * The reader does not keep person ids (`PersonColumn` has dense codes only): pass the ids in person-code order, i.e.
 * in order of first appearance among the rows the reader kept; or, better, read the extract with the `recordKeys`
 * option and take the keys with `recordKeysFromExtract` (derived while the ids were read, by the same rule); or use
 * `recordKeysFromReader`, which re-reads the extract's source to get them.
 *
 * Cost: one HMAC per id, about 2 µs for a short id ({@link HmacSha256}: the key's blocks are hashed once).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a secret shorter than 32 bytes (the secret is never shown), bad `bits`,
 * an id that is not a string or bytes (naming its position only, never an id).
 * @example
 * const keys = recordKeysFromIds(['p1', 'p2'], { secret: process.env.REGISTRY_CK_SECRET! });
 * keys.keyOf(0) // e.g. 0.7391..., the same in every release under this secret
 */
export function recordKeysFromIds(ids: readonly (string | Uint8Array)[], options: RecordKeysFromIdsOptions): RecordKeys {
  if (typeof options !== 'object' || options === null) throw new PrikkError('INVALID_ARGUMENT', 'recordKeysFromIds: expected an options object with a secret');
  for (const key of Object.keys(options)) {
    if (key !== 'secret' && key !== 'bits') throw new PrikkError('INVALID_ARGUMENT', `recordKeysFromIds: unknown option '${key}' (expected secret, bits)`);
  }
  const secret = secretBytes('recordKeysFromIds', options.secret);
  const bits = options.bits ?? 32;
  if (bits !== 32 && bits !== 8) throw new PrikkError('INVALID_ARGUMENT', `recordKeysFromIds: bits must be 32 or 8, got ${String(bits)}`);
  if (!Array.isArray(ids)) throw new PrikkError('INVALID_ARGUMENT', 'recordKeysFromIds: ids must be an array of strings or byte arrays');
  const keys = new Uint32Array(ids.length);
  const mac = new HmacSha256(secret);
  const encoder = new TextEncoder();
  let buffer = new Uint8Array(256);
  for (let u = 0; u < ids.length; u++) {
    const id = ids[u];
    let bytes: Uint8Array;
    if (typeof id === 'string') {
      // UTF-8 takes at most 3 bytes per UTF-16 code unit.
      if (buffer.length < id.length * 3) buffer = new Uint8Array(id.length * 3);
      bytes = buffer.subarray(0, encoder.encodeInto(id, buffer).written);
    } else if (id instanceof Uint8Array) {
      bytes = id;
    } else {
      throw new PrikkError('INVALID_ARGUMENT', `recordKeysFromIds: ids[${u}] must be a string or a Uint8Array`);
    }
    const word = mac.firstWord(bytes);
    keys[u] = bits === 32 ? word : (word >>> 24) * 2 ** 24;
  }
  return new RecordKeys({ keys, bits, per: 'person', source: 'hmac-sha256', secretFingerprint: secretFingerprint(secret) });
}
