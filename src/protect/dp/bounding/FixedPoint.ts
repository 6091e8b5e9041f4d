import { PrikkError } from '../../../errors/PrikkError.js';
import { div, formatRational, type Rational, toNumber } from '../rational/Rational.js';
import { type RationalInput, toRational } from '../rational/toRational.js';

/**
 * The fixed-point form of a measure for DP sums: values are clamped to `[lower, upper]` and counted in whole units
 * of `resolution` (e.g. 0.01 for cost in øre, 1 for days). Sums are then sums of integers, so the sensitivity of a
 * sum is exactly `maxRowsPerPartition × max(|lowerUnits|, |upperUnits|)` units, and the released value is units ×
 * resolution. This is what takes away the floating-point attacks on sums: the noise is integer noise on an integer,
 * with no rounding that depends on the data's order or magnitude (Casacuberta et al. 2022, "Widespread
 * Underestimation of Sensitivity in Differentially Private Libraries and How to Fix It"; Haney et al. 2022,
 * "Precision-based attacks and interval refining").
 */
export interface FixedPoint {
  readonly lower: Rational;
  readonly upper: Rational;
  readonly resolution: Rational;
  /** lower / resolution, a whole number. */
  readonly lowerUnits: number;
  /** upper / resolution, a whole number. */
  readonly upperUnits: number;
  /** max(|lowerUnits|, |upperUnits|): the most one row can move a sum, in units. */
  readonly maxAbsUnits: number;
}

/** Largest |bound| in units: keeps units × rows exact in doubles for extracts up to 2^23 rows (checked per query). */
const MAX_UNITS = 2 ** 30;

/**
 * Builds the fixed-point form of `[lower, upper]` at `resolution`.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when resolution <= 0, lower > upper, a bound is not a whole multiple of the
 * resolution, or a bound exceeds 2^30 units.
 * @example
 * fixedPoint({ lower: 0, upper: 500000, resolution: 1 }, 'cost') // lowerUnits 0, upperUnits 500000
 * fixedPoint({ lower: 0, upper: 30, resolution: '0.5' }, 'los')  // upperUnits 60
 */
export function fixedPoint(spec: { lower: RationalInput; upper: RationalInput; resolution: RationalInput }, where: string): FixedPoint {
  const lower = toRational(spec.lower, `${where}: lower`);
  const upper = toRational(spec.upper, `${where}: upper`);
  const resolution = toRational(spec.resolution, `${where}: resolution`);
  if (resolution.num <= 0n) throw new PrikkError('INVALID_ARGUMENT', `${where}: resolution: expected a value > 0, got ${formatRational(resolution)}`);
  const lu = div(lower, resolution);
  const uu = div(upper, resolution);
  if (lu.den !== 1n || uu.den !== 1n) {
    throw new PrikkError(
      'INVALID_ARGUMENT',
      `${where}: lower (${formatRational(lower)}) and upper (${formatRational(upper)}) must be whole multiples of the resolution (${formatRational(resolution)})`,
    );
  }
  if (lu.num > uu.num) throw new PrikkError('INVALID_ARGUMENT', `${where}: expected lower <= upper, got ${formatRational(lower)} > ${formatRational(upper)}`);
  const big = BigInt(MAX_UNITS);
  if (lu.num < -big || uu.num > big) {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: the bounds span more than 2^30 units of the resolution; use a coarser resolution`);
  }
  const lowerUnits = Number(lu.num);
  const upperUnits = Number(uu.num);
  return Object.freeze({
    lower,
    upper,
    resolution,
    lowerUnits,
    upperUnits,
    maxAbsUnits: Math.max(Math.abs(lowerUnits), Math.abs(upperUnits)),
  });
}

/**
 * Converts a measure column to clamped whole units: `clamp(round(v / resolution), lowerUnits, upperUnits)`
 * (round half away from zero). The division is in floating point, but it only decides which whole unit a row
 * gets; the clamp is on the integer, so no row moves a sum by more than `maxAbsUnits`, whatever its value.
 * Missing values (NaN) become NaN and the query drops those rows.
 *
 * Cost: one pass over the rows.
 */
export function toUnits(values: Float64Array, fp: FixedPoint): Float64Array {
  const out = new Float64Array(values.length);
  const inv = 1 / toNumber(fp.resolution);
  const lo = fp.lowerUnits;
  const hi = fp.upperUnits;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // Readable: out[i] = clamp(roundHalfAwayFromZero(v / resolution), lo, hi)
    const x = v * inv;
    let u = x < 0 ? -Math.round(-x) : Math.round(x);
    if (u < lo) u = lo;
    else if (u > hi) u = hi;
    out[i] = u; // NaN stays NaN: comparisons with NaN are false
  }
  return out;
}
