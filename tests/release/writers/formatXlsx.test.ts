import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PrikkError } from '../../../src/errors/PrikkError.js';
import type { ReleasedTable } from '../../../src/release/ReleasedTable.js';
import { formatXlsx } from '../../../src/release/writers/formatXlsx.js';
import { loadExcelJs } from '../../../src/release/writers/loadExcelJs.js';
import { sheetNames } from '../../../src/release/writers/sheetNames.js';
import { stampZipTimes } from '../../../src/release/writers/stampZipTimes.js';
import { dpTable, roundingTable, suppressionTable, trickyTable } from './fixtures.js';

const createdAt = new Date('2025-03-01T12:34:56Z');
const about: [string, string][] = [
  ['Dataset', 'hip-fracture registry 2025-01'],
  ['Recipient', 'Acme Medtech AS'],
  ['Purpose', 'Trial feasibility'],
  ['prikk version', '0.1.0'],
];

/** The row of a sheet whose first cells are these labels. */
function rowOf(sheet: ExcelJS.Worksheet, ...labels: string[]): ExcelJS.Row {
  for (let r = 3; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (labels.every((l, j) => row.getCell(j + 1).value === l)) return row;
  }
  throw new Error(`no row ${labels.join(', ')} in ${sheet.name}`);
}

/** Every text in column A. */
function columnA(sheet: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  sheet.eachRow((row) => out.push(String(row.getCell(1).value)));
  return out;
}

