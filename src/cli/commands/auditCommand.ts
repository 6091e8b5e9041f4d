import type { CellTable } from '../../aggregate/CellTable.js';
import { cellTableFromJson } from '../../aggregate/cellTableFromJson.js';
import type { CellTableJson } from '../../aggregate/CellTableJson.js';
import { auditReadOptions } from '../../audit/auditReadOptions.js';
import { auditTable } from '../../audit/auditTable.js';
import { PrikkError } from '../../errors/PrikkError.js';
import { frequencyRule } from '../../protect/suppression/rules/frequencyRule.js';
import { EXIT } from '../exitCodes.js';
import type { Command, CommandIO } from '../main.js';
import { auditRelease } from '../../release/auditRelease.js';
import { stat } from 'node:fs/promises';
import { parseFlags } from '../parseFlags.js';
import { readJsonFile } from '../readJsonFile.js';
import { UsageError } from '../UsageError.js';

const HELP = `Usage: prikk audit <table.json> [<table.json> ...] --min-count <n> [options]
       prikk audit <release-folder> [--json]

With a release folder (one written by 'prikk release'): checks it from the published files alone: every file's
sha256 against manifest.json, no file the manifest does not list, no hidden cell with a value in any table's JSON,
and the LP audit below on every suppressed table (linked when they count the same unit over the same cohort), with
the frequency rule recorded in the manifest's policy.

Audits a suppression pattern the way an attacker would attack it: for every hidden sensitive cell, linear
programs find the smallest and largest values consistent with every published cell and every additive relation
(every hierarchy level, every margin, across all the tables given, which are audited together as linked tables).
The pattern passes when no hidden sensitive cell can be pinned below the threshold. Works on any table in the
cell-table JSON form (prikk.cell-table/1): a table released by prikk, or one made by another tool. Each file is
read as an attacker sees it: a cell the file does not list is hidden; the statuses published, primary and
secondary are read as named, and any other (e.g. small, rounded) as published when the cell shows a count and
hidden when it does not; a value a hidden cell carries is ignored. Prints widths and verdicts only, never a
hidden value.

Options:
  --min-count <n>       the frequency rule the tables were protected under: sensitive when 0 < count < n (required)
  --zeros-sensitive     empty cells were sensitive too
  --min-width <w>       also require the attacker's interval to be at least w wide
  --json                print the audit result as JSON

Exit codes: 0 the audit passed, 3 it failed (a hidden cell can be recovered or pinned), 1 bad input,
2 bad command line.`;

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** `prikk audit <release-folder>`: {@link auditRelease}, printed. */
async function auditReleaseFolder(folder: string, json: boolean, io: CommandIO): Promise<number> {
  const a = await auditRelease(folder);
  if (json) {
    io.out(JSON.stringify(a, null, 2));
  } else {
    io.out(`release ${a.releaseId} of dataset '${a.dataset}': ${a.passed ? 'PASSED' : 'FAILED'}`);
    io.out(`  files: ${a.fileProblems.length === 0 ? 'every sha256 matches the manifest' : `${a.fileProblems.length} problem(s)`}`);
    for (const p of a.fileProblems) io.out(`    ${p}`);
    io.out(`  tables: ${a.tableProblems.length === 0 ? 'no hidden cell carries a value' : `${a.tableProblems.length} problem(s)`}`);
    for (const p of a.tableProblems) io.out(`    ${p}`);
    const s = a.suppression;
    if (s) {
      const width = s.narrowestWidth === null ? 'unbounded' : String(s.narrowestWidth);
      io.out(`  suppression: audit ${s.passed ? 'passed' : 'FAILED'}: ${s.cellsChecked} hidden sensitive cells checked, ${s.failed} failed, narrowest interval ${width} (${s.scope})`);
    } else {
      io.out('  suppression: no suppressed table');
    }
  }
  return a.passed ? EXIT.ok : EXIT.auditFailed;
}

/** `prikk audit`: the LP audit of one or more tables in the cell-table JSON form, or of a release folder. */
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
    if (positionals.length === 0) throw new UsageError('expected at least one table file, or a release folder');
    if (positionals.length === 1 && (await isFolder(positionals[0]!))) {
      if (values['min-count'] !== undefined || values['min-width'] !== undefined || values['zeros-sensitive']) {
        throw new UsageError('a release folder is audited with the rules its manifest records; --min-count, --min-width and --zeros-sensitive are for table files');
      }
      return auditReleaseFolder(positionals[0]!, values.json === true, io);
    }
    if (values['min-count'] === undefined) throw new UsageError('--min-count is required');
    const n = Number(values['min-count']);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--min-count must be an integer >= 1, got "${values['min-count']}"`);
    const minWidth = values['min-width'] === undefined ? undefined : Number(values['min-width']);
    if (minWidth !== undefined && !(Number.isFinite(minWidth) && minWidth >= 0)) {
      throw new UsageError(`--min-width must be a number >= 0, got "${values['min-width']}"`);
    }
    const tables: CellTable[] = [];
    for (const file of positionals) {
      const json = (await readJsonFile(file, 'table')) as CellTableJson;
      try {
        tables.push(cellTableFromJson(json, auditReadOptions));
      } catch (error) {
        // The reader's message names the cell; the file is added here.
        if (error instanceof PrikkError && error.location === undefined) throw new PrikkError(error.code, error.message, { file });
        throw error;
      }
    }
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
