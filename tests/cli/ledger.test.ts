import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { LedgerRecord } from '../../src/ledger/LedgerRecord.js';
import type { LedgerSummary } from '../../src/ledger/summariseLedgers.js';
import type { ReleaseManifest } from '../../src/release/manifest/ReleaseManifest.js';
import { documentedFlags, parsedFlags } from './commandFlags.js';
import { DP_BY_YEAR, ledgerLines, policyYaml, SUPPRESSED_BY_HOSPITAL, workspace, type ReleaseWorkspace } from '../release/fixtures.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

/** A text table of formatColumns (columns two or more spaces apart) as one record per row, keyed by the header. */
function parseTable(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trimEnd().split('\n');
  const names = header!.split(/ {2,}/);
  return rows.map((row) => {
    const cells = row.trim().split(/ {2,}/);
    expect(cells, row).toHaveLength(names.length);
    return Object.fromEntries(names.map((n, i) => [n, cells[i]!]));
  });
}

/** Changes one byte of a file: the first occurrence of `from` (one character) at or after byte `after`. */
function editOneByte(file: string, from: string, to: string, after = 0): void {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(from, after);
  expect(at).toBeGreaterThanOrEqual(after);
  bytes[at] = to.charCodeAt(0);
  writeFileSync(file, bytes);
}

/**
 * One release of dataset `test-registry` (a suppressed table and a DP table at ε = 1, budget ε = 3) to Acme Pharma
 * AS, then the same request from Other Research AS: a re-issue. Expected by hand: 2 ledger lines, 1 release,
 * 1 re-issue, 2 recipients, ε = 1 spent (the re-issue spends nothing).
 */
