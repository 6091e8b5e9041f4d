import { PrikkError } from '../errors/PrikkError.js';
import { FieldBatch, type BatchSink } from './FieldBatch.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Between fields: the next byte starts a field. */
const S_START = 0;
/** Inside an unquoted field being assembled in the overflow. */
const S_UNQUOTED = 1;
/** Inside a quoted field being assembled in the overflow. */
const S_QUOTED = 2;
/** Inside a quoted field, just after a quote: a closing quote, or the first of a doubled one. */
const S_QUOTE_SEEN = 3;

/** Records per batch. */
const BATCH_ROWS = 1024;

/**
 * An incremental, byte-level CSV tokenizer (RFC 4180), fed chunk by chunk: the one parser behind `readCsv`,
 * `readCsvBuffer` and `inferSchema`. It hands its sink the header record, then batches of up to 1024 records
 * as field offsets (`FieldBatch`), so that the sink can work column by column.
 *
 * Dialect: a one-byte delimiter; fields may be quoted with `"`, and inside quotes the delimiter, CR, LF and
 * doubled quotes `""` (one `"`) are data. A quote inside an unquoted field is an ordinary character (`5"`, as
 * most readers do). A line ends at LF, CRLF or a lone CR. A fully blank line (nothing before its line end) is not
 * a record and is skipped; a line holding `""` is a record of one empty field. The last record may end without a
 * line end. Line numbers count physical lines (a record with a quoted line break spans several); a record is
 * located by the line it starts on.
 *
 * The hot loop scans unquoted fields with three comparisons per byte (measured faster than a table lookup) and records `(start, end)` offsets into the
 * chunk, with no copy; only a field that crosses a chunk boundary or contains `""` is assembled in the batch's
 * overflow buffer. After each chunk the batch is handed over and the incomplete last record is moved to the
 * overflow, so the caller may reuse the chunk. Memory: the batch and the longest record, not the input.
 *
 * Every record must have as many fields as the header; a ragged record, a character after a closing quote and
 * an unterminated quote are errors, raised after the records before them have been handed to the sink (so the
 * first problem in the file is the one reported).
 *
 * Cost: O(bytes).
 *
 * @throws PrikkError `MALFORMED_INPUT`: a ragged record (naming its line, its row and the expected and found field
 *   counts), a character after a closing quote (naming the line), or the end of the input inside a quoted field
 *   (naming the line where that field started).
 * @example
 * const t = new CsvTokenizer(0x3b, 'x.csv', sink);
 * t.push(new TextEncoder().encode('a;b\n1;"x;""y"""\n'));
 * t.end();
 * // sink.header gets the bytes of 'a' and 'b'; sink.batch gets one record: '1' and 'x;"y"'
 */
export class CsvTokenizer {
  private readonly delimiter: number;
  private readonly source: string;
  private readonly sink: BatchSink;
  private readonly batch = new FieldBatch(BATCH_ROWS);
  /** Header fields while the header record is read. */
  private headerFields: Uint8Array[] = [];
  /** Data records handed over so far (for row numbers in messages). */
  private rowsDone = 0;
  private state = S_START;
  /** Overflow offset where the field being assembled starts (state other than `S_START`). */
  private slowStart = 0;
  /** Current physical line (1-based). */
  private line = 1;
  /** Line where the current record started. */
  private recordLine = 1;
  /** Line where the field being assembled started. */
  private fieldLine = 1;
  /** Index of the current field within its record. */
  private col = 0;
  /** Offset of the current chunk in the whole input. */
  private base = 0;
  /** Offset in the whole input of the last CR that ended a line (an LF right after it belongs to it). */
  private crAt = -2;

  constructor(delimiter: number, source: string, sink: BatchSink) {
    if (delimiter === QUOTE || delimiter === CR || delimiter === LF) {
      throw new PrikkError('INVALID_ARGUMENT', 'CsvTokenizer: the delimiter cannot be a quote or a line end');
    }
    this.delimiter = delimiter;
    this.source = source;
    this.sink = sink;
  }

