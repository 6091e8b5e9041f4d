import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditRelease } from '../../src/release/auditRelease.js';
import type { ReleaseManifest } from '../../src/release/manifest/ReleaseManifest.js';
import type { ReleasedTable } from '../../src/release/ReleasedTable.js';
import { runRelease } from '../../src/release/runRelease.js';

/** 25 persons, one row each: h1 has 3 (below n = 5), h2 10, h3 12 (hand-chosen counts). */
function setUp(): Promise<{ out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'prikk-audit-release-'));
  const lines = ['person_id;hospital'];
  const counts: Record<string, number> = { h1: 3, h2: 10, h3: 12 };
  let id = 0;
  for (const [h, n] of Object.entries(counts)) for (let i = 0; i < n; i++) lines.push(`P${++id};${h}`);
  writeFileSync(join(dir, 'extract.csv'), `${lines.join('\n')}\n`);
  writeFileSync(
    join(dir, 'policy.yaml'),
    `prikk: 1
dataset: audit-test
recipient: R
purpose: P
ledger: ./ledger
extract:
  schema:
    columns:
      - { name: person_id, role: person }
      - { name: hospital, role: dimension, codes: [h1, h2, h3] }
tables:
  - name: by_hospital
    dimensions: [hospital]
    method: { suppression: { rules: [ { frequency: { n: 5 } } ] } }
`,
  );
  const out = join(dir, 'release');
  return runRelease({ extract: join(dir, 'extract.csv'), policy: join(dir, 'policy.yaml'), out }).then(() => ({ out }));
}

const TRUE_COUNTS: Record<string, number> = { h1: 3, h2: 10, h3: 12, Total: 25 };
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Rewrites a table's JSON and updates its hash in the manifest, as a careful forger would. */
function forge(out: string, edit: (t: ReleasedTable) => void): void {
  const path = join(out, 'by_hospital.json');
  const table = JSON.parse(readFileSync(path, 'utf8')) as ReleasedTable;
  edit(table);
  const text = JSON.stringify(table);
  writeFileSync(path, text);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as ReleaseManifest;
  const outputs = manifest.outputs.map((o) => (o.path === 'by_hospital.json' ? { ...o, sha256: sha256(text) } : o));
  writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...manifest, outputs }));
}

describe('auditRelease', () => {
  it('passes a release as written: hashes match, hidden cells carry nothing, the LP audit passes', async () => {
    const { out } = await setUp();
    const a = await auditRelease(out);
    expect(a.fileProblems).toEqual([]);
    expect(a.tableProblems).toEqual([]);
    expect(a.suppression?.passed).toBe(true);
    expect(a.suppression?.cellsChecked).toBe(1); // h1, the one primary cell
    expect(a.passed).toBe(true);
  });

  it('finds a changed file, a file the manifest does not list, and a missing one', async () => {
    const { out } = await setUp();
    writeFileSync(join(out, 'by_hospital.csv'), 'changed');
    writeFileSync(join(out, 'extra.txt'), 'x');
    const a = await auditRelease(out);
    expect(a.passed).toBe(false);
    expect(a.fileProblems).toEqual(expect.arrayContaining([expect.stringMatching(/^by_hospital\.csv: sha256 differs/), 'extra.txt: not listed in the manifest']));
  });

  it('finds a hidden cell that carries a value, even with the manifest hash forged', async () => {
    const { out } = await setUp();
    forge(out, (t) => {
      const h1 = t.cells.find((c) => c.coords.hospital === 'h1') as { persons?: number };
      h1.persons = 3;
    });
    const a = await auditRelease(out);
    expect(a.fileProblems).toEqual([]);
    expect(a.tableProblems).toHaveLength(1);
    expect(a.tableProblems[0]).not.toContain('3 ');
    expect(a.passed).toBe(false);
  });

  it('fails the LP audit when the protector of the primary cell is published (h1 = Total - h2 - h3 by hand)', async () => {
    const { out } = await setUp();
    forge(out, (t) => {
      const secondary = t.cells.find((c) => c.status === 'secondary')!;
      const label = secondary.coords.hospital!;
      Object.assign(secondary, { status: 'published', persons: TRUE_COUNTS[label] });
    });
    const a = await auditRelease(out);
    expect(a.tableProblems).toEqual([]);
    expect(a.suppression?.passed).toBe(false);
    expect(a.suppression?.narrowestWidth).toBe(0);
    expect(a.passed).toBe(false);
  });
});
