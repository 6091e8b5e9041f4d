/**
 * Hand-run benchmark of the aggregation core (not a test): `node --import tsx bench/aggregate.bench.ts [rows] [runs]`
 * (or `npx tsx bench/aggregate.bench.ts 10000000 3`).
 *
 * A synthetic hip-fracture-style cohort (fixed seed; 2.5 rows per person on average, skewed: many persons with one
 * row, a tail with many; a person keeps sex, municipality and roughly their age, and moves between years,
 * hospitals and procedures), aggregated on 3 and 6 dimensions with 2-3 level hierarchies, count + distinct persons
 * + one sum. In the same run, medians of `runs`:
 * - bare:        `counts[idx[i]]++` over precomputed finest-cell indices (the limit), and with the sum;
 * - finest:      prikk's finest-level pass (filter-free row -> cell mapping, one pass per dimension, + count + sum);
 * - full cube:   `aggregate` (all margins, distinct persons), without and with top-2 contributions;
 * - naive:       objects and a string-keyed Map (finest level, then every margin from the finest entries with a
 *                Set of persons per cell); up to 2M rows, the full cube only up to 1M cells (it runs out of heap
 *                beyond);
 * - DuckDB:      with `--duckdb`, the same cube as GROUP BY ROLLUP(...) per dimension (1 and 2 threads); a rough
 *                check only (rows go in through an appender as text level columns): the suite in bench/run.ts has
 *                the careful DuckDB comparison.
 * Prints rows/second and ratios, and peak RSS. `--no-top` skips the top-2 runs.
 */
import { performance } from 'node:perf_hooks';
import { aggregate } from '../src/aggregate/aggregate.js';
import { finestCells } from '../src/aggregate/finestCells.js';
import type { NumberColumn } from '../src/read/Extract.js';
import { configs, generate, type Spec } from './aggregateData.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const N = Number(args[0] ?? 1_000_000);
const RUNS = Number(args[1] ?? 5);
const withDuck = process.argv.includes('--duckdb');
const withTop = !process.argv.includes('--no-top');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function time(runs: number, f: () => unknown): number {
  const ts: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}
const fmt = (ms: number): string => `${ms.toFixed(1).padStart(8)} ms  ${((N / ms) * 1000 / 1e6).toFixed(1).padStart(6)} M rows/s`;

const extract = generate(N);
console.log(`${N} rows, ${extract.person!.personCount} persons, runs = ${RUNS} (medians)`);
let peakRss = process.memoryUsage().rss;
const noteMemory = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

/** Naive JavaScript: a string-keyed Map of objects at the finest level, then every margin from the finest entries. */
function naive(specs: Spec[], full: boolean): number {
  const cols = specs.map((s) => extract.columns.get(s.column)!);
  const leafLabel = (d: number, i: number): string => {
    const c = cols[d]!;
    const h = specs[d]!.hierarchy;
    return c.kind === 'code' ? c.dictionary[c.codes[i]!]! : h.labels[h.leafOfNumber(c.values[i]!)]!;
  };
  const pid = extract.person!.codes;
  const cost = (extract.columns.get('cost') as NumberColumn).values;
  const finest = new Map<string, { labels: string[]; rows: number; sum: number; persons: Set<number> }>();
  for (let i = 0; i < N; i++) {
    const labels = specs.map((_, d) => leafLabel(d, i));
    const key = labels.join('|');
    let e = finest.get(key);
    if (!e) {
      e = { labels, rows: 0, sum: 0, persons: new Set() };
      finest.set(key, e);
    }
    e.rows++;
    e.sum += cost[i]!;
    e.persons.add(pid[i]!);
  }
  if (!full) return finest.size;
  const ancestors = specs.map((s) => {
    const h = s.hierarchy;
    const m = new Map<string, string[]>();
    for (let leaf = 0; leaf < h.leafCount; leaf++) {
      const out: string[] = [];
      for (let a = leaf; a !== -1; a = h.parents[a]!) out.push(h.labels[a]!);
      m.set(h.labels[leaf]!, out);
    }
    return m;
  });
  const cube = new Map<string, { rows: number; sum: number; persons: Set<number> }>();
  for (const e of finest.values()) {
    let combos: string[][] = [[]];
    e.labels.forEach((l, d) => {
      combos = combos.flatMap((c) => ancestors[d]!.get(l)!.map((a) => [...c, a]));
    });
    for (const c of combos) {
      const key = c.join('|');
      let x = cube.get(key);
      if (!x) {
        x = { rows: 0, sum: 0, persons: new Set() };
        cube.set(key, x);
      }
      x.rows += e.rows;
      x.sum += e.sum;
      for (const p of e.persons) x.persons.add(p);
    }
  }
  return cube.size;
}

