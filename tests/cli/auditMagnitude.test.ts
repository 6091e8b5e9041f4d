import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { sdcTableJson } from './sdcTableJson.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

// sdcTable's reference table (region A-D x gender) as a table of cost sums only, another tool's magnitude table:
// costs male/female A 1,800/200, B 1,400/1,900, C 1,200/1,000, D 1,100/1,400 (the counts × 100), with totals.
function sumsTable(hidden: ReadonlySet<string>): string {
  const path = join(mkdtempSync(join(tmpdir(), 'prikk-audit-sums-')), 'costs.json');
  writeFileSync(path, JSON.stringify(sdcTableJson(hidden, (count) => ({ sums: { cost: count * 100 } }))));
  return path;
}

describe('prikk audit on a table of sums only (magnitude rules)', () => {
  it('passes with the hidden rectangle: hand-solved, A/female can be anything in [0, 1,200]', async () => {
    // Hidden Am, Af, Cm, Cf; published A total 2,000, C total 2,200 and the gender totals. Af = t gives
    // Am = 2,000 - t, Cf = 1,200 - t, Cm = 1,000 + t: all >= 0 for t in [0, 1,200], so the width is 1,200 > 0.
    const r = await run('audit', sumsTable(new Set(['A/female', 'A/male', 'C/male', 'C/female'])), '--measure', 'cost', '--p-percent', '10');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/audit PASSED: 1 hidden sensitive cells checked, 0 failed/);
    // Required only not to be pinned (no contributions in the file); the width is printed because an LP made it exact.
    expect(r.out).toContain('sums of cost: 1 checked, 0 failed, no hidden cell pinned to one value, narrowest interval width 1200 at region=A, gender=female');
  });

  it('fails (exit 3) under the dominance rule when only the primary is hidden: A/female = A total - A/male', async () => {
    const r = await run('audit', sumsTable(new Set(['A/female'])), '--measure', 'cost', '--dominance', '1,80');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/audit FAILED/);
    expect(r.out).toMatch(/width 0/);
  });

  it('a frequency rule on a table without counts is bad input (exit 1) that names the rule', async () => {
    const r = await run('audit', sumsTable(new Set(['A/female'])), '--min-count', '3');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/frequency\(count < 3\)/);
  });

  it('usage errors (exit 2): a rule without --measure, --measure without a rule, malformed numbers', async () => {
    const path = sumsTable(new Set(['A/female']));
    for (const argv of [
      ['--dominance', '1,80'],
      ['--measure', 'cost'],
      ['--measure', 'cost', '--dominance', '1'],
      ['--measure', 'cost', '--p-percent', 'ten'],
      ['--measure', 'cost', '--dominance', '0,80'],
      ['--min-width', '2'],
    ]) {
      const r = await run('audit', path, ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
    }
  });
});
