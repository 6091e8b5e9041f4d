import { PrikkError } from '../errors/PrikkError.js';
import type { RandomSource } from './RandomSource.js';

/**
 * A uniformly distributed integer in `[0, n)` for `1 <= n <= 2^32`, exactly: rejection sampling discards the
 * top `2^32 mod n` values, so no value is favoured (the modulo bias of `x % n` is what this avoids).
 *
 * Cost: expected fewer than 2 draws.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when n is not an integer in `[1, 2^32]`.
 * @example
 * uniformInt(cryptoRandomSource(), 6) // 0..5, each with probability 1/6
 */
export function uniformInt(source: RandomSource, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 0x1_0000_0000) {
    throw new PrikkError('INVALID_ARGUMENT', `uniformInt: expected n to be an integer in [1, 2^32], got ${n}`);
  }
  const limit = 0x1_0000_0000 - (0x1_0000_0000 % n);
  for (;;) {
    const x = source.nextUint32();
    if (x < limit) return x % n;
  }
}

/**
 * A uniformly distributed BigInt in `[0, n)` for any `n >= 1`, exactly, by rejection on the smallest power of
 * two at or above n (expected fewer than 2 rounds).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when n < 1.
 * @example
 * uniformBigInt(cryptoRandomSource(), 10n ** 30n) // 0n .. 10n**30n - 1n
 */
export function uniformBigInt(source: RandomSource, n: bigint): bigint {
  if (n < 1n) throw new PrikkError('INVALID_ARGUMENT', `uniformBigInt: expected n >= 1, got ${n}`);
  const bits = (n - 1n).toString(2).length;
  const words = Math.ceil(bits / 32);
  const topMask = bits % 32 === 0 ? 0xffffffff : (1 << bits % 32) - 1;
  for (;;) {
    let x = BigInt((source.nextUint32() & topMask) >>> 0);
    for (let i = 1; i < words; i++) x = (x << 32n) | BigInt(source.nextUint32());
    if (x < n) return x;
  }
}
