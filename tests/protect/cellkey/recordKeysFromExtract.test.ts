import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import { recordKeysFromExtract } from '../../../src/protect/cellkey/recordKeysFromExtract.js';
import { recordKeysFromIds } from '../../../src/protect/cellkey/recordKeysFromIds.js';
import { recordKeysFromReader } from '../../../src/protect/cellkey/recordKeysFromReader.js';
import { secretFingerprint } from '../../../src/random/secretFingerprint.js';
import type { CsvReadOptions } from '../../../src/read/CsvReadOptions.js';
import { readColumns } from '../../../src/read/readColumns.js';
import { readCsvBuffer } from '../../../src/read/readCsvBuffer.js';
import { readRows } from '../../../src/read/readRows.js';
import type { Schema } from '../../../src/read/Schema.js';
import { toCsv } from '../../read/helpers.js';

// The one-pass record keys (the readers' `recordKeys` option + recordKeysFromExtract) against three independent
// sources: node:crypto's createHmac over the ids as UTF-8 (a second HMAC implementation, with the person order
// computed here from the rows: first appearance among the kept rows), recordKeysFromIds over those ids, and
// recordKeysFromReader (the second read through the reader with the person column read as codes).

const SECRET = 'registry-secret-0123456789abcdef-0123456789';
const OTHER_SECRET = 'another-registry-secret-0123456789abcdef-XY';

/** The reference key of an id: the first 4 bytes of HMAC-SHA256(secret, UTF-8 id), big-endian. */
const hmacWord = (id: string, secret = SECRET): number => createHmac('sha256', secret).update(id, 'utf8').digest().readUInt32BE(0);

const SCHEMA: Schema = {
  columns: [
    { name: 'pid', role: 'person', missing: 'exclude' },
    { name: 'hospital', role: 'dimension' },
    { name: 'age', role: 'dimension', type: 'integer', missing: 'exclude' },
  ],
};

interface Row {
  readonly pid: string;
  readonly hospital: string;
  readonly age: number | null;
}

// Ids that need quoting (delimiter, quote, line break), keep spaces and leading zeros, are not ASCII (but are latin1),
// one person on many rows (P1), one seen only in an excluded row (age missing), one first seen in an excluded row.
const LATIN1_ROWS: readonly Row[] = [
  { pid: 'first-excluded', hospital: 'A', age: null },
  { pid: 'P1', hospital: 'A', age: 81 },
  { pid: 'semi;colon', hospital: 'B', age: 70 },
  { pid: 'P1', hospital: 'B', age: 82 },
  { pid: 'quote"inside', hospital: 'A', age: 65 },
  { pid: 'line\nbreak', hospital: 'C', age: 90 },
  { pid: 'P1', hospital: 'C', age: 83 },
  { pid: 'Tromsø', hospital: 'A', age: 77 },
  { pid: 'only-excluded', hospital: 'B', age: null },
  { pid: ' spaced ', hospital: 'B', age: 60 },
  { pid: 'Åse-Øvre', hospital: 'C', age: 71 },
  { pid: '0042', hospital: 'A', age: 55 },
  { pid: 'first-excluded', hospital: 'C', age: 66 },
  { pid: 'P1', hospital: 'A', age: 84 },
  { pid: '', hospital: 'A', age: 50 },
  { pid: 'Tromsø', hospital: 'B', age: 78 },
];
// UTF-8 only: characters beyond latin1 (CJK, an emoji outside the BMP).
const UTF8_ROWS: readonly Row[] = [...LATIN1_ROWS, { pid: '名前', hospital: 'A', age: 40 }, { pid: 'p🙂', hospital: 'B', age: 41 }, { pid: 'P1', hospital: 'B', age: 85 }];

/** Person ids in person-code order: first appearance among the kept rows (age and id present). */
function expectedIds(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) if (r.age !== null && r.pid !== '') seen.add(r.pid);
  return [...seen];
}

function csvText(rows: readonly Row[], quoteAll: boolean): string {
  return toCsv([['pid', 'hospital', 'age'], ...rows.map((r) => [r.pid, r.hospital, r.age === null ? '' : String(r.age)])], { delimiter: ';', quoteAll });
}

