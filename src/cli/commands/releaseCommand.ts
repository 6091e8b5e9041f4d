import { isAbsolute, relative, sep } from 'node:path';
import type { ReleaseStep } from '../../release/ReleaseOptions.js';
import { runRelease } from '../../release/runRelease.js';
import { EXIT } from '../exitCodes.js';
import type { Command } from '../main.js';
import { parseFlags } from '../parseFlags.js';
import { UsageError } from '../UsageError.js';
import { timeLimitError, timeLimitFlag } from '../timeLimitFlag.js';
import type { SuppressionProgress } from '../../protect/suppression/SuppressionProgress.js';

const HELP = `Usage: prikk release <extract.csv> --policy <policy.yaml> --out <folder> [options]

Makes a release as the policy describes it: reads the extract against the policy's schema, protects every table
with its method (cell suppression with an LP audit, rounding, k-anonymity, differential privacy, the cell key
method), checks the release against every earlier release of the dataset (suppressed cells must stay hidden in
the union of all releases; the privacy budget must not be exceeded), records it in the dataset's append-only
ledger, and writes the folder: per table CSV (+ notes), JSON (prikk.cell-table/1) and one XLSX workbook, an HTML
report, and manifest.json (version, sha256 of extract and policy, every parameter, audits, budget, reconciliation).

The same request (same extract, same tables and methods), by anyone, gets the stored tables of its first release
again: never fresh noise, no budget spent. Nothing is written when any check fails.

Options:
  --policy <file>    the release policy, YAML or JSON (required; see prikk/policy.schema.json)
  --out <folder>     the release folder to create; it must not exist or be empty (required)
  --ledger <folder>  the ledger folder (default: the policy's 'ledger', relative to the policy file)
  --wait <seconds>   how long to wait while another release of the dataset holds its ledger (default: 300)
  --time-limit <seconds>
                     stop, releasing nothing, when the release is not recorded by then (exit code 5);
                     a table too deep to protect in time can be released as linked tables of fewer
                     dimensions (see the README)
  --quiet            no progress on stderr (for scripts)
  --json             print the manifest as JSON on stdout instead of a summary

Environment:
  PRIKK_CELL_KEY_SECRET (or the variable the policy names): the registry secret of the cell key method.

Exit codes: 0 released, 1 bad input or policy, 2 bad command line, 3 a protection check failed,
4 the ledger refused it (budget exceeded, extract changed since earlier releases, ledger locked or corrupt),
5 stopped by --time-limit.`;

const STEP_TEXT: Readonly<Record<ReleaseStep, string>> = {
  hash: 'hashing the extract',
  ledger: 'opening the ledger',
  read: 'reading',
  protect: 'protecting',
  audit: 'auditing',
  render: 'rendering',
  record: 'recording in the ledger',
  write: 'writing',
};

/** A progress bar for reading the extract, redrawn at most every 100 ms: `[#####.....]  48 %  512 of 1066 MB`. */
function readProgressBar(draw: (text: string) => void): (bytesRead: number, totalBytes: number) => void {
  let last = 0;
  return (read, total) => {
    const now = Date.now();
    if (now - last < 100 && read < total) return;
    last = now;
    const share = total > 0 ? Math.min(1, read / total) : 0;
    const filled = Math.round(share * 30);
    const mb = (b: number): string => (b / 1e6).toFixed(b < 1e7 ? 1 : 0);
    draw(`  [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${String(Math.round(share * 100)).padStart(3)} %  ${mb(read)} of ${mb(total)} MB`);
  };
}

const SUPPRESSION_STEP: Readonly<Record<SuppressionProgress['step'], string>> = {
  secondary: 'secondary cells chosen',
  optimal: 'optimal search',
  repairs: 'repair round',
  audit: 'audit',
  proving: 'audit',
};

/**
 * The progress line of a table's suppression, redrawn as each step starts and as its audits go on: `  by_municipality:
 * audit 2 (15125 of 20053 cells proved), 34126 cells hidden, 12.3 s` (counts only: no hidden value reaches the
 * terminal).
 */
function suppressionLine(draw: (text: string) => void): (tables: readonly string[], p: SuppressionProgress) => void {
  let drawnAt = 0;
  return (tables, p) => {
    // An audit's progress comes often: redrawn at most every 100 ms (its end always).
    const now = Date.now();
    if (p.step === 'proving' && p.proved < p.toProve && now - drawnAt < 100) return;
    drawnAt = now;
    const n =
      p.step === 'repairs'
        ? ` ${p.round} (${p.failures} to repair)`
        : p.step === 'audit'
          ? ` ${p.audits}`
          : p.step === 'proving'
            ? ` ${p.audits} (${p.proved} of ${p.toProve} cells proved)`
            : p.step === 'optimal' && p.round > 0
              ? ` (MIP round ${p.round})`
              : '';
    draw(`  ${tables.join(' + ')}: ${SUPPRESSION_STEP[p.step]}${n}, ${p.hidden} cells hidden, ${(p.elapsedMs / 1000).toFixed(1)} s`);
  };
}

