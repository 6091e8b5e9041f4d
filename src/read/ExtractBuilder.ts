import { TextEncoder } from 'node:util';
import { PrikkError, type PrikkErrorCode } from '../errors/PrikkError.js';
import { ByteDictionary } from './ByteDictionary.js';
import { FieldBatch, NUMBER_FIELD, type BatchSink } from './FieldBatch.js';
import type { CodeArray, CodeColumn, Column, Extract, NumberColumn, NumberColumnStats, PersonColumn, Reconciliation } from './Extract.js';
import type { PersonRecordKeys } from './PersonRecordKeys.js';
import { hashPersonIds } from './hashPersonIds.js';
import { headerLooksLikeData } from './headerLooksLikeData.js';
import { parseDateBytes } from './parseDateBytes.js';
import { parseDecimalBytes, parseIntegerBytes, parseYearBytes } from './parseNumberBytes.js';
import type { ResolvedRecordKeysOption } from './RecordKeysReadOption.js';
import type { ResolvedColumn, ResolvedSchema } from './resolveSchema.js';
import { isWellFormedText, showText, type TextCodec } from './TextCodec.js';

const K_PERSON = 0;
const K_CODE = 1;
const K_INTEGER = 2;
const K_DECIMAL = 3;
const K_YEAR = 4;
const K_DATE = 5;

const M_ERROR = 0;
const M_EXCLUDE = 1;
const M_CATEGORY = 2;

/** Exclusion reasons are numbered `schemaIndex * 3 + kind`, so the smallest number is the first reason in schema order. */
const R_MISSING = 0;
const R_UNKNOWN = 1;
const R_RANGE = 2;
const REASON_NAMES = ['missing', 'unknown-code', 'out-of-range'];
const NO_EXCLUSION = 0x7fffffff;

const EMPTY = new Uint8Array(0);
const EMPTY16 = new Uint16Array(0);
const EMPTY32 = new Uint32Array(0);
const MS_PER_DAY = 86_400_000;
const TEXT_ENCODER = new TextEncoder();
const ZERO = 0x30;
const NINE = 0x39;
const DOT = 0x2e;
const COMMA = 0x2c;
/** Exact powers of ten 10^0 .. 10^15. */
const POW10 = Array.from({ length: 16 }, (_, k) => Number(`1e${k}`));

/** Options of an `ExtractBuilder`. */
export interface ExtractBuilderOptions {
  /** Required. Name of the input in messages and in the extract (`source`). */
  readonly source: string;
  /** Required. Decodes field bytes to dictionary strings (and encodes code lists to bytes). */
  readonly codec: TextCodec;
  /** Required. `,` as decimal mark in decimal columns. */
  readonly decimalComma: boolean;
  /** Defaults to 4096: the initial row capacity (arrays double as needed). */
  readonly expectedRows?: number | undefined;
  /**
   * The input's size in bytes, when known (a file, a buffer). Defaults to unknown. With it, the first batch's
   * bytes per row give a row-count estimate, and the arrays are sized once instead of doubling.
   */
  readonly totalBytes?: number | undefined;
  /**
   * Defaults to none. Derive the persons' record keys (`PersonRecordKeys`) when the extract is built; the schema must
   * have a person column.
   */
  readonly recordKeys?: ResolvedRecordKeysOption | undefined;
}

/** Per-column encoding state. One class for every kind, so that the hot code sees one object shape. */
class ColumnEncoder {
  readonly column: ResolvedColumn;
  readonly kind: number;
  /** Index of the column's field in a record (set from the header, or the schema order for in-memory input). */
  field = -1;
  readonly missing: number;
  /** Byte dictionary of a code or person column: the missing tokens first, then the values. Empty for numbers. */
  readonly dict: ByteDictionary;
  readonly tokenCount: number;
  /** Dictionary strings by code (code columns). */
  readonly strings: string[] = [];
  /** True when a code list fixes the dictionary. */
  readonly closed: boolean;
  readonly unknownExclude: boolean;
  /** Missing tokens as bytes (number columns). */
  readonly tokens: readonly Uint8Array[];
  readonly min: number;
  readonly max: number;
  readonly rangeExclude: boolean;
  /** Code of `missingLabel` once it is in the dictionary, else -1. */
  missingCode = -1;
  /** Dictionary entry of the previous field: the "same as previous value" fast path. */
  last = -1;
  /** Whether the fast path is worth trying: it is, when at least 1 field in 4 repeats the previous one. */
  useLast = true;
  lookups = 0;
  repeats = 0;
  /**
   * Codes per row, in the array for the current `width` (1, 2 or 4 bytes); the other two are empty. Three
   * monomorphic fields rather than one `CodeArray`, so that the store in the hot loop has one element type.
   */
  width: number;
  codes8: Uint8Array = EMPTY;
  codes16: Uint16Array = EMPTY16;
  codes32: Uint32Array = EMPTY32;
  values: Float64Array;

