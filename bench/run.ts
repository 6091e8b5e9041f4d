/**
 * `npm run bench` (all sizes) and `npm run bench:quick` (1M rows only): prikk's aggregation against a naive
 * JavaScript version, a bare typed-array loop and DuckDB, in the same run, on synthetic hip-fracture cohorts.
 * Writes `bench/results/latest.md` and `latest.json`. See bench/README.md for what each number means.
 *
 * Options:
 *   --quick              1,000,000 rows only
 *   --sizes 1e6,1e7      cohort sizes (default 1e6,1e7)
 *   --only a,b           contenders to run (prikk, bare, naive, duckdb, e2e-prikk, e2e-duckdb, e2e-naive)
 *   --reps N             repetitions per variant (default 5 up to 1M rows, 3 above)
 *   --max-minutes M      stop starting new contenders after M minutes (default 15)
 *   --out PATH           results without extension (default bench/results/latest)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResults, Measurement, SizeResults } from './BenchResults.js';
import { BENCH_SEED, ensureDataset, type Dataset } from './dataset.js';
import { compareFingerprints } from './fingerprint.js';
import { machineInfo } from './machineInfo.js';
import { renderReport } from './report.js';
import { median } from './stats.js';
import type { Contender, Variant, WorkerJob, WorkerMessage } from './worker.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const WORKER = join(HERE, 'worker.ts');

/** What runs, in priority order (when a size's share of the time limit is spent, the rest is skipped). */
const PLAN: readonly { contender: Contender; variants: readonly Variant[] }[] = [
  {
    contender: 'prikk',
    variants: [
      { id: 'cube3', query: 'cube3' },
      { id: 'cube6', query: 'cube6' },
      { id: 'finest3', query: 'cube3', finest: true },
      { id: 'finest6', query: 'cube6', finest: true },
    ],
  },
  { contender: 'bare', variants: [{ id: 'finest3', query: 'cube3' }, { id: 'finest6', query: 'cube6' }] },
  {
    contender: 'prikk',
    variants: [
      { id: 'finest3+totals', query: 'cube3', finest: true, totals: true },
      { id: 'finest6+totals', query: 'cube6', finest: true, totals: true },
    ],
  },
  {
    contender: 'duckdb',
    variants: [
      { id: 'cube3/1t', query: 'cube3', threads: 1 },
      { id: 'cube6/1t', query: 'cube6', threads: 1 },
    ],
  },
  { contender: 'e2e-prikk', variants: [{ id: 'cube3', query: 'cube3' }, { id: 'cube6', query: 'cube6' }] },
  {
    contender: 'e2e-duckdb',
    variants: [
      { id: 'cube3/1t', query: 'cube3', threads: 1 },
      { id: 'cube6/1t', query: 'cube6', threads: 1 },
    ],
  },
  {
    contender: 'duckdb',
    variants: [
      { id: 'cube3/2t', query: 'cube3', threads: 2 },
      { id: 'cube6/2t', query: 'cube6', threads: 2 },
    ],
  },
  {
    contender: 'e2e-duckdb',
    variants: [
      { id: 'cube3/2t', query: 'cube3', threads: 2 },
      { id: 'cube6/2t', query: 'cube6', threads: 2 },
    ],
  },
  { contender: 'naive', variants: [{ id: 'cube3', query: 'cube3' }, { id: 'cube6', query: 'cube6' }] },
  { contender: 'e2e-naive', variants: [{ id: 'cube3', query: 'cube3' }] },
  {
    contender: 'prikk',
    variants: [
      { id: 'cube3+top2', query: 'cube3', topContributors: 2 },
      { id: 'cube6+top2', query: 'cube6', topContributors: 2 },
    ],
  },
];

/** Per-size settings: repetitions, seconds per variant, seconds per repetition before it is stopped. */
function settingsFor(rows: number, repsOverride: number | undefined): { reps: number; budget: number; timeout: number } {
  if (rows <= 1_000_000) return { reps: repsOverride ?? 5, budget: 30, timeout: 45 };
  return { reps: repsOverride ?? 3, budget: 60, timeout: 180 };
}

