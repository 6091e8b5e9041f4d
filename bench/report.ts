/** Renders a benchmark run as the Markdown of `bench/results/latest.md`. */
import type { BenchResults, Measurement, SizeResults } from './BenchResults.js';
import { QUERIES, benchHierarchies, type BenchQuery } from './queries.js';
import { range } from './stats.js';

const fmt = (x: number, digits = 3): string => {
  if (!Number.isFinite(x)) return '–';
  if (x >= 100) return x.toFixed(0);
  return x.toPrecision(digits);
};
/** Rows per second with a unit: `1.23 M`, `456 k`. */
const rate = (x: number): string => {
  if (!Number.isFinite(x)) return '–';
  if (x >= 1e6) return `${fmt(x / 1e6)} M`;
  if (x >= 1e3) return `${fmt(x / 1e3)} k`;
  return x.toFixed(0);
};
const int = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');

/** Median time, or what is known when there is none. */
function timeText(m: Measurement | undefined): string {
  if (!m) return '–';
  if (m.status === 'ok') return `${fmt(m.median)} s`;
  if (m.status === 'timeout') return `> ${fmt(m.atLeastSeconds ?? Number.NaN)} s (stopped)`;
  if (m.status === 'skipped') {
    if (m.atLeastSeconds === undefined) return 'not run';
    return m.estimate ? `not run (≈ ${fmt(m.atLeastSeconds)} s est.)` : `not run (> ${fmt(m.atLeastSeconds)} s)`;
  }
  return 'failed';
}

/** A time usable for a ratio: the median, or a lower bound (`atLeast`) for stopped or estimated runs. */
function timeOf(m: Measurement | undefined): { seconds: number; atLeast: boolean; estimate: boolean } | undefined {
  if (!m) return undefined;
  if (m.status === 'ok') return { seconds: m.median, atLeast: false, estimate: false };
  if (m.atLeastSeconds !== undefined) return { seconds: m.atLeastSeconds, atLeast: !m.estimate, estimate: m.estimate === true };
  return undefined;
}

/** `other / prikk` as text: above 1, prikk is faster. */
function ratioText(other: Measurement | undefined, prikk: Measurement | undefined): string {
  const a = timeOf(other);
  const b = timeOf(prikk);
  if (!a || !b || b.atLeast || b.estimate) return '–';
  return `${a.atLeast ? '> ' : a.estimate ? '≈ ' : ''}${fmt(a.seconds / b.seconds, 3)}`;
}

const NAMES: Readonly<Record<string, string>> = {
  prikk: 'prikk `aggregate`',
  'prikk+finest': 'prikk `aggregateFinest`',
  'prikk+totals': 'prikk `aggregate`, hierarchies cut to their leaves (+ one total each)',
  'prikk+top2': 'prikk `aggregate` + top-2 contributions per cell',
  naive: 'naive JS (objects, string-keyed Map, Set per cell)',
  bare: 'bare typed-array loop',
  'duckdb/1': 'DuckDB `GROUP BY ROLLUP`, 1 thread',
  'duckdb/2': 'DuckDB `GROUP BY ROLLUP`, 2 threads',
  'e2e-prikk': 'prikk `readCsv` + `aggregate`',
  'e2e-duckdb/1': 'DuckDB `read_csv` + `GROUP BY ROLLUP`, 1 thread',
  'e2e-duckdb/2': 'DuckDB `read_csv` + `GROUP BY ROLLUP`, 2 threads',
  'e2e-naive': 'csv-parse (streaming) + naive JS',
};