  constructor(column: ResolvedColumn, codec: TextCodec, capacity: number) {
    this.column = column;
    this.kind = kindOf(column);
    this.missing = column.missing === 'error' ? M_ERROR : column.missing === 'exclude' ? M_EXCLUDE : M_CATEGORY;
    this.closed = column.codes !== undefined;
    this.unknownExclude = column.unknownCodes === 'exclude';
    this.min = column.min;
    this.max = column.max;
    this.rangeExclude = column.outOfRange === 'exclude';
    const isDict = this.kind === K_PERSON || this.kind === K_CODE;
    this.dict = new ByteDictionary(isDict ? Math.max(16, (column.codes?.length ?? 0) + column.missingTokens.length + 1) : 1, this.kind === K_PERSON);
    const toBytes = (text: string, what: string): Uint8Array => {
      const encoded = codec.encode(text);
      if (encoded === undefined) {
        throw new PrikkError('INVALID_SCHEMA', `column '${column.name}': the ${what} ${showText(text)} cannot be written in ${codec.encoding}`);
      }
      return encoded.bytes.slice(0, encoded.length);
    };
    const tokens = column.missingTokens.map((t) => toBytes(t, 'missing token'));
    if (isDict) {
      for (const t of tokens) this.dict.findOrAdd(t, 0, t.length);
      this.tokens = [];
    } else {
      this.tokens = tokens;
    }
    this.tokenCount = isDict ? tokens.length : 0;
    if (column.codes !== undefined) {
      for (const code of column.codes) {
        const b = toBytes(code, 'code');
        this.dict.add(b, 0, b.length);
        this.strings.push(code);
      }
      if (column.missing === 'category') {
        const b = toBytes(column.missingLabel, 'missing label');
        const id = this.dict.findOrAdd(b, 0, b.length);
        if (id - this.tokenCount === this.strings.length) this.strings.push(column.missingLabel);
        this.missingCode = id - this.tokenCount;
      }
    }
    this.width = 0;
    if (this.kind === K_PERSON) this.setCodes(new Uint32Array(capacity));
    else if (this.kind === K_CODE) this.setCodes(codeArrayFor(Math.max(1, this.strings.length), capacity));
    this.values = this.kind >= K_INTEGER ? new Float64Array(capacity) : new Float64Array(0);
  }

  /** The codes array in use. */
  get codes(): CodeArray {
    return this.width === 1 ? this.codes8 : this.width === 2 ? this.codes16 : this.codes32;
  }

  setCodes(codes: CodeArray): void {
    this.codes8 = EMPTY;
    this.codes16 = EMPTY16;
    this.codes32 = EMPTY32;
    if (codes instanceof Uint8Array) {
      this.codes8 = codes;
      this.width = 1;
    } else if (codes instanceof Uint16Array) {
      this.codes16 = codes;
      this.width = 2;
    } else {
      this.codes32 = codes;
      this.width = 4;
    }
  }

  /** Stores `code` at `row`. */
  store(row: number, code: number): void {
    const w = this.width;
    if (w === 1) this.codes8[row] = code;
    else if (w === 2) this.codes16[row] = code;
    else this.codes32[row] = code;
  }

  grow(capacity: number): void {
    if (this.kind <= K_CODE) {
      const old = this.codes;
      const next = new (old.constructor as new (n: number) => CodeArray)(capacity);
      next.set(old);
      this.setCodes(next);
    } else {
      const next = new Float64Array(capacity);
      next.set(this.values);
      this.values = next;
    }
  }

  /** Moves rows `base + keep[q]` to `base + q` for `q < kept` (dropping excluded rows of a batch). */
  keepRows(base: number, keep: Int32Array, kept: number): void {
    if (this.kind <= K_CODE) {
      const codes = this.codes;
      for (let q = 0; q < kept; q++) codes[base + q] = codes[base + keep[q]!]!;
    } else {
      const values = this.values;
      for (let q = 0; q < kept; q++) values[base + q] = values[base + keep[q]!]!;
    }
  }

  /** Moves the codes to a wider array if `code` does not fit the current one. */
  fit(code: number, capacity: number): void {
    if (code < 2 ** (8 * this.width)) return;
    const next = codeArrayFor(code + 1, capacity);
    next.set(this.codes);
    this.setCodes(next);
  }
}

/**
 * Validates and encodes an extract into typed arrays, batch by batch and column by column, and builds the
 * immutable `Extract`. The one encoder behind every reader: the CSV tokenizer hands it batches of field offsets
 * (it is a `BatchSink`); `readRows` and `readColumns` hand it values through `setValue`, which fills the same
 * kind of batch. So every reader applies the same rules to the same text.
 *
 * Per column and batch, one tight loop: code columns are looked up byte-wise in a `ByteDictionary` (a string is
 * made only for a value seen the first time; a field equal to the previous one skips the hash when that pays);
 * person ids likewise, but never decoded to text; numbers are parsed from the bytes (`parseIntegerBytes`,
 * `parseDecimalBytes`, `parseYearBytes`, `parseDateBytes`) and checked against `[min, max]`.
 *
 * A row is excluded only when the schema allows it (`missing: 'exclude'`, `unknownCodes: 'exclude'`,
 * `outOfRange: 'exclude'`), and is counted under its first reason in schema order; any error anywhere in the row
 * stops the read, even in a row that would be excluded. The error raised is the first in the input (lowest row,
 * then leftmost field).
 *
 * The dictionaries of code columns without a code list, and the person codes, hold exactly the values of the
 * rows used, numbered in order of first appearance among them (values seen only in excluded rows are dropped at
 * the end, in one pass over the codes).
 *
 * With `recordKeys`, `finish` hashes each person id of the rows used once, from the bytes the person dictionary
 * holds (`hashPersonIds`), in person-code order; the dictionary, and with it every id, is dropped with the builder.
 *
 * Cost: O(total bytes), plus one HMAC per person with `recordKeys`; memory is the encoded columns (arrays grow by
 * doubling, and are trimmed at the end) plus the distinct values.
 *
 * @throws PrikkError as described on `readCsv` (MALFORMED_INPUT, UNKNOWN_COLUMN, INVALID_VALUE, MISSING_VALUE).
 * @example
 * const b = new ExtractBuilder(resolveSchema(schema, 'readRows'), { source: 'rows', codec, decimalComma: false });
 * b.useSchemaOrder();
 * b.setValue(0, 'p1'); b.setValue(1, '0301'); b.endRow();
 * b.finish('…').rowCount // 1
 */
