import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../src/aggregate/aggregate.js';
import { cellKeySums } from '../../../src/aggregate/cellKeySums.js';
import type { CellTable } from '../../../src/aggregate/CellTable.js';
import { CELL_STATUS } from '../../../src/aggregate/CellTable.js';
import { cellKeyPerturbation } from '../../../src/protect/cellkey/cellKeyPerturbation.js';
import { createPTable } from '../../../src/protect/cellkey/createPTable.js';
import { givenRecordKeys } from '../../../src/protect/cellkey/givenRecordKeys.js';
import { readPTable } from '../../../src/protect/cellkey/readPTable.js';
import { recordKeysFromIds } from '../../../src/protect/cellkey/recordKeysFromIds.js';
import type { Extract } from '../../../src/read/Extract.js';
import { makeExtract, type Row, tree } from '../../aggregate/helpers.js';
import { handbookPTable, TAU_TESTW } from './helpers.js';

const SECRET = 'registry-secret-0123456789abcdef-0123456789';

describe('cellKeyPerturbation: the Handbook on SDC worked example', () => {
  // Handbook on SDC (2024), §5.4: three male respondents A, B, C with record keys 0.9, 0.3 and 0.6; we add a
  // female respondent D with key 0.1 so that the table has a margin.
  const extract = makeExtract({ sex: { kind: 'code' } }, [
    { pid: 'A', sex: 'male' },
    { pid: 'B', sex: 'male' },
    { pid: 'C', sex: 'male' },
    { pid: 'D', sex: 'female' },
  ], 'pid');
  const recordKeys = givenRecordKeys([0.9, 0.3, 0.6, 0.1]);
  const table = aggregate(extract, { dimensions: ['sex'] });

  it('record keys 0.9, 0.3, 0.6 give the cell key 0.8, and the count 3 becomes 4', () => {
    const male = table.indexOf({ sex: 'male' });
    // Fixed point: floor(0.9 × 2^32) = 3865470566, floor(0.3 × 2^32) = 1288490188, floor(0.6 × 2^32) = 2576980377;
    // the sum 7730941131 mod 2^32 = 3435973835, i.e. 0.79999999977 (1.8 mod 1 = 0.8, less the three floors' 2.3e-10).
    const ck = cellKeySums(extract, table, { recordKeys: recordKeys.keys });
    expect(ck[male]).toBe(3435973835);
    expect(ck[male]! / 2 ** 32).toBeCloseTo(0.8, 9);
    const r = cellKeyPerturbation(extract, table, { ptable: handbookPTable(), recordKeys });
    // Row 3 of the Handbook's p-table: 0.7 <= 0.8 < 1 -> noise +1.
    expect(table.persons![male]).toBe(3);
    expect(r.table.persons![male]).toBe(4);
    // D alone: count 1, key floor(0.1 × 2^32) / 2^32 = 0.0999... < 0.5 -> -1: published 0.
    expect(r.table.persons![table.indexOf({ sex: 'female' })]).toBe(0);
    // The total: 4 persons (row 3 serves counts >= 3), key 3435973835 + 429496729 = 3865470564 -> 0.8999... -> +1: 5.
    // 4 + 0 != 5: the perturbed table is not additive, and says so.
    expect(r.table.persons![table.indexOf({})]).toBe(5);
    expect(r.additive).toBe(false);
    expect(r.note).toMatch(/not.*equal the sum of its perturbed children/);
  });
});