const CHUNKS = [1, 2, 3, 7, 64, 1 << 20];
const VARIANTS: readonly { readonly name: string; readonly rows: readonly Row[]; readonly bytes: (quoteAll: boolean) => Uint8Array; readonly encoding: 'utf8' | 'latin1' }[] = [
  { name: 'UTF-8', rows: UTF8_ROWS, bytes: (q) => Buffer.from(csvText(UTF8_ROWS, q), 'utf8'), encoding: 'utf8' },
  { name: 'UTF-8 with BOM', rows: UTF8_ROWS, bytes: (q) => Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from(csvText(UTF8_ROWS, q), 'utf8')]), encoding: 'utf8' },
  { name: 'latin1', rows: LATIN1_ROWS, bytes: (q) => Buffer.from(csvText(LATIN1_ROWS, q), 'latin1'), encoding: 'latin1' },
];

describe('recordKeysFromExtract after a read with the recordKeys option', () => {
  for (const v of VARIANTS) {
    for (const quoteAll of [false, true]) {
      it(`${v.name}${quoteAll ? ', every field quoted' : ''}: equals createHmac, recordKeysFromIds and recordKeysFromReader at chunk sizes ${CHUNKS.join(', ')}`, async () => {
        const bytes = v.bytes(quoteAll);
        const ids = expectedIds(v.rows);
        const reference = ids.map((id) => hmacWord(id));
        // The latin1 file really has one byte per character for ø (0xf8): not UTF-8 bytes.
        if (v.encoding === 'latin1') expect(bytes.includes(0xf8)).toBe(true);
        for (const chunkSize of CHUNKS) {
          const options: CsvReadOptions = { delimiter: ';', encoding: v.encoding, chunkSize };
          const extract = readCsvBuffer(bytes, SCHEMA, { ...options, recordKeys: { secret: SECRET } });
          expect(extract.person!.personCount).toBe(ids.length);
          const keys = recordKeysFromExtract(extract, { secret: SECRET });
          expect(Array.from(keys.keys)).toEqual(reference);
          expect(keys.toJSON()).toEqual({ source: 'hmac-sha256', bits: 32, per: 'person', secretFingerprint: secretFingerprint(SECRET) });
          expect(Array.from(keys.keys)).toEqual(Array.from(recordKeysFromIds(ids, { secret: SECRET }).keys));
          const read = (s: Schema) => readCsvBuffer(bytes, s, options);
          const again = await recordKeysFromReader({ extract, schema: SCHEMA, read, secret: SECRET });
          expect(Array.from(keys.keys)).toEqual(Array.from(again.keys));
          // 8-bit keys: the first byte of the same HMAC, k × 2^24, as both other paths give them.
          const k8 = recordKeysFromExtract(extract, { bits: 8 });
          expect(k8.bits).toBe(8);
          expect(Array.from(k8.keys)).toEqual(reference.map((w) => (w >>> 24) * 2 ** 24));
          expect(Array.from(k8.keys)).toEqual(Array.from((await recordKeysFromReader({ extract, schema: SCHEMA, read, secret: SECRET, bits: 8 })).keys));
          // An extract read without the option has the same person codes.
          expect(Array.from(extract.person!.codes)).toEqual(Array.from(readCsvBuffer(bytes, SCHEMA, options).person!.codes));
        }
      });
    }
  }

  it('gives every row of a person the same key, its own (P1 is on 5 kept rows)', () => {
    const extract = readCsvBuffer(VARIANTS[0]!.bytes(false), SCHEMA, { delimiter: ';', chunkSize: 5, recordKeys: { secret: SECRET } });
    const keys = recordKeysFromExtract(extract, { secret: SECRET });
    const kept = UTF8_ROWS.filter((r) => r.age !== null && r.pid !== '');
    expect(extract.rowCount).toBe(kept.length);
    const codes = extract.person!.codes;
    kept.forEach((r, i) => expect(keys.keys[codes[i]!]).toBe(hmacWord(r.pid)));
    const p1 = kept.flatMap((r, i) => (r.pid === 'P1' ? [codes[i]!] : []));
    expect(p1).toHaveLength(5); // rows 2, 4, 7 and 14 of LATIN1_ROWS and the last of UTF8_ROWS
    expect(new Set(p1).size).toBe(1);
    expect(keys.length).toBe(new Set(kept.map((r) => r.pid)).size);
  });

  it('readRows and readColumns with the option give the same keys as readCsvBuffer', () => {
    const fromCsv = recordKeysFromExtract(readCsvBuffer(VARIANTS[0]!.bytes(false), SCHEMA, { delimiter: ';', recordKeys: { secret: SECRET } }));
    const rows = UTF8_ROWS.map((r) => ({ pid: r.pid === '' ? null : r.pid, hospital: r.hospital, age: r.age }));
    const fromRows = recordKeysFromExtract(readRows(rows, SCHEMA, { recordKeys: { secret: SECRET } }));
    const fromColumns = recordKeysFromExtract(
      readColumns({ pid: rows.map((r) => r.pid), hospital: rows.map((r) => r.hospital), age: rows.map((r) => r.age) }, SCHEMA, { recordKeys: { secret: SECRET } }),
    );
    expect(Array.from(fromRows.keys)).toEqual(Array.from(fromCsv.keys));
    expect(Array.from(fromColumns.keys)).toEqual(Array.from(fromCsv.keys));
    // A number as a person id is hashed as its String(), as recordKeysFromIds hashes '17'.
    const numeric = readRows([{ pid: 17, hospital: 'A', age: 1 }], SCHEMA, { recordKeys: { secret: SECRET } });
    expect(recordKeysFromExtract(numeric).keys[0]).toBe(hmacWord('17'));
  });

  it('property: for random ids (any Unicode, quoted, repeated) and chunk sizes, every kept row carries HMAC(secret, its id)', () => {
    const id = fc.string({ unit: 'grapheme', minLength: 0, maxLength: 6 }).filter((s) => !s.includes('\r'));
    fc.assert(
      fc.property(
        fc.array(id, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.option(fc.integer({ min: 0, max: 99 }), { nil: null })), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        (pool, picks, chunkSize, quoteAll) => {
          const rows: Row[] = picks.map(([i, age]) => ({ pid: pool[i % pool.length]!, hospital: 'A', age }));
          const extract = readCsvBuffer(Buffer.from(csvText(rows, quoteAll), 'utf8'), SCHEMA, { delimiter: ';', chunkSize, recordKeys: { secret: SECRET } });
          const kept = rows.filter((r) => r.age !== null && r.pid !== '');
          expect(extract.rowCount).toBe(kept.length);
          const words = extract.person!.recordKeys!.words;
          expect(words.length).toBe(new Set(kept.map((r) => r.pid)).size);
          kept.forEach((r, i) => expect(words[extract.person!.codes[i]!]).toBe(hmacWord(r.pid)));
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });

  it('refuses an extract read without keys, keys of another secret, and an extract without persons, showing no key', () => {
    const bytes = VARIANTS[0]!.bytes(false);
    const plain = readCsvBuffer(bytes, SCHEMA, { delimiter: ';' });
    expect(() => recordKeysFromExtract(plain)).toThrow(/read without record keys; read it with the option recordKeys/);
    const withKeys = readCsvBuffer(bytes, SCHEMA, { delimiter: ';', recordKeys: { secret: SECRET } });
    let error: unknown;
    try {
      recordKeysFromExtract(withKeys, { secret: OTHER_SECRET });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PrikkError);
    const message = (error as PrikkError).message;
    expect(message).toMatch(/derived under another secret/);
    for (const w of withKeys.person!.recordKeys!.words) {
      expect(message).not.toContain(String(w));
      expect(message).not.toContain(w.toString(16).padStart(8, '0'));
    }
    expect(message).not.toContain(OTHER_SECRET);
    expect(message).not.toContain(SECRET);
    const noPerson = readRows([{ a: 'x' }], { columns: [{ name: 'a', role: 'dimension' }] });
    expect(() => recordKeysFromExtract(noPerson)).toThrow(/no person column/);
    expect(() => recordKeysFromExtract(withKeys, { bits: 16 as never })).toThrow(/bits must be 32 or 8/);
    expect(() => recordKeysFromExtract(withKeys, { secret: 'short' })).toThrow(/at least 32 bytes/);
    expect(() => recordKeysFromExtract(withKeys, { secrets: SECRET } as never)).toThrow(/unknown option 'secrets'/);
  });

  it('copies the keys: changing the RecordKeys leaves the extract as read', () => {
    const extract = readRows([{ pid: 'a', hospital: 'A', age: 1 }], SCHEMA, { recordKeys: { secret: SECRET } });
    const keys = recordKeysFromExtract(extract);
    keys.keys[0] = 0;
    expect(extract.person!.recordKeys!.words[0]).toBe(hmacWord('a'));
  });
});
