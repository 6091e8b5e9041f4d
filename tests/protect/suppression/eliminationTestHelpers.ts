// Shared pieces of the Gaussian elimination's tests: random dimensions and arithmetic modulo a prime.
import fc from 'fast-check';
import type { Hierarchy } from '../../../src/hierarchy/Hierarchy.js';
import { flat, twoLevel } from '../../audit/tableHelpers.js';

/** Random dimension: flat (2-4 leaves) or two-level (groups of 1-3 and 1-2 leaves), named after its argument. */
export const randomDimension = fc.oneof(
  fc.integer({ min: 2, max: 4 }).map((k) => (name: string): Hierarchy => flat('T', Array.from({ length: k }, (_, i) => `${name}${i}`))),
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 })).map(
    ([a, b]) =>
      (name: string): Hierarchy =>
        twoLevel('T', { [`${name}G`]: Array.from({ length: a }, (_, i) => `${name}g${i}`), [`${name}H`]: Array.from({ length: b }, (_, i) => `${name}h${i}`) }),
  ),
);

/** The prime of the dense reference eliminations: products of two residues stay below 2^53, so doubles are exact. */
export const P = 1_000_003;

/** The inverse of `a` (1 <= a < P) modulo P, by Fermat: a^(P-2). */
export function invModP(a: number): number {
  let r = 1;
  let x = a;
  for (let e = P - 2; e > 0; e = Math.floor(e / 2)) {
    if (e % 2) r = (r * x) % P;
    x = (x * x) % P;
  }
  return r;
}
