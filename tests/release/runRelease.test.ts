import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReleasedTable } from '../../src/release/ReleasedTable.js';
import type { ReleaseOptions } from '../../src/release/ReleaseOptions.js';
import { runRelease } from '../../src/release/runRelease.js';
import { rejection } from '../rejection.js';
import { DP_BY_SEX, DP_BY_YEAR, extractCsv, policyYaml, regroupedByRegion, SUPPRESSED_BY_HOSPITAL, workspace } from './fixtures.js';

// The default, secure source: nothing here needs predictable noise (re-issues are compared with the stored release).
function run(options: ReleaseOptions): ReturnType<typeof runRelease> {
  return runRelease(options);
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');


describe('runRelease', () => {
  it('writes every output, a manifest whose hashes match the files, and one ledger line', async () => {
    const w = workspace();
    const policy = w.policy(policyYaml({ tables: SUPPRESSED_BY_HOSPITAL + DP_BY_YEAR, budget: 'privacyBudget: { epsilon: 3 }' }));
    const out = join(w.dir, 'release-1');
    const r = await run({ extract: w.extract, policy, out });
    expect(r.reissued).toBe(false);
    const files = readdirSync(out).sort();
    for (const f of ['by_hospital.csv', 'by_hospital.json', 'dp_by_year.csv', 'dp_by_year.json', 'tables.xlsx', 'report.html', 'manifest.json']) {
      expect(files).toContain(f);
    }
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as typeof r.manifest;
    expect(manifest.outputs.map((o) => o.path).sort()).toEqual(files.filter((f) => f !== 'manifest.json').sort());
    for (const o of manifest.outputs) expect(sha256(readFileSync(join(out, o.path)))).toBe(o.sha256);
    expect(manifest.input.sha256).toBe(sha256(readFileSync(w.extract)));
    expect(manifest.policy.sha256).toBe(sha256(readFileSync(policy)));
    // The release has a dp table, so the recipient's copy withholds the exact row counts (not covered by DP) ...
    expect(manifest.reconciliation).toEqual({ withheld: expect.stringContaining('not covered by differential privacy') });
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('not covered by differential privacy');
    // ... while the analyst gets them: 25 rows read, all used (hand count: 3 + 10 + 12).
    expect(r.reconciliation.rowsRead).toBe(25);
    expect(r.reconciliation.rowsUsed).toBe(25);

    // h1 (3 persons) is below 5: hidden, and no value of it appears anywhere in the JSON.
    const table = JSON.parse(readFileSync(join(out, 'by_hospital.json'), 'utf8')) as ReleasedTable;
    const h1 = table.cells.find((c) => c.coords.hospital === 'h1')!;
    expect(h1.status).toBe('primary');
    expect(h1.persons).toBeUndefined();
    const hidden = table.cells.filter((c) => c.status !== 'published');
    expect(hidden.length).toBeGreaterThanOrEqual(2); // h1 and its protector
    for (const c of hidden) expect(Object.keys(c).sort()).toEqual(['coords', 'status']);
    expect(manifest.tables[0]!.audit?.passed).toBe(true);
    expect(manifest.tables[1]!.privacySpent?.loss).toEqual({ kind: 'pure', epsilon: '1' });
    // A dp table beside an exact one says what its guarantee does not cover; the exact table has no such note.
    expect(manifest.tables[1]!.notes.some((n) => n.includes('does not cover'))).toBe(true);
    expect(manifest.tables[0]!.notes.some((n) => n.includes('does not cover'))).toBe(false);

    const ledger = readFileSync(join(w.dir, 'ledger', 'test-registry', 'ledger.jsonl'), 'utf8').trim().split('\n');
    expect(ledger).toHaveLength(1);
    expect(JSON.parse(ledger[0]!)).toMatchObject({ kind: 'release', releaseId: r.manifest.releaseId, recipient: 'Acme Pharma AS' });
  });

  it('answers the same request from anyone with the stored release: same noisy values, no budget spent', async () => {
    const w = workspace();
    const first = await run({
      extract: w.extract,
      policy: w.policy(policyYaml({ tables: DP_BY_YEAR, budget: 'privacyBudget: { epsilon: 1 }' })),
      out: join(w.dir, 'a'),
    });
    // A different recipient, the same tables: the budget (epsilon 1) is all spent, yet the request is answered.
    const second = await run({
      extract: w.extract,
      policy: w.policy(policyYaml({ recipient: 'Other Research AS', tables: DP_BY_YEAR, budget: 'privacyBudget: { epsilon: 1 }' }), 'p2.yaml'),
      out: join(w.dir, 'b'),
    });
    expect(second.reissued).toBe(true);
    expect(second.manifest.reissueOf).toBe(first.manifest.releaseId);
    expect(second.manifest.recipient).toBe('Other Research AS');
    expect(second.tables).toEqual(first.tables);
    expect(readFileSync(join(w.dir, 'b', 'dp_by_year.csv'))).toEqual(readFileSync(join(w.dir, 'a', 'dp_by_year.csv')));
    const lines = readFileSync(join(w.dir, 'ledger', 'test-registry', 'ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.kind)).toEqual(['release', 'reissue']);
    expect(lines[1].spent).toEqual([]);
  });

  it('refuses to overspend the dataset budget across releases, and writes nothing', async () => {
    const w = workspace();
    const budget = 'privacyBudget: { epsilon: 1.5 }';
    await run({ extract: w.extract, policy: w.policy(policyYaml({ tables: DP_BY_YEAR, budget })), out: join(w.dir, 'a') });
    const other = DP_BY_SEX;
    expect(other).toContain('dimensions: [sex]');
    const error = await rejection(
      run({ extract: w.extract, policy: w.policy(policyYaml({ tables: other, budget }), 'p2.yaml'), out: join(w.dir, 'b') }),
    );
    expect(error.code).toBe('BUDGET_EXCEEDED');
    expect(existsSync(join(w.dir, 'b'))).toBe(false);
    const lines = readFileSync(join(w.dir, 'ledger', 'test-registry', 'ledger.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
  });

  it('refuses an extract that differs from the one earlier releases were made from', async () => {
    const w = workspace();
    await run({ extract: w.extract, policy: w.policy(policyYaml({ tables: SUPPRESSED_BY_HOSPITAL })), out: join(w.dir, 'a') });
    writeFileSync(w.extract, extractCsv(1));
    const error = await rejection(run({ extract: w.extract, policy: w.policy(policyYaml({ tables: SUPPRESSED_BY_HOSPITAL })), out: join(w.dir, 'b') }));
    expect(error.code).toBe('DATASET_CHANGED');
    expect(existsSync(join(w.dir, 'b'))).toBe(false);
  });

  it('refuses a release that would let a cell hidden before be recomputed from the union of releases', async () => {
    const w = workspace();
    const first = await run({ extract: w.extract, policy: w.policy(policyYaml({ tables: SUPPRESSED_BY_HOSPITAL })), out: join(w.dir, 'a') });
    const cells = first.tables[0]!.cells;
    const status = (h: string): string => cells.find((c) => c.coords.hospital === h)!.status;
    // The first release hid h1 (primary) and one protector s; it published the other hospital o and the total.
    const s = status('h2') === 'secondary' ? 'h2' : 'h3';
    const o = s === 'h2' ? 'h3' : 'h2';
    expect(status(s)).toBe('secondary');
    expect(status(o)).toBe('published');
    // A second release groups h1 with o and leaves s alone in its group: s is published (it is >= 5), so
    // h1 = Total - o - s from the two releases together (hand derivation; each release alone is safe).
    const regrouped = regroupedByRegion(o, s);
    const error = await rejection(run({ extract: w.extract, policy: w.policy(policyYaml({ tables: regrouped }), 'p2.yaml'), out: join(w.dir, 'b') }));
    expect(error.code).toBe('PROTECTION_FAILED');
    expect(existsSync(join(w.dir, 'b'))).toBe(false);
  });

  it('refuses an output folder that holds files before doing anything', async () => {
    const w = workspace();
    await run({ extract: w.extract, policy: w.policy(policyYaml({ tables: SUPPRESSED_BY_HOSPITAL })), out: join(w.dir, 'a') });
    writeFileSync(join(w.dir, 'a', 'x'), '');
    const error = await rejection(run({ extract: w.extract, policy: join(w.dir, 'policy.yaml'), out: join(w.dir, 'a') }));
    expect(error.code).toBe('IO_ERROR');
    expect(readFileSync(join(w.dir, 'ledger', 'test-registry', 'ledger.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('shows the exact reconciliation without dp tables, withholds it with them unless the policy asks, and keeps it for re-issues', async () => {
    const w = workspace();
    const plain = await run({ extract: w.extract, policy: w.policy(policyYaml({ tables: SUPPRESSED_BY_HOSPITAL })), out: join(w.dir, 'a') });
    // 25 rows read, all used (hand count: 3 + 10 + 12).
    expect(plain.manifest.reconciliation).toMatchObject({ rowsRead: 25, rowsUsed: 25 });

    const w2 = workspace();
    const budget = 'privacyBudget: { epsilon: 1 }';
    const asked = await run({
      extract: w2.extract,
      policy: w2.policy(policyYaml({ tables: `${DP_BY_YEAR}\noutput: { reconciliation: show }`, budget })),
      out: join(w2.dir, 'a'),
    });
    expect(asked.manifest.reconciliation).toMatchObject({ rowsRead: 25, rowsUsed: 25 });

    const w3 = workspace();
    const first = await run({ extract: w3.extract, policy: w3.policy(policyYaml({ tables: DP_BY_YEAR, budget })), out: join(w3.dir, 'a') });
    expect('withheld' in first.manifest.reconciliation).toBe(true);
    const again = await run({ extract: w3.extract, policy: w3.policy(policyYaml({ tables: DP_BY_YEAR, budget, recipient: 'B' }), 'p2.yaml'), out: join(w3.dir, 'b') });
    expect(again.reissued).toBe(true);
    expect('withheld' in again.manifest.reconciliation).toBe(true);
    expect(again.reconciliation).toEqual(first.reconciliation);
    expect(again.reconciliation.rowsRead).toBe(25);
  });
});
