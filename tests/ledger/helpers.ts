import { createHash } from 'node:crypto';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewLedgerRecord } from '../../src/ledger/LedgerRecord.js';

/** A fresh, empty temp folder. */
export function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'prikk-ledger-'));
}

/** A clock that starts at 2025-01-01T00:00:00Z and moves one second per call. */
export function fixedClock(): () => Date {
  let t = Date.UTC(2025, 0, 1);
  return () => new Date((t += 1000));
}

/** A release line with a pure-DP spending of `epsilon` (text, as lossToJson writes it). */
export function releaseRecord(releaseId: string, options: { epsilon?: string; recipient?: string; fingerprint?: string } = {}): NewLedgerRecord {
  return {
    kind: 'release',
    at: '2025-02-01T10:00:00.000Z',
    releaseId,
    requestFingerprint: options.fingerprint ?? `fp-${releaseId}`,
    recipient: options.recipient ?? 'Acme Pharma AS',
    purpose: 'Feasibility',
    tables: [{ name: 'by_region', method: 'suppression' }],
    spent: options.epsilon ? [{ label: `${releaseId} counts`, loss: { kind: 'pure', epsilon: options.epsilon } }] : [],
  };
}

/**
 * A second, independent canonical JSON for the tests: rebuild every object with its keys in sorted order and let
 * JSON.stringify write it (valid for objects without integer-like keys, which ledger lines never have).
 */
export function sortedJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

/** sha256 hex of text. */
export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Checks a ledger file's chain with the test's own implementation: every line ends with a newline, seq counts from
 * 1, prev is the previous hash (64 zeros first) and hash is sha256(sortedJson(line without hash)).
 */
export function independentlyVerify(text: string): { ok: boolean; lines: number } {
  if (text.length > 0 && !text.endsWith('\n')) return { ok: false, lines: 0 };
  const lines = text.split('\n').slice(0, -1);
  let prev = '0'.repeat(64);
  for (let i = 0; i < lines.length; i++) {
    const r = JSON.parse(lines[i]!) as Record<string, unknown>;
    const { hash, ...rest } = r;
    if (r.seq !== i + 1 || r.prev !== prev || hash !== sha256(sortedJson(rest))) return { ok: false, lines: i };
    prev = hash as string;
  }
  return { ok: true, lines: lines.length };
}

/** The PrikkError a promise rejects with (fails the test when it resolves or rejects with something else). */
export async function caught(promise: Promise<unknown>): Promise<PrikkError> {
  const outcome = await promise.then(
    () => 'resolved',
    (e: unknown) => e,
  );
  if (!(outcome instanceof PrikkError)) throw new Error(`expected a PrikkError, got ${String(outcome)}`);
  return outcome;
}