export class ExtractBuilder implements BatchSink {
  private readonly schema: ResolvedSchema;
  private readonly source: string;
  private readonly codec: TextCodec;
  private readonly decimalComma: boolean;
  /** Encoders in schema order. */
  private readonly encoders: ColumnEncoder[];
  /** Encoders in field order (the order errors in one row are ranked by). */
  private active: ColumnEncoder[] = [];
  private started = false;
  private capacity: number;
  private used = 0;
  private rowsRead = 0;
  private readonly excludedCounts: Float64Array;
  /** Per row of the current batch: the smallest exclusion reason, or `NO_EXCLUSION`. */
  private rowReason = new Int32Array(0);
  private anyExcluded = false;
  /** The first error of the current batch (formatted when raised), and its row in the batch. */
  private error: PendingError | undefined;
  private errorRow = 0;
  private readonly personEncoder: ColumnEncoder | undefined;
  /** The batch `setValue` fills (in-memory input). */
  private own: FieldBatch | undefined;
  private ownLength = 0;
  private totalBytes: number | undefined;
  private readonly recordKeys: ResolvedRecordKeysOption | undefined;

  /** @throws PrikkError `INVALID_ARGUMENT` when `recordKeys` is given and the schema has no person column. */
  constructor(schema: ResolvedSchema, options: ExtractBuilderOptions) {
    this.schema = schema;
    this.source = options.source;
    this.codec = options.codec;
    this.decimalComma = options.decimalComma;
    this.capacity = Math.max(16, options.expectedRows ?? 4096);
    this.encoders = schema.columns.map((c) => new ColumnEncoder(c, options.codec, this.capacity));
    this.excludedCounts = new Float64Array((Math.max(...schema.columns.map((c) => c.schemaIndex)) + 1) * 3);
    this.totalBytes = options.totalBytes;
    this.personEncoder = this.encoders.find((e) => e.kind === K_PERSON);
    this.recordKeys = options.recordKeys;
    if (this.recordKeys !== undefined && this.personEncoder === undefined) {
      throw new PrikkError('INVALID_ARGUMENT', `${this.recordKeys.caller}: options.recordKeys needs a person column in the schema (record keys are per person)`);
    }
  }

  // ---- CSV input ------------------------------------------------------------------------------------------

  /** `BatchSink`: maps the header's names to the schema's columns. */
  header(fields: readonly Uint8Array[], line: number): void {
    const names = fields.map((f) => {
      try {
        return this.codec.decode(f, 0, f.length);
      } catch {
        throw new PrikkError('MALFORMED_INPUT', "invalid UTF-8 in the header (if the file is latin1, read it with encoding: 'latin1')", { file: this.source, line });
      }
    });
    const seen = new Map<string, number>();
    names.forEach((name, i) => {
      const first = seen.get(name);
      if (first !== undefined) {
        // The name is not shown: in a file without a header row it would be data.
        throw new PrikkError('MALFORMED_INPUT', `the header has the same name in fields ${first + 1} and ${i + 1}; expected unique column names`, { file: this.source, line });
      }
      seen.set(name, i);
    });
    for (const enc of this.encoders) {
      const index = seen.get(enc.column.name);
      if (index === undefined) {
        throw new PrikkError('UNKNOWN_COLUMN', `the schema's column '${enc.column.name}' is not in the header (${names.length} fields)${headerHint(fields, names, enc.column.name)}`, { file: this.source, line, column: enc.column.name });
      }
      enc.field = index;
    }
    this.start();
  }

  /** `BatchSink`: validates and encodes a batch of records. */
  batch(b: FieldBatch): void {
    const n = b.rows;
    const base = this.used;
    if (this.totalBytes !== undefined) this.estimateRows(b);
    while (base + n > this.capacity) this.grow();
    if (this.rowReason.length < n) this.rowReason = new Int32Array(b.capacity);
    this.rowReason.fill(NO_EXCLUSION, 0, n);
    this.anyExcluded = false;
    this.error = undefined;
    this.errorRow = n;
    for (const enc of this.active) {
      if (enc.kind <= K_CODE) this.encodeCodes(enc, b, n, base);
      else this.encodeNumbers(enc, b, n, base);
    }
    if (this.error !== undefined) this.raise(this.error, b);
    this.rowsRead += n;
    if (!this.anyExcluded) {
      this.used = base + n;
      return;
    }
    // Drop the excluded rows: keep[q] is the batch row that becomes row base + q.
    const reasons = this.rowReason;
    const keep = new Int32Array(n);
    let kept = 0;
    for (let r = 0; r < n; r++) {
      const reason = reasons[r]!;
      if (reason === NO_EXCLUSION) keep[kept++] = r;
      else this.excludedCounts[reason]!++;
    }
    for (const enc of this.active) enc.keepRows(base, keep, kept);
    this.used = base + kept;
  }

