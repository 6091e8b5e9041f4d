import { createHash } from 'node:crypto';
import { canonicalJson } from '../json/canonicalJson.js';

/** The `prev` of a ledger's first line: 64 zeros. */
export const LEDGER_GENESIS = '0'.repeat(64);

/**
 * The `hash` of a ledger line: the sha256 (hex) of the line's canonical JSON ({@link canonicalJson}: keys sorted,
 * no white space) with the `hash` field left out. Every other field, including `prev`, is covered, so a line's hash
 * fixes its content and, through `prev`, the content of every line before it (a hash chain, as in Haber &
 * Stornetta 1991, "How to time-stamp a digital document").
 *
 * Cost: O(size of the line).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when the record holds a value JSON cannot hold (see {@link canonicalJson}).
 * @example
 * hashLedgerRecord({ seq: 1, prev: LEDGER_GENESIS, hash: 'ignored' }) === hashLedgerRecord({ prev: LEDGER_GENESIS, seq: 1 }) // true
 */
export function hashLedgerRecord(record: object): string {
  const { hash: _hash, ...rest } = record as { hash?: unknown };
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}
