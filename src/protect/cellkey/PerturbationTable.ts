import { createHash } from 'node:crypto';
import { PrikkError } from '../../errors/PrikkError.js';
import type { PTableParameters } from './createPTable.js';

/**
 * What a perturbation table perturbs: `counts` (frequency tables; row i is the noise of an original count i, the last
 * row serves every larger count) or `magnitudes` (the cellKey package's tables for sums; rows at the classes `icat`,
 * looked up with the ratio of a cell's value to its noise scale, see `perturbMagnitudes`).
 */
export type PerturbationTableKind = 'counts' | 'magnitudes';

/** One row of a perturbation table as given: original value `i`, target values `j` with probabilities `p`. */
export interface PerturbationRowInit {
  /** Required. The original value (a non-negative integer for counts). */
  readonly i: number;
  /** Required. Target values in ascending order, all >= 0 (a perturbed value is never negative). */
  readonly j: readonly number[];
  /** Required. Probability of each target value; they sum to 1 (within 1e-6). */
  readonly p: readonly number[];
  /**
   * Defaults to the running sum of `p`. The cumulative upper bounds of the lookup intervals (tau-ARGUS' `p_ij_ub`,
   * the ptable package's `p_int_ub`); when given, they must agree with the running sum of `p` within 1e-6.
   */
  readonly ub?: readonly number[];
}

/** The fields of a {@link PerturbationTable}. */
export interface PerturbationTableInit {
  /** Defaults to `counts`. */
  readonly kind?: PerturbationTableKind;
  /** Required. One row per original value, ascending; for counts exactly the values 0, 1, ..., maxI. */
  readonly rows: readonly PerturbationRowInit[];
  /** Required. Where the table comes from, for the manifest (a file path, `generated`, `Handbook on SDC 2024, §5.4`). */
  readonly source: string;
  /** Defaults to none. The parameters the table was generated from (set by `createPTable`). */
  readonly parameters?: PTableParameters;
}

/** One row of a {@link PerturbationTable}: the noise distribution of an original value. */
export interface PerturbationRow {
  readonly i: number;
  /** Target values, ascending. */
  readonly j: Float64Array;
  /** Noise `j - i`. */
  readonly v: Float64Array;
  /** Probabilities. */
  readonly p: Float64Array;
  /** Cumulative upper bounds of the lookup intervals; the last is exactly 1. */
  readonly ub: Float64Array;
}

/**
 * Parameters of the noise of one row: mean, variance, largest absolute noise (with positive probability), expected
 * absolute error `Σ p |v|`, the probability that the value stays unchanged, and the root mean squared error.
 */
export interface NoiseDistribution {
  readonly i: number;
  readonly mean: number;
  readonly variance: number;
  readonly maxNoise: number;
  readonly expectedAbsoluteError: number;
  readonly rootMeanSquaredError: number;
  readonly pNoChange: number;
}

/** Largest allowed deviation between a row's probabilities and 1, or between given bounds and the running sum. */
const TOLERANCE = 1e-6;
const TWO_32 = 2 ** 32;

function bad(source: string, message: string): PrikkError {
  return new PrikkError('INVALID_ARGUMENT', `PerturbationTable (${source}): ${message}`);
}

/**
 * A perturbation table ("p-table") of the cell key method: for each original value i, a discrete noise distribution
 * stored as target values j with probabilities p and cumulative upper bounds ub. A cell key k in [0, 1) selects the
 * first entry whose upper bound exceeds it: noise `v = j - i` where `ub[t-1] <= k < ub[t]` (the interval convention
 * of the cellKey package's lookup, `cellkey < ub`; the Handbook on SDC writes `lb < k <= ub`, which differs only when
 * a key falls exactly on a bound). Looking up a uniform key this way draws from the row's distribution (inverse
 * distribution function), and the same key always gives the same noise.
 *
 * For counts the rows are 0..maxI; a count larger than maxI uses the last row (its distribution is symmetric in the
 * tables of tau-ARGUS and the ptable package), as tau-ARGUS does. Row 0 must be "0 stays 0" (j = 0 with p = 1):
 * empty cells stay empty, so structural zeros are not disturbed and no cell appears from nothing.
 *
 * Sources: Thompson, Broadfoot & Elazar (2013), ABS, "Methodology for the automatic confidentialisation of statistical
 * outputs from remote servers"; Giessing & Tent (2019), UNECE SDC work session; tau-ARGUS 4.2 (`PTable.cpp`, reads
 * `i;j;p;v;p_ij_ub`); the R packages ptable (Enderle) and cellKey (Meindl).
 *
 * Immutable. Cost: construction O(entries); a lookup O(entries of the row), at most 2D + 1.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming the row for: rows not ascending (counts: not exactly 0..maxI), a
 * non-integer i or j in a counts table, a negative j, j not ascending, probabilities not in [0, 1] or not summing to
 * 1, bounds that disagree with the probabilities, or a row 0 that does not keep 0 at 0.
 * @example
 * // The Handbook on SDC's fictional table (2024, §5.4, "Fictional example of a p-table"):
 * const t = new PerturbationTable({ source: 'handbook', rows: [
 *   { i: 0, j: [0], p: [1] }, { i: 1, j: [0, 2], p: [0.5, 0.5] },
 *   { i: 2, j: [2, 3], p: [0.8, 0.2] }, { i: 3, j: [2, 3, 4], p: [0.3, 0.4, 0.3] } ] });
 * t.noiseOfCount(3, 0.8) // 1 (0.7 <= 0.8 < 1): the count 3 is published as 4
 * t.js                   // 1 (no published 1s)
 */
