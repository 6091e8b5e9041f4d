// Test helpers: build encoded extracts and hierarchies by hand, independent of src/read and the hierarchy factories.
import { Hierarchy, type LeafBands } from '../../src/hierarchy/Hierarchy.js';
import type { CodeColumn, Column, Extract, NumberColumn } from '../../src/read/Extract.js';

export type Value = string | number;
export type Row = Readonly<Record<string, Value>>;

export interface ColumnDef {
  readonly kind: 'code' | 'number';
  /** Public code list (code columns): fixes the dictionary. */
  readonly codes?: readonly string[];
  readonly type?: 'integer' | 'decimal' | 'year' | 'date';
}

/**
 * An encoded extract from plain rows. Code columns get a dictionary in order of first appearance (or the code list),
 * the person column dense codes in order of first appearance. `excluded` pretends the reader dropped rows already.
 */
export function makeExtract(
  columns: Readonly<Record<string, ColumnDef>>,
  rows: readonly Row[],
  person?: string,
  excluded: Readonly<Record<string, number>> = {},
): Extract {
  const out = new Map<string, Column>();
  for (const [name, def] of Object.entries(columns)) {
    if (def.kind === 'code') {
      const dictionary = def.codes ? [...def.codes] : [];
      const index = new Map(dictionary.map((c, i) => [c, i]));
      const codes = new Uint16Array(rows.length);
      rows.forEach((r, i) => {
        const v = String(r[name]);
        let c = index.get(v);
        if (c === undefined) {
          if (def.codes) throw new Error(`test extract: '${v}' not in the code list of ${name}`);
          c = dictionary.length;
          dictionary.push(v);
          index.set(v, c);
        }
        codes[i] = c;
      });
      const col: CodeColumn = { kind: 'code', spec: { name, role: 'dimension', type: 'code' }, codes, dictionary, fromCodeList: !!def.codes };
      out.set(name, col);
    } else {
      const col: NumberColumn = {
        kind: 'number',
        spec: { name, role: 'measure', type: def.type ?? 'decimal' },
        values: Float64Array.from(rows, (r) => Number(r[name])),
      };
      out.set(name, col);
    }
  }
  let personColumn: Extract['person'];
  if (person) {
    const ids = new Map<string, number>();
    const codes = Uint32Array.from(rows, (r) => {
      const id = String(r[person]);
      let c = ids.get(id);
      if (c === undefined) {
        c = ids.size;
        ids.set(id, c);
      }
      return c;
    });
    personColumn = { name: person, codes, personCount: ids.size };
  }
  const dropped = Object.values(excluded).reduce((a, b) => a + b, 0);
  return {
    source: 'rows',
    rowCount: rows.length,
    columns: out,
    person: personColumn,
    reconciliation: { source: 'rows', rowsRead: rows.length + dropped, rowsUsed: rows.length, excluded },
    inputHash: 'test',
  };
}

/**
 * A hierarchy from `{ parent: [children] }` built with `Hierarchy.fromParents`: leaves in the order first met
 * depth-first, then internal nodes deepest first, the total last.
 */
export function tree(total: string, spec: Readonly<Record<string, readonly string[]>>, bands?: LeafBands): Hierarchy {
  const leaves: string[] = [];
  const internal: { label: string; depth: number }[] = [];
  const parentOf = new Map<string, string>();
  const walk = (node: string, depth: number): void => {
    const children = spec[node];
    if (!children || children.length === 0) {
      leaves.push(node);
      return;
    }
    internal.push({ label: node, depth });
    for (const c of children) {
      parentOf.set(c, node);
      walk(c, depth + 1);
    }
  };
  walk(total, 0);
  internal.sort((a, b) => b.depth - a.depth);
  const labels = [...leaves, ...internal.map((x) => x.label)];
  const index = new Map(labels.map((l, i) => [l, i]));
  return Hierarchy.fromParents(
    total,
    labels,
    labels.map((l) => (l === total ? -1 : index.get(parentOf.get(l)!)!)),
    bands,
  );
}
