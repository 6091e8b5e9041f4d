import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test fixtures of a release: a small registry extract, its schema, and policies, written in the test so the expected
 * values can be counted by hand. Shared by tests/release/runRelease.test.ts and tests/cli/{release,ledger}.test.ts.
 */

/** Persons per hospital in {@link extractCsv}, chosen by hand: h1 is below n = 5, h2 and h3 are not. */
export const HOSPITAL_COUNTS: Readonly<Record<'h1' | 'h2' | 'h3', number>> = { h1: 3, h2: 10, h3: 12 };

/**
 * A small registry extract, one row per person: hospital x year x sex, with a cost.
 * Hospital counts are chosen by hand: h1 has 3 persons (below n = 5), h2 10, h3 12, so a frequency rule at 5 hides
 * h1 and one other hospital in a by-hospital table. `extraRows` adds persons to h3 (a changed extract);
 * `missingHospital` adds persons with an empty hospital at the end (excluded by {@link SCHEMA_EXCLUDING_MISSING}).
 */
export function extractCsv(extraRows = 0, missingHospital = 0): string {
  const lines = ['person_id;hospital;year;sex;cost'];
  let id = 0;
  const add = (hospital: string, count: number): void => {
    for (let i = 0; i < count; i++) {
      id++;
      lines.push(`P${1000 + id};${hospital};${2023 + (id % 2)};${1 + ((id >> 1) % 2)};${1000 + id * 10}`);
    }
  };
  add('h1', HOSPITAL_COUNTS.h1);
  add('h2', HOSPITAL_COUNTS.h2);
  add('h3', HOSPITAL_COUNTS.h3 + extraRows);
  add('', missingHospital);
  return `${lines.join('\n')}\n`;
}

/** The extract's schema, as the policy's `extract.schema` (YAML, indented for {@link policyYaml}). */
export const SCHEMA = `
    columns:
      - { name: person_id, role: person }
      - { name: hospital, role: dimension, codes: [h1, h2, h3] }
      - { name: year, role: dimension, type: year }
      - { name: sex, role: dimension, codes: ['1', '2'] }
      - { name: cost, role: measure }`;

/** {@link SCHEMA}, with rows whose hospital is empty excluded (counted as `missing:hospital`). */
export const SCHEMA_EXCLUDING_MISSING = SCHEMA.replace('codes: [h1, h2, h3] }', 'codes: [h1, h2, h3], missing: exclude }');

/** A policy of dataset `test-registry` (ledger `./ledger` beside the policy) with the given tables. */
export function policyYaml(options: { recipient?: string; tables: string; budget?: string; schema?: string }): string {
  return `prikk: 1
dataset: test-registry
recipient: ${options.recipient ?? 'Acme Pharma AS'}
purpose: Trial feasibility
ledger: ./ledger
extract:
  delimiter: ';'
  schema:${options.schema ?? SCHEMA}
${options.budget ?? ''}
tables:
${options.tables}
`;
}

/** Persons by hospital (4 cells with the total), frequency rule n = 5. */
export const SUPPRESSED_BY_HOSPITAL = `
  - name: by_hospital
    dimensions: [hospital]
    method: { suppression: { rules: [ { frequency: { n: 5 } } ] } }`;

/** Persons by year (bands 2023 and 2024, and the total: 3 cells), pure DP with ε = 1. */
export const DP_BY_YEAR = `
  - name: dp_by_year
    dimensions: [ { column: year, hierarchy: { type: intervals, min: 2023, max: 2025, width: 1 } } ]
    method:
      dp:
        privacy: { epsilon: 1 }
        statistic: persons
        bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 }`;

/** Persons by sex, pure DP with ε = 1: a second DP table that spends another ε = 1. */
export const DP_BY_SEX = DP_BY_YEAR.replace('dp_by_year', 'dp_by_sex').replace(/\[ \{ column: year.*\]/, '[sex]');

/**
 * A by-region table that, together with an earlier {@link SUPPRESSED_BY_HOSPITAL} release, recovers h1: it groups h1
 * with `published` (the hospital the first release published) in R1 and leaves `secondary` (its protector) alone in
 * R2. R2 = `secondary` is >= 5, so it is published, and h1 = Total - published - secondary (hand derivation; each
 * release alone is safe).
 */
export function regroupedByRegion(published: string, secondary: string): string {
  return `
  - name: by_region
    dimensions:
      - column: hospital
        hierarchy: { type: parentChild, pairs: [[h1, R1], [${published}, R1], [${secondary}, R2], [R1, Total], [R2, Total]] }
    method: { suppression: { rules: [ { frequency: { n: 5 } } ] } }`;
}

/** A temporary folder with `extract.csv` ({@link extractCsv}) and a writer of policy files in it. */
export interface ReleaseWorkspace {
  readonly dir: string;
  readonly extract: string;
  /** Writes a policy file (default `policy.yaml`) in `dir` and returns its path. */
  readonly policy: (text: string, name?: string) => string;
  /** The ledger of dataset `test-registry` under `dir/ledger`, as the policies name it. */
  readonly ledgerFile: string;
}

/** A new {@link ReleaseWorkspace} in the system's temp folder, with `extract` as its extract. */
export function workspace(extract = extractCsv()): ReleaseWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'prikk-release-'));
  const path = join(dir, 'extract.csv');
  writeFileSync(path, extract);
  return {
    dir,
    extract: path,
    policy: (text, name = 'policy.yaml') => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
    ledgerFile: join(dir, 'ledger', 'test-registry', 'ledger.jsonl'),
  };
}

/** The lines of a ledger file (none when it does not exist). */
export function ledgerLines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : [];
}
