import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ByteDictionary } from '../../src/read/ByteDictionary.js';
import { detectDialect, scanHeaderLine } from '../../src/read/detectDialect.js';
import { inferSchema } from '../../src/read/inferSchema.js';
import { parseDecimalBytes } from '../../src/read/parseNumberBytes.js';
import { readColumns } from '../../src/read/readColumns.js';
import { readCsv } from '../../src/read/readCsv.js';
import { readCsvBuffer } from '../../src/read/readCsvBuffer.js';
import { readRows } from '../../src/read/readRows.js';
import { utf8 } from './helpers.js';

/** The @example blocks of the TSDoc comments, checked: a documented result must be the real one. */
describe('TSDoc examples', () => {
  it('readCsv', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'prikk-ex-'));
    const path = join(dir, 'extract.csv');
    try {
      await writeFile(path, 'pid;sykehus;alder;kostnad\n17;A;81;1200.5\n17;B;81;\n');
      const x = await readCsv(path, { columns: [
        { name: 'pid', role: 'person' },
        { name: 'sykehus', role: 'dimension' },
        { name: 'alder', role: 'dimension', type: 'integer' },
        { name: 'kostnad', role: 'measure', missing: 'exclude' },
      ] }, { source: 'extract.csv' });
      expect(x.rowCount).toBe(1);
      expect(x.reconciliation).toEqual({ source: 'extract.csv', rowsRead: 2, rowsUsed: 1, excluded: { 'missing:kostnad': 1 } });
      expect(x.person?.personCount).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('readCsvBuffer', () => {
    const csv = utf8('pid;kommune;kostnad\n1;0301;1200,50\n2;1103;800\n');
    const x = readCsvBuffer(csv, { columns: [
      { name: 'pid', role: 'person' },
      { name: 'kommune', role: 'dimension' },
      { name: 'kostnad', role: 'measure' },
    ] }, { decimalComma: true });
    expect(x.rowCount).toBe(2);
    expect(x.columns.get('kommune')).toMatchObject({ kind: 'code', codes: Uint8Array.of(0, 1), dictionary: ['0301', '1103'] });
    expect(x.columns.get('kostnad')).toMatchObject({ kind: 'number', values: Float64Array.of(1200.5, 800) });
    expect(x.person).toEqual({ name: 'pid', codes: Uint32Array.of(0, 1), personCount: 2 });
  });

  it('readRows and readColumns', () => {
    const x = readRows([{ pid: 'a', age: 81 }, { pid: 'a', age: '82' }, { pid: 'b', age: null }],
      { columns: [{ name: 'pid', role: 'person' }, { name: 'age', role: 'dimension', type: 'integer', missing: 'exclude' }] });
    expect(x.columns.get('age')).toMatchObject({ kind: 'number', values: Float64Array.of(81, 82) });
    expect(x.person?.personCount).toBe(1);
    expect(x.reconciliation).toEqual({ source: 'rows', rowsRead: 3, rowsUsed: 2, excluded: { 'missing:age': 1 } });
    const y = readColumns({ pid: ['a', 'a', 'b'], cost: new Float64Array([10, 2.5, 7]) },
      { columns: [{ name: 'pid', role: 'person' }, { name: 'cost', role: 'measure' }] });
    expect(y.columns.get('cost')).toMatchObject({ kind: 'number', values: Float64Array.of(10, 2.5, 7) });
    expect(y.person).toEqual({ name: 'pid', codes: Uint32Array.of(0, 0, 1), personCount: 2 });
  });

  it('inferSchema', async () => {
    const report = await inferSchema(utf8('pid;kommune;alder\n1;0301;81\n1;0301;82\n2;1103;67\n'));
    // pid has 2 distinct values of 3: below the cardinality bar, but its name marks it as a person id.
    expect(report.columns.map((c) => [c.name, c.type, c.role])).toEqual([['pid', 'integer', 'person'], ['kommune', 'code', 'dimension'], ['alder', 'integer', 'dimension']]);
    expect(report.schema.columns[0]).toEqual({ name: 'pid', role: 'person' });
  });

  it('detectDialect, scanHeaderLine, parseDecimalBytes, ByteDictionary', () => {
    expect(detectDialect(utf8('\uFEFFpid;"a;b";cost\r\n1;2;3\r\n')).delimiter).toBe(';');
    expect(scanHeaderLine(utf8('\na;"b;c",d\n1'), 0)).toEqual({ start: 1, end: 10, semicolons: 1, commas: 1, tabs: 0 });
    expect(parseDecimalBytes(utf8('1.234,5'), 0, 7, true)).toBeNaN();
    const d = new ByteDictionary();
    const b = utf8('0301;1103;0301');
    expect([d.add(b, 0, 4), d.add(b, 5, 9), d.find(b, 10, 14), d.size]).toEqual([0, 1, 0, 2]);
  });
});
