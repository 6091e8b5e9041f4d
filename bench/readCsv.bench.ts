/**
 * Hand-run benchmark of the CSV reader (not a test): `npx tsx bench/readCsv.bench.ts [rows]`.
 *
 * Writes a synthetic 8-column registry extract (person id, sex, municipality, hospital, ICD-10 code, age, year,
 * cost with two decimals; fixed seed) to the OS temp folder, then times on the same file:
 * - prikk `readCsv` (streaming, full validation and encoding, sha256), best of 5;
 * - prikk's tokenizer alone over the file in memory (field offsets only, no validation), best of 5;
 * - csv-parse 7 (streaming, records as arrays of strings, no validation), best of 3;
 * - a plain `readFile` + newline count (the I/O floor), best of 5.
 * Prints rows/second and the ratio.
 */
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { CsvTokenizer } from '../src/read/CsvTokenizer.js';
import { readCsv } from '../src/read/readCsv.js';
import type { Schema } from '../src/read/Schema.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const file = join(tmpdir(), `prikk-bench-${rows}.csv`);

/** xorshift32 with a fixed seed: the same file on every run. */
let state = 0x9e3779b9;
function next(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
}

const municipalities = Array.from({ length: 356 }, (_, i) => String(301 + i * 13).padStart(4, '0'));
const hospitals = Array.from({ length: 48 }, (_, i) => `HF${String(i + 1).padStart(2, '0')}`);
const icd = ['S72.0', 'S72.1', 'S72.2', 'S72.3', 'S72.4', 'S72.8', 'S72.9', 'S32.4', 'S42.2', 'M84.3'];

async function writeExtract(): Promise<void> {
  const lines: string[] = ['pid;sex;municipality;hospital;icd10;age;year;cost'];
  let pid = 1_000_000;
  for (let r = 0; r < rows; r++) {
    if (next() < 0.35) pid += 1 + Math.floor(next() * 3); // several rows per person, in runs
    const age = Math.min(105, Math.floor(50 + next() * 40 + next() * 20));
    const cost = (next() * 250_000).toFixed(2);
    lines.push(
      `${pid};${next() < 0.6 ? 2 : 1};${municipalities[Math.floor(next() ** 2 * 356)]};${hospitals[Math.floor(next() * 48)]};` +
        `${icd[Math.floor(next() ** 1.5 * 10)]};${age};${2015 + Math.floor(next() * 10)};${cost}`,
    );
  }
  await writeFile(file, lines.join('\n') + '\n');
}

const schema: Schema = {
  columns: [
    { name: 'pid', role: 'person' },
    { name: 'sex', role: 'dimension', codes: ['1', '2'] },
    { name: 'municipality', role: 'dimension' },
    { name: 'hospital', role: 'dimension' },
    { name: 'icd10', role: 'dimension' },
    { name: 'age', role: 'dimension', type: 'integer' },
    { name: 'year', role: 'dimension', type: 'year' },
    { name: 'cost', role: 'measure', type: 'decimal' },
  ],
};

/** Best of `runs`: wall-clock ms and CPU ms (user + system, all threads). The machine may be shared: CPU time is the steadier figure. */
async function time<T>(runs: number, f: () => Promise<T>): Promise<{ ms: number; cpu: number; result: T }> {
  let best = Infinity;
  let bestCpu = Infinity;
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    result = await f();
    const c = process.cpuUsage(c0);
    best = Math.min(best, performance.now() - t0);
    bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
  }
  return { ms: best, cpu: bestCpu, result: result! };
}

function line(label: string, t: { ms: number; cpu: number }): string {
  const rate = (ms: number): string => `${(rows / (ms / 1000) / 1e6).toFixed(2)}M rows/s`;
  return `${label.padEnd(24)} wall ${t.ms.toFixed(0).padStart(6)} ms (${rate(t.ms)})   cpu ${t.cpu.toFixed(0).padStart(6)} ms (${rate(t.cpu)})`;
}

async function csvParse(): Promise<number> {
  let n = 0;
  const parser = createReadStream(file).pipe(parse({ delimiter: ';', from_line: 2 }));
  for await (const record of parser) n += (record as string[]).length > 0 ? 1 : 0;
  return n;
}

async function tokenizeOnly(bytes: Uint8Array): Promise<number> {
  let records = 0;
  const t = new CsvTokenizer(0x3b, file, { header: () => undefined, batch: (b) => void (records += b.rows) });
  for (let i = 0; i < bytes.length; i += 1 << 20) t.push(bytes.subarray(i, Math.min(bytes.length, i + (1 << 20))));
  t.end();
  return records;
}

async function floor(): Promise<number> {
  const b = await readFile(file);
  let n = 0;
  for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
  return n;
}

await writeExtract();
const size = (await readFile(file)).length;
console.log(`file: ${file}, ${rows} rows, ${(size / 1e6).toFixed(1)} MB; node ${process.version}`);
const io = await time(5, floor);
console.log(line('readFile + count lines', io));
const inMemory = await readFile(file);
console.log(line('prikk tokenizer only', await time(5, () => tokenizeOnly(inMemory))));
const prikk = await time(5, () => readCsv(file, schema));
console.log(line('prikk readCsv', prikk) + `   (${prikk.result.person?.personCount} persons)`);
const cp = await time(3, csvParse);
console.log(line('csv-parse (strings only)', cp));
console.log(`prikk / csv-parse: ${(cp.ms / prikk.ms).toFixed(1)}x (wall), ${(cp.cpu / prikk.cpu).toFixed(1)}x (cpu)`);
