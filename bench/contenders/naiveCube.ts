/**
 * Contender (b): the naive JavaScript version a programmer writes first: an array of row objects, a Map keyed by
 * the cell's labels joined into a string, a Set of person ids per cell, and every margin recomputed from the rows
 * (each row is added to every combination of its dimensions' hierarchy levels).
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse';
import type { Hierarchy } from '../../src/hierarchy/Hierarchy.js';
import type { CellValues, Fingerprint } from '../fingerprint.js';
import type { BenchDimension, BenchQuery } from '../queries.js';

/** One row of the extract as an object (the columns the benchmark uses). */
export interface NaiveRow {
  readonly person_id: string;
  readonly age: number;
  readonly sex: string;
  readonly municipality: string;
  readonly hospital: string;
  readonly icd10: string;
  readonly year: number;
  readonly cost: number;
}

/** One cell of the naive cube. */
export interface NaiveCell {
  rows: number;
  persons: Set<string>;
  sum: number;
}

/** Per dimension: the labels from a row's value up to the total (`['0301', '03', 'Helse Sør-Øst', 'Total']`). */
export type NaiveChains = readonly ((row: NaiveRow) => readonly string[])[];

/** Builds the label chains of the query's dimensions from the hierarchies (setup, not timed). */
export function naiveChains(query: BenchQuery, hierarchies: Readonly<Record<BenchDimension, Hierarchy>>): NaiveChains {
  return query.dimensions.map((d) => {
    const h = hierarchies[d];
    const chainOf = (leaf: number): string[] => {
      const chain: string[] = [];
      for (let node = leaf; node >= 0; node = h.parents[node]!) chain.push(h.labels[node]!);
      return chain;
    };
    const byValue = new Map<string | number, string[]>();
    if (h.bands) {
      for (let leaf = 0; leaf < h.leafCount; leaf++) {
        for (let v = h.bands.lower[leaf]!; v < h.bands.upper[leaf]!; v++) byValue.set(v, chainOf(leaf));
      }
    } else {
      for (let leaf = 0; leaf < h.leafCount; leaf++) byValue.set(h.labels[leaf]!, chainOf(leaf));
    }
    return (row: NaiveRow) => {
      const chain = byValue.get(row[d]);
      if (!chain) throw new Error(`bench: '${row[d]}' is not a value of '${d}'`);
      return chain;
    };
  });
}

/** Computes every cell of the cube from the rows (the timed call). */
export function naiveCube(rows: readonly NaiveRow[], chains: NaiveChains): Map<string, NaiveCell> {
  const cube = new Map<string, NaiveCell>();
  const parts: string[] = new Array<string>(chains.length);
  for (const row of rows) {
    const rowChains = chains.map((chain) => chain(row));
    const visit = (d: number): void => {
      if (d === rowChains.length) {
        const key = parts.join('|');
        let cell = cube.get(key);
        if (!cell) {
          cell = { rows: 0, persons: new Set(), sum: 0 };
          cube.set(key, cell);
        }
        cell.rows++;
        cell.persons.add(row.person_id);
        cell.sum += row.cost;
        return;
      }
      for (const label of rowChains[d]!) {
        parts[d] = label;
        visit(d + 1);
      }
    };
    visit(0);
  }
  return cube;
}

/** The fingerprint of a naive cube. */
export function naiveFingerprint(cube: ReadonlyMap<string, NaiveCell>, query: BenchQuery, hierarchies: Readonly<Record<BenchDimension, Hierarchy>>): Fingerprint {
  const probes = query.probes.map((probe): CellValues => {
    const key = query.dimensions.map((d) => probe[d] ?? hierarchies[d].total).join('|');
    const cell = cube.get(key);
    return cell ? { rows: cell.rows, persons: cell.persons.size, sum: cell.sum } : { rows: 0, persons: 0, sum: 0 };
  });
  const leaves = query.dimensions.map((d) => {
    const h = hierarchies[d];
    return new Set(h.labels.slice(0, h.leafCount));
  });
  let nonEmptyFinest = 0;
  for (const key of cube.keys()) if (key.split('|').every((label, d) => leaves[d]!.has(label))) nonEmptyFinest++;
  return { probes, nonEmptyCells: cube.size, nonEmptyFinest };
}

/**
 * Row objects from the generator's CSV by splitting lines and fields (setup of the in-memory naive contender, not
 * timed). Reads 16 MiB at a time: a 10-million-row file is larger than V8's longest string.
 */
export function naiveRowsFromFile(path: string): NaiveRow[] {
  const rows: NaiveRow[] = [];
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(16 << 20);
  let carry = '';
  let header = true;
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      const text = carry + buffer.toString('utf8', 0, read);
      const lines = text.split('\n');
      carry = read === 0 ? '' : lines.pop()!;
      for (const line of lines) {
        if (header) {
          header = false;
          continue;
        }
        if (line === '') continue;
        const f = line.split(';');
        rows.push({
          person_id: f[0]!, age: Number(f[1]), sex: f[2]!, municipality: f[3]!, hospital: f[4]!, icd10: f[5]!,
          year: Number(f[7]), cost: Number(f[10]),
        });
      }
      if (read === 0) break;
    }
  } finally {
    closeSync(fd);
  }
  return rows;
}

/** Reads the CSV with csv-parse (streaming, header row, `;`) into row objects: the reading half of the e2e contender. */
export async function csvParseRows(path: string): Promise<NaiveRow[]> {
  const rows: NaiveRow[] = [];
  const parser = createReadStream(path).pipe(parse({ delimiter: ';', columns: true }));
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    rows.push({
      person_id: record.person_id!, age: Number(record.age), sex: record.sex!, municipality: record.municipality!,
      hospital: record.hospital!, icd10: record.icd10!, year: Number(record.year), cost: Number(record.cost),
    });
  }
  return rows;
}
