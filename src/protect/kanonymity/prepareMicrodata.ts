import { PrikkError } from '../../errors/PrikkError.js';
import type { Hierarchy } from '../../hierarchy/Hierarchy.js';
import type { Column } from '../../read/Extract.js';
import type { AnonymiseInput, Microdata, ValueCodes } from './Microdata.js';

/** Value codes per row and their labels: the dictionary for a code column, first-appearance codes for numbers. */
function valuesOfColumn(column: Column, rowCount: number): { codes: ValueCodes; labels: readonly string[]; numbers: Float64Array | undefined } {
  if (column.kind === 'code') return { codes: column.codes, labels: column.dictionary, numbers: undefined };
  const index = new Map<number, number>();
  const labels: string[] = [];
  const numbers: number[] = [];
  const codes = new Uint32Array(rowCount);
  const values = column.values;
  for (let r = 0; r < rowCount; r++) {
    const v = values[r]!;
    let code = index.get(v);
    if (code === undefined) {
      code = labels.length;
      index.set(v, code);
      labels.push(String(v));
      numbers.push(v);
    }
    codes[r] = code;
  }
  return { codes, labels, numbers: Float64Array.from(numbers) };
}

/**
 * Builds the records the privacy models count from an extract (see {@link Microdata}). With a person column,
 * records are persons: all rows of a person must carry the same value of every quasi-identifier and of the
 * sensitive attribute, because full-domain generalisation gives a record one class; otherwise it throws (reduce the
 * extract to one row per person first, e.g. the first episode). Without a person column every row is a record.
 * Values are mapped to hierarchy leaves by label (or, for an interval hierarchy, by number); only values that occur
 * in a row must be leaves.
 *
 * Cost O(rows × quasi-identifiers), no copy of the columns.
 *
 * @throws {PrikkError} `UNKNOWN_COLUMN` for a column the extract lacks; `INVALID_VALUE` for a value that is not a
 * leaf of its hierarchy, or when persons' rows disagree (the message gives how many persons and which column,
 * never a person id).
 * @example
 * const data = prepareMicrodata('anonymise', extract, [{ column: 'sex', hierarchy: sexHierarchy }], undefined);
 * data.recordCount            // extract.rowCount (no person column)
 * data.leafHistograms[0]      // Float64Array [rows with the first leaf, rows with the second]
 */