function nameOf(m: Measurement): string {
  if (m.contender === 'prikk' && m.variant.topContributors) return NAMES['prikk+top2']!;
  if (m.contender === 'prikk' && m.variant.finest) return NAMES[m.variant.totals ? 'prikk+totals' : 'prikk+finest']!;
  if (m.variant.threads !== undefined) return NAMES[`${m.contender}/${m.variant.threads}`] ?? m.contender;
  return NAMES[m.contender] ?? m.contender;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function measurementRow(m: Measurement, rows: number, reference: Measurement | undefined): string {
  const [lo, hi] = m.times.length > 0 ? range(m.times) : [Number.NaN, Number.NaN];
  const perSecond = m.status === 'ok' ? rows / m.median : Number.NaN;
  return row([
    nameOf(m),
    timeText(m),
    m.times.length > 1 ? `${fmt(lo)}–${fmt(hi)}` : '–',
    m.status === 'ok' ? String(m.times.length) : '0',
    rate(perSecond),
    int(m.peakMB),
    int(m.baseMB),
    m === reference ? '1 (reference)' : ratioText(m, reference),
  ]);
}

function find(ms: readonly Measurement[], contender: string, pred: (m: Measurement) => boolean): Measurement | undefined {
  return ms.find((m) => m.contender === contender && pred(m));
}

/** Cells of prikk's dense cube for a query (every node of every hierarchy). */
function cubeCells(query: BenchQuery, finest: boolean): number {
  const h = benchHierarchies();
  return query.dimensions.reduce((n, d) => n * (finest ? h[d].leafCount : h[d].size), 1);
}

function sizeSection(s: SizeResults): string {
  const out: string[] = [];
  const ms = s.measurements;
  out.push(`## ${int(s.rows)} rows (${fmt(s.csvBytes / 1e6)} MB of CSV, ${int(s.persons)} persons)`);
  out.push('');
  const header = ['contender', 'median', 'min–max', 'reps', 'rows/s', 'peak RSS (MB)', 'RSS with data loaded (MB)', 'time ÷ prikk'];
  const sep = header.map(() => '---');
  out.push('### Group-by with all margins, in memory');
  out.push('');
  out.push('The data is already loaded (prikk: an encoded `Extract`; naive: an array of objects; DuckDB: a table); loading is not timed.');
  out.push('');
  for (const q of QUERIES) {
    const prikk = find(ms, 'prikk', (m) => m.variant.query === q.id && !m.variant.finest && !m.variant.topContributors);
    const list = [
      prikk,
      find(ms, 'prikk', (m) => m.variant.query === q.id && !m.variant.finest && !!m.variant.topContributors),
      find(ms, 'naive', (m) => m.variant.query === q.id),
      find(ms, 'duckdb', (m) => m.variant.query === q.id && m.variant.threads === 1),
      find(ms, 'duckdb', (m) => m.variant.query === q.id && m.variant.threads === 2),
    ].filter((m): m is Measurement => m !== undefined);
    if (list.length === 0) continue;
    out.push(`**${q.title}** (prikk's cube: ${int(cubeCells(q, false))} cells)`);
    out.push('');
    out.push(row(header), row(sep));
    for (const m of list) out.push(measurementRow(m, s.rows, prikk));
    out.push('');
  }
  out.push('### Finest level only (no margins)');
  out.push('');
  out.push(
    'prikk `aggregateFinest` (the finest cells only: rows, distinct persons and sum of cost per combination of leaves, from the encoded extract) ' +
      'against a bare loop over precomputed finest-cell indices (computing the indices is not timed) that counts rows, sums cost and counts distinct persons. ' +
      'For comparison, prikk `aggregate` with each hierarchy cut to its leaves: the smallest cube with margins it builds, the finest cells plus one total per dimension ' +
      '(2^dimensions combinations of leaf and total).',
  );
  out.push('');
  for (const q of QUERIES) {
    const bare = find(ms, 'bare', (m) => m.variant.query === q.id);
    const prikk = find(ms, 'prikk', (m) => m.variant.query === q.id && !!m.variant.finest && !m.variant.totals);
    const withTotals = find(ms, 'prikk', (m) => m.variant.query === q.id && !!m.variant.finest && !!m.variant.totals);
    if (!bare && !prikk && !withTotals) continue;
    out.push(`**${q.title}** (${int(cubeCells(q, true))} finest cells)`);
    out.push('');
    out.push(row([...header.slice(0, -1), 'time ÷ bare loop']), row(sep));
    for (const m of [prikk, bare, withTotals]) if (m) out.push(measurementRow(m, s.rows, bare));
    out.push('');
  }
  out.push('### From the CSV file to the cube (end to end)');
  out.push('');
  out.push('Each repetition reads the file again (from the operating system\'s page cache after the first) and builds the full cube.');
  out.push('');
  for (const q of QUERIES) {
    const prikk = find(ms, 'e2e-prikk', (m) => m.variant.query === q.id);
    const list = [
      prikk,
      find(ms, 'e2e-duckdb', (m) => m.variant.query === q.id && m.variant.threads === 1),
      find(ms, 'e2e-duckdb', (m) => m.variant.query === q.id && m.variant.threads === 2),
      find(ms, 'e2e-naive', (m) => m.variant.query === q.id),
    ].filter((m): m is Measurement => m !== undefined);
    if (list.length === 0) continue;
    out.push(`**${q.title}**`);
    out.push('');
    out.push(row(header), row(sep));
    for (const m of list) out.push(measurementRow(m, s.rows, prikk));
    out.push('');
  }
  const notes = ms.filter((m) => m.note !== undefined);
  if (notes.length > 0) {
    out.push('Notes:');
    out.push('');
    for (const m of notes) out.push(`- ${nameOf(m)}, ${m.variant.id}: ${m.note}`);
    out.push('');
  }
  out.push('### Do the answers agree?');
  out.push('');
  if (s.checks === 0) out.push('No comparison was possible (prikk\'s full cube did not run).');
  else if (s.mismatches.length === 0) {
    out.push(
      `Yes: ${s.checks} results compared with prikk's full cube (rows, distinct persons and sum of cost in ${QUERIES[0]!.probes.length} probe cells per query, ` +
        'grand total included; the number of non-empty cells; the number of non-empty finest cells).',
    );
  } else {
    out.push(`**No**: ${s.mismatches.length} differences in ${s.checks} comparisons:`);
    out.push('');
    for (const m of s.mismatches) out.push(`- ${m}`);
  }
  out.push('');
  return out.join('\n');
}

interface TargetLine {
  readonly target: string;
  readonly rows: number;
  readonly query: string;
  readonly measured: string;
  readonly goal: string;
  readonly verdict: string;
}

function targets(r: BenchResults): TargetLine[] {
  const lines: TargetLine[] = [];
  const speed = (x: { x: number; atLeast: boolean; estimate: boolean }): string => {
    const how = x.atLeast ? 'more than ' : x.estimate ? 'about ' : '';
    const tail = x.estimate ? ' (estimated from a smaller cohort)' : '';
    return x.x >= 1 ? `prikk ${how}${fmt(x.x)}× faster${tail}` : `prikk ${fmt(1 / x.x)}× slower${tail}`;
  };
  const ratio = (a: Measurement | undefined, b: Measurement | undefined): { x: number; atLeast: boolean; estimate: boolean } | undefined => {
    const ta = timeOf(a);
    const tb = timeOf(b);
    if (!ta || !tb || tb.atLeast || tb.estimate) return undefined;
    return { x: ta.seconds / tb.seconds, atLeast: ta.atLeast, estimate: ta.estimate };
  };
  const verdict = (x: { x: number; atLeast: boolean; estimate: boolean }, goal: number): string => {
    if (x.x >= goal) return x.estimate ? 'met (estimate)' : 'met';
    return x.atLeast || x.estimate ? 'unknown' : '**missed**';
  };
  for (const s of r.sizes) {
    const ms = s.measurements;
    for (const q of QUERIES) {
      const prikk = find(ms, 'prikk', (m) => m.variant.query === q.id && !m.variant.finest && !m.variant.topContributors);
      const duck1 = find(ms, 'duckdb', (m) => m.variant.query === q.id && m.variant.threads === 1);
      const x = ratio(duck1, prikk);
      if (x) {
        lines.push({
          target: 'full cube vs DuckDB, 1 thread', rows: s.rows, query: q.id,
          measured: speed(x), goal: '≥ 1.5× faster',
          verdict: verdict(x, 1.5),
        });
      }
      const bare = find(ms, 'bare', (m) => m.variant.query === q.id);
      const finest = find(ms, 'prikk', (m) => m.variant.query === q.id && !!m.variant.finest && !m.variant.totals);
      const y = ratio(finest, bare);
      if (y && !y.atLeast && !y.estimate) {
        lines.push({
          target: 'finest level vs bare loop', rows: s.rows, query: q.id,
          measured: `prikk takes ${fmt(y.x)}× the bare loop's time`, goal: '≤ 1.3×', verdict: y.x <= 1.3 ? 'met' : '**missed**',
        });
      }
      const e2e = find(ms, 'e2e-prikk', (m) => m.variant.query === q.id);
      for (const threads of [1, 2]) {
        const duck = find(ms, 'e2e-duckdb', (m) => m.variant.query === q.id && m.variant.threads === threads);
        const z = ratio(duck, e2e);
        if (z) {
          lines.push({
            target: `CSV → cube vs DuckDB read_csv + GROUP BY, ${threads} thread${threads > 1 ? 's' : ''}`, rows: s.rows, query: q.id,
            measured: speed(z), goal: '≥ 2× faster',
            verdict: verdict(z, 2),
          });
        }
      }
    }
  }
  return lines;
}

/** The whole report. */
export function renderReport(r: BenchResults): string {
  const m = r.machine;
  const out: string[] = [];
  out.push('# prikk benchmarks: latest run');
  out.push('');
  out.push(`- Date: ${m.date}; command: \`${r.command}\`; wall time ${fmt(r.wallSeconds / 60, 2)} min${r.prepSeconds ? ` (${fmt(r.prepSeconds / 60, 2)} min of it generating and encoding data)` : ''}.`);
  out.push(`- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB; ${m.os}; Node ${m.node}; DuckDB ${r.duckdb} (\`@duckdb/node-api\`).`);
  out.push(`- Load average when the run started: ${m.loadAverage} (the machine may be shared: other work shows as noise and as slower medians).`);
  if (m.loadAverage > m.cores) {
    out.push(`- **The machine was busy when this run started (load ${m.loadAverage} on ${m.cores} cores): every contender was slowed, unevenly. Treat these numbers as preliminary.**`);
  }
  out.push(`- Code: commit ${m.commit}.`);
  const sizes = Object.keys(r.settings.reps);
  out.push(
    `- Repetitions wanted per measurement: ${sizes.map((s) => `${r.settings.reps[s]} at ${int(Number(s))} rows`).join(', ')}; fewer are counted when one ` +
      `measurement would take more than ${sizes.map((s) => `${r.settings.budgetSeconds[s]} s`).join(' / ')} in all, and a repetition longer than ` +
      `${sizes.map((s) => `${r.settings.timeoutSeconds[s]} s`).join(' / ')} is stopped. A first repetition under 3 s is a warm-up and not counted.`,
  );
  out.push('- Times are medians of the counted repetitions. Peak RSS is the resident-memory high-water mark of the contender\'s own process during a repetition (data included).');
  out.push('- See `bench/README.md` for what each contender does and how to read this.');
  out.push('');
  out.push('## Targets (from issue 2)');
  out.push('');
  const t = targets(r);
  if (t.length === 0) out.push('No target could be evaluated in this run.');
  else {
    out.push(row(['target', 'rows', 'query', 'measured', 'goal', 'verdict']), row(['---', '---', '---', '---', '---', '---']));
    for (const l of t) out.push(row([l.target, int(l.rows), l.query, l.measured, l.goal, l.verdict]));
  }
  out.push('');
  for (const s of r.sizes) out.push(sizeSection(s));
  return `${out.join('\n')}\n`;
}
