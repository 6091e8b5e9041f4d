import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/read/readCsv.js';
import { readCsvBuffer } from '../../src/read/readCsvBuffer.js';
import type { Schema } from '../../src/read/Schema.js';
import { asyncErrorOf, utf8 } from './helpers.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prikk-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const schema: Schema = {
  columns: [
    { name: 'pid', role: 'person' },
    { name: 'sykehus', role: 'dimension' },
    { name: 'alder', role: 'dimension', type: 'integer' },
    { name: 'kostnad', role: 'measure', missing: 'exclude' },
  ],
};

describe('readCsv', () => {
  it('reads a file like readCsvBuffer reads its bytes, at any chunk size; inputHash = sha256 of the file', async () => {
    const lines = ['pid;sykehus;alder;kostnad'];
    for (let i = 0; i < 3000; i++) lines.push(`${1000 + (i >> 2)};"H ${i % 7}";${i % 90};${i % 13 === 0 ? '' : (i * 1.25).toFixed(2)}`);
    const text = '\uFEFF' + lines.join('\r\n');
    const path = join(dir, 'extract.csv');
    await writeFile(path, text);
    const expected = readCsvBuffer(utf8(text), schema, { source: path });
    for (const chunkSize of [1, 4096, 1 << 20]) {
      const x = await readCsv(path, schema, { chunkSize });
      expect(x.source).toBe(path);
      expect(x.reconciliation).toEqual(expected.reconciliation);
      expect([...x.columns]).toEqual([...expected.columns]);
      expect(x.person).toEqual(expected.person);
      expect(x.inputHash).toBe(createHash('sha256').update(utf8(text)).digest('hex'));
    }
    // Hand count: rows with i % 13 === 0 have no kostnad: i = 0, 13, ..., 2990 -> 231 rows.
    expect(expected.reconciliation).toEqual({ source: path, rowsRead: 3000, rowsUsed: 2769, excluded: { 'missing:kostnad': 231 } });
    expect(expected.person?.personCount).toBe(750);
  });

  it('errors name the file given as source', async () => {
    const path = join(dir, 'bad.csv');
    await writeFile(path, 'pid;sykehus;alder;kostnad\n1;A;x;1\n');
    const e = await asyncErrorOf(() => readCsv(path, schema, { source: 'utdrag-2024.csv' }));
    expect(e.message).toBe("utdrag-2024.csv, line 2, row 1, column 'alder': expected an integer, got 'x'");
  });

  it('a missing file is an IO_ERROR naming it', async () => {
    const path = join(dir, 'nope.csv');
    const e = await asyncErrorOf(() => readCsv(path, schema));
    expect(e.code).toBe('IO_ERROR');
    expect(e.message).toBe(`${path}: cannot open the file (ENOENT)`);
  });

  it('validates the path, options and schema before opening anything', async () => {
    expect((await asyncErrorOf(() => readCsv('', schema))).code).toBe('INVALID_ARGUMENT');
    expect((await asyncErrorOf(() => readCsv(join(dir, 'nope.csv'), schema, { chunkSize: -1 }))).code).toBe('INVALID_ARGUMENT');
    expect((await asyncErrorOf(() => readCsv(join(dir, 'nope.csv'), { columns: [] }))).code).toBe('INVALID_SCHEMA');
  });
});
