// Hand-built released tables for the writers' tests. Every value is written out here; expected outputs in the tests
// are computed by hand from these numbers (see the comments there).
import type { ReleasedCell, ReleasedTable } from '../../../src/release/ReleasedTable.js';

function published(coords: Record<string, string>, rows: number, persons: number, cost: number): ReleasedCell {
  return { coords, rows, persons, sums: { cost }, means: { cost: cost / rows }, status: 'published' };
}

/**
 * Suppression, 2 dimensions: hospital (A, B, C, Total) × sex (F, M, Total), persons + sum and mean of cost.
 * A/F has 2 persons (primary); A/M, B/F, B/M are hidden to protect it (secondary). Totals are published.
 *
 *            F                      M                      Total
 *   A        primary                secondary              9 rows, 8 persons, cost 800.25
 *   B        secondary              secondary              17 rows, 16 persons, cost 1500
 *   C        13 rows, 12 p, 1234.5  15 rows, 15 p, 2000    28 rows, 27 persons, cost 3234.5
 *   Total    22 rows, 21 p, 2100    32 rows, 30 p, 3434.75 54 rows, 51 persons, cost 5534.75
 */
export const suppressionTable: ReleasedTable = {
  format: 'prikk.cell-table/1',
  name: 'by_hospital_sex',
  title: 'Persons and cost by hospital and sex',
  method: 'suppression',
  unit: 'persons',
  measures: ['cost'],
  dimensions: [
    { name: 'hospital', total: 'Total', hierarchy: { Total: ['A', 'B', 'C'] } },
    { name: 'sex', total: 'Total', hierarchy: { Total: ['F', 'M'] } },
  ],
  valueFields: [
    { key: 'persons', label: 'Persons', decimals: 0 },
    { key: 'sum:cost', label: 'Sum of cost', decimals: 0 },
    { key: 'mean:cost', label: 'Mean of cost', decimals: 1 },
  ],
  cells: [
    { coords: { hospital: 'A', sex: 'F' }, status: 'primary' },
    { coords: { hospital: 'A', sex: 'M' }, status: 'secondary' },
    published({ hospital: 'A', sex: 'Total' }, 9, 8, 800.25),
    { coords: { hospital: 'B', sex: 'F' }, status: 'secondary' },
    { coords: { hospital: 'B', sex: 'M' }, status: 'secondary' },
    published({ hospital: 'B', sex: 'Total' }, 17, 16, 1500),
    published({ hospital: 'C', sex: 'F' }, 13, 12, 1234.5),
    published({ hospital: 'C', sex: 'M' }, 15, 15, 2000),
    published({ hospital: 'C', sex: 'Total' }, 28, 27, 3234.5),
    published({ hospital: 'Total', sex: 'F' }, 22, 21, 2100),
    published({ hospital: 'Total', sex: 'M' }, 32, 30, 3434.75),
    published({ hospital: 'Total', sex: 'Total' }, 54, 51, 5534.75),
  ],
  legend: [
    { status: 'primary', symbol: '..', meaning: 'Hidden: fewer than 5 persons', cells: 1 },
    { status: 'secondary', symbol: ':', meaning: 'Hidden to protect another hidden cell', cells: 3 },
  ],
  notes: ['Counts are of distinct persons.'],
  summary: { cells: 12, hiddenCells: 4, hiddenCellShare: 4 / 12, hiddenCountShare: 29 / 51 },
};

/**
 * NHS rounding: region (North, South, East, Total), persons rounded to base 5, 1–7 shown as `*` (status `small`).
 * True counts (not in the table): North 3, South 36, East 118, Total 157 → released: *, 35, 120, 155.
 */
export const roundingTable: ReleasedTable = {
  format: 'prikk.cell-table/1',
  name: 'by_region',
  title: 'Persons by health region',
  method: 'rounding',
  unit: 'persons',
  measures: [],
  dimensions: [{ name: 'region', total: 'Total', hierarchy: { Total: ['North', 'South', 'East'] } }],
  valueFields: [{ key: 'persons', label: 'Persons', decimals: 0 }],
  cells: [
    { coords: { region: 'North' }, status: 'small' },
    { coords: { region: 'South' }, rows: 35, persons: 35, status: 'published' },
    { coords: { region: 'East' }, rows: 120, persons: 120, status: 'published' },
    { coords: { region: 'Total' }, rows: 155, persons: 155, status: 'published' },
  ],
  legend: [
    { status: 'small', symbol: '*', meaning: '1 to 7 persons', cells: 1 },
    { status: 'published', symbol: '', meaning: 'Rounded to the nearest 5', cells: 3 },
  ],
  notes: ['Totals are rounded on their own and may differ from the sum of the rounded cells.'],
  summary: { cells: 4, hiddenCells: 1, hiddenCellShare: 0.25, expectedAbsoluteError: 1.2 },
};

/**
 * Differential privacy: year (2023, 2024, Total), noisy persons with a 95 % interval; the total was post-processed.
 * Values chosen to exercise the number writer: a negative lower bound (-3.2 → -3), one that rounds to -0 (-0.4 → 0),
 * a fractional upper bound (7.6 → 8).
 */
export const dpTable: ReleasedTable = {
  format: 'prikk.cell-table/1',
  name: 'dp_by_year',
  title: 'Persons by year (differentially private)',
  method: 'dp',
  unit: 'persons',
  measures: [],
  dimensions: [{ name: 'year', total: 'Total', hierarchy: { Total: ['2023', '2024'] } }],
  valueFields: [{ key: 'persons', label: 'Persons', decimals: 0 }],
  cells: [
    { coords: { year: '2023' }, persons: 4, interval: { lower: -3.2, upper: 11.2 }, status: 'published' },
    { coords: { year: '2024' }, persons: 0, interval: { lower: -0.4, upper: 7.6 }, status: 'published' },
    { coords: { year: 'Total' }, persons: 4, interval: { lower: -6.4, upper: 14.4 }, postProcessed: true, status: 'published' },
  ],
  legend: [{ status: 'published', symbol: '', meaning: 'Noisy value (discrete Laplace, ε = 1)', cells: 3 }],
  notes: ['Values are noisy; the interval holds the true value with probability 95 %.'],
  summary: { cells: 3, hiddenCells: 0, hiddenCellShare: 0, noiseStandardDeviation: 1.41 },
};

/** One dimension whose labels need quoting or the injection guard; `name` made of the same kind of characters. */
export function trickyTable(labels: readonly string[]): ReleasedTable {
  return {
    format: 'prikk.cell-table/1',
    name: 'tricky',
    title: 'Tricky labels',
    method: 'suppression',
    unit: 'persons',
    measures: [],
    dimensions: [{ name: 'place', total: 'All', hierarchy: { All: [...labels] } }],
    valueFields: [{ key: 'persons', label: 'Persons', decimals: 0 }],
    cells: [
      ...labels.map((l, i): ReleasedCell => ({ coords: { place: l }, rows: 10 + i, persons: 10 + i, status: 'published' })),
      { coords: { place: 'All' }, rows: 99, persons: 99, status: 'published' },
    ],
    legend: [],
    notes: [],
    summary: { cells: labels.length + 1, hiddenCells: 0, hiddenCellShare: 0 },
  };
}
