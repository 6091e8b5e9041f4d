import { CELL_STATUS, CellTable } from '../aggregate/CellTable.js';
import { cellTableFromJson } from '../aggregate/cellTableFromJson.js';
import type { CellTableJson } from '../aggregate/CellTableJson.js';
import { PrikkError } from '../errors/PrikkError.js';
import { checkCallback } from '../errors/checkCallback.js';
import { checkSignal, throwIfAborted } from '../errors/throwIfAborted.js';
import type { PrimaryRule } from '../protect/suppression/rules/PrimaryRule.js';
import type { AuditProgress } from './AuditProgress.js';
import type { AuditResult, CellAudit } from './AuditResult.js';
import { auditPattern } from './auditPattern.js';
import { auditResultOf } from './auditResultOf.js';
import { warmAuditThreads } from './auditThreads.js';
import { auditReadOptions } from './auditReadOptions.js';
import { CellSpace, quantityKey, type Quantity } from './CellSpace.js';
import { countSingletonLeaks } from './countSingletonLeaks.js';

/** Options of {@link auditTable}. */
export interface AuditPolicy {
  /** Required. The primary rules the release was made under; their requirements are what the audit checks. */
  readonly rules: readonly PrimaryRule[];
  /** Defaults to true. Also count relations where a singleton's contributor recovers another hidden cell. */
  readonly singletons?: boolean;
  /**
   * Defaults to none. Stops the audit once aborted, with `PrikkError` `ABORTED` and no result (e.g.
   * `AbortSignal.timeout(ms)`): an LP on a worker thread (the large ones) is given up on at once, one on this thread
   * (a few milliseconds, or seconds with `PRIKK_THREADS=1`) finishes first; the audit lets the event loop turn at
   * least every 50 ms so that a timer can fire.
   */
  readonly signal?: AbortSignal;
  /** Defaults to none. Called as hidden cells are proved (see {@link AuditProgress}: counts only). */
  readonly onProgress?: (progress: AuditProgress) => void;
  /**
   * Defaults to 200,000,000. How much LP work the audit may spend making the narrowest width exact, in simplex work:
   * each LP charges the columns of its model (the hidden cells tied together by the relations it is over) times its
   * simplex iterations + 1, the same on every machine. Past it, `narrowest` is a proved inner width (`widthExact`
   * false: the true narrowest is at least that wide). Verdicts never depend on it. `Infinity` always makes the
   * narrowest width exact, which on large mostly-zero tables can take hours.
   */
  readonly narrowestLpWork?: number;
}

const PRIMARY = CELL_STATUS.indexOf('primary');
const PUBLISHED = CELL_STATUS.indexOf('published');

