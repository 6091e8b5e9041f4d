/**
 * One benchmark contender in a child process of its own (so that its peak memory is its own): loads the data
 * (not timed), then runs each variant repeatedly and reports every repetition as a JSON line on stdout
 * (`@@bench {...}`). Started by `bench/run.ts`; not meant to be run by hand, but it can be:
 *
 *   node --import tsx --expose-gc bench/worker.ts '{"contender":"prikk","csv":"...","snapshot":"...",...}'
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CellTable } from '../src/aggregate/CellTable.js';
import { FinestTable } from '../src/aggregate/FinestTable.js';
import type { DimensionSpec } from '../src/aggregate/AggregateOptions.js';
import type { Extract } from '../src/read/Extract.js';
import { readCsv } from '../src/read/readCsv.js';
import { hipFractureSchema } from '../examples/hipFracture/hipFractureSchema.js';
import { bareFingerprint, bareLoop, finestIndex, type BareResult, type FinestIndex } from './contenders/bareLoop.js';
import { duckdbFingerprint, duckdbVersion, loadTable, openDuckDB, readCsvSql, setThreads } from './contenders/duckdbCube.js';
import { csvParseRows, naiveChains, naiveCube, naiveFingerprint, naiveRowsFromFile, type NaiveCell, type NaiveRow } from './contenders/naiveCube.js';
import { finestFingerprint, prikkCube, prikkDimensions, prikkFingerprint, prikkFinest } from './contenders/prikkCube.js';
import { loadExtract } from './extractSnapshot.js';
import type { Fingerprint } from './fingerprint.js';
import { peakMemoryMB, resetPeakMemory, residentMemoryMB } from './peakMemory.js';
import { benchHierarchies, cubeSql, queryById, type BenchQuery } from './queries.js';
import { median } from './stats.js';

/** The contenders, by what they start from. */
export type Contender = 'prikk' | 'bare' | 'naive' | 'duckdb' | 'e2e-prikk' | 'e2e-duckdb' | 'e2e-naive';

/** One measured configuration of a contender. */
export interface Variant {
  /** Unique within the job, e.g. `cube3` or `cube6/threads=2`. */
  readonly id: string;
  readonly query: BenchQuery['id'];
  /** prikk: only the finest level (`aggregateFinest`). */
  readonly finest?: boolean;
  /** prikk, with `finest`: `aggregate` with each hierarchy cut to its leaves (the finest cells plus one total each). */
  readonly totals?: boolean;
  /** prikk: largest per-person contributions kept (0 unless given). */
  readonly topContributors?: number;
  /** DuckDB: worker threads. */
  readonly threads?: number;
}

/** What `bench/run.ts` asks of a worker. */
export interface WorkerJob {
  readonly contender: Contender;
  readonly csv: string;
  readonly snapshot: string;
  readonly variants: readonly Variant[];
  /** Repetitions wanted per variant. */
  readonly reps: number;
  /** Seconds per variant: no new repetition starts when it would end past this (at least one always runs). */
  readonly budgetSeconds: number;
  /** A first repetition faster than this is a warm-up (JIT), reported but not counted. */
  readonly warmupBelowSeconds: number;
}

/** Messages of a worker, one JSON object per line after `@@bench `. */
export type WorkerMessage =
  | { type: 'ready'; loadSeconds: number; residentMB: number; duckdb?: string }
  | { type: 'start'; variant: string; rep: number }
  | { type: 'rep'; variant: string; rep: number; seconds: number; peakMB: number; warmup: boolean }
  | { type: 'done'; variant: string; fingerprint: Fingerprint };

const emit = (message: WorkerMessage): void => {
  process.stdout.write(`@@bench ${JSON.stringify(message)}\n`);
};

const gc = (): void => {
  (globalThis as { gc?: () => void }).gc?.();
};

/** A contender prepared for timing: `run` is the timed call, `fingerprint` reads its last result. */
interface Prepared {
  run(variant: Variant): Promise<void> | void;
  fingerprint(variant: Variant): Promise<Fingerprint> | Fingerprint;
  /** Frees the last result (not timed), so that the next repetition's peak memory does not include it. */
  release(): Promise<void> | void;
  duckdb?: string;
}

