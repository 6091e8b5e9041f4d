import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { sdcTableJson } from './sdcTableJson.js';
import { formatJson } from '../../src/release/writers/formatJson.js';
import { VERSION } from '../../src/version.js';
import { suppressionTable } from '../release/writers/fixtures.js';

const EXTRACT = 'examples/hipFracture/extract.csv';
const SCHEMA = 'examples/hipFracture/schema.json';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('prikk CLI', () => {
  it('prints an overview for no command and --help, and the package version for --version', async () => {
    const none = await run();
    expect(none.code).toBe(0);
    expect(none.out).toMatch(/inspect/);
    expect(none.out).toMatch(/aggregate/);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect((await run('--version')).out.trim()).toBe(pkg.version);
  });

  it('exits 2 with the overview for an unknown command, and for an unknown option', async () => {
    const unknown = await run('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown command 'frobnicate'/);
    const badFlag = await run('inspect', EXTRACT, '--no-such-flag');
    expect(badFlag.code).toBe(2);
    expect(badFlag.err).toMatch(/no-such-flag/);
  });

  it('every command has --help', async () => {
    for (const command of ['inspect', 'aggregate', 'audit']) {
      const r = await run(command, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`Usage: prikk ${command}`));
    }
  });

  it('exits 1 and names the file when the extract does not exist', async () => {
    const r = await run('inspect', 'no/such/file.csv');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no\/such\/file\.csv/);
  });

  it('inspect describes the embedded extract and never shows person ids', async () => {
    const r = await run('inspect', EXTRACT);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/person_id/);
    expect(r.out).toMatch(/municipality/);
    const firstPerson = readFileSync(EXTRACT, 'utf8').split('\n')[1]!.split(';')[0]!;
    expect(r.out).not.toContain(firstPerson);
  });

  it('inspect --schema-out writes a schema the aggregate command accepts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prikk-cli-'));
    const schemaPath = join(dir, 'schema.json');
    const r = await run('inspect', EXTRACT, '--schema-out', schemaPath);
    expect(r.code).toBe(0);
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { columns: { name: string }[] };
    expect(schema.columns.map((c) => c.name)).toContain('hospital');
  });

  it('aggregate prints the grand total that a line count of the CSV gives, and reconciles', async () => {
    // Independent count: data lines with a municipality (the schema excludes rows where it is missing).
    const lines = readFileSync(EXTRACT, 'utf8').trim().split('\n');
    const header = lines[0]!.split(';');
    const m = header.indexOf('municipality');
    const withMunicipality = lines.slice(1).filter((l) => l.split(';')[m] !== '').length;
    const r = await run('aggregate', EXTRACT, '--schema', SCHEMA, '--by', 'sex', '--unit', 'rows');
    expect(r.code).toBe(0);
    const total = r.out.split('\n').find((l) => l.startsWith('Total'))!;
    expect(total.trim().split(/\s+/).at(-1)).toBe(String(withMunicipality));
    expect(r.err).toMatch(/UNPROTECTED/);
    expect(r.err).toContain(`${lines.length - 1} rows read = ${withMunicipality} used + ${lines.length - 1 - withMunicipality} excluded`);
  });

  it('aggregate --json writes a cell table in the prikk.cell-table/1 form', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prikk-cli-'));
    const out = join(dir, 'table.json');
    const r = await run('aggregate', EXTRACT, '--schema', SCHEMA, '--by', 'icd10', '--json', out);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { format: string; cells: { coords: Record<string, string> }[] };
    expect(json.format).toBe('prikk.cell-table/1');
    expect(json.cells.map((c) => c.coords['icd10']).sort()).toEqual(['S72.0', 'S72.1', 'S72.2', 'Total']);
  });

  it('aggregate exits 2 without --by, and 1 for a dimension the schema does not have', async () => {
    expect((await run('aggregate', EXTRACT, '--schema', SCHEMA)).code).toBe(2);
    const r = await run('aggregate', EXTRACT, '--schema', SCHEMA, '--by', 'nope');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nope/);
  });

  it('aggregate applies a hierarchy file and a filter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prikk-cli-'));
    const age = join(dir, 'age.json');
    writeFileSync(age, JSON.stringify({ type: 'intervals', min: 0, max: 120, width: 10 }));
    const r = await run('aggregate', EXTRACT, '--schema', SCHEMA, '--by', 'age', '--hierarchy', `age=${age}`,
      '--unit', 'rows', '--filter', '{"column":"age","range":{"min":80}}');
    expect(r.code).toBe(0);
    // Bands below 80 exist in the table but the filter removed their rows.
    const band = (label: string) => r.out.split('\n').find((l) => l.trim().startsWith(label))!.trim().split(/\s+/).at(-1);
    expect(band('70-79')).toBe('0');
    expect(Number(band('80-89'))).toBeGreaterThan(0);
    expect(r.err).toMatch(/filter:age >= 80/);
  });
});