  /**
   * Tokenizes the next chunk of the input. The chunk may be reused by the caller after the call returns.
   *
   * Readable reference version of the hot loop below (unquoted fields, which is nearly every field):
   * ```
   * while (i < n) {
   *   if (chunk[i] === '"') { quoted field: scan to the closing quote, counting line ends }
   *   else if (col === 0 && chunk[i] is CR or LF) { blank line (or the LF of a CRLF): skip it }
   *   else {
   *     j = first index >= i of a delimiter, CR or LF      // the only per-byte work
   *     if (none in this chunk) { move chunk[i..n) to the overflow; stop }
   *     starts[row * F + col] = i; ends[row * F + col] = j
   *     if (chunk[j] is the delimiter) col++
   *     else { end the record (check its field count, maybe hand over the batch); col = 0; line++ }
   *     i = j + 1
   *   }
   * }
   * ```
   */
  push(chunk: Uint8Array): void {
    const batch = this.batch;
    batch.bytes = chunk;
    const n = chunk.length;
    let i = 0;
    if (this.state !== S_START) i = this.slowField(chunk, 0);
    const d = this.delimiter;
    const base = this.base;
    let line = this.line;
    let col = this.col;
    let recordLine = this.recordLine;
    let F = batch.fieldCount;
    let starts = batch.starts;
    let ends = batch.ends;
    let rb = batch.rows * F;
    while (i < n) {
      const first = chunk[i]!;
      if (first === QUOTE) {
        // Quoted field: find the closing quote, counting line ends inside it.
        const fieldLine = line;
        let j = i + 1;
        while (j < n) {
          const c = chunk[j]!;
          if (c === QUOTE) break;
          if (c === LF) {
            if (base + j !== this.crAt + 1) line++;
          } else if (c === CR) {
            line++;
            this.crAt = base + j;
          }
          j++;
        }
        if (j >= n - 1) {
          // The chunk ends inside the field, or right after a quote that may be the first of a doubled pair.
          this.slowStart = batch.pushOverflow(chunk, i + 1, j);
          this.state = j < n ? S_QUOTE_SEEN : S_QUOTED;
          this.fieldLine = fieldLine;
          i = n;
          break;
        }
        const after = chunk[j + 1]!;
        if (after === d || after === LF || after === CR) {
          if (col < F) {
            starts[rb + col] = i + 1;
            ends[rb + col] = j;
          } else {
            this.extraField(col, chunk, i + 1, j);
          }
          i = j + 2;
          if (after === d) {
            col++;
            continue;
          }
          if (after === CR) this.crAt = base + j + 1;
          line++;
          this.line = line;
          this.col = 0;
          this.endRecord(col + 1, recordLine);
          col = 0;
          recordLine = line;
          F = batch.fieldCount;
          starts = batch.starts;
          ends = batch.ends;
          rb = batch.rows * F;
        } else if (after === QUOTE) {
          // A doubled quote: assemble the field in the overflow (slow path, rare).
          this.slowStart = batch.pushOverflow(chunk, i + 1, j + 1);
          this.state = S_QUOTED;
          this.fieldLine = fieldLine;
          this.line = line;
          this.col = col;
          this.recordLine = recordLine;
          i = this.slowField(chunk, j + 2);
          line = this.line;
          col = this.col;
          recordLine = this.recordLine;
          F = batch.fieldCount;
          starts = batch.starts;
          ends = batch.ends;
          rb = batch.rows * F;
        } else {
          this.line = line;
          throw this.malformed(line, 'expected the delimiter or a line end after the closing quote of a quoted field');
        }
        continue;
      }
      if (col === 0 && (first === LF || first === CR)) {
        // A blank line, or the LF of a CRLF whose CR ended the previous record.
        if (first === CR) {
          line++;
          this.crAt = base + i;
        } else if (base + i !== this.crAt + 1) {
          line++;
        }
        recordLine = line;
        i++;
        continue;
      }
      // Unquoted field.
      let j = i;
      while (j < n) {
        const c = chunk[j]!;
        if (c === d || c === LF || c === CR) break;
        j++;
      }
      if (j === n) {
        this.slowStart = batch.pushOverflow(chunk, i, n);
        this.state = S_UNQUOTED;
        this.fieldLine = line;
        i = n;
        break;
      }
      if (col < F) {
        starts[rb + col] = i;
        ends[rb + col] = j;
      } else {
        this.extraField(col, chunk, i, j);
      }
      const stop = chunk[j]!;
      i = j + 1;
      if (stop === d) {
        col++;
        continue;
      }
      if (stop === CR) this.crAt = base + j;
      line++;
      this.line = line;
      this.col = 0;
      this.endRecord(col + 1, recordLine);
      col = 0;
      recordLine = line;
      F = batch.fieldCount;
      starts = batch.starts;
      ends = batch.ends;
      rb = batch.rows * F;
    }
    this.line = line;
    this.col = col;
    this.recordLine = recordLine;
    this.base = base + n;
    this.endChunk();
  }

