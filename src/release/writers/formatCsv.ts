import { PrikkError } from '../../errors/PrikkError.js';
import type { ReleasedTable } from '../ReleasedTable.js';
import { assertNoHiddenValues } from './assertNoHiddenValues.js';
import { footnoteLines } from './footnoteLines.js';
import { formatFixed } from './formatFixed.js';
import { type LongFormatField, longFormat } from './longFormat.js';

/** Options of {@link formatCsv}. */
export interface CsvWriteOptions {
  /** Defaults to `;` (what Excel expects in Nordic and most European locales). */
  readonly delimiter?: ';' | ',' | '\t';
  /** Defaults to `,` when the delimiter is `;`, else `.`. Must differ from the delimiter. */
  readonly decimalMark?: '.' | ',';
  /** Defaults to `true`: start with a UTF-8 byte order mark, so that Excel reads the file as UTF-8 (æ, ø, å). */
  readonly bom?: boolean;
}

const OPTION_KEYS = ['delimiter', 'decimalMark', 'bom'];

/** A text field that a spreadsheet could read as a formula (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Writes a released table as CSV in long format: one row per cell in the table's order, with a column per
 * dimension (heading = the dimension's name, value = the node's label, a total by its label), a column per value
 * field (heading = its label), for DP tables `<label> lower` and `<label> upper` columns with the first value's
 * confidence interval, and a `status` column. A hidden cell shows its status's legend symbol in every value column.
 *
 * The file stays machine-readable: no footnotes in it (write {@link formatCsvNotes} beside it), no thousands
 * separator, no exponent notation, each number with its field's decimals (see {@link formatFixed}; `-0` is `0`).
 * Follows RFC 4180: CRLF line ends, a field holding the delimiter, `"`, CR or LF is quoted with `"` doubled.
 * Guards against CSV (formula) injection as OWASP advises: a text field (label, heading, symbol, status) that starts
 * with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`; numbers written here are never changed.
 *
 * Cost: O(cells × columns); the result is one string.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for an unknown or invalid option (also a decimal mark equal to the
 * delimiter), and whatever {@link assertNoHiddenValues} rejects (a hidden cell with a value, …) or the long layout
 * rejects (an unknown value field, two equal headings, a hidden status without a legend symbol).
 * @example
 * formatCsv(table)
 * // '\uFEFFhospital;Persons;status\r\nA;..;primary\r\nB;..;secondary\r\nTotal;41;published\r\n'
 * formatCsv(table, { delimiter: ',', bom: false }).split('\r\n')[0] // 'hospital,Persons,status'
 */
export function formatCsv(table: ReleasedTable, options: CsvWriteOptions = {}): string {
  if (typeof options !== 'object' || options === null) throw new PrikkError('INVALID_ARGUMENT', 'formatCsv: options: expected an object');
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) throw new PrikkError('INVALID_ARGUMENT', `formatCsv: unknown option '${key}' (expected ${OPTION_KEYS.join(', ')})`);
  }
  const delimiter = options.delimiter ?? ';';
  if (delimiter !== ';' && delimiter !== ',' && delimiter !== '\t') {
    throw new PrikkError('INVALID_ARGUMENT', `formatCsv: delimiter: expected ';', ',' or a tab, got ${JSON.stringify(delimiter)}`);
  }
  const decimalMark = options.decimalMark ?? (delimiter === ';' ? ',' : '.');
  if (decimalMark !== '.' && decimalMark !== ',') {
    throw new PrikkError('INVALID_ARGUMENT', `formatCsv: decimalMark: expected '.' or ',', got ${JSON.stringify(decimalMark)}`);
  }
  if (decimalMark === delimiter) {
    throw new PrikkError('INVALID_ARGUMENT', `formatCsv: decimalMark ',' with delimiter ',': choose the delimiter ';' or the decimal mark '.'`);
  }
  const bom = options.bom ?? true;
  if (typeof bom !== 'boolean') throw new PrikkError('INVALID_ARGUMENT', `formatCsv: bom: expected true or false, got ${JSON.stringify(bom)}`);

  assertNoHiddenValues(table);
  const layout = longFormat(table, 'formatCsv');

  const text = (s: string): string => {
    const guarded = FORMULA_START.test(s) ? `'${s}` : s;
    return guarded.includes(delimiter) || /["\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
  };
  const field = (f: LongFormatField): string => {
    switch (f.kind) {
      case 'number':
        return formatFixed(f.value, f.decimals, decimalMark);
      case 'empty':
        return '';
      default:
        return text(f.text);
    }
  };
  const lines = [layout.headings.map(text).join(delimiter)];
  for (const row of layout.rows) lines.push(row.map(field).join(delimiter));
  return (bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}

/**
 * The footnotes of a CSV table as a short text for a `<name>.notes.txt` beside `<name>.csv` (the CSV itself stays
 * machine-readable, without footnotes): the title, the table's name, method and unit, then each legend entry
 * (`symbol: meaning (n cells)`) and each note, as {@link footnoteLines} gives them. Like the CSV it starts with a
 * UTF-8 byte order mark and ends lines with CRLF, so that Notepad and Excel users see æ, ø and å.
 *
 * Cost: O(cells) for the guard, O(legend + notes) for the text.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for whatever {@link assertNoHiddenValues} rejects: no file of a table that
 * would leak is written, not even its notes.
 * @example
 * formatCsvNotes(table)
 * // '\uFEFFPersons by hospital\r\nTable: by_hospital. Method: suppression. Unit: persons.\r\n\r\n'
 * // + '..: Hidden: fewer than 5 persons (1 cell)\r\n..: Hidden to protect another cell (1 cell)\r\n'
 */
export function formatCsvNotes(table: ReleasedTable): string {
  assertNoHiddenValues(table);
  const lines = [table.title, `Table: ${table.name}. Method: ${table.method}. Unit: ${table.unit}.`];
  const footnotes = footnoteLines(table);
  if (footnotes.length > 0) lines.push('', ...footnotes);
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