describe('cellKeySums: the mod-256 flavour (ABS, ONS, Cantabular)', () => {
  it('8-bit keys 200, 100 and 7 give the cell key (307 mod 256) = 51, i.e. 51 × 2^24 in fixed point', () => {
    const extract = makeExtract({ x: { kind: 'code' } }, [
      { pid: 'A', x: 'u' },
      { pid: 'B', x: 'u' },
      { pid: 'A', x: 'u' },
      { pid: 'C', x: 'v' },
    ], 'pid');
    const table = aggregate(extract, { dimensions: ['x'] });
    const ck = cellKeySums(extract, table, { recordKeys: givenRecordKeys([200, 100, 7], { bits: 8 }).keys });
    // Cell u: persons A and B (A's second row counts once): 200 + 100 = 300 mod 256 = 44. Total: 307 mod 256 = 51.
    expect(ck[table.indexOf({ x: 'u' })]).toBe(44 * 2 ** 24);
    expect(ck[table.indexOf({ x: 'v' })]).toBe(7 * 2 ** 24);
    expect(ck[table.indexOf({})]).toBe(51 * 2 ** 24);
  });
});

/** An extract of persons with rows over three code columns (a: 4 values, b: 3, c: 3). */
function extractOf(rows: readonly { person: number; a: number; b: number; c: number }[]): Extract {
  const out: Row[] = rows.map((r) => ({ pid: `p${r.person}`, a: `a${r.a}`, b: `b${r.b}`, c: `c${r.c}` }));
  return makeExtract({ a: { kind: 'code' }, b: { kind: 'code' }, c: { kind: 'code' } }, out, 'pid');
}

/** Person ids in person-code order (first appearance), for recordKeysFromIds. */
function ids(extract: Extract, rows: readonly { person: number }[]): string[] {
  const out: string[] = new Array<string>(extract.person!.personCount);
  rows.forEach((r, i) => (out[extract.person!.codes[i]!] = `p${r.person}`));
  return out;
}

/** The set of persons below every cell, as a sorted string key, found naively from the rows and the hierarchies. */
function personSets(extract: Extract, table: CellTable, kept: (row: number) => boolean): string[] {
  const sets: Set<number>[] = Array.from({ length: table.cellCount }, () => new Set<number>());
  for (let r = 0; r < extract.rowCount; r++) {
    if (!kept(r)) continue;
    const chains = table.dimensions.map((d) => {
      const col = extract.columns.get(d.name)!;
      if (col.kind !== 'code') throw new Error('code columns only');
      const chain: number[] = [];
      for (let n = d.hierarchy.nodeOf(col.dictionary[col.codes[r]!]!); n !== -1; n = d.hierarchy.parents[n]!) chain.push(n);
      return chain;
    });
    const walk = (d: number, nodes: number[]): void => {
      if (d === chains.length) sets[table.indexOfNodes(nodes)]!.add(extract.person!.codes[r]!);
      else for (const n of chains[d]!) walk(d + 1, [...nodes, n]);
    };
    walk(0, []);
  }
  return sets.map((s) => [...s].sort((x, y) => x - y).join(','));
}

const rowsArb = fc.array(
  fc.record({ person: fc.integer({ min: 0, max: 25 }), a: fc.integer({ min: 0, max: 3 }), b: fc.integer({ min: 0, max: 2 }), c: fc.integer({ min: 0, max: 2 }) }),
  { minLength: 10, maxLength: 120 },
);