export class PerturbationTable {
  readonly kind: PerturbationTableKind;
  readonly source: string;
  readonly rows: readonly PerturbationRow[];
  /** The largest original value with a row of its own. */
  readonly maxI: number;
  /** The largest absolute noise with positive probability, over all rows (D). */
  readonly maxNoise: number;
  /**
   * The largest s such that no original value >= 1 is ever published as 1..s (0 when a 1 can be published): the
   * ptable package's `js` ("no perturbed 1s or 2s" is js = 2). Counts tables only (0 for magnitudes).
   */
  readonly js: number;
  /** sha256 (hex) of a canonical serialisation of kind and rows: identifies the table in a manifest. */
  readonly sha256: string;
  readonly parameters: PTableParameters | undefined;
  /** Per row: `ub × 2^32`, the last exactly 2^32, so that a 32-bit fixed-point key u looks up with `u < ubScaled`. */
  private readonly ubScaled: readonly Float64Array[];

  constructor(init: PerturbationTableInit) {
    const source = typeof init?.source === 'string' && init.source !== '' ? init.source : undefined;
    if (source === undefined) throw new PrikkError('INVALID_ARGUMENT', 'PerturbationTable: source must be a non-empty string');
    const kind = init.kind ?? 'counts';
    if (kind !== 'counts' && kind !== 'magnitudes') throw bad(source, `kind must be 'counts' or 'magnitudes', got '${String(kind)}'`);
    if (!Array.isArray(init.rows) || init.rows.length < 2) throw bad(source, 'expected at least two rows (0 and one more)');
    const rows: PerturbationRow[] = [];
    const scaled: Float64Array[] = [];
    let maxNoise = 0;
    let minPositiveTarget = Infinity;
    init.rows.forEach((r, index) => {
      const at = `row ${index} (i = ${String(r?.i)})`;
      if (typeof r !== 'object' || r === null) throw bad(source, `row ${index}: expected { i, j, p }`);
      if (!Number.isFinite(r.i) || r.i < 0) throw bad(source, `${at}: i must be a finite number >= 0`);
      if (kind === 'counts' && (!Number.isInteger(r.i) || r.i !== index)) {
        throw bad(source, `${at}: a counts table needs the rows i = 0, 1, 2, ... in order, expected i = ${index}`);
      }
      if (kind === 'magnitudes' && index > 0 && !(r.i > rows[index - 1]!.i)) throw bad(source, `${at}: rows must be in ascending order of i`);
      if (!Array.isArray(r.j) || !Array.isArray(r.p) || r.j.length === 0 || r.j.length !== r.p.length) {
        throw bad(source, `${at}: j and p must be non-empty arrays of the same length`);
      }
      if (r.ub !== undefined && (!Array.isArray(r.ub) || r.ub.length !== r.j.length)) throw bad(source, `${at}: ub must have one bound per j`);
      const n = r.j.length;
      const j = Float64Array.from(r.j);
      const p = Float64Array.from(r.p);
      const v = new Float64Array(n);
      const ub = new Float64Array(n);
      let cum = 0;
      for (let t = 0; t < n; t++) {
        const jt = j[t]!;
        const pt = p[t]!;
        if (!Number.isFinite(jt) || jt < 0) throw bad(source, `${at}: j = ${jt} must be a finite number >= 0 (no negative published value)`);
        if (kind === 'counts' && !Number.isInteger(jt)) throw bad(source, `${at}: j = ${jt} must be an integer in a counts table`);
        if (t > 0 && !(jt > j[t - 1]!)) throw bad(source, `${at}: j must be strictly ascending (${j[t - 1]} then ${jt})`);
        if (!(pt >= 0 && pt <= 1)) throw bad(source, `${at}: p = ${pt} for j = ${jt} must be in [0, 1]`);
        cum += pt;
        v[t] = jt - r.i;
        if (r.ub !== undefined) {
          const given = r.ub[t]!;
          if (!Number.isFinite(given) || Math.abs(given - cum) > TOLERANCE) {
            throw bad(source, `${at}: the upper bound ${given} for j = ${jt} disagrees with the running sum of p (${cum})`);
          }
          if (t > 0 && given < ub[t - 1]!) throw bad(source, `${at}: upper bounds must not decrease (${ub[t - 1]} then ${given})`);
          ub[t] = given;
        } else {
          ub[t] = cum;
        }
        if (pt > 0) {
          if (Math.abs(v[t]!) > maxNoise) maxNoise = Math.abs(v[t]!);
          if (r.i >= 1 && jt > 0 && jt < minPositiveTarget) minPositiveTarget = jt;
        }
      }
      if (Math.abs(cum - 1) > TOLERANCE) throw bad(source, `${at}: the probabilities sum to ${cum}, expected 1`);
      ub[n - 1] = 1;
      if (index === 0 && (r.i !== 0 || j.some((x, t) => x !== 0 && p[t]! > 0))) {
        throw bad(source, `${at}: the first row must be i = 0 with j = 0 and p = 1 (zeros stay zero)`);
      }
      const s = Float64Array.from(ub, (x) => x * TWO_32);
      s[n - 1] = TWO_32;
      rows.push(Object.freeze({ i: r.i, j, v, p, ub }));
      scaled.push(s);
    });
    this.kind = kind;
    this.source = source;
    this.rows = Object.freeze(rows);
    this.ubScaled = scaled;
    this.maxI = rows[rows.length - 1]!.i;
    this.maxNoise = maxNoise;
    this.js = kind === 'counts' && Number.isFinite(minPositiveTarget) ? minPositiveTarget - 1 : 0;
    this.parameters = init.parameters;
    const hash = createHash('sha256');
    hash.update(`prikk.ptable/1\n${kind}\n`);
    for (const r of rows) hash.update(`${r.i};${Array.from(r.j).join(',')};${Array.from(r.p).join(',')}\n`);
    this.sha256 = hash.digest('hex');
    Object.freeze(this);
  }

