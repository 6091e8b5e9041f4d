/**
 * `npm run bench:dp` (10M rows) or `npx tsx bench/dp.bench.ts --rows 1000000`: differential privacy speed and accuracy.
 *
 * 1. Exact samplers: discrete Laplace and discrete Gaussian samples per second at typical scales (crypto source),
 *    and the BigInt reference for comparison. Target: >= 1M samples/s.
 * 2. A DP cross table with contribution bounding over a synthetic extract (hospital → region × year × sex, persons
 *    with 1–4 rows): end-to-end `evaluate()` (filter-free classification, bounding, roll-up with distinct persons,
 *    noise, weighted-least-squares consistency, intervals) in rows per second. Target: >= 20M rows/s.
 *    Accuracy beside the speed: observed RMSE of the noisy and of the released values against the true values, per
 *    level, next to the theoretical noise standard deviation. The synthetic persons keep all their rows in one cell, so
 *    with L0 = 1 and L∞ >= 4 bounding drops nothing and the true values are the plain counts (computed here by a
 *    separate simple loop).
 *
 * Options: --rows N (default 10,000,000), --samples N (default 2,000,000), --skip-table, --skip-samplers.
 */
import { Hierarchy } from '../src/hierarchy/Hierarchy.js';
import { BudgetAccountant } from '../src/protect/dp/budget/BudgetAccountant.js';
import { pureDp, zcdp } from '../src/protect/dp/budget/PrivacyLoss.js';
import { PublicKeySet } from '../src/protect/dp/keys/PublicKeySet.js';
import { noiseVariance } from '../src/protect/dp/noise/NoiseDistribution.js';
import { discreteGaussianSampler, sampleDiscreteGaussian } from '../src/protect/dp/noise/sampleDiscreteGaussian.js';
import { discreteLaplaceSampler, sampleDiscreteLaplace } from '../src/protect/dp/noise/sampleDiscreteLaplace.js';
import { dpCrossTable } from '../src/protect/dp/queries/dpCrossTable.js';
import type { DpTable } from '../src/protect/dp/queries/DpTable.js';
import { rational } from '../src/protect/dp/rational/Rational.js';
import type { PrivacyLoss } from '../src/protect/dp/budget/PrivacyLoss.js';
import type { Extract } from '../src/read/Extract.js';
import { cryptoRandomSource } from '../src/random/cryptoRandomSource.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const ROWS = arg('rows', 10_000_000);
const SAMPLES = arg('samples', 2_000_000);

/** xorshift128+ for the synthetic data only (not privacy noise). */
function prng(seed: number): () => number {
  let s0 = seed >>> 0 || 1;
  let s1 = (seed * 2654435761) >>> 0 || 2;
  return () => {
    let x = s0;
    const y = s1;
    s0 = y;
    x ^= x << 23;
    x ^= x >>> 17;
    x ^= y ^ (y >>> 26);
    s1 = x >>> 0;
    return ((s0 + s1) >>> 0) / 4294967296;
  };
}

function samplers(): void {
  const source = cryptoRandomSource();
  console.log(`\n## Exact samplers (${SAMPLES.toLocaleString('en')} samples each, node:crypto)\n`);
  console.log('| sampler | parameter | samples/s | sample variance | exact variance |');
  console.log('|---|---|---:|---:|---:|');
  const cases: [string, string, () => number, number][] = [
    ['discrete Laplace', 'scale 1', discreteLaplaceSampler(rational(1n), source), noiseVariance({ kind: 'laplace', scale: rational(1n) })],
    ['discrete Laplace', 'scale 10', discreteLaplaceSampler(rational(10n), source), noiseVariance({ kind: 'laplace', scale: rational(10n) })],
    ['discrete Laplace', 'scale 10/3', discreteLaplaceSampler(rational(10n, 3n), source), noiseVariance({ kind: 'laplace', scale: rational(10n, 3n) })],
    ['discrete Laplace', 'scale 100', discreteLaplaceSampler(rational(100n), source), noiseVariance({ kind: 'laplace', scale: rational(100n) })],
    ['discrete Gaussian', 'σ² 1', discreteGaussianSampler(rational(1n), source), noiseVariance({ kind: 'gaussian', sigma2: rational(1n) })],
    ['discrete Gaussian', 'σ² 100', discreteGaussianSampler(rational(100n), source), noiseVariance({ kind: 'gaussian', sigma2: rational(100n) })],
    ['discrete Gaussian', 'σ² 50/3', discreteGaussianSampler(rational(50n, 3n), source), noiseVariance({ kind: 'gaussian', sigma2: rational(50n, 3n) })],
    ['discrete Gaussian', 'σ² 10000', discreteGaussianSampler(rational(10000n), source), noiseVariance({ kind: 'gaussian', sigma2: rational(10000n) })],
  ];
  for (const [name, param, sample, exactVar] of cases) {
    for (let i = 0; i < 200_000; i++) sample(); // warm-up
    let s = 0;
    let s2 = 0;
    const t0 = performance.now();
    for (let i = 0; i < SAMPLES; i++) {
      const x = sample();
      s += x;
      s2 += x * x;
    }
    const dt = (performance.now() - t0) / 1000;
    const mean = s / SAMPLES;
    const v = s2 / SAMPLES - mean * mean;
    console.log(`| ${name} | ${param} | ${Math.round(SAMPLES / dt).toLocaleString('en')} | ${v.toFixed(2)} | ${exactVar.toFixed(2)} |`);
  }
  const refN = Math.min(200_000, SAMPLES);
  for (const [name, f] of [
    ['discrete Laplace (BigInt reference), scale 10', () => sampleDiscreteLaplace(rational(10n), source)],
    ['discrete Gaussian (BigInt reference), σ² 100', () => sampleDiscreteGaussian(rational(100n), source)],
  ] as const) {
    const t0 = performance.now();
    for (let i = 0; i < refN; i++) f();
    const dt = (performance.now() - t0) / 1000;
    console.log(`| ${name} | | ${Math.round(refN / dt).toLocaleString('en')} | | |`);
  }
}

