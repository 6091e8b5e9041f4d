/** `starts[k]` marks a field holding a JavaScript number in `numbers[k]` (in-memory input only). */
export const NUMBER_FIELD = -0x80000000;

const EMPTY = new Uint8Array(0);

/**
 * A batch of complete records as field offsets, row-major: field `f` of row `r` is slot `k = r * fieldCount + f`.
 * Its bytes are `bytes[starts[k] .. ends[k])` when `starts[k] >= 0`, `overflow[~starts[k] .. ends[k])` when
 * `NUMBER_FIELD < starts[k] < 0` (a field that crossed a chunk boundary or had `""` escapes, assembled by the
 * tokenizer), or the number `numbers[k]` when `starts[k] === NUMBER_FIELD`. An empty field has `start === end`.
 *
 * The unit of work between the producers (`CsvTokenizer`, the in-memory readers) and the consumers
 * (`ExtractBuilder`, the schema inspector): consumers go column by column over a batch in tight loops.
 *
 * Cost: memory `capacity × fieldCount × 8` bytes plus the overflow.
 *
 * @example
 * const b = new FieldBatch(1024);
 * b.setFieldCount(3);   // slots for 1024 records of 3 fields
 */
export class FieldBatch {
  /** Maximum records per batch. */
  readonly capacity: number;
  /** Fields per record; -1 until known (the CSV header). */
  fieldCount = -1;
  /** Complete records in the batch. */
  rows = 0;
  starts: Int32Array = new Int32Array(0);
  ends: Int32Array = new Int32Array(0);
  numbers: Float64Array = new Float64Array(0);
  /** Physical line where each record starts (0 when the input has no lines). */
  lines: Int32Array;
  /** The bytes non-negative offsets refer to (the current chunk). */
  bytes: Uint8Array = EMPTY;
  overflow: Uint8Array = new Uint8Array(4096);
  overflowLength = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.lines = new Int32Array(capacity);
  }

  /** Sizes the slot arrays for `fieldCount` fields per record. */
  setFieldCount(fieldCount: number): void {
    this.fieldCount = fieldCount;
    this.starts = new Int32Array(this.capacity * fieldCount);
    this.ends = new Int32Array(this.capacity * fieldCount);
  }

  /** Allocates `numbers` (in-memory input). */
  enableNumbers(): void {
    this.numbers = new Float64Array(this.capacity * Math.max(0, this.fieldCount));
  }

  /** Makes room for `extra` more overflow bytes. */
  reserve(extra: number): void {
    if (this.overflowLength + extra <= this.overflow.length) return;
    let n = this.overflow.length * 2;
    while (n < this.overflowLength + extra) n *= 2;
    const next = new Uint8Array(n);
    next.set(this.overflow.subarray(0, this.overflowLength));
    this.overflow = next;
  }

  /** Copies `bytes[start..end)` to the overflow and returns its overflow offset. */
  pushOverflow(bytes: Uint8Array, start: number, end: number): number {
    const len = end - start;
    this.reserve(len);
    const at = this.overflowLength;
    const o = this.overflow;
    if (len <= 32) for (let q = 0; q < len; q++) o[at + q] = bytes[start + q]!;
    else o.set(bytes.subarray(start, end), at);
    this.overflowLength = at + len;
    return at;
  }
}

/** Receives the header and the batches of records from a producer. */
export interface BatchSink {
  /** The header record: a copy of each field's bytes, and the line it is on. */
  header(fields: readonly Uint8Array[], line: number): void;
  /** A batch of complete records; the batch is reused after the call returns. */
  batch(batch: FieldBatch): void;
}