  // ---- in-memory input ------------------------------------------------------------------------------------

  /** In-memory input: the fields of a row are the schema's columns that are read, in schema order. */
  useSchemaOrder(): void {
    this.encoders.forEach((enc, i) => (enc.field = i));
    const b = new FieldBatch(1024);
    b.setFieldCount(this.encoders.length);
    b.enableNumbers();
    b.bytes = new Uint8Array(64 * 1024);
    this.own = b;
    this.start();
  }

  /** The number of columns `setValue` takes. */
  get columnCount(): number {
    return this.encoders.length;
  }

  /**
   * In-memory input: sets column `slot` (schema order) of the current row. Strings are read like CSV text;
   * numbers directly in numeric columns (checked like the text would be) and as their `String()` in code and
   * person columns; bigints as their `String()`; `null` and `undefined` are missing; a `Date` at midnight UTC is
   * accepted by a date column.
   *
   * @throws PrikkError `INVALID_VALUE` for a value of another type (after the rows before it are encoded).
   */
  setValue(slot: number, value: unknown): void {
    const b = this.own!;
    const enc = this.encoders[slot]!;
    const k = b.rows * b.fieldCount + slot;
    if (value === null || value === undefined) {
      b.starts[k] = 0;
      b.ends[k] = 0;
    } else if (typeof value === 'string') {
      this.setText(b, k, enc, value);
    } else if (typeof value === 'number') {
      if (enc.kind === K_DATE) this.rejectValue(enc, "expected a date as 'YYYY-MM-DD' or a Date, got the number {value}", String(value));
      else if (enc.kind >= K_INTEGER) {
        b.starts[k] = NUMBER_FIELD;
        b.numbers[k] = value;
      } else if (Number.isFinite(value)) this.setText(b, k, enc, String(value));
      else this.rejectValue(enc, enc.kind === K_PERSON ? 'expected a person id, got a number that is not finite' : `expected a code, got ${String(value)}`);
    } else if (typeof value === 'bigint') {
      this.setText(b, k, enc, String(value));
    } else if (value instanceof Date && enc.kind === K_DATE) {
      const t = value.getTime();
      if (!(Number.isFinite(t) && t % MS_PER_DAY === 0)) this.rejectValue(enc, 'expected a date; got a Date that is not at midnight UTC');
      b.starts[k] = NUMBER_FIELD;
      b.numbers[k] = t / MS_PER_DAY;
    } else {
      const what = value instanceof Date ? 'a Date' : `a value of type ${typeof value}`;
      this.rejectValue(enc, `expected a string, a number or null, got ${what}`);
    }
  }

  /** In-memory input: ends the current row. */
  endRow(): void {
    const b = this.own!;
    b.lines[b.rows] = 0;
    if (++b.rows === b.capacity) this.flushOwn();
  }

  // ---- the result -----------------------------------------------------------------------------------------

  /**
   * Builds the immutable extract: trims the columns to the rows used, drops dictionary values seen only in
   * excluded rows, and narrows each code array to the smallest type that holds its dictionary.
   *
   * @throws PrikkError `MALFORMED_INPUT` when a CSV input had no header row.
   */
  finish(inputHash: string): Extract {
    if (!this.started) {
      throw new PrikkError('MALFORMED_INPUT', 'expected a header row, the input is empty', { file: this.source });
    }
    if (this.own !== undefined) this.flushOwn();
    const n = this.used;
    const compact = this.rowsRead !== n;
    const columns = new Map<string, Column>();
    let person: PersonColumn | undefined;
    for (const enc of this.encoders) {
      const spec = enc.column.spec;
      if (enc.kind === K_PERSON) {
        const codes = enc.codes32.slice(0, n);
        let personCount = enc.dict.size - enc.tokenCount;
        // oldOf[p]: the dictionary code of person p, when excluded rows dropped some persons and renumbered the rest.
        const oldOf = compact ? renumberByFirstUse(codes, personCount) : undefined;
        if (oldOf !== undefined) personCount = oldOf.length;
        let recordKeys: PersonRecordKeys | undefined;
        if (this.recordKeys !== undefined) {
          // The ids' bytes are still in the person dictionary (entry = tokens + dictionary code): hash each used one once.
          const dict = enc.dict;
          const tokens = enc.tokenCount;
          const idBytes = oldOf === undefined ? (p: number) => dict.bytesOf(tokens + p) : (p: number) => dict.bytesOf(tokens + oldOf[p]!);
          recordKeys = hashPersonIds(personCount, idBytes, this.codec.encoding, this.recordKeys);
        }
        person = Object.freeze({ name: enc.column.name, codes, personCount, ...(recordKeys !== undefined ? { recordKeys } : {}) });
      } else if (enc.kind === K_CODE) {
        let codes: CodeArray = enc.codes.slice(0, n);
        let dictionary: readonly string[] = enc.strings;
        if (compact && !enc.closed) {
          const order = renumberByFirstUse(codes, enc.strings.length);
          dictionary = Array.from(order, (old) => enc.strings[old]!);
        }
        const narrow = codeArrayFor(Math.max(1, dictionary.length), 0);
        if (narrow.BYTES_PER_ELEMENT < codes.BYTES_PER_ELEMENT) {
          const next = codeArrayFor(Math.max(1, dictionary.length), n);
          next.set(codes);
          codes = next;
        }
        const column: CodeColumn = { kind: 'code', spec, codes, dictionary: Object.freeze([...dictionary]), fromCodeList: enc.closed };
        columns.set(enc.column.name, Object.freeze(column));
      } else {
        const values = enc.values.slice(0, n);
        const column: NumberColumn = { kind: 'number', spec, values, stats: numberColumnStats(values) };
        columns.set(enc.column.name, Object.freeze(column));
      }
    }
    const excluded: Record<string, number> = {};
    this.excludedCounts.forEach((count, reason) => {
      if (count === 0) return;
      const column = this.schema.columns.find((c) => c.schemaIndex === Math.floor(reason / 3))!;
      excluded[`${REASON_NAMES[reason % 3]}:${column.name}`] = count;
    });
    const reconciliation: Reconciliation = Object.freeze({
      source: this.source,
      rowsRead: this.rowsRead,
      rowsUsed: n,
      excluded: Object.freeze(excluded),
    });
    return Object.freeze({ source: this.source, rowCount: n, columns, person, reconciliation, inputHash });
  }