interface Args {
  readonly quick: boolean;
  readonly sizes: readonly number[];
  readonly only: ReadonlySet<Contender> | undefined;
  readonly reps: number | undefined;
  readonly maxMinutes: number;
  readonly out: string;
}

function parseArgs(argv: readonly string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const sizes = (get('sizes') ?? (quick ? '1e6' : '1e6,1e7')).split(',').map(Number);
  if (sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new Error('bench: --sizes must be positive integers, e.g. 1e6,1e7');
  const only = get('only');
  const reps = get('reps');
  return {
    quick,
    sizes,
    only: only === undefined ? undefined : new Set(only.split(',') as Contender[]),
    reps: reps === undefined ? undefined : Number(reps),
    maxMinutes: Number(get('max-minutes') ?? 15),
    out: get('out') ?? join(HERE, 'results', 'latest'),
  };
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** The outcome of one worker process. */
interface WorkerOutcome {
  readonly messages: WorkerMessage[];
  /** The variant whose repetition was stopped, and how long it had run. */
  readonly timedOut?: { variant: string; seconds: number };
  readonly error?: string;
}

/** Runs a worker; stops it when one repetition runs longer than `timeoutSeconds`. */
function runWorker(job: WorkerJob, timeoutSeconds: number): Promise<WorkerOutcome> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--expose-gc', '--max-old-space-size=16384', WORKER, JSON.stringify(job)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const messages: WorkerMessage[] = [];
    let timer: NodeJS.Timeout | undefined;
    let timedOut: { variant: string; seconds: number } | undefined;
    let stderr = '';
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (!line.startsWith('@@bench ')) continue;
        const message = JSON.parse(line.slice(8)) as WorkerMessage;
        messages.push(message);
        if (message.type === 'start') {
          const started = performance.now();
          clearTimeout(timer);
          timer = setTimeout(() => {
            timedOut = { variant: message.variant, seconds: (performance.now() - started) / 1000 };
            child.kill('SIGKILL');
          }, timeoutSeconds * 1000);
        } else if (message.type === 'rep') {
          clearTimeout(timer);
          log(`    ${job.contender} ${message.variant} rep ${message.rep + 1}: ${message.seconds.toFixed(3)} s${message.warmup ? ' (warm-up)' : ''}, peak ${message.peakMB.toFixed(0)} MB`);
        } else if (message.type === 'ready') {
          log(`    ${job.contender}: loaded in ${message.loadSeconds.toFixed(1)} s, ${message.residentMB.toFixed(0)} MB resident`);
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (timedOut) resolve({ messages, timedOut });
      else if (code !== 0) resolve({ messages, error: stderr.trim().split('\n').slice(0, 6).join(' | ') || `exit code ${code}` });
      else resolve({ messages });
    });
  });
}

/** Measurements from a worker's messages for the variants it finished. */
function measurementsOf(contender: Contender, variants: readonly Variant[], outcome: WorkerOutcome): Map<string, Measurement> {
  const ready = outcome.messages.find((m): m is Extract<WorkerMessage, { type: 'ready' }> => m.type === 'ready');
  const out = new Map<string, Measurement>();
  for (const variant of variants) {
    const reps = outcome.messages.filter((m): m is Extract<WorkerMessage, { type: 'rep' }> => m.type === 'rep' && m.variant === variant.id);
    const done = outcome.messages.find((m): m is Extract<WorkerMessage, { type: 'done' }> => m.type === 'done' && m.variant === variant.id);
    const counted = reps.filter((r) => !r.warmup);
    const warm = reps.find((r) => r.warmup);
    const base = {
      contender,
      variant,
      times: counted.map((r) => r.seconds),
      median: median(counted.map((r) => r.seconds)),
      peakMB: reps.length === 0 ? Number.NaN : Math.max(...(counted.length > 0 ? counted : reps).map((r) => r.peakMB)),
      baseMB: ready?.residentMB ?? Number.NaN,
      loadSeconds: ready?.loadSeconds ?? Number.NaN,
      ...(warm ? { warmup: warm.seconds } : {}),
    };
    if (done) out.set(variant.id, { ...base, status: 'ok', fingerprint: done.fingerprint });
    else if (outcome.timedOut?.variant === variant.id) {
      const s = outcome.timedOut.seconds;
      out.set(variant.id, {
        ...base,
        status: 'timeout',
        atLeastSeconds: counted.length > 0 ? Math.max(s, base.median) : s,
        note: `stopped after ${s.toFixed(0)} s in one repetition`,
      });
    } else if (outcome.error !== undefined && reps.length > 0) {
      out.set(variant.id, { ...base, status: 'error', note: outcome.error });
    }
  }
  if (outcome.error !== undefined && out.size === 0 && variants[0]) {
    const v = variants[0];
    out.set(v.id, {
      contender, variant: v, status: 'error', times: [], median: Number.NaN, peakMB: Number.NaN,
      baseMB: Number.NaN, loadSeconds: Number.NaN, note: outcome.error,
    });
  }
  return out;
}