interface Synthetic {
  readonly extract: Extract;
  readonly hospitals: Hierarchy;
  readonly years: string[];
}

function synthetic(rows: number): Synthetic {
  const rand = prng(20250301);
  const H = 50;
  const labels = Array.from({ length: H }, (_, i) => `H${String(i).padStart(2, '0')}`);
  const regions = ['Sør-Øst', 'Vest', 'Midt', 'Nord'];
  const parents = [...labels.map((_, i) => H + (i % 4)), H + 4, H + 4, H + 4, H + 4, -1];
  const hospitals = Hierarchy.fromParents('Norge', [...labels, ...regions, 'Norge'], parents);
  const years = Array.from({ length: 10 }, (_, i) => String(2015 + i));
  const hospital = new Uint8Array(rows);
  const year = new Uint8Array(rows);
  const sex = new Uint8Array(rows);
  const person = new Uint32Array(rows);
  let p = 0;
  let i = 0;
  while (i < rows) {
    // 1–4 rows per person (mean 1.6), all in one cell (one hospital, year, sex).
    const u = rand();
    const k = u < 0.6 ? 1 : u < 0.85 ? 2 : u < 0.95 ? 3 : 4;
    // Hospitals of unequal size: hospital h has weight ~ 1/(1 + h/10).
    const h = Math.min(H - 1, Math.floor(H * rand() * rand() * 1.999));
    const y = Math.floor(rand() * 10);
    const s = rand() < 0.55 ? 1 : 0;
    for (let j = 0; j < k && i < rows; j++, i++) {
      hospital[i] = h;
      year[i] = y;
      sex[i] = s;
      person[i] = p;
    }
    p++;
  }
  const extract: Extract = {
    source: 'synthetic',
    rowCount: rows,
    columns: new Map([
      ['hospital', { kind: 'code', spec: { name: 'hospital', role: 'dimension' }, codes: hospital, dictionary: labels, fromCodeList: true }],
      ['year', { kind: 'code', spec: { name: 'year', role: 'dimension' }, codes: year, dictionary: years, fromCodeList: true }],
      ['sex', { kind: 'code', spec: { name: 'sex', role: 'dimension' }, codes: sex, dictionary: ['1', '2'], fromCodeList: true }],
    ]),
    person: { name: 'pid', codes: person, personCount: p },
    reconciliation: { source: 'synthetic', rowsRead: rows, rowsUsed: rows, excluded: {} },
    inputHash: 'synthetic',
  };
  return { extract, hospitals, years };
}

/** True distinct persons per cell by a plain loop over persons (each person sits in one finest cell). */
function truth(data: Synthetic, table: DpTable): Float64Array {
  const e = data.extract;
  const h = (e.columns.get('hospital') as { codes: Uint8Array }).codes;
  const y = (e.columns.get('year') as { codes: Uint8Array }).codes;
  const s = (e.columns.get('sex') as { codes: Uint8Array }).codes;
  const person = e.person!.codes;
  const out = new Float64Array(table.cellCount);
  const hier = data.hospitals;
  const yearH = table.dimensions[1]!.hierarchy;
  const sexH = table.dimensions[2]!.hierarchy;
  let last = -1;
  for (let i = 0; i < e.rowCount; i++) {
    if (person[i] === last) continue;
    last = person[i]!;
    // Each person counts once in the cell of their (hospital, year, sex) and in every margin above it.
    const [s0, s1, s2] = table.strides as [number, number, number];
    const hs = [h[i]!, hier.parents[h[i]!]!, hier.size - 1];
    for (const hn of hs) for (const yn of [y[i]!, yearH.size - 1]) for (const sn of [s[i]!, sexH.size - 1]) out[hn * s0 + yn * s1 + sn * s2]!++;
  }
  return out;
}

