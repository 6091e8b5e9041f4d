import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOSPITALS } from '../../examples/hipFracture/hospitals.js';
import { COUNTIES } from '../../examples/hipFracture/municipalities.js';
import { EXAMPLE_EXTRACT, buildTables, formatTables, readExample } from '../../examples/hipFracture/run.js';

// A second, simple implementation: the embedded extract split by hand.
const lines = readFileSync(EXAMPLE_EXTRACT, 'utf8').trimEnd().split('\n');
const header = lines[0]!.split(';');
const rows = lines.slice(1).map((line) => Object.fromEntries(line.split(';').map((v, i) => [header[i]!, v])));

describe('the example (npm run example)', async () => {
  const extract = await readExample();
  const tables = buildTables(extract);

  it('reconciles the read: rows without a municipality are excluded', () => {
    const missing = rows.filter((r) => r.municipality === '').length;
    expect(extract.reconciliation.rowsRead).toBe(rows.length);
    expect(extract.reconciliation.excluded).toEqual(missing > 0 ? { 'missing:municipality': missing } : {});
  });

  it('counts persons, rows and cost by county and year as a direct count does', () => {
    const t = tables.byRegionAndYear;
    const used = rows.filter((r) => r.municipality !== '');
    const check = (keep: (r: Record<string, string>) => boolean, coords: Record<string, string>): void => {
      const sel = used.filter(keep);
      const i = t.indexOf(coords);
      expect(t.rows[i]).toBe(sel.length);
      expect(t.persons![i]).toBe(new Set(sel.map((r) => r.person_id)).size);
      expect(t.sums.get('cost')![i]).toBeCloseTo(sel.reduce((s, r) => s + Number(r.cost), 0), 4);
    };
    check(() => true, {});
    check((r) => r.municipality!.startsWith('46') && r.year === '2023', { municipality: '46', year: '2023' });
    const north = new Set(COUNTIES.filter((c) => c.region === 'Helse Nord').map((c) => c.code));
    check((r) => north.has(r.municipality!.slice(0, 2)), { municipality: 'Helse Nord' });
    check((r) => r.municipality === '0301' && r.year === '2019', { municipality: '0301', year: '2019' });
  });

  it('counts the feasibility cohort per hospital as a direct count does', () => {
    const f = tables.feasibility;
    const cohort = rows.filter(
      (r) => r.municipality !== '' && Number(r.age) >= 65 && (r.icd10 === 'S72.0' || r.icd10 === 'S72.1') && Number(r.year) >= 2023,
    );
    expect(f.persons![f.indexOf({})]).toBe(new Set(cohort.map((r) => r.person_id)).size);
    const vest = new Set(HOSPITALS.filter((h) => h.region === 'Helse Vest').map((h) => h.code));
    const inVest2024 = cohort.filter((r) => vest.has(r.hospital!) && r.year === '2024');
    expect(f.persons![f.indexOf({ hospital: 'Helse Vest', year: '2024' })]).toBe(new Set(inVest2024.map((r) => r.person_id)).size);
    const r = f.reconciliation!;
    expect(r.rowsRead).toBe(r.rowsUsed + Object.values(r.excluded).reduce((a, b) => a + b, 0));
    expect(r.rowsUsed).toBe(cohort.length);
  });

  it('prints every table and a reconciliation that adds up', () => {
    const text = formatTables(extract, tables);
    for (const title of ['Table 1.', 'Table 2.', 'Table 3.', 'Table 4.', 'Table 5.']) expect(text).toContain(title);
    expect(text).not.toContain('DOES NOT RECONCILE');
    expect(text.match(/: reconciles\)/g)).toHaveLength(2);
    expect(text).not.toMatch(/P\d{7}/); // never a person id
  });
});