const skipped = (contender: Contender, variant: Variant, note: string, atLeastSeconds?: number, estimate = false): Measurement => ({
  contender, variant, status: 'skipped', times: [], median: Number.NaN, peakMB: Number.NaN, baseMB: Number.NaN,
  loadSeconds: Number.NaN, note, ...(atLeastSeconds === undefined ? {} : { atLeastSeconds }), ...(estimate ? { estimate } : {}),
});

/** Runs every planned contender on one dataset. */
async function runSize(
  data: Dataset,
  args: Args,
  previous: { rows: number; measurements: ReadonlyMap<string, Measurement> } | undefined,
  deadline: number,
): Promise<Measurement[]> {
  const { reps, budget, timeout } = settingsFor(data.rows, args.reps);
  const results: Measurement[] = [];
  for (const { contender, variants } of PLAN) {
    if (args.only && !args.only.has(contender)) continue;
    // Other contenders' variants estimated (linearly in rows, from the previous size) to take longer than the
    // timeout are not run.
    let pending: Variant[] = [];
    for (const v of variants) {
      // End to end is the in-memory query plus reading: not run when the in-memory query alone was too slow.
      if (contender.startsWith('e2e-')) {
        const inMemory = results.find(
          (m) => m.contender === contender.slice(4) && m.variant.query === v.query && m.variant.threads === v.threads && !m.variant.finest && !m.variant.topContributors,
        );
        if (inMemory && (inMemory.status === 'timeout' || inMemory.status === 'skipped')) {
          results.push(skipped(contender, v, `not run: the in-memory query alone ${inMemory.status === 'timeout' ? 'was stopped' : 'was not run'}; reading the file only adds time`, inMemory.atLeastSeconds));
          continue;
        }
      }
      const before = previous?.measurements.get(`${contender} ${v.id}`);
      const perRep = before ? (before.status === 'ok' ? before.median : before.atLeastSeconds) : undefined;
      const estimate = perRep === undefined || !previous ? undefined : (perRep * data.rows) / previous.rows;
      // prikk and the bare loop are what is measured: they always run (their cost is not linear in rows anyway).
      if (estimate !== undefined && estimate > timeout && contender !== 'prikk' && contender !== 'bare') {
        const how = before?.status === 'ok' ? 'about' : 'at least';
        results.push(skipped(contender, v, `not run: ${how} ${estimate.toFixed(0)} s per repetition, estimated linearly from ${previous!.rows.toLocaleString('en-US')} rows`, estimate, before?.status === 'ok'));
        continue;
      }
      pending.push(v);
    }
    while (pending.length > 0) {
      if (performance.now() > deadline) {
        for (const v of pending) results.push(skipped(contender, v, `not run: this size's share of the run's time limit (${args.maxMinutes} min) was spent`));
        break;
      }
      log(`  ${contender}: ${pending.map((v) => v.id).join(', ')}`);
      const job: WorkerJob = {
        contender, csv: data.csv, snapshot: data.snapshot, variants: pending, reps, budgetSeconds: budget, warmupBelowSeconds: 3,
      };
      const outcome = await runWorker(job, timeout);
      const measured = measurementsOf(contender, pending, outcome);
      results.push(...measured.values());
      if (outcome.error !== undefined) log(`    error: ${outcome.error}`);
      // Continue after the last variant that finished, timed out or failed.
      let last = -1;
      pending.forEach((v, i) => {
        if (measured.has(v.id)) last = i;
      });
      pending = outcome.timedOut || outcome.error !== undefined ? pending.slice(last + 1) : [];
    }
  }
  return results;
}

