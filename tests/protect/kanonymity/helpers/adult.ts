/**
 * Test and benchmark helper: the Adult extract (30,162 rows, ARX's benchmark data) and its 8 quasi-identifier
 * hierarchies from ../shared/data/adult. `adultExtract` reads it with prikk's reader (`readCsvBuffer`, every column a
 * code column); `adultRows` splits the lines itself (one `;`-separated line per row, no quotes in the file) for the
 * brute force and for hand-built subsets (`encodeRows`).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hierarchy } from '../../../../src/hierarchy/Hierarchy.js';
import { readArxHierarchy } from '../../../../src/hierarchy/readArxHierarchy.js';
import type { CodeColumn, Column, Extract } from '../../../../src/read/Extract.js';
import { readCsvBuffer } from '../../../../src/read/readCsvBuffer.js';
import type { Schema } from '../../../../src/read/Schema.js';
import type { AnonymiseInput } from '../../../../src/protect/kanonymity/Microdata.js';

export const ADULT_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/data/adult');

/** ARX's 8 quasi-identifiers of Adult, in the order of the data file. */
export const ADULT_QIS = ['sex', 'age', 'race', 'marital-status', 'education', 'native-country', 'workclass', 'occupation'] as const;

/** The Adult rows as arrays of strings (header excluded) and the header. */
export function adultRows(limit = Number.POSITIVE_INFINITY): { header: string[]; rows: string[][] } {
  const lines = readFileSync(join(ADULT_DIR, 'adult.csv'), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const header = lines[0]!.split(';');
  const rows = lines.slice(1, Math.min(lines.length, limit + 1)).map((l) => l.split(';'));
  return { header, rows };
}

/** Encodes string rows into an extract-like object of code columns (dictionary in order of first appearance). */
export function encodeRows(header: readonly string[], rows: readonly (readonly string[])[], person?: Uint32Array): AnonymiseInput {
  const columns = new Map<string, Column>();
  header.forEach((name, j) => {
    const index = new Map<string, number>();
    const dictionary: string[] = [];
    const codes = new Uint32Array(rows.length);
    rows.forEach((row, r) => {
      const value = row[j]!;
      let code = index.get(value);
      if (code === undefined) {
        code = dictionary.length;
        index.set(value, code);
        dictionary.push(value);
      }
      codes[r] = code;
    });
    const column: CodeColumn = { kind: 'code', spec: { name, role: 'dimension' }, codes, dictionary, fromCodeList: false };
    columns.set(name, column);
  });
  let personColumn: AnonymiseInput['person'];
  if (person) {
    let max = -1;
    for (const p of person) max = Math.max(max, p);
    personColumn = { name: 'pid', codes: person, personCount: max + 1 };
  }
  return { rowCount: rows.length, columns, person: personColumn };
}

/** The Adult extract (optionally its first `limit` rows) read by `readCsvBuffer`, every column a code column. */
export function adultExtract(limit = Number.POSITIVE_INFINITY): Extract {
  const lines = readFileSync(join(ADULT_DIR, 'adult.csv'), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const header = lines[0]!.split(';');
  const text = lines.slice(0, Math.min(lines.length, limit + 1)).join('\n') + '\n';
  const schema: Schema = { columns: header.map((name) => ({ name, role: 'dimension' as const })) };
  return readCsvBuffer(new TextEncoder().encode(text), schema, { delimiter: ';', source: 'adult.csv' });
}

/** ARX's Adult hierarchy of a column. */
export function adultHierarchy(name: string): Hierarchy {
  return readArxHierarchy(join(ADULT_DIR, `adult_hierarchy_${name}.csv`));
}

/** The 8 quasi-identifiers with their hierarchies, for `anonymise`. */
export function adultQuasiIdentifiers(): { column: string; hierarchy: Hierarchy }[] {
  return ADULT_QIS.map((name) => ({ column: name, hierarchy: adultHierarchy(name) }));
}
