import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { inferSchema } from '../../src/read/inferSchema.js';
import { PersonRecordKeys } from '../../src/read/PersonRecordKeys.js';
import { readColumns } from '../../src/read/readColumns.js';
import { readCsv } from '../../src/read/readCsv.js';
import { readCsvBuffer } from '../../src/read/readCsvBuffer.js';
import { readRows } from '../../src/read/readRows.js';
import type { Schema } from '../../src/read/Schema.js';

// The readers' `recordKeys` option: checked before any byte is read, keys only for the persons of the rows used,
// nothing of the secret in the extract, and neither the keys nor the ids in any message.

const SECRET = 'registry-secret-0123456789abcdef-0123456789';
const hmacWord = (id: string): number => createHmac('sha256', SECRET).update(id, 'utf8').digest().readUInt32BE(0);

const SCHEMA: Schema = {
  columns: [
    { name: 'pid', role: 'person' },
    { name: 'kommune', role: 'dimension' },
    { name: 'alder', role: 'dimension', type: 'integer', missing: 'exclude' },
  ],
};
const CSV = 'pid;kommune;alder\nP-0001;0301;81\nP-0002;1103;\nP-0003;0301;67\nP-0001;5001;82\n';
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function caught(fn: () => unknown): PrikkError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PrikkError) return e;
    throw e;
  }
  throw new Error('expected a PrikkError');
}

describe('the recordKeys read option', () => {
  it('keys exactly the persons of the rows used, in person-code order (P-0002 is only in an excluded row)', () => {
    const x = readCsvBuffer(bytes(CSV), SCHEMA, { recordKeys: { secret: SECRET } });
    expect(x.reconciliation.excluded).toEqual({ 'missing:alder': 1 });
    expect(Array.from(x.person!.codes)).toEqual([0, 1, 0]);
    const keys = x.person!.recordKeys!;
    expect(keys).toBeInstanceOf(PersonRecordKeys);
    expect(Array.from(keys.words)).toEqual([hmacWord('P-0001'), hmacWord('P-0003')]);
    expect(keys.count).toBe(2);
    expect(Object.isFrozen(keys)).toBe(true);
    // Without the option the person column has no keys, and nothing else differs.
    const plain = readCsvBuffer(bytes(CSV), SCHEMA);
    expect(plain.person!.recordKeys).toBeUndefined();
    expect(Array.from(plain.person!.codes)).toEqual(Array.from(x.person!.codes));
  });

  it('readCsv (a file) gives the same keys as readCsvBuffer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prikk-keys-'));
    const path = join(dir, 'extract.csv');
    writeFileSync(path, CSV);
    const x = await readCsv(path, SCHEMA, { chunkSize: 3, recordKeys: { secret: new TextEncoder().encode(SECRET) } });
    expect(Array.from(x.person!.recordKeys!.words)).toEqual([hmacWord('P-0001'), hmacWord('P-0003')]);
  });

  it('never puts the secret in the extract: JSON and inspect show the count and the fingerprint, not the keys', () => {
    const x = readCsvBuffer(bytes(CSV), SCHEMA, { recordKeys: { secret: SECRET } });
    const json = JSON.stringify(x);
    const fingerprint = createHmac('sha256', SECRET).update('prikk:cell-key:secret-fingerprint:v1').digest().subarray(0, 8).toString('hex');
    expect(json).toContain(`"recordKeys":{"count":2,"secretFingerprint":"${fingerprint}"}`);
    const shown = `${json}\n${inspect(x, { depth: 10 })}`;
    for (const form of [SECRET, Buffer.from(SECRET).toString('hex'), Buffer.from(SECRET).toString('base64'), SECRET.slice(0, 16)]) {
      expect(shown).not.toContain(form);
    }
    for (const w of x.person!.recordKeys!.words) expect(json).not.toContain(String(w));
  });

  it('is checked before any data is read: a short secret (never shown), other fields, a schema without persons, inferSchema', async () => {
    const short = 'short-secret-hunter2';
    const e = caught(() => readCsvBuffer(bytes(CSV), SCHEMA, { recordKeys: { secret: short } }));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toMatch(/^readCsvBuffer: options.recordKeys: secret must be at least 32 bytes/);
    expect(e.message).not.toContain(short);
    expect(() => readCsvBuffer(bytes(CSV), SCHEMA, { recordKeys: { secret: SECRET, bits: 8 } as never })).toThrow(/options.recordKeys: unknown option 'bits' \(known: secret\)/);
    expect(() => readCsvBuffer(bytes(CSV), SCHEMA, { recordKeys: SECRET as never })).toThrow(/options.recordKeys must be an object \{ secret \}/);
    expect(() => readRows([], SCHEMA, { recordKeys: { secret: 42 } as never })).toThrow(/readRows: options.recordKeys: secret must be a string or a Uint8Array/);
    const noPerson: Schema = { columns: [{ name: 'kommune', role: 'dimension' }] };
    expect(() => readCsvBuffer(bytes(CSV), noPerson, { recordKeys: { secret: SECRET } })).toThrow(/readCsvBuffer: options.recordKeys needs a person column/);
    expect(() => readColumns({ kommune: ['0301'] }, noPerson, { recordKeys: { secret: SECRET } })).toThrow(/readColumns: options.recordKeys needs a person column/);
    // A missing file is not even opened: the option fails first.
    await expect(readCsv('/nonexistent/extract.csv', SCHEMA, { recordKeys: { secret: short } })).rejects.toThrow(/at least 32 bytes/);
    await expect(inferSchema(bytes(CSV), { recordKeys: { secret: SECRET } } as never)).rejects.toThrow(/inferSchema: options.recordKeys is for readCsv and readCsvBuffer/);
  });

  it('a reading error after persons were seen shows neither an id nor a key', () => {
    const ids = ['P-0001', 'P-0003'];
    const bad = `${CSV}P-0004;0301;eighty\n`;
    const e = caught(() => readCsvBuffer(bytes(bad), SCHEMA, { recordKeys: { secret: SECRET }, chunkSize: 8 }));
    expect(e.code).toBe('INVALID_VALUE');
    expect(e.message).toMatch(/expected an integer, got 'eighty'/);
    for (const id of [...ids, 'P-0004']) {
      expect(e.message).not.toContain(id);
      expect(e.message).not.toContain(String(hmacWord(id)));
      expect(e.message).not.toContain(hmacWord(id).toString(16).padStart(8, '0'));
    }
    expect(e.message).not.toContain(SECRET);
  });

  it('PersonRecordKeys checks its fields', () => {
    expect(() => new PersonRecordKeys([1] as never, '0123456789abcdef')).toThrow(/words must be a Uint32Array/);
    expect(() => new PersonRecordKeys(new Uint32Array(1), SECRET)).toThrow(/16 hex digits/);
    expect(JSON.stringify(new PersonRecordKeys(Uint32Array.of(0x80000000), '0123456789abcdef'))).toBe('{"count":1,"secretFingerprint":"0123456789abcdef"}');
  });
});
