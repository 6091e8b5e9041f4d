/**
 * Generator of a synthetic hip-fracture quality-registry extract, modelled on the Norwegian Hip Fracture
 * Register: one row per operation (primary operations and reoperations), several rows for some persons (a
 * second hip fracture years later, reoperations), built on real code structures (2024 municipality and county
 * codes, ICD-10 S72.0-S72.2, NCSP procedure codes, health trusts). No real patient is behind any row.
 *
 * CLI:
 *   tsx examples/hipFracture/generate.ts --rows 100000 --out file.csv [--seed 2024] [--delimiter ';'|','|tab]
 *       [--decimal-comma] [--missing-municipality 0.004] [--schema schema.json]
 * Without --out the CSV goes to standard output.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { FIRST_YEAR, ICD10_SHARES, LAST_YEAR, PRIMARY_PROCEDURES, REOPERATION_PROCEDURES } from './clinicalCodes.js';
import { HOSPITALS, LOCAL_HOSPITAL, SPLIT_CATCHMENT } from './hospitals.js';
import { hipFractureSchemaJson } from './hipFractureSchema.js';
import { MUNICIPALITIES, countyOf } from './municipalities.js';
import { xoshiro128, type Xoshiro128 } from './xoshiro128.js';

/** Options of the hip-fracture extract generator. */
export interface HipFractureOptions {
  /** Required. Number of data rows (operations), 0 to 1,000,000,000. */
  readonly rows: number;
  /** Seed of the generator; the same seed and options give the same bytes. Defaults to `2024`. */
  readonly seed?: number;
  /** Field delimiter. Defaults to `;` (as Norwegian registries export). */
  readonly delimiter?: ';' | ',' | '\t';
  /** Write decimals with a comma (`81234,50`); quoted when the delimiter is `,`. Defaults to `false`. */
  readonly decimalComma?: boolean;
  /**
   * Share of rows whose municipality is left empty (residence unknown), to exercise the reader's missing-value
   * handling and the reconciliation. Drawn for every row whatever the share, so the other columns do not
   * change with it. Defaults to `0`.
   */
  readonly missingMunicipality?: number;
}

/**
 * The options the embedded `examples/hipFracture/extract.csv` was generated with (`schema.json` comes from
 * `hipFractureSchema()`):
 *   tsx examples/hipFracture/generate.ts --rows 5000 --seed 2024 --missing-municipality 0.004 \
 *       --out examples/hipFracture/extract.csv --schema examples/hipFracture/schema.json
 */
export const EMBEDDED_EXTRACT_OPTIONS: HipFractureOptions = Object.freeze({ rows: 5000, seed: 2024, missingMunicipality: 0.004 });

/** The columns of the extract, in file order. */
export const HIP_FRACTURE_COLUMNS = [
  'person_id', 'age', 'sex', 'municipality', 'hospital', 'icd10', 'procedure',
  'year', 'reoperation', 'los_days', 'cost',
] as const;

// Five-year age bands (lower bound) and their weights, for women and men: hip fractures are rare before 60
// and peak at 85-89; men are somewhat younger. Ages are capped at 105.
const AGE_BANDS = [20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100, 105];
const AGE_WEIGHTS_WOMEN = [0.1, 0.1, 0.15, 0.2, 0.35, 0.6, 1.1, 1.8, 2.8, 4.5, 7.5, 11.5, 17, 21, 18, 9, 1.8, 0.1];
const AGE_WEIGHTS_MEN = [0.3, 0.3, 0.35, 0.45, 0.6, 0.9, 1.6, 2.4, 3.6, 5.5, 8.5, 12.5, 17, 18.5, 13.5, 5.5, 0.8, 0.05];
// Years of a first fracture. Later fractures and reoperations add to the later years, so these weights fall to
// keep the number of operations per year growing only slowly (as with an ageing population).
const YEAR_WEIGHTS = [1.1, 1.04, 1.02, 1.0, 0.98, 0.96, 0.95];
// Base cost of an operation (NOK, DRG-like), by procedure group; and cost per bed day.
const BASE_COST: Readonly<Record<string, number>> = {
  NFB: 118_000, NFJ: 92_000, NFC: 165_000, NFH: 38_000, NFS: 140_000, NFU: 45_000,
};
const COST_PER_DAY = 5_400;