  // ---- column loops ---------------------------------------------------------------------------------------

  /**
   * Encodes one code or person column of a batch.
   *
   * Readable version of the loop:
   * ```
   * for each row r: field = bytes of the column's field in row r
   *   if (field is empty) -> missing
   *   id = field equals dictionary[last] ? last : dictionary.find(field) ?? (code list ? unknown code : add(field))
   *   if (id is a missing token) -> missing
   *   codes[base + r] = id - tokenCount
   * ```
   */
  private encodeCodes(enc: ColumnEncoder, b: FieldBatch, n: number, base: number): void {
    const F = b.fieldCount;
    const starts = b.starts;
    const ends = b.ends;
    const chunk = b.bytes;
    const over = b.overflow;
    const dict = enc.dict;
    const tokenCount = enc.tokenCount;
    const isPerson = enc.kind === K_PERSON;
    let last = enc.last;
    let useLast = enc.useLast;
    let lookups = enc.lookups;
    let repeats = enc.repeats;
    for (let r = 0, k = enc.field; r < n; r++, k += F) {
      let s = starts[k]!;
      const e = ends[k]!;
      let bytes = chunk;
      if (s < 0) {
        s = ~s;
        bytes = over;
      }
      if (s === e) {
        this.missingValue(enc, b, r, base);
        continue;
      }
      if (++lookups === 4096) {
        // Every 4096 fields, decide whether comparing with the previous value first pays (>= 1 in 4 repeats).
        useLast = repeats >= 1024;
        lookups = 0;
        repeats = 0;
      }
      let id: number;
      dict.prepare(bytes, s, e);
      if (useLast && last >= 0 && dict.matches(last)) {
        id = last;
        repeats++;
      } else if (isPerson) {
        id = dict.findOrAddPrepared();
        if (id === last) repeats++;
        last = id;
      } else {
        id = dict.findPrepared();
        if (id < 0) {
          if (enc.closed) {
            this.unknownCode(enc, b, r, bytes, s, e);
            continue;
          }
          id = this.addValue(enc, b, r, bytes, s, e);
          if (id < 0) continue;
        }
        if (id === last) repeats++;
        last = id;
      }
      if (id < tokenCount) {
        this.missingValue(enc, b, r, base);
        continue;
      }
      enc.store(base + r, id - tokenCount);
    }
    enc.last = last;
    enc.useLast = useLast;
    enc.lookups = lookups;
    enc.repeats = repeats;
  }