async function prepare(job: WorkerJob): Promise<Prepared> {
  const hierarchies = benchHierarchies();
  switch (job.contender) {
    case 'prikk':
    case 'e2e-prikk': {
      const fromCsv = job.contender === 'e2e-prikk';
      const extract: Extract | undefined = fromCsv ? undefined : loadExtract(job.snapshot);
      const dims = new Map<string, DimensionSpec[]>();
      const dimsOf = (v: Variant): DimensionSpec[] => {
        const key = `${v.query}/${v.finest === true}`;
        if (!dims.has(key)) dims.set(key, prikkDimensions(queryById(v.query), hierarchies, v.finest === true));
        return dims.get(key)!;
      };
      let last: CellTable | FinestTable | undefined;
      return {
        async run(v) {
          const x = extract ?? (await readCsv(job.csv, hipFractureSchema(), { delimiter: ';' }));
          if (v.finest === true && v.totals !== true) last = prikkFinest(x, queryById(v.query), hierarchies);
          else last = prikkCube(x, dimsOf(v), { finest: v.finest === true, topContributors: v.topContributors ?? 0 });
        },
        fingerprint: (v) =>
          last instanceof FinestTable ? finestFingerprint(last, queryById(v.query)) : prikkFingerprint(last!, queryById(v.query), v.finest === true),
        release: () => {
          last = undefined;
        },
      };
    }
    case 'bare': {
      const extract = loadExtract(job.snapshot);
      const cost = extract.columns.get('cost');
      if (cost?.kind !== 'number' || !extract.person) throw new Error('bench: the extract needs cost and a person column');
      const indices = new Map<string, FinestIndex>();
      for (const v of job.variants) if (!indices.has(v.query)) indices.set(v.query, finestIndex(extract, queryById(v.query), hierarchies));
      let last: BareResult | undefined;
      const person = extract.person;
      return {
        run(v) {
          last = bareLoop(indices.get(v.query)!, person.codes, person.personCount, cost.values);
        },
        fingerprint: (v) => bareFingerprint(last!, indices.get(v.query)!, queryById(v.query), hierarchies),
        release: () => {
          last = undefined;
        },
      };
    }
    case 'naive':
    case 'e2e-naive': {
      const rows: NaiveRow[] | undefined = job.contender === 'naive' ? naiveRowsFromFile(job.csv) : undefined;
      let last: Map<string, NaiveCell> | undefined;
      return {
        async run(v) {
          const input = rows ?? (await csvParseRows(job.csv));
          last = naiveCube(input, naiveChains(queryById(v.query), hierarchies));
        },
        fingerprint: (v) => naiveFingerprint(last!, queryById(v.query), hierarchies),
        release: () => {
          last = undefined;
        },
      };
    }
    case 'duckdb':
    case 'e2e-duckdb': {
      const con: DuckDBConnection = await openDuckDB(1);
      const fromCsv = job.contender === 'e2e-duckdb';
      if (!fromCsv) await loadTable(con, job.csv);
      return {
        async run(v) {
          await setThreads(con, v.threads ?? 1);
          await con.run(cubeSql(queryById(v.query), fromCsv ? readCsvSql(job.csv) : 'hip'));
        },
        fingerprint: (v) => duckdbFingerprint(con, queryById(v.query), hierarchies),
        release: async () => {
          await con.run('DROP TABLE IF EXISTS result');
        },
        duckdb: await duckdbVersion(con),
      };
    }
  }
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as WorkerJob;
  const loadStart = performance.now();
  const prepared = await prepare(job);
  gc();
  emit({
    type: 'ready',
    loadSeconds: (performance.now() - loadStart) / 1000,
    residentMB: residentMemoryMB(),
    ...(prepared.duckdb === undefined ? {} : { duckdb: prepared.duckdb }),
  });
  for (const variant of job.variants) {
    const times: number[] = [];
    const started = performance.now();
    for (let rep = 0; ; rep++) {
      await prepared.release();
      gc();
      resetPeakMemory();
      emit({ type: 'start', variant: variant.id, rep });
      const t0 = performance.now();
      await prepared.run(variant);
      const seconds = (performance.now() - t0) / 1000;
      const warmup = rep === 0 && seconds < job.warmupBelowSeconds;
      emit({ type: 'rep', variant: variant.id, rep, seconds, peakMB: peakMemoryMB(), warmup });
      if (!warmup) times.push(seconds);
      if (times.length >= job.reps) break;
      const elapsed = (performance.now() - started) / 1000;
      if (times.length > 0 && elapsed + median(times) > job.budgetSeconds) break;
    }
    emit({ type: 'done', variant: variant.id, fingerprint: await prepared.fingerprint(variant) });
  }
  await prepared.release();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
