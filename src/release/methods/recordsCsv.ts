import type { AnonymisedRecords } from '../../protect/kanonymity/output/AnonymisedRecords.js';

/**
 * The anonymised records as CSV text (RFC 4180: a header, CRLF line ends, fields quoted when they hold the
 * delimiter, a quote, a line break or surrounding spaces): the generalised quasi-identifiers and the sensitive
 * attribute, suppressed records showing `*` in every quasi-identifier. One line per record the models count: per
 * person (their first row; all rows of a person carry the same values) when the extract has a person column, else
 * per row. No person id and no other column is written.
 *
 * Cost: O(records × columns).
 *
 * @param records Required. `anonymise(...).records`.
 * @param delimiter Required. `;`, `,` or tab.
 * @example
 * recordsCsv(result.records, ';')
 * // 'age;sex\r\n30-39;*\r\n30-39;*\r\n*;*\r\n'
 */
export function recordsCsv(records: AnonymisedRecords, delimiter: ';' | ',' | '\t'): string {
  const names = records.columnNames;
  const quote = (field: string): string =>
    field.includes(delimiter) || /["\r\n]/.test(field) || field !== field.trim() ? `"${field.replaceAll('"', '""')}"` : field;
  const lines: string[] = [names.map(quote).join(delimiter)];
  const person = records.person;
  const seen = person ? new Uint8Array(person.reduce((m, p) => Math.max(m, p + 1), 0)) : undefined;
  for (let r = 0; r < records.rowCount; r++) {
    if (person && seen) {
      const p = person[r]!;
      if (seen[p]) continue;
      seen[p] = 1;
    }
    const row = records.row(r);
    lines.push(names.map((n) => quote(row[n]!)).join(delimiter));
  }
  return `${lines.join('\r\n')}\r\n`;
}
