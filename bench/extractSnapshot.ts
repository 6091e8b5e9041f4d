/**
 * Saves an encoded `Extract` to disk and loads it back, so that the in-memory benchmarks start from the encoded
 * extract in about a second instead of re-reading a 10-million-row CSV in every child process. Loading is not
 * timed; the end-to-end benchmarks read the CSV.
 *
 * Format: a directory with `meta.json` (the object graph, typed arrays replaced by references) and one raw file per
 * typed array. Generic over the object graph (plain objects, arrays, Maps, typed arrays), so it follows the reader
 * when `Extract` grows fields.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Extract } from '../src/read/Extract.js';

type TypedArray =
  | Uint8Array | Uint16Array | Uint32Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

const TYPED: Readonly<Record<string, new (buffer: ArrayBuffer, offset: number, length: number) => TypedArray>> = {
  Uint8Array, Uint16Array, Uint32Array, Int8Array, Int16Array, Int32Array, Float32Array, Float64Array,
};

/** Writes `extract` into the directory `dir` (replaced atomically when it exists). */
export function saveExtract(extract: Extract, dir: string): void {
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  let files = 0;
  const encode = (value: unknown): unknown => {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const name = value.constructor.name;
      if (!(name in TYPED)) throw new Error(`saveExtract: cannot store a ${name}`);
      const file = `${files++}.bin`;
      writeFileSync(join(tmp, file), new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      return { $typed: name, file, length: (value as TypedArray).length };
    }
    if (value instanceof Map) return { $map: [...value.entries()].map(([k, v]) => [k, encode(v)]) };
    if (Array.isArray(value)) return value.map(encode);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
    }
    return value;
  };
  writeFileSync(join(tmp, 'meta.json'), JSON.stringify(encode(extract)));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
}

/** Reads an extract written by {@link saveExtract}. */
export function loadExtract(dir: string): Extract {
  const decode = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(decode);
    if (value !== null && typeof value === 'object') {
      const v = value as Record<string, unknown>;
      if (typeof v.$typed === 'string') {
        const bytes = readFileSync(join(dir, v.file as string));
        // Copy into a fresh, aligned buffer of the array's own.
        const buffer = new ArrayBuffer(bytes.byteLength);
        new Uint8Array(buffer).set(bytes);
        return new TYPED[v.$typed]!(buffer, 0, v.length as number);
      }
      if (Array.isArray(v.$map)) return new Map((v.$map as [unknown, unknown][]).map(([k, x]) => [k, decode(x)]));
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
    }
    return value;
  };
  return decode(JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'))) as Extract;
}