/** Shares used by the generator, exported so that tests can compare the output with them. */
export const TARGET_SHARES = {
  /** Share of persons who are women (sex code 2). */
  women: 0.7,
  /** Probability that an operation is followed by a reoperation (before the per-procedure adjustment). */
  reoperation: 0.065,
  /** Probability of a second hip fracture (given it falls in the extract's years). */
  secondFracture: 0.18,
} as const;

/** Cumulative weights for sampling an index with probability proportional to its weight (binary search). */
class WeightedSampler {
  private readonly cumulative: Float64Array;
  constructor(weights: readonly number[]) {
    const c = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w;
      c[i] = sum;
    });
    for (let i = 0; i < c.length; i++) c[i]! /= sum;
    c[c.length - 1] = 1;
    this.cumulative = c;
  }
  /** Index for a uniform number `u` in [0, 1). */
  pick(u: number): number {
    const c = this.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (u < c[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** A fixed hash of a string to [0, 1) (FNV-1a), for geography that must not depend on the seed. */
function hashUnit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 4294967296;
}

/** Where a municipality's patients are operated: a distribution over hospital indices. */
interface Catchment {
  readonly hospitals: readonly number[];
  readonly sampler: WeightedSampler;
}

function buildCatchments(): Catchment[] {
  const hospitalIndex = new Map(HOSPITALS.map((h, i) => [h.code, i]));
  return MUNICIPALITIES.map((m) => {
    const split = SPLIT_CATCHMENT[m.code];
    if (split) {
      return {
        hospitals: Object.keys(split).map((code) => hospitalIndex.get(code)!),
        sampler: new WeightedSampler(Object.values(split)),
      };
    }
    const county = countyOf(m.code).code;
    let local = LOCAL_HOSPITAL[m.code];
    if (local === undefined) {
      const candidates = HOSPITALS.filter((h) => h.serves[county] !== undefined);
      const pick = new WeightedSampler(candidates.map((h) => h.serves[county]!)).pick(hashUnit(m.code));
      local = candidates[pick]!.code;
    }
    return { hospitals: [hospitalIndex.get(local)!], sampler: new WeightedSampler([1]) };
  });
}

function validate(options: HipFractureOptions): Required<HipFractureOptions> {
  const { rows } = options;
  if (!Number.isInteger(rows) || rows < 0 || rows > 1e9) {
    throw new PrikkError('INVALID_ARGUMENT', `generateHipFracture: 'rows' must be an integer from 0 to 1e9, got ${String(rows)}`);
  }
  const seed = options.seed ?? 2024;
  if (!Number.isInteger(seed)) throw new PrikkError('INVALID_ARGUMENT', `generateHipFracture: 'seed' must be an integer, got ${String(seed)}`);
  const delimiter = options.delimiter ?? ';';
  if (delimiter !== ';' && delimiter !== ',' && delimiter !== '\t') {
    throw new PrikkError('INVALID_ARGUMENT', `generateHipFracture: 'delimiter' must be ';', ',' or a tab, got '${String(delimiter)}'`);
  }
  const decimalComma = options.decimalComma ?? false;
  if (typeof decimalComma !== 'boolean') throw new PrikkError('INVALID_ARGUMENT', "generateHipFracture: 'decimalComma' must be a boolean");
  const missingMunicipality = options.missingMunicipality ?? 0;
  if (!(missingMunicipality >= 0 && missingMunicipality <= 1)) {
    throw new PrikkError('INVALID_ARGUMENT', `generateHipFracture: 'missingMunicipality' must be a share from 0 to 1, got ${String(missingMunicipality)}`);
  }
  return { rows, seed, delimiter, decimalComma, missingMunicipality };
}

/** Persons generated per block; rows of a block are written ordered by year, so a person's rows spread out. */
const PERSONS_PER_BLOCK = 8192;
/** At most 3 fractures per person, each with at most 2 reoperations. */
const MAX_ROWS_PER_PERSON = 9;
/** Size of the byte chunks the generator yields. */
const CHUNK_BYTES = 1 << 20;

/** Appends ASCII bytes and decimal integers to fixed-size chunks (no intermediate strings). */
class ByteChunks {
  private buffer = new Uint8Array(CHUNK_BYTES + 4096);
  private position = 0;

  get full(): boolean {
    return this.position >= CHUNK_BYTES;
  }

  get empty(): boolean {
    return this.position === 0;
  }

  /** The bytes written so far, as a chunk of their own; the writer continues in a fresh buffer. */
  take(): Uint8Array {
    const out = this.buffer.subarray(0, this.position);
    this.buffer = new Uint8Array(CHUNK_BYTES + 4096);
    this.position = 0;
    return out;
  }

  byte(c: number): void {
    this.buffer[this.position++] = c;
  }

  bytes(b: Uint8Array): void {
    const buffer = this.buffer;
    let p = this.position;
    for (let i = 0; i < b.length; i++) buffer[p++] = b[i]!;
    this.position = p;
  }

  /** A non-negative integer in decimal, left-padded with zeros to `width` digits. */
  uint(n: number, width = 1): void {
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    if (digits < width) digits = width;
    const buffer = this.buffer;
    let p = this.position + digits;
    this.position = p;
    for (let i = 0; i < digits; i++) {
      const q = Math.floor(n / 10);
      buffer[--p] = 48 + (n - q * 10);
      n = q;
    }
  }
}

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * The extract as a sequence of byte chunks of about 1 MiB (UTF-8, here pure ASCII): the header first, then the
 * rows, for streaming to a file without holding it in memory. Rows come in blocks of 8,192 persons, ordered by
 * year within a block, so one person's rows are not always adjacent (as in a real extract sorted by date).
 *
 * Cost: O(rows) time (about 2 s per million rows on one core, i.e. 20 s for 10 million); memory O(block + chunk).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a bad option.
 * @example
 * Buffer.concat([...hipFractureChunks({ rows: 2, seed: 1 })]).toString()
 * // 'person_id;age;sex;municipality;hospital;icd10;procedure;year;reoperation;los_days;cost\n' + two rows
 */
export function* hipFractureChunks(options: HipFractureOptions): Generator<Uint8Array, void, undefined> {
  const opts = validate(options);
  const { rows } = opts;
  const sep = opts.delimiter.charCodeAt(0);
  const rng: Xoshiro128 = xoshiro128(opts.seed);
  const u = rng.float;

  // Rural municipalities have older populations, so more hip fractures per inhabitant.
  const municipalityWeights = MUNICIPALITIES.map((m) => m.population * (m.population < 10_000 ? 1.3 : 1));
  const municipalitySampler = new WeightedSampler(municipalityWeights);
  const catchments = buildCatchments();
  const regionOfMunicipality = MUNICIPALITIES.map((m) => countyOf(m.code).region);
  // The hospitals of each region with their weight, for the ~8 % of operations done outside the local hospital.
  const regionHospitals = new Map<string, { list: number[]; sampler: WeightedSampler }>();
  for (const region of new Set(HOSPITALS.map((h) => h.region))) {
    const list = HOSPITALS.flatMap((h, i) => (h.region === region ? [i] : []));
    const weights = list.map((i) => Object.values(HOSPITALS[i]!.serves).reduce((a, b) => a + b, 0));
    regionHospitals.set(region, { list, sampler: new WeightedSampler(weights) });
  }
  const regionSamplerOfMunicipality = regionOfMunicipality.map((r) => regionHospitals.get(r)!);
  const ageWomen = new WeightedSampler(AGE_WEIGHTS_WOMEN);
  const ageMen = new WeightedSampler(AGE_WEIGHTS_MEN);
  const yearSampler = new WeightedSampler(YEAR_WEIGHTS);

  // Diagnoses and procedures as indices; their bytes for writing.
  const icdCodes = Object.keys(ICD10_SHARES);
  const icdSampler = new WeightedSampler(Object.values(ICD10_SHARES));
  const procedureCodes = [...new Set([
    ...Object.values(PRIMARY_PROCEDURES).flatMap((p) => Object.keys(p)),
    ...Object.values(REOPERATION_PROCEDURES).flatMap((p) => Object.keys(p)),
  ])];
  const procedureIndex = new Map(procedureCodes.map((c, i) => [c, i]));
  const indexSampler = (shares: Readonly<Record<string, number>>) => {
    const codes = Object.keys(shares).map((c) => procedureIndex.get(c)!);
    const sampler = new WeightedSampler(Object.values(shares));
    return (x: number): number => codes[sampler.pick(x)]!;
  };
  const primary = icdCodes.map((icd) => indexSampler(PRIMARY_PROCEDURES[icd]!));
  const reopArthroplasty = indexSampler(REOPERATION_PROCEDURES.arthroplasty);
  const reopFixation = indexSampler(REOPERATION_PROCEDURES.fixation);
  const isFixation = procedureCodes.map((c) => c.startsWith('NFJ'));
  const reopRisk = procedureCodes.map((c) => TARGET_SHARES.reoperation * (c === 'NFJ50' ? 2 : c === 'NFB12' ? 0.8 : 1));
  const baseCost = procedureCodes.map((c) => BASE_COST[c.slice(0, 3)] ?? 100_000);
  const extraLos = procedureCodes.map((c) => (c.startsWith('NFS') ? 4 : 0));

  const municipalityBytes = MUNICIPALITIES.map((m) => ascii(m.code));
  const hospitalBytes = HOSPITALS.map((h) => ascii(h.code));
  const icdBytes = icdCodes.map(ascii);
  const procedureBytes = procedureCodes.map(ascii);
  const decimalMark = opts.decimalComma ? 44 : 46;
  const quoteCost = opts.decimalComma && opts.delimiter === ',';

  // Pseudonyms: an affine permutation of the person number modulo 10^7 (10^9 for huge extracts), so ids look
  // scattered but never collide.
  const modulus = rows <= 1e7 ? 1e7 : 1e9;
  const idWidth = modulus === 1e7 ? 7 : 9;
  const idOffset = Math.floor(xoshiro128(opts.seed ^ 0x5bd1e995).float() * modulus);
  const ID_MULTIPLIER = 4_801_607; // coprime to 10, so the map is a bijection; person * multiplier < 2^53

  // Standard normal draws (Box-Muller, both values of each pair used).
  let spare = Number.NaN;
  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const z = spare;
      spare = Number.NaN;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const theta = 2 * Math.PI * u();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };

  const pickHospital = (municipality: number): number => {
    if (u() < 0.08) {
      const region = regionSamplerOfMunicipality[municipality]!;
      return region.list[region.sampler.pick(u())]!;
    }
    const catchment = catchments[municipality]!;
    return catchment.hospitals.length === 1 ? catchment.hospitals[0]! : catchment.hospitals[catchment.sampler.pick(u())]!;
  };

  // One block of operations, column by column.
  const capacity = PERSONS_PER_BLOCK * MAX_ROWS_PER_PERSON;
  const bPerson = new Uint32Array(capacity);
  const bAge = new Uint8Array(capacity);
  const bSex = new Uint8Array(capacity);
  const bMunicipality = new Uint16Array(capacity);
  const bHospital = new Uint8Array(capacity);
  const bIcd = new Uint8Array(capacity);
  const bProcedure = new Uint8Array(capacity);
  const bYear = new Uint16Array(capacity);
  const bReoperation = new Uint8Array(capacity);
  const bLos = new Uint8Array(capacity);
  const bCents = new Float64Array(capacity);
  const order = new Uint32Array(capacity);
  const yearStart = new Uint32Array(LAST_YEAR - FIRST_YEAR + 2);
  let n = 0;

  const push = (
    person: number, age: number, sex: number, municipality: number, year: number,
    icd: number, procedure: number, hospital: number, reoperation: number,
  ): void => {
    // Length of stay: log-normal around 4-5 days, longer for the oldest, for reoperations and for infections.
    const median = (reoperation ? 5.5 : 4.5) + (age >= 85 ? 1 : 0) + extraLos[procedure]!;
    const los = Math.max(1, Math.min(120, Math.round(median * Math.exp(0.55 * normal()))));
    // Cost: the procedure's base with a 15 % log-normal spread, plus bed days.
    const cost = baseCost[procedure]! * Math.exp(0.15 * normal()) + (los - 1) * COST_PER_DAY * (0.8 + 0.4 * u());
    bPerson[n] = person;
    bAge[n] = age;
    bSex[n] = sex;
    bMunicipality[n] = municipality;
    bHospital[n] = hospital;
    bIcd[n] = icd;
    bProcedure[n] = procedure;
    bYear[n] = year;
    bReoperation[n] = reoperation;
    bLos[n] = los;
    bCents[n] = Math.round(cost * 100);
    n++;
  };

  const out = new ByteChunks();
  out.bytes(ascii(`${HIP_FRACTURE_COLUMNS.join(opts.delimiter)}\n`));

  let written = 0;
  let person = 0;
  while (written < rows) {
    n = 0;
    for (let p = 0; p < PERSONS_PER_BLOCK && written + n < rows; p++, person++) {
      const sex = u() < TARGET_SHARES.women ? 2 : 1;
      const band = (sex === 2 ? ageWomen : ageMen).pick(u());
      const firstAge = Math.min(105, AGE_BANDS[band]! + Math.floor(u() * 5));
      const municipality = municipalitySampler.pick(u());
      const firstYear = FIRST_YEAR + yearSampler.pick(u());
      // Fractures of this person: the first, maybe a second (other hip) and rarely a third, years apart.
      let year = firstYear;
      for (let fracture = 0; fracture < 3 && year <= LAST_YEAR; fracture++) {
        const age = Math.min(105, firstAge + (year - firstYear));
        const icd = icdSampler.pick(u());
        const procedure = primary[icd]!(u());
        const hospital = pickHospital(municipality);
        push(person, age, sex, municipality, year, icd, procedure, hospital, 0);
        // Reoperations: more after screws for a femoral-neck fracture, fewer after a cemented hemiarthroplasty.
        let reopYear = year;
        for (let r = 0; r < 2 && u() < (r === 0 ? reopRisk[procedure]! : 0.15); r++) {
          reopYear += u() < 0.7 ? 0 : 1;
          if (reopYear > LAST_YEAR) break;
          const reopProcedure = isFixation[procedure] && r === 0 ? reopFixation(u()) : reopArthroplasty(u());
          const reopHospital = u() < 0.9 ? hospital : pickHospital(municipality);
          push(person, Math.min(105, age + (reopYear - year)), sex, municipality, reopYear, icd, reopProcedure, reopHospital, 1);
        }
        if (u() >= (fracture === 0 ? TARGET_SHARES.secondFracture : 0.08)) break;
        year += 1 + Math.floor(u() * u() * 6);
      }
    }
    // Keep exactly `rows` rows: the last person may lose some of their later rows.
    if (written + n > rows) n = rows - written;
    // Counting sort of the block's rows by year (stable).
    yearStart.fill(0);
    for (let i = 0; i < n; i++) yearStart[bYear[i]! - FIRST_YEAR + 1]!++;
    for (let y = 1; y < yearStart.length; y++) yearStart[y]! += yearStart[y - 1]!;
    for (let i = 0; i < n; i++) order[yearStart[bYear[i]! - FIRST_YEAR]!++] = i;

    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const missing = u() < opts.missingMunicipality;
      out.byte(80); // 'P'
      out.uint((bPerson[i]! * ID_MULTIPLIER + idOffset) % modulus, idWidth);
      out.byte(sep);
      out.uint(bAge[i]!);
      out.byte(sep);
      out.uint(bSex[i]!);
      out.byte(sep);
      if (!missing) out.bytes(municipalityBytes[bMunicipality[i]!]!);
      out.byte(sep);
      out.bytes(hospitalBytes[bHospital[i]!]!);
      out.byte(sep);
      out.bytes(icdBytes[bIcd[i]!]!);
      out.byte(sep);
      out.bytes(procedureBytes[bProcedure[i]!]!);
      out.byte(sep);
      out.uint(bYear[i]!);
      out.byte(sep);
      out.uint(bReoperation[i]!);
      out.byte(sep);
      out.uint(bLos[i]!);
      out.byte(sep);
      if (quoteCost) out.byte(34);
      const cents = bCents[i]!;
      const whole = Math.floor(cents / 100);
      out.uint(whole);
      out.byte(decimalMark);
      out.uint(cents - whole * 100, 2);
      if (quoteCost) out.byte(34);
      out.byte(10);
      if (out.full) yield out.take();
    }
    written += n;
  }
  if (!out.empty) yield out.take();
}

