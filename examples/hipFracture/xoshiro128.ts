/**
 * A small, fast, seeded pseudo-random generator for the synthetic example extract and the benchmarks:
 * xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2018), state seeded from a
 * 32-bit seed with splitmix32. Period 2^128 - 1; passes BigCrush.
 *
 * Example data only. It is predictable by design and must never be used for privacy noise or any other
 * randomness in `src/` (prikk draws those from a `RandomSource`).
 *
 * Cost: a handful of 32-bit integer operations per draw.
 *
 * @example
 * const rng = xoshiro128(42);
 * rng.uint32()  // 32-bit unsigned integer, the same for every run with seed 42
 * rng.float()   // a number in [0, 1) built from 32 random bits
 */
export interface Xoshiro128 {
  /** A uniform integer in `[0, 2^32)`. */
  uint32(): number;
  /** A uniform number in `[0, 1)` (32 bits of resolution). */
  float(): number;
}

/** Creates a xoshiro128** generator from a 32-bit integer seed (any integer; it is taken modulo 2^32). */
export function xoshiro128(seed: number): Xoshiro128 {
  // splitmix32 expands the seed into four state words.
  let sm = seed >>> 0;
  const splitmix = (): number => {
    sm = (sm + 0x9e3779b9) | 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  return xoshiro128FromState(splitmix(), splitmix(), splitmix(), splitmix());
}

/**
 * Creates a xoshiro128** generator from its four 32-bit state words (not all zero), as in the reference C code;
 * for known-answer tests.
 *
 * @example
 * const r = xoshiro128FromState(1, 2, 3, 4);
 * [r.uint32(), r.uint32(), r.uint32()] // [11520, 0, 5927040]
 */
export function xoshiro128FromState(s0: number, s1: number, s2: number, s3: number): Xoshiro128 {
  let a = s0 | 0;
  let b = s1 | 0;
  let c = s2 | 0;
  let d = s3 | 0;
  if ((a | b | c | d) === 0) a = 1;
  const uint32 = (): number => {
    // result = rotl(s[1] * 5, 7) * 9
    const t = Math.imul(b, 5);
    const result = Math.imul((t << 7) | (t >>> 25), 9) >>> 0;
    const shifted = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= shifted;
    d = (d << 11) | (d >>> 21);
    return result;
  };
  return {
    uint32,
    float: () => uint32() / 4294967296,
  };
}
