import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIRST_YEAR, ICD10_SHARES, LAST_YEAR, PROCEDURE_CODES } from '../../examples/hipFracture/clinicalCodes.js';
import {
  EMBEDDED_EXTRACT_OPTIONS,
  HIP_FRACTURE_COLUMNS,
  TARGET_SHARES,
  generateHipFractureCsv,
  hipFractureChunks,
} from '../../examples/hipFracture/generate.js';
import { hipFractureSchema, hipFractureSchemaJson } from '../../examples/hipFracture/hipFractureSchema.js';
import { HOSPITALS } from '../../examples/hipFracture/hospitals.js';
import { COUNTIES, MUNICIPALITIES } from '../../examples/hipFracture/municipalities.js';
import { xoshiro128, xoshiro128FromState } from '../../examples/hipFracture/xoshiro128.js';
import { healthRegionOfCounty } from '../../src/codelists/norwegianHealthRegions.js';
import { NORWEGIAN_MUNICIPALITIES_2024 } from '../../src/codelists/norwegianMunicipalities2024.js';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { readCsvBuffer } from '../../src/read/readCsvBuffer.js';

const file = (name: string): string => fileURLToPath(new URL(`../../examples/hipFracture/${name}`, import.meta.url));

/** Splits the generator's output into records of fields (it never quotes, except a decimal-comma cost with ','). */
function records(csv: string, delimiter = ';'): string[][] {
  const lines = csv.split('\n');
  expect(lines.pop()).toBe(''); // the output ends with a newline
  return lines.map((line) => line.split(delimiter));
}

// One 20,000-row extract shared by the distribution tests.
const ROWS = 20_000;
const csv20k = generateHipFractureCsv({ rows: ROWS, seed: 7 });
const [header, ...rows] = records(csv20k);
const col = Object.fromEntries(HIP_FRACTURE_COLUMNS.map((name, i) => [name, i])) as Record<(typeof HIP_FRACTURE_COLUMNS)[number], number>;
const field = (row: readonly string[], name: (typeof HIP_FRACTURE_COLUMNS)[number]): string => row[col[name]]!;

describe('xoshiro128', () => {
  it('matches the reference xoshiro128** algorithm on a known state', () => {
    // Hand computation from the reference C code (Blackman & Vigna), state s = {1, 2, 3, 4}:
    //   out1 = rotl(2 * 5, 7) * 9 = 1280 * 9 = 11520; then t = 2 << 9 = 1024, s2 = 3^1 = 2, s3 = 4^2 = 6,
    //   s1 = 2^2 = 0, s0 = 1^6 = 7, s2 = 2^1024 = 1026, s3 = rotl(6, 11) = 12288.
    //   out2 = rotl(0 * 5, 7) * 9 = 0; then s2 = 1026^7 = 1029, s3 = 12288, s1 = 0^1029 = 1029, s0 = 7^12288 = 12295.
    //   out3 = rotl(1029 * 5, 7) * 9 = 5145 * 128 * 9 = 5927040.
    const r = xoshiro128FromState(1, 2, 3, 4);
    expect([r.uint32(), r.uint32(), r.uint32()]).toEqual([11520, 0, 5927040]);
  });

  it('is deterministic per seed, and its floats look uniform', () => {
    const a = xoshiro128(1);
    const b = xoshiro128(1);
    for (let i = 0; i < 100; i++) expect(a.uint32()).toBe(b.uint32());
    expect(xoshiro128(2).uint32()).not.toBe(xoshiro128(1).uint32());
    // 10,000 uniform floats: mean 1/2 with sd 0.0029; tolerance 0.01 (3.5 sd). Each of 10 deciles ~1,000 (sd 30).
    let sum = 0;
    const deciles = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const x = a.float();
      if (!(x >= 0 && x < 1)) throw new Error(`float() out of [0, 1): ${x}`);
      sum += x;
      deciles[Math.floor(x * 10)]!++;
    }
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.01);
    for (const d of deciles) expect(Math.abs(d - 1000)).toBeLessThan(150);
  });
});

