import { PrikkError } from '../../../errors/PrikkError.js';
import type { PrivacyLoss } from '../budget/PrivacyLoss.js';
import type { NoiseDistribution } from '../noise/NoiseDistribution.js';
import type { DpCubeDimension } from './DpCube.js';

/** The noise of one (component, level) query of a DP table. */
export interface DpNoiseLevel {
  /**
   * What was measured: distinct persons, rows, a sum (in units of the resolution), or for a mean the centred sum
   * Σ (2u − (lower + upper)) (in half units).
   */
  readonly component: 'persons' | 'rows' | 'sum' | 'centredSum';
  /** Level index (see {@link DpTable.level}); its depth in every dimension is `depths`. */
  readonly level: number;
  readonly depths: readonly number[];
  /** The noise added to every cell of this level, with its exact parameter. */
  readonly distribution: NoiseDistribution;
  /** The sensitivities the noise is calibrated to (in counts, or units of the resolution for sums). */
  readonly l1: bigint;
  readonly l2Squared: bigint;
  /** The privacy loss of this level's query. */
  readonly loss: PrivacyLoss;
}

/** The fields of a {@link DpTable}; see the class. */
export interface DpTableInit {
  readonly label: string;
  readonly statistic: string;
  readonly dimensions: readonly DpCubeDimension[];
  readonly released: Float64Array;
  readonly noisy: Float64Array;
  readonly postProcessed: Uint8Array;
  readonly ciLower: Float64Array;
  readonly ciUpper: Float64Array;
  readonly sd: Float64Array;
  readonly level: Uint32Array;
  readonly noise: readonly DpNoiseLevel[];
  readonly loss: PrivacyLoss;
  readonly consistent: boolean;
  readonly confidence: number;
  readonly ciExact: boolean;
  readonly margins: 'allLevels' | 'finestOnly';
}

/**
 * The result of a DP table query: a dense cube over every node of every dimension's hierarchy (the same layout as
 * `CellTable`: row-major over the hierarchies' node counts, the last dimension fastest), with per cell the released
 * value, the raw noisy value, whether post-processing changed it, a confidence interval and the noise's standard
 * deviation. Every array is safe to publish: nothing here is an unprotected value.
 *
 * - `released`: what to publish; with post-processing, non-negative whole numbers (counts, sums of non-negative
 *   measures) consistent with their margins (see `fitConsistent`).
 * - `noisy`: true value + noise (margins of a `finestOnly` table: the sum of the noisy finest cells).
 * - `ciLower` / `ciUpper`: an interval that holds the true (bounded) value with probability at least `confidence`,
 *   from the exact noise distribution around the noisy value, clipped at 0 for counts (NaN for means).
 * - `sd`: the standard deviation of the noise in the noisy value (NaN for means).
 *
 * Values describe the data after contribution bounding (rows dropped beyond the bounds are not counted).
 *
 * @example
 * const t = dpCrossTable(extract, { ... }).evaluate();
 * const i = t.indexOf({ hospital: 'Ullevål' });   // the hospital's total over the other dimensions
 * t.released[i]; t.ciLower[i]; t.ciUpper[i]; t.postProcessed[i] // e.g. 212, 196, 230, 1
 */
export class DpTable {
  readonly label: string;
  /** What the cells hold, e.g. `persons` or `sum of cost (resolution 1, clamped to [0, 500000])`. */
  readonly statistic: string;
  readonly dimensions: readonly DpCubeDimension[];
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly cellCount: number;
  readonly released: Float64Array;
  readonly noisy: Float64Array;
  readonly postProcessed: Uint8Array;
  readonly ciLower: Float64Array;
  readonly ciUpper: Float64Array;
  readonly sd: Float64Array;
  /** Level (one noise query) of each cell; `noise` describes each level's noise. */
  readonly level: Uint32Array;
  readonly noise: readonly DpNoiseLevel[];
  /** The privacy loss of the whole table. */
  readonly loss: PrivacyLoss;
  /** Whether every margin equals the sum of its children in `released`. */
  readonly consistent: boolean;
  readonly confidence: number;
  /** Whether every interval comes from the exact noise distribution (false: some margins use Chebyshev). */
  readonly ciExact: boolean;
  readonly margins: 'allLevels' | 'finestOnly';

  constructor(init: DpTableInit) {
    this.label = init.label;
    this.statistic = init.statistic;
    this.dimensions = init.dimensions;
    this.shape = init.dimensions.map((d) => d.hierarchy.size);
    const strides = new Array<number>(this.shape.length);
    let n = 1;
    for (let d = this.shape.length - 1; d >= 0; d--) {
      strides[d] = n;
      n *= this.shape[d]!;
    }
    this.strides = strides;
    this.cellCount = n;
    this.released = init.released;
    this.noisy = init.noisy;
    this.postProcessed = init.postProcessed;
    this.ciLower = init.ciLower;
    this.ciUpper = init.ciUpper;
    this.sd = init.sd;
    this.level = init.level;
    this.noise = init.noise;
    this.loss = init.loss;
    this.consistent = init.consistent;
    this.confidence = init.confidence;
    this.ciExact = init.ciExact;
    this.margins = init.margins;
    Object.freeze(this);
  }

  /** Node index of cell `cell` in dimension `d`. */
  nodeAt(cell: number, d: number): number {
    return Math.floor(cell / this.strides[d]!) % this.shape[d]!;
  }

  /** Labels of a cell by dimension name. */
  coords(cell: number): Record<string, string> {
    const out: Record<string, string> = {};
    this.dimensions.forEach((dim, d) => {
      out[dim.name] = dim.hierarchy.labels[this.nodeAt(cell, d)]!;
    });
    return out;
  }

  /**
   * Cell index from labels by dimension name; a dimension left out means its total.
   * @throws {PrikkError} `UNKNOWN_COLUMN` for a name that is not a dimension, `INVALID_VALUE` for an unknown label.
   */
  indexOf(coords: Readonly<Record<string, string>>): number {
    for (const name of Object.keys(coords)) {
      if (!this.dimensions.some((d) => d.name === name)) {
        throw new PrikkError('UNKNOWN_COLUMN', `DpTable.indexOf: '${name}' is not a dimension of this table`);
      }
    }
    let i = 0;
    this.dimensions.forEach((dim, d) => {
      const label = coords[dim.name];
      const node = label === undefined ? dim.hierarchy.size - 1 : dim.hierarchy.nodeOf(label);
      if (node < 0) throw new PrikkError('INVALID_VALUE', `DpTable.indexOf: '${label}' is not a key of dimension '${dim.name}'`);
      i += node * this.strides[d]!;
    });
    return i;
  }
}
