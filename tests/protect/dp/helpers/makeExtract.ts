import type { CodeArray, Column, Extract } from '../../../../src/read/Extract.js';

/** A test extract: one entry per row. `codeLists` makes a code column's dictionary a public code list. */
export interface TestRows {
  readonly persons: readonly (string | number)[];
  readonly codes?: Readonly<Record<string, readonly string[]>>;
  readonly codeLists?: Readonly<Record<string, readonly string[]>>;
  readonly numbers?: Readonly<Record<string, readonly number[]>>;
}

/**
 * Builds an encoded {@link Extract} directly (dictionary codes in order of first appearance, persons dense in order
 * of first appearance), independent of the reader, so DP tests do not depend on it.
 */
export function makeExtract(rows: TestRows): Extract {
  const n = rows.persons.length;
  const columns = new Map<string, Column>();
  for (const [name, values] of Object.entries(rows.codes ?? {})) {
    if (values.length !== n) throw new Error(`makeExtract: column ${name} has ${values.length} rows, expected ${n}`);
    const list = rows.codeLists?.[name];
    const dictionary: string[] = list ? [...list] : [];
    const index = new Map<string, number>(dictionary.map((v, i) => [v, i]));
    const codes: CodeArray = new Uint32Array(n);
    values.forEach((v, i) => {
      let c = index.get(v);
      if (c === undefined) {
        if (list) throw new Error(`makeExtract: '${v}' is not in the code list of ${name}`);
        c = dictionary.length;
        dictionary.push(v);
        index.set(v, c);
      }
      codes[i] = c;
    });
    columns.set(name, { kind: 'code', spec: { name, role: 'dimension', type: 'code' }, codes, dictionary, fromCodeList: !!list });
  }
  for (const [name, values] of Object.entries(rows.numbers ?? {})) {
    if (values.length !== n) throw new Error(`makeExtract: column ${name} has ${values.length} rows, expected ${n}`);
    columns.set(name, { kind: 'number', spec: { name, role: 'measure', type: 'decimal' }, values: Float64Array.from(values) });
  }
  const ids = new Map<string, number>();
  const personCodes = new Uint32Array(n);
  rows.persons.forEach((p, i) => {
    const key = String(p);
    let c = ids.get(key);
    if (c === undefined) {
      c = ids.size;
      ids.set(key, c);
    }
    personCodes[i] = c;
  });
  return {
    source: 'test',
    rowCount: n,
    columns,
    person: { name: 'pid', codes: personCodes, personCount: ids.size },
    reconciliation: { source: 'test', rowsRead: n, rowsUsed: n, excluded: {} },
    inputHash: 'test',
  };
}