  /**
   * Ends the input: emits a last record that has no line end (a trailing delimiter at the very end means one
   * more, empty, field) and hands over the last batch.
   *
   * @throws PrikkError `MALFORMED_INPUT` when the input ends inside a quoted field.
   */
  end(): void {
    const batch = this.batch;
    switch (this.state) {
      case S_QUOTED:
        throw this.malformed(this.fieldLine, 'a quoted field starting on this line has no closing quote before the end of the input');
      case S_QUOTE_SEEN:
      case S_UNQUOTED:
        this.emitSlow();
        this.state = S_START;
        this.finishLast();
        break;
      default:
        if (this.col > 0) {
          if (this.col < batch.fieldCount) {
            const k = batch.rows * batch.fieldCount + this.col;
            batch.starts[k] = 0;
            batch.ends[k] = 0;
          } else {
            this.extraField(this.col, batch.overflow, 0, 0);
          }
          this.finishLast();
        }
    }
    this.handOver();
  }

  private finishLast(): void {
    const count = this.col + 1;
    this.col = 0;
    this.endRecord(count, this.recordLine);
  }

  /** A field beyond the slots of a record: collected while reading the header, else ignored (the record is ragged). */
  private extraField(col: number, bytes: Uint8Array, start: number, end: number): void {
    if (this.batch.fieldCount < 0) this.headerFields[col] = bytes.slice(start, end);
  }

  /** Records the field assembled in the overflow as field `col` of the current record. */
  private emitSlow(): void {
    const batch = this.batch;
    const F = batch.fieldCount;
    if (this.col < F) {
      const k = batch.rows * F + this.col;
      batch.starts[k] = ~this.slowStart;
      batch.ends[k] = batch.overflowLength;
    } else {
      this.extraField(this.col, batch.overflow, this.slowStart, batch.overflowLength);
    }
  }

  /** The end of a record of `count` fields: the header, or a data record checked and added to the batch. */
  private endRecord(count: number, recordLine: number): void {
    const batch = this.batch;
    if (count !== batch.fieldCount) {
      if (batch.fieldCount < 0) {
        const fields = this.headerFields;
        this.headerFields = [];
        batch.setFieldCount(count);
        this.sink.header(fields, recordLine);
        return;
      }
      this.handOver();
      throw new PrikkError('MALFORMED_INPUT', `expected ${batch.fieldCount} fields (as in the header), found ${count}`, {
        file: this.source,
        line: recordLine,
        row: this.rowsDone + 1,
      });
    }
    batch.lines[batch.rows] = recordLine;
    if (++batch.rows === batch.capacity) this.handOver();
  }

  /** Hands the complete records to the sink and moves the current record's slots to row 0. */
  private handOver(): void {
    const batch = this.batch;
    const rows = batch.rows;
    if (rows === 0) return;
    this.rowsDone += rows;
    this.sink.batch(batch);
    const F = batch.fieldCount;
    const from = rows * F;
    const keep = Math.min(this.col, F);
    for (let q = 0; q < keep; q++) {
      batch.starts[q] = batch.starts[from + q]!;
      batch.ends[q] = batch.ends[from + q]!;
    }
    batch.rows = 0;
  }