/** Compares every contender's answer with prikk's full cube for the same query. */
function checkAnswers(measurements: readonly Measurement[]): { mismatches: string[]; checks: number } {
  const reference = new Map<string, Measurement>();
  for (const m of measurements) {
    if (m.contender === 'prikk' && !m.variant.finest && !m.variant.topContributors && m.fingerprint) reference.set(m.variant.query, m);
  }
  const mismatches: string[] = [];
  let checks = 0;
  for (const m of measurements) {
    const ref = reference.get(m.variant.query);
    if (!ref || m === ref || !m.fingerprint || !ref.fingerprint) continue;
    checks++;
    for (const d of compareFingerprints(ref.fingerprint, m.fingerprint)) mismatches.push(`${m.contender} ${m.variant.id} vs prikk ${ref.variant.id}: ${d}`);
  }
  return { mismatches, checks };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const machine = machineInfo();
  log(`prikk benchmarks on ${machine.cpu} (${machine.cores} cores), node ${machine.node}, load ${machine.loadAverage}`);
  const sizes: SizeResults[] = [];
  let previous: { rows: number; measurements: ReadonlyMap<string, Measurement> } | undefined;
  let duckdb = 'unknown';
  let prepSeconds = 0;
  for (const [i, rows] of args.sizes.entries()) {
    log(`${rows.toLocaleString('en-US')} rows`);
    const prepStart = performance.now();
    const data = await ensureDataset(rows, BENCH_SEED, log);
    prepSeconds += (performance.now() - prepStart) / 1000;
    // Each size gets an equal share of the time limit (data preparation not counted); time a size leaves unused
    // goes to the next.
    const deadline = started + prepSeconds * 1000 + (args.maxMinutes * 60_000 * (i + 1)) / args.sizes.length;
    const measurements = await runSize(data, args, previous, deadline);
    const { mismatches, checks } = checkAnswers(measurements);
    const ref = measurements.find((m) => m.contender === 'prikk' && m.variant.id === 'cube3' && m.fingerprint);
    sizes.push({
      rows, csvBytes: data.csvBytes, persons: ref?.fingerprint?.probes[1]?.persons ?? Number.NaN, measurements, mismatches, checks,
    });
    previous = { rows, measurements: new Map(measurements.map((m) => [`${m.contender} ${m.variant.id}`, m])) };
  }
  duckdb = await duckdbVersionOnce();
  const results: BenchResults = {
    machine,
    duckdb,
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    settings: {
      quick: args.quick,
      reps: Object.fromEntries(args.sizes.map((s) => [String(s), settingsFor(s, args.reps).reps])),
      budgetSeconds: Object.fromEntries(args.sizes.map((s) => [String(s), settingsFor(s, args.reps).budget])),
      timeoutSeconds: Object.fromEntries(args.sizes.map((s) => [String(s), settingsFor(s, args.reps).timeout])),
    },
    wallSeconds: (performance.now() - started) / 1000,
    prepSeconds,
    sizes,
  };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(`${args.out}.json`, `${JSON.stringify(results, null, 1)}\n`);
  writeFileSync(`${args.out}.md`, renderReport(results));
  log(`wrote ${relative(process.cwd(), args.out)}.md and .json in ${(results.wallSeconds / 60).toFixed(1)} min`);
}

/** DuckDB's version, asked once in this process (cheap). */
async function duckdbVersionOnce(): Promise<string> {
  const { openDuckDB, duckdbVersion } = await import('./contenders/duckdbCube.js');
  return duckdbVersion(await openDuckDB(1));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
