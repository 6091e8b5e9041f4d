import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CellKeyMethodPolicy, TablePolicy } from '../../../src/policy/ReleasePolicy.js';
import { readCsv } from '../../../src/read/readCsv.js';
import { recordKeysReadOption } from '../../../src/release/methods/registrySecret.js';
import { protectCellKey } from '../../../src/release/methods/protectCellKey.js';
import { context, request, SCHEMA, type Row } from './helpers.js';

// The release's cell key tables with record keys derived during the read (one pass) against the old path (the
// extract read without keys, the keys derived by re-reading the file): the same secret must give the very same
// perturbed values, manifests included, for counts, 8-bit keys, sums and filtered cohorts.

const SECRET = 'prikk-test-secret-0123456789abcdef-XYZ';
const OTHER = 'prikk-other-secret-0123456789abcdef-XYZ';
const HOSPITALS = ['A', 'B', 'C', 'D'];
// 120 persons over 4 hospitals and 2 sexes, a third of them with a second row (cost varies with the person).
const ROWS: Row[] = [];
for (let p = 0; p < 120; p++) {
  ROWS.push({ pid: `p${p}`, hospital: HOSPITALS[p % 4]!, sex: String(1 + (p % 3 === 0 ? 1 : 0)), cost: 100 + p });
  if (p % 3 === 1) ROWS.push({ pid: `p${p}`, hospital: HOSPITALS[(p + 1) % 4]!, sex: '1', cost: 50 + 2 * p });
}

async function fixture(secretEnv = SECRET) {
  const dir = mkdtempSync(join(tmpdir(), 'prikk-cellkey-onepass-'));
  const path = join(dir, 'extract.csv');
  writeFileSync(path, ['pid;hospital;sex;cost', ...ROWS.map((r) => `${r.pid};${r.hospital};${r.sex};${r.cost}`)].join('\n') + '\n');
  const env = (name: string): string | undefined => ({ PRIKK_CELL_KEY_SECRET: secretEnv, OTHER_SECRET: OTHER })[name];
  const source = { path, schema: SCHEMA, options: { delimiter: ';' as const } };
  const oldPath = context(await readCsv(path, SCHEMA, { delimiter: ';' }), { source, policyDir: dir, env });
  const onePass = context(await readCsv(path, SCHEMA, { delimiter: ';', recordKeys: { secret: SECRET } }), { source, policyDir: dir, env });
  // The same one-pass extract, with a source that cannot be read: proves that no second read happens.
  const unreadable = context(onePass.extract, { source: { ...source, path: join(dir, 'gone.csv') }, policyDir: dir, env });
  return { oldPath, onePass, unreadable };
}

const COUNTS: CellKeyMethodPolicy = { ptable: { D: 4, V: 3, js: 2 } };
const CASES: readonly { readonly name: string; readonly settings: CellKeyMethodPolicy; readonly make: (s: CellKeyMethodPolicy) => ReturnType<typeof request> }[] = [
  { name: 'persons and rows, 32-bit keys', settings: COUNTS, make: (s) => request('t', ['hospital', 'sex'], { cellKey: s }, { values: ['persons', 'rows'] }) },
  { name: '8-bit keys (mod256)', settings: { ...COUNTS, keys: 'mod256' }, make: (s) => request('t', ['hospital', 'sex'], { cellKey: s }) },
  {
    name: 'sums with magnitudes',
    settings: { ...COUNTS, magnitudes: { ptable: { D: 3, V: 1 }, p: 0.1 } },
    make: (s) => request('t', ['hospital'], { cellKey: s }, { values: ['persons', 'sum:cost', 'mean:cost'], measures: ['cost'] }),
  },
  {
    name: 'a filtered cohort',
    settings: COUNTS,
    make: (s) => request('t', ['sex'], { cellKey: s }, { filter: { column: 'hospital', in: ['A', 'C'] } }),
  },
];

