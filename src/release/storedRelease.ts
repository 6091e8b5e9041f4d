import type { ReleaseLedger } from '../ledger/ReleaseLedger.js';

/**
 * Where a release's files sit in the ledger's store (`ReleaseLedger.append`'s stored files): the manifest as
 * published, the exact reconciliation (kept even when the recipient's copy withholds it), every released table as
 * JSON, and a table's extra files (k-anonymity's records).
 */
export const STORED = Object.freeze({
  manifest: 'manifest.json',
  reconciliation: 'internal/reconciliation.json',
  table: (name: string): string => `tables/${name}.json`,
  extra: (path: string): string => `extra/${path}`,
});

/** Suffixes of the files the writers make for every table (anything else in a table's manifest entry is extra). */
export const STANDARD_TABLE_SUFFIXES: readonly string[] = ['.csv', '.notes.txt', '.json'];

/**
 * A file of a stored release, as text.
 *
 * Cost: one read; the ledger checks the file's sha256 against its ledger line.
 * @throws {PrikkError} as `ReleaseLedger.readStored`: `INVALID_ARGUMENT` for a file the release did not store, `LEDGER_CORRUPT` when it is missing or differs from what the ledger recorded.
 * @example
 * await readStoredText(ledger, '20261122T101500Z-3f2a9c1b-0a1b2c', STORED.manifest) // '{\n  "format": …'
 */
export async function readStoredText(ledger: ReleaseLedger, releaseId: string, path: string): Promise<string> {
  return new TextDecoder().decode(await ledger.readStored(releaseId, path));
}

/**
 * A JSON file of a stored release, parsed (see {@link readStoredText}).
 * @throws {PrikkError} as {@link readStoredText}; `SyntaxError` cannot happen for files prikk stored (hashed).
 * @example
 * ((await readStoredJson(ledger, id, STORED.manifest)) as ReleaseManifest).tables.length // 5
 */
export async function readStoredJson(ledger: ReleaseLedger, releaseId: string, path: string): Promise<unknown> {
  return JSON.parse(await readStoredText(ledger, releaseId, path)) as unknown;
}
