import { expect } from 'vitest';
import type { CellTable } from '../../../src/aggregate/CellTable.js';
import { auditTable } from '../../../src/audit/auditTable.js';
import type { PrimaryRule } from '../../../src/protect/suppression/rules/PrimaryRule.js';
import { suppressCells } from '../../../src/protect/suppression/suppressCells.js';
import type { SuppressionResult } from '../../../src/protect/suppression/SuppressionResult.js';

/**
 * The fast method on `t` under `rule`: every cell the rule flags is primary in the output, the result's audit
 * passes, and so does an independent re-audit of the output (`auditTable`), with no singleton leak (when `singletons`,
 * the default, is on for both).
 */
export async function protectsWithFast(t: CellTable, rule: PrimaryRule, singletons = true): Promise<SuppressionResult> {
  const r = await suppressCells(t, { rules: [rule], singletons });
  const out = r.tables[0]!;
  const flags = rule.sensitive(t);
  for (let c = 0; c < t.cellCount; c++) if (flags[c]) expect(out.statusOf(c)).toBe('primary');
  expect(r.audit.passed).toBe(true);
  const again = await auditTable(out, { rules: [rule], singletons });
  expect(again.passed).toBe(true);
  expect(again.singletonLeaks).toBe(0);
  return r;
}
