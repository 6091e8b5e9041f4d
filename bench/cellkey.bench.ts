// Benchmark of the cell key method on the benchmark's synthetic registry extract (a script, not a test):
//   npx tsx bench/cellkey.bench.ts [--quick] [--rows 1000000] [--reps 5] [--query cube3|cube6]
// The cohort is the hip-fracture extract of bench/dataset.ts (1,000,000 rows, about 1.22 rows per person), the query
// cube3 (municipality -> county -> region × age 5y -> 10y × sex: 38,454 cells, every margin). Timed, each as the
// median of several runs (wall and CPU time of this process; the machine is shared, so wall time inflates under load):
//   (a) aggregate without cell keys (rows, distinct persons, sum(cost); no top contributors): the baseline;
//   (b) aggregate with 2 top contributors (what the magnitude perturbation needs);
//   (c) cellKeySums alone (cell keys of every cell over distinct persons);
//   (d) counts: aggregate (a) without the measure + cellKeyPerturbation with the tau-ARGUS p-table;
//   (e) counts and sums: aggregate (b) + cellKeyPerturbation with magnitudes (p = 0.05, top 2).
// Record keys (HMAC-SHA256 per person) are timed once on their own: on ids in memory, and re-reading the CSV.
import { cpus, loadavg } from 'node:os';
import { aggregate } from '../src/aggregate/aggregate.js';
import { cellKeySums } from '../src/aggregate/cellKeySums.js';
import { cellKeyPerturbation } from '../src/protect/cellkey/cellKeyPerturbation.js';
import { createPTable } from '../src/protect/cellkey/createPTable.js';
import { readPTable } from '../src/protect/cellkey/readPTable.js';
import { recordKeysFromIds } from '../src/protect/cellkey/recordKeysFromIds.js';
import { recordKeysFromReader } from '../src/protect/cellkey/recordKeysFromReader.js';
import { readCsv } from '../src/read/readCsv.js';
import { hipFractureSchema } from '../examples/hipFracture/hipFractureSchema.js';
import { BENCH_SEED, ensureDataset } from './dataset.js';
import { loadExtract } from './extractSnapshot.js';
import { prikkDimensions } from './contenders/prikkCube.js';
import { benchHierarchies, queryById } from './queries.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const rows = Number(flag('--rows') ?? 1_000_000);
const reps = Number(flag('--reps') ?? (quick ? 3 : 5));
const query = queryById(flag('--query') ?? 'cube3');
const SECRET = 'bench-registry-secret-not-a-real-one-0123456789';
const TAU = new URL('../../shared/data/ptables/tau_testW_ptable.txt', import.meta.url).pathname;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs `fn` `reps` times; returns median wall and CPU milliseconds. */
function time<T>(label: string, fn: () => T): { wall: number; cpu: number; last: T } {
  const walls: number[] = [];
  const cpu: number[] = [];
  let last!: T;
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = fn();
    walls.push(performance.now() - t0);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1000);
  }
  const wall = median(walls);
  console.log(
    `${label.padEnd(58)} ${wall.toFixed(0).padStart(6)} ms wall ${median(cpu).toFixed(0).padStart(6)} ms CPU  ${((rows / wall) * 1000 / 1e6).toFixed(2).padStart(6)} M rows/s  (runs ${walls.map((x) => x.toFixed(0)).join(', ')})`,
  );
  return { wall, cpu: median(cpu), last };
}

async function main(): Promise<void> {
  console.log(`cell key benchmark: ${rows.toLocaleString('en-US')} rows, query ${query.id}, ${reps} runs each; ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const data = await ensureDataset(rows, BENCH_SEED, (line) => console.log(line));
  const extract = loadExtract(data.snapshot);
  const persons = extract.person!.personCount;
  console.log(`extract: ${extract.rowCount.toLocaleString('en-US')} rows, ${persons.toLocaleString('en-US')} persons`);

  // Record keys, once each (they are derived once per extract, not per table).
  const ids = Array.from({ length: persons }, (_, p) => `P${String(p).padStart(9, '0')}`);
  let t0 = performance.now();
  const synthetic = recordKeysFromIds(ids, { secret: SECRET });
  console.log(`record keys, HMAC-SHA256 of ${persons.toLocaleString('en-US')} ids in memory: ${(performance.now() - t0).toFixed(0)} ms`);
  t0 = performance.now();
  const schema = hipFractureSchema();
  const recordKeys = await recordKeysFromReader({ extract, schema, read: (s) => readCsv(data.csv, s, { delimiter: ';' }), secret: SECRET });
  console.log(`record keys, re-reading the CSV (${(data.csvBytes / 1e6).toFixed(0)} MB) + HMAC: ${(performance.now() - t0).toFixed(0)} ms`);
  void synthetic;

  const dimensions = prikkDimensions(query, benchHierarchies(), false);
  const ptable = readPTable(TAU);
  const magnitudes = { ptable: createPTable({ kind: 'magnitudes', D: 5, V: 2, step: 2, icat: [1, 3, 5] }), p: 0.05, epsilon: [1, 0.5] };

  const base = time('(a) aggregate, no cell keys (rows, persons, cost)', () =>
    aggregate(extract, { dimensions, measures: ['cost'], unit: 'persons', topContributors: 0 }),
  );
  console.log(`    cube: ${base.last.cellCount.toLocaleString('en-US')} cells`);
  const withTop = time('(b) aggregate with top 2 contributors', () =>
    aggregate(extract, { dimensions, measures: ['cost'], unit: 'persons', topContributors: 2 }),
  );
  const countsOnly = aggregate(extract, { dimensions, unit: 'persons' });
  const sums = time('(c) cellKeySums (cell keys over distinct persons)', () => cellKeySums(extract, countsOnly, { recordKeys: recordKeys.keys }));
  const counts = time('(d) aggregate (no measure) + cellKeyPerturbation, counts', () =>
    cellKeyPerturbation(extract, aggregate(extract, { dimensions, unit: 'persons' }), { ptable, recordKeys }),
  );
  const full = time('(e) aggregate (top 2) + cellKeyPerturbation, counts + sums', () =>
    cellKeyPerturbation(extract, aggregate(extract, { dimensions, measures: ['cost'], unit: 'persons', topContributors: 2 }), { ptable, recordKeys, magnitudes }),
  );
  const total = full.last.table.indexOf({});
  console.log(
    `    grand total persons ${countsOnly.persons![total]} -> ${full.last.table.persons![total]}; noise of large counts: variance ${full.last.noise.counts.largeCounts.variance.toFixed(3)}, max ${full.last.noise.counts.largeCounts.maxNoise}, E|v| ${full.last.noise.counts.largeCounts.expectedAbsoluteError.toFixed(3)}`,
  );
  console.log(
    `ratios to (a): (b) ${(withTop.wall / base.wall).toFixed(2)}×, (c) ${(sums.wall / base.wall).toFixed(2)}×, (d) ${(counts.wall / base.wall).toFixed(2)}×, (e) ${(full.wall / base.wall).toFixed(2)}×`,
  );
}

await main();
