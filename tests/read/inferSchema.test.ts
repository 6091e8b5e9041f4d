import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatInspection } from '../../src/read/formatInspection.js';
import { inferSchema } from '../../src/read/inferSchema.js';
import { readCsvBuffer } from '../../src/read/readCsvBuffer.js';
import { asyncErrorOf, utf8 } from './helpers.js';

/** 600 rows: 200 persons (3 rows each), municipality codes with leading zeros, ages, years, dates, costs. */
function extract(decimalComma = false): string {
  const lines = ['pid;kommune;alder;aar;dato;kostnad;sykehus;notat'];
  for (let i = 0; i < 600; i++) {
    const pid = 19_000_000_000 + Math.floor(i / 3) * 7919;
    const cost = (i * 12.5 - (i === 7 ? 1000 : 0)).toFixed(1);
    lines.push(
      [pid, ['0301', '1103', '4601'][i % 3], 60 + (i % 30), 2020 + (i % 4), `2023-01-${String(1 + (i % 28)).padStart(2, '0')}`,
        decimalComma ? cost.replace('.', ',') : cost, i % 5 === 0 ? 'NA' : `HF${i % 4}`, i % 10 === 0 ? '' : `n${i}`].join(';'),
    );
  }
  return lines.join('\n') + '\n';
}

describe('inferSchema', () => {
  it('infers types, roles, missing values and counts (hand-counted)', async () => {
    const r = await inferSchema(utf8(extract()));
    expect(r.rows).toBe(600);
    expect(r.dialect).toEqual({ delimiter: ';', hasBom: false, encoding: 'utf8', decimalComma: false });
    const by = Object.fromEntries(r.columns.map((c) => [c.name, c]));
    expect(by.pid).toMatchObject({ type: 'integer', role: 'person', distinct: 200, values: 600, idLike: true, examples: [] });
    expect(by.pid!.min).toBeUndefined();
    expect(by.kommune).toMatchObject({ type: 'code', role: 'dimension', distinct: 3, examples: ['0301', '1103', '4601'], note: 'leading zeros: read as code' });
    expect(by.alder).toMatchObject({ type: 'integer', role: 'dimension', distinct: 30, min: 60, max: 89, idLike: false });
    expect(by.aar).toMatchObject({ type: 'year', role: 'dimension', distinct: 4, min: 2020, max: 2023 });
    expect(by.dato).toMatchObject({ type: 'date', role: 'attribute', distinct: 28, min: 19358, max: 19385 }); // 2023-01-01 = day 19358
    // kostnad: i * 12.5, with -1000 subtracted at i = 7: min 87.5 - 1000 = -912.5, max 599 * 12.5 = 7487.5.
    expect(by.kostnad).toMatchObject({ type: 'decimal', role: 'measure', min: -912.5, max: 7487.5 });
    // sykehus: 'NA' at i % 5 === 0 (120 rows) is a missing token.
    expect(by.sykehus).toMatchObject({ type: 'code', values: 480, missing: 120, missingTokens: ['NA'], distinct: 4 });
    // notat: empty at i % 10 === 0 (60 rows), 540 distinct values: id-like, so not shown, and not the person.
    expect(by.notat).toMatchObject({ type: 'code', role: 'ignore', missing: 60, distinct: 540, idLike: true, examples: [] });
    expect(r.schema.columns).toEqual([
      { name: 'pid', role: 'person' },
      { name: 'kommune', role: 'dimension', type: 'code' },
      { name: 'alder', role: 'dimension', type: 'integer' },
      { name: 'aar', role: 'dimension', type: 'year' },
      { name: 'dato', role: 'attribute', type: 'date' },
      { name: 'kostnad', role: 'measure', type: 'decimal', min: -913 },
      { name: 'sykehus', role: 'dimension', type: 'code', missing: 'category', missingTokens: ['NA'] },
      { name: 'notat', role: 'ignore' },
    ]);
    // The suggested schema reads the file.
    expect(readCsvBuffer(utf8(extract()), r.schema).rowCount).toBe(600);
  });

  it('finds a decimal comma when no column needs a point', async () => {
    const r = await inferSchema(utf8(extract(true)));
    expect(r.dialect.decimalComma).toBe(true);
    expect(r.columns.find((c) => c.name === 'kostnad')).toMatchObject({ type: 'decimal', min: -912.5 });
  });

  it('reads files, and stops at maxRows', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'prikk-inspect-'));
    try {
      const path = join(dir, 'x.csv');
      await writeFile(path, extract());
      const r = await inferSchema(path, { maxRows: 10, chunkSize: 64 });
      expect(r.rows).toBe(10);
      expect(r.truncated).toBe(true);
      expect(r.source).toBe(path);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file whose first row is data (it would print values, maybe person ids)', async () => {
    const e = await asyncErrorOf(() => inferSchema(utf8('19057312345;81;0301\n19057312345;82;0301\n')));
    expect(e.code).toBe('MALFORMED_INPUT');
    expect(e.message).not.toContain('19057312345');
  });

  it('formatInspection renders an aligned table without id-like values', async () => {
    const r = await inferSchema(utf8('pid;kommune;alder\n1;0301;81\n1;0301;82\n2;1103;67\n'), { source: 'x.csv' });
    expect(formatInspection(r)).toBe(
      [
        "x.csv: 3 rows, delimiter ';', utf8, decimal mark '.'",
        'column   type     role       values  missing  distinct  min  max  examples',
        'pid      integer  person          3        0         2            (id-like: values not shown)',
        'kommune  code     dimension       3        0         2            0301, 1103  [leading zeros: read as code]',
        'alder    integer  dimension       3        0         3   67   82  81, 82, 67',
      ].join('\n'),
    );
  });
});
