import type { CellTable } from '../../aggregate/CellTable.js';
import { cellTableFromJson } from '../../aggregate/cellTableFromJson.js';
import type { CellTableJson } from '../../aggregate/CellTableJson.js';
import type { CellAudit } from '../../audit/AuditResult.js';
import { auditReadOptions } from '../../audit/auditReadOptions.js';
import type { AuditProgress } from '../../audit/AuditProgress.js';
import { auditTable } from '../../audit/auditTable.js';
import { PrikkError } from '../../errors/PrikkError.js';
import { dominanceRule } from '../../protect/suppression/rules/dominanceRule.js';
import { frequencyRule } from '../../protect/suppression/rules/frequencyRule.js';
import { pPercentRule } from '../../protect/suppression/rules/pPercentRule.js';
import type { PrimaryRule } from '../../protect/suppression/rules/PrimaryRule.js';
import { EXIT } from '../exitCodes.js';
import type { Command, CommandIO } from '../main.js';
import { auditRelease } from '../../release/auditRelease.js';
import { stat } from 'node:fs/promises';
import { parseFlags } from '../parseFlags.js';
import { readJsonFile } from '../readJsonFile.js';
import { UsageError } from '../UsageError.js';
import { timeLimitError, timeLimitFlag } from '../timeLimitFlag.js';

const HELP = `Usage: prikk audit <table.json> [<table.json> ...] --min-count <n> [options]
       prikk audit <table.json> [<table.json> ...] --measure <name> --dominance <n>,<k> | --p-percent <p>[,<q>] [options]
       prikk audit <release-folder> [--json] [--time-limit <s>]

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

A table of sums only (a magnitude table) is audited under its magnitude rules: give the measure and the rule
(the files hold no contributions, so a hidden sum is held to what the rule can require without them: it must not
be pinned to one value). Each rule is audited on the values of its quantity that the files show: a published cell
without one is read as hidden for that rule. Large audits solve on two worker threads (PRIKK_THREADS=1: one);
on a terminal, a progress line counts the hidden cells proved.

Options:
  --min-count <n>       the frequency rule the tables were protected under: sensitive when 0 < count < n
                        (required unless a magnitude rule is given)
  --zeros-sensitive     empty cells were sensitive too
  --min-width <w>       also require the attacker's interval to be at least w wide
  --measure <name>      the measure whose sums a magnitude rule protects (with --dominance or --p-percent)
  --dominance <n>,<k>   the dominance (n,k) rule: sensitive when the n largest contributors hold more than k %
  --p-percent <p>[,<q>] the p % rule (p/q rule with q)
  --json                print the audit result as JSON
  --exact-narrowest     make the narrowest interval's width exact however many LPs it takes (by default, past
                        a budget of LP work it is printed as a lower bound, "at least w"; the verdicts are
                        exact either way)
  --time-limit <s>      stop when the audit has not ended after s seconds (exit code 5)

Exit codes: 0 the audit passed, 3 it failed (a hidden cell can be recovered or pinned), 1 bad input,
2 bad command line, 5 stopped by --time-limit.`;

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** `prikk audit <release-folder>`: {@link auditRelease}, printed. */
async function auditReleaseFolder(folder: string, json: boolean, io: CommandIO, timeLimit: string | undefined, signal: AbortSignal | undefined): Promise<number> {
  const a = await auditRelease(folder, signal ? { signal } : {}).catch((error: unknown) => {
    throw timeLimitError(error, timeLimit, 'the audit did not end');
  });
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
      io.out(`  suppression: audit ${s.passed ? 'passed' : 'FAILED'}: ${s.cellsChecked} hidden sensitive cells checked, ${s.failed} failed`);
      for (const p of s.parts ?? []) {
        const width = p.notPinnedOnly
          ? 'no hidden sum pinned to one value'
          : p.narrowestWidth === null
            ? p.cellsChecked > 0
              ? 'narrowest interval unbounded'
              : 'nothing to check'
            : `narrowest interval ${p.narrowestWidthIsBound ? 'at least ' : ''}${p.narrowestWidth}`;
        io.out(`    ${p.scope}: ${p.cellsChecked} checked, ${p.failed} failed, ${width}`);
      }
    } else {
      io.out('  suppression: no suppressed table');
    }
  }
  return a.passed ? EXIT.ok : EXIT.auditFailed;
}

