import { PrikkError } from '../errors/PrikkError.js';
import { ByteDictionary } from './ByteDictionary.js';
import { CsvStream } from './CsvStream.js';
import { resolveCsvOptions, type CsvReadOptions } from './CsvReadOptions.js';
import type { FieldBatch, BatchSink } from './FieldBatch.js';
import { headerLooksLikeData } from './headerLooksLikeData.js';
import { parseDateBytes } from './parseDateBytes.js';
import { parseDecimalBytes, parseIntegerBytes, parseYearBytes } from './parseNumberBytes.js';
import { readFileChunks } from './readFileChunks.js';
import type { ColumnRole, ColumnSpec, ColumnType } from './Schema.js';
import type { ColumnInspection, SchemaInspection } from './SchemaInspection.js';
import { TextCodec } from './TextCodec.js';

/** Options of `inferSchema`: those of `readCsv` but `recordKeys`, and `maxRows`. */
export interface InspectOptions extends Omit<CsvReadOptions, 'recordKeys'> {
  /** Inspect at most this many data rows. Defaults to all. */
  readonly maxRows?: number;
}

const DISTINCT_CAP = 100_000;
const EXAMPLES = 5;
const MISSING_TOKENS = ['NA', 'N/A', 'NULL', 'null', '.', '-'];
const PERSON_NAME = /^(pid|id|lnr|løpenr|lopenr|fnr|pnr|person|personid|person_id|personnr|patient|patientid|patient_id|pasient|pasientid|pasient_id|pasid|pas_id|pseudonym)$/i;
/** An integer column with at most this many distinct values is suggested as a dimension, else as a measure. */
const DIMENSION_MAX_DISTINCT = 200;
const ZERO = 0x30;
const SPACE = 0x20;

/** Running statistics of one column. */
class ColumnStats {
  readonly name: string;
  readonly dict = new ByteDictionary(64);
  capped = false;
  values = 0;
  empty = 0;
  readonly tokenCounts = new Float64Array(MISSING_TOKENS.length);
  readonly examples: string[] = [];
  integer = true;
  leadingZero = false;
  year = true;
  date = true;
  dot = true;
  comma = true;
  intMin = Infinity;
  intMax = -Infinity;
  dotMin = Infinity;
  dotMax = -Infinity;
  commaMin = Infinity;
  commaMax = -Infinity;
  dateMin = Infinity;
  dateMax = -Infinity;

  constructor(name: string) {
    this.name = name;
  }
}

/** The `BatchSink` that collects `ColumnStats` per header column. */
class Inspector implements BatchSink {
  columns: ColumnStats[] = [];
  rows = 0;
  readonly maxRows: number;
  private readonly codec: TextCodec;
  private readonly tokens: Uint8Array[];
  private readonly source: string;

  constructor(codec: TextCodec, maxRows: number, source: string) {
    this.codec = codec;
    this.maxRows = maxRows;
    this.source = source;
    this.tokens = MISSING_TOKENS.map((t) => new TextEncoder().encode(t));
  }

  get done(): boolean {
    return this.rows >= this.maxRows;
  }

  header(fields: readonly Uint8Array[], line: number): void {
    if (headerLooksLikeData(fields)) {
      // Not shown: the "names" would be the values of the first row, maybe a person id.
      throw new PrikkError('MALFORMED_INPUT', 'the first row looks like data (it has a number or a date), not a header: prikk needs a header row with column names', { file: this.source, line });
    }
    const names = fields.map((f) => this.codec.decodeLenient(f, 0, f.length));
    const seen = new Map<string, number>();
    names.forEach((name, i) => {
      const first = seen.get(name);
      if (first !== undefined) {
        throw new PrikkError('MALFORMED_INPUT', `the header has the same name in fields ${first + 1} and ${i + 1}; expected unique column names`, { file: this.source, line });
      }
      seen.set(name, i);
    });
    this.columns = names.map((n) => new ColumnStats(n));
  }

