import type { CellTable } from '../../aggregate/CellTable.js';
import type { NoiseDistribution } from './PerturbationTable.js';

/** The statement every cell key release carries: perturbed tables are not additive. */
export const NOT_ADDITIVE =
  'Perturbed with the cell key method: every cell, margins included, gets its own noise, so a margin need not equal the sum of its perturbed children; add up published cells only knowing that their noise adds up too.';

/** The noise of the counts: every p-table row's distribution, and the one every count of at least maxI gets. */
export interface CountNoise {
  /** Per original count 0..maxI: mean, variance, maximum noise, expected absolute error. */
  readonly byOriginalCount: readonly NoiseDistribution[];
  /** The distribution of every count >= maxI (the p-table's last row): its variance and maximum are "the" V and D. */
  readonly largeCounts: NoiseDistribution;
}

/** The noise of the sums, in units of the contributions it scales with. */
export interface MagnitudeNoise {
  readonly measures: readonly string[];
  readonly p: number;
  readonly epsilon: readonly number[];
  /** The magnitudes p-table's last row (noise in units of `x_j × p × ε_j`). */
  readonly largeCells: NoiseDistribution;
  /**
   * Standard deviation of a large cell's noise relative to its largest contribution when that one dominates:
   * `p × √V` (times `√(Σ ε_j² (x_j / x_1)²)` with more contributors).
   */
  readonly relativeStandardDeviation: number;
  /** Upper bound of |noise| / x_1 for a large cell: `p × D × Σ ε_j`. */
  readonly maxRelativeNoise: number;
}

/**
 * The result of {@link cellKeyPerturbation}: the table to release and what a manifest needs to explain it.
 * Nothing here reveals an unperturbed value or a record key.
 */
export interface CellKeyResult {
  /**
   * The perturbed table: `persons` and `rows` (and every sum) hold the published, perturbed values, statuses are the
   * input table's (`published` cells publish perturbed values), and the top contributions are dropped (single
   * persons' values are never released).
   */
  readonly table: CellTable;
  readonly method: 'cell-key';
  /** Always false: see {@link NOT_ADDITIVE}. */
  readonly additive: false;
  readonly note: string;
  /** For the manifest: the p-tables (source, sha256, D, V, js), the record keys' source and the lookup rule. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly noise: { readonly counts: CountNoise; readonly magnitudes?: MagnitudeNoise };
}