  /**
   * The index in {@link rows} of the row that serves an original count: the count itself up to maxI, the last row
   * above. Counts tables only.
   * @throws {PrikkError} `INVALID_ARGUMENT` for a count that is not a non-negative integer, or a magnitudes table.
   */
  rowOfCount(count: number): number {
    if (this.kind !== 'counts') throw new PrikkError('INVALID_ARGUMENT', 'PerturbationTable.rowOfCount: this is a magnitudes table');
    if (!Number.isInteger(count) || count < 0) {
      throw new PrikkError('INVALID_ARGUMENT', `PerturbationTable.rowOfCount: expected a non-negative integer count, got ${count}`);
    }
    return count < this.maxI ? count : this.rows.length - 1;
  }

  /**
   * The noise of row `row` (an index into {@link rows}) for the 32-bit fixed-point key `u` (the key is u / 2^32):
   * `v[t]` for the first t with `u < ub[t] × 2^32`. Cost: O(row length).
   */
  noiseAt(row: number, u: number): number {
    const s = this.ubScaled[row]!;
    const v = this.rows[row]!.v;
    // Readable: the first t with u / 2^32 < ub[t].
    let t = 0;
    while (u >= s[t]!) t++;
    return v[t]!;
  }

  /**
   * The noise for an original count and a cell key in [0, 1) given as a number: the row of the count (the last row
   * for counts above maxI), then the first interval whose upper bound exceeds the key.
   * @throws {PrikkError} `INVALID_ARGUMENT` for a key outside [0, 1) or a bad count.
   * @example
   * handbook.noiseOfCount(3, 0.8) // 1
   */
  noiseOfCount(count: number, key: number): number {
    if (!(key >= 0 && key < 1)) throw new PrikkError('INVALID_ARGUMENT', `PerturbationTable.noiseOfCount: expected a key in [0, 1), got ${key}`);
    const row = this.rowOfCount(count);
    // key × 2^32 is exact; comparing it with ub × 2^32 is comparing key with ub.
    return this.noiseAt(row, key * TWO_32);
  }

  /** Mean, variance, maximum noise and expected absolute error of the row at index `row`. Cost: O(row length). */
  distribution(row: number): NoiseDistribution {
    const r = this.rows[row];
    if (r === undefined) throw new PrikkError('INVALID_ARGUMENT', `PerturbationTable.distribution: no row ${row}`);
    let mean = 0;
    let second = 0;
    let abs = 0;
    let max = 0;
    let stay = 0;
    for (let t = 0; t < r.v.length; t++) {
      const v = r.v[t]!;
      const p = r.p[t]!;
      mean += p * v;
      second += p * v * v;
      abs += p * Math.abs(v);
      if (p > 0 && Math.abs(v) > max) max = Math.abs(v);
      if (v === 0) stay += p;
    }
    return Object.freeze({
      i: r.i,
      mean,
      variance: second - mean * mean,
      maxNoise: max,
      expectedAbsoluteError: abs,
      rootMeanSquaredError: Math.sqrt(second),
      pNoChange: stay,
    });
  }

  /** {@link distribution} of every row, in row order. */
  distributions(): NoiseDistribution[] {
    return this.rows.map((_, r) => this.distribution(r));
  }

  /** A plain summary for a manifest: kind, source, sha256, maxI, maxNoise, js, the last row's noise and the parameters. */
  toJSON(): Record<string, unknown> {
    const last = this.distribution(this.rows.length - 1);
    return {
      kind: this.kind,
      source: this.source,
      sha256: this.sha256,
      maxI: this.maxI,
      maxNoise: this.maxNoise,
      js: this.js,
      largeValueNoise: last,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}