export function prepareMicrodata(
  fn: string,
  input: AnonymiseInput,
  quasiIdentifiers: readonly { readonly column: string; readonly hierarchy: Hierarchy }[],
  sensitiveName: string | undefined,
): Microdata {
  const rowCount = input.rowCount;
  const columnOf = (name: string): Column => {
    const column = input.columns.get(name);
    if (!column) {
      const why = input.person?.name === name ? `'${name}' is the person column, the unit of privacy, not a column to generalise` : `the extract has no column '${name}'`;
      throw new PrikkError('UNKNOWN_COLUMN', `${fn}: ${why}`, { column: name });
    }
    return column;
  };
  const d = quasiIdentifiers.length;
  const valueCodes: ValueCodes[] = [];
  const leafOfValue: Int32Array[] = [];
  const rowsPerValue: Float64Array[] = [];
  for (const { column: name, hierarchy } of quasiIdentifiers) {
    const { codes, labels, numbers } = valuesOfColumn(columnOf(name), rowCount);
    // Rows per value (which values occur), then their leaves (only those must be leaves).
    const seen = new Float64Array(labels.length);
    for (let r = 0; r < rowCount; r++) seen[codes[r]!]!++;
    rowsPerValue.push(seen);
    const leaves = new Int32Array(labels.length).fill(-1);
    for (let v = 0; v < labels.length; v++) {
      if (!seen[v]) continue;
      const label = labels[v]!;
      let leaf = hierarchy.leafOf(label);
      if (leaf < 0 && hierarchy.bands) leaf = hierarchy.leafOfNumber(numbers ? numbers[v]! : label.trim() === '' ? Number.NaN : Number(label));
      if (leaf < 0) {
        throw new PrikkError('INVALID_VALUE', `${fn}: the value '${label}' of column '${name}' is not a leaf of its hierarchy '${hierarchy.total}'`, { column: name });
      }
      leaves[v] = leaf;
    }
    valueCodes.push(codes);
    leafOfValue.push(leaves);
  }
  const sensitiveColumn = sensitiveName === undefined ? undefined : valuesOfColumn(columnOf(sensitiveName), rowCount);

  // Records: persons (their first row stands for them) or rows.
  let recordCount = rowCount;
  let recordOfRow: Uint32Array | undefined;
  let rowOfRecord: Uint32Array | undefined;
  const person = input.person;
  if (person) {
    recordCount = person.personCount;
    recordOfRow = person.codes;
    rowOfRecord = new Uint32Array(recordCount).fill(0xffffffff);
    const conflicts = new Uint32Array(d + 1);
    const conflicted = new Uint8Array(recordCount);
    for (let r = 0; r < rowCount; r++) {
      const p = recordOfRow[r]!;
      const first = rowOfRecord[p]!;
      if (first === 0xffffffff) {
        rowOfRecord[p] = r;
        continue;
      }
      let column = -1;
      for (let j = 0; j < d && column < 0; j++) {
        const leaves = leafOfValue[j]!;
        const codes = valueCodes[j]!;
        if (leaves[codes[r]!] !== leaves[codes[first]!]) column = j;
      }
      if (column < 0 && sensitiveColumn && sensitiveColumn.codes[r] !== sensitiveColumn.codes[first]) column = d;
      if (column >= 0 && !conflicted[p]) {
        conflicted[p] = 1;
        conflicts[column]!++;
      }
    }
    const worst = conflicts.findIndex((c) => c > 0);
    if (worst >= 0) {
      const total = conflicted.reduce((a, b) => a + b, 0);
      const column = worst < d ? quasiIdentifiers[worst]!.column : sensitiveName!;
      throw new PrikkError(
        'INVALID_VALUE',
        `${fn}: ${total} person(s) have rows that disagree on a quasi-identifier or the sensitive attribute (first on '${column}'); ` +
          'a person is one record for the privacy models, so give one row per person or the same values on all of a person’s rows',
        { column },
      );
    }
  }

  // Records per leaf: records per value code (the rows per value when every row is a record), added up by leaf.
  const leafHistograms = quasiIdentifiers.map(({ hierarchy }, j) => {
    const codes = valueCodes[j]!;
    let perValue = rowsPerValue[j]!;
    if (rowOfRecord) {
      perValue = new Float64Array(perValue.length);
      for (let i = 0; i < recordCount; i++) perValue[codes[rowOfRecord[i]!]!]!++;
    }
    const histogram = new Float64Array(hierarchy.leafCount);
    perValue.forEach((count, v) => {
      if (count > 0) histogram[leafOfValue[j]![v]!]! += count;
    });
    return histogram;
  });

  let sensitive: Uint32Array | undefined;
  let sensitiveContext: Microdata['sensitiveContext'];
  if (sensitiveColumn) {
    sensitive = new Uint32Array(recordCount);
    for (let i = 0; i < recordCount; i++) sensitive[i] = sensitiveColumn.codes[rowOfRecord ? rowOfRecord[i]! : i]!;
    const globalCounts = new Float64Array(sensitiveColumn.labels.length);
    for (let i = 0; i < recordCount; i++) globalCounts[sensitive[i]!]!++;
    sensitiveContext = Object.freeze({ labels: Object.freeze([...sensitiveColumn.labels]), globalCounts, total: recordCount });
  }
  return Object.freeze({
    rowCount,
    recordCount,
    recordOfRow,
    rowOfRecord,
    names: Object.freeze(quasiIdentifiers.map((q) => q.column)),
    hierarchies: Object.freeze(quasiIdentifiers.map((q) => q.hierarchy)),
    valueCodes: Object.freeze(valueCodes),
    leafOfValue: Object.freeze(leafOfValue),
    leafHistograms: Object.freeze(leafHistograms),
    sensitiveName,
    sensitive,
    sensitiveContext,
  });
}
