import { PersonRecordKeys } from './PersonRecordKeys.js';
import type { ResolvedRecordKeysOption } from './RecordKeysReadOption.js';
import type { TextEncodingName } from './TextCodec.js';

/**
 * The record keys of `count` persons, from their ids' bytes as the reader holds them in its person dictionary:
 * `words[p]` = the first 4 bytes, big-endian, of HMAC-SHA256(secret, UTF-8 bytes of id p). Bytes of a UTF-8 input
 * are hashed as they are (they are the id's UTF-8 bytes; bytes that are not valid UTF-8, which the reader does not
 * check in person ids, are hashed as they are too, like `recordKeysFromIds` hashes a Uint8Array id); bytes of a
 * latin1 input are first re-encoded to UTF-8 (one byte per character below 0x80, two above), so that a key does
 * not depend on the file's encoding: `Tromsø` has the same key in a latin1 and a UTF-8 file.
 *
 * Cost: one HMAC per person (two SHA-256 compressions for an id of up to 55 UTF-8 bytes; about 2 µs per id, see
 * `HmacSha256`); a copy only for latin1 ids with bytes above 0x7f.
 *
 * @example
 * const ids = [new TextEncoder().encode('p1')];
 * hashPersonIds(1, (p) => ids[p]!, 'utf8', resolveRecordKeysOption({ secret }, 'readRows')!).words[0]
 * // createHmac('sha256', secret).update('p1').digest().readUInt32BE(0)
 */
export function hashPersonIds(
  count: number,
  idBytes: (person: number) => Uint8Array,
  encoding: TextEncodingName,
  option: ResolvedRecordKeysOption,
): PersonRecordKeys {
  const words = new Uint32Array(count);
  const mac = option.mac;
  let scratch = new Uint8Array(64);
  for (let p = 0; p < count; p++) {
    let bytes = idBytes(p);
    if (encoding === 'latin1') {
      let high = 0;
      for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) high++;
      if (high > 0) {
        const length = bytes.length + high;
        if (scratch.length < length) scratch = new Uint8Array(length * 2);
        let o = 0;
        for (let i = 0; i < bytes.length; i++) {
          const b = bytes[i]!;
          if (b < 0x80) {
            scratch[o++] = b;
          } else {
            // U+0080..U+00FF in UTF-8: 110000xx 10xxxxxx.
            scratch[o++] = 0xc0 | (b >> 6);
            scratch[o++] = 0x80 | (b & 0x3f);
          }
        }
        bytes = scratch.subarray(0, length);
      }
    }
    words[p] = mac.firstWord(bytes);
  }
  return new PersonRecordKeys(words, option.secretFingerprint);
}
