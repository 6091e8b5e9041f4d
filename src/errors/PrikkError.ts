/**
 * Stable, machine-readable error codes. A service can branch on `error.code`; the message is for people.
 *
 * - `INVALID_ARGUMENT`: a parameter or option is out of range, missing or contradicts another.
 * - `INVALID_SCHEMA`: a schema, hierarchy or code list is malformed.
 * - `MALFORMED_INPUT`: the extract cannot be parsed (ragged row, unterminated quote, bad encoding).
 * - `INVALID_VALUE`: a field does not match its column's type or code list.
 * - `MISSING_VALUE`: a required field is empty.
 * - `UNKNOWN_COLUMN`: a name refers to a column the schema or extract does not have.
 * - `IO_ERROR`: a file could not be read or written.
 * - `BUDGET_EXCEEDED`: a differentially private query would spend more privacy budget than remains.
 * - `ALREADY_EVALUATED`: a differentially private mechanism was asked for its noisy result a second time.
 * - `INVALID_POLICY`: a release policy does not match its JSON Schema or contradicts itself (the key and line are named).
 * - `LEDGER_CORRUPT`: a ledger's hash chain or a stored release does not verify.
 * - `LEDGER_LOCKED`: another process holds the dataset's ledger lock.
 * - `DATASET_CHANGED`: the extract differs from the one earlier releases of the dataset were made from.
 * - `PROTECTION_FAILED`: a release failed its audit or its check against earlier releases; nothing was written.
 * - `ABORTED`: the caller's `AbortSignal` stopped the work (a time limit, a cancelled request); nothing was returned
 *   or written.
 */
export type PrikkErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_SCHEMA'
  | 'MALFORMED_INPUT'
  | 'INVALID_VALUE'
  | 'MISSING_VALUE'
  | 'UNKNOWN_COLUMN'
  | 'IO_ERROR'
  | 'BUDGET_EXCEEDED'
  | 'ALREADY_EVALUATED'
  | 'INVALID_POLICY'
  | 'LEDGER_CORRUPT'
  | 'LEDGER_LOCKED'
  | 'DATASET_CHANGED'
  | 'PROTECTION_FAILED'
  | 'ABORTED';

/**
 * Where in the input an error happened. Every field is optional; messages include whatever is known.
 * `line` is 1-based and counts physical lines of the file (the header is line 1); `row` is the 1-based
 * data record number (the first record after the header is row 1).
 */
export interface ErrorLocation {
  readonly file?: string;
  readonly line?: number;
  readonly row?: number;
  readonly column?: string;
}

/**
 * The one error class prikk throws. `code` is stable across versions; `location` says where in the input
 * the problem is. Messages never contain a person id or the value of a suppressed cell.
 *
 * @example
 * try { readRows([{ age: 'x' }], schema) } catch (e) {
 *   if (e instanceof PrikkError && e.code === 'INVALID_VALUE') console.error(e.message);
 *   // "rows: row 1, column 'age': expected an integer, got 'x'"
 * }
 */
export class PrikkError extends Error {
  override readonly name = 'PrikkError';
  readonly code: PrikkErrorCode;
  readonly location: ErrorLocation | undefined;

  constructor(code: PrikkErrorCode, message: string, location?: ErrorLocation) {
    super(location ? `${formatLocation(location)}: ${message}` : message);
    this.code = code;
    this.location = location;
  }
}

/**
 * Formats a location as `file, line 12, row 11, column 'age'` (only the parts that are known); `PrikkError` puts it
 * before the message.
 *
 * Cost: O(1).
 * @example
 * formatLocation({ file: 'extract.csv', line: 12, column: 'age' }) // "extract.csv, line 12, column 'age'"
 */
export function formatLocation(location: ErrorLocation): string {
  const parts: string[] = [];
  if (location.file !== undefined) parts.push(location.file);
  if (location.line !== undefined) parts.push(`line ${location.line}`);
  if (location.row !== undefined) parts.push(`row ${location.row}`);
  if (location.column !== undefined) parts.push(`column '${location.column}'`);
  return parts.join(', ');
}
