import { lossFromJson, type PrivacyLossJson } from '../protect/dp/budget/PrivacyLoss.js';
import { canonicalJson } from '../json/canonicalJson.js';
import { deepFreeze } from './deepFreeze.js';
import { hashLedgerRecord, LEDGER_GENESIS } from './hashLedgerRecord.js';
import { LEDGER_FORMAT, type LedgerRecord } from './LedgerRecord.js';

/** What {@link parseLedger} found: the lines that verify, and the first problem (if any) with its line number. */
export interface ParsedLedger {
  /** The records before the first problem (all of them when there is none), frozen. */
  readonly records: readonly LedgerRecord[];
  /** The first problem, described without the file name. */
  readonly problem?: string;
  /** 1-based line of the problem. */
  readonly line?: number;
}

const HEX64 = /^[0-9a-f]{64}$/;
const KINDS = new Set(['release', 'reissue', 'spend']);
const OPTIONAL_TEXT = [
  'releaseId',
  'requestFingerprint',
  'reissueOf',
  'recipient',
  'purpose',
  'agreement',
  'inputSha256',
  'policySha256',
] as const;

class LineProblem extends Error {}

/**
 * Reads the bytes of a `ledger.jsonl` and verifies its hash chain line by line: each line must be UTF-8, end with a
 * newline, be the canonical JSON ({@link canonicalJson}) of a well-formed {@link LedgerRecord} of `dataset`, carry
 * the sha256 of its own content in `hash`, the previous line's hash in `prev` (64 zeros on line 1), and `seq` equal
 * to its line number; release ids must be unique and every privacy loss must parse. Stops at the first problem.
 *
 * What the chain detects: any changed byte, a removed, inserted, reordered or torn line. What it cannot detect by
 * itself: the removal of the LAST lines (the shorter file is a valid chain; `verifyLedger` reports stored releases
 * that no line lists), and a rewrite of the whole tail with recomputed hashes (anchor the last hash elsewhere, e.g.
 * in a manifest given to the recipient, to detect that).
 *
 * Cost: O(bytes) for decoding plus one sha256 and one canonical serialisation per line.
 *
 * @example
 * parseLedger(new Uint8Array(0), 'd') // { records: [] }
 * parseLedger(new TextEncoder().encode('{"seq":1'), 'd') // { records: [], problem: 'the line is incomplete ...', line: 1 }
 */
