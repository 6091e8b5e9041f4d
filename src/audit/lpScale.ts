/** See {@link lpScale}. */
const LP_MAX_MAGNITUDE = 2 ** 16;

/**
 * The power of two by which a core's LP divides its values (bounds, right-hand sides, start, and so every column):
 * the smallest that brings the largest finite magnitude among `arrays` to at most 2^16 (1 when it is that already, as
 * in count tables). Why: HiGHS's feasibility tolerance is absolute (1e-7), while the round-off of sums of decimal
 * values grows with their size: on the example registry's costs by municipality × age × sex (dominance rule), a core
 * whose right-hand sides reach 7.6e7 NOK had the true table off its rows by 1.9e-7, and HiGHS answered "infeasible"
 * on every model and method; divided by 2^11 it solves. A power of two changes no digit of any value (only exponents),
 * so the model is the same LP in another unit, and nothing else changes for tables whose values stay below 2^16.
 *
 * Cost: one pass over the arrays.
 * @example
 * lpScale([Float64Array.of(0, 70_000_000), undefined]) // 2048 (70e6 / 2048 ≈ 34,180)
 * lpScale([Float64Array.of(3, -Infinity, 120)]) // 1
 * @internal
 */
export function lpScale(arrays: readonly (Float64Array | undefined)[]): number {
  let max = 0;
  for (const a of arrays) {
    if (!a) continue;
    for (const v of a) if (Number.isFinite(v) && Math.abs(v) > max) max = Math.abs(v);
  }
  if (!(max > LP_MAX_MAGNITUDE)) return 1;
  return 2 ** Math.ceil(Math.log2(max / LP_MAX_MAGNITUDE));
}
