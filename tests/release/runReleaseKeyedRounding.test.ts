import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRelease } from '../../src/release/runRelease.js';
import type { ReleasedTable } from '../../src/release/ReleasedTable.js';
import { policyYaml, workspace } from './fixtures.js';

// Random rounding in a release draws from the persons' record keys by default: two releases of the same dataset that
// ask for the same counts in differently written requests (another table name and title, the dimensions in another
// order: a new request, so no re-issue) publish the same rounded values, so averaging them gains nothing.
const SECRET = 'release-test-secret-keyed-rounding-0123456789';
const env = (name: string): string | undefined => (name === 'PRIKK_CELL_KEY_SECRET' ? SECRET : undefined);

function valuesByCoords(table: ReleasedTable): Map<string, number | undefined> {
  const out = new Map<string, number | undefined>();
  for (const c of table.cells) out.set(JSON.stringify(Object.entries(c.coords).sort()), c.persons);
  return out;
}

describe('runRelease with keyed random rounding', () => {
  it('publishes the same rounded counts for differently written requests, reading the keys with the extract', async () => {
    const w = workspace();
    const first = await runRelease({
      extract: w.extract,
      policy: w.policy(
        policyYaml({
          tables: `
  - name: by_hospital_sex
    dimensions: [hospital, sex]
    method: { rounding: { rule: random, base: 5 } }`,
        }),
      ),
      out: join(w.dir, 'out1'),
      env,
    });
    const second = await runRelease({
      extract: w.extract,
      policy: w.policy(
        policyYaml({
          recipient: 'Another Company AS',
          tables: `
  - name: patients_by_sex_and_hospital
    title: Patients by sex and hospital
    dimensions: [sex, hospital]
    method: { rounding: { rule: random, base: 5, draws: keyed } }`,
        }),
      ),
      out: join(w.dir, 'out2'),
      env,
    });
    expect(second.reissued).toBe(false);
    const a = valuesByCoords(first.tables[0]!);
    const b = valuesByCoords(second.tables[0]!);
    expect(a.size).toBeGreaterThan(4);
    expect(b).toEqual(a);
    expect(first.manifest.tables[0]!.parameters).toMatchObject({ draws: 'keyed', secret: { env: 'PRIKK_CELL_KEY_SECRET' } });
    expect(JSON.stringify(first.manifest)).not.toContain(SECRET);
  });

  it('refuses a missing secret before it reads the extract, and asks for fresh draws by name otherwise', async () => {
    const w = workspace();
    const tables = `
  - name: by_hospital
    dimensions: [hospital]
    method: { rounding: { rule: random } }`;
    const bytesRead: number[] = [];
    await expect(
      runRelease({ extract: w.extract, policy: w.policy(policyYaml({ tables })), out: join(w.dir, 'out'), env: () => undefined, onReadProgress: (n) => bytesRead.push(n) }),
    ).rejects.toThrow(/protectRounding: the environment variable PRIKK_CELL_KEY_SECRET \(the registry secret\) is not set/);
    expect(bytesRead).toEqual([]);
    expect(existsSync(join(w.dir, 'out'))).toBe(false);
    const fresh = await runRelease({
      extract: w.extract,
      policy: w.policy(policyYaml({ tables: tables.replace('{ rule: random }', '{ rule: random, draws: fresh }') })),
      out: join(w.dir, 'out-fresh'),
      env: () => undefined,
    });
    expect(fresh.manifest.tables[0]!.parameters).toMatchObject({ draws: 'fresh', random: 'node:crypto' });
  });
});
