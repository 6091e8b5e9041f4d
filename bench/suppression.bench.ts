// Benchmark of cell suppression + audit on synthetic registry tables (a script, not a test):
//   npx tsx bench/suppression.bench.ts [--quick] [--runs N] [--cases small,medium,big,registry,registry4,optimal]
// small:  ~356 municipalities in 15 counties × 10 age bands × sex, 50k persons, rule count < 5: 12,276 cells
//         (issue 3's target: < 0.5 s; the R package sdcTable needs about 9 s for this table).
// medium: the same × 3 diagnosis groups, 200k persons: 49,104 cells.
// big:    the same × 8 diagnosis chapters, 1M persons: about 110k cells (target: < 10 s).
// registry: the example registry's 1M-row extract (bench/.data, generated on first use as by `npm run bench`) as a
//         release tabulates it: persons by municipality (-> county -> health region) × age (5- and 10-year bands) ×
//         sex, each person once (personRow: first operation), 38,454 cells; deeper hierarchies than the synthetic
//         tables, whose repairs need larger neighbourhoods.
// registry-cost: the registry table of the case before with the persons' costs (NOK, øre exact) as a measure, rule
//         count < 5 and dominance (n = 1, k = 60 %): a magnitude table (its audit stopped on round-off before session 19).
// registry4-cost: the registry4 table below with the costs and the rules of registry-cost (about a minute; not in the
//         default set).
// registry4: the same extract by municipality × age (10-year bands) × sex × year, 108,576 cells: a registry's 100k-cell
//         table. Not in the default set: it takes 40-50 s (see bench/results/suppression.md).
// optimal: the fast method against the optimal one (a MIP, proven optimal or stopped at 60 s) on small tables of the
//          same kind (municipalities of 2-4 counties × 10 age bands × sex, and × 3 diagnoses): how many more cells the fast method hides
//          than the fewest possible. Its own random stream, so its tables do not depend on the other cases.
// Counts are synthetic and skewed (municipality sizes follow a Zipf law, as Norway's do), with many small cells.
// Each case runs once untimed (JIT warm-up, HiGHS loading) and then `--runs` times (default 5; the big case 1);
// times are medians (min-max beside), reported with the number of secondary suppressions. CPU time (user +
// system of this process) is reported beside wall time because the machine is shared: wall time inflates under
// load. Results and the machine go to bench/results/suppression.md by hand.
import os from 'node:os';
import { hipFractureHierarchies } from '../examples/hipFracture/hipFractureHierarchies.js';
import { aggregate } from '../src/aggregate/aggregate.js';
import { intervalHierarchy } from '../src/hierarchy/intervalHierarchy.js';
import { BENCH_SEED, ensureDataset } from './dataset.js';
import { loadExtract } from './extractSnapshot.js';
import { CellTable } from '../src/aggregate/CellTable.js';
import { Hierarchy } from '../src/hierarchy/Hierarchy.js';
import { auditTable } from '../src/audit/auditTable.js';
import { dominanceRule } from '../src/protect/suppression/rules/dominanceRule.js';
import { frequencyRule } from '../src/protect/suppression/rules/frequencyRule.js';
import type { PrimaryRule } from '../src/protect/suppression/rules/PrimaryRule.js';
import { suppressCells } from '../src/protect/suppression/suppressCells.js';
import { seededRandomSource } from '../src/random/seededRandomSource.js';
import { uniformInt } from '../src/random/uniformInt.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const argOf = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const runsArg = argOf('--runs');
const cases = (argOf('--cases') ?? (quick ? 'small' : 'small,medium,big')).split(',');
let rng = seededRandomSource('bench-suppression');
const unit = (): number => rng.nextUint32() / 2 ** 32;

function flat(total: string, labels: readonly string[]): Hierarchy {
  return Hierarchy.fromParents(total, [...labels, total], [...labels.map(() => labels.length), -1]);
}

