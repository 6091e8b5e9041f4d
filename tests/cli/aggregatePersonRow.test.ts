import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

/** Person A has rows in 2019 and 2020, B in 2020 only (hand-made). */
function files(): { extract: string; schema: string } {
  const dir = mkdtempSync(join(tmpdir(), 'prikk-person-row-'));
  const extract = join(dir, 'x.csv');
  const schema = join(dir, 'schema.json');
  writeFileSync(extract, 'pid;year\nA;2020\nA;2019\nB;2020\n');
  writeFileSync(schema, JSON.stringify({ columns: [{ name: 'pid', role: 'person' }, { name: 'year', role: 'dimension', type: 'year' }] }));
  return { extract, schema };
}

const countOf = (out: string, label: string): string | undefined => out.split('\n').find((l) => l.startsWith(label))?.trim().split(/\s+/)[1];

describe('prikk aggregate --person-row', () => {
  it('counts each person once, in the year of their first row: margins add up', async () => {
    const f = files();
    const all = await run('aggregate', f.extract, '--schema', f.schema, '--by', 'year');
    // Without it A is in both years: 2019 1, 2020 2, but Total 2 (hand count).
    expect([countOf(all.out, '2019'), countOf(all.out, '2020'), countOf(all.out, 'Total')]).toEqual(['1', '2', '2']);
    const first = await run('aggregate', f.extract, '--schema', f.schema, '--by', 'year', '--person-row', 'first:year');
    expect(first.code).toBe(0);
    // With it A counts in 2019 only: 2019 1, 2020 1, Total 2, and one row is reconciled as left out.
    expect([countOf(first.out, '2019'), countOf(first.out, '2020'), countOf(first.out, 'Total')]).toEqual(['1', '1', '2']);
    expect(first.out + first.err).toMatch(/1\s+person-row:first by year/);
  });

  it('exits 2 for a malformed value', async () => {
    const f = files();
    for (const bad of ['earliest', 'first:', 'first:year:x']) {
      const r = await run('aggregate', f.extract, '--schema', f.schema, '--by', 'year', '--person-row', bad);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--person-row expects first or last');
    }
  });
});
