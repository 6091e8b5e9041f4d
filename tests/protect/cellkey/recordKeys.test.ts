import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import { givenRecordKeys } from '../../../src/protect/cellkey/givenRecordKeys.js';
import { RecordKeys } from '../../../src/protect/cellkey/RecordKeys.js';
import { recordKeysFromIds } from '../../../src/protect/cellkey/recordKeysFromIds.js';
import { recordKeysFromReader } from '../../../src/protect/cellkey/recordKeysFromReader.js';
import { secretFingerprint } from '../../../src/random/secretFingerprint.js';
import { readRows } from '../../../src/read/readRows.js';
import type { Schema } from '../../../src/read/Schema.js';

const SECRET = 'registry-secret-0123456789abcdef-0123456789';

describe('recordKeysFromIds', () => {
  it('is the first 4 bytes of HMAC-SHA256(secret, id), big-endian: RFC 4231 test cases 6 and 7', () => {
    // RFC 4231 §4.7 and §4.8: key = 131 bytes 0xaa; HMAC-SHA-256 = 60e43159... and 9b09ffa7...
    const key = new Uint8Array(131).fill(0xaa);
    const k = recordKeysFromIds(
      [
        'Test Using Larger Than Block-Size Key - Hash Key First',
        'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
      ],
      { secret: key },
    );
    expect(k.keys[0]).toBe(0x60e43159);
    expect(k.keys[1]).toBe(0x9b09ffa7);
    expect(k.keyOf(1)).toBe(0x9b09ffa7 / 2 ** 32);
    const k8 = recordKeysFromIds(['Test Using Larger Than Block-Size Key - Hash Key First'], { secret: key, bits: 8 });
    expect(k8.keys[0]).toBe(0x60 * 2 ** 24);
    expect(k8.bits).toBe(8);
  });

  it('is stable, deterministic per (secret, id), and changes with the secret', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 20 }), (ids) => {
        const a = recordKeysFromIds(ids, { secret: SECRET });
        const b = recordKeysFromIds([...ids].reverse(), { secret: SECRET });
        ids.forEach((id, u) => {
          expect(a.keys[u]).toBe(b.keys[ids.length - 1 - u]);
          expect(a.keys[u]).toBe(createHmac('sha256', SECRET).update(id, 'utf8').digest().readUInt32BE(0));
        });
      }),
      { numRuns: 30, seed: 3 },
    );
    const other = recordKeysFromIds(['p1', 'p2', 'p3'], { secret: `${SECRET}!` });
    const same = recordKeysFromIds(['p1', 'p2', 'p3'], { secret: SECRET });
    expect(Array.from(other.keys)).not.toEqual(Array.from(same.keys));
  });

  it('refuses a short secret without showing it, and records only a fingerprint', () => {
    const short = 'hunter2-is-my-registry-secret';
    let message = '';
    try {
      recordKeysFromIds(['a'], { secret: short });
    } catch (e) {
      expect(e).toBeInstanceOf(PrikkError);
      message = (e as PrikkError).message;
    }
    expect(message).toMatch(/at least 32 bytes/);
    expect(message).not.toContain(short);
    const k = recordKeysFromIds(['a'], { secret: SECRET });
    expect(k.secretFingerprint).toBe(secretFingerprint(SECRET));
    expect(k.secretFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(k)).not.toContain(SECRET);
    expect(JSON.stringify(k)).not.toContain(String(k.keys[0]));
    expect(() => recordKeysFromIds(['a'], { secret: SECRET, bits: 16 as never })).toThrow(/bits must be 32 or 8/);
    expect(() => recordKeysFromIds([1 as never], { secret: SECRET })).toThrow(/ids\[0\]/);
  });
});

describe('givenRecordKeys', () => {
  it('converts keys in [0, 1) to 32-bit fixed point and 0..255 to k × 2^24', () => {
    // floor(0.9 × 2^32) = floor(3865470566.4) = 3865470566; 0.5 -> 2^31 exactly.
    expect(Array.from(givenRecordKeys([0.9, 0.5, 0]).keys)).toEqual([3865470566, 2 ** 31, 0]);
    expect(Array.from(givenRecordKeys([255, 1], { bits: 8 }).keys)).toEqual([255 * 2 ** 24, 2 ** 24]);
    expect(() => givenRecordKeys([1])).toThrow(/key 0 must be a number in \[0, 1\)/);
    expect(() => givenRecordKeys([2, 256], { bits: 8 })).toThrow(/key 1 must be an integer from 0 to 255/);
    expect(() => new RecordKeys({ keys: Uint32Array.of(1), bits: 8, per: 'person', source: 'given' })).toThrow(/low bits/);
  });
});

describe('recordKeysFromReader', () => {
  const schema: Schema = {
    columns: [
      { name: 'pid', role: 'person', missing: 'exclude' },
      { name: 'age', role: 'dimension', type: 'integer', missing: 'exclude' },
    ],
  };
  // 'b' appears first in a row the reader excludes (missing age): the person codes number a, c, b.
  const rows = [
    { pid: 'b', age: null },
    { pid: 'a', age: 81 },
    { pid: 'c', age: 70 },
    { pid: null, age: 60 },
    { pid: 'a', age: 82 },
    { pid: 'b', age: 90 },
  ];

  it('gives the keys of the ids in person-code order (first appearance among the kept rows)', async () => {
    const extract = readRows(rows, schema);
    expect(extract.person!.personCount).toBe(3);
    const keys = await recordKeysFromReader({ extract, schema, read: (s) => readRows(rows, s), secret: SECRET });
    expect(Array.from(keys.keys)).toEqual(Array.from(recordKeysFromIds(['a', 'c', 'b'], { secret: SECRET }).keys));
  });

  it('refuses a second read of other data, and withholds the message of a reading error', async () => {
    const extract = readRows(rows, schema);
    const other = rows.map((r) => (r.pid === 'c' ? { ...r, pid: 'd' } : r));
    await expect(recordKeysFromReader({ extract, schema, read: (s) => readRows(other, s), secret: SECRET })).rejects.toThrow(/not the extract's data/);
    const failing = (): never => {
      throw new PrikkError('INVALID_VALUE', "rows: row 3, column 'pid': the value 'c-secret-id' is bad", { row: 3, column: 'pid' });
    };
    const err = (await recordKeysFromReader({ extract, schema, read: failing, secret: SECRET }).catch((e: unknown) => e)) as PrikkError;
    expect(err).toBeInstanceOf(PrikkError);
    expect(err.code).toBe('INVALID_VALUE');
    expect(err.message).not.toContain('c-secret-id');
    expect(err.message).toMatch(/row 3/);
    await expect(recordKeysFromReader({ extract, schema, read: (s) => readRows(rows, s), secret: 'short' })).rejects.toThrow(/at least 32 bytes/);
  });
});