  batch(b: FieldBatch): void {
    const n = Math.min(b.rows, this.maxRows - this.rows);
    if (n <= 0) return;
    const F = b.fieldCount;
    for (let f = 0; f < F; f++) {
      const c = this.columns[f]!;
      for (let r = 0, k = f; r < n; r++, k += F) {
        let s = b.starts[k]!;
        const e = b.ends[k]!;
        let bytes = b.bytes;
        if (s < 0) {
          s = ~s;
          bytes = b.overflow;
        }
        this.add(c, bytes, s, e);
      }
    }
    this.rows += n;
  }

  private add(c: ColumnStats, bytes: Uint8Array, s: number, e: number): void {
    if (s === e) {
      c.empty++;
      return;
    }
    for (let t = 0; t < this.tokens.length; t++) {
      const token = this.tokens[t]!;
      if (token.length === e - s && token.every((x, q) => bytes[s + q] === x)) {
        c.tokenCounts[t]!++;
        return;
      }
    }
    c.values++;
    if (!c.capped) {
      if (c.dict.find(bytes, s, e) < 0) {
        if (c.dict.size >= DISTINCT_CAP) c.capped = true;
        else {
          c.dict.addPrepared();
          if (c.examples.length < EXAMPLES) c.examples.push(this.codec.decodeLenient(bytes, s, e));
        }
      }
    }
    if (c.integer) {
      const v = parseIntegerBytes(bytes, s, e);
      if (v - v === 0) {
        if (v < c.intMin) c.intMin = v;
        if (v > c.intMax) c.intMax = v;
        let q = s;
        while (q < e && bytes[q] === SPACE) q++;
        if (bytes[q] === 0x2d || bytes[q] === 0x2b) q++;
        if (bytes[q] === ZERO && e - q > 1 && bytes[q + 1] !== SPACE) c.leadingZero = true;
      } else {
        c.integer = false;
      }
    }
    if (c.year) {
      const y = parseYearBytes(bytes, s, e);
      if (!(y >= 1800 && y <= 2200)) c.year = false;
    }
    if (c.date) {
      const d = parseDateBytes(bytes, s, e);
      if (d === d) {
        if (d < c.dateMin) c.dateMin = d;
        if (d > c.dateMax) c.dateMax = d;
      } else {
        c.date = false;
      }
    }
    if (c.dot) {
      const v = parseDecimalBytes(bytes, s, e, false);
      if (v === v) {
        if (v < c.dotMin) c.dotMin = v;
        if (v > c.dotMax) c.dotMax = v;
      } else {
        c.dot = false;
      }
    }
    if (c.comma) {
      const v = parseDecimalBytes(bytes, s, e, true);
      if (v === v) {
        if (v < c.commaMin) c.commaMin = v;
        if (v > c.commaMax) c.commaMax = v;
      } else {
        c.comma = false;
      }
    }
  }
}

/**
 * Inspects a CSV extract and suggests a schema: per column the narrowest type every value fits (date
 * `YYYY-MM-DD`, four-digit year in 1800-2200, integer, decimal, else code; integers written with leading zeros,
 * like municipality `0301`, are codes), the missing values (empty fields and common tokens such as `NA`), the
 * number of distinct values, min and max of numbers, and up to 5 example values. Backs `prikk inspect`.
 *
 * Privacy: a column that looks like a person id (a code or integer column where at least 20 values and 1 in 5
 * values are distinct, more than 100 000 distinct values, or a person-id name such as `pid`, `fnr`, `lnr`) is
 * marked `idLike`, and none of its values are reported, not even min and max. In a small sample other columns
 * (ages in 60 rows) can pass that bar too: they are then hidden as well, on the safe side.
 *
 * Suggested roles (a guess to check): the id-like column with a person-id name (else the first id-like column
 * with repeated values) is the person; other id-like columns are ignored; dates are attributes; codes and years
 * are dimensions; integers are dimensions with at most 200 distinct values, measures otherwise; decimals are
 * measures. Columns with missing values get `missing: 'category'` (codes) or `'exclude'` (numbers), and the
 * tokens found as `missingTokens`; a measure with negative values gets `min`.
 *
 * Decimal mark: as given, else `,` when some column needs it and none needs `.`.
 *
 * Cost: one pass over the input (or `maxRows` rows); memory O(distinct values, at most 100 000 per column).
 *
 * @throws PrikkError `INVALID_ARGUMENT` for bad options or input; `IO_ERROR` when a file cannot be read;
 *   `MALFORMED_INPUT` for an input the CSV reader rejects (ragged row, unterminated quote, empty input).
 * @example
 * const report = await inferSchema(new TextEncoder().encode('pid;kommune;alder\n1;0301;81\n1;0301;82\n2;1103;67\n'));
 * report.columns.map((c) => [c.name, c.type, c.role])
 * // [['pid', 'integer', 'person'], ['kommune', 'code', 'dimension'], ['alder', 'integer', 'dimension']]
 * report.schema.columns[0] // { name: 'pid', role: 'person' } (person ids are compared as text)
 */
