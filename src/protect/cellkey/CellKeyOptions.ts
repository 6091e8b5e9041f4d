import type { Filter } from '../../aggregate/Filter.js';
import type { PersonRow } from '../../aggregate/PersonRow.js';
import type { MagnitudeOptions } from './perturbMagnitudes.js';
import type { PerturbationTable } from './PerturbationTable.js';
import type { RecordKeys } from './RecordKeys.js';

/** The options of {@link cellKeyPerturbation} (the cell key method as a protection method of a release policy). */
export interface CellKeyOptions {
  /** Required. The counts p-table (`readPTable`, `parsePTable` or `createPTable`). */
  readonly ptable: PerturbationTable;
  /**
   * Required. The record keys: per person (`recordKeysFromExtract` for an extract read with the `recordKeys` option,
   * `recordKeysFromIds` / `recordKeysFromReader` with the registry secret, or `givenRecordKeys`), or per row for an
   * extract without a person column.
   */
  readonly recordKeys: RecordKeys;
  /** Required when the table has sums (they are never published unperturbed); see {@link MagnitudeOptions}. */
  readonly magnitudes?: MagnitudeOptions;
  /** Defaults to none. The filter the table was aggregated with. */
  readonly filter?: Filter;
  /** Defaults to none. The person-row choice the table was aggregated with (`aggregate`'s `personRow`). */
  readonly personRow?: PersonRow;
  /** Defaults to `error`. As the table's aggregation. */
  readonly unknownValues?: 'error' | 'exclude';
}
