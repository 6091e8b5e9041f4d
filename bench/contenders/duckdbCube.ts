/**
 * Contender (d): DuckDB (`@duckdb/node-api`, embedded, in memory) with the equivalent GROUP BY ROLLUP query, on a
 * table already loaded (in-memory benchmark) or straight from the CSV with `read_csv` (end to end).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Hierarchy } from '../../src/hierarchy/Hierarchy.js';
import type { CellValues, Fingerprint } from '../fingerprint.js';
import { type BenchDimension, type BenchQuery, SQL_LEVELS, probeSql } from '../queries.js';

/**
 * `read_csv` of a benchmark file with its dialect and column types given (as prikk is given its schema), so that
 * neither side spends time sniffing and codes such as `0301` stay text.
 */
export function readCsvSql(path: string): string {
  const columns = {
    person_id: 'VARCHAR', age: 'INTEGER', sex: 'VARCHAR', municipality: 'VARCHAR', hospital: 'VARCHAR',
    icd10: 'VARCHAR', procedure: 'VARCHAR', year: 'INTEGER', reoperation: 'INTEGER', los_days: 'INTEGER', cost: 'DOUBLE',
  };
  const spec = Object.entries(columns).map(([k, v]) => `'${k}': '${v}'`).join(', ');
  return `read_csv('${path.replaceAll("'", "''")}', delim = ';', header = true, quote = '"', columns = {${spec}})`;
}

/** Opens an in-memory DuckDB with `threads` worker threads. */
export async function openDuckDB(threads: number): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  return instance.connect();
}

/** Loads the CSV into the table `hip` (setup of the in-memory benchmark, not timed). */
export async function loadTable(con: DuckDBConnection, path: string): Promise<void> {
  await con.run(`CREATE OR REPLACE TABLE hip AS SELECT * FROM ${readCsvSql(path)}`);
}

/** Sets DuckDB's number of threads. */
export async function setThreads(con: DuckDBConnection, threads: number): Promise<void> {
  await con.run(`SET threads = ${threads}`);
}

/** DuckDB's version string, e.g. `v1.5.6`. */
export async function duckdbVersion(con: DuckDBConnection): Promise<string> {
  const reader = await con.runAndReadAll('SELECT version()');
  return String(reader.getRows()[0]![0]);
}

/** The fingerprint of the `result` table left by `cubeSql` (probes by label; non-empty cells = result rows). */
export async function duckdbFingerprint(
  con: DuckDBConnection,
  query: BenchQuery,
  hierarchies: Readonly<Record<BenchDimension, Hierarchy>>,
): Promise<Fingerprint> {
  const probes: CellValues[] = [];
  for (const probe of query.probes) {
    const reader = await con.runAndReadAll(
      `SELECT n_rows, n_persons, sum_cost FROM result WHERE ${probeSql(query, probe, hierarchies)}`,
    );
    const row = reader.getRows()[0];
    probes.push(row ? { rows: Number(row[0]), persons: Number(row[1]), sum: Number(row[2]) } : { rows: 0, persons: 0, sum: 0 });
  }
  const count = async (where: string): Promise<number> =>
    Number((await con.runAndReadAll(`SELECT count(*) FROM result WHERE ${where}`)).getRows()[0]![0]);
  const finest = query.dimensions.map((d) => `${SQL_LEVELS[d].at(-1)} IS NOT NULL`).join(' AND ');
  return { probes, nonEmptyCells: await count('TRUE'), nonEmptyFinest: await count(finest) };
}