  /**
   * At the end of a chunk: hands over the complete records, then makes the incomplete record independent of the
   * chunk. Its fields are copied into the overflow, ahead of a field still being assembled there; the overflow
   * keeps only live bytes. A field that spans many chunks is not copied again (it stays at the overflow's front).
   */
  private endChunk(): void {
    const batch = this.batch;
    this.handOver();
    const F = batch.fieldCount;
    const keep = F < 0 ? 0 : Math.min(this.col, F);
    const assembling = this.state !== S_START;
    const starts = batch.starts;
    const ends = batch.ends;
    let fromChunk = false;
    let liveStart = assembling ? this.slowStart : batch.overflowLength;
    for (let q = 0; q < keep; q++) {
      const s = starts[q]!;
      if (s >= 0) {
        if (ends[q]! > s) fromChunk = true;
        else starts[q] = ends[q] = 0;
      } else {
        liveStart = Math.min(liveStart, ~s);
      }
    }
    if (!fromChunk) {
      // Only overflow bytes are live: slide them to the front.
      if (liveStart > 0) {
        batch.overflow.copyWithin(0, liveStart, batch.overflowLength);
        batch.overflowLength -= liveStart;
        for (let q = 0; q < keep; q++) {
          if (starts[q]! < 0) {
            starts[q] = ~(~starts[q]! - liveStart);
            ends[q] = ends[q]! - liveStart;
          }
        }
        if (assembling) this.slowStart -= liveStart;
      }
      if (!assembling && keep === 0) batch.overflowLength = 0;
      return;
    }
    // Rebuild the overflow: the record's fields in order, then the field being assembled.
    const old = batch.overflow;
    const oldLength = batch.overflowLength;
    const chunk = batch.bytes;
    batch.overflow = new Uint8Array(Math.max(4096, old.length));
    batch.overflowLength = 0;
    for (let q = 0; q < keep; q++) {
      const s = starts[q]!;
      if (s >= 0) {
        if (ends[q]! > s) {
          const at = batch.pushOverflow(chunk, s, ends[q]!);
          starts[q] = ~at;
          ends[q] = batch.overflowLength;
        }
      } else {
        const at = batch.pushOverflow(old, ~s, ends[q]!);
        starts[q] = ~at;
        ends[q] = batch.overflowLength;
      }
    }
    if (assembling) this.slowStart = batch.pushOverflow(old, this.slowStart, oldLength);
  }

  /**
   * Continues a field being assembled in the overflow (state `S_UNQUOTED`, `S_QUOTED` or `S_QUOTE_SEEN`) from
   * `chunk[i]`, one byte at a time; records it and handles its terminator. Returns the index after the
   * terminator, or `chunk.length` when the chunk ends first (the state is kept for the next chunk).
   */
  private slowField(chunk: Uint8Array, i: number): number {
    const n = chunk.length;
    const d = this.delimiter;
    const batch = this.batch;
    let state = this.state;
    while (i < n) {
      const c = chunk[i]!;
      if (state === S_UNQUOTED) {
        if (c === d || c === LF || c === CR) return this.finishSlow(c, i);
        batch.reserve(1);
        batch.overflow[batch.overflowLength++] = c;
      } else if (state === S_QUOTED) {
        if (c === QUOTE) {
          state = S_QUOTE_SEEN;
        } else {
          if (c === LF) {
            if (this.base + i !== this.crAt + 1) this.line++;
          } else if (c === CR) {
            this.line++;
            this.crAt = this.base + i;
          }
          batch.reserve(1);
          batch.overflow[batch.overflowLength++] = c;
        }
      } else if (c === QUOTE) {
        batch.reserve(1);
        batch.overflow[batch.overflowLength++] = QUOTE;
        state = S_QUOTED;
      } else if (c === d || c === LF || c === CR) {
        return this.finishSlow(c, i);
      } else {
        this.state = state;
        throw this.malformed(this.line, 'expected the delimiter or a line end after the closing quote of a quoted field');
      }
      i++;
    }
    this.state = state;
    return n;
  }

  private finishSlow(terminator: number, i: number): number {
    this.emitSlow();
    this.state = S_START;
    if (terminator === this.delimiter) {
      this.col++;
    } else {
      if (terminator === CR) this.crAt = this.base + i;
      this.line++;
      const count = this.col + 1;
      this.col = 0;
      this.endRecord(count, this.recordLine);
      this.recordLine = this.line;
    }
    return i + 1;
  }

  private malformed(line: number, message: string): PrikkError {
    // Records before the problem come first: their errors are earlier in the file.
    const keepCol = this.col;
    this.col = 0;
    this.handOver();
    this.col = keepCol;
    return new PrikkError('MALFORMED_INPUT', message, { file: this.source, line, row: this.rowsDone + 1 });
  }
}
