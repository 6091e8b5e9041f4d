import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RoundingMethodPolicy } from '../../../src/policy/ReleasePolicy.js';
import { readCsv } from '../../../src/read/readCsv.js';
import { readRows } from '../../../src/read/readRows.js';
import { protectRounding } from '../../../src/release/methods/protectRounding.js';
import { cellAt, context, extractOf, personsIn, request, SCHEMA, type Row } from './helpers.js';

// Keyed random rounding: each cell's draw is its cell key, the sum of its persons' record keys mod 1, where a record
// key is the first 4 bytes of HMAC-SHA256(secret, id), big-endian, over 2^32. The reference below computes that with
// node:crypto's createHmac straight from the rows (a second implementation), and rounds up exactly when
// key / 2^32 < r / b, i.e. key · b < r · 2^32.
const SECRET = 'prikk-test-secret-rounding-0123456789-ABC';
const TWO_32 = 2 ** 32;
const TOTALS: Record<string, string> = { hospital: 'Total', sex: 'Total' };
// 4 + 12 + 9 + 30 + 7 persons; p3 has a second row in (B, 2), so it counts in two finest cells.
const ROWS: Row[] = [
  ...personsIn([
    ['A', '1', 4],
    ['B', '1', 12],
    ['B', '2', 9],
    ['C', '2', 30],
    ['C', '1', 7],
  ]),
  { pid: 'p3', hospital: 'B', sex: '2', cost: 1 },
];
const KEYED: RoundingMethodPolicy = { rule: 'random', base: 5 };

function recordKey(id: string): number {
  return createHmac('sha256', SECRET).update(id, 'utf8').digest().readUInt32BE(0);
}

/** Reference: the keyed rounding of one released cell, from the rows. */
function referenceRounded(rows: readonly Row[], coords: Readonly<Record<string, string>>, base: number): number {
  const persons = new Set(
    rows.filter((r) => Object.entries(coords).every(([d, label]) => label === TOTALS[d] || String(r[d]) === label)).map((r) => String(r.pid)),
  );
  let key = 0;
  for (const id of persons) key = (key + recordKey(id)) % TWO_32;
  const x = persons.size;
  const r = x % base;
  return r !== 0 && key * base < r * TWO_32 ? x - r + base : x - r;
}

async function fixture(options: { readonly oneRead: boolean; readonly env?: Record<string, string> }) {
  const env = options.env ?? { PRIKK_CELL_KEY_SECRET: SECRET };
  const dir = mkdtempSync(join(tmpdir(), 'prikk-keyed-rounding-'));
  const path = join(dir, 'extract.csv');
  writeFileSync(path, ['pid;hospital;sex;cost', ...ROWS.map((r) => `${r.pid};${r.hospital};${r.sex};${r.cost}`)].join('\n') + '\n');
  const extract = await readCsv(path, SCHEMA, { delimiter: ';', ...(options.oneRead ? { recordKeys: { secret: SECRET } } : {}) });
  return context(extract, { source: { path, schema: SCHEMA, options: { delimiter: ';' } }, policyDir: dir, env: (name) => env[name] });
}

