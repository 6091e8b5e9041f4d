import { checkPersonRowShape } from '../../aggregate/checkPersonRowShape.js';
import { PrikkError } from '../../errors/PrikkError.js';
import type { CellKeyOptions } from './CellKeyOptions.js';
import { checkMagnitudeOptions } from './perturbMagnitudes.js';
import { PerturbationTable } from './PerturbationTable.js';
import { RecordKeys } from './RecordKeys.js';

const KNOWN = new Set(['ptable', 'recordKeys', 'magnitudes', 'filter', 'personRow', 'unknownValues']);

/**
 * Checks the options of the cell key method on their own, before any extract or table is looked at: a policy can
 * validate them when it is loaded.
 *
 * Cost: O(1) (plus the magnitude weights).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming the field: an unknown option, a p-table that is not a counts
 * `PerturbationTable`, record keys that are not `RecordKeys`, bad magnitude options or `unknownValues`.
 * @example
 * checkCellKeyOptions({ ptable: readPTable('tau.txt'), recordKeys }) // returns nothing
 * checkCellKeyOptions({ ptable: readPTable('tau.txt') })             // throws: recordKeys is required
 */
export function checkCellKeyOptions(options: CellKeyOptions): void {
  const where = 'cellKeyPerturbation';
  if (typeof options !== 'object' || options === null) throw new PrikkError('INVALID_ARGUMENT', `${where}: expected an options object { ptable, recordKeys, ... }`);
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) {
      const hint = key === 'secret' ? ' (derive the keys first: read with the option recordKeys and use recordKeysFromExtract, or recordKeysFromIds or recordKeysFromReader, which take the secret)' : '';
      throw new PrikkError('INVALID_ARGUMENT', `${where}: unknown option '${key}'${hint} (expected ${[...KNOWN].join(', ')})`);
    }
  }
  if (!(options.ptable instanceof PerturbationTable) || options.ptable.kind !== 'counts') {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: ptable is required: a counts PerturbationTable (readPTable, parsePTable or createPTable)`);
  }
  if (!(options.recordKeys instanceof RecordKeys)) {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: recordKeys is required: RecordKeys from recordKeysFromExtract, recordKeysFromIds, recordKeysFromReader or givenRecordKeys`);
  }
  if (options.magnitudes !== undefined) checkMagnitudeOptions(where, options.magnitudes);
  if (options.unknownValues !== undefined && options.unknownValues !== 'error' && options.unknownValues !== 'exclude') {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: unknownValues must be 'error' or 'exclude', got '${String(options.unknownValues)}'`);
  }
  if (options.filter !== undefined && (typeof options.filter !== 'object' || options.filter === null)) {
    throw new PrikkError('INVALID_ARGUMENT', `${where}: filter must be a Filter`);
  }
  if (options.personRow !== undefined) checkPersonRowShape(options.personRow, `${where}: personRow`);
}