export async function inferSchema(input: string | Uint8Array, options?: InspectOptions): Promise<SchemaInspection> {
  const { maxRows: maxRowsOption, ...csvOptions } = options ?? {};
  const isPath = typeof input === 'string';
  if (!isPath && !(input instanceof Uint8Array)) {
    throw new PrikkError('INVALID_ARGUMENT', 'inferSchema: input must be a file path or a Uint8Array');
  }
  if (isPath && input === '') throw new PrikkError('INVALID_ARGUMENT', 'inferSchema: the path must not be empty');
  if ((csvOptions as { recordKeys?: unknown }).recordKeys !== undefined) {
    throw new PrikkError('INVALID_ARGUMENT', 'inferSchema: options.recordKeys is for readCsv and readCsvBuffer (inferSchema keeps no persons)');
  }
  const opts = resolveCsvOptions(csvOptions, 'inferSchema', isPath ? input : 'buffer');
  const maxRows = maxRowsOption ?? Infinity;
  if (maxRows !== Infinity && (!Number.isSafeInteger(maxRows) || maxRows < 1)) {
    throw new PrikkError('INVALID_ARGUMENT', `inferSchema: options.maxRows must be a positive integer, got ${String(maxRows)}`);
  }
  const codec = new TextCodec(opts.encoding);
  const inspector = new Inspector(codec, maxRows, opts.source);
  const stream = new CsvStream({ source: opts.source, sink: inspector, encoding: opts.encoding, delimiter: opts.delimiter });
  if (isPath) {
    await readFileChunks(input, opts.chunkSize, opts.source, (chunk) => {
      stream.push(chunk);
      return !inspector.done;
    });
  } else {
    for (let i = 0; i < input.length && !inspector.done; i += opts.chunkSize) {
      stream.push(input.subarray(i, Math.min(input.length, i + opts.chunkSize)));
    }
  }
  const truncated = inspector.done;
  if (!truncated) stream.end();
  if (stream.delimiter === undefined || (inspector.columns.length === 0 && !truncated)) {
    throw new PrikkError('MALFORMED_INPUT', 'expected a header row, the input is empty', { file: opts.source });
  }
  return report(inspector, opts.source, stream, opts.encoding, opts.decimalComma, csvOptions.decimalComma !== undefined, truncated);
}

