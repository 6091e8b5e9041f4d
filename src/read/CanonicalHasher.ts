import { createHash, type Hash } from 'node:crypto';
import { TextEncoder } from 'node:util';

const BLOCK = 64 * 1024;

/**
 * sha256 of a canonical serialisation of in-memory input, so that `Extract.inputHash` identifies the data
 * whatever form it came in: `readRows` and `readColumns` over the same values give the same hash.
 *
 * Format (version 1): `prikk-canonical-v1\n`, then each column name as a string value, then every value row by
 * row, each as a tag byte and a payload: 0 missing (`null`/`undefined`); 1 string (uint32 LE byte length, UTF-8
 * bytes); 2 number (float64 LE); 3 bigint (as a string); 4 Date (float64 LE milliseconds); 5 anything else.
 *
 * Cost O(total value size); values are buffered in 64 KiB blocks.
 *
 * @example
 * const h = new CanonicalHasher(['age']);
 * h.add(42); h.add(null);
 * h.digest() // 64 hex digits, the same for readRows([{ age: 42 }, { age: null }]) and readColumns({ age: [42, null] })
 */
export class CanonicalHasher {
  private readonly hash: Hash = createHash('sha256');
  private readonly block = new Uint8Array(BLOCK);
  private readonly view = new DataView(this.block.buffer);
  private readonly encoder = new TextEncoder();
  private pos = 0;

  constructor(names: readonly string[]) {
    this.hash.update('prikk-canonical-v1\n');
    for (const name of names) this.add(name);
  }

  /** Adds one value. */
  add(value: unknown): void {
    if (this.pos > BLOCK - 16) this.flush();
    if (value === null || value === undefined) {
      this.block[this.pos++] = 0;
    } else if (typeof value === 'string') {
      this.addString(1, value);
    } else if (typeof value === 'number') {
      this.block[this.pos] = 2;
      this.view.setFloat64(this.pos + 1, value, true);
      this.pos += 9;
    } else if (typeof value === 'bigint') {
      this.addString(3, String(value));
    } else if (value instanceof Date) {
      this.block[this.pos] = 4;
      this.view.setFloat64(this.pos + 1, value.getTime(), true);
      this.pos += 9;
    } else {
      this.block[this.pos++] = 5;
    }
  }

  /** The hex digest. Call once. */
  digest(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private addString(tag: number, text: string): void {
    if (text.length * 3 + 5 > BLOCK - this.pos) this.flush();
    if (text.length * 3 + 5 > BLOCK) {
      const bytes = this.encoder.encode(text);
      this.block[0] = tag;
      this.view.setUint32(1, bytes.length, true);
      this.hash.update(this.block.subarray(0, 5));
      this.hash.update(bytes);
      return;
    }
    const { written } = this.encoder.encodeInto(text, this.block.subarray(this.pos + 5));
    this.block[this.pos] = tag;
    this.view.setUint32(this.pos + 1, written, true);
    this.pos += 5 + written;
  }

  private flush(): void {
    if (this.pos > 0) this.hash.update(this.block.subarray(0, this.pos));
    this.pos = 0;
  }
}