/** 356 municipalities in 15 counties (sizes 10..40 municipalities per county), or `total` in `counties`. */
function municipalities(total = 356, counties = 15): { hierarchy: Hierarchy; weight: number[] } {
  const perCounty = Array.from({ length: counties }, (_, i) => total / counties + ((i % 5) - 2) * 3).map(Math.round);
  perCounty[counties - 1]! += total - perCounty.reduce((a, b) => a + b, 0);
  const leaves: string[] = [];
  const parent: number[] = [];
  perCounty.forEach((n, c) => {
    for (let m = 0; m < n; m++) {
      leaves.push(`${String(c + 1).padStart(2, '0')}${String(m + 1).padStart(2, '0')}`);
      parent.push(c);
    }
  });
  const countyLabels = perCounty.map((_, c) => String(c + 1).padStart(2, '0'));
  const labels = [...leaves, ...countyLabels, 'Norge'];
  const parents = [...parent.map((c) => leaves.length + c), ...countyLabels.map(() => labels.length - 1), -1];
  // Zipf sizes over a shuffled order, so big municipalities fall in every county.
  const rank = leaves.map((_, i) => i);
  for (let i = rank.length - 1; i > 0; i--) {
    const j = uniformInt(rng, i + 1);
    [rank[i], rank[j]] = [rank[j]!, rank[i]!];
  }
  return { hierarchy: Hierarchy.fromParents('Norge', labels, parents), weight: rank.map((r) => 1 / (r + 1)) };
}

