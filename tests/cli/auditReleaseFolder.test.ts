import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { runRelease } from '../../src/release/runRelease.js';
import { policyYaml, SUPPRESSED_BY_HOSPITAL, workspace } from '../release/fixtures.js';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('prikk audit <release-folder>', () => {
  it('passes a release as written and fails (exit 3) once one of its files is changed', async () => {
    const w = workspace();
    const out = join(w.dir, 'release');
    await runRelease({ extract: w.extract, policy: w.policy(policyYaml({ tables: SUPPRESSED_BY_HOSPITAL })), out });
    const ok = await cli(['audit', out]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('PASSED');
    expect(ok.out).toContain('every sha256 matches the manifest');
    // h1 (3 persons) is the one primary cell of the fixture (hand count: 3 < 5 <= 10, 12).
    expect(ok.out).toContain('1 hidden sensitive cells checked, 0 failed');
    // Its part, in persons: the hidden h1 and its partner (h2, 10, or h3, 12) have a published sum, so h1 lies
    // anywhere in [0, 13] or [0, 15] (hand derivation).
    expect(ok.out).toMatch(/\n {4}by_hospital \(count < 5\): 1 checked, 0 failed, narrowest interval 1[35]\n/);

    writeFileSync(join(out, 'by_hospital.csv'), 'changed');
    const bad = await cli(['audit', out, '--json']);
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.out).fileProblems[0]).toMatch(/^by_hospital\.csv: sha256 differs/);
  });

  it('prints "no hidden sum pinned" for sums, whose protection interval the files cannot give', async () => {
    const w = workspace();
    const out = join(w.dir, 'release');
    const tables = `
  - name: cost_by_hospital
    dimensions: [hospital]
    measures: [cost]
    values: ['sum:cost']
    method: { suppression: { rules: [ { dominance: { measure: cost, n: 1, k: 30 } } ] } }`;
    await runRelease({ extract: w.extract, policy: w.policy(policyYaml({ tables })), out });
    const r = await cli(['audit', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\n {4}cost_by_hospital \(cost: dominance\(n = 1, k = 30, cost\); hidden sums not pinned\): 1 checked, 0 failed, no hidden sum pinned to one value\n/);
    expect(r.out).not.toMatch(/narrowest interval/);
  });

  it('refuses table-file flags with a folder (exit 2)', async () => {
    const w = workspace();
    const r = await cli(['audit', w.dir, '--min-count', '5']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('a release folder is audited with the rules its manifest records');
  });
});
