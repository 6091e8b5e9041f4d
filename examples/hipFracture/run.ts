/**
 * `npm run example`: reads the embedded synthetic hip-fracture extract with its schema, aggregates it, and prints
 * readable tables with the reconciliation (rows read = rows used + rows excluded, by reason).
 *
 * The steps are separate functions (read, build the tables, print), so that later steps (protection, release)
 * slot in between building and printing.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { aggregate } from '../../src/aggregate/aggregate.js';
import type { CellTable } from '../../src/aggregate/CellTable.js';
import type { Filter } from '../../src/aggregate/Filter.js';
import { intervalHierarchy } from '../../src/hierarchy/intervalHierarchy.js';
import type { Extract, Reconciliation } from '../../src/read/Extract.js';
import { readCsv } from '../../src/read/readCsv.js';
import type { Schema } from '../../src/read/Schema.js';
import { formatPivot } from './formatPivot.js';
import { hipFractureHierarchies } from './hipFractureHierarchies.js';
import { HOSPITALS } from './hospitals.js';
import { COUNTIES } from './municipalities.js';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The embedded extract and its schema. */
export const EXAMPLE_EXTRACT = join(HERE, 'extract.csv');
export const EXAMPLE_SCHEMA = join(HERE, 'schema.json');

/**
 * The cohort of the trial-feasibility count: patients aged 65 or more, with a femoral neck (S72.0) or
 * pertrochanteric (S72.1) fracture, operated 2023-2025.
 */
export const FEASIBILITY_FILTER: Filter = {
  and: [
    { column: 'age', range: { min: 65 } },
    { column: 'icd10', in: ['S72.0', 'S72.1'] },
    { column: 'year', range: { min: 2023, max: 2025 } },
  ],
};

/** The tables of the example, by name. */
export interface ExampleTables {
  /** Persons, operations (rows), sum and mean of cost by municipality -> county -> health region, and year. */
  readonly byRegionAndYear: CellTable;
  /** Trial feasibility: distinct persons in the cohort of {@link FEASIBILITY_FILTER}, by hospital and year. */
  readonly feasibility: CellTable;
}

/** Reads the embedded extract with the embedded schema. */
export async function readExample(path = EXAMPLE_EXTRACT, schemaPath = EXAMPLE_SCHEMA): Promise<Extract> {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Schema;
  return readCsv(path, schema, { delimiter: ';' });
}

/** Aggregates the example's tables (unprotected cell tables, every margin included). */
export function buildTables(extract: Extract): ExampleTables {
  const h = hipFractureHierarchies();
  const byRegionAndYear = aggregate(extract, {
    dimensions: [
      { column: 'municipality', hierarchy: h.municipality },
      { column: 'year', hierarchy: h.year },
    ],
    measures: ['cost'],
    unit: 'persons',
  });
  const feasibility = aggregate(extract, {
    dimensions: [
      { column: 'hospital', hierarchy: h.hospital },
      { column: 'year', hierarchy: intervalHierarchy({ min: 2023, max: 2026, width: 1 }) },
    ],
    unit: 'persons',
    filter: FEASIBILITY_FILTER,
  });
  return { byRegionAndYear, feasibility };
}

const countyName = new Map(COUNTIES.map((c) => [c.code, c.name]));
const hospitalName = new Map(HOSPITALS.map((h) => [h.code, h.name]));
const n = (x: number): string => x.toLocaleString('en-US').replace(/,/g, ' ');

/** The reconciliation as aligned lines: rows read, used, and excluded by reason. */
export function formatReconciliation(r: Reconciliation): string {
  const lines: [string, number][] = [['rows read', r.rowsRead], ['rows used', r.rowsUsed]];
  for (const [reason, count] of Object.entries(r.excluded)) lines.push([`excluded (${reason})`, count]);
  const width = Math.max(...lines.map(([label]) => label.length));
  const digits = Math.max(...lines.map(([, count]) => n(count).length));
  const excluded = Object.values(r.excluded).reduce((a, b) => a + b, 0);
  const check = r.rowsRead === r.rowsUsed + excluded ? 'reconciles' : 'DOES NOT RECONCILE';
  return [
    ...lines.map(([label, count]) => `  ${label.padEnd(width)}  ${n(count).padStart(digits)}`),
    `  (${n(r.rowsRead)} = ${n(r.rowsUsed)} + ${n(excluded)}: ${check})`,
  ].join('\n');
}

/** Renders every table of the example as text. */
export function formatTables(extract: Extract, tables: ExampleTables): string {
  const { byRegionAndYear: t, feasibility: f } = tables;
  const regionOrCounty = (label: string): string => {
    const name = countyName.get(label);
    return name === undefined ? label : `${label} ${name}`;
  };
  const cost = t.sums.get('cost')!;
  const out: string[] = [];
  out.push(`prikk example: synthetic hip-fracture registry extract (${relative(process.cwd(), extract.source) || extract.source})`);
  out.push('Every value below is unprotected: small cells are visible. Protection is a later step.');
  out.push('');
  out.push('Reading the extract');
  out.push(formatReconciliation(extract.reconciliation));
  out.push('');
  out.push('Table 1. Persons operated, by health region, county and year');
  out.push(formatPivot(t, { rows: 'municipality', columns: 'year', value: (x, c) => x.persons![c]!, maxDepth: 2, rowLabel: regionOrCounty, corner: 'region / county' }));
  out.push('');
  out.push('Table 2. Operations (rows), by health region and year');
  out.push(formatPivot(t, { rows: 'municipality', columns: 'year', value: (x, c) => x.rows[c]!, maxDepth: 1, corner: 'health region' }));
  out.push('');
  out.push('Table 3. Total cost (million NOK), by health region and year');
  out.push(formatPivot(t, { rows: 'municipality', columns: 'year', value: (_, c) => cost[c]! / 1e6, maxDepth: 1, decimals: 1, corner: 'health region' }));
  out.push('');
  out.push('Table 4. Mean cost per operation (NOK), by health region and year');
  out.push(formatPivot(t, { rows: 'municipality', columns: 'year', value: (x, c) => cost[c]! / x.rows[c]!, maxDepth: 1, corner: 'health region' }));
  out.push('');
  out.push('Table 5. Trial feasibility: persons aged 65+ with S72.0 or S72.1, operated 2023-2025, by hospital and year');
  out.push(formatPivot(f, {
    rows: 'hospital',
    columns: 'year',
    corner: 'health region / hospital',
    value: (x, c) => x.persons![c]!,
    rowLabel: (label) => (hospitalName.has(label) ? `${label.padEnd(8)} ${hospitalName.get(label)}` : label),
  }));
  out.push('');
  out.push('Cohort of table 5');
  out.push(formatReconciliation(f.reconciliation!));
  return out.join('\n');
}

/** Entry point of `npm run example`. */
export async function main(): Promise<void> {
  const extract = await readExample();
  const tables = buildTables(extract);
  process.stdout.write(`${formatTables(extract, tables)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
