/**
 * The key used for the j-th largest contributor of a cell (j = 0, 1, ...) in the magnitude perturbation: the cell key
 * itself for the largest (the cellKey package's default `same_key = TRUE`), and for the others a fixed bijective
 * scramble of it: the 32-bit finaliser of MurmurHash3 (`fmix32`, Appleby) applied to `cellKey + j × 0x9E3779B9`.
 *
 * The cellKey package derives these keys by rotating the decimal digits of the cell key (`.scramble_ckeys`); prikk's
 * keys are binary fixed point, so it uses this documented equivalent instead: a function of the cell key alone (the
 * same persons get the same noise in every table), uniform on 2^32 values whenever the cell key is (fmix32 and the
 * offset are bijections), and not a rotation of the same bits, so the noise terms of the contributors are not tied to
 * each other digit by digit. Results differ from the cellKey package's for j >= 1.
 *
 * Cost: O(1).
 * @example
 * contributorKey(0x12345678, 0) // 0x12345678
 * contributorKey(0x12345678, 1) // a different, fixed 32-bit value
 */
export function contributorKey(cellKey: number, j: number): number {
  if (j === 0) return cellKey >>> 0;
  let h = (cellKey + Math.imul(j, 0x9e3779b9)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