/**
 * The whole extract as one string (for small extracts and tests).
 *
 * Cost: O(rows) time and memory.
 * @throws {PrikkError} `INVALID_ARGUMENT` for a bad option.
 * @example
 * generateHipFractureCsv({ rows: 5000, seed: 2024 }).split('\n').length // 5002 (header, 5,000 rows, final newline)
 */
export function generateHipFractureCsv(options: HipFractureOptions): string {
  return Buffer.concat([...hipFractureChunks(options)]).toString('utf8');
}

/**
 * Streams the extract to a file in large chunks (suitable for 10 million rows and more).
 *
 * Cost: O(rows) time, O(block) memory; about 60 bytes per row on disk.
 * @throws {PrikkError} `INVALID_ARGUMENT` for a bad option, `IO_ERROR` when the file cannot be written.
 * @example
 * writeHipFractureCsv('bench/.data/hip-1000000.csv', { rows: 1_000_000 }) // { rows: 1000000, bytes: ~6e7 }
 */
export function writeHipFractureCsv(path: string, options: HipFractureOptions): { rows: number; bytes: number } {
  const chunks = hipFractureChunks(options);
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw new PrikkError('IO_ERROR', `writeHipFractureCsv: cannot open '${path}' for writing: ${(error as Error).message}`);
  }
  let bytes = 0;
  try {
    for (const chunk of chunks) bytes += writeSync(fd, chunk);
  } catch (error) {
    throw new PrikkError('IO_ERROR', `writeHipFractureCsv: cannot write '${path}': ${(error as Error).message}`);
  } finally {
    closeSync(fd);
  }
  return { rows: options.rows, bytes };
}