async function duck(specs: Spec[], threads: number): Promise<number | undefined> {
  let mod: typeof import('@duckdb/node-api');
  try {
    mod = await import('@duckdb/node-api');
  } catch {
    return undefined;
  }
  const instance = await mod.DuckDBInstance.create(':memory:', { threads: String(threads) });
  const con = await instance.connect();
  // Load the rows with the hierarchy levels as columns (not timed), through an appender.
  const levelCols: string[][] = specs.map((s) => {
    const h = s.hierarchy;
    const depth = h.depths[0]!;
    return Array.from({ length: depth }, (_, l) => `${s.column}_${l}`);
  });
  const colDefs = levelCols.flat().map((c) => `${c} VARCHAR`);
  await con.run(`CREATE TABLE t (pid UINTEGER, cost DOUBLE, ${colDefs.join(', ')})`);
  const appender = await con.createAppender('t');
  const cols = specs.map((s) => extract.columns.get(s.column)!);
  const pid = extract.person!.codes;
  const cost = (extract.columns.get('cost') as NumberColumn).values;
  const chains = specs.map((s) => {
    const h = s.hierarchy;
    return Array.from({ length: h.leafCount }, (_, leaf) => {
      const out: string[] = [];
      for (let a = leaf; h.parents[a] !== -1; a = h.parents[a]!) out.push(h.labels[a]!);
      return out;
    });
  });
  for (let i = 0; i < N; i++) {
    appender.appendUInteger(pid[i]!);
    appender.appendDouble(cost[i]!);
    specs.forEach((s, d) => {
      const c = cols[d]!;
      const leaf = c.kind === 'code' ? s.hierarchy.leafOf(c.dictionary[c.codes[i]!]!) : s.hierarchy.leafOfNumber(c.values[i]!);
      for (const label of chains[d]![leaf]!) appender.appendVarchar(label);
    });
    appender.endRow();
  }
  appender.closeSync();
  // ROLLUP(top level, ..., leaf) per dimension: the cross product of the rollups is every cell of the cube.
  const groups = levelCols.map((ls) => `ROLLUP(${[...ls].reverse().join(', ')})`).join(', ');
  const sql = `SELECT ${levelCols.flat().join(', ')}, count(*) AS n_rows, count(DISTINCT pid) AS n_persons, sum(cost) AS cost FROM t GROUP BY ${groups}`;
  const ms = time(1, () => undefined); // warm-up placeholder (no-op) to keep the shape of the loop
  void ms;
  const ts: number[] = [];
  for (let r = 0; r < Math.min(RUNS, 3); r++) {
    const t0 = performance.now();
    const reader = await con.runAndReadAll(sql);
    ts.push(performance.now() - t0);
    if (r === 0) console.log(`    duckdb (${threads} thread${threads > 1 ? 's' : ''}) returned ${reader.currentRowCount} groups`);
  }
  con.closeSync();
  instance.closeSync();
  return median(ts);
}

for (const [name, specs] of configs) {
  const cellCount = specs.reduce((a, s) => a * s.hierarchy.size, 1);
  console.log(`\n== ${name}: cube ${specs.map((s) => s.hierarchy.size).join(' × ')} = ${cellCount} cells`);
  const shape = specs.map((s) => s.hierarchy.size);
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const dims = specs.map((s) => ({ name: s.column, column: extract.columns.get(s.column)!, hierarchy: s.hierarchy }));
  const idx = finestCells(dims, strides, cellCount, N, undefined, 'error').cells;
  const cost = (extract.columns.get('cost') as NumberColumn).values;

  const bare = time(RUNS, () => {
    const counts = new Float64Array(cellCount + 1);
    for (let i = 0; i < N; i++) counts[idx[i]!]!++;
    return counts;
  });
  const bareSum = time(RUNS, () => {
    const counts = new Float64Array(cellCount + 1);
    const sums = new Float64Array(cellCount + 1);
    for (let i = 0; i < N; i++) {
      const c = idx[i]!;
      counts[c]!++;
      sums[c]! += cost[i]!;
    }
    return sums;
  });
  const finestCount = time(RUNS, () => {
    const { cells } = finestCells(dims, strides, cellCount, N, undefined, 'error');
    const counts = new Float64Array(cellCount + 1);
    for (let i = 0; i < N; i++) counts[cells[i]!]!++;
    return counts;
  });
  const finestSum = time(RUNS, () => {
    const { cells } = finestCells(dims, strides, cellCount, N, undefined, 'error');
    const counts = new Float64Array(cellCount + 1);
    const sums = new Float64Array(cellCount + 1);
    for (let i = 0; i < N; i++) {
      const c = cells[i]!;
      counts[c]!++;
      sums[c]! += cost[i]!;
    }
    return sums;
  });
  noteMemory();
  const full = time(RUNS, () => {
    const t = aggregate(extract, { dimensions: specs, measures: ['cost'], topContributors: 0 });
    noteMemory();
    return t;
  });
  const fullTop = withTop
    ? time(RUNS, () => {
        const t = aggregate(extract, { dimensions: specs, measures: ['cost'] });
        noteMemory();
        return t;
      })
    : NaN;
  console.log(`  bare count loop          ${fmt(bare)}`);
  console.log(`  bare count + sum loop    ${fmt(bareSum)}`);
  console.log(`  prikk finest count       ${fmt(finestCount)}   ${(finestCount / bare).toFixed(2)}x bare`);
  console.log(`  prikk finest count + sum ${fmt(finestSum)}   ${(finestSum / bareSum).toFixed(2)}x bare`);
  console.log(`  prikk full cube          ${fmt(full)}   (rows, persons, sum, all margins)`);
  if (withTop) console.log(`  prikk full cube + top-2  ${fmt(fullTop)}`);
  if (N <= 2_000_000) {
    const naiveFinest = time(1, () => naive(specs, false));
    console.log(`  naive finest (Map)       ${fmt(naiveFinest)}   ${(naiveFinest / finestSum).toFixed(1)}x prikk finest`);
    if (cellCount <= 1_000_000) {
      const naiveFull = time(1, () => naive(specs, true));
      noteMemory();
      console.log(`  naive full cube (Map)    ${fmt(naiveFull)}   ${(naiveFull / full).toFixed(1)}x prikk full`);
    }
  }
  if (withDuck) {
    for (const threads of [1, 2]) {
      const ms = await duck(specs, threads);
      if (ms === undefined) {
        console.log('  duckdb: @duckdb/node-api did not load; skipped');
        break;
      }
      noteMemory();
      console.log(`  duckdb ROLLUP, ${threads} thr    ${fmt(ms)}   ${(ms / full).toFixed(2)}x prikk full, ${(ms / fullTop).toFixed(2)}x prikk full + top`);
    }
  }
}
console.log(`\npeak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
