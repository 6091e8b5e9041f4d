/** The delimiters prikk reads. */
export type Delimiter = ';' | ',' | '\t';

/** What `detectDialect` found at the start of a CSV file. */
export interface Dialect {
  /** The delimiter that occurs most often outside quotes in the header line (ties: `;`, then tab, then `,`). */
  readonly delimiter: Delimiter;
  /** True when the bytes start with a UTF-8 byte order mark (EF BB BF). */
  readonly hasBom: boolean;
  /** True when the bytes start with a UTF-16 byte order mark (FF FE or FE FF): prikk does not read UTF-16. */
  readonly utf16: boolean;
  /** How the header line ends (`none`: the sample has no line end). */
  readonly lineEnding: 'lf' | 'crlf' | 'cr' | 'none';
  /** Number of fields in the header line with the chosen delimiter. */
  readonly headerFields: number;
  /** Occurrences of each candidate outside quotes in the header line. */
  readonly counts: Readonly<Record<Delimiter, number>>;
  /** True when the sample (the first 64 KiB) is valid UTF-8; when false, try `encoding: 'latin1'`. */
  readonly validUtf8: boolean;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SAMPLE = 64 * 1024;

/** Result of scanning the header line: where it starts and ends, and delimiter counts outside quotes. */
export interface HeaderScan {
  /** Index of the first byte of the header line (after the BOM and any blank lines). */
  readonly start: number;
  /** Index of the header's line end, or -1 when the bytes end before it. */
  readonly end: number;
  readonly semicolons: number;
  readonly commas: number;
  readonly tabs: number;
}

/**
 * Scans `bytes` from `from` for the header line: skips blank lines, then counts `;`, `,` and tab outside quotes up
 * to the first line end outside quotes (RFC 4180 quoting; a quote is special only at the start of a field, as in
 * `CsvTokenizer`). Cost O(header length). Never throws.
 *
 * @example
 * scanHeaderLine(new TextEncoder().encode('\na;"b;c",d\n1'), 0)
 * // { start: 1, end: 10, semicolons: 1, commas: 1, tabs: 0 }
 */
export function scanHeaderLine(bytes: Uint8Array, from: number): HeaderScan {
  let i = from;
  while (i < bytes.length && (bytes[i] === LF || bytes[i] === CR)) i++;
  const start = i;
  let semicolons = 0;
  let commas = 0;
  let tabs = 0;
  // As the tokenizer: a quote opens a quoted field only at the start of a field (after any candidate delimiter,
  // the delimiter being unknown yet); elsewhere it is an ordinary character.
  let fieldStart = true;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (fieldStart && b === QUOTE) {
      i++;
      for (;;) {
        if (i >= bytes.length) return { start, end: -1, semicolons, commas, tabs };
        if (bytes[i] === QUOTE) {
          if (bytes[i + 1] === QUOTE) i += 2;
          else break;
        } else {
          i++;
        }
      }
      i++;
      fieldStart = false;
      continue;
    }
    if (b === LF || b === CR) return { start, end: i, semicolons, commas, tabs };
    fieldStart = b === 0x3b || b === 0x2c || b === 0x09;
    if (b === 0x3b) semicolons++;
    else if (b === 0x2c) commas++;
    else if (b === 0x09) tabs++;
    i++;
  }
  return { start, end: -1, semicolons, commas, tabs };
}

/**
 * The delimiter a header scan points to: the most frequent of `;`, tab and `,`; ties prefer `;`, then tab; none
 * at all gives `,`. Cost O(1).
 *
 * @example
 * chooseDelimiter({ start: 0, end: 5, semicolons: 2, commas: 2, tabs: 0 }) // ';'
 */
export function chooseDelimiter(scan: HeaderScan): Delimiter {
  if (scan.semicolons >= scan.tabs && scan.semicolons >= scan.commas && scan.semicolons > 0) return ';';
  if (scan.tabs >= scan.commas && scan.tabs > 0) return '\t';
  return ',';
}

/**
 * Length of a UTF-8 byte order mark (EF BB BF) at the start of `bytes`: 3, or 0. Cost O(1).
 *
 * @example
 * bomLength(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61)) // 3
 */
export function bomLength(bytes: Uint8Array): number {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/**
 * True when `bytes` start with a UTF-16 byte order mark (FF FE or FE FF). Cost O(1).
 *
 * @example
 * hasUtf16Bom(Uint8Array.of(0xff, 0xfe, 0x61, 0x00)) // true
 */
export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/**
 * Detects the dialect of a CSV file from its first bytes: the delimiter (the candidate `;`, tab or `,` that
 * occurs most often outside quotes in the header line; ties prefer `;`, then tab, then `,`, and a header with
 * none of them is read as one column with `,`), a UTF-8 byte order mark, the line ending and whether the first
 * 64 KiB are valid UTF-8. Blank lines before the header are skipped.
 *
 * Follows RFC 4180 for quoting. Cost O(header length + 64 KiB). Never throws.
 *
 * @example
 * detectDialect(new TextEncoder().encode('\uFEFFpid;"a;b";cost\r\n1;2;3\r\n'))
 * // { delimiter: ';', hasBom: true, utf16: false, lineEnding: 'crlf', headerFields: 3,
 * //   counts: { ';': 2, ',': 0, '\t': 0 }, validUtf8: true }
 */
export function detectDialect(bytes: Uint8Array): Dialect {
  const bom = bomLength(bytes);
  const scan = scanHeaderLine(bytes, bom);
  const delimiter = chooseDelimiter(scan);
  const counts = { ';': scan.semicolons, ',': scan.commas, '\t': scan.tabs };
  let lineEnding: Dialect['lineEnding'] = 'none';
  if (scan.end >= 0) lineEnding = bytes[scan.end] === LF ? 'lf' : bytes[scan.end + 1] === LF ? 'crlf' : 'cr';
  let validUtf8 = true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, SAMPLE), { stream: true });
  } catch {
    validUtf8 = false;
  }
  return Object.freeze({
    delimiter,
    hasBom: bom > 0,
    utf16: hasUtf16Bom(bytes),
    lineEnding,
    headerFields: counts[delimiter] + 1,
    counts: Object.freeze(counts),
    validUtf8,
  });
}
