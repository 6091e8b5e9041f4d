import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOT_ADDITIVE } from '../../../src/protect/cellkey/CellKeyResult.js';
import { secretFingerprint } from '../../../src/random/secretFingerprint.js';
import { readCsv } from '../../../src/read/readCsv.js';
import type { CellKeyMethodPolicy } from '../../../src/policy/ReleasePolicy.js';
import { protectCellKey } from '../../../src/release/methods/protectCellKey.js';
import { cellAt, context, personsIn, referenceCount, request, SCHEMA, type Row } from './helpers.js';

const SECRET = 'prikk-test-secret-0123456789abcdef-XYZ';
const TOTALS = { hospital: 'Total', sex: 'Total' };
// Sex 2 has nobody in A: a zero that must stay zero. p3 has a second row (rows differ from persons in (A, 1)).
const ROWS: Row[] = [
  ...personsIn([
    ['A', '1', 4],
    ['B', '1', 12],
    ['B', '2', 9],
    ['C', '2', 30],
  ]),
  { pid: 'p3', hospital: 'A', sex: '1', cost: 250 },
];
const SETTINGS: CellKeyMethodPolicy = { ptable: { D: 7, V: 4, js: 2 } };

async function fixture(env: Record<string, string> = { PRIKK_CELL_KEY_SECRET: SECRET }) {
  const dir = mkdtempSync(join(tmpdir(), 'prikk-cellkey-'));
  const path = join(dir, 'extract.csv');
  writeFileSync(path, ['pid;hospital;sex;cost', ...ROWS.map((r) => `${r.pid};${r.hospital};${r.sex};${r.cost}`)].join('\n') + '\n');
  const extract = await readCsv(path, SCHEMA, { delimiter: ';' });
  return { dir, ctx: context(extract, { source: { path, schema: SCHEMA, options: { delimiter: ';' } }, policyDir: dir, env: (name) => env[name] }) };
}

describe('protectCellKey', () => {
  it('perturbs every cell within D, keeps zeros at zero, says the table is not additive, and never shows the secret', async () => {
    const { ctx } = await fixture();
    const req = request('by_hospital_sex', ['hospital', 'sex'], { cellKey: SETTINGS }, { values: ['persons', 'rows'] });
    const outcome = await protectCellKey(req, SETTINGS, ctx);
    const t = outcome.released;
    expect(t.method).toBe('cellKey');
    for (const c of t.cells) {
      expect(c.status).toBe('published');
      for (const unit of ['persons', 'rows'] as const) {
        const truth = referenceCount(ROWS, c.coords, TOTALS, unit);
        const v = c[unit]!;
        if (truth === 0) expect(v).toBe(0);
        expect(Math.abs(v - truth)).toBeLessThanOrEqual(7);
        // js = 2: no count of 1 or more is published as 1 or 2.
        if (truth >= 1) expect(v === 1 || v === 2).toBe(false);
      }
    }
    expect(cellAt(t, { hospital: 'A', sex: '2' }).persons).toBe(0);
    expect(t.notes).toContain(NOT_ADDITIVE);
    expect(t.notes[0]).toMatch(/need not equal the sum of its perturbed children/);
    expect(t.summary.noiseStandardDeviation).toBeCloseTo(2, 6); // √V with V = 4
    const p = outcome.manifest.parameters as { ptable: { sha256: string; maxNoise: number }; recordKeys: { secretFingerprint: string }; secret: unknown; keys: string };
    expect(p.ptable.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(p.ptable.maxNoise).toBe(7);
    expect(p.recordKeys.secretFingerprint).toBe(secretFingerprint(SECRET));
    expect(p.secret).toEqual({ env: 'PRIKK_CELL_KEY_SECRET' });
    expect(p.keys).toBe('mod1');
    expect(JSON.stringify(outcome)).not.toContain(SECRET);
    expect(JSON.stringify(outcome)).not.toContain(SECRET.slice(0, 20));
  });

  it('gives the same cell the same noise in every table (same persons, same cell key)', async () => {
    const { ctx } = await fixture();
    const two = await protectCellKey(request('two', ['hospital', 'sex'], { cellKey: SETTINGS }), SETTINGS, ctx);
    const one = await protectCellKey(request('one', ['hospital'], { cellKey: SETTINGS }), SETTINGS, ctx);
    for (const h of ['A', 'B', 'C', 'Total']) {
      expect(cellAt(one.released, { hospital: h }).persons).toBe(cellAt(two.released, { hospital: h, sex: 'Total' }).persons);
    }
  });

  it('reads the secret from a file relative to the policy, less its final line break, with the same fingerprint', async () => {
    const { dir, ctx } = await fixture({});
    writeFileSync(join(dir, 'secret.txt'), `${SECRET}\n`);
    const settings: CellKeyMethodPolicy = { ...SETTINGS, secret: { file: 'secret.txt' } };
    const outcome = await protectCellKey(request('t', ['hospital'], { cellKey: settings }), settings, ctx);
    expect((outcome.manifest.parameters.recordKeys as { secretFingerprint: string }).secretFingerprint).toBe(secretFingerprint(SECRET));
    expect(outcome.manifest.parameters.secret).toEqual({ file: 'secret.txt' });
  });

  it('a missing or short secret is an error naming the variable, never the secret', async () => {
    const req = request('t', ['hospital'], { cellKey: SETTINGS });
    const missing = await fixture({});
    await expect(protectCellKey(req, SETTINGS, missing.ctx)).rejects.toThrow(/environment variable PRIKK_CELL_KEY_SECRET .*is not set/);
    const shortSecret = 'xyzzy-too-short';
    const short = await fixture({ MY_SECRET: shortSecret });
    const settings: CellKeyMethodPolicy = { ...SETTINGS, secret: { env: 'MY_SECRET' } };
    const error = (await protectCellKey(req, settings, short.ctx).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/MY_SECRET has 15 bytes, expected at least 32/);
    expect(error.message).not.toContain(shortSecret);
  });

  it('perturbs sums with magnitudes settings, and refuses sums without them', async () => {
    const { ctx } = await fixture();
    const settings: CellKeyMethodPolicy = { ...SETTINGS, magnitudes: { ptable: { D: 3, V: 1 }, p: 0.1 } };
    const req = request('t', ['hospital'], { cellKey: settings }, { values: ['persons', 'sum:cost'], measures: ['cost'] });
    const outcome = await protectCellKey(req, settings, ctx);
    // The noise of a sum is at most p × D × x1 (epsilon [1]: the largest contributor only), x1 the largest total of
    // one person in the cell (p3 pays 100 + 250 in A): at most 0.1 × 3 × x1 around the true sum.
    for (const c of outcome.released.cells) {
      const inCell = ROWS.filter((r) => c.coords.hospital === 'Total' || r.hospital === c.coords.hospital);
      const perPerson = new Map<string, number>();
      for (const r of inCell) perPerson.set(String(r.pid), (perPerson.get(String(r.pid)) ?? 0) + Number(r.cost));
      const truth = inCell.reduce((s, r) => s + Number(r.cost), 0);
      const x1 = Math.max(...perPerson.values());
      expect(Math.abs(c.sums!.cost! - truth)).toBeLessThanOrEqual(0.1 * 3 * x1 + 1e-9);
    }
    expect(outcome.manifest.parameters.magnitudes).toMatchObject({ p: 0.1, epsilon: [1] });
    await expect(protectCellKey(req, SETTINGS, ctx)).rejects.toThrow(/need cellKey.magnitudes/);
  });
});
