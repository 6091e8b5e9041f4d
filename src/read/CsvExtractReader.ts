import { CsvStream } from './CsvStream.js';
import type { ResolvedCsvOptions } from './CsvReadOptions.js';
import type { Extract } from './Extract.js';
import { ExtractBuilder } from './ExtractBuilder.js';
import type { ResolvedSchema } from './resolveSchema.js';
import { TextCodec } from './TextCodec.js';

/**
 * The CSV-to-extract pipeline shared by `readCsv` and `readCsvBuffer`: a `CsvStream` (byte order mark,
 * delimiter, tokenizer) feeding an `ExtractBuilder`. Push chunks, then `finish` with the input's hash.
 *
 * Cost O(bytes).
 *
 * @throws PrikkError from the stream and the builder (see `readCsv`).
 * @example
 * const r = new CsvExtractReader(resolveSchema(schema, 'readCsv'), resolveCsvOptions({}, 'readCsv', 'x.csv'));
 * r.push(chunk1); r.push(chunk2);
 * r.finish(hash).rowCount
 */
export class CsvExtractReader {
  private readonly stream: CsvStream;
  private readonly builder: ExtractBuilder;

  constructor(schema: ResolvedSchema, options: ResolvedCsvOptions, totalBytes?: number) {
    this.builder = new ExtractBuilder(schema, {
      source: options.source,
      codec: new TextCodec(options.encoding),
      decimalComma: options.decimalComma,
      totalBytes,
      recordKeys: options.recordKeys,
    });
    this.stream = new CsvStream({ source: options.source, sink: this.builder, encoding: options.encoding, delimiter: options.delimiter });
  }

  /** Parses the next chunk (the caller may reuse it afterwards). */
  push(chunk: Uint8Array): void {
    this.stream.push(chunk);
  }

  /** Ends the input and returns the extract. */
  finish(inputHash: string): Extract {
    this.stream.end();
    return this.builder.finish(inputHash);
  }
}