  /**
   * Encodes one numeric column of a batch.
   *
   * Readable version of the loop:
   * ```
   * for each row r: field = bytes of the column's field in row r
   *   if (field is empty or a missing token) -> missing
   *   v = parse(field)                     // integer, decimal, year or date (plain digits: inline fast path)
   *   if (v is NaN) -> invalid; if (v outside [min, max]) -> out of range
   *   values[base + r] = v
   * ```
   */
  private encodeNumbers(enc: ColumnEncoder, b: FieldBatch, n: number, base: number): void {
    const F = b.fieldCount;
    const starts = b.starts;
    const ends = b.ends;
    const chunk = b.bytes;
    const over = b.overflow;
    const values = enc.values;
    const kind = enc.kind;
    const min = enc.min;
    const max = enc.max;
    const comma = this.decimalComma;
    // The decimal mark for the fast path; an integer column has none (-1 never equals a byte).
    const mark = kind === K_DECIMAL ? (comma ? COMMA : DOT) : -1;
    const tokens = enc.tokens;
    const hasTokens = tokens.length > 0;
    for (let r = 0, k = enc.field; r < n; r++, k += F) {
      let s = starts[k]!;
      const e = ends[k]!;
      let bytes = chunk;
      let v: number;
      if (s < 0) {
        if (s === NUMBER_FIELD) {
          this.encodeNumber(enc, b, r, base, b.numbers[k]!);
          continue;
        }
        s = ~s;
        bytes = over;
      }
      if (s === e || (hasTokens && isToken(tokens, bytes, s, e))) {
        this.missingValue(enc, b, r, base);
        continue;
      }
      // Fast path for the common form, unsigned digits with at most one decimal mark and at most 15 digits:
      // then m / 10^f is exact-operand, correctly rounded, and equal to what the full parsers return.
      let m = 0;
      let f = -1;
      let q = s;
      if (e - s <= 16 && (kind === K_INTEGER || kind === K_DECIMAL)) {
        for (; q < e; q++) {
          const c = bytes[q]!;
          if (c >= ZERO && c <= NINE) {
            m = m * 10 + (c - ZERO);
            if (f >= 0) f++;
          } else if (c === mark && f < 0) {
            f = 0;
          } else {
            break;
          }
        }
      }
      if (q === e && e - s - (f >= 0 ? 1 : 0) > 0 && e - s - (f >= 0 ? 1 : 0) <= 15) {
        v = f > 0 ? m / POW10[f]! : m;
      } else {
        switch (kind) {
          case K_INTEGER:
            v = parseIntegerBytes(bytes, s, e);
            break;
          case K_DECIMAL:
            v = parseDecimalBytes(bytes, s, e, comma);
            break;
          case K_YEAR:
            v = parseYearBytes(bytes, s, e);
            break;
          default:
            v = parseDateBytes(bytes, s, e);
        }
      }
      if (v >= min && v <= max && v - v === 0) {
        values[base + r] = v;
        continue;
      }
      const shown = bytes.slice(s, e);
      if (v - v !== 0) this.invalid(enc, b, r, shown, v);
      else this.outOfRange(enc, b, r, base, shown);
    }
  }

  /**
   * A JavaScript number given for a numeric column (in-memory input), accepted exactly when its `String()` would
   * be: a safe integer, a finite decimal, a year 1000-9999.
   */
  private encodeNumber(enc: ColumnEncoder, b: FieldBatch, r: number, base: number, value: number): void {
    let ok: boolean;
    switch (enc.kind) {
      case K_INTEGER:
        ok = Number.isSafeInteger(value);
        break;
      case K_DECIMAL:
        ok = Number.isFinite(value);
        break;
      case K_YEAR:
        ok = Number.isInteger(value) && value >= 1000 && value <= 9999; // String(value) has four digits
        break;
      default:
        ok = true; // days of a Date, checked by setValue
    }
    const shown = TEXT_ENCODER.encode(String(value));
    if (!ok) this.invalid(enc, b, r, shown, enc.kind === K_INTEGER && Number.isInteger(value) ? Infinity : NaN);
    else if (value >= enc.min && value <= enc.max) enc.values[base + r] = value === 0 ? 0 : value;
    else this.outOfRange(enc, b, r, base, shown);
  }

  // ---- rows that fail -------------------------------------------------------------------------------------

  /** Adds the value prepared in the column's dictionary (`bytes[start..end)`), with its string. */
  private addValue(enc: ColumnEncoder, b: FieldBatch, r: number, bytes: Uint8Array, start: number, end: number): number {
    {
      let text: string;
      try {
        text = this.codec.decode(bytes, start, end);
      } catch {
        this.fail('MALFORMED_INPUT', enc, b, r, "invalid UTF-8 in this field (if the file is latin1, read it with encoding: 'latin1')");
        return -1;
      }
      enc.fit(enc.strings.length, this.capacity);
      enc.strings.push(text);
    }
    return enc.dict.addPrepared();
  }

  private missingValue(enc: ColumnEncoder, b: FieldBatch, r: number, base: number): void {
    switch (enc.missing) {
      case M_ERROR:
        if (enc.kind === K_PERSON) {
          this.fail('MISSING_VALUE', enc, b, r, "missing person id (every row needs one; the schema can say missing: 'exclude')");
        } else {
          const keep = enc.kind === K_CODE ? "'exclude' or 'category'" : "'exclude'";
          this.fail('MISSING_VALUE', enc, b, r, `expected ${expectation(enc, this.decimalComma)}, the value is missing (the schema can say missing: ${keep})`);
        }
        return;
      case M_EXCLUDE:
        this.exclude(r, enc.column.schemaIndex * 3 + R_MISSING);
        return;
      default:
        if (enc.missingCode < 0) enc.missingCode = this.addLabel(enc);
        enc.store(base + r, enc.missingCode);
    }
  }

  private addLabel(enc: ColumnEncoder): number {
    const label = enc.column.missingLabel;
    const encoded = this.codec.encode(label)!;
    let id = enc.dict.find(encoded.bytes, 0, encoded.length);
    if (id < 0) {
      enc.fit(enc.strings.length, this.capacity);
      enc.strings.push(label);
      id = enc.dict.addPrepared();
    }
    return id - enc.tokenCount;
  }

  private unknownCode(enc: ColumnEncoder, b: FieldBatch, r: number, bytes: Uint8Array, start: number, end: number): void {
    if (enc.unknownExclude) {
      this.exclude(r, enc.column.schemaIndex * 3 + R_UNKNOWN);
      return;
    }
    const n = enc.column.codes!.length;
    this.fail('INVALID_VALUE', enc, b, r, `expected a code from the column's code list (${n} codes), got {value}`, bytes.slice(start, end));
  }

