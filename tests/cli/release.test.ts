import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { ReleaseManifest } from '../../src/release/manifest/ReleaseManifest.js';
import type { ReleasedTable } from '../../src/release/ReleasedTable.js';
import {
  DP_BY_SEX,
  DP_BY_YEAR,
  extractCsv,
  HOSPITAL_COUNTS,
  ledgerLines,
  policyYaml,
  regroupedByRegion,
  SCHEMA_EXCLUDING_MISSING,
  SUPPRESSED_BY_HOSPITAL,
  workspace,
  type ReleaseWorkspace,
} from '../release/fixtures.js';
import { documentedFlags, parsedFlags, REPO } from './commandFlags.js';

interface Ran {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** Every text the command drew on the progress line, in order. */
  readonly progress: readonly string[];
}

/** Runs the CLI in this process with captured stdout, stderr and (like a terminal) a progress line. */
async function run(...argv: string[]): Promise<Ran> {
  let out = '';
  let err = '';
  const progress: string[] = [];
  const code = await runCli(argv, {
    out: (t) => (out += `${t}\n`),
    err: (t) => (err += `${t}\n`),
    progress: (t) => progress.push(t),
  });
  return { code, out, err, progress };
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * One workspace for the whole file: an extract of 27 rows (hand count: h1 3 + h2 10 + h3 12 = 25 with a hospital,
 * plus 2 with an empty hospital, which the schema excludes), a policy with a suppressed table and a DP table, and a
 * dataset budget of ε = 1.5 (the DP table spends ε = 1). The first release is made with progress, the second is the
 * identical request, --quiet.
 */
describe('prikk release', () => {
  let w: ReleaseWorkspace;
  let policy: string;
  let first: Ran;
  let second: Ran;
  const BUDGET = 'privacyBudget: { epsilon: 1.5 }';
  const out1 = (): string => join(w.dir, 'release-1');
  const out2 = (): string => join(w.dir, 'release-2');
  const policyOf = (tables: string): string => policyYaml({ tables, budget: BUDGET, schema: SCHEMA_EXCLUDING_MISSING });
  const manifestOf = (dir: string): ReleaseManifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ReleaseManifest;

  beforeAll(async () => {
    w = workspace(extractCsv(0, 2));
    policy = w.policy(policyOf(SUPPRESSED_BY_HOSPITAL + DP_BY_YEAR));
    first = await run('release', w.extract, '--policy', policy, '--out', out1());
    second = await run('release', w.extract, '--policy', policy, '--out', out2(), '--quiet');
  }, 60_000);

  it('exits 0 and prints the released id, each table, the reconciliation and the files written', () => {
    expect(first.err).not.toMatch(/\[[A-Z_]+\]/); // no error code
    expect(first.code).toBe(0);
    const lines = first.out.trimEnd().split('\n');
    const manifest = manifestOf(out1());
    expect(lines[0]).toBe(`released ${manifest.releaseId} of dataset 'test-registry' to Acme Pharma AS`);
    // by_hospital: 4 cells (h1, h2, h3, Total). h1 has 3 persons < 5: primary. A single hidden cell in a row with
    // its total would be Total - the others, so exactly one more hospital is hidden: 2 of 4.
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}by_hospital: suppression, 2 of 4 cells hidden, audit passed \(\d+ cells? checked\)$/));
    const table = JSON.parse(readFileSync(join(out1(), 'by_hospital.json'), 'utf8')) as ReleasedTable;
    expect(table.cells.filter((c) => c.status !== 'published')).toHaveLength(2);
    // dp_by_year: bands [2023, 2024), [2024, 2025) and the total: 3 cells, none hidden; it spends its ε = 1.
    expect(lines).toContain('  dp_by_year: dp, 0 of 3 cells hidden, spent ε = 1');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}privacy budget: .*spent after: ε = 1 of ε = 3\/2 .*remaining: ε = 1\/2/));
    // Hand count of the fixture: 27 rows, 25 with a hospital, 2 without (excluded as missing:hospital).
    const withHospital = HOSPITAL_COUNTS.h1 + HOSPITAL_COUNTS.h2 + HOSPITAL_COUNTS.h3;
    expect(withHospital).toBe(25);
    expect(lines).toContain(`  rows: 27 read = ${withHospital} used + 2 excluded (2 missing:hospital)`);
    const line1 = JSON.parse(ledgerLines(w.ledgerFile)[0]!) as { seq: number; hash: string };
    expect(lines).toContain(`  recorded as ledger line 1, hash ${line1.hash}`);
    // The folder is outside the working folder, so it is named by its absolute path; the files are those written.
    const written = lines.find((l) => l.startsWith('  written to '))!;
    const [where, files] = written.slice('  written to '.length).split(': ');
    expect(where).toBe(out1());
    expect(files!.split(', ').sort()).toEqual(readdirSync(out1()).sort());
    expect(files).toContain('report.html');
    expect(files).toContain('manifest.json');
  });

  it('reports each step on stderr and draws the read progress bar, unless --quiet', () => {
    const steps = first.err.trimEnd().split('\n');
    for (const start of [
      'hashing the extract ',
      'opening the ledger ',
      'reading ',
      'protecting 2 tables ...',
      'auditing this release with the earlier ones ...',
      'rendering 2 tables ...',
      'recording in the ledger ',
      'writing ',
    ]) {
      expect(steps.some((l) => l.startsWith(start))).toBe(true);
    }
    expect(steps.filter((l) => /^ {2}[a-z ]+: done \(\d+\.\d s\)$/.test(l))).toHaveLength(8);
    expect(steps.at(-1)).toMatch(/^done in \d+\.\d s$/);
    // The extract is one chunk: the bar is drawn full, then cleared when reading is done.
    expect(first.progress).toContainEqual(expect.stringMatching(/\[#{30}\] 100 %/));
    // The suppression draws its steps (counts only), the last the audit of its pattern; cleared at the next step.
    const suppression = first.progress.filter((t) => t.startsWith('  by_hospital: '));
    expect(suppression[0]).toMatch(/^ {2}by_hospital: secondary cells chosen, \d+ cells hidden, \d+\.\d s$/);
    expect(suppression.at(-1)).toMatch(/^ {2}by_hospital: audit 1( \((\d+) of \2 cells proved\))?, \d+ cells hidden, \d+\.\d s$/);
    expect(first.progress.at(-1)).toBe('');
    expect(second.err).toBe('');
    expect(second.progress).toEqual([]);
  });

  it('answers the identical request again with "re-issued" and spends no budget', () => {
    expect(second.code).toBe(0);
    const firstId = manifestOf(out1()).releaseId;
    const lines = second.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^re-issued \\S+ of dataset 'test-registry' to Acme Pharma AS$`));
    expect(lines[1]).toBe(`  the same request was released before as ${firstId}: its stored tables were issued again, no budget spent`);
    expect(lines).toContain(`  privacy budget: re-issue of ${firstId}: no budget spent`);
    expect(lines).toContain('  dp_by_year: dp, 0 of 3 cells hidden, spent by the original release ε = 1');
    expect(readFileSync(join(out2(), 'dp_by_year.csv'))).toEqual(readFileSync(join(out1(), 'dp_by_year.csv')));
    const ledger = ledgerLines(w.ledgerFile).map((l) => JSON.parse(l) as { kind: string; hash: string });
    expect(ledger.map((l) => l.kind)).toEqual(['release', 'reissue']);
    expect(lines).toContain(`  recorded as ledger line 2, hash ${ledger[1]!.hash}`);
  });

  it('--json prints only the manifest, whose outputs exist with their sha256', async () => {
    const out = join(w.dir, 'release-json');
    const r = await run('release', w.extract, '--policy', policy, '--out', out, '--json', '--quiet');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const manifest = JSON.parse(r.out) as ReleaseManifest;
    expect(manifest).toEqual(manifestOf(out));
    expect(manifest.reissueOf).toBe(manifestOf(out1()).releaseId);
    expect(manifest.outputs.length).toBeGreaterThan(0);
    for (const o of manifest.outputs) expect(sha256(readFileSync(join(out, o.path)))).toBe(o.sha256);
    expect(manifest.input.sha256).toBe(sha256(readFileSync(w.extract)));
  });

  describe('refusals: the exit code, a message, no release folder and no new ledger line', () => {
    /** Runs a release into a new folder and checks that nothing was written or recorded. */
    async function refused(args: (out: string) => string[], ledgerFile = w.ledgerFile): Promise<Ran> {
      const out = join(w.dir, `refused-${randomBytes(4).toString('hex')}`);
      const before = ledgerLines(ledgerFile);
      const r = await run('release', ...args(out));
      expect(existsSync(out)).toBe(false);
      expect(ledgerLines(ledgerFile)).toEqual(before);
      expect(r.out).toBe('');
      return r;
    }

    it('exits 2 for a wrong command line, and says what is wrong', async () => {
      const cases: [string[], RegExp][] = [
        [[w.extract, '--out', 'OUT'], /--policy is required/],
        [[w.extract, '--policy', policy], /--out is required/],
        [['--policy', policy, '--out', 'OUT'], /expected exactly one extract file/],
        [[w.extract, w.extract, '--policy', policy, '--out', 'OUT'], /expected exactly one extract file/],
        [[w.extract, '--policy', policy, '--out', 'OUT', '--frobnicate'], /frobnicate/],
        [[w.extract, '--policy', policy, '--out', 'OUT', '--wait', 'soon'], /--wait: expected a number of seconds >= 0, got 'soon'/],
      ];
      for (const [args, message] of cases) {
        const r = await refused((out) => args.map((a) => (a === 'OUT' ? out : a)));
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.err).toMatch(message);
        expect(r.err).toContain("Run 'prikk release --help' for usage.");
      }
    });

    it('exits 1 for a policy with a mistyped key, naming the key path and its line', async () => {
      const text = policyOf(SUPPRESSED_BY_HOSPITAL).replace('frequency: { n: 5 }', 'frequncy: { n: 5 }');
      const file = w.policy(text, 'typo.yaml');
      // The line of the mistyped key, found in the text (1-based).
      const line = text.split('\n').findIndex((l) => l.includes('frequncy')) + 1;
      expect(line).toBeGreaterThan(1);
      const r = await refused((out) => [w.extract, '--policy', file, '--out', out]);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${file}:${line}: tables[0].method.suppression.rules[0].frequncy: unknown key 'frequncy'`);
      expect(r.err).toContain("did you mean 'frequency'?");
      expect(r.err).toContain('[INVALID_POLICY]');
    });

    it('exits 1 for a malformed extract, naming the file, line and column', async () => {
      // A new dataset ledger (--ledger), so the changed extract is read rather than refused as DATASET_CHANGED.
      const ledger = join(w.dir, 'ledger-malformed');
      const bad = join(w.dir, 'bad.csv');
      const lines = extractCsv().split('\n');
      lines[2] = lines[2]!.replace(';h1;', ';h9;'); // line 3 of the file (the header is line 1): row 2
      writeFileSync(bad, lines.join('\n'));
      const r = await refused((out) => [bad, '--policy', policy, '--out', out, '--ledger', ledger], join(ledger, 'test-registry', 'ledger.jsonl'));
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${bad}, line 3, row 2, column 'hospital': expected a code from the column's code list`);
      expect(r.err).toContain('[INVALID_VALUE]');
      // A broken quote: the file and the line where the quoted field starts.
      const torn = join(w.dir, 'torn.csv');
      writeFileSync(torn, 'person_id;hospital;year;sex;cost\nP1;h1;2023;1;10\nP2;h2;2024;2;"20\n');
      const t = await refused((out) => [torn, '--policy', policy, '--out', out, '--ledger', ledger], join(ledger, 'test-registry', 'ledger.jsonl'));
      expect(t.code).toBe(1);
      expect(t.err).toContain(`${torn}, line 3`);
      expect(t.err).toContain('[MALFORMED_INPUT]');
    });

    it('exits 3 when a hidden cell becomes recoverable from the union with an earlier release', async () => {
      // The first release hid h1 (primary) and one protector s, and published the other hospital o.
      const cells = (JSON.parse(readFileSync(join(out1(), 'by_hospital.json'), 'utf8')) as ReleasedTable).cells;
      const status = (h: string): string => cells.find((c) => c.coords['hospital'] === h)!.status;
      const s = status('h2') === 'secondary' ? 'h2' : 'h3';
      const o = s === 'h2' ? 'h3' : 'h2';
      expect([status('h1'), status(s), status(o)]).toEqual(['primary', 'secondary', 'published']);
      const file = w.policy(policyOf(regroupedByRegion(o, s)), 'regrouped.yaml');
      const r = await refused((out) => [w.extract, '--policy', file, '--out', out]);
      expect(r.code).toBe(3);
      expect(r.err).toMatch(/let 1 hidden cell\(s\) be recomputed or pinned/);
      expect(r.err).toContain('Nothing was released.');
      expect(r.err).toContain('[PROTECTION_FAILED]');
    });

    it('exits 4 when the dataset budget would be exceeded', async () => {
      // Spent ε = 1 of 1.5 by the first release; a second DP table at ε = 1 would make 2.
      const file = w.policy(policyOf(DP_BY_SEX), 'by-sex.yaml');
      const r = await refused((out) => [w.extract, '--policy', file, '--out', out]);
      expect(r.code).toBe(4);
      // Names the table, what it needs and what remains (hand: 3/2 - 1 = 1/2).
      expect(r.err).toContain("'dp_by_sex'");
      expect(r.err).toMatch(/ε = 1\b.*only ε = 1\/2 \(0\.5\) of ε = 3\/2 \(1\.5\) remains/);
      expect(r.err).toContain('[BUDGET_EXCEEDED]');
    });

    it('exits 4 when the extract differs from the one the dataset was released from', async () => {
      const changed = join(w.dir, 'changed.csv');
      writeFileSync(changed, extractCsv(1, 2));
      const r = await refused((out) => [changed, '--policy', policy, '--out', out]);
      expect(r.code).toBe(4);
      expect(r.err).toContain(`dataset 'test-registry' was released before (release ${manifestOf(out1()).releaseId})`);
      expect(r.err).toContain(`${basename(changed)} has sha256 ${sha256(readFileSync(changed)).slice(0, 12)}`);
      expect(r.err).toContain('[DATASET_CHANGED]');
    });

    it('exits 4 while another live process holds the ledger lock, and leaves its lock alone', async () => {
      // A foreign holder on this host whose pid is alive (a sleep we own): the lock is not stale and must be waited for.
      const sleeper: ChildProcess = spawn('sleep', ['30'], { stdio: 'ignore' });
      const lock = join(w.dir, 'ledger', 'test-registry', '.lock');
      try {
        expect(sleeper.pid).toBeTypeOf('number');
        mkdirSync(join(w.dir, 'ledger', 'test-registry'), { recursive: true });
        const holder = { pid: sleeper.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z', token: randomBytes(16).toString('hex') };
        writeFileSync(lock, `${JSON.stringify(holder)}\n`);
        const r = await refused((out) => [w.extract, '--policy', policy, '--out', out, '--wait', '0.2', '--quiet']);
        expect(r.code).toBe(4);
        expect(r.err).toContain(`the ledger is locked by pid ${sleeper.pid} on host '${hostname()}' since 2026-01-01T00:00:00.000Z; waited 200 ms`);
        expect(r.err).toContain(`remove ${lock}`);
        expect(r.err).toContain('[LEDGER_LOCKED]');
        expect(JSON.parse(readFileSync(lock, 'utf8'))).toEqual(holder);
      } finally {
        sleeper.kill();
        rmSync(lock, { force: true });
      }
    });
  });

  it('--help mentions every flag the command parses, and documents no flag it does not parse', async () => {
    const flags = parsedFlags('src/cli/commands/releaseCommand.ts');
    expect(flags).toEqual(expect.arrayContaining(['policy', 'out', 'ledger', 'quiet', 'json']));
    for (const argv of [['release', '--help'], ['release', '-h'], ['help', 'release'], ['release', 'x.csv', '--help']]) {
      const r = await run(...argv);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Usage: prikk release <extract\.csv>/);
      for (const flag of flags) expect(r.out, `--${flag}`).toMatch(new RegExp(`^\\s+--${flag}\\b`, 'm'));
      expect(documentedFlags(r.out).sort()).toEqual([...flags].sort());
    }
  });
});

describe('the prikk executable', () => {
  it('exits 0 with nothing on stderr under --quiet, and 1 with the message when refused', async () => {
    const w = workspace();
    const policy = w.policy(policyYaml({ tables: SUPPRESSED_BY_HOSPITAL }));
    const out = join(w.dir, 'release');
    const bin = (): Promise<{ code: number; stdout: string; stderr: string }> =>
      new Promise((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', 'src/cli/bin.ts', 'release', w.extract, '--policy', policy, '--out', out, '--quiet'],
          { cwd: REPO },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
        );
      });
    const ok = await bin();
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^released \S+ of dataset 'test-registry' to Acme Pharma AS\n/);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    // The same command again: the folder is no longer empty. Errors are printed even with --quiet.
    const again = await bin();
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/^prikk release: .*the output folder .* is not empty.*\[IO_ERROR\]\n$/);
    expect(ledgerLines(w.ledgerFile)).toHaveLength(1);
  }, 60_000);
});