describe('cellKeyPerturbation: consistency', () => {
  const tau = readPTable(TAU_TESTW);

  it('the same persons give the same noise in any table (other dimensions, hierarchy, or filter)', () => {
    let shared = 0;
    let moved = 0;
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const extract = extractOf(rows);
        const recordKeys = recordKeysFromIds(ids(extract, rows), { secret: SECRET });
        // a grouped in two levels in table 2 (a0, a1 -> g0; a2, a3 -> g1); leaves without rows are empty cells.
        const grouped = tree('A', { A: ['g0', 'g1'], g0: ['a0', 'a1'], g1: ['a2', 'a3'] });
        const t1 = aggregate(extract, { dimensions: ['a', 'b'] });
        const t2 = aggregate(extract, { dimensions: ['c', { column: 'a', hierarchy: grouped }] });
        const filter = { column: 'b', in: ['b0', 'b1'] };
        const t3 = aggregate(extract, { dimensions: ['a'], filter });
        const p1 = cellKeyPerturbation(extract, t1, { ptable: tau, recordKeys }).table;
        const p2 = cellKeyPerturbation(extract, t2, { ptable: tau, recordKeys }).table;
        const p3 = cellKeyPerturbation(extract, t3, { ptable: tau, recordKeys, filter }).table;
        const b = extract.columns.get('b')!;
        const keptByFilter = (r: number): boolean => b.kind === 'code' && ['b0', 'b1'].includes(b.dictionary[b.codes[r]!]!);
        const s1 = personSets(extract, t1, () => true);
        const all: { sets: string[]; table: CellTable; out: CellTable }[] = [
          { sets: s1, table: t1, out: p1 },
          { sets: personSets(extract, t2, () => true), table: t2, out: p2 },
          { sets: personSets(extract, t3, keptByFilter), table: t3, out: p3 },
        ];
        // Every pair of cells (in any two tables, or the same one) with the same non-empty person set: same noise.
        const bySet = new Map<string, number>();
        for (const { sets, table, out } of all) {
          sets.forEach((set, c) => {
            if (set === '') return;
            const noise = out.persons![c]! - table.persons![c]!;
            if (noise !== 0) moved++;
            const seen = bySet.get(set);
            if (seen === undefined) bySet.set(set, noise);
            else {
              shared++;
              expect(noise).toBe(seen);
            }
          });
        }
      }),
      { numRuns: 40, seed: 5 },
    );
    // The property is not vacuous: many cells shared their person set, and noise was not always 0.
    expect(shared).toBeGreaterThan(100);
    expect(moved).toBeGreaterThan(100);
  });

  it('with the tau-ARGUS table no cell is published as 1 or 2, none negative, and zeros stay zero', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const extract = extractOf(rows);
        const table = aggregate(extract, { dimensions: ['a', 'b', 'c'] });
        const r = cellKeyPerturbation(extract, table, { ptable: tau, recordKeys: recordKeysFromIds(ids(extract, rows), { secret: SECRET }) });
        for (let c = 0; c < table.cellCount; c++) {
          const pairs: [number, number][] = [[table.persons![c]!, r.table.persons![c]!], [table.rows[c]!, r.table.rows[c]!]];
          for (const [before, after] of pairs) {
            expect(after).toBeGreaterThanOrEqual(0);
            expect(after === 1 || after === 2).toBe(false);
            if (before === 0) expect(after).toBe(0);
            expect(Math.abs(after - before)).toBeLessThanOrEqual(7);
          }
        }
      }),
      { numRuns: 25, seed: 6 },
    );
  });
});

