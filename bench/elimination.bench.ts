// Benchmark of the Gaussian elimination's two bases (a script, not a test):
//   npx tsx bench/elimination.bench.ts [--runs N] [--cases 0,1,...]
// The secondary suppression's elimination (`gaussSecondary`, rule count < 5, every cell costing the same) on tables
// of the example registry's extracts (the 5,000-row extract beside the example, and the 1M-row one in bench/.data,
// generated on first use as by `npm run bench`), persons by the year of their first operation, from mostly zero to
// mostly filled: in the difference basis (`differenceColumns`), over the support (`supportColumns`: the finest cells
// not known to be zero), and as `gaussSecondary` chooses (`auto`). Reports each basis' entries, the median time
// (min-max) and the secondaries. Results go to bench/results/suppression.md by hand.
import os from 'node:os';
import { hipFractureHierarchies } from '../examples/hipFracture/hipFractureHierarchies.js';
import { hipFractureSchema } from '../examples/hipFracture/hipFractureSchema.js';
import { aggregate } from '../src/aggregate/aggregate.js';
import type { DimensionSpec } from '../src/aggregate/AggregateOptions.js';
import { CellSpace } from '../src/audit/CellSpace.js';
import { intervalHierarchy } from '../src/hierarchy/intervalHierarchy.js';
import { differenceColumns } from '../src/protect/suppression/differenceColumns.js';
import { type EliminationBasis, gaussSecondary } from '../src/protect/suppression/gaussSecondary.js';
import { publishOrder } from '../src/protect/suppression/publishOrder.js';
import { applyPrimaryRules } from '../src/protect/suppression/rules/applyPrimaryRules.js';
import { frequencyRule } from '../src/protect/suppression/rules/frequencyRule.js';
import { supportColumns } from '../src/protect/suppression/supportColumns.js';
import { readCsv } from '../src/read/readCsv.js';
import { BENCH_SEED, ensureDataset } from './dataset.js';
import { loadExtract } from './extractSnapshot.js';
import { median } from './stats.js';

const argv = process.argv.slice(2);
const argOf = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const runs = Number(argOf('--runs') ?? 3);
const only = argOf('--cases')?.split(',').map(Number);

const h = hipFractureHierarchies();
const dimensions: Record<string, DimensionSpec | string> = {
  municipality: { column: 'municipality', hierarchy: h.municipality },
  hospital: { column: 'hospital', hierarchy: h.hospital },
  age10: { column: 'age', hierarchy: intervalHierarchy({ min: 0, max: 110, width: 10 }) },
  sex: 'sex',
  year: { column: 'year', hierarchy: h.year },
  icd10: 'icd10',
  procedure: 'procedure',
};
const small = await readCsv('examples/hipFracture/extract.csv', hipFractureSchema(), { delimiter: ';' });
const large = loadExtract((await ensureDataset(1_000_000, BENCH_SEED, (line) => console.log(line))).snapshot);
const cases: [string, typeof small, string[]][] = [
  ['5k', small, ['hospital', 'year', 'sex', 'age10', 'icd10']],
  ['1M', large, ['hospital', 'procedure', 'sex', 'age10', 'icd10']],
  ['5k', small, ['hospital', 'year', 'sex', 'age10']],
  ['5k', small, ['municipality', 'sex', 'age10']],
  ['5k', small, ['hospital', 'year', 'age10']],
  ['1M', large, ['hospital', 'year', 'sex', 'age10', 'icd10']],
  ['1M', large, ['municipality', 'year', 'sex', 'age10']],
  ['1M', large, ['hospital', 'procedure', 'year', 'age10']],
  ['1M', large, ['municipality', 'procedure', 'sex']],
  ['5k', small, ['municipality', 'sex']],
  ['1M', large, ['hospital', 'procedure', 'sex', 'icd10']],
  ['5k', small, ['hospital', 'procedure', 'age10']],
  ['1M', large, ['municipality', 'icd10', 'sex', 'age10']],
];
console.log(`machine: ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
for (const [k, [extract, rows, dims]] of cases.entries()) {
  if (only && !only.includes(k)) continue;
  const table = aggregate(rows, { dimensions: dims.map((d) => dimensions[d]!), unit: 'persons', personRow: { keep: 'first', orderBy: 'year' } });
  const space = CellSpace.fromTables([table]);
  const counts = space.values({ kind: 'count' });
  const primary = Uint8Array.from(applyPrimaryRules(table, [frequencyRule({ n: 5 })]).reasons, (r) => (r ? 1 : 0));
  const order = publishOrder(new Float64Array(space.cellCount).fill(1), counts);
  const zeros = Uint8Array.from(counts, (v) => (v === 0 ? 1 : 0));
  const known = Uint8Array.from(zeros, (z, c) => (z && !primary[c] ? 1 : 0));
  const diffEntries = differenceColumns(space, { project: true }).keys.length;
  const supportEntries = supportColumns(space, known).keys.length;
  let zeroCells = 0;
  for (const z of zeros) zeroCells += z;
  console.log(
    `${k}: ${extract} extract by ${dims.join(' × ')}: ${space.cellCount} cells, ${Math.round((100 * zeroCells) / space.cellCount)} % zero, ` +
      `${primary.reduce((a, b) => a + b, 0)} primary; entries: difference ${diffEntries}, support ${supportEntries} (share ${(supportEntries / diffEntries).toFixed(2)})`,
  );
  for (const basis of ['difference', 'support', 'auto'] as EliminationBasis[]) {
    const times: number[] = [];
    let secondaries = 0;
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const sec = gaussSecondary(space, primary, order, zeros, basis);
      times.push(performance.now() - t0);
      secondaries = sec.reduce((a, b) => a + b, 0);
    }
    console.log(`  ${basis.padEnd(10)} median ${median(times).toFixed(0)} ms (${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)}), ${secondaries} secondaries`);
  }
}