describe('protectCellKey with record keys from the read', () => {
  for (const c of CASES) {
    it(`${c.name}: the same perturbed table and manifest as re-reading the file, without a second read`, async () => {
      const { oldPath, onePass, unreadable } = await fixture();
      const before = await protectCellKey(c.make(c.settings), c.settings, oldPath);
      const after = await protectCellKey(c.make(c.settings), c.settings, onePass);
      const noReread = await protectCellKey(c.make(c.settings), c.settings, unreadable);
      expect(after).toEqual(before);
      expect(noReread).toEqual(before);
      // The comparison can fail: other record keys (another secret) give other perturbed values in this table.
      const otherSettings: CellKeyMethodPolicy = { ...c.settings, secret: { env: 'OTHER_SECRET' } };
      const other = await protectCellKey(c.make(otherSettings), otherSettings, oldPath);
      expect(other.released.cells).not.toEqual(before.released.cells);
    });
  }

  it('the old path needs the file: with an unreadable source and no keys in the extract it fails', async () => {
    const { oldPath } = await fixture();
    const broken = context(oldPath.extract, { ...oldPath, source: { ...oldPath.source, path: '/nonexistent/extract.csv' } });
    await expect(protectCellKey(CASES[0]!.make(COUNTS), COUNTS, broken)).rejects.toThrow(/reading the source again failed/);
  });

  it('a table under another secret than the read used falls back to re-reading, with its own secret', async () => {
    const { oldPath, onePass, unreadable } = await fixture();
    const settings: CellKeyMethodPolicy = { ...COUNTS, secret: { env: 'OTHER_SECRET' } };
    const req = CASES[0]!.make(settings);
    const before = await protectCellKey(req, settings, oldPath);
    expect(await protectCellKey(req, settings, onePass)).toEqual(before);
    expect((before.manifest.parameters.recordKeys as { secretFingerprint: string }).secretFingerprint).not.toBe(onePass.extract.person!.recordKeys!.secretFingerprint);
    // It does re-read: the unreadable source fails.
    await expect(protectCellKey(req, settings, unreadable)).rejects.toThrow(/reading the source again failed/);
  });
});

describe('recordKeysReadOption', () => {
  const env = (name: string): string | undefined => ({ PRIKK_CELL_KEY_SECRET: SECRET, OTHER_SECRET: OTHER })[name];
  const table = (name: string, method: TablePolicy['method']): TablePolicy => ({ name, dimensions: ['hospital'], method });
  const extract = { schema: SCHEMA };

  it("gives the first cell key table's secret, and nothing without such a table or a person column", () => {
    const tables = [
      table('s', { suppression: { rules: [{ frequency: { n: 5 } }] } }),
      table('k1', { cellKey: { ...COUNTS, secret: { env: 'OTHER_SECRET' } } }),
      table('k2', { cellKey: COUNTS }),
    ];
    const option = recordKeysReadOption({ extract, tables }, { env, policyDir: '/nonexistent' });
    expect(Buffer.from(option!.secret as Uint8Array).toString('utf8')).toBe(OTHER);
    expect(recordKeysReadOption({ extract, tables: [tables[2]!] }, { env, policyDir: '/' })!.secret).toEqual(Buffer.from(SECRET));
    expect(recordKeysReadOption({ extract, tables: [tables[0]!] }, { env, policyDir: '/' })).toBeUndefined();
    const noPerson = { schema: { columns: SCHEMA.columns.filter((c) => c.role !== 'person') } };
    expect(recordKeysReadOption({ extract: noPerson, tables }, { env, policyDir: '/' })).toBeUndefined();
  });

  it('refuses a missing secret before anything is read, naming the variable and never a secret', () => {
    const tables = [table('k', { cellKey: { ...COUNTS, secret: { env: 'UNSET_SECRET' } } })];
    expect(() => recordKeysReadOption({ extract, tables }, { env, policyDir: '/' })).toThrow(/environment variable UNSET_SECRET .*is not set/);
  });
});
