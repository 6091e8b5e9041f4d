// Hand-built release fixtures for the report tests: a manifest and four released tables, one per layout and
// method, written out cell by cell (the 3-dimensional one by a loop whose values are a simple formula), so the
// expected texts in the tests can be read off this file. Hidden cells carry no value field, as ReleasedTable demands.
import type { ReleaseManifest, TableManifest } from '../../../src/release/manifest/ReleaseManifest.js';
import type { ReleasedCell, ReleasedTable } from '../../../src/release/ReleasedTable.js';

/** A hospital label that would run as script if the report did not escape it. */
export const EVIL_LABEL = '<script>alert("x")</script>';

/** 1 dimension, cell suppression: A = 12 published, the evil label primary, C secondary, Total = 41 published. */
export const byHospital: ReleasedTable = {
  format: 'prikk.cell-table/1',
  name: 'by_hospital',
  title: 'Persons by hospital & ward',
  method: 'suppression',
  unit: 'persons',
  measures: [],
  dimensions: [{ name: 'hospital', total: 'Total', hierarchy: { Total: ['A', EVIL_LABEL, 'C'] } }],
  valueFields: [{ key: 'persons', label: 'Persons', decimals: 0 }],
  cells: [
    { coords: { hospital: 'A' }, status: 'published', persons: 12, rows: 14 },
    { coords: { hospital: EVIL_LABEL }, status: 'primary' },
    { coords: { hospital: 'C' }, status: 'secondary' },
    { coords: { hospital: 'Total' }, status: 'published', persons: 41, rows: 45 },
  ],
  legend: [
    { status: 'primary', symbol: '..', meaning: 'Hidden: fewer than 5 persons', cells: 1 },
    { status: 'secondary', symbol: ':', meaning: 'Hidden to protect another hidden cell', cells: 1 },
    { status: 'published', symbol: '', meaning: 'Published', cells: 2 },
  ],
  notes: ['Counts are distinct persons.'],
  summary: { cells: 4, hiddenCells: 2, hiddenCellShare: 0.5, hiddenCountShare: 29 / 41 },
};

const REGIONS = ['Oslo', 'Viken', 'East', 'Bergen', 'West', 'Total'] as const;
const YEARS = ['2023', '2024', 'Total'] as const;
/** The rounded counts of the cross table, rows REGIONS by columns YEARS; null where the NHS rule shows `*`. */
export const REGION_YEAR: readonly (readonly (number | null)[])[] = [
  [15, 20, 35],
  [null, 10, 15],
  [20, 30, 50],
  [5, null, 10],
  [5, null, 10],
  [25, 35, 60],
];

/** 2 dimensions, NHS rounding: region (Oslo, Viken in East; Bergen in West) by year. Cells in the cell table's order. */
export const byRegionYear: ReleasedTable = {
  format: 'prikk.cell-table/1',
  name: 'by_region_year',
  title: 'Persons by region and year',
  method: 'rounding',
  unit: 'persons',
  measures: [],
  dimensions: [
    { name: 'region', total: 'Total', hierarchy: { Total: ['East', 'West'], East: ['Oslo', 'Viken'], West: ['Bergen'] } },
    { name: 'year', total: 'Total', hierarchy: { Total: ['2023', '2024'] } },
  ],
  valueFields: [{ key: 'persons', label: 'Persons', decimals: 0 }],
  // Leaves first, then subtotals, then the total (the cell table's node order), last dimension fastest.
  cells: ['Oslo', 'Viken', 'Bergen', 'East', 'West', 'Total'].flatMap((region) =>
    YEARS.map((year): ReleasedCell => {
      const value = REGION_YEAR[REGIONS.indexOf(region as (typeof REGIONS)[number])]![YEARS.indexOf(year)]!;
      return value === null
        ? { coords: { region, year }, status: 'small' }
        : { coords: { region, year }, status: 'published', persons: value };
    }),
  ),
  legend: [
    { status: 'small', symbol: '*', meaning: '1 to 7 persons', cells: 3 },
    { status: 'published', symbol: '', meaning: 'Rounded to the nearest 5', cells: 15 },
  ],
  notes: ['Rounded counts: margins may not equal the sum of their parts.'],
  summary: { cells: 18, hiddenCells: 3, hiddenCellShare: 3 / 18, hiddenCountShare: 0.05, expectedAbsoluteError: 1.2 },
};