export function parseLedger(bytes: Uint8Array, dataset: string): ParsedLedger {
  const records: LedgerRecord[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const releaseIds = new Map<string, number>();
  let prev = LEDGER_GENESIS;
  let start = 0;
  let line = 0;
  while (start < bytes.length) {
    line++;
    const end = bytes.indexOf(0x0a, start);
    try {
      if (end < 0) throw new LineProblem('the line is incomplete (the file does not end with a newline: a torn or truncated line)');
      let text: string;
      try {
        text = decoder.decode(bytes.subarray(start, end));
      } catch {
        throw new LineProblem('the line is not valid UTF-8');
      }
      const record = checkLine(text, { dataset, prev, seq: line, releaseIds });
      prev = record.hash;
      if (record.releaseId !== undefined) releaseIds.set(record.releaseId, line);
      records.push(record);
    } catch (e) {
      if (!(e instanceof LineProblem)) throw e;
      return Object.freeze({ records: Object.freeze(records), problem: e.message, line });
    }
    start = end + 1;
  }
  return Object.freeze({ records: Object.freeze(records) });
}

interface Expected {
  readonly dataset: string;
  readonly prev: string;
  readonly seq: number;
  readonly releaseIds: ReadonlyMap<string, number>;
}

function checkLine(text: string, expected: Expected): LedgerRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LineProblem(text.length === 0 ? 'the line is empty' : 'the line is not valid JSON (an edited or torn line)');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new LineProblem('expected a JSON object');
  const r = value as Record<string, unknown>;
  if (typeof r.hash !== 'string' || !HEX64.test(r.hash)) throw new LineProblem("'hash' is not a sha256 in hex");
  if (hashLedgerRecord(r) !== r.hash) {
    throw new LineProblem("the line's hash does not match its content (the line was changed after it was written)");
  }
  if (canonicalJson(r) !== text) throw new LineProblem('the line is not in canonical form (it was rewritten after it was written)');
  if (r.prev !== expected.prev) {
    throw new LineProblem(
      expected.seq === 1
        ? "'prev' of the first line is not 64 zeros (lines before it were removed)"
        : `'prev' does not match the hash of line ${expected.seq - 1} (a line was removed, inserted or reordered)`,
    );
  }
  if (r.seq !== expected.seq) throw new LineProblem(`'seq' is ${String(r.seq)}, expected ${expected.seq}`);
  if (r.format !== LEDGER_FORMAT) throw new LineProblem(`'format' is ${JSON.stringify(r.format)}, expected '${LEDGER_FORMAT}'`);
  if (r.dataset !== expected.dataset) {
    throw new LineProblem(`'dataset' is ${JSON.stringify(r.dataset)}, expected '${expected.dataset}' (the ledger's folder)`);
  }
  if (typeof r.kind !== 'string' || !KINDS.has(r.kind)) throw new LineProblem(`'kind' is ${JSON.stringify(r.kind)}, expected release, reissue or spend`);
  if (typeof r.at !== 'string' || !Number.isFinite(Date.parse(r.at))) throw new LineProblem("'at' is not an ISO 8601 time");
  if (typeof r.prikkVersion !== 'string') throw new LineProblem("'prikkVersion' is not text");
  for (const key of OPTIONAL_TEXT) {
    if (r[key] !== undefined && typeof r[key] !== 'string') throw new LineProblem(`'${key}' is not text`);
  }
  if (typeof r.releaseId === 'string') {
    const earlier = expected.releaseIds.get(r.releaseId);
    if (earlier !== undefined) throw new LineProblem(`release id '${r.releaseId}' was already used on line ${earlier}`);
  }
  checkSpent(r.spent);
  checkTables(r.tables);
  checkStored(r.stored, r.releaseId);
  return deepFreeze(r) as unknown as LedgerRecord;
}

function checkLoss(json: unknown, what: string): void {
  if (typeof json !== 'object' || json === null) throw new LineProblem(`${what} is not a privacy loss`);
  try {
    lossFromJson(json as PrivacyLossJson);
  } catch (e) {
    throw new LineProblem(`${what} is not a valid privacy loss (${(e as Error).message})`);
  }
}

function checkSpent(spent: unknown): void {
  if (!Array.isArray(spent)) throw new LineProblem("'spent' is not a list");
  spent.forEach((item: unknown, i) => {
    const s = item as { label?: unknown; loss?: unknown } | null;
    if (typeof s !== 'object' || s === null || typeof s.label !== 'string' || s.label.length === 0) {
      throw new LineProblem(`'spent[${i}]' has no label`);
    }
    checkLoss(s.loss, `'spent[${i}].loss'`);
  });
}

function checkTables(tables: unknown): void {
  if (tables === undefined) return;
  if (!Array.isArray(tables)) throw new LineProblem("'tables' is not a list");
  tables.forEach((item: unknown, i) => {
    const t = item as { name?: unknown; method?: unknown; privacy?: unknown } | null;
    if (typeof t !== 'object' || t === null || typeof t.name !== 'string' || typeof t.method !== 'string') {
      throw new LineProblem(`'tables[${i}]' needs a name and a method`);
    }
    if (t.privacy !== undefined) checkLoss(t.privacy, `'tables[${i}].privacy'`);
  });
}

function checkStored(stored: unknown, releaseId: unknown): void {
  if (stored === undefined) return;
  if (!Array.isArray(stored)) throw new LineProblem("'stored' is not a list");
  if (typeof releaseId !== 'string') throw new LineProblem("'stored' is set but 'releaseId' is not");
  const prefix = `releases/${releaseId}/`;
  stored.forEach((item: unknown, i) => {
    const s = item as { path?: unknown; sha256?: unknown } | null;
    if (typeof s !== 'object' || s === null || typeof s.path !== 'string' || !s.path.startsWith(prefix)) {
      throw new LineProblem(`'stored[${i}].path' is not under '${prefix}'`);
    }
    if (typeof s.sha256 !== 'string' || !HEX64.test(s.sha256)) throw new LineProblem(`'stored[${i}].sha256' is not a sha256 in hex`);
  });
}
