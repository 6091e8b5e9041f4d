import { PrikkError } from '../errors/PrikkError.js';
import { CsvTokenizer } from './CsvTokenizer.js';
import type { BatchSink } from './FieldBatch.js';
import { bomLength, chooseDelimiter, hasUtf16Bom, scanHeaderLine, type Delimiter } from './detectDialect.js';
import type { TextEncodingName } from './TextCodec.js';

const LF = 0x0a;
const CR = 0x0d;
/** At most this many bytes are held back looking for the end of the header line. */
const MAX_HEADER = 1 << 20;

/** Options of a `CsvStream`. */
export interface CsvStreamOptions {
  /** Required. Name of the input in messages. */
  readonly source: string;
  /** Required. The receiver of fields and records. */
  readonly sink: BatchSink;
  /** Required. The text encoding, to check the byte order mark against. */
  readonly encoding: TextEncodingName;
  /** Defaults to detection from the header line (`detectDialect`). */
  readonly delimiter?: Delimiter | undefined;
}

/**
 * The front of every CSV read: holds back the first bytes until the header line is complete, checks the byte
 * order mark (a UTF-8 BOM is skipped; a UTF-16 BOM, or a UTF-8 BOM when `latin1` was asked for, is an error),
 * detects the delimiter when none was given, and then hands every byte to one `CsvTokenizer`.
 *
 * Cost: O(bytes); only the header line is buffered (copied once; at most 1 MiB is held back looking for its end).
 *
 * @throws PrikkError `MALFORMED_INPUT` for a UTF-16 file or a UTF-8 BOM in a file read as latin1; and whatever
 *   the tokenizer and the sink throw.
 * @example
 * const s = new CsvStream({ source: 'x.csv', encoding: 'utf8', sink });
 * s.push(new TextEncoder().encode('\uFEFFa;b\n1;2\n'));
 * s.end();
 * s.delimiter // ';'
 * s.hasBom    // true
 */
export class CsvStream {
  /** The delimiter in use (known once the header line has been seen). */
  delimiter: Delimiter | undefined;
  /** True when the input started with a UTF-8 BOM. */
  hasBom = false;
  private readonly options: CsvStreamOptions;
  private pending: Uint8Array = new Uint8Array(256);
  private pendingLength = 0;
  private tokenizer: CsvTokenizer | undefined;

  constructor(options: CsvStreamOptions) {
    this.options = options;
    this.delimiter = options.delimiter;
  }

  /** Feeds the next chunk of bytes. The caller may reuse the chunk after the call. */
  push(chunk: Uint8Array): void {
    if (this.tokenizer !== undefined) {
      this.tokenizer.push(chunk);
      return;
    }
    if (this.pendingLength + chunk.length > this.pending.length) {
      let n = this.pending.length * 2;
      while (n < this.pendingLength + chunk.length) n *= 2;
      const next = new Uint8Array(n);
      next.set(this.pending.subarray(0, this.pendingLength));
      this.pending = next;
    }
    this.pending.set(chunk, this.pendingLength);
    this.pendingLength += chunk.length;
    if (this.pendingLength > MAX_HEADER) {
      // No header line end in the first 1 MiB (a broken quote?): go on with what is there, the tokenizer will say.
      this.start();
    } else if (chunk.indexOf(LF) >= 0 || chunk.indexOf(CR) >= 0) {
      const bytes = this.pending.subarray(0, this.pendingLength);
      if (scanHeaderLine(bytes, bomLength(bytes)).end >= 0) this.start();
    }
  }

  /** Ends the input. */
  end(): void {
    if (this.tokenizer === undefined) this.start();
    this.tokenizer!.end();
  }

  private start(): void {
    const { source, encoding, sink } = this.options;
    const bytes = this.pending.subarray(0, this.pendingLength);
    if (hasUtf16Bom(bytes)) {
      throw new PrikkError('MALFORMED_INPUT', 'the file starts with a UTF-16 byte order mark; prikk reads UTF-8 or latin1: save it as UTF-8', { file: source, line: 1 });
    }
    const bom = bomLength(bytes);
    if (bom > 0 && encoding === 'latin1') {
      throw new PrikkError('MALFORMED_INPUT', "the file starts with a UTF-8 byte order mark but encoding 'latin1' was asked for: read it as 'utf8'", { file: source, line: 1 });
    }
    this.hasBom = bom > 0;
    if (this.delimiter === undefined) this.delimiter = chooseDelimiter(scanHeaderLine(bytes, bom));
    this.tokenizer = new CsvTokenizer(this.delimiter.charCodeAt(0), source, sink);
    this.tokenizer.push(bytes.subarray(bom));
    this.pending = new Uint8Array(0);
  }
}