/** 1 dimension, differential privacy, with 95 % intervals. */
export const dpBySex: ReleasedTable = {
  format: 'prikk.cell-table/1',
  name: 'dp_by_sex',
  title: 'Persons by sex (differentially private)',
  method: 'dp',
  unit: 'persons',
  measures: ['cost'],
  dimensions: [{ name: 'sex', total: 'Total', hierarchy: { Total: ['F', 'M'] } }],
  valueFields: [
    { key: 'persons', label: 'Persons', decimals: 0 },
    { key: 'mean:cost', label: 'Mean of cost', decimals: 1 },
  ],
  cells: [
    { coords: { sex: 'F' }, status: 'published', persons: 2710, means: { cost: 81234.46 }, interval: { lower: 2706, upper: 2714 } },
    { coords: { sex: 'M' }, status: 'published', persons: 2179, means: { cost: 79000 }, interval: { lower: 2175, upper: 2183 }, postProcessed: true },
    { coords: { sex: 'Total' }, status: 'published', persons: 12345, means: { cost: 80250.04 }, interval: { lower: 12341, upper: 12349 } },
  ],
  legend: [{ status: 'published', symbol: '', meaning: 'Noisy value (differential privacy)', cells: 3 }],
  notes: ['Values are noisy; intervals are 95 % confidence intervals.'],
  summary: { cells: 3, hiddenCells: 0, hiddenCellShare: 0, noiseStandardDeviation: 2.2360679 },
};

/** The labels of the 3-dimensional table: each dimension has two leaves and a total. */
export const SEX = ['F', 'M', 'All'] as const;
export const AGE = ['0-64', '65+', 'All'] as const;
export const YEAR = ['2023', '2024', 'All'] as const;
/** The cell key table's count of cell (s, a, y) (indices into the label lists): 100·s + 10·a + y + 1. */
export const cellKeyCount = (s: number, a: number, y: number): number => 100 * s + 10 * a + y + 1;

/** 3 dimensions, cell key method: 27 cells, long format; the cell (M, 65+, 2024) is hidden as primary. */
export const bySexAgeYear: ReleasedTable = {
  format: 'prikk.cell-table/1',
  name: 'by_sex_age_year',
  title: 'Persons by sex, age and year',
  method: 'cellKey',
  unit: 'persons',
  measures: [],
  dimensions: [
    { name: 'sex', total: 'All', hierarchy: { All: ['F', 'M'] } },
    { name: 'age', total: 'All', hierarchy: { All: ['0-64', '65+'] } },
    { name: 'year', total: 'All', hierarchy: { All: ['2023', '2024'] } },
  ],
  valueFields: [{ key: 'persons', label: 'Persons', decimals: 0 }],
  cells: SEX.flatMap((sex, s) =>
    AGE.flatMap((age, a) =>
      YEAR.map((year, y): ReleasedCell =>
        s === 1 && a === 1 && y === 1
          ? { coords: { sex, age, year }, status: 'primary' }
          : { coords: { sex, age, year }, status: 'published', persons: cellKeyCount(s, a, y) },
      ),
    ),
  ),
  legend: [
    { status: 'primary', symbol: 'x', meaning: 'Hidden: perturbed count below 3', cells: 1 },
    { status: 'published', symbol: '', meaning: 'Perturbed count', cells: 26 },
  ],
  notes: ['Every cell is perturbed on its own: margins are not additive.'],
  summary: { cells: 27, hiddenCells: 1, hiddenCellShare: 1 / 27, noiseStandardDeviation: 1, expectedAbsoluteError: 0.75 },
};