/**
 * Audits a suppression pattern the way an attacker attacks it: for every hidden sensitive cell, the smallest and
 * largest values consistent with everything published (every hierarchy level, every margin, across linked tables,
 * non-negativity) by linear programming, compared with the cell's protection requirement (Hundepool et al.
 * 2012, "Statistical Disclosure Control", §4.4.1: the audit of tau-ARGUS; sdcTable's `attack`). See
 * `ProtectionRequirement` for what each rule requires, and `attackIntervals` for how the LPs are kept small.
 *
 * Input: a protected {@link CellTable}, several linked ones, or tables in the cell-table JSON form (made by prikk,
 * e.g. a released table, or by another tool), read as an attacker sees them: `cellTableFromJson` with
 * {@link auditReadOptions} (absent cells hidden, hidden cells' values ignored, another status published when the
 * cell shows a count). With values, the sensitive cells are those where a rule fires (a sensitive cell left
 * `published` fails the audit); without, the cells with status `primary`, each held
 * to the strictest requirement its rules can state without values (frequency: `U >= n`; magnitude rules: not
 * pinned). Relations where a singleton's contributor recovers another hidden cell also fail it (when counts are
 * known).
 *
 * Each rule is audited on the values of its quantity (a frequency rule: the count; a magnitude rule: its measure's
 * sum) that the tables show: a published cell that shows no such value (a table of sums only has no counts) is read
 * as hidden for that quantity, and every table still takes part with what it shows. So a table of sums only
 * (`values: ['sum:cost']`) is audited under its magnitude rules, and linked tables that publish different values are
 * audited together. A rule whose quantity no table shows on any published cell is an error (unless no cell is published at all). When some values are
 * missing, singleton leaks are counted with unknown counts read as hidden.
 *
 * The result holds widths, verdicts and coordinates only: never a hidden value or a bound. The narrowest interval is
 * reported over all checks and per quantity (`quantities`, each in its unit); a check required only not to be
 * pinned (`notPinnedOnly`) reports no protection interval, so the audit spends no LP making its width exact and
 * ranks it after the others.
 *
 * Cost: one reduction over the relations per quantity, a bounded search for feasible box moves per target goal
 * left (`BoxMoveFinder`), plus small LPs for the goals no move reaches.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a bad policy, no table, a rule whose quantity no table shows on a
 * published cell, a `signal` that is not an `AbortSignal`, or a JSON table that `cellTableFromJson`
 * rejects (`INVALID_SCHEMA` for its malformed hierarchy); `INVALID_VALUE` when the published values
 * contradict the relations (the table was not made from one extract, or was altered); `ABORTED` when `signal` is
 * aborted.
 * @example
 * const result = await auditTable(protectedTable, { rules: [frequencyRule({ n: 3 })] });
 * result.passed               // true
 * result.narrowest?.width     // 12 for the sdcTable example's optimal pattern
 * result.quantities[0]         // { quantity: 'count', cellsChecked: 1, failed: 0, narrowest: {…}, notPinnedOnly: false }
 */
export async function auditTable(
  input: CellTable | CellTableJson | readonly (CellTable | CellTableJson)[],
  policy: AuditPolicy,
): Promise<AuditResult> {
  if (!policy || !Array.isArray(policy.rules) || policy.rules.length === 0) {
    throw new PrikkError('INVALID_ARGUMENT', 'auditTable: expected policy.rules to hold at least one primary rule');
  }
  if (policy.singletons !== undefined && typeof policy.singletons !== 'boolean') {
    throw new PrikkError('INVALID_ARGUMENT', 'auditTable: expected policy.singletons to be a boolean');
  }
  checkSignal(policy.signal, 'auditTable: policy.signal');
  checkCallback(policy.onProgress, 'auditTable', 'policy.onProgress');
  if (policy.narrowestLpWork !== undefined && !(typeof policy.narrowestLpWork === 'number' && policy.narrowestLpWork >= 0)) {
    throw new PrikkError('INVALID_ARGUMENT', `auditTable: expected policy.narrowestLpWork to be a number >= 0 (or Infinity), got ${String(policy.narrowestLpWork)}`);
  }
  const { signal } = policy;
  throwIfAborted(signal, 'auditTable');
  const called = performance.now();
  const report = policy.onProgress;
  const onProved = report
    ? (proved: number, total: number): void => report(Object.freeze({ cellsProved: proved, cells: total, elapsedMs: performance.now() - called }))
    : undefined;
  const list = Array.isArray(input) ? (input as readonly (CellTable | CellTableJson)[]) : [input as CellTable | CellTableJson];
  if (list.length === 0) throw new PrikkError('INVALID_ARGUMENT', 'auditTable: expected at least one table');
  const tables = list.map((t) => (t instanceof CellTable ? t : cellTableFromJson(t, auditReadOptions)));
  const singletons = policy.singletons ?? true;
  const space = CellSpace.fromTables(tables);
  // A large table's cores want the LP workers: they load HiGHS while the audit prepares them here.
  warmAuditThreads(space.cellCount);
  // A shared cell is hidden only when no linked table publishes it: the attacker reads every table.
  const hidden = new Uint8Array(space.cellCount).fill(1);
  const statusPrimary = new Uint8Array(space.cellCount);
  tables.forEach((t, ti) => {
    const map = space.cellOf[ti]!;
    for (let c = 0; c < t.cellCount; c++) {
      const st = t.status[c]!;
      if (st === PUBLISHED) hidden[map[c]!] = 0;
      if (st === PRIMARY) statusPrimary[map[c]!] = 1;
    }
  });
  // The rules by the quantity they read. A published cell that shows no value of a quantity (a table of sums only has
  // no counts) is unknown for it: for that quantity's rules it is read as hidden, every table still taking part with
  // what it shows. When every published cell shows every quantity the rules read (the usual case), that is one audit.
  const byQuantity = new Map<string, { quantity: Quantity; rules: PrimaryRule[] }>();
  for (const rule of policy.rules) {
    const q = rule.quantity;
    const key = quantityKey(q);
    if (!byQuantity.has(key)) {
      // (A pattern that publishes nothing shows nothing to attack: no error.)
      if (!tables.some((t) => shows(t, q)) && hidden.some((h) => h === 0)) {
        const what = q.kind === 'count' ? `a count (${tables[0]!.unit})` : `a sum of '${q.measure}'`;
        throw new PrikkError('INVALID_ARGUMENT', `auditTable: rule '${rule.name}' reads ${what}, which no table given shows on a published cell`);
      }
      byQuantity.set(key, { quantity: q, rules: [] });
    }
    byQuantity.get(key)!.rules.push(rule);
  }
  const groups = [...byQuantity.values()].map((g) => ({ ...g, hidden: hiddenFor(space, hidden, g.quantity) }));
  const options = { signal, onProved, ...(policy.narrowestLpWork !== undefined ? { narrowestLpWork: policy.narrowestLpWork } : {}) };
  if (groups.every((g) => g.hidden === hidden)) return (await auditPattern(space, hidden, statusPrimary, policy.rules, singletons, undefined, options)).result;
  const start = performance.now();
  const parts: AuditResult[] = [];
  for (const g of groups) parts.push((await auditPattern(space, g.hidden, statusPrimary, g.rules, false, undefined, options)).result);
  // Singleton leaks need counts: counted once, with unknown counts read as hidden.
  const counts = tables.some((t) => shows(t, { kind: 'count' })) ? hiddenFor(space, hidden, { kind: 'count' }) : undefined;
  const singletonLeaks = singletons && counts ? countSingletonLeaks(space.relations, space.values({ kind: 'count' }), counts, statusPrimary) : 0;
  return mergeResults(parts, singletonLeaks, performance.now() - start);
}

