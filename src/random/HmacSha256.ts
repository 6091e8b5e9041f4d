import { createHash } from 'node:crypto';

/** SHA-256 round constants (FIPS 180-4 §4.2.2). */
const K = Int32Array.of(
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
);
/** SHA-256 initial hash value (FIPS 180-4 §5.3.3). */
const IV = Int32Array.of(0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19);

/**
 * HMAC-SHA256 (RFC 2104, FIPS 198-1, over SHA-256 of FIPS 180-4) for many short messages under one key: the states
 * after the key blocks (key ⊕ ipad, key ⊕ opad) are computed once, so each message costs its own blocks plus one outer
 * block, with no allocation. Record keys of the cell key method need one HMAC per person (millions, of short ids):
 * measured on 1,000,000 ids of 8 bytes (2-core machine, Node 20, median of 5 runs), this class takes 1.5 µs per id,
 * `node:crypto`'s `createHmac` 5.4 µs (an object and a native call per id; 5.2 µs with a prepared `KeyObject`): 3.6
 * times as much (bench/recordKeys.bench.ts). The one HMAC of the code base: record keys (`recordKeysFromIds`, the reader's `recordKeys` option)
 * and the secret's fingerprint (`secretFingerprint`) use it. Checked against `createHmac` on random keys and
 * messages, at every padding boundary, and on RFC 4231's test vectors (tests/random/HmacSha256.test.ts).
 *
 * Cost: one SHA-256 compression per 64 bytes of message (+ 9 bytes of padding), plus one; O(1) memory.
 *
 * @example
 * const mac = new HmacSha256(new Uint8Array(131).fill(0xaa));
 * mac.firstWord(new TextEncoder().encode('Test Using Larger Than Block-Size Key - Hash Key First')) // 0x60e43159 (RFC 4231 §4.7)
 */
export class HmacSha256 {
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly state = new Int32Array(8);
  /** The message schedule: words 0..15 are the block being hashed, 16..63 are computed by `compress`. */
  private readonly w = new Int32Array(64);

  constructor(key: Uint8Array) {
    const k = key.length > 64 ? new Uint8Array(createHash('sha256').update(key).digest()) : key;
    const pad = new Uint8Array(64);
    for (const [mask, target] of [[0x36, this.inner], [0x5c, this.outer]] as const) {
      pad.fill(mask);
      for (let i = 0; i < k.length; i++) pad[i] = k[i]! ^ mask;
      target.set(IV);
      this.load(pad, 0, 64);
      compress(target, this.w);
    }
  }

  /** The 32-byte HMAC of `message`. */
  digest(message: Uint8Array): Uint8Array {
    this.run(message);
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++) {
      const x = this.state[i]!;
      out[4 * i] = x >>> 24;
      out[4 * i + 1] = (x >>> 16) & 0xff;
      out[4 * i + 2] = (x >>> 8) & 0xff;
      out[4 * i + 3] = x & 0xff;
    }
    return out;
  }

  /** The first 4 bytes of the HMAC of `message`, read big-endian, as an unsigned 32-bit integer. */
  firstWord(message: Uint8Array): number {
    this.run(message);
    return this.state[0]! >>> 0;
  }

  /** Never the key's state (it computes every HMAC under the key, like the key itself). */
  toJSON(): { readonly algorithm: 'HMAC-SHA256' } {
    return { algorithm: 'HMAC-SHA256' };
  }

  /**
   * Leaves the HMAC of `message` in `state`: SHA-256 of (key ⊕ ipad, message) from the saved state after the key
   * block, then SHA-256 of (key ⊕ opad, inner digest) likewise (RFC 2104 §2).
   */
  private run(message: Uint8Array): void {
    const n = message.length;
    const st = this.state;
    const w = this.w;
    st.set(this.inner);
    let off = 0;
    for (; off + 64 <= n; off += 64) {
      this.load(message, off, 64);
      compress(st, w);
    }
    // The last block(s): the rest of the message, the byte 0x80, zeros, and the bit length of (64 + n) bytes as a
    // 64-bit big-endian integer in the last 8 bytes; two blocks when the rest has 56 bytes or more.
    const rest = n - off;
    this.load(message, off, rest);
    w[rest >> 2] = w[rest >> 2]! | (0x80 << (24 - ((rest & 3) << 3)));
    if (rest + 9 > 64) {
      compress(st, w);
      w.fill(0, 0, 16);
    }
    const bits = (64 + n) * 8;
    w[14] = Math.floor(bits / 2 ** 32);
    w[15] = bits | 0;
    compress(st, w);
    // Outer hash: one block holding the 32-byte inner digest, 0x80, zeros and the length 96 bytes = 768 bits.
    for (let i = 0; i < 8; i++) w[i] = st[i]!;
    w[8] = 0x80000000 | 0;
    w.fill(0, 9, 15);
    w[15] = 768;
    st.set(this.outer);
    compress(st, w);
  }

  /** Sets words 0..15 of the schedule to `bytes[start..start + length)` (length <= 64) read big-endian, zero-padded. */
  private load(bytes: Uint8Array, start: number, length: number): void {
    const w = this.w;
    const full = length >> 2;
    let i = start;
    for (let t = 0; t < full; t++, i += 4) w[t] = (bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
    let t = full;
    if ((length & 3) !== 0) {
      let last = 0;
      for (let q = 0; q < (length & 3); q++) last |= bytes[i + q]! << (24 - 8 * q);
      w[t++] = last;
    }
    for (; t < 16; t++) w[t] = 0;
  }
}

/**
 * The SHA-256 compression function (FIPS 180-4 §6.2.2) of the block in `w[0..16)` into the state `st`; fills
 * `w[16..64)` with the rest of the message schedule on the way.
 *
 * Readable version (the loop below computes W[t] for t >= 16 inside the rounds, which V8 runs about 25 % faster):
 * ```
 * for t in 16..63: W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16]
 * a..h = st[0..7]
 * for t in 0..63:
 *   T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t];  T2 = Σ0(a) + Maj(a, b, c)
 *   h = g; g = f; f = e; e = d + T1; d = c; c = b; b = a; a = T1 + T2
 * st[i] += a..h
 * ```
 */
function compress(st: Int32Array, w: Int32Array): void {
  let a = st[0]!;
  let b = st[1]!;
  let c = st[2]!;
  let d = st[3]!;
  let e = st[4]!;
  let f = st[5]!;
  let g = st[6]!;
  let h = st[7]!;
  for (let t = 0; t < 16; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15]!;
    const y = w[t - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    const wt = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    w[t] = wt;
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t]! + wt) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  st[0] = (st[0]! + a) | 0;
  st[1] = (st[1]! + b) | 0;
  st[2] = (st[2]! + c) | 0;
  st[3] = (st[3]! + d) | 0;
  st[4] = (st[4]! + e) | 0;
  st[5] = (st[5]! + f) | 0;
  st[6] = (st[6]! + g) | 0;
  st[7] = (st[7]! + h) | 0;
}