function sampler(weights: readonly number[]): () => number {
  const cum: number[] = [];
  let s = 0;
  for (const w of weights) cum.push((s += w));
  return () => {
    const u = unit() * s;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Rolls leaf counts up every hierarchy (children before parents), into a dense cube over all nodes. */
function cube(hs: readonly Hierarchy[], leafCounts: Float64Array): Float64Array {
  const shape = hs.map((h) => h.size);
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const cellCount = shape.reduce((a, b) => a * b, 1);
  const out = new Float64Array(cellCount);
  const leafShape = hs.map((h) => h.leafCount);
  const idx = new Array<number>(hs.length).fill(0);
  for (let l = 0; l < leafCounts.length; l++) {
    let cell = 0;
    for (let d = 0; d < hs.length; d++) cell += idx[d]! * strides[d]!;
    out[cell] = leafCounts[l]!;
    for (let d = hs.length - 1; d >= 0; d--) {
      if (++idx[d]! < leafShape[d]!) break;
      idx[d] = 0;
    }
  }
  for (let d = 0; d < hs.length; d++) {
    const h = hs[d]!;
    const block = shape[d]! * strides[d]!;
    for (let base = 0; base < cellCount; base += block) {
      for (let n = 0; n < h.size - 1; n++) {
        const src = base + n * strides[d]!;
        const dst = base + h.parents[n]! * strides[d]!;
        for (let j = 0; j < strides[d]!; j++) out[dst + j]! += out[src + j]!;
      }
    }
  }
  return out;
}

function makeTable(persons: number, diagnoses: number, places: [number, number] = [356, 15]): CellTable {
  const withDiagnosis = diagnoses > 0;
  const muni = municipalities(...places);
  const ages = flat('Total', ['0-9', '10-19', '20-29', '30-39', '40-49', '50-59', '60-69', '70-79', '80-89', '90+']);
  const sex = flat('Total', ['1', '2']);
  const diag = flat('Total', ['C', 'E', 'F', 'G', 'I', 'J', 'K', 'S'].slice(0, Math.max(diagnoses, 1)));
  const hs = withDiagnosis ? [muni.hierarchy, ages, sex, diag] : [muni.hierarchy, ages, sex];
  const pickMuni = sampler(muni.weight);
  const pickAge = sampler([6, 5, 6, 7, 8, 10, 13, 15, 11, 4]);
  const pickDiag = sampler([12, 8, 6, 5, 20, 10, 9, 30].slice(0, Math.max(diagnoses, 1)));
  const leafShape = hs.map((h) => h.leafCount);
  const leaves = new Float64Array(leafShape.reduce((a, b) => a * b, 1));
  for (let p = 0; p < persons; p++) {
    const coords = [pickMuni(), pickAge(), uniformInt(rng, 2)];
    if (withDiagnosis) coords.push(pickDiag());
    let l = 0;
    for (let d = 0; d < coords.length; d++) l = l * leafShape[d]! + coords[d]!;
    leaves[l]!++;
  }
  const counts = cube(hs, leaves);
  const names = ['municipality', 'age', 'sex', 'diagnosis'];
  return new CellTable({ dimensions: hs.map((h, d) => ({ name: names[d]!, hierarchy: h })), unit: 'persons', rows: counts, persons: counts });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const range = (xs: number[]): string => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;

async function run(label: string, table: CellTable, runs: number, warmUp: boolean, rules: PrimaryRule[] = [frequencyRule({ n: 5 })]): Promise<void> {
  const times: number[] = [];
  const cpu: number[] = [];
  const phases: Record<string, number[]> = {};
  const audits: number[] = [];
  const reaudits: number[] = [];
  const reauditCpu: number[] = [];
  let last: Awaited<ReturnType<typeof suppressCells>> | undefined;
  let re: Awaited<ReturnType<typeof auditTable>> | undefined;
  const loadStart = os.loadavg()[0]!;
  for (let i = warmUp ? -1 : 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    last = await suppressCells(table, { rules });
    const wall = performance.now() - t0;
    const c1 = process.cpuUsage(c0);
    // The stand-alone audit of the protected table (what `prikk audit` and every release run).
    const t1 = performance.now();
    const c2 = process.cpuUsage();
    re = await auditTable(last.tables[0]!, { rules });
    const reWall = performance.now() - t1;
    const c3 = process.cpuUsage(c2);
    if (i < 0) continue;
    times.push(wall);
    cpu.push((c1.user + c1.system) / 1000);
    audits.push(last.audit.milliseconds);
    reaudits.push(reWall);
    reauditCpu.push((c3.user + c3.system) / 1000);
    for (const [k, v] of Object.entries(last.phases)) (phases[k] ??= []).push(v);
  }
  const r = last!;
  console.log(
    [
      `${label}: ${table.cellCount} cells, ${r.primaryCount} primary, ${r.secondaryCount} secondary ` +
        `(${r.singletonAdded} for singletons, ${r.repairAdded} from audit repairs), hidden value share ${(100 * r.suppressedValueShare).toFixed(2)} %`,
      `  protect + audit: median ${median(times).toFixed(0)} ms wall (${range(times)}), ${median(cpu).toFixed(0)} ms CPU (${range(cpu)}), ${runs} runs` +
        `${warmUp ? ' after 1 warm-up' : ''}; load average ${loadStart.toFixed(2)} -> ${os.loadavg()[0]!.toFixed(2)}`,
      `  phases, medians (ms): ${Object.entries(phases).map(([k, v]) => `${k} ${median(v).toFixed(0)}`).join(', ')}; final audit inside ${median(audits).toFixed(0)}` +
        (r.loop ? `; loop: ${r.loop.rounds} repair rounds, ${r.loop.audits} audits, ${r.loop.repairLps} repair LPs, ${r.loop.boxRepairs} box repairs, ${r.loop.relationBound} cells by the relation bound, ${r.loop.propagationRepairs} by the propagation pass, ${r.loop.derivablePublished} derivable published again, ${r.loop.provedRounds} of the rounds on failures propagation proved` : ''),
      `  stand-alone audit of the result: median ${median(reaudits).toFixed(0)} ms wall (${range(reaudits)}), ${median(reauditCpu).toFixed(0)} ms CPU; ` +
        `passed ${re!.passed}, ${re!.cellsChecked} cells checked, narrowest width ${re!.narrowest?.width} (exact: ${re!.narrowest?.widthExact})`,
    ].join('\n'),
  );
}

console.log(`machine: ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (cases.includes('small')) await run('small: municipality × age × sex (50k persons)', makeTable(50_000, 0), Number(runsArg ?? (quick ? 1 : 5)), true);
if (cases.includes('medium')) await run('medium: municipality × age × sex × 3 diagnoses (200k persons)', makeTable(200_000, 3), Number(runsArg ?? 3), true);
// The big case: one run, no warm-up (the small and medium cases warm up the same code).
if (cases.includes('big')) await run('big: municipality × age × sex × 8 diagnoses (1M persons)', makeTable(1_000_000, 8), 1, false);
if (cases.includes('registry')) await run('registry: municipality × age × sex of the example registry (1M rows)', await registryTable(false), Number(runsArg ?? 3), true);
// The magnitude cases' rules: count < 5 and dominance (1, 60 %) on the persons' costs.
const costRules = (): PrimaryRule[] => [frequencyRule({ n: 5 }), dominanceRule({ measure: 'cost', n: 1, k: 60 })];
if (cases.includes('registry-cost')) {
  await run('registry-cost: costs (NOK) by municipality × age × sex of the example registry (1M rows), count < 5 and dominance (1, 60 %)', await registryTable(false, ['cost']), Number(runsArg ?? 3), true, costRules());
}
if (cases.includes('registry4-cost')) {
  await run('registry4-cost: costs (NOK) by municipality × age10 × sex × year of the example registry (1M rows), count < 5 and dominance (1, 60 %)', await registryTable(true, ['cost']), 1, false, costRules());
}
if (cases.includes('registry4')) await run('registry4: municipality × age10 × sex × year of the example registry (1M rows)', await registryTable(true), 1, false);

/**
 * The registry cases' tables (see the header): the 1M-row example extract, aggregated as a release would (each person
 * once, in the cell of their first operation); `withYear`: 10-year age bands and the year as a fourth dimension.
 */
async function registryTable(withYear: boolean, measures: string[] = []): Promise<CellTable> {
  const data = await ensureDataset(1_000_000, BENCH_SEED, (line) => console.log(line));
  const h = hipFractureHierarchies();
  const age = withYear ? intervalHierarchy({ min: 0, max: 110, width: 10 }) : h.age;
  return aggregate(loadExtract(data.snapshot), {
    dimensions: [
      { column: 'municipality', hierarchy: h.municipality },
      { column: 'age', hierarchy: age },
      'sex',
      ...(withYear ? [{ column: 'year', hierarchy: h.year }] : []),
    ],
    measures,
    unit: 'persons',
    personRow: { keep: 'first', orderBy: 'year' },
  });
}

/** Fast against optimal on one small table: secondaries, wall times, and how sure the optimal method is. */
async function versusOptimal(label: string, table: CellTable): Promise<void> {
  const rules = [frequencyRule({ n: 5 })];
  const t0 = performance.now();
  const fast = await suppressCells(table, { rules });
  const t1 = performance.now();
  const opt = await suppressCells(table, { rules, method: 'optimal', optimalTimeLimit: 60 });
  const t2 = performance.now();
  const o = opt.optimal!;
  const excess = opt.secondaryCount > 0 ? `${((100 * (fast.secondaryCount - opt.secondaryCount)) / opt.secondaryCount).toFixed(0)} %` : '–';
  console.log(
    `${label}: ${table.cellCount} cells, ${fast.primaryCount} primary; fast ${fast.secondaryCount} secondary in ${(t1 - t0).toFixed(0)} ms; ` +
      `optimal ${opt.secondaryCount} secondary in ${(t2 - t1).toFixed(0)} ms (${o.proven ? 'proven optimal' : `not proven: no pattern costs less than ${o.costLowerBound.toFixed(1)} of its ${o.cost}`}` +
      `${o.timeLimitReached ? ', stopped at the time limit' : ''}, ${o.rounds} rounds); fast hides ${fast.secondaryCount - opt.secondaryCount} more secondaries (${excess}); both audits passed: ${fast.audit.passed && opt.audit.passed}`,
  );
}

if (cases.includes('optimal')) {
  rng = seededRandomSource('bench-suppression-optimal');
  await versusOptimal('optimal/a: 20 municipalities in 2 counties × age × sex (2,000 persons)', makeTable(2_000, 0, [20, 2]));
  await versusOptimal('optimal/b: 40 municipalities in 3 counties × age × sex (5,000 persons)', makeTable(5_000, 0, [40, 3]));
  await versusOptimal('optimal/c: 60 municipalities in 4 counties × age × sex (10,000 persons)', makeTable(10_000, 0, [60, 4]));
  await versusOptimal('optimal/d: 20 municipalities in 2 counties × age × sex × 3 diagnoses (5,000 persons)', makeTable(5_000, 3, [20, 2]));
}
