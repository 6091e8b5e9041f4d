// Benchmark of the cell key method's record keys (a script, not a test):
//   npx tsx bench/recordKeys.bench.ts [--rows 1000000] [--reps 5]
// On the benchmark's synthetic hip-fracture extract (bench/dataset.ts; 1,000,000 rows, about 816k persons), timed as
// medians of interleaved runs (wall and CPU time of this process; the machine is shared, so wall time inflates under
// load):
//   (a) readCsv without record keys: the baseline;
//   (b) readCsv with the recordKeys option (one pass: one HMAC per distinct person when the extract is built);
//   (c) the path before it: readCsv (a), then recordKeysFromReader (a second read with the ids as codes + HMAC);
//   (d) the HMAC alone on the extract's persons' ids, the hand-written HmacSha256 and node:crypto's createHmac.
import { createHmac } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { hipFractureSchema } from '../examples/hipFracture/hipFractureSchema.js';
import { recordKeysFromExtract } from '../src/protect/cellkey/recordKeysFromExtract.js';
import { recordKeysFromReader } from '../src/protect/cellkey/recordKeysFromReader.js';
import { HmacSha256 } from '../src/random/HmacSha256.js';
import { readCsv } from '../src/read/readCsv.js';
import type { CodeColumn } from '../src/read/Extract.js';
import { BENCH_SEED, ensureDataset } from './dataset.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const rows = Number(flag('--rows') ?? 1_000_000);
const reps = Number(flag('--reps') ?? 5);
const SECRET = 'bench-registry-secret-not-a-real-one-0123456789';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Timing {
  readonly walls: number[];
  readonly cpus: number[];
}

async function timeOnce(t: Timing, fn: () => unknown): Promise<void> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  t.walls.push(performance.now() - t0);
  const c1 = process.cpuUsage(c0);
  t.cpus.push((c1.user + c1.system) / 1000);
}

function report(label: string, t: Timing, base?: Timing): void {
  const ratio = base ? `  ${(median(t.walls) / median(base.walls)).toFixed(2)}× wall, ${(median(t.cpus) / median(base.cpus)).toFixed(2)}× CPU of (a)` : '';
  console.log(
    `${label.padEnd(52)} ${median(t.walls).toFixed(0).padStart(6)} ms wall ${median(t.cpus).toFixed(0).padStart(6)} ms CPU  (runs ${t.walls.map((x) => x.toFixed(0)).join(', ')})${ratio}`,
  );
}

async function main(): Promise<void> {
  console.log(`record keys benchmark: ${rows.toLocaleString('en-US')} rows, ${reps} runs each; ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const data = await ensureDataset(rows, BENCH_SEED, (line) => console.log(line));
  const schema = hipFractureSchema();
  const options = { delimiter: ';' as const };
  const plain: Timing = { walls: [], cpus: [] };
  const onePass: Timing = { walls: [], cpus: [] };
  const twoPass: Timing = { walls: [], cpus: [] };
  let persons = 0;
  // Interleaved, so that a change of load hits every variant alike; one warm-up run of each first.
  for (let r = -1; r < reps; r++) {
    const a: Timing = r < 0 ? { walls: [], cpus: [] } : plain;
    const b: Timing = r < 0 ? { walls: [], cpus: [] } : onePass;
    const c: Timing = r < 0 ? { walls: [], cpus: [] } : twoPass;
    await timeOnce(a, () => readCsv(data.csv, schema, options));
    await timeOnce(b, async () => {
      const x = await readCsv(data.csv, schema, { ...options, recordKeys: { secret: SECRET } });
      persons = recordKeysFromExtract(x, { secret: SECRET }).length;
    });
    await timeOnce(c, async () => {
      const x = await readCsv(data.csv, schema, options);
      await recordKeysFromReader({ extract: x, schema, read: (s) => readCsv(data.csv, s, options), secret: SECRET });
    });
  }
  console.log(`extract: ${rows.toLocaleString('en-US')} rows, ${persons.toLocaleString('en-US')} persons, ${(data.csvBytes / 1e6).toFixed(0)} MB`);
  report('(a) readCsv, no record keys', plain);
  report('(b) readCsv with recordKeys (one pass)', onePass, plain);
  report('(c) readCsv + recordKeysFromReader (second read)', twoPass, plain);

  // (d) The HMAC alone, on the persons' ids as bytes (taken from a read with the person column as codes).
  const asCodes = { columns: schema.columns.map((c) => (c.role === 'person' ? { ...c, role: 'dimension' as const } : c)) };
  const ids = ((await readCsv(data.csv, asCodes, options)).columns.get('person_id') as CodeColumn).dictionary.map((id) => Buffer.from(id, 'utf8'));
  const out = new Uint32Array(ids.length);
  const hand: Timing = { walls: [], cpus: [] };
  const node: Timing = { walls: [], cpus: [] };
  for (let r = 0; r < reps; r++) {
    await timeOnce(hand, () => {
      const mac = new HmacSha256(Buffer.from(SECRET));
      for (let i = 0; i < ids.length; i++) out[i] = mac.firstWord(ids[i]!);
    });
    await timeOnce(node, () => {
      for (let i = 0; i < ids.length; i++) out[i] = createHmac('sha256', SECRET).update(ids[i]!).digest().readUInt32BE(0);
    });
  }
  report(`(d) HmacSha256, ${ids.length.toLocaleString('en-US')} ids`, hand);
  report(`(d) node:crypto createHmac, ${ids.length.toLocaleString('en-US')} ids`, node, undefined);
  console.log(`    per id: HmacSha256 ${((median(hand.walls) * 1000) / ids.length).toFixed(2)} µs, createHmac ${((median(node.walls) * 1000) / ids.length).toFixed(2)} µs (${(median(node.walls) / median(hand.walls)).toFixed(2)}×)`);
}

await main();