function accuracy(table: DpTable, exact: Float64Array): void {
  console.log('\n| level (depth hospital/year/sex) | cells | theoretical sd | RMSE noisy | RMSE released |');
  console.log('|---|---:|---:|---:|---:|');
  const byLevel = new Map<string, { n: number; sd: number; noisy: number; released: number }>();
  for (let c = 0; c < table.cellCount; c++) {
    const key = table.dimensions.map((d, i) => d.hierarchy.depths[table.nodeAt(c, i)]).join('/');
    const e = byLevel.get(key) ?? { n: 0, sd: 0, noisy: 0, released: 0 };
    e.n++;
    e.sd += table.sd[c]! ** 2;
    e.noisy += (table.noisy[c]! - exact[c]!) ** 2;
    e.released += (table.released[c]! - exact[c]!) ** 2;
    byLevel.set(key, e);
  }
  for (const [key, e] of [...byLevel].sort()) {
    console.log(`| ${key} | ${e.n} | ${Math.sqrt(e.sd / e.n).toFixed(2)} | ${Math.sqrt(e.noisy / e.n).toFixed(2)} | ${Math.sqrt(e.released / e.n).toFixed(2)} |`);
  }
  let covered = 0;
  for (let c = 0; c < table.cellCount; c++) if (exact[c]! >= table.ciLower[c]! && exact[c]! <= table.ciUpper[c]!) covered++;
  console.log(`\n${table.confidence * 100} % intervals cover the true value in ${((100 * covered) / table.cellCount).toFixed(1)} % of ${table.cellCount} cells.`);
}

/** How fast this machine runs a plain typed-array pass right now (load on shared cores changes it a lot). */
function calibrate(data: Synthetic): void {
  const codes = (data.extract.columns.get('hospital') as { codes: Uint8Array }).codes;
  const person = data.extract.person!.codes;
  let best = Infinity;
  let sink = 0;
  for (let rep = 0; rep < 3; rep++) {
    const s = performance.now();
    for (let i = 0; i < codes.length; i++) sink += codes[i]! + person[i]!;
    best = Math.min(best, performance.now() - s);
  }
  console.log(`Calibration: a plain pass reading two typed arrays over ${codes.length.toLocaleString('en')} rows takes ${best.toFixed(0)} ms (${Math.round(codes.length / (best / 1000)).toLocaleString('en')} rows/s) [${sink > 0 ? 'ok' : ''}]\n`);
}

function crossTable(rows: number): void {
  const t0 = performance.now();
  const data = synthetic(rows);
  console.log(`\n## DP cross table over ${rows.toLocaleString('en')} rows (${data.extract.person!.personCount.toLocaleString('en')} persons), built in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  calibrate(data);
  const dims = [
    { column: 'hospital', keys: PublicKeySet.fromHierarchy(data.hospitals) },
    { column: 'year', keys: PublicKeySet.fromCodeList(data.years) },
    { column: 'sex', keys: PublicKeySet.fromCodeList(['1', '2']) },
  ];
  const runs: [string, PrivacyLoss, 'allLevels' | 'finestOnly'][] = [
    ['persons, pure ε = 1, allLevels', pureDp(1), 'allLevels'],
    ['persons, ρ = 0.5, allLevels', zcdp('0.5'), 'allLevels'],
    ['persons, pure ε = 1, finestOnly', pureDp(1), 'finestOnly'],
  ];
  let exact: Float64Array | undefined;
  for (const [name, privacy, margins] of runs) {
    const accountant = new BudgetAccountant({ total: privacy });
    const q = dpCrossTable(data.extract, {
      dimensions: dims,
      statistic: { kind: 'persons' },
      bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 4 },
      privacy,
      accountant,
      margins,
    });
    const s = performance.now();
    const cpu = process.cpuUsage();
    const table = q.evaluate();
    const dt = (performance.now() - s) / 1000;
    const cpuS = process.cpuUsage(cpu).user / 1e6;
    console.log(
      `### ${name}: ${dt.toFixed(2)} s end to end (${Math.round(rows / dt).toLocaleString('en')} rows/s); CPU ${cpuS.toFixed(2)} s (${Math.round(rows / cpuS).toLocaleString('en')} rows/CPU-s); ${table.cellCount} cells, ${table.noise.length} noise levels`,
    );
    exact ??= truth(data, table);
    accuracy(table, exact);
  }
  // Bounding that binds: rows with at most 2 per person and cell (persons with 3–4 rows lose rows, chosen at random).
  const q = dpCrossTable(data.extract, {
    dimensions: dims,
    statistic: { kind: 'rows' },
    bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 2 },
    privacy: pureDp(1),
    accountant: new BudgetAccountant({ total: pureDp(1) }),
  });
  const s = performance.now();
  const cpu = process.cpuUsage();
  const table = q.evaluate();
  const dt = (performance.now() - s) / 1000;
  const cpuS = process.cpuUsage(cpu).user / 1e6;
  console.log(
    `\n### rows, L∞ = 2 (binding), pure ε = 1, allLevels: ${dt.toFixed(2)} s end to end (${Math.round(rows / dt).toLocaleString('en')} rows/s); CPU ${cpuS.toFixed(2)} s (${Math.round(rows / cpuS).toLocaleString('en')} rows/CPU-s); released total ${table.released[table.indexOf({})]} of ${rows} rows`,
  );
}

if (!process.argv.includes('--skip-samplers')) samplers();
if (!process.argv.includes('--skip-table')) crossTable(ROWS);