describe('cellKeyPerturbation: the result', () => {
  const rows = Array.from({ length: 60 }, (_, i) => ({ person: i % 23, a: i % 4, b: (i * 7) % 3, c: (i * 5) % 3 }));
  const extract = extractOf(rows);
  const recordKeys = recordKeysFromIds(ids(extract, rows), { secret: SECRET });
  const tau = readPTable(TAU_TESTW);

  it('reports the noise parameters and expected error, keeps statuses, drops top lists, shows no key', () => {
    const table = aggregate(extract, { dimensions: ['a', 'b'] });
    const status = new Uint8Array(table.cellCount);
    status[0] = CELL_STATUS.indexOf('primary');
    const r = cellKeyPerturbation(extract, table.withStatus(status), { ptable: tau, recordKeys });
    expect(r.method).toBe('cell-key');
    expect(r.table.status[0]).toBe(CELL_STATUS.indexOf('primary'));
    expect(r.table.top.size).toBe(0);
    expect(r.noise.counts.largeCounts.variance).toBeCloseTo(4, 8);
    expect(r.noise.counts.largeCounts.maxNoise).toBe(7);
    expect(r.noise.counts.byOriginalCount.length).toBe(11);
    // Expected absolute error of a large count: Σ p |v| over the file's row 10 (≈ 1.6 for a variance of 4).
    expect(r.noise.counts.largeCounts.expectedAbsoluteError).toBeGreaterThan(1.4);
    expect(r.noise.counts.largeCounts.expectedAbsoluteError).toBeLessThan(2);
    const json = JSON.stringify(r.parameters);
    expect(json).toContain(tau.sha256);
    expect(json).toContain(recordKeys.secretFingerprint!);
    expect(json).not.toContain(SECRET);
    expect(r.parameters.additive).toBe(false);
  });

  it('perturbs sums with magnitudes options, and refuses to publish sums without them', () => {
    const costRows: Row[] = rows.map((r, i) => ({ pid: `p${r.person}`, a: `a${r.a}`, b: `b${r.b}`, c: `c${r.c}`, cost: (i * 37) % 100 }));
    const withCost = makeExtract({ a: { kind: 'code' }, b: { kind: 'code' }, c: { kind: 'code' }, cost: { kind: 'number' } }, costRows, 'pid');
    const table = aggregate(withCost, { dimensions: ['a', 'b'], measures: ['cost'] });
    const keys = recordKeysFromIds(ids(withCost, rows), { secret: SECRET });
    expect(() => cellKeyPerturbation(withCost, table, { ptable: tau, recordKeys: keys })).toThrow(/has sums \('cost'\), which must be perturbed too/);
    const magnitudes = { ptable: createPTable({ kind: 'magnitudes', D: 3, V: 1, step: 2, icat: [1, 2, 3] }), p: 0.1 };
    const r = cellKeyPerturbation(withCost, table, { ptable: tau, recordKeys: keys, magnitudes });
    const before = table.sums.get('cost')!;
    const after = r.table.sums.get('cost')!;
    let changed = 0;
    for (let c = 0; c < table.cellCount; c++) {
      expect(after[c]!).toBeGreaterThanOrEqual(0);
      if (before[c] === 0) expect(after[c]).toBe(0);
      // |noise| <= p × D × (largest contribution) <= 0.1 × 3 × the cell's value.
      expect(Math.abs(after[c]! - before[c]!)).toBeLessThanOrEqual(0.3 * before[c]! + 1e-9);
      if (after[c] !== before[c]) changed++;
    }
    expect(changed).toBeGreaterThan(0);
    expect(r.noise.magnitudes!.relativeStandardDeviation).toBeCloseTo(0.1, 6);
    expect(r.noise.magnitudes!.maxRelativeNoise).toBeCloseTo(0.3, 12);
    expect(() =>
      cellKeyPerturbation(withCost, table, { ptable: tau, recordKeys: keys, magnitudes: { ...magnitudes, epsilon: [1, 0.5, 0.2] } }),
    ).toThrow(/needs 3/);
  });

  it('checks every option before touching the extract or the table', () => {
    const none = undefined as never;
    expect(() => cellKeyPerturbation(none, none, { ptable: 'tau' } as never)).toThrow(/ptable is required/);
    expect(() => cellKeyPerturbation(none, none, { ptable: tau } as never)).toThrow(/recordKeys is required/);
    expect(() => cellKeyPerturbation(none, none, { ptable: tau, secret: SECRET } as never)).toThrow(/unknown option 'secret' \(derive the keys first/);
    expect(() => cellKeyPerturbation(none, none, { ptable: tau, recordKeys, magnitudes: { ptable: tau, p: 0.1 } })).toThrow(/magnitudes PerturbationTable/);
    expect(() => cellKeyPerturbation(none, none, { ptable: createPTable({ kind: 'magnitudes', D: 2, V: 0.5, icat: [1, 2] }), recordKeys })).toThrow(/counts PerturbationTable/);
    // Keys that do not fit the extract.
    const table = aggregate(extract, { dimensions: ['a'] });
    expect(() => cellKeyPerturbation(extract, table, { ptable: tau, recordKeys: givenRecordKeys([0.5]) })).toThrow(/has 1 keys, the extract has 23 persons/);
  });
});
