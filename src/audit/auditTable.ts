import { CELL_STATUS, CellTable } from '../aggregate/CellTable.js';
import { cellTableFromJson } from '../aggregate/cellTableFromJson.js';
import type { CellTableJson } from '../aggregate/CellTableJson.js';
import { PrikkError } from '../errors/PrikkError.js';
import type { PrimaryRule } from '../protect/suppression/rules/PrimaryRule.js';
import type { AuditResult } from './AuditResult.js';
import { auditPattern } from './auditPattern.js';
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
 * The result holds widths, verdicts and coordinates only: never a hidden value or a bound.
 *
 * Cost: one reduction over the relations per quantity, a bounded search for feasible box moves per target goal
 * left (`BoxMoveFinder`), plus small LPs for the goals no move reaches.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a bad policy, no table, or a JSON table that `cellTableFromJson`
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
  const space = CellSpace.fromTables(tables);
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
  return (await auditPattern(space, hidden, statusPrimary, policy.rules, policy.singletons ?? true)).result;
}
