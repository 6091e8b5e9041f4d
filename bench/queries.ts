/**
 * The benchmark's group-by queries, described once and translated for every contender: prikk (dimension specs with
 * hierarchies), the naive JavaScript version (label chains), the bare loop (leaf indices), and DuckDB (SQL with one
 * ROLLUP per hierarchy, whose cross product is every combination of hierarchy levels, i.e. all margins).
 */
import type { Hierarchy } from '../src/hierarchy/Hierarchy.js';
import { hipFractureHierarchies, type HipFractureHierarchies } from '../examples/hipFracture/hipFractureHierarchies.js';
import { HOSPITALS } from '../examples/hipFracture/hospitals.js';
import { COUNTIES } from '../examples/hipFracture/municipalities.js';

/** A dimension the benchmark groups by (a column of the extract, with its hierarchy). */
export type BenchDimension = 'municipality' | 'age' | 'year' | 'sex' | 'hospital' | 'icd10';

/** A query: dimensions (each with every level of its hierarchy) and cells to compare across contenders. */
export interface BenchQuery {
  readonly id: 'cube3' | 'cube6';
  readonly title: string;
  readonly dimensions: readonly BenchDimension[];
  /**
   * Cells compared across contenders, by label (a dimension left out is at its total). The first is a finest cell
   * (every dimension at a leaf), which the finest-level contenders can answer too.
   */
  readonly probes: readonly Readonly<Partial<Record<BenchDimension, string>>>[];
}

/** Count rows, distinct persons and sum(cost) over every cell of these cubes. */
export const QUERIES: readonly BenchQuery[] = [
  {
    id: 'cube3',
    title: '3 dimensions: municipality→county→region→total × age 5y→10y→total × sex→total',
    dimensions: ['municipality', 'age', 'sex'],
    probes: [
      { municipality: '0301', age: '85-89', sex: '2' },
      {},
      { municipality: '03', age: '80-89' },
      { municipality: 'Helse Nord', sex: '1' },
      { municipality: '1151' },
      { age: '60-64', sex: '1' },
    ],
  },
  {
    id: 'cube6',
    title: '6 dimensions: the 3 above × year→total × hospital→region→total × icd10→total',
    dimensions: ['municipality', 'age', 'sex', 'year', 'hospital', 'icd10'],
    probes: [
      { municipality: '0301', age: '85-89', sex: '2', year: '2024', hospital: 'OUS-ULL', icd10: 'S72.0' },
      {},
      { hospital: 'Helse Vest', year: '2019' },
      { municipality: '46', icd10: 'S72.2' },
      { municipality: 'Helse Midt-Norge', hospital: 'Helse Midt-Norge', age: '90-94', year: '2025' },
      { sex: '1', icd10: 'S72.1', age: '70-79' },
    ],
  },
];

/** The query with this id. */
export function queryById(id: string): BenchQuery {
  const q = QUERIES.find((x) => x.id === id);
  if (!q) throw new Error(`bench: unknown query '${id}' (known: ${QUERIES.map((x) => x.id).join(', ')})`);
  return q;
}

/** The hierarchies of the benchmark's dimensions (the example's, built with prikk's factories). */
export function benchHierarchies(): Readonly<Record<BenchDimension, Hierarchy>> {
  const h: HipFractureHierarchies = hipFractureHierarchies();
  return { municipality: h.municipality, age: h.age, year: h.year, sex: h.sex, hospital: h.hospital, icd10: h.icd10 };
}

/** SQL columns of each dimension's levels, coarsest first: `ROLLUP(mregion, county, municipality)`. */
export const SQL_LEVELS: Readonly<Record<BenchDimension, readonly string[]>> = {
  municipality: ['mregion', 'county', 'municipality'],
  age: ['age10', 'age5'],
  year: ['year'],
  sex: ['sex'],
  hospital: ['hregion', 'hospital'],
  icd10: ['icd10'],
};

const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** SQL expressions of the derived level columns, from the extract's columns. */
function derivedColumns(): Readonly<Record<string, string>> {
  const countyRegion = COUNTIES.map((c) => `WHEN ${sqlString(c.code)} THEN ${sqlString(c.region)}`).join(' ');
  const hospitalRegion = HOSPITALS.map((h) => `WHEN ${sqlString(h.code)} THEN ${sqlString(h.region)}`).join(' ');
  return {
    mregion: `CASE substr(municipality, 1, 2) ${countyRegion} END`,
    county: 'substr(municipality, 1, 2)',
    municipality: 'municipality',
    age10: 'age // 10',
    age5: 'age // 5',
    year: 'year',
    sex: 'sex',
    hregion: `CASE hospital ${hospitalRegion} END`,
    hospital: 'hospital',
    icd10: 'icd10',
  };
}

/**
 * The DuckDB statement that computes a query's cube into the temporary table `result`: rows, distinct persons and
 * sum(cost) for every combination of hierarchy levels (`GROUP BY ROLLUP(..), ROLLUP(..), ...`). `from` is a table
 * name or a `read_csv(...)` call. Level columns are derived inside the query (substr, integer division, CASE), as
 * prikk maps codes to hierarchy leaves inside `aggregate`. A rolled-up level is NULL in the result.
 */
export function cubeSql(query: BenchQuery, from: string): string {
  const derived = derivedColumns();
  const columns = query.dimensions.flatMap((d) => SQL_LEVELS[d]);
  const select = columns.map((c) => (derived[c] === c ? c : `${derived[c]} AS ${c}`)).join(', ');
  const rollups = query.dimensions.map((d) => `ROLLUP(${SQL_LEVELS[d].join(', ')})`).join(', ');
  return (
    `CREATE OR REPLACE TEMP TABLE result AS SELECT ${columns.join(', ')}, count(*) AS n_rows, ` +
    `count(DISTINCT person_id) AS n_persons, sum(cost) AS sum_cost ` +
    `FROM (SELECT person_id, cost, ${select} FROM ${from}) GROUP BY ${rollups}`
  );
}

/**
 * A WHERE clause selecting one cell of `result`: for a node at depth k of a dimension's hierarchy, its k coarsest
 * level columns hold the node's ancestors (the deepest one the node itself) and the finer ones are NULL (rolled up).
 */
export function probeSql(query: BenchQuery, probe: BenchQuery['probes'][number], hierarchies: Readonly<Record<BenchDimension, Hierarchy>>): string {
  const conditions: string[] = [];
  for (const d of query.dimensions) {
    const h = hierarchies[d];
    const label = probe[d];
    const node = label === undefined ? h.size - 1 : h.nodeOf(label);
    if (node < 0) throw new Error(`bench: '${label}' is not a node of '${d}'`);
    const levels = SQL_LEVELS[d];
    const depth = h.depths[node]!;
    levels.forEach((column, k) => {
      if (k >= depth) conditions.push(`${column} IS NULL`);
    });
    // Walk up from the node: the column at depth-1 holds the node, the one above holds its parent, and so on.
    let at = node;
    for (let k = depth - 1; k >= 0; k--) {
      conditions.push(`${levels[k]} = ${sqlValue(d, levels[k]!, h.labels[at]!)}`);
      at = h.parents[at]!;
    }
  }
  return conditions.length === 0 ? 'TRUE' : conditions.join(' AND ');
}

/** The SQL value of a hierarchy label in a level column (age bands become their integer division result). */
function sqlValue(d: BenchDimension, column: string, label: string): string {
  if (d === 'age') {
    const lower = Number(label.split('-')[0]);
    return String(column === 'age5' ? lower / 5 : lower / 10);
  }
  if (d === 'year') return label;
  return sqlString(label);
}
