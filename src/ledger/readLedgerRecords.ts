import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PrikkError } from '../errors/PrikkError.js';
import { checkLedgerName } from './checkLedgerName.js';
import type { LedgerRecord } from './LedgerRecord.js';
import { parseLedger } from './parseLedger.js';
import type { VerifyLedgerOptions } from './verifyLedger.js';

/**
 * The verified lines of one dataset's ledger, read-only: unlike `ReleaseLedger.open(...).records()`, it creates no
 * folder and takes no lock, so listing a mistyped dataset is an error and not a new empty ledger. For `prikk ledger
 * --dataset`.
 *
 * Cost: one read of the ledger, O(size).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a missing `dir` or an unsafe dataset name; `IO_ERROR` when the dataset
 * has no ledger in `dir` or it cannot be read; `LEDGER_CORRUPT` naming the file and the first line that does not
 * verify.
 * @example (await readLedgerRecords({ dir: './ledger', dataset: 'hip' })).length // 3
 */
export async function readLedgerRecords(options: VerifyLedgerOptions): Promise<readonly LedgerRecord[]> {
  if (typeof options?.dir !== 'string' || options.dir.length === 0) {
    throw new PrikkError('INVALID_ARGUMENT', 'readLedgerRecords: dir: expected the ledger folder, a non-empty path');
  }
  const dataset = checkLedgerName(options.dataset, 'readLedgerRecords: dataset');
  const file = join(resolve(options.dir), dataset, 'ledger.jsonl');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new PrikkError(
      'IO_ERROR',
      missing ? `readLedgerRecords: dataset '${dataset}' has no ledger in ${resolve(options.dir)}` : `readLedgerRecords: cannot read the ledger: ${(e as Error).message}`,
      { file },
    );
  }
  const parsed = parseLedger(bytes, dataset);
  if (parsed.problem !== undefined) throw new PrikkError('LEDGER_CORRUPT', `readLedgerRecords: ${parsed.problem}`, { file, line: parsed.line! });
  return parsed.records;
}
