import type { CellTableJson } from '../../audit/tableFromJson.js';
import { auditTable } from '../../audit/auditTable.js';
import { frequencyRule } from '../../protect/suppression/rules/frequencyRule.js';
import { EXIT } from '../exitCodes.js';
import type { Command } from '../main.js';
import { parseFlags } from '../parseFlags.js';
import { readJsonFile } from '../readJsonFile.js';
import { UsageError } from '../UsageError.js';

const HELP = `Usage: prikk audit <table.json> [<table.json> ...] --min-count <n> [options]

Audits a suppression pattern the way an attacker would attack it: for every hidden sensitive cell, linear
programs find the smallest and largest values consistent with every published cell and every additive relation
(every hierarchy level, every margin, across all the tables given, which are audited together as linked tables).
The pattern passes when no hidden sensitive cell can be pinned below the threshold. Works on any table in the
cell-table JSON form (prikk.cell-table/1), also one made by another tool. Prints widths and verdicts only, never
a hidden value.

Options:
  --min-count <n>       the frequency rule the tables were protected under: sensitive when 0 < count < n (required)
  --zeros-sensitive     empty cells were sensitive too
  --min-width <w>       also require the attacker's interval to be at least w wide
  --json                print the audit result as JSON

Exit codes: 0 the audit passed, 3 it failed (a hidden cell can be recovered or pinned), 1 bad input,
2 bad command line.`;

/** `prikk audit`: the LP audit of one or more tables in the cell-table JSON form. */
export const auditCommand: Command = {
  summary: 'prove that no hidden cell of a table (cell-table JSON) can be recomputed or pinned',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, {
      'min-count': { type: 'string' },
      'zeros-sensitive': { type: 'boolean' },
      'min-width': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('expected at least one table file');
    if (values['min-count'] === undefined) throw new UsageError('--min-count is required');
    const n = Number(values['min-count']);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--min-count must be an integer >= 1, got "${values['min-count']}"`);
    const minWidth = values['min-width'] === undefined ? undefined : Number(values['min-width']);
    if (minWidth !== undefined && !(Number.isFinite(minWidth) && minWidth >= 0)) {
      throw new UsageError(`--min-width must be a number >= 0, got "${values['min-width']}"`);
    }
    const tables: CellTableJson[] = [];
    for (const file of positionals) tables.push((await readJsonFile(file, 'table')) as CellTableJson);
    const rule = frequencyRule({
      n,
      ...(values['zeros-sensitive'] ? { zerosSensitive: true } : {}),
      ...(minWidth !== undefined ? { minWidth } : {}),
    });
    const result = await auditTable(tables.length === 1 ? tables[0]! : tables, { rules: [rule] });
    if (values.json) {
      io.out(JSON.stringify(result, (_, v: unknown) => (v === Infinity ? 'Infinity' : v), 2));
    } else {
      const where = (coords: Readonly<Record<string, string>>): string =>
        Object.entries(coords).map(([k, v]) => `${k}=${v}`).join(', ') || 'grand total';
      io.out(`audit ${result.passed ? 'PASSED' : 'FAILED'}: ${result.cellsChecked} hidden sensitive cells checked, ${result.failed} failed`);
      if (result.narrowest) {
        const w = result.narrowest.width;
        io.out(`narrowest interval: width ${w === Infinity ? 'unbounded' : w} at ${where(result.narrowest.coords)}`);
      }
      if (result.publishedSensitive.length > 0) io.out(`sensitive cells published: ${result.publishedSensitive.length}`);
      if (result.singletonLeaks > 0) io.out(`relations where a singleton recovers another hidden cell: ${result.singletonLeaks}`);
      for (const c of result.cells.filter((x) => !x.pass).slice(0, 20)) {
        io.out(`  failed: ${where(c.coords)} (${c.failures.join(', ')}; width ${c.width})`);
      }
    }
    return result.passed ? EXIT.ok : EXIT.auditFailed;
  },
};
