import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/read/readCsv.js';

describe('readCsv onProgress', () => {
  it('reports bytes parsed so far, increasing, ending at the file size', async () => {
    const text = 'id;a\n' + Array.from({ length: 50 }, (_, i) => `${i};x${i % 3}`).join('\n') + '\n';
    const path = join(mkdtempSync(join(tmpdir(), 'prikk-progress-')), 'x.csv');
    writeFileSync(path, text);
    const calls: [number, number][] = [];
    const x = await readCsv(path, { columns: [{ name: 'id', role: 'person' }, { name: 'a', role: 'dimension' }] }, {
      chunkSize: 64,
      onProgress: (read, total) => calls.push([read, total]),
    });
    expect(x.rowCount).toBe(50);
    const size = Buffer.byteLength(text);
    // ceil(size / 64) chunks, each reported once with the file's size.
    expect(calls).toHaveLength(Math.ceil(size / 64));
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
    expect(calls.at(-1)).toEqual([size, size]);
  });
});
