import { PrikkError } from '../../errors/PrikkError.js';
import { HIDDEN_STATUSES, type ReleasedStatus } from '../ReleasedTable.js';
import type { ReportInput } from './ReportInput.js';

const STATUSES: readonly ReleasedStatus[] = ['published', ...HIDDEN_STATUSES];
const VALUE_FIELDS = ['rows', 'persons', 'sums', 'means', 'interval'] as const;

/**
 * Checks a {@link ReportInput} before anything is rendered: the manifest fields and table fields the report reads
 * have their types, table names are unique, every cell's status is known, and — the contract of `ReleasedTable` —
 * no hidden cell carries a value field (`rows`, `persons`, `sums`, `means` or `interval`). A violation is a bug in
 * the method that made the table; the report refuses it rather than render around it. Messages name the field and
 * never a value.
 *
 * Cost: O(cells × dimensions).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming the first field that is missing or wrong.
 * @example
 * validateReportInput({ manifest, tables: [{ ...table, cells: [{ coords: { h: 'A' }, status: 'primary', persons: 3 }] }] })
 * // throws "renderReport: tables[0].cells[0]: a hidden cell (status 'primary') carries the value field 'persons'; …"
 */
export function validateReportInput(input: ReportInput): void {
  if (!isObject(input)) fail('input', 'an object { manifest, tables }');
  const m = input.manifest as unknown;
  if (!isObject(m)) fail('manifest', 'an object');
  for (const key of ['dataset', 'recipient', 'purpose', 'createdAt', 'prikkVersion', 'releaseId', 'requestFingerprint'] as const) {
    if (typeof m[key] !== 'string') fail(`manifest.${key}`, 'a string');
  }
  for (const key of ['agreement', 'reissueOf'] as const) {
    if (m[key] !== undefined && typeof m[key] !== 'string') fail(`manifest.${key}`, 'a string or absent');
  }
  const source = m['input'];
  if (!isObject(source) || typeof source['file'] !== 'string' || typeof source['sha256'] !== 'string' || !isCount(source['bytes'])) {
    fail('manifest.input', '{ file, sha256, bytes }');
  }
  const policy = m['policy'];
  if (!isObject(policy) || typeof policy['file'] !== 'string' || typeof policy['sha256'] !== 'string') fail('manifest.policy', '{ file, sha256, content }');
  const r = m['reconciliation'];
  if (isObject(r) && typeof r['withheld'] === 'string') {
    // withheld from the recipient's copy (output.reconciliation): nothing to check
  } else {
    if (!isObject(r) || typeof r['source'] !== 'string' || !isCount(r['rowsRead']) || !isCount(r['rowsUsed']) || !isObject(r['excluded'])) {
      fail('manifest.reconciliation', '{ source, rowsRead, rowsUsed, excluded } or { withheld }');
    }
    for (const [reason, n] of Object.entries(r['excluded'])) if (!isCount(n)) fail(`manifest.reconciliation.excluded['${reason}']`, 'a count');
  }
  if (!Array.isArray(m['tables'])) fail('manifest.tables', 'an array');
  (m['tables'] as unknown[]).forEach((t, i) => {
    const at = `manifest.tables[${i}]`;
    if (!isObject(t)) fail(at, 'an object');
    for (const key of ['name', 'title', 'method', 'unit'] as const) if (typeof t[key] !== 'string') fail(`${at}.${key}`, 'a string');
    if (!Array.isArray(t['dimensions'])) fail(`${at}.dimensions`, 'an array');
    (t['dimensions'] as unknown[]).forEach((d, j) => {
      if (!isObject(d) || typeof d['column'] !== 'string') fail(`${at}.dimensions[${j}]`, '{ column, hierarchy }');
    });
    if (!Array.isArray(t['values']) || !t['values'].every((v) => typeof v === 'string')) fail(`${at}.values`, 'an array of strings');
    if (t['filter'] !== undefined && typeof t['filter'] !== 'string') fail(`${at}.filter`, 'a string or absent');
    checkSummary(t['summary'], `${at}.summary`);
    if (t['audit'] !== undefined) checkAudit(t['audit'], `${at}.audit`);
    if (t['files'] !== undefined && (!Array.isArray(t['files']) || !t['files'].every((f) => isObject(f) && typeof f['path'] === 'string'))) {
      fail(`${at}.files`, 'an array of { path, sha256 }');
    }
    const spent = t['privacySpent'];
    if (spent !== undefined && (!isObject(spent) || typeof spent['description'] !== 'string')) fail(`${at}.privacySpent`, '{ loss, description }');
  });
  if (m['releaseAudit'] !== undefined) {
    checkAudit(m['releaseAudit'], 'manifest.releaseAudit');
    if (!isCount((m['releaseAudit'] as Record<string, unknown>)['earlierReleases'])) fail('manifest.releaseAudit.earlierReleases', 'a count');
  }
  const budget = m['budget'];
  if (budget !== undefined) {
    if (!isObject(budget) || !isObject(budget['lifetime']) || !Array.isArray(budget['spentBefore']) || !Array.isArray(budget['spentNow']) || typeof budget['description'] !== 'string') {
      fail('manifest.budget', '{ lifetime, spentBefore, spentNow, description }');
    }
  }

  const tables = input.tables as unknown;
  if (!Array.isArray(tables)) fail('tables', 'an array of released tables');
  const names = new Set<string>();
  tables.forEach((t: unknown, i: number) => {
    const at = `tables[${i}]`;
    if (!isObject(t)) fail(at, 'a released table');
    for (const key of ['name', 'title', 'method', 'unit'] as const) if (typeof t[key] !== 'string') fail(`${at}.${key}`, 'a string');
    const name = t['name'] as string;
    if (names.has(name)) fail(`${at}.name`, `a name no other table has ('${name}' repeats)`);
    names.add(name);
    if (!Array.isArray(t['dimensions'])) fail(`${at}.dimensions`, 'an array');
    const dimensions = t['dimensions'] as unknown[];
    dimensions.forEach((d, j) => {
      if (!isObject(d) || typeof d['name'] !== 'string' || typeof d['total'] !== 'string' || !isObject(d['hierarchy'])) {
        fail(`${at}.dimensions[${j}]`, '{ name, total, hierarchy }');
      }
      for (const [parent, children] of Object.entries(d['hierarchy'])) {
        if (!Array.isArray(children) || !children.every((c) => typeof c === 'string')) {
          fail(`${at}.dimensions[${j}].hierarchy['${parent}']`, 'an array of child labels');
        }
      }
    });
    const dimensionNames = dimensions.map((d) => (d as { name: string }).name);
    if (!Array.isArray(t['valueFields'])) fail(`${at}.valueFields`, 'an array');
    (t['valueFields'] as unknown[]).forEach((f, j) => {
      if (!isObject(f) || typeof f['key'] !== 'string' || typeof f['label'] !== 'string' || !isCount(f['decimals'])) {
        fail(`${at}.valueFields[${j}]`, '{ key, label, decimals }');
      }
    });
    if (!Array.isArray(t['cells'])) fail(`${at}.cells`, 'an array');
    (t['cells'] as unknown[]).forEach((c, j) => {
      const cat = `${at}.cells[${j}]`;
      if (!isObject(c) || !isObject(c['coords'])) fail(cat, 'a cell { coords, status }');
      const coords = c['coords'];
      for (const d of dimensionNames) if (typeof coords[d] !== 'string') fail(`${cat}.coords`, `a label for dimension '${d}'`);
      const status = c['status'];
      if (typeof status !== 'string' || !STATUSES.includes(status as ReleasedStatus)) {
        fail(`${cat}.status`, `one of ${STATUSES.join(', ')}`);
      }
      if (HIDDEN_STATUSES.includes(status as ReleasedStatus)) {
        for (const field of VALUE_FIELDS) {
          if (c[field] !== undefined) {
            fail(cat, `no value field on a hidden cell (status '${status}'), but it carries '${field}'; hidden cells must have no value`);
          }
        }
      }
    });
    if (!Array.isArray(t['legend'])) fail(`${at}.legend`, 'an array');
    (t['legend'] as unknown[]).forEach((l, j) => {
      if (!isObject(l) || typeof l['status'] !== 'string' || typeof l['symbol'] !== 'string' || typeof l['meaning'] !== 'string' || !isCount(l['cells'])) {
        fail(`${at}.legend[${j}]`, '{ status, symbol, meaning, cells }');
      }
    });
    if (!Array.isArray(t['notes']) || !t['notes'].every((n) => typeof n === 'string')) fail(`${at}.notes`, 'an array of strings');
  });
}