describe('prikk audit', () => {
  // sdcTable's reference table (region A-D x gender, with totals): male/female A 18/2, B 14/19, C 12/10, D 11/14.
  const tableJson = (hidden: ReadonlySet<string>): object => sdcTableJson(hidden, (persons) => ({ persons }), { unit: 'persons' });
  function write(json: object): string {
    const path = join(mkdtempSync(join(tmpdir(), 'prikk-audit-')), 'table.json');
    writeFileSync(path, JSON.stringify(json));
    return path;
  }

  it('fails (exit 3) when only the primary cell is hidden: A/female = A total - A/male', async () => {
    const r = await run('audit', write(tableJson(new Set(['A/female']))), '--min-count', '3');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/audit FAILED/);
    expect(r.out).toMatch(/width 0/);
  });

  it("passes (exit 0) with sdcTable's optimal pattern: hand-solved, A/female can be anything in [0, 12]", async () => {
    // Hidden Am, Af, Cm, Cf; published: A total 20, C total 22, male total minus B, D = 30, female minus B, D = 12.
    // Af = t gives Am = 20 - t, Cf = 12 - t, Cm = 10 + t: all >= 0 for t in [0, 12], so the width is 12 and 12 >= 3.
    const r = await run('audit', write(tableJson(new Set(['A/female', 'A/male', 'C/male', 'C/female']))), '--min-count', '3');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/audit PASSED: 1 hidden sensitive cells checked, 0 failed/);
    expect(r.out).toMatch(/width 12 at region=A, gender=female/);
  });

  it('takes --exact-narrowest for table files (same hand-solved width 12), and refuses it for a release folder', async () => {
    const r = await run('audit', write(tableJson(new Set(['A/female', 'A/male', 'C/male', 'C/female']))), '--min-count', '3', '--exact-narrowest');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/width 12 at region=A, gender=female/);
    const folder = await run('audit', mkdtempSync(join(tmpdir(), 'prikk-audit-')), '--exact-narrowest');
    expect(folder.code).toBe(2);
    expect(folder.err).toMatch(/--exact-narrowest are for table files/);
  });

  it('audits a table released by prikk (the release JSON writer\'s file), hand-solved', async () => {
    // tests/release/writers/fixtures.ts: hidden A/F (primary), A/M, B/F, B/M; published A = 8, B = 16, C/F = 12,
    // C/M = 15, F = 21, M = 30 persons. A/F = t gives A/M = 8 - t, B/F = 21 - 12 - t = 9 - t, B/M = 7 + t
    // (check: A/M + B/M = 15 = 30 - 15). All >= 0 for t in [0, 8]: width 8, and the upper bound 8 >= 5 passes.
    const r = await run('audit', write(JSON.parse(formatJson(suppressionTable)) as object), '--min-count', '5');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/audit PASSED: 1 hidden sensitive cells checked, 0 failed/);
    expect(r.out).toMatch(/width 8 at hospital=A, sex=F/);
  });

  it('names the file and the cell of a table it cannot read (exit 1)', async () => {
    const bad = tableJson(new Set(['A/female'])) as { cells: { coords: Record<string, string> }[] };
    bad.cells[1] = { ...bad.cells[1]!, coords: { region: 'A', gender: 'x' } };
    const path = write(bad);
    const r = await run('audit', path, '--min-count', '3');
    expect(r.code).toBe(1);
    expect(r.err).toContain(path);
    expect(r.err).toMatch(/cells\[1\] \{"region":"A","gender":"x"\}: 'x' is not a node of the dimension 'gender'/);
  });

  it('exits 2 without --min-count', async () => {
    expect((await run('audit', 'x.json')).code).toBe(2);
  });
});
