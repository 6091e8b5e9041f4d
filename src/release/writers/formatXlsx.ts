import { PrikkError } from '../../errors/PrikkError.js';
import type { ReleasedTable } from '../ReleasedTable.js';
import { assertNoHiddenValues } from './assertNoHiddenValues.js';
import { footnoteLines } from './footnoteLines.js';
import { formatFixed } from './formatFixed.js';
import { loadExcelJs } from './loadExcelJs.js';
import { type LongFormat, type LongFormatField, longFormat } from './longFormat.js';
import { sheetNames } from './sheetNames.js';
import { stampZipTimes } from './stampZipTimes.js';

/** Options of {@link formatXlsx}. */
export interface XlsxWriteOptions {
  /**
   * Defaults to `[]`. Label–value pairs for the `About` sheet, in order: dataset, recipient, purpose, created, prikk
   * version, … Written as text.
   */
  readonly about?: readonly (readonly [string, string])[];
  /**
   * Defaults to the current time. The workbook's created and modified time, and the time of each part of the zip;
   * pass the release's time so that the same release gives the same bytes.
   */
  readonly createdAt?: Date;
}

const OPTION_KEYS = ['about', 'createdAt'];
const ABOUT_SHEET = 'About';
/** Light grey behind a hidden cell's symbol. */
const HIDDEN_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } } as const;

/** Excel number format for a count of decimals: thousands grouped (Excel shows the reader's locale), no exponent. */
function numberFormat(decimals: number): string {
  return decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
}

/** What a field shows, for the column widths. */
function shownText(f: LongFormatField): string {
  if (f.kind === 'number') return formatFixed(f.value, f.decimals);
  return f.kind === 'empty' ? '' : f.text;
}

/**
 * Writes released tables as one Excel workbook (Office Open XML, ECMA-376) with exceljs: first an `About` sheet (the
 * `about` pairs, then a list of the tables with a link to each sheet), then one sheet per table, named after the
 * table (made valid and unique by {@link sheetNames}: at most 31 characters, none of `[ ] : * ? / \`).
 *
 * Each table's sheet has the title in row 1, the header in row 2 (bold, frozen, with an autofilter), then one row
 * per cell laid out like the CSV ({@link formatCsv}): the dimensions' labels, the values as real numbers whose
 * number format has the field's decimals, for DP tables the interval's lower and upper bound, and the status. A hidden
 * cell shows its legend symbol as text, right-aligned on a grey fill. Below the table come the footnotes
 * ({@link footnoteLines}): each legend entry `symbol: meaning (n cells)`, and each note. Every text is written as a
 * string cell, never a formula, so a label like `=1+1` cannot run (no CSV-style guard is needed).
 *
 * The workbook's created and modified time, and the time of every part of the zip ({@link stampZipTimes}), are
 * `options.createdAt`: the same tables and options give the same bytes, so a re-issued release has the same sha256.
 *
 * Cost: O(total cells × columns); the workbook is built in memory (exceljs holds about 1 KB per cell).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for an unknown or invalid option, no table, whatever
 * {@link assertNoHiddenValues} rejects in any table (checked for all tables before anything is built), whatever the
 * long layout rejects, or when exceljs is not installed ("formatXlsx: the optional package exceljs is not installed;
 * npm install exceljs, or leave xlsx out of output.formats").
 * @example
 * const bytes = await formatXlsx([table], { about: [['Recipient', 'Acme AS']], createdAt: new Date('2025-03-01T12:00:00Z') });
 * await writeFile('release.xlsx', bytes); // sheets: About, by_hospital
 */
export async function formatXlsx(tables: readonly ReleasedTable[], options: XlsxWriteOptions = {}): Promise<Uint8Array> {
  if (!Array.isArray(tables) || tables.length === 0) throw new PrikkError('INVALID_ARGUMENT', 'formatXlsx: tables: expected a non-empty array of released tables');
  if (typeof options !== 'object' || options === null) throw new PrikkError('INVALID_ARGUMENT', 'formatXlsx: options: expected an object');
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) throw new PrikkError('INVALID_ARGUMENT', `formatXlsx: unknown option '${key}' (expected ${OPTION_KEYS.join(', ')})`);
  }
  const about = options.about ?? [];
  if (!Array.isArray(about) || about.some((p) => !Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string' || typeof p[1] !== 'string')) {
    throw new PrikkError('INVALID_ARGUMENT', 'formatXlsx: about: expected an array of [label, value] pairs of strings');
  }
  const createdAt = options.createdAt ?? new Date();
  if (!(createdAt instanceof Date) || Number.isNaN(createdAt.getTime())) {
    throw new PrikkError('INVALID_ARGUMENT', 'formatXlsx: createdAt: expected a valid Date');
  }
  for (const t of tables) assertNoHiddenValues(t);
  const layouts = tables.map((t) => longFormat(t, 'formatXlsx'));
  const names = sheetNames(
    tables.map((t) => t.name),
    [ABOUT_SHEET],
  );

  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'prikk';
  workbook.lastModifiedBy = 'prikk';
  workbook.created = createdAt;
  workbook.modified = createdAt;

  const aboutSheet = workbook.addWorksheet(ABOUT_SHEET);
  aboutSheet.columns = [{ width: 24 }, { width: 60 }, { width: 14 }];
  for (const [label, value] of about) aboutSheet.addRow([label, value]).getCell(1).font = { bold: true };
  if (about.length > 0) aboutSheet.addRow([]);
  aboutSheet.addRow(['Table', 'Title', 'Method']).font = { bold: true };
  tables.forEach((t, i) => {
    const name = names[i]!;
    aboutSheet.addRow([{ text: name, hyperlink: `#'${name.replaceAll("'", "''")}'!A1` }, t.title, t.method]);
  });

  tables.forEach((table, i) => {
    writeTableSheet(workbook.addWorksheet(names[i]!, { views: [{ state: 'frozen', ySplit: 2 }] }), table, layouts[i]!);
  });

  // writeBuffer gives a Node Buffer (a Uint8Array); its zip entries carry the current time until stamped.
  const buffer = (await workbook.xlsx.writeBuffer()) as unknown as Uint8Array;
  return stampZipTimes(buffer, createdAt);
}

type Worksheet = import('exceljs').Worksheet;

function writeTableSheet(sheet: Worksheet, table: ReleasedTable, layout: LongFormat): void {
  const columns = layout.headings.length;
  sheet.addRow([table.title]).font = { bold: true, size: 13 };
  sheet.addRow([...layout.headings]).font = { bold: true };
  const widths = layout.headings.map((h) => h.length);

  for (const fields of layout.rows) {
    const row = sheet.addRow(fields.map((f) => (f.kind === 'number' ? f.value : f.kind === 'empty' ? null : f.text)));
    fields.forEach((f, j) => {
      widths[j] = Math.max(widths[j]!, shownText(f).length);
      if (f.kind === 'number') {
        row.getCell(j + 1).numFmt = numberFormat(f.decimals);
      } else if (f.kind === 'symbol') {
        const cell = row.getCell(j + 1);
        cell.alignment = { horizontal: 'right' };
        cell.fill = HIDDEN_FILL;
      }
    });
  }
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2 + layout.rows.length, column: columns } };
  widths.forEach((w, j) => {
    sheet.getColumn(j + 1).width = Math.min(60, Math.max(8, w + 2));
  });

  const footnotes = footnoteLines(table);
  if (footnotes.length > 0) {
    sheet.addRow([]);
    for (const line of footnotes) sheet.addRow([line]);
  }
}