function parseArgs(argv: readonly string[]): { options: HipFractureOptions; out: string | undefined; schema: string | undefined } {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new PrikkError('INVALID_ARGUMENT', `generate: unexpected argument '${arg}'`);
    const name = arg.slice(2);
    if (name === 'decimal-comma') args.set(name, 'true');
    else {
      const value = argv[++i];
      if (value === undefined) throw new PrikkError('INVALID_ARGUMENT', `generate: '--${name}' needs a value`);
      args.set(name, value);
    }
  }
  const known = new Set(['rows', 'seed', 'out', 'delimiter', 'decimal-comma', 'missing-municipality', 'schema']);
  for (const name of args.keys()) if (!known.has(name)) throw new PrikkError('INVALID_ARGUMENT', `generate: unknown option '--${name}'`);
  const delimiterArg = args.get('delimiter');
  const delimiter = delimiterArg === undefined ? undefined : delimiterArg === 'tab' || delimiterArg === '\\t' ? '\t' : delimiterArg;
  return {
    options: {
      rows: Number(args.get('rows') ?? 5000),
      seed: args.has('seed') ? Number(args.get('seed')) : undefined,
      delimiter: delimiter as HipFractureOptions['delimiter'],
      decimalComma: args.has('decimal-comma'),
      missingMunicipality: args.has('missing-municipality') ? Number(args.get('missing-municipality')) : undefined,
    } as HipFractureOptions,
    out: args.get('out'),
    schema: args.get('schema'),
  };
}

/** Entry point of the CLI. */
async function main(): Promise<void> {
  const { options, out, schema } = parseArgs(process.argv.slice(2));
  if (out === undefined) {
    // A reader that stops early (`| head`) closes the pipe: stop quietly.
    let closed = false;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      closed = true;
    });
    for (const chunk of hipFractureChunks(options)) {
      if (closed) break;
      if (!process.stdout.write(chunk)) await Promise.race([once(process.stdout, 'drain'), once(process.stdout, 'error')]);
    }
  } else {
    const started = performance.now();
    const { bytes } = writeHipFractureCsv(out, options);
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(`wrote ${options.rows} rows (${(bytes / 1e6).toFixed(1)} MB) to ${out} in ${seconds.toFixed(1)} s\n`);
  }
  if (schema !== undefined) {
    writeFileSync(schema, hipFractureSchemaJson());
    process.stderr.write(`wrote the schema to ${schema}\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