  private outOfRange(enc: ColumnEncoder, b: FieldBatch, r: number, base: number, shown: Uint8Array): void {
    if (enc.rangeExclude) {
      this.exclude(r, enc.column.schemaIndex * 3 + R_RANGE);
      enc.values[base + r] = 0;
      return;
    }
    this.fail('INVALID_VALUE', enc, b, r, `expected ${rangeText(enc)}, got {value}`, shown);
  }

  private invalid(enc: ColumnEncoder, b: FieldBatch, r: number, shown: Uint8Array, parsed: number): void {
    let expected = expectation(enc, this.decimalComma);
    if (enc.kind === K_INTEGER && (parsed === Infinity || parsed === -Infinity)) {
      expected = `an integer between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`;
    }
    this.fail('INVALID_VALUE', enc, b, r, `expected ${expected}, got {value}`, shown);
  }

  private exclude(r: number, reason: number): void {
    if (reason < this.rowReason[r]!) this.rowReason[r] = reason;
    this.anyExcluded = true;
  }

  /**
   * Keeps the first error of the batch in input order (lowest row; in one row, the first field checked).
   * `{value}` in the message stands for `shown`, rendered when the error is raised.
   */
  private fail(code: PrikkErrorCode, enc: ColumnEncoder, b: FieldBatch, r: number, message: string, shown?: Uint8Array): void {
    if (r >= this.errorRow) return;
    const line = b.lines[r]!;
    this.errorRow = r;
    this.error = { code, column: enc.column.name, line: line > 0 ? line : undefined, row: this.rowsRead + r + 1, message, shown };
  }

  private raise(e: PendingError, b: FieldBatch): never {
    let message = e.message;
    if (e.shown !== undefined) {
      const rowPerson = this.personField(b, e.row - this.rowsRead - 1);
      // Containment is checked for ids of 4 bytes or more (a shorter substring identifies nobody); equality always.
      const hidden = rowPerson !== undefined && rowPerson.length >= 4 && contains(e.shown, rowPerson);
      message = message.replace('{value}', hidden ? "a value containing the row's person id (not shown)" : this.showValue(e.shown));
    }
    throw new PrikkError(e.code, message, { file: this.source, line: e.line, row: e.row, column: e.column });
  }

  /** The bytes of the person id in row `r` of a batch (a copy), if the schema has a person column. */
  private personField(b: FieldBatch, r: number): Uint8Array | undefined {
    const person = this.personEncoder;
    if (person === undefined) return undefined;
    const k = r * b.fieldCount + person.field;
    const s = b.starts[k]!;
    if (s === NUMBER_FIELD) return undefined;
    return s < 0 ? b.overflow.slice(~s, b.ends[k]!) : b.bytes.slice(s, b.ends[k]!);
  }

  /**
   * Renders a bad value for a message, unless it equals a person id seen so far (a shifted or misaligned row can
   * put a person id in another column): never print a person id.
   */
  private showValue(bytes: Uint8Array): string {
    const person = this.personEncoder;
    if (person !== undefined && bytes.length > 0 && person.dict.lookup(bytes, 0, bytes.length) >= person.tokenCount) {
      return 'a value equal to a person id (not shown)';
    }
    return this.codec.show(bytes, 0, bytes.length);
  }

  /** An in-memory value of the wrong type: encode the rows before it (their errors come first), then throw. */
  private rejectValue(enc: ColumnEncoder, message: string, shown?: string): never {
    this.flushOwn();
    const text = shown === undefined ? message : message.replace('{value}', this.showValue(TEXT_ENCODER.encode(shown)));
    throw new PrikkError('INVALID_VALUE', text, { file: this.source, row: this.rowsRead + 1, column: enc.column.name });
  }

  // ---- helpers --------------------------------------------------------------------------------------------

  private start(): void {
    this.active = [...this.encoders].sort((a, b) => a.field - b.field);
    this.started = true;
  }

  private setText(b: FieldBatch, k: number, enc: ColumnEncoder, text: string): void {
    if (!isWellFormedText(text)) this.rejectValue(enc, 'expected text, got a string with a lone UTF-16 surrogate');
    if (this.ownLength + text.length * 3 > b.bytes.length) {
      const next = new Uint8Array(Math.max(b.bytes.length * 2, this.ownLength + text.length * 3));
      next.set(b.bytes.subarray(0, this.ownLength));
      b.bytes = next;
    }
    const { written } = TEXT_ENCODER.encodeInto(text, b.bytes.subarray(this.ownLength));
    b.starts[k] = this.ownLength;
    this.ownLength += written;
    b.ends[k] = this.ownLength;
  }

  private flushOwn(): void {
    const b = this.own!;
    if (b.rows > 0) this.batch(b);
    b.rows = 0;
    this.ownLength = 0;
  }

  private grow(): void {
    this.setCapacity(this.capacity * 2);
  }

  private setCapacity(capacity: number): void {
    this.capacity = capacity;
    for (const enc of this.encoders) enc.grow(capacity);
  }