describe('formatXlsx', () => {
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    const bytes = await formatXlsx([suppressionTable, roundingTable, dpTable], { about, createdAt });
    expect(bytes).toBeInstanceOf(Uint8Array);
    // Read back with exceljs, from a plain Uint8Array copy (what a file read gives).
    book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  });

  it('has the About sheet first, then one sheet per table named after it', () => {
    expect(book.worksheets.map((s) => s.name)).toEqual(['About', 'by_hospital_sex', 'by_region', 'dp_by_year']);
  });

  it('sets the workbook created and modified time to createdAt', () => {
    expect(book.created.toISOString()).toBe('2025-03-01T12:34:56.000Z');
    expect(book.modified.toISOString()).toBe('2025-03-01T12:34:56.000Z');
    expect(book.creator).toBe('prikk');
  });

  it('writes the about pairs and links each table', () => {
    const sheet = book.getWorksheet('About')!;
    expect(sheet.getRow(2).values).toEqual([undefined, 'Recipient', 'Acme Medtech AS']);
    expect(columnA(sheet)).toContain('prikk version');
    const link = sheet.getRow(about.length + 3).getCell(1).value as { text: string; hyperlink: string };
    expect(link).toEqual({ text: 'by_hospital_sex', hyperlink: "#'by_hospital_sex'!A1" });
  });

  it('writes title, bold frozen header with an autofilter, and real numbers with number formats from decimals', () => {
    const sheet = book.getWorksheet('by_hospital_sex')!;
    expect(sheet.getCell('A1').value).toBe('Persons and cost by hospital and sex');
    expect(sheet.getRow(2).values).toEqual([undefined, 'hospital', 'sex', 'Persons', 'Sum of cost', 'Mean of cost', 'status']);
    expect(sheet.getCell('A2').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.autoFilter).toBe('A2:F14'); // header row 2, 12 cells in rows 3..14, 6 columns
    // C/F: 12 persons, cost 1234.5 (the released value, shown with 0 decimals), mean 1234.5 / 13.
    const cf = rowOf(sheet, 'C', 'F');
    expect(cf.getCell(3).value).toBe(12);
    expect(cf.getCell(3).numFmt).toBe('#,##0');
    expect(cf.getCell(4).value).toBe(1234.5);
    expect(cf.getCell(5).value).toBeCloseTo(94.9615384615, 9);
    expect(cf.getCell(5).numFmt).toBe('#,##0.0');
    expect(cf.getCell(6).value).toBe('published');
  });

  it('shows a hidden cell as its symbol, as right-aligned text on grey, never a number', () => {
    const sheet = book.getWorksheet('by_hospital_sex')!;
    const af = rowOf(sheet, 'A', 'F');
    for (const j of [3, 4, 5]) {
      expect(af.getCell(j).value).toBe('..');
      expect(af.getCell(j).alignment).toMatchObject({ horizontal: 'right' });
      expect(af.getCell(j).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    }
    expect(rowOf(sheet, 'A', 'M').getCell(3).value).toBe(':');
    expect(rowOf(book.getWorksheet('by_region')!, 'North').getCell(2).value).toBe('*');
  });

  it('writes the footnotes below the table: each legend entry with its count, and each note', () => {
    const a = columnA(book.getWorksheet('by_hospital_sex')!);
    expect(a).toContain('..: Hidden: fewer than 5 persons (1 cell)');
    expect(a).toContain(':: Hidden to protect another hidden cell (3 cells)');
    expect(a.at(-1)).toBe('Counts are of distinct persons.');
    expect(columnA(book.getWorksheet('by_region')!)).toContain('published: Rounded to the nearest 5 (3 cells)');
  });

  it('writes DP intervals as numbers in their own columns', () => {
    const sheet = book.getWorksheet('dp_by_year')!;
    expect(sheet.getRow(2).values).toEqual([undefined, 'year', 'Persons', 'Persons lower', 'Persons upper', 'status']);
    expect(rowOf(sheet, '2023').values).toEqual([undefined, '2023', 4, -3.2, 11.2, 'published']);
  });

  it('stores a label that looks like a formula as text, never as a formula', async () => {
    const bytes = await formatXlsx([trickyTable(['=1+1', '@SUM(A1)'])], { createdAt });
    const b = new ExcelJS.Workbook();
    await b.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const cell = b.getWorksheet('tricky')!.getCell('A3');
    expect(cell.value).toBe('=1+1');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
  });

  it('refuses a leaky table (checking every table before building anything), and bad options', async () => {
    const leaky = { ...roundingTable, cells: [{ coords: { region: 'North' }, status: 'small', persons: 987654 }, ...roundingTable.cells.slice(1)] };
    const error = await formatXlsx([suppressionTable, leaky as ReleasedTable]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrikkError);
    expect((error as PrikkError).message).toContain("table 'by_region'");
    expect((error as PrikkError).message).not.toContain('987654');
    await expect(formatXlsx([])).rejects.toThrow(/tables: expected a non-empty array/);
    await expect(formatXlsx([suppressionTable], { createdAt: new Date('nope') })).rejects.toThrow(/createdAt/);
    await expect(formatXlsx([suppressionTable], { about: [['only one']] as unknown as [string, string][] })).rejects.toThrow(/about/);
    await expect(formatXlsx([suppressionTable], { author: 'x' } as object)).rejects.toThrow(/unknown option 'author'/);
  });
});

describe('loadExcelJs', () => {
  it('says how to install exceljs when it is missing', async () => {
    const error = await loadExcelJs(() => Promise.reject(new Error("Cannot find package 'exceljs'"))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrikkError);
    expect((error as PrikkError).code).toBe('INVALID_ARGUMENT');
    expect((error as PrikkError).message).toBe(
      'formatXlsx: the optional package exceljs is not installed; npm install exceljs, or leave xlsx out of output.formats',
    );
  });

  it('loads the installed exceljs', async () => {
    expect(typeof (await loadExcelJs()).Workbook).toBe('function');
  });
});