const file = (path: string): { path: string; sha256: string } => ({ path, sha256: 'ab'.repeat(32) });

function entry(t: ReleasedTable, extra: Partial<TableManifest> & Pick<TableManifest, 'parameters'>): TableManifest {
  return {
    name: t.name,
    title: t.title,
    method: t.method,
    dimensions: t.dimensions.map((d) => ({ column: d.name, hierarchy: 'flat' })),
    unit: t.unit,
    values: t.valueFields.map((f) => f.key),
    summary: t.summary,
    notes: t.notes,
    files: [file(`${t.name}.csv`), file(`${t.name}.xlsx`), file(`${t.name}.json`)],
    ...extra,
  };
}

/** The release's manifest: four tables, a passed audit, a budget of ε = 2 of which 1/2 before and 1/2 now. */
export const manifest: ReleaseManifest = {
  format: 'prikk.manifest/1',
  prikkVersion: '0.1.0',
  releaseId: '2026-11-22T10-00-00Z-3f2a',
  requestFingerprint: 'f'.repeat(64),
  dataset: 'hip-fracture-2025',
  recipient: 'Acme Pharma AS "Nordic"',
  purpose: 'Feasibility of a hip-fracture trial',
  agreement: 'HSØ 2025/123',
  createdAt: '2026-11-22T10:00:00.000Z',
  input: { file: 'extract.csv', sha256: '1'.repeat(64), bytes: 123456 },
  policy: { file: 'policy.yaml', sha256: '2'.repeat(64), content: { output: { decimalMark: '.' } } },
  reconciliation: { source: 'extract.csv', rowsRead: 5000, rowsUsed: 4890, excluded: { 'missing:age': 60, 'filter:age >= 65': 50 } },
  tables: [
    entry(byHospital, {
      parameters: {
        rules: [{ frequency: { n: 5 } }, { dominance: { measure: 'cost', n: 1, k: 80 } }],
        secondary: 'fast',
        cost: 'cells',
        singletons: true,
        solverNote: 'HiGHS 1.15',
      },
      dimensions: [{ column: 'hospital', hierarchy: 'flat' }],
      filter: 'age >= 65',
      audit: { passed: true, cellsChecked: 1, failed: 0, narrowestWidth: 26, singletonLeaks: 0, scope: 'by_hospital' },
    }),
    entry(byRegionYear, { parameters: { rule: 'nhs', base: 5, low: 1, high: 7 } }),
    entry(dpBySex, {
      parameters: {
        privacy: { epsilon: 0.5 },
        statistic: 'persons',
        bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 },
        confidence: 0.95,
        margins: 'allLevels',
        postProcess: true,
      },
      privacySpent: { loss: { kind: 'pure', epsilon: '1/2' }, description: 'ε = 1/2 (0.5)' },
    }),
    entry(bySexAgeYear, { parameters: { ptable: { D: 3, V: 1, js: 2 }, keys: 'mod1', secret: { env: 'PRIKK_CELL_KEY_SECRET' } } }),
  ],
  releaseAudit: { passed: true, cellsChecked: 1, failed: 0, narrowestWidth: 26, singletonLeaks: 0, scope: 'release + earlier', earlierReleases: 2 },
  budget: {
    lifetime: { kind: 'pure', epsilon: '2' },
    spentBefore: [{ kind: 'pure', epsilon: '1/2' }],
    spentNow: [{ kind: 'pure', epsilon: '1/2' }],
    description: 'spent ε = 1 of 2, remaining ε = 1',
  },
  outputs: [],
};

/** The four released tables, in the manifest's order. */
export const tables: readonly ReleasedTable[] = [byHospital, byRegionYear, dpBySex, bySexAgeYear];
