import { CELL_STATUS, CellTable } from '../aggregate/CellTable.js';
import { cellTableFromJson } from '../aggregate/cellTableFromJson.js';
import type { CellTableJson } from '../aggregate/CellTableJson.js';
import { PrikkError } from '../errors/PrikkError.js';
import type { PrimaryRule } from '../protect/suppression/rules/PrimaryRule.js';
import type { AuditResult, CellAudit } from './AuditResult.js';
import { auditPattern } from './auditPattern.js';
import { auditResultOf } from './auditResultOf.js';
import { auditReadOptions } from './auditReadOptions.js';
import { CellSpace } from './CellSpace.js';

/** Options of {@link auditTable}. */
export interface AuditPolicy {
  /** Required. The primary rules the release was made under; their requirements are what the audit checks. */
  readonly rules: readonly PrimaryRule[];
  /** Defaults to true. Also count relations where a singleton's contributor recovers another hidden cell. */
  readonly singletons?: boolean;
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
 * Each rule is audited over the tables that show its quantity on every published cell (a frequency rule: the
 * count; a magnitude rule: its measure's sum), so a table of sums only (`values: ['sum:cost']`) is audited under
 * its magnitude rules, and linked tables that publish different values each take part where they can. A rule whose
 * quantity no table shows is an error. When the tables differ, `cells` lists the checks quantity by quantity (in
 * the order of the rules) and singleton leaks are counted over the tables that show counts.
 *
 * The result holds widths, verdicts and coordinates only: never a hidden value or a bound.
 *
 * Cost: one reduction over the relations per quantity, a bounded search for feasible box moves per target goal
 * left (`BoxMoveFinder`), plus small LPs for the goals no move reaches.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a bad policy, no table, a rule whose quantity no table shows on every
 * published cell, or a JSON table that `cellTableFromJson`
 * rejects (`INVALID_SCHEMA` for its malformed hierarchy); `INVALID_VALUE` when the published values
 * contradict the relations (the table was not made from one extract, or was altered).
 * @example
 * const result = await auditTable(protectedTable, { rules: [frequencyRule({ n: 3 })] });
 * result.passed               // true
 * result.narrowest?.width     // 12 for the sdcTable example's optimal pattern
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
  const list = Array.isArray(input) ? (input as readonly (CellTable | CellTableJson)[]) : [input as CellTable | CellTableJson];
  if (list.length === 0) throw new PrikkError('INVALID_ARGUMENT', 'auditTable: expected at least one table');
  const tables = list.map((t) => (t instanceof CellTable ? t : cellTableFromJson(t, auditReadOptions)));
  const singletons = policy.singletons ?? true;
  // Each rule is audited over the tables that publish its quantity (a table of sums only has no counts to audit a
  // frequency rule on). When every table publishes every quantity the rules read — the usual case — that is one
  // audit of all the tables with all the rules.
  const byQuantity = new Map<string, { rules: PrimaryRule[]; tables: number[] }>();
  for (const rule of policy.rules) {
    const key = rule.quantity.kind === 'count' ? 'count' : `sum:${rule.quantity.measure}`;
    let g = byQuantity.get(key);
    if (!g) {
      const q = rule.quantity;
      const with_ = tables.flatMap((t, i) => (publishes(t, q.kind === 'count' ? t.counts : t.sums.get(q.measure)) ? [i] : []));
      if (with_.length === 0) {
        const what = q.kind === 'count' ? `a count (${tables[0]!.unit})` : `a sum of '${q.measure}'`;
        throw new PrikkError('INVALID_ARGUMENT', `auditTable: rule '${rule.name}' reads ${what}, which no table given shows on every published cell`);
      }
      byQuantity.set(key, (g = { rules: [], tables: with_ }));
    }
    g.rules.push(rule);
  }
  const groups = [...byQuantity.values()];
  if (groups.every((g) => g.tables.length === tables.length)) return auditTables(tables, policy.rules, singletons);
  const start = performance.now();
  const results: { r: AuditResult; tableOf: readonly number[] }[] = [];
  for (const g of groups) results.push({ r: await auditTables(g.tables.map((i) => tables[i]!), g.rules, false), tableOf: g.tables });
  // Singleton leaks need counts: counted once, over the tables that publish theirs.
  const withCounts = tables.filter((t) => publishes(t, t.counts));
  const singletonLeaks = singletons && withCounts.length > 0 ? (await auditTables(withCounts, [], true)).singletonLeaks : 0;
  return mergeResults(results, singletonLeaks, performance.now() - start);
}

/** One audit of linked tables under rules whose quantities every one of them publishes. */
async function auditTables(tables: readonly CellTable[], rules: readonly PrimaryRule[], singletons: boolean): Promise<AuditResult> {
  const space = CellSpace.fromTables(tables);
  // A shared cell is hidden only when no linked table publishes it: the attacker reads every table.
  const hidden = new Uint8Array(space.cellCount).fill(1);
  const statusPrimary = new Uint8Array(space.cellCount);
  tables.forEach((t, ti) => {
    const map = space.cellOf[ti]!;
    for (let c = 0; c < t.cellCount; c++) {
      const st = t.status[c]!;
      if (st === PUBLISHED) hidden[map[c]!] = 0;
      if (st === PRIMARY && rules.length > 0) statusPrimary[map[c]!] = 1;
    }
  });
  return (await auditPattern(space, hidden, statusPrimary, rules, singletons)).result;
}

/** Whether every published cell of the table shows this value (a table that leaves it out publishes none of it). */
function publishes(table: CellTable, values: Float64Array | undefined): boolean {
  if (values === undefined) return false;
  for (let c = 0; c < table.cellCount; c++) if (table.status[c] === PUBLISHED && Number.isNaN(values[c]!)) return false;
  return true;
}

/** The audits of several groups of tables as one result: table indices mapped back to the list audited. */
function mergeResults(parts: readonly { r: AuditResult; tableOf: readonly number[] }[], singletonLeaks: number, milliseconds: number): AuditResult {
  const cells: CellAudit[] = [];
  const publishedSensitive: AuditResult['publishedSensitive'][number][] = [];
  const seen = new Set<string>();
  for (const { r, tableOf } of parts) {
    for (const c of r.cells) cells.push(Object.freeze({ ...c, table: tableOf[c.table]! }));
    for (const p of r.publishedSensitive) {
      const table = tableOf[p.table]!;
      const key = `${table}:${JSON.stringify(p.coords)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      publishedSensitive.push(Object.freeze({ table, coords: p.coords }));
    }
  }
  return auditResultOf({ cells, publishedSensitive, singletonLeaks, milliseconds });
}