describe('sheetNames', () => {
  it("follows Excel's rules: no []:*?/\\, at most 31 characters, not History, unique without regard to case", () => {
    expect(sheetNames(['by:hospital', 'a/b[c]*?\\', 'x'.repeat(40), 'About', 'about', 'History', "'quoted'", ''], ['About'])).toEqual([
      'by_hospital',
      'a_b_c____',
      'x'.repeat(31),
      'About (2)',
      'about (3)',
      'History (2)',
      'quoted',
      'Sheet',
    ]);
  });

  it('cuts a long taken name to fit its suffix, and never inside a surrogate pair', () => {
    const long = 'y'.repeat(35);
    expect(sheetNames([long, long])).toEqual(['y'.repeat(31), 'y'.repeat(27) + ' (2)']);
    expect(sheetNames(['z'.repeat(30) + '😀'])).toEqual(['z'.repeat(30)]);
  });
});

describe('formatXlsx bytes', () => {
  it('gives the same bytes for the same tables and createdAt, whatever the clock says while writing', async () => {
    // JSZip stamps each zip entry with new Date(); with the clock a year apart, only stampZipTimes makes them equal.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
      const a = await formatXlsx([suppressionTable, dpTable], { about, createdAt });
      vi.setSystemTime(new Date('2031-06-15T08:09:10Z'));
      const b = await formatXlsx([suppressionTable, dpTable], { about, createdAt });
      expect(Buffer.compare(a, b)).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('stampZipTimes', () => {
  // A one-entry stored ZIP written by hand from PKWARE APPNOTE 6.3.10 (§4.3.7 local header, §4.3.12 central header,
  // §4.3.16 end record): entry "a" holding "hi", CRC-32("hi") = 0xd8932aac, times 0.
  function tinyZip(): Uint8Array {
    const name = [0x61];
    const data = [0x68, 0x69];
    const u16 = (x: number): number[] => [x & 0xff, (x >> 8) & 0xff];
    const u32 = (x: number): number[] => [x & 0xff, (x >> 8) & 0xff, (x >> 16) & 0xff, (x >>> 24) & 0xff];
    const common = [...u16(10), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0xd8932aac), ...u32(2), ...u32(2), ...u16(1), ...u16(0)];
    const local = [...u32(0x04034b50), ...common, ...name, ...data];
    const central = [...u32(0x02014b50), ...u16(20), ...common, ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(0), ...name];
    const end = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(1), ...u16(1), ...u32(central.length), ...u32(local.length), ...u16(0)];
    return Uint8Array.from([...local, ...central, ...end]);
  }

  it('writes the DOS time and date into the local and the central header, and nothing else', () => {
    const zip = tinyZip();
    const out = stampZipTimes(zip, new Date('2025-03-01T12:34:56Z'));
    // DOS time = 12 << 11 | 34 << 5 | 56 / 2 = 24576 + 1088 + 28 = 25692 (0x645c);
    // DOS date = (2025 - 1980) << 9 | 3 << 5 | 1 = 23040 + 96 + 1 = 23137 (0x5a61).
    const view = new DataView(out.buffer);
    expect([view.getUint16(10, true), view.getUint16(12, true)]).toEqual([25692, 23137]); // local header
    const central = 30 + 1 + 2;
    expect([view.getUint16(central + 12, true), view.getUint16(central + 14, true)]).toEqual([25692, 23137]);
    const changed = [...out].flatMap((b, i) => (b === zip[i] ? [] : [i]));
    expect(changed.every((i) => [10, 11, 12, 13, central + 12, central + 13, central + 14, central + 15].includes(i))).toBe(true);
    expect([...zip.slice(10, 14)]).toEqual([0, 0, 0, 0]); // the input is not changed
  });

  it('uses 1980-01-01 for a date DOS cannot hold, and rejects what is not a zip', () => {
    const view = new DataView(stampZipTimes(tinyZip(), new Date('1970-01-01T00:00:00Z')).buffer);
    expect([view.getUint16(10, true), view.getUint16(12, true)]).toEqual([0, (0 << 9) | (1 << 5) | 1]);
    expect(() => stampZipTimes(new Uint8Array(100), new Date())).toThrow(/no end of central directory record/);
    expect(() => stampZipTimes(tinyZip(), new Date('x'))).toThrow(/date: expected a valid Date/);
  });
});