describe('prikk ledger', () => {
  let w: ReleaseWorkspace;
  let ledger: string;
  let firstId: string;
  let secondId: string;

  beforeAll(async () => {
    w = workspace();
    ledger = join(w.dir, 'ledger');
    const budget = 'privacyBudget: { epsilon: 3 }';
    const tables = SUPPRESSED_BY_HOSPITAL + DP_BY_YEAR;
    const a = await run('release', w.extract, '--policy', w.policy(policyYaml({ tables, budget })), '--out', join(w.dir, 'a'), '--quiet');
    const p2 = w.policy(policyYaml({ tables, budget, recipient: 'Other Research AS' }), 'p2.yaml');
    const b = await run('release', w.extract, '--policy', p2, '--out', join(w.dir, 'b'), '--quiet');
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(b.out).toMatch(/^re-issued /);
    const idOf = (dir: string): string => (JSON.parse(readFileSync(join(w.dir, dir, 'manifest.json'), 'utf8')) as ReleaseManifest).releaseId;
    firstId = idOf('a');
    secondId = idOf('b');
  }, 60_000);

  it('summarises each dataset: its lines, releases, re-issues, recipients and the budget spent', async () => {
    const r = await run('ledger', ledger);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const rows = parseTable(r.out);
    expect(rows).toHaveLength(1);
    const created = (JSON.parse(ledgerLines(w.ledgerFile)[0]!) as LedgerRecord).at;
    expect(rows[0]).toEqual({
      dataset: 'test-registry',
      lines: '2',
      releases: '1',
      reissues: '1',
      recipients: '2',
      'last release': created,
      'privacy spent': 'ε = 1',
      chain: 'ok',
    });
  });

  it('--dataset lists both lines: the release and the re-issue of it', async () => {
    const r = await run('ledger', ledger, '--dataset', 'test-registry');
    expect(r.code).toBe(0);
    const rows = parseTable(r.out);
    expect(rows.map((x) => [x['seq'], x['kind'], x['release'], x['recipient'], x['spent']])).toEqual([
      ['1', 'release', firstId, 'Acme Pharma AS', 'ε = 1'],
      ['2', `reissue of ${firstId}`, secondId, 'Other Research AS', '-'],
    ]);
    expect(rows[0]!['tables']).toBe('by_hospital (suppression), dp_by_year (dp)');
  });

  it('--json prints JSON that parses, for the summary and for --dataset', async () => {
    const summary = await run('ledger', ledger, '--json');
    expect(summary.code).toBe(0);
    const summaries = JSON.parse(summary.out) as LedgerSummary[];
    expect(summaries).toMatchObject([{ dataset: 'test-registry', ok: true, lines: 2, releases: 1, reissues: 1, recipients: ['Acme Pharma AS', 'Other Research AS'] }]);
    expect(summaries[0]!.spent).toEqual([{ loss: { kind: 'pure', epsilon: '1' }, description: 'ε = 1' }]);
    const lines = await run('ledger', ledger, '--dataset', 'test-registry', '--json');
    const records = JSON.parse(lines.out) as LedgerRecord[];
    expect(records.map((x) => [x.seq, x.kind, x.releaseId])).toEqual([
      [1, 'release', firstId],
      [2, 'reissue', secondId],
    ]);
    // With --verify as well, stdout still holds one JSON document (the verification goes to stderr).
    const verified = await run('ledger', ledger, '--verify', '--json');
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.out)).toEqual(summaries);
    expect(verified.err).toBe('test-registry: verified (2 lines)\n');
  });

  it('--verify exits 0 on the ledger as written', async () => {
    const r = await run('ledger', ledger, '--verify');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('test-registry: verified (2 lines)');
    const one = await run('ledger', ledger, '--verify', '--dataset', 'test-registry');
    expect(one.code).toBe(0);
    expect(one.out.split('\n')[0]).toBe('test-registry: verified (2 lines)');
  });

  it('--verify exits 4 and names the line after one byte of ledger.jsonl was edited', async () => {
    const copy = join(w.dir, 'ledger-edited');
    cpSync(ledger, copy, { recursive: true });
    const file = join(copy, 'test-registry', 'ledger.jsonl');
    // One byte of line 2: 'Other Research AS' becomes 'other Research AS'.
    const line2Start = readFileSync(file).indexOf('\n') + 1;
    editOneByte(file, 'O', 'o', readFileSync(file).indexOf('Other Research AS', line2Start));
    expect(readFileSync(file, 'utf8')).toContain('other Research AS');
    const r = await run('ledger', copy, '--verify');
    expect(r.code).toBe(4);
    expect(r.out).toContain("test-registry: DOES NOT VERIFY at line 2 of ledger.jsonl: the line's hash does not match its content");
    expect(parseTable(r.out.slice(r.out.indexOf('\n') + 1))[0]!['chain']).toMatch(/^CORRUPT at line 2: /);
    // Listing the lines of the damaged ledger is refused as well, naming the file and the line.
    const one = await run('ledger', copy, '--dataset', 'test-registry', '--verify');
    expect(one.code).toBe(4);
    expect(one.err).toContain(`${file}, line 2: readLedgerRecords: the line's hash does not match its content`);
    expect(one.err).toContain('[LEDGER_CORRUPT]');
    // The original is untouched and still verifies.
    expect((await run('ledger', ledger, '--verify')).code).toBe(0);
  });

  it('--verify exits 4 and names the stored file after one byte of a stored release was edited', async () => {
    const copy = join(w.dir, 'ledger-stored-edited');
    cpSync(ledger, copy, { recursive: true });
    const stored = join(copy, 'test-registry', 'releases', firstId, 'tables', 'by_hospital.json');
    editOneByte(stored, 'h', 'H', readFileSync(stored).indexOf('"h1"'));
    const r = await run('ledger', copy, '--verify');
    expect(r.code).toBe(4);
    expect(r.out).toContain(`test-registry: DOES NOT VERIFY at releases/${firstId}/tables/by_hospital.json (ledger line 1): the stored file`);
  });

  it('--verify names stored files that no line lists, without failing (a crash between storing and recording)', async () => {
    const copy = join(w.dir, 'ledger-unlisted');
    cpSync(ledger, copy, { recursive: true });
    mkdirSync(join(copy, 'test-registry', 'releases', 'crashed-release'), { recursive: true });
    writeFileSync(join(copy, 'test-registry', 'releases', 'crashed-release', 'manifest.json'), '{}\n');
    const r = await run('ledger', copy, '--verify');
    expect(r.code).toBe(0);
    expect(r.out).toContain('test-registry: verified (2 lines)');
    expect(r.out).toContain('test-registry: 1 stored file(s) that no ledger line lists');
    expect(r.out).toContain('releases/crashed-release/manifest.json');
  });

  it('exits 2 without a ledger folder, and 1 for a folder that does not exist or an unknown dataset', async () => {
    const none = await run('ledger');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/expected exactly one ledger folder/);
    const missing = await run('ledger', join(w.dir, 'no-such-folder'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no-such-folder');
    const unknown = await run('ledger', ledger, '--dataset', 'no-such-dataset');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("dataset 'no-such-dataset' has no ledger");
  });

  it('--help mentions every flag the command parses, and documents no flag it does not parse', async () => {
    const flags = parsedFlags('src/cli/commands/ledgerCommand.ts');
    expect(flags).toEqual(expect.arrayContaining(['dataset', 'verify', 'json']));
    for (const argv of [['ledger', '--help'], ['help', 'ledger']]) {
      const r = await run(...argv);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Usage: prikk ledger <ledger-folder>/);
      for (const flag of flags) expect(r.out, `--${flag}`).toMatch(new RegExp(`^\\s+--${flag}\\b`, 'm'));
      expect(documentedFlags(r.out).sort()).toEqual([...flags].sort());
    }
  });
});