describe('generateHipFractureCsv', () => {
  it('gives the same bytes for the same seed and options, and different bytes for another seed', () => {
    const a = generateHipFractureCsv({ rows: 3000, seed: 99 });
    const b = Buffer.concat([...hipFractureChunks({ rows: 3000, seed: 99 })]).toString('utf8');
    expect(b).toBe(a);
    expect(generateHipFractureCsv({ rows: 3000, seed: 100 })).not.toBe(a);
  });

  it('reproduces the committed extract.csv and schema.json', () => {
    expect(generateHipFractureCsv(EMBEDDED_EXTRACT_OPTIONS)).toBe(readFileSync(file('extract.csv'), 'utf8'));
    expect(readFileSync(file('schema.json'), 'utf8')).toBe(hipFractureSchemaJson());
    expect(JSON.parse(hipFractureSchemaJson())).toEqual(hipFractureSchema());
  });

  it('writes a header and exactly the requested number of rows, with well-formed fields', () => {
    expect(header).toEqual([...HIP_FRACTURE_COLUMNS]);
    expect(rows).toHaveLength(ROWS);
    const municipalities = new Set(MUNICIPALITIES.map((m) => m.code));
    const hospitals = new Set(HOSPITALS.map((h) => h.code));
    const procedures = new Set(PROCEDURE_CODES);
    // Collect the rows that break a rule (one expect per rule keeps the test fast).
    const broken = (rule: (row: readonly string[]) => boolean): number => rows.filter((row) => !rule(row)).length;
    expect(broken((row) => row.length === HIP_FRACTURE_COLUMNS.length)).toBe(0);
    expect(broken((row) => /^P\d{7}$/.test(field(row, 'person_id')))).toBe(0);
    expect(broken((row) => municipalities.has(field(row, 'municipality')))).toBe(0);
    expect(broken((row) => hospitals.has(field(row, 'hospital')))).toBe(0);
    expect(broken((row) => procedures.has(field(row, 'procedure')))).toBe(0);
    expect(broken((row) => /^\d+\.\d\d$/.test(field(row, 'cost')))).toBe(0);
    expect(generateHipFractureCsv({ rows: 0 })).toBe(`${HIP_FRACTURE_COLUMNS.join(';')}\n`);
    expect(records(generateHipFractureCsv({ rows: 1 }))).toHaveLength(2);
  });

  it('has the shares it was built with, within sampling tolerance (20,000 rows)', () => {
    // Expected values are the generator's specification (TARGET_SHARES, ICD10_SHARES), not its output.
    const persons = new Map<string, string>();
    for (const row of rows) persons.set(field(row, 'person_id'), field(row, 'sex'));
    // Women among persons: target 0.70; about 16,500 persons, sd ~0.0036, tolerance 0.02 (> 5 sd).
    const women = [...persons.values()].filter((s) => s === '2').length / persons.size;
    expect(Math.abs(women - TARGET_SHARES.women)).toBeLessThan(0.02);
    // Several rows per person: mean about 1.2 with a tail (second fractures, reoperations).
    const rowsPerPerson = ROWS / persons.size;
    expect(rowsPerPerson).toBeGreaterThan(1.1);
    expect(rowsPerPerson).toBeLessThan(1.35);
    // ICD-10 shares among primary operations (reoperations keep the diagnosis, so use all rows): tolerance 0.02.
    for (const [code, share] of Object.entries(ICD10_SHARES)) {
      const observed = rows.filter((r) => field(r, 'icd10') === code).length / ROWS;
      expect(Math.abs(observed - share)).toBeLessThan(0.02);
    }
    // Reoperations: 5-10 % of rows.
    const reop = rows.filter((r) => field(r, 'reoperation') === '1').length / ROWS;
    expect(reop).toBeGreaterThan(0.05);
    expect(reop).toBeLessThan(0.1);
    // Age skewed to 80+ (about two thirds of rows), few under 50.
    const ages = rows.map((r) => Number(field(r, 'age')));
    expect(ages.filter((a) => a >= 80).length / ROWS).toBeGreaterThan(0.55);
    expect(ages.filter((a) => a < 50).length / ROWS).toBeLessThan(0.05);
    // Years within the extract's range.
    expect(rows.filter((r) => !(Number(field(r, 'year')) >= FIRST_YEAR && Number(field(r, 'year')) <= LAST_YEAR))).toEqual([]);
  });

  it('is skewed by population: Oslo dominates, many municipalities are tiny', () => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(field(r, 'municipality'), (counts.get(field(r, 'municipality')) ?? 0) + 1);
    const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    expect(sorted[0]![0]).toBe('0301');
    // Oslo has 717k of about 5.6M weighted inhabitants: about 12 % of rows.
    expect(sorted[0]![1] / ROWS).toBeGreaterThan(0.09);
    // Municipalities under 2,000 inhabitants expect fewer than 10 rows in 20,000; there are dozens of them.
    const small = MUNICIPALITIES.filter((m) => (counts.get(m.code) ?? 0) < 10).length;
    expect(small).toBeGreaterThan(40);
  });

  it('makes length of stay skewed and cost correlated with it', () => {
    const los = rows.map((r) => Number(field(r, 'los_days')));
    const cost = rows.map((r) => Number(field(r, 'cost')));
    const mean = (a: number[]): number => a.reduce((s, x) => s + x, 0) / a.length;
    const sortedLos = [...los].sort((a, b) => a - b);
    const median = sortedLos[Math.floor(los.length / 2)]!;
    expect(median).toBeGreaterThanOrEqual(4);
    expect(median).toBeLessThanOrEqual(6);
    expect(mean(los)).toBeGreaterThan(median); // right-skewed
    // Pearson correlation, computed here from its definition.
    const ml = mean(los);
    const mc = mean(cost);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < los.length; i++) {
      sxy += (los[i]! - ml) * (cost[i]! - mc);
      sxx += (los[i]! - ml) ** 2;
      syy += (cost[i]! - mc) ** 2;
    }
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.4);
  });

  it('parses against its schema with prikk\'s reader: every row used', () => {
    const extract = readCsvBuffer(Buffer.from(csv20k), hipFractureSchema(), { delimiter: ';' });
    expect(extract.reconciliation).toEqual({ source: 'buffer', rowsRead: ROWS, rowsUsed: ROWS, excluded: {} });
    expect(extract.person?.personCount).toBe(new Set(rows.map((r) => field(r, 'person_id'))).size);
  });

  it('blanks municipalities at the requested share without changing other columns; the reader excludes them', () => {
    const plain = records(generateHipFractureCsv({ rows: 4000, seed: 3 }));
    const text = generateHipFractureCsv({ rows: 4000, seed: 3, missingMunicipality: 0.05 });
    const blanked = records(text);
    let missing = 0;
    let changed = 0;
    blanked.forEach((row, i) => {
      if (row[col.municipality] === '') missing++;
      const expected = [...plain[i]!];
      if (row[col.municipality] === '') expected[col.municipality] = '';
      if (row.join(';') !== expected.join(';')) changed++;
    });
    expect(changed).toBe(0);
    // 4,000 rows at 5 %: 200 expected, sd ~14.
    expect(missing).toBeGreaterThan(140);
    expect(missing).toBeLessThan(260);
    const extract = readCsvBuffer(Buffer.from(text), hipFractureSchema());
    expect(extract.reconciliation.excluded).toEqual({ 'missing:municipality': missing });
    expect(extract.reconciliation.rowsUsed).toBe(4000 - missing);
  });

  it('writes the same values with a comma delimiter, a tab, or a decimal comma (quoted when needed)', () => {
    const base = generateHipFractureCsv({ rows: 500, seed: 11 });
    const comma = generateHipFractureCsv({ rows: 500, seed: 11, delimiter: ',', decimalComma: true });
    const tab = generateHipFractureCsv({ rows: 500, seed: 11, delimiter: '\t' });
    expect(comma.split('\n')[1]).toMatch(/,"\d+,\d\d"$/);
    expect(tab).toBe(base.replaceAll(';', '\t'));
    const schema = hipFractureSchema();
    const a = readCsvBuffer(Buffer.from(base), schema);
    const b = readCsvBuffer(Buffer.from(comma), schema, { delimiter: ',', decimalComma: true });
    const costA = a.columns.get('cost');
    const costB = b.columns.get('cost');
    expect(costA?.kind === 'number' && costB?.kind === 'number').toBe(true);
    if (costA?.kind === 'number' && costB?.kind === 'number') expect(Array.from(costB.values)).toEqual(Array.from(costA.values));
  });

  it('refuses bad options with a PrikkError before generating', () => {
    const bad = [{ rows: -1 }, { rows: 1.5 }, { rows: 10, seed: 0.5 }, { rows: 10, delimiter: '|' }, { rows: 10, missingMunicipality: 2 }];
    for (const options of bad) {
      expect(() => generateHipFractureCsv(options as never)).toThrow(PrikkError);
    }
  });
});

describe('example code lists', () => {
  it('uses the 357 municipality codes of 2024 and the counties\' health regions as prikk\'s code lists have them', () => {
    expect(new Set(MUNICIPALITIES.map((m) => m.code))).toEqual(new Set(NORWEGIAN_MUNICIPALITIES_2024.map((m) => m.code)));
    for (const c of COUNTIES) expect(c.region).toBe(healthRegionOfCounty(c.code));
  });

  it('ties every hospital to counties of its own health region', () => {
    const regionOfCounty = new Map(COUNTIES.map((c) => [c.code, c.region]));
    for (const h of HOSPITALS) {
      for (const county of Object.keys(h.serves)) expect(regionOfCounty.get(county)).toBe(h.region);
    }
  });
});