describe('protectRounding with keyed draws (the default for the random rule)', () => {
  it('rounds every cell as the cell key of its persons says (createHmac reference), with or without keys from the read', async () => {
    for (const oneRead of [true, false]) {
      const ctx = await fixture({ oneRead });
      const outcome = await protectRounding(request('t', ['hospital', 'sex'], { rounding: KEYED }), KEYED, ctx);
      expect(outcome.released.cells.length).toBe(12);
      const moves = new Set<string>();
      for (const c of outcome.released.cells) {
        expect(c.status).toBe('published');
        expect(c.persons).toBe(referenceRounded(ROWS, c.coords, 5));
        const truth = referenceRounded(ROWS, c.coords, 1);
        moves.add(c.persons! > truth ? 'up' : c.persons! < truth ? 'down' : 'kept');
      }
      // The table has cells rounded each way (so the comparison can tell the rule from plain floor or ceiling).
      expect([...moves].sort()).toEqual(['down', 'kept', 'up']);
      expect(outcome.manifest.parameters).toMatchObject({
        rule: 'random',
        method: 'random(5, keyed)',
        draws: 'keyed',
        secret: { env: 'PRIKK_CELL_KEY_SECRET' },
        recordKeys: { source: 'hmac-sha256', bits: 32, per: 'person' },
      });
      expect(outcome.manifest.parameters).not.toHaveProperty('random');
      expect(JSON.stringify(outcome)).not.toContain(SECRET);
    }
  });

  it('gives the same persons the same rounding in another table, whatever its title, dimensions or order', async () => {
    const ctx = await fixture({ oneRead: true });
    const wide = await protectRounding(request('wide', ['hospital', 'sex'], { rounding: KEYED }), KEYED, ctx);
    const byHospital = await protectRounding(request('other_name', ['hospital'], { rounding: KEYED }), KEYED, ctx);
    const swapped = await protectRounding(request('swapped', ['sex', 'hospital'], { rounding: KEYED }), KEYED, ctx);
    for (const h of ['A', 'B', 'C', 'Total']) {
      expect(cellAt(byHospital.released, { hospital: h }).persons).toBe(cellAt(wide.released, { hospital: h, sex: 'Total' }).persons);
    }
    for (const c of wide.released.cells) expect(cellAt(swapped.released, c.coords).persons).toBe(c.persons);
    // Asked again: the same values (fresh draws would differ from one request to the next).
    const again = await protectRounding(request('wide', ['hospital', 'sex'], { rounding: KEYED }), KEYED, ctx);
    expect(again.released.cells).toEqual(wide.released.cells);
  });

  it('is unbiased: over many secrets the mean rounded count of a cell tends to its count', async () => {
    // 400 secrets, cell (A, 1) with 4 persons at base 5: rounded to 5 with probability 4/5, else 0, so the mean is
    // 4 with a standard error of sqrt(0.16 · 25 / 400) = 0.1; |mean − 4| < 0.5 fails with probability < 1e-6.
    let total = 0;
    const runs = 400;
    for (let i = 0; i < runs; i++) {
      const secret = `secret-${i}-padding-to-make-it-long-enough-32`;
      // The keys come from the read (readRows' recordKeys option), as in a release.
      const ctx = context(readRows(ROWS, SCHEMA, { recordKeys: { secret } }), { env: () => secret });
      const outcome = await protectRounding(request('t', ['hospital', 'sex'], { rounding: KEYED }), KEYED, ctx);
      total += cellAt(outcome.released, { hospital: 'A', sex: '1' }).persons!;
    }
    expect(Math.abs(total / runs - 4)).toBeLessThan(0.5);
  });

  it('refuses what would weaken it or cannot work, naming the field and never the secret', async () => {
    const missing = await fixture({ oneRead: false, env: {} });
    await expect(protectRounding(request('t', ['hospital'], { rounding: KEYED }), KEYED, missing)).rejects.toThrow(
      /protectRounding: the environment variable PRIKK_CELL_KEY_SECRET \(the registry secret\) is not set/,
    );
    const ctx = await fixture({ oneRead: true });
    const fresh: RoundingMethodPolicy = { rule: 'random', draws: 'fresh', secret: { env: 'X' } };
    await expect(protectRounding(request('t', ['hospital'], { rounding: fresh }), fresh, ctx)).rejects.toThrow(/fresh draws use no secret/);
    const nhs = { rule: 'nhs', draws: 'keyed' } as RoundingMethodPolicy;
    await expect(protectRounding(request('t', ['hospital'], { rounding: nhs }), nhs, ctx)).rejects.toThrow(/'random' rule only/);
    const noPerson = extractOf(
      ROWS.map(({ pid: _pid, ...r }) => r),
      { columns: SCHEMA.columns.filter((c) => c.role !== 'person') },
    );
    await expect(
      protectRounding(request('t', ['hospital'], { rounding: KEYED }, { unit: 'rows' }), KEYED, context(noPerson, { env: () => SECRET })),
    ).rejects.toThrow(/no person column; ask for rounding.draws: fresh by name/);
    const short = await fixture({ oneRead: false, env: { PRIKK_CELL_KEY_SECRET: 'too-short' } });
    const error = (await protectRounding(request('t', ['hospital'], { rounding: KEYED }), KEYED, short).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error;
    expect(error.message).toMatch(/PRIKK_CELL_KEY_SECRET has 9 bytes, expected at least 32/);
    expect(error.message).not.toContain('too-short');
  });
});