/** Whether a table shows a value of the quantity on at least one published cell. */
function shows(table: CellTable, q: Quantity): boolean {
  const values = q.kind === 'count' ? table.counts : table.sums.get(q.measure);
  if (values === undefined) return false;
  for (let c = 0; c < table.cellCount; c++) if (table.status[c] === PUBLISHED && !Number.isNaN(values[c]!)) return true;
  return false;
}

/**
 * The pattern as the attacker sees it for one quantity: `hidden`, plus every published cell whose value of the
 * quantity no table shows. The same array when there is none.
 */
function hiddenFor(space: CellSpace, hidden: Uint8Array, q: Quantity): Uint8Array {
  const values = space.values(q);
  let out = hidden;
  for (let c = 0; c < space.cellCount; c++) {
    if (hidden[c] || !Number.isNaN(values[c]!)) continue;
    if (out === hidden) out = hidden.slice();
    out[c] = 1;
  }
  return out;
}

/** The audits of one space for several quantities as one result (a sensitive cell published is listed once). */
function mergeResults(parts: readonly AuditResult[], singletonLeaks: number, milliseconds: number): AuditResult {
  const cells: CellAudit[] = [];
  const publishedSensitive: AuditResult['publishedSensitive'][number][] = [];
  const seen = new Set<string>();
  for (const r of parts) {
    cells.push(...r.cells);
    for (const p of r.publishedSensitive) {
      const key = `${p.table}:${JSON.stringify(p.coords)}`;
      if (!seen.has(key)) {
        seen.add(key);
        publishedSensitive.push(p);
      }
    }
  }
  return auditResultOf({ cells, publishedSensitive, singletonLeaks, milliseconds });
}
