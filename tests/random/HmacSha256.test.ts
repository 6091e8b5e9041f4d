import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HmacSha256 } from '../../src/random/HmacSha256.js';
import { secretFingerprint } from '../../src/random/secretFingerprint.js';

// The second implementation is node:crypto's createHmac (OpenSSL); the fixed values are RFC 4231's published vectors.

describe('HmacSha256', () => {
  it('equals node:crypto createHmac on random keys and messages (one, two and more blocks; keys above 64 bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 150 }), fc.array(fc.uint8Array({ minLength: 0, maxLength: 200 }), { minLength: 1, maxLength: 8 }), (key, messages) => {
        const mac = new HmacSha256(key);
        for (const m of messages) {
          const expected = createHmac('sha256', key).update(m).digest();
          expect(Buffer.from(mac.digest(m)).toString('hex')).toBe(expected.toString('hex'));
          expect(mac.firstWord(m)).toBe(expected.readUInt32BE(0));
        }
      }),
      { numRuns: 150, seed: 4 },
    );
    // Every padding boundary: messages of 0..130 bytes.
    const key = new Uint8Array(40).fill(7);
    const mac = new HmacSha256(key);
    for (let n = 0; n <= 130; n++) {
      const m = Uint8Array.from({ length: n }, (_, i) => (i * 31) & 0xff);
      expect(Buffer.from(mac.digest(m)).toString('hex')).toBe(createHmac('sha256', key).update(m).digest('hex'));
    }
  });
});

describe('HmacSha256 on RFC 4231', () => {
  it('gives the published HMAC-SHA-256 of test cases 1, 2 and 6', () => {
    // RFC 4231 §4.2: key = 20 bytes 0x0b, data = "Hi There".
    const hex = (mac: HmacSha256, text: string): string => Buffer.from(mac.digest(new TextEncoder().encode(text))).toString('hex');
    expect(hex(new HmacSha256(new Uint8Array(20).fill(0x0b)), 'Hi There')).toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
    // §4.3: key = "Jefe", data = "what do ya want for nothing?".
    expect(hex(new HmacSha256(new TextEncoder().encode('Jefe')), 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    // §4.7: key = 131 bytes 0xaa (longer than a block: hashed first).
    expect(hex(new HmacSha256(new Uint8Array(131).fill(0xaa)), 'Test Using Larger Than Block-Size Key - Hash Key First')).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });
});

describe('secretFingerprint', () => {
  it('is the first 8 bytes of HMAC-SHA256(secret, "prikk:cell-key:secret-fingerprint:v1"), as createHmac computes it', () => {
    const secret = 'registry-secret-0123456789abcdef-0123456789';
    const expected = createHmac('sha256', secret).update('prikk:cell-key:secret-fingerprint:v1').digest().subarray(0, 8).toString('hex');
    expect(secretFingerprint(secret)).toBe(expected);
    expect(secretFingerprint(new TextEncoder().encode(secret))).toBe(expected);
    expect(secretFingerprint(`${secret}!`)).not.toBe(expected);
  });
});
