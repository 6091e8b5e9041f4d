import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/loadPolicy.js';
import type { CellKeyMethodPolicy } from '../../src/policy/ReleasePolicy.js';
import { readCsv } from '../../src/read/readCsv.js';
import { protectCellKey } from '../../src/release/methods/protectCellKey.js';
import { resolveTableRequests } from '../../src/release/resolveTableRequests.js';
import { runRelease } from '../../src/release/runRelease.js';
import { cryptoRandomSource } from '../../src/random/cryptoRandomSource.js';
import { policyYaml, workspace } from './fixtures.js';

// A release with cell key tables reads the extract once, deriving the record keys on the way; its tables must be the
// ones the method gives with keys from a second read of the file (the path before the one-pass read), same secret.

const SECRET = 'release-test-secret-0123456789abcdef-0123';
const CELL_KEY_TABLES = `
  - name: ck_by_hospital
    dimensions: [hospital, sex]
    values: [persons, rows]
    method: { cellKey: { ptable: { D: 4, V: 3, js: 2 } } }
  - name: ck_by_year
    dimensions: [year]
    method: { cellKey: { ptable: { D: 4, V: 3, js: 2 }, keys: mod256 } }`;

describe('runRelease with cell key tables', () => {
  it('releases the same perturbed tables as keys from a second read of the extract', async () => {
    const w = workspace();
    const policyFile = w.policy(policyYaml({ tables: CELL_KEY_TABLES }));
    const env = (name: string): string | undefined => (name === 'PRIKK_CELL_KEY_SECRET' ? SECRET : undefined);
    const r = await runRelease({ extract: w.extract, policy: policyFile, out: join(w.dir, 'out'), env });
    expect(r.tables.map((t) => t.name)).toEqual(['ck_by_hospital', 'ck_by_year']);

    // The old path: the extract read without keys, protectCellKey re-reading the file for them.
    const { policy, dir } = await loadPolicy(policyFile);
    const extract = await readCsv(w.extract, policy.extract.schema, { delimiter: ';' });
    expect(extract.person!.recordKeys).toBeUndefined();
    const ctx = {
      extract,
      source: { path: w.extract, schema: policy.extract.schema, options: { delimiter: ';' as const } },
      policyDir: dir,
      symbols: { primary: '..', secondary: '..', small: '*' },
      decimals: 1,
      random: cryptoRandomSource(),
      env,
    };
    const requests = resolveTableRequests(policy, extract, dir);
    for (const [i, req] of requests.entries()) {
      const settings = (req.policy.method as { cellKey: CellKeyMethodPolicy }).cellKey;
      const outcome = await protectCellKey(req, settings, ctx);
      expect(r.tables[i]).toEqual(outcome.released);
      expect(r.manifest.tables[i]!.parameters).toEqual(outcome.manifest.parameters);
    }
  });

  it('refuses a missing secret before it reads the extract, and writes nothing', async () => {
    const w = workspace();
    const out = join(w.dir, 'out');
    const steps: string[] = [];
    await expect(
      runRelease({ extract: w.extract, policy: w.policy(policyYaml({ tables: CELL_KEY_TABLES })), out, env: () => undefined, onReadProgress: () => steps.push('read') }),
    ).rejects.toThrow(/environment variable PRIKK_CELL_KEY_SECRET .*is not set/);
    expect(steps).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });
});