function checkSummary(s: unknown, at: string): void {
  if (!isObject(s) || !isCount(s['cells']) || !isCount(s['hiddenCells']) || !isShare(s['hiddenCellShare'])) {
    fail(at, '{ cells, hiddenCells, hiddenCellShare }');
  }
  if (s['hiddenCountShare'] !== undefined && !isShare(s['hiddenCountShare'])) fail(`${at}.hiddenCountShare`, 'a share 0..1 or absent');
  for (const key of ['expectedAbsoluteError', 'noiseStandardDeviation'] as const) {
    const v = s[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) fail(`${at}.${key}`, 'a number >= 0 or absent');
  }
  if (s['suppressedRecords'] !== undefined && !isCount(s['suppressedRecords'])) fail(`${at}.suppressedRecords`, 'a count or absent');
}

function checkAudit(a: unknown, at: string): void {
  if (
    !isObject(a) ||
    typeof a['passed'] !== 'boolean' ||
    !isCount(a['cellsChecked']) ||
    !isCount(a['failed']) ||
    !isCount(a['singletonLeaks']) ||
    typeof a['scope'] !== 'string' ||
    !isWidth(a['narrowestWidth']) ||
    !(a['narrowestWidthIsBound'] === undefined || a['narrowestWidthIsBound'] === true)
  ) {
    fail(at, '{ passed, cellsChecked, failed, narrowestWidth, narrowestWidthIsBound?: true, singletonLeaks, scope, parts? }');
  }
  if (a['parts'] === undefined) return;
  if (!Array.isArray(a['parts'])) fail(`${at}.parts`, 'an array or absent');
  (a['parts'] as unknown[]).forEach((p, i) => {
    if (
      !isObject(p) ||
      typeof p['scope'] !== 'string' ||
      typeof p['quantity'] !== 'string' ||
      !isCount(p['cellsChecked']) ||
      !isCount(p['failed']) ||
      !isWidth(p['narrowestWidth']) ||
      !(p['narrowestWidthIsBound'] === undefined || p['narrowestWidthIsBound'] === true) ||
      !(p['notPinnedOnly'] === undefined || p['notPinnedOnly'] === true)
    ) {
      fail(`${at}.parts[${i}]`, '{ scope, quantity, cellsChecked, failed, narrowestWidth, narrowestWidthIsBound?: true, notPinnedOnly?: true }');
    }
  });
}

/** A narrowest width as the manifest writes it: a number (not NaN) or null. */
function isWidth(v: unknown): boolean {
  return v === null || (typeof v === 'number' && !Number.isNaN(v));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function isShare(v: unknown): boolean {
  return typeof v === 'number' && v >= 0 && v <= 1;
}

function fail(field: string, expected: string): never {
  throw new PrikkError('INVALID_ARGUMENT', `renderReport: ${field}: expected ${expected}`);
}
