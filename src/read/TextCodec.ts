import { Buffer } from 'node:buffer';
import { TextDecoder, TextEncoder } from 'node:util';

/** Text encodings the CSV reader understands. `latin1` is ISO-8859-1 (every byte is one character). */
export type TextEncodingName = 'utf8' | 'latin1';

const MAX_SHOWN = 40;

/**
 * Turns field bytes into strings for one read: UTF-8 (strict: invalid bytes throw) or ISO-8859-1, and renders
 * values safely for error messages. Strings are made only for header names and for a dictionary value seen for
 * the first time, never per field.
 *
 * Cost: `decode` is O(length); ASCII text takes a fast path without a decoder call.
 *
 * @example
 * const codec = new TextCodec('latin1');
 * codec.decode(Uint8Array.of(0x54, 0x72, 0x6f, 0x6d, 0x73, 0xf8), 0, 6) // 'Tromsø'
 * new TextCodec('utf8').decode(Uint8Array.of(0xff), 0, 1)              // throws TypeError (invalid UTF-8)
 */
export class TextCodec {
  readonly encoding: TextEncodingName;
  private readonly strict: TextDecoder | undefined;
  private readonly lenient: TextDecoder | undefined;
  private encodeScratch = new Uint8Array(256);
  private readonly encoder = new TextEncoder();

  constructor(encoding: TextEncodingName) {
    this.encoding = encoding;
    if (encoding === 'utf8') {
      this.strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
      this.lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    }
  }

  /**
   * Decodes `bytes[start..end)`.
   *
   * @throws TypeError when the encoding is UTF-8 and the bytes are not valid UTF-8 (the caller adds the location).
   */
  decode(bytes: Uint8Array, start: number, end: number): string {
    const len = end - start;
    if (len <= 64) {
      let ascii = true;
      for (let i = start; i < end; i++) {
        if (bytes[i]! >= 0x80) {
          ascii = false;
          break;
        }
      }
      if (ascii) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
    }
    if (this.strict !== undefined) return this.strict.decode(bytes.subarray(start, end));
    return Buffer.from(bytes.buffer, bytes.byteOffset + start, len).toString('latin1');
  }

  /** Decodes without throwing (invalid UTF-8 becomes U+FFFD); for messages only. */
  decodeLenient(bytes: Uint8Array, start: number, end: number): string {
    if (this.lenient !== undefined) return this.lenient.decode(bytes.subarray(start, end));
    return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  }

  /**
   * Renders a field for an error message: quoted, control characters escaped, cut after 40 characters.
   * Never call this for a person id.
   */
  show(bytes: Uint8Array, start: number, end: number): string {
    return showText(this.decodeLenient(bytes, start, Math.min(end, start + MAX_SHOWN * 4)), end - start > MAX_SHOWN);
  }

  /**
   * Encodes `text` in the codec's encoding into a scratch buffer owned by the codec and returns it with the byte
   * length (the buffer is overwritten by the next call), or `undefined` when latin1 cannot represent the text
   * (a character above U+00FF).
   */
  encode(text: string): { readonly bytes: Uint8Array; readonly length: number } | undefined {
    if (this.encodeScratch.length < text.length * 3) this.encodeScratch = new Uint8Array(text.length * 3 + 64);
    if (this.encoding === 'latin1') {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c > 0xff) return undefined;
        this.encodeScratch[i] = c;
      }
      return { bytes: this.encodeScratch, length: text.length };
    }
    const { written } = this.encoder.encodeInto(text, this.encodeScratch);
    return { bytes: this.encodeScratch, length: written };
  }
}

/**
 * Renders text for an error message: `'...'`, control characters and quotes escaped, cut after 40 characters.
 * Never call it with a person id. Cost O(40).
 *
 * @example
 * showText('a\nb')  // "'a\\nb'"
 */
export function showText(text: string, cut = false): string {
  const long = cut || text.length > MAX_SHOWN;
  const body = JSON.stringify(text.slice(0, MAX_SHOWN)).slice(1, -1).replace(/'/g, "\\'");
  return `'${body}${long ? '…' : ''}'`;
}

/**
 * True when `text` has no lone UTF-16 surrogate (so it has a UTF-8 encoding). Same as ES2024
 * `String.prototype.isWellFormed`. Cost O(length).
 *
 * @example
 * isWellFormedText('Tromsø')   // true
 * isWellFormedText('x\uD800')  // false
 */
export function isWellFormedText(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
