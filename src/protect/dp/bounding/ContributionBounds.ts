import { PrikkError } from '../../../errors/PrikkError.js';

/** Largest accepted contribution bound: larger bounds make the noise useless long before they overflow. */
export const MAX_BOUND = 1_000_000;

/**
 * How much one person may contribute to a DP query, enforced before aggregation (rows beyond the bounds are dropped
 * at random, see `boundContributions`). These bounds are what make the sensitivity true: without them one person
 * with many rows could move a count by any amount.
 */
export interface ContributionBounds {
  /** Required. L0: the most partitions (finest cells of the table) one person contributes to. */
  readonly maxPartitionsPerPerson: number;
  /** Required. L∞: the most rows one person contributes to one partition. */
  readonly maxRowsPerPartition: number;
}

/**
 * Checks contribution bounds: both are required whole numbers in [1, 10^6].
 * @throws {PrikkError} `INVALID_ARGUMENT` naming the field.
 * @example checkBounds({ maxPartitionsPerPerson: 2, maxRowsPerPartition: 1 }, 'dpCrossTable') // returns the bounds
 */
export function checkBounds(bounds: ContributionBounds | undefined, where: string): ContributionBounds {
  if (!bounds || typeof bounds !== 'object') {
    throw new PrikkError(
      'INVALID_ARGUMENT',
      `${where}: bounds is required: { maxPartitionsPerPerson, maxRowsPerPartition } (contribution bounds make the privacy guarantee true)`,
    );
  }
  for (const field of ['maxPartitionsPerPerson', 'maxRowsPerPartition'] as const) {
    const v = bounds[field];
    if (!Number.isInteger(v) || v < 1 || v > MAX_BOUND) {
      throw new PrikkError('INVALID_ARGUMENT', `${where}: bounds.${field}: expected a whole number in [1, ${MAX_BOUND}], got ${String(v)}`);
    }
  }
  return Object.freeze({ maxPartitionsPerPerson: bounds.maxPartitionsPerPerson, maxRowsPerPartition: bounds.maxRowsPerPartition });
}