  /**
   * Sizes the arrays once from the first batch's bytes per row and the input's size (10 % headroom, at most one
   * row per `fieldCount` bytes); the arrays are trimmed to the rows used at the end.
   */
  private estimateRows(b: FieldBatch): void {
    const total = this.totalBytes!;
    this.totalBytes = undefined;
    const F = b.fieldCount;
    const first = b.starts[0]!;
    const last = b.ends[(b.rows - 1) * F + F - 1]!;
    if (b.rows < 64 || first < 0 || b.starts[(b.rows - 1) * F + F - 1]! < 0 || last <= first) return;
    const perRow = (last - first) / (b.rows - 1);
    // A record takes at least one byte per field (delimiters and the line end): a hard bound on the row count.
    const bound = Math.ceil(total / F) + 1024;
    const estimate = Math.min(bound, Math.ceil((total / perRow) * 1.1) + 1024);
    if (estimate > this.capacity && estimate < 2 ** 31) this.setCapacity(estimate);
  }
}

/** An error found while encoding a batch, raised (and formatted) after the whole batch is encoded. */
interface PendingError {
  readonly code: PrikkErrorCode;
  readonly column: string;
  readonly line: number | undefined;
  readonly row: number;
  readonly message: string;
  readonly shown: Uint8Array | undefined;
}

/**
 * The end of an UNKNOWN_COLUMN message. Header names are not listed (in a file without a header row they are
 * data, maybe person ids): it says when the first row looks like data, or names a near match (a typo, a case or
 * space difference; at most 2 edits).
 */
function headerHint(fields: readonly Uint8Array[], names: readonly string[], wanted: string): string {
  const dataLike = headerLooksLikeData(fields);
  if (dataLike) return '; the first row looks like data (it has a number or a date), not a header: the file needs a header row with column names';
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of names) {
    const d = editDistance(name.trim().toLowerCase(), wanted.trim().toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : `; did you mean ${showText(best)}?`;
}

/** True when `needle` occurs in `haystack`. */
function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let q = 0; q < needle.length; q++) if (haystack[i + q] !== needle[q]) continue outer;
    return true;
  }
  return false;
}

/** Levenshtein distance, capped: stops early when the strings differ in length by more than 2. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** What a column expects, for messages: `an integer`, `a decimal number with '.' as decimal mark`, ... */
function expectation(enc: ColumnEncoder, decimalComma: boolean): string {
  switch (enc.kind) {
    case K_PERSON:
      return 'a person id';
    case K_CODE:
      return 'a code';
    case K_INTEGER:
      return 'an integer';
    case K_DECIMAL:
      return decimalComma ? "a decimal number with ',' as decimal mark (no thousands separators)" : "a decimal number with '.' as decimal mark (no thousands separators)";
    case K_YEAR:
      return 'a four-digit year';
    default:
      return "a date as YYYY-MM-DD (a day that exists)";
  }
}

function rangeText(enc: ColumnEncoder): string {
  const lo = enc.min > -Infinity;
  const hi = enc.max < Infinity;
  if (lo && hi) return `a number >= ${enc.min} and <= ${enc.max}`;
  if (lo) return `a number >= ${enc.min}`;
  return `a number <= ${enc.max}`;
}

function kindOf(column: ResolvedColumn): number {
  if (column.role === 'person') return K_PERSON;
  switch (column.type) {
    case 'code':
      return K_CODE;
    case 'integer':
      return K_INTEGER;
    case 'decimal':
      return K_DECIMAL;
    case 'year':
      return K_YEAR;
    default:
      return K_DATE;
  }
}

function isToken(tokens: readonly Uint8Array[], bytes: Uint8Array, start: number, end: number): boolean {
  const len = end - start;
  outer: for (const t of tokens) {
    if (t.length !== len) continue;
    for (let k = 0; k < len; k++) if (t[k] !== bytes[start + k]) continue outer;
    return true;
  }
  return false;
}

/** The smallest unsigned array type whose range holds codes `0 .. count - 1`, with `length` elements. */
function codeArrayFor(count: number, length: number): CodeArray {
  if (count <= 0x100) return new Uint8Array(length);
  if (count <= 0x10000) return new Uint16Array(length);
  return new Uint32Array(length);
}

/**
 * Renumbers `codes` in place so that codes are `0 .. k - 1` in order of first appearance, and returns the old
 * code of each new one. Cost O(codes.length + size).
 */
function renumberByFirstUse(codes: CodeArray, size: number): Int32Array {
  const newOf = new Int32Array(size).fill(-1);
  const oldOf = new Int32Array(size);
  let next = 0;
  for (let r = 0; r < codes.length; r++) {
    const c = codes[r]!;
    let m = newOf[c]!;
    if (m < 0) {
      m = next++;
      newOf[c] = m;
      oldOf[m] = c;
    }
    codes[r] = m;
  }
  return oldOf.slice(0, next);
}

/**
 * The {@link NumberColumnStats} of a column's values, in one pass (once per number column, when the extract is built).
 * The same results as `aggregate`'s stats pass over all rows (`numberStats` in src/aggregate/flatHierarchyOf.ts).
 * Readable: min and max of the values that are not NaN, and whether every value satisfies `Number.isInteger`.
 */
function numberColumnStats(values: Float64Array): NumberColumnStats {
  let min = Infinity;
  let max = -Infinity;
  let allInteger = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    // Number.isInteger(v), inlined: finite (v - v is 0, not NaN) and whole.
    if (allInteger && !(Math.floor(v) === v && v - v === 0)) allInteger = false;
  }
  return Object.freeze({ min, max, allInteger });
}