/** The primary rules the flags name: the frequency rule (`--min-count`) and magnitude rules on `--measure`. */
function rulesFromFlags(values: Record<string, string | boolean | undefined>): PrimaryRule[] {
  const str = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const numbers = (name: string, text: string, counts: readonly number[]): number[] => {
    const parts = text.split(',').map((x) => x.trim());
    if (!counts.includes(parts.length) || parts.some((x) => x === '' || !Number.isFinite(Number(x)))) {
      throw new UsageError(`--${name} expects ${counts.join(' or ')} comma-separated numbers, got "${text}"`);
    }
    return parts.map(Number);
  };
  const rules: PrimaryRule[] = [];
  const minCount = str('min-count');
  const minWidthText = str('min-width');
  const minWidth = minWidthText === undefined ? undefined : Number(minWidthText);
  if (minWidth !== undefined && !(Number.isFinite(minWidth) && minWidth >= 0)) throw new UsageError(`--min-width must be a number >= 0, got "${minWidthText}"`);
  if (minCount !== undefined) {
    const n = Number(minCount);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--min-count must be an integer >= 1, got "${minCount}"`);
    rules.push(frequencyRule({ n, ...(values['zeros-sensitive'] ? { zerosSensitive: true } : {}), ...(minWidth !== undefined ? { minWidth } : {}) }));
  } else if (values['zeros-sensitive'] || minWidth !== undefined) {
    throw new UsageError('--zeros-sensitive and --min-width belong to the frequency rule: give --min-count too');
  }
  const measure = str('measure');
  const dominance = str('dominance');
  const pPercent = str('p-percent');
  if ((dominance !== undefined || pPercent !== undefined) && measure === undefined) throw new UsageError('--dominance and --p-percent need --measure <name>');
  if (measure !== undefined && dominance === undefined && pPercent === undefined) throw new UsageError('--measure needs a magnitude rule: --dominance <n>,<k> or --p-percent <p>');
  try {
    if (dominance !== undefined) {
      const [n, k] = numbers('dominance', dominance, [2]);
      rules.push(dominanceRule({ measure: measure!, n: n!, k: k! }));
    }
    if (pPercent !== undefined) {
      const [p, q] = numbers('p-percent', pPercent, [1, 2]);
      rules.push(pPercentRule({ measure: measure!, p: p!, ...(q !== undefined ? { q } : {}) }));
    }
  } catch (error) {
    // The factories' parameter checks, as command-line errors.
    if (error instanceof PrikkError && error.code === 'INVALID_ARGUMENT') throw new UsageError(error.message);
    throw error;
  }
  if (rules.length === 0) throw new UsageError('--min-count is required (or a magnitude rule: --measure with --dominance or --p-percent)');
  return rules;
}

/** A cell's coordinates as printed: `h=A, year=2024`, or `grand total`. */
function placeOf(coords: Readonly<Record<string, string>>): string {
  return Object.entries(coords).map(([k, v]) => `${k}=${v}`).join(', ') || 'grand total';
}

/** A narrowest check as printed: `width 5 at h=A`, `width at least 5 at …`, `width unbounded at …`, or `none`. */
function narrowestText(c: CellAudit | undefined): string {
  if (!c) return 'none';
  const bound = c.widthExact || c.width === Infinity ? '' : 'at least ';
  return `width ${c.width === Infinity ? 'unbounded' : bound + c.width} at ${placeOf(c.coords)}`;
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
      measure: { type: 'string' },
      dominance: { type: 'string' },
      'p-percent': { type: 'string' },
      json: { type: 'boolean' },
      'exact-narrowest': { type: 'boolean' },
      'time-limit': { type: 'string' },
    });
    const timeLimit = values['time-limit'];
    // The limit counts from here: reading the files is part of the audit's time.
    const signal = timeLimitFlag(timeLimit);
    if (positionals.length === 0) throw new UsageError('expected at least one table file, or a release folder');
    if (positionals.length === 1 && (await isFolder(positionals[0]!))) {
      if (
        values['min-count'] !== undefined ||
        values['min-width'] !== undefined ||
        values['zeros-sensitive'] ||
        values.measure !== undefined ||
        values.dominance !== undefined ||
        values['p-percent'] !== undefined ||
        values['exact-narrowest']
      ) {
        throw new UsageError(
          'a release folder is audited with the rules its manifest records; --min-count, --min-width, --zeros-sensitive, --measure, --dominance, --p-percent and --exact-narrowest are for table files',
        );
      }
      return auditReleaseFolder(positionals[0]!, values.json === true, io, timeLimit, signal);
    }
    const rules = rulesFromFlags(values);
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
    // On a terminal, a progress line while hidden cells are proved (redrawn at most every 100 ms).
    let drawnAt = 0;
    const onProgress = io.progress
      ? (p: AuditProgress): void => {
          const now = Date.now();
          if (now - drawnAt < 100 && p.cellsProved < p.cells) return;
          drawnAt = now;
          io.progress!(`  ${p.cellsProved} of ${p.cells} hidden cells proved, ${(p.elapsedMs / 1000).toFixed(1)} s`);
        }
      : undefined;
    const options = { rules, ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}), ...(values['exact-narrowest'] ? { narrowestLpWork: Infinity } : {}) };
    const result = await auditTable(tables.length === 1 ? tables[0]! : tables, options)
      .catch((error: unknown) => {
        throw timeLimitError(error, timeLimit, 'the audit did not end');
      })
      .finally(() => {
        if (drawnAt > 0) io.progress!('');
      });
    if (values.json) {
      io.out(JSON.stringify(result, (_, v: unknown) => (v === Infinity ? 'Infinity' : v), 2));
    } else {
      io.out(`audit ${result.passed ? 'PASSED' : 'FAILED'}: ${result.cellsChecked} hidden sensitive cells checked, ${result.failed} failed`);
      // Per quantity (each in its own unit) when there are several or one reports no width.
      const perQuantity = result.quantities.length > 1 || result.quantities.some((q) => q.notPinnedOnly);
      for (const q of perQuantity ? result.quantities : []) {
        const label = q.quantity === 'count' ? 'counts' : `sums of ${q.quantity}`;
        // Required only not to be pinned: a width is printed only when an LP made it exact (an inner one proves only that).
        const notPinned = `no hidden cell pinned to one value${q.narrowest?.widthExact ? `, narrowest interval ${narrowestText(q.narrowest)}` : ''}`;
        io.out(`${label}: ${q.cellsChecked} checked, ${q.failed} failed, ${q.notPinnedOnly ? notPinned : `narrowest interval ${narrowestText(q.narrowest)}`}`);
      }
      if (!perQuantity && result.narrowest) io.out(`narrowest interval: ${narrowestText(result.narrowest)}`);
      if (result.publishedSensitive.length > 0) io.out(`sensitive cells published: ${result.publishedSensitive.length}`);
      if (result.singletonLeaks > 0) io.out(`relations where a singleton recovers another hidden cell: ${result.singletonLeaks}`);
      for (const c of result.cells.filter((x) => !x.pass).slice(0, 20)) {
        io.out(`  failed: ${placeOf(c.coords)} (${c.failures.join(', ')}; width ${c.width})`);
      }
    }
    return result.passed ? EXIT.ok : EXIT.auditFailed;
  },
};