function report(
  inspector: Inspector,
  source: string,
  stream: CsvStream,
  encoding: 'utf8' | 'latin1',
  decimalCommaOption: boolean,
  decimalCommaGiven: boolean,
  truncated: boolean,
): SchemaInspection {
  const stats = inspector.columns;
  let decimalComma = decimalCommaOption;
  if (!decimalCommaGiven) {
    const needsComma = stats.some((c) => c.values > 0 && !c.integer && !c.dot && c.comma && !c.date);
    const needsDot = stats.some((c) => c.values > 0 && !c.integer && c.dot && !c.comma && !c.date);
    decimalComma = needsComma && !needsDot;
  }
  const columns: ColumnInspection[] = stats.map((c) => inspectColumn(c, decimalComma));
  // Choose the person column: a person-id name first, else the first id-like column with repeated values.
  let person = columns.findIndex((c) => c.idLike && PERSON_NAME.test(c.name));
  if (person < 0) person = columns.findIndex((c) => c.idLike && !c.distinctCapped && c.distinct < c.values);
  const finalColumns = columns.map((c, i) => {
    if (i === person) return { ...c, role: 'person' as const };
    if (c.idLike) return { ...c, role: 'ignore' as const, note: c.note ?? 'id-like, not person: ignored' };
    return c;
  });
  const specs: ColumnSpec[] = finalColumns.map((c, i) => suggestSpec(c, stats[i]!, decimalComma));
  return Object.freeze({
    source,
    dialect: Object.freeze({ delimiter: stream.delimiter!, hasBom: stream.hasBom, encoding, decimalComma }),
    rows: inspector.rows,
    truncated,
    columns: Object.freeze(finalColumns.map((c) => Object.freeze(c))),
    schema: Object.freeze({ columns: Object.freeze(specs) }),
  });
}

function inspectColumn(c: ColumnStats, decimalComma: boolean): ColumnInspection {
  const missingTokens = MISSING_TOKENS.filter((_, t) => c.tokenCounts[t]! > 0);
  const missing = c.empty + c.tokenCounts.reduce((a, b) => a + b, 0);
  let type: ColumnType = 'code';
  let note: string | undefined;
  let min: number | undefined;
  let max: number | undefined;
  if (c.values === 0) {
    note = 'no values';
  } else if (c.date) {
    type = 'date';
    [min, max] = [c.dateMin, c.dateMax];
  } else if (c.integer && c.leadingZero) {
    note = 'leading zeros: read as code';
  } else if (c.integer) {
    type = c.year ? 'year' : 'integer';
    [min, max] = [c.intMin, c.intMax];
  } else if (!decimalComma && c.dot) {
    type = 'decimal';
    [min, max] = [c.dotMin, c.dotMax];
  } else if (decimalComma && c.comma) {
    type = 'decimal';
    [min, max] = [c.commaMin, c.commaMax];
  } else if (c.comma || c.dot) {
    note = `numbers with '${decimalComma ? '.' : ','}' as decimal mark: read as code`;
  }
  const distinct = c.dict.size;
  const personName = PERSON_NAME.test(c.name);
  const idLike =
    (type === 'code' || type === 'integer') &&
    c.values > 0 &&
    (c.capped || personName || (distinct >= 20 && distinct * 5 >= c.values));
  let role: ColumnRole;
  if (c.values === 0) role = 'ignore';
  else if (type === 'date') role = 'attribute';
  else if (type === 'decimal') role = 'measure';
  else if (type === 'integer') role = distinct <= DIMENSION_MAX_DISTINCT && !c.capped ? 'dimension' : 'measure';
  else role = 'dimension';
  const base = {
    name: c.name,
    type,
    role,
    values: c.values,
    missing,
    missingTokens: Object.freeze(missingTokens),
    distinct,
    distinctCapped: c.capped,
    idLike,
    examples: Object.freeze(idLike ? [] : [...c.examples]),
  };
  const withRange = idLike || min === undefined ? base : { ...base, min, max: max! };
  return note === undefined ? withRange : { ...withRange, note };
}

function suggestSpec(c: ColumnInspection, stats: ColumnStats, decimalComma: boolean): ColumnSpec {
  if (c.role === 'ignore') return { name: c.name, role: 'ignore' };
  // Person ids are compared as text (type code), whatever they look like.
  const spec: { -readonly [K in keyof ColumnSpec]: ColumnSpec[K] } =
    c.role === 'person' ? { name: c.name, role: 'person' } : { name: c.name, role: c.role, type: c.type };
  if (c.missing > 0 && c.role !== 'person') spec.missing = c.type === 'code' ? 'category' : 'exclude';
  if (c.missingTokens.length > 0) spec.missingTokens = c.missingTokens;
  if (c.role === 'measure') {
    const min = c.type === 'integer' ? stats.intMin : decimalComma ? stats.commaMin : stats.dotMin;
    if (min < 0) spec.min = Math.floor(min);
  }
  return spec;
}