/** `prikk release`: a whole release from an extract and a policy. */
export const releaseCommand: Command = {
  summary: 'protect, audit, record and write a release as a policy file describes it',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, {
      policy: { type: 'string' },
      out: { type: 'string' },
      ledger: { type: 'string' },
      quiet: { type: 'boolean' },
      json: { type: 'boolean' },
      wait: { type: 'string' },
      'time-limit': { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one extract file');
    if (!values.policy) throw new UsageError('--policy is required');
    if (!values.out) throw new UsageError('--out is required');
    const wait = values.wait === undefined ? undefined : Number(values.wait);
    if (wait !== undefined && (values.wait!.trim() === '' || !Number.isFinite(wait) || wait < 0)) {
      throw new UsageError(`--wait: expected a number of seconds >= 0, got '${values.wait}'`);
    }
    const signal = timeLimitFlag(values['time-limit']);
    const started = Date.now();
    let stepStart = started;
    let step: ReleaseStep | undefined;
    const done = (): void => {
      if (step && !values.quiet) io.err(`  ${STEP_TEXT[step]}: done (${((Date.now() - stepStart) / 1000).toFixed(1)} s)`);
    };
    // A progress line left on the terminal is cleared before an error is printed below it.
    let drawn = false;
    const draw = io.progress && !values.quiet ? (text: string): void => {
      drawn = text !== '';
      io.progress!(text);
    } : undefined;
    const outcome = await runRelease({
      extract: positionals[0]!,
      policy: values.policy,
      out: values.out,
      ...(values.ledger !== undefined ? { ledger: values.ledger } : {}),
      ...(wait !== undefined ? { lockTimeoutMs: Math.round(wait * 1000) } : {}),
      ...(draw ? { onReadProgress: readProgressBar(draw), onSuppressionProgress: suppressionLine(draw) } : {}),
      ...(signal ? { signal } : {}),
      onProgress: (next, detail) => {
        // The progress line of the step before is cleared (--quiet draws nothing, not even a clear).
        if (drawn) draw!('');
        done();
        step = next;
        stepStart = Date.now();
        if (!values.quiet) io.err(`${STEP_TEXT[next]} ${detail} ...`);
      },
    }).catch((error: unknown) => {
      if (drawn) draw!('');
      throw timeLimitError(error, values['time-limit'], 'nothing was released');
    });
    done();
    if (!values.quiet) io.err(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const m = outcome.manifest;
    if (values.json) {
      io.out(JSON.stringify(m, null, 2));
      return EXIT.ok;
    }
    io.out(`${outcome.reissued ? 're-issued' : 'released'} ${m.releaseId} of dataset '${m.dataset}' to ${m.recipient}`);
    if (m.reissueOf) io.out(`  the same request was released before as ${m.reissueOf}: its stored tables were issued again, no budget spent`);
    for (const t of m.tables) {
      const audit = t.audit ? `, audit ${t.audit.passed ? 'passed' : 'FAILED'} (${t.audit.cellsChecked} ${t.audit.cellsChecked === 1 ? 'cell' : 'cells'} checked)` : '';
      // A re-issue spends nothing: the table's privacy was spent once, by the original release.
      const spent = t.privacySpent ? `, ${m.reissueOf ? 'spent by the original release' : 'spent'} ${t.privacySpent.description}` : '';
      io.out(`  ${t.name}: ${t.method}, ${t.summary.hiddenCells} of ${t.summary.cells} cells hidden${audit}${spent}`);
    }
    if (m.releaseAudit) io.out(`  with earlier releases: audit ${m.releaseAudit.passed ? 'passed' : 'FAILED'} (${m.releaseAudit.scope})`);
    if (m.budget) io.out(`  privacy budget: ${m.budget.description}`);
    const r = outcome.reconciliation;
    const excluded = Object.entries(r.excluded).map(([k, v]) => `${v} ${k}`).join(', ');
    io.out(`  rows: ${r.rowsRead} read = ${r.rowsUsed} used + ${r.rowsRead - r.rowsUsed} excluded${excluded ? ` (${excluded})` : ''}`);
    // The hash anchors the ledger: a copy kept elsewhere detects a rewrite of the ledger's tail (see parseLedger).
    io.out(`  recorded as ledger line ${outcome.ledgerRecord.seq}, hash ${outcome.ledgerRecord.hash}`);
    // Relative to the working folder when it is inside it, else absolute (never '../../tmp/...').
    const rel = relative(process.cwd(), outcome.outDir);
    const where = rel === '' ? '.' : rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? outcome.outDir : rel;
    io.out(`  written to ${where}: ${outcome.files.join(', ')}`);
    return EXIT.ok;
  },
};
