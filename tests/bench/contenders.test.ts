import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHipFractureCsv } from '../../examples/hipFracture/generate.js';
import { hipFractureSchema } from '../../examples/hipFracture/hipFractureSchema.js';
import { bareFingerprint, bareLoop, finestIndex } from '../../bench/contenders/bareLoop.js';
import { duckdbFingerprint, openDuckDB, readCsvSql } from '../../bench/contenders/duckdbCube.js';
import { naiveChains, naiveCube, naiveFingerprint, naiveRowsFromFile } from '../../bench/contenders/naiveCube.js';
import { finestFingerprint, prikkCube, prikkDimensions, prikkFingerprint, prikkFinest } from '../../bench/contenders/prikkCube.js';
import { loadExtract, saveExtract } from '../../bench/extractSnapshot.js';
import { compareFingerprints } from '../../bench/fingerprint.js';
import { QUERIES, benchHierarchies, cubeSql, type BenchQuery } from '../../bench/queries.js';
import { readCsvBuffer } from '../../src/read/readCsvBuffer.js';

// Every contender of the benchmark on one small cohort: their answers must agree, and agree with a direct count.
const dir = mkdtempSync(join(tmpdir(), 'prikk-bench-'));
const csvText = generateHipFractureCsv({ rows: 3000, seed: 5 });
const csv = join(dir, 'hip.csv');
writeFileSync(csv, csvText);
const extract = readCsvBuffer(Buffer.from(csvText), hipFractureSchema(), { delimiter: ';' });
const hierarchies = benchHierarchies();
const rows = naiveRowsFromFile(csv);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('benchmark contenders', () => {
  it('read the same rows', () => {
    expect(rows).toHaveLength(3000);
    expect(rows[0]).toEqual(expect.objectContaining({ person_id: expect.stringMatching(/^P\d{7}$/) as unknown }));
  });

  // cube3 as benchmarked; instead of cube6 (64M cells, too slow for a unit test), the other five dimensions, which
  // exercise every other SQL level column (year, hospital -> region, ICD-10) with the same code.
  const fiveDims: BenchQuery = {
    id: 'cube6',
    title: 'age × sex × year × hospital × icd10',
    dimensions: ['age', 'sex', 'year', 'hospital', 'icd10'],
    probes: [
      { age: '85-89', sex: '2', year: '2024', hospital: 'OUS-ULL', icd10: 'S72.0' },
      {},
      { hospital: 'Helse Vest', year: '2019' },
      { hospital: 'Helse Midt-Norge', age: '90-94', year: '2025' },
      { sex: '1', icd10: 'S72.1', age: '70-79' },
    ],
  };
  for (const query of [QUERIES[0]!, fiveDims]) {
    it(`agree on ${query.title}: prikk, naive, bare loop, DuckDB, and a direct count`, async () => {
      const prikk = prikkFingerprint(prikkCube(extract, prikkDimensions(query, hierarchies, false), { finest: false, topContributors: 0 }), query, false);
      const naive = naiveFingerprint(naiveCube(rows, naiveChains(query, hierarchies)), query, hierarchies);
      const index = finestIndex(extract, query, hierarchies);
      const bare = bareFingerprint(bareLoop(index, extract.person!.codes, extract.person!.personCount, (extract.columns.get('cost') as { values: Float64Array }).values), index, query, hierarchies);
      const finest = prikkFingerprint(prikkCube(extract, prikkDimensions(query, hierarchies, true), { finest: true, topContributors: 0 }), query, true);
      const finestOnly = finestFingerprint(prikkFinest(extract, query, hierarchies), query);
      expect(finestOnly.probes[0]).not.toBeNull(); // the first probe is a finest cell
      const con = await openDuckDB(1);
      await con.run(cubeSql(query, readCsvSql(csv)));
      const duck = await duckdbFingerprint(con, query, hierarchies);
      for (const other of [naive, bare, finest, finestOnly, duck]) expect(compareFingerprints(prikk, other)).toEqual([]);

      // Direct count of the grand total and the first (finest) probe, from the row objects.
      expect(prikk.probes[1]).toEqual({
        rows: 3000,
        persons: new Set(rows.map((r) => r.person_id)).size,
        sum: expect.closeTo(rows.reduce((s, r) => s + r.cost, 0), 4) as unknown,
      });
      const probe = query.probes[0]!;
      const ageBand = (age: number): string => `${age - (age % 5)}-${age - (age % 5) + 4}`;
      const inCell = rows.filter((r) =>
        Object.entries(probe).every(([d, label]) => (d === 'age' ? ageBand(r.age) : String(r[d as keyof typeof r])) === label),
      );
      expect(prikk.probes[0]).toEqual({
        rows: inCell.length,
        persons: new Set(inCell.map((r) => r.person_id)).size,
        sum: expect.closeTo(inCell.reduce((s, r) => s + r.cost, 0), 4) as unknown,
      });
      // Non-empty cells: naive's map size is an independent count of the same thing.
      expect(prikk.nonEmptyCells).toBe(naive.nonEmptyCells);
      expect(prikk.nonEmptyCells).toBe(duck.nonEmptyCells);
    });
  }

  it('detects a disagreement', () => {
    const a = { probes: [{ rows: 3, persons: 2, sum: 10 }], nonEmptyCells: 5, nonEmptyFinest: 4 };
    expect(compareFingerprints(a, { ...a, probes: [{ rows: 3, persons: 3, sum: 10 }] })).toEqual(['probe 0: persons 2 vs 3']);
    expect(compareFingerprints(a, { ...a, nonEmptyCells: 6 })).toEqual(['non-empty cells 5 vs 6']);
    expect(compareFingerprints(a, { ...a, probes: [{ rows: 3, persons: Number.NaN, sum: 10 }] })).toEqual([]);
  });

  it('saves and loads an encoded extract unchanged', () => {
    const snapshot = join(dir, 'snapshot');
    saveExtract(extract, snapshot);
    const back = loadExtract(snapshot);
    expect(back.rowCount).toBe(extract.rowCount);
    expect(back.person?.codes).toEqual(extract.person?.codes);
    expect([...back.columns.keys()]).toEqual([...extract.columns.keys()]);
    const query = QUERIES[0]!;
    const a = prikkFingerprint(prikkCube(extract, prikkDimensions(query, hierarchies, false), { finest: false, topContributors: 0 }), query, false);
    const b = prikkFingerprint(prikkCube(back, prikkDimensions(query, hierarchies, false), { finest: false, topContributors: 0 }), query, false);
    expect(b).toEqual(a);
  });
});
