import { parseDateBytes } from './parseDateBytes.js';
import { parseDecimalBytes } from './parseNumberBytes.js';

/**
 * True when a header record looks like a data record: some field is a number (with `.` or `,` as decimal mark)
 * or a date. A file without a header row then has its first data row read as the header; messages and reports
 * must not print those "names" (they could be person ids).
 *
 * Cost O(header bytes).
 *
 * @example
 * headerLooksLikeData([utf8('pid'), utf8('age')])          // false
 * headerLooksLikeData([utf8('17420931'), utf8('81')])      // true
 */
export function headerLooksLikeData(fields: readonly Uint8Array[]): boolean {
  return fields.some(
    (f) =>
      f.length > 0 &&
      (!Number.isNaN(parseDecimalBytes(f, 0, f.length, false)) ||
        !Number.isNaN(parseDecimalBytes(f, 0, f.length, true)) ||
        !Number.isNaN(parseDateBytes(f, 0, f.length))),
  );
}
