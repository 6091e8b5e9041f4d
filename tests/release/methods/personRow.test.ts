// The table policy's personRow through the method plug-ins: a persons table whose persons have rows in several cells
// is refused by suppression without it and released with it (audit passing); the note, the manifest parameters, the
// grouping of linked tables, k-anonymity, the cell key method and the refusal for dp. Expected counts come from a
// naive choice of each person's row written here (sort their rows by year, then file position).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PersonRow } from '../../../src/aggregate/PersonRow.js';
import type { TablePolicy } from '../../../src/policy/ReleasePolicy.js';
import { readCsv } from '../../../src/read/readCsv.js';
import type { Schema } from '../../../src/read/Schema.js';
import { cohortKey } from '../../../src/release/methods/cohortKey.js';
import { personRowNote } from '../../../src/release/methods/personRowNote.js';
import { protectCellKey } from '../../../src/release/methods/protectCellKey.js';
import { protectDp } from '../../../src/release/methods/protectDp.js';
import { protectKAnonymity } from '../../../src/release/methods/protectKAnonymity.js';
import { protectRounding } from '../../../src/release/methods/protectRounding.js';
import { protectSuppression } from '../../../src/release/methods/protectSuppression.js';
import { protectTables } from '../../../src/release/methods/protectTables.js';
import type { TableRequest } from '../../../src/release/methods/TableRequest.js';
import { cellAt, context, extractOf, hasNoValue, referenceCount, request, type Row } from './helpers.js';

const SCHEMA: Schema = {
  columns: [
    { name: 'pid', role: 'person' },
    { name: 'hospital', role: 'dimension' },
    { name: 'year', role: 'dimension', type: 'year' },
    { name: 'cost', role: 'measure' },
  ],
};
const TOTALS = { hospital: 'Total', year: 'Total' };
const RULES = [{ frequency: { n: 5 } }];
const FIRST_BY_YEAR: PersonRow = { keep: 'first', orderBy: 'year' };

/** `n` persons with one row each (cost 100) in each listed (hospital, year) cell, ids `<prefix><i>`. */
function singles(prefix: string, cells: readonly (readonly [string, number, number])[]): Row[] {
  const rows: Row[] = [];
  let id = 0;
  for (const [hospital, year, n] of cells) for (let i = 0; i < n; i++) rows.push({ pid: `${prefix}${id++}`, hospital, year, cost: 100 });
  return rows;
}

// 42 persons with one row: (A, 2023) 6, (A, 2024) 7, (B, 2023) 8, (B, 2024) 2, (C, 2023) 9, (C, 2024) 10; and three
// persons with two rows each: q0 in (A, 2023) and (B, 2024); q1 in (B, 2023) and (C, 2024); q2 in (C, 2024) and
// (A, 2024) (a tie on the year: the first row in the file, C, is theirs).
// First by year: q0 -> (A, 2023), q1 -> (B, 2023), q2 -> (C, 2024). Persons per cell: (A, 2023) 7, (A, 2024) 7,
// (B, 2023) 9, (B, 2024) 2, (C, 2023) 9, (C, 2024) 11; A 14, B 11, C 20; 2023 25, 2024 20; all 45.
// Without the choice: hospital B has 8 + 2 + q0 + q1 = 12 persons, A 6 + 7 + q0 + q2 = 15, C 9 + 10 + q1 + q2 = 21:
// 48 in the hospitals but 45 in the total.
const ROWS: Row[] = [
  ...singles('s', [
    ['A', 2023, 6],
    ['A', 2024, 7],
    ['B', 2023, 8],
    ['B', 2024, 2],
    ['C', 2023, 9],
    ['C', 2024, 10],
  ]),
  { pid: 'q0', hospital: 'B', year: 2024, cost: 300 },
  { pid: 'q0', hospital: 'A', year: 2023, cost: 200 },
  { pid: 'q1', hospital: 'B', year: 2023, cost: 250 },
  { pid: 'q1', hospital: 'C', year: 2024, cost: 150 },
  { pid: 'q2', hospital: 'C', year: 2024, cost: 120 },
  { pid: 'q2', hospital: 'A', year: 2024, cost: 130 },
];

/** The naive choice: each person's first row by (year, file position). */
function firstByYear(rows: readonly Row[]): Row[] {
  const chosen = new Map<string, { row: Row; i: number }>();
  rows.forEach((row, i) => {
    const cur = chosen.get(String(row.pid));
    if (!cur || Number(row.year) < Number(cur.row.year)) chosen.set(String(row.pid), { row, i });
  });
  return [...chosen.values()].sort((a, b) => a.i - b.i).map((c) => c.row);
}

function withPersonRow(req: TableRequest, personRow: PersonRow): TableRequest {
  return { ...req, policy: { ...req.policy, personRow } as TablePolicy };
}

describe('personRow through the method plug-ins', () => {
  it('suppression: refused without it (persons in two cells), released with it, the audit passing', async () => {
    const extract = extractOf(ROWS, SCHEMA);
    const plain = request('by_hospital_year', ['hospital', 'year'], { suppression: { rules: RULES } });
    await expect(protectSuppression([plain], { rules: RULES }, context(extract))).rejects.toThrow(/not sums of their cells.*personRow: \{ keep: first, orderBy/);

    const req = withPersonRow(plain, FIRST_BY_YEAR);
    const [outcome] = await protectSuppression([req], { rules: RULES }, context(extract));
    const t = outcome!.released;
    expect(outcome!.manifest.audit!.passed).toBe(true);
    expect(cellAt(t, { hospital: 'B', year: '2024' }).status).toBe('primary');
    expect(t.cells.filter((c) => c.status === 'primary')).toHaveLength(1);
    const chosen = firstByYear(ROWS);
    expect(chosen).toHaveLength(45);
    for (const c of t.cells) {
      if (c.status === 'published') expect(c.persons, JSON.stringify(c.coords)).toBe(referenceCount(chosen, c.coords, TOTALS));
      else expect(hasNoValue(c)).toBe(true);
    }
    // The hand-computed margins, where published.
    const shown = (coords: Record<string, string>) => cellAt(t, coords).persons;
    expect(shown({ hospital: 'Total', year: 'Total' })).toBe(45);
    // The count is additive now, so the share of the count hidden is computed from the published cells.
    expect(t.summary.hiddenCountShare).toBeGreaterThan(0);
    // The table says how it counts, first; the manifest records the choice.
    expect(t.notes[0]).toBe(personRowNote(FIRST_BY_YEAR));
    expect(t.notes[0]).toBe(
      'Each person is counted once, in the cell of their first row by year (ties: the earliest in the extract); their other rows are left out of every count, sum and mean.',
    );
    expect(outcome!.manifest.parameters.personRow).toEqual({ keep: 'first', orderBy: 'year' });
    expect(outcome!.manifest.notes[0]).toBe(t.notes[0]);
  });

  it('suppression: sums and means come from the chosen row only', async () => {
    const extract = extractOf(ROWS, SCHEMA);
    const rules = [...RULES, { dominance: { measure: 'cost', n: 1, k: 95 } }];
    const req = withPersonRow(
      request('cost', ['hospital'], { suppression: { rules } }, { measures: ['cost'], values: ['persons', 'sum:cost', 'mean:cost'] }),
      FIRST_BY_YEAR,
    );
    const [outcome] = await protectSuppression([req], { rules }, context(extract));
    // Hospital A: 6 + 7 singles at 100, q0's row (A, 2023) at 200, q2's row at C: 13 × 100 + 200 = 1500 over 14
    // persons; q2's row at A (130) is not theirs. Total: 42 × 100 + 200 + 250 + 120 = 4770.
    const a = cellAt(outcome!.released, { hospital: 'A' });
    expect(a.persons).toBe(14);
    expect(a.sums).toEqual({ cost: 1500 });
    expect(a.means!.cost).toBeCloseTo(1500 / 14, 10);
    expect(cellAt(outcome!.released, { hospital: 'Total' }).sums).toEqual({ cost: 4770 });
  });

  it('protectTables links suppression tables only when their person-row choices are equal', async () => {
    const extract = extractOf(ROWS, SCHEMA);
    const t1 = withPersonRow(request('t1', ['hospital', 'year'], { suppression: { rules: RULES } }), FIRST_BY_YEAR);
    const t2 = withPersonRow(request('t2', ['hospital'], { suppression: { rules: RULES } }), FIRST_BY_YEAR);
    const t3 = withPersonRow(request('t3', ['hospital'], { suppression: { rules: RULES } }), { keep: 'last', orderBy: 'year' });
    const outcomes = await protectTables([t1, t2, t3], context(extract));
    expect(outcomes.map((o) => o.manifest.audit!.scope)).toEqual(['linked group: t1, t2', 'linked group: t1, t2', 'linked group: t3']);
    // Last by year: q0 -> (B, 2024), q1 -> (C, 2024), q2 -> (A, 2024) (the later row on the tie). B: 8 + 2 + q0 = 11.
    expect(cellAt(outcomes[2]!.released, { hospital: 'B' }).persons).toBe(11);
  });

  it('rounding counts the chosen rows and knows the table is additive', async () => {
    const extract = extractOf(ROWS, SCHEMA);
    const req = withPersonRow(request('r', ['hospital'], { rounding: { rule: 'base', base: 5 } }), FIRST_BY_YEAR);
    const outcome = await protectRounding(req, { rule: 'base', base: 5 }, context(extract));
    // A 14 -> 15, B 11 -> 10, C 20 -> 20, total 45 -> 45 (nearest multiple of 5, halves up).
    expect(outcome.released.cells.map((c) => c.persons)).toEqual([15, 10, 20, 45]);
    expect(outcome.released.notes[0]).toBe(personRowNote(FIRST_BY_YEAR));
    expect(outcome.manifest.parameters.personRow).toEqual({ keep: 'first', orderBy: 'year' });
  });

  it('k-anonymity: persons whose rows disagree on a quasi-identifier are refused without it, counted once with it', () => {
    const extract = extractOf(ROWS, SCHEMA);
    const settings = { k: 2 };
    const plain = request('k', ['hospital'], { kAnonymity: settings });
    expect(() => protectKAnonymity(plain, settings, context(extract))).toThrow(/have rows that disagree on a quasi-identifier/);
    const outcome = protectKAnonymity(withPersonRow(plain, FIRST_BY_YEAR), settings, context(extract));
    // Every hospital has at least 2 persons, so nothing is generalised: A 14, B 11, C 20, total 45.
    expect(outcome.released.cells.map((c) => [c.coords.hospital, c.persons])).toEqual([
      ['A', 14],
      ['B', 11],
      ['C', 20],
      ['Total', 45],
    ]);
    expect(outcome.released.notes[0]).toBe(personRowNote(FIRST_BY_YEAR));
  });

  it('the cell key method perturbs the counts of the chosen rows (its cell keys come from the same rows)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prikk-personrow-'));
    const path = join(dir, 'extract.csv');
    writeFileSync(path, ['pid;hospital;year;cost', ...ROWS.map((r) => `${r.pid};${r.hospital};${r.year};${r.cost}`)].join('\n') + '\n');
    const extract = await readCsv(path, SCHEMA, { delimiter: ';' });
    const secret = 'prikk-test-secret-0123456789abcdef-XYZ';
    const ctx = context(extract, { source: { path, schema: SCHEMA, options: { delimiter: ';' } }, policyDir: dir, env: (name) => (name === 'PRIKK_CELL_KEY_SECRET' ? secret : undefined) });
    const settings = { ptable: { D: 3, V: 1 } };
    const req = withPersonRow(request('ck', ['hospital', 'year'], { cellKey: settings }, { values: ['persons', 'rows'] }), FIRST_BY_YEAR);
    const outcome = await protectCellKey(req, settings, ctx);
    const chosen = firstByYear(ROWS);
    for (const c of outcome.released.cells) {
      const truth = referenceCount(chosen, c.coords, TOTALS);
      expect(Math.abs(c.persons! - truth), JSON.stringify(c.coords)).toBeLessThanOrEqual(3);
      // One row per person: rows = persons, with the same cell key, so the same noise.
      expect(c.rows).toBe(c.persons);
    }
    expect(outcome.released.notes[0]).toBe(personRowNote(FIRST_BY_YEAR));
  });

  it('dp refuses it: DP bounds each person\'s contributions itself', () => {
    const extract = extractOf(ROWS, SCHEMA);
    const settings = { privacy: { epsilon: 1 }, statistic: 'persons' as const, bounds: { maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 } };
    const req = withPersonRow(request('dp', ['hospital'], { dp: settings }), FIRST_BY_YEAR);
    expect(() => protectDp(req, settings, context(extract))).toThrow(/protectDp: table 'dp' has personRow, but differential privacy bounds each person's contributions itself/);
  });
});

describe('personRowNote and cohortKey', () => {
  it('personRowNote says which row counts', () => {
    expect(personRowNote({ keep: 'last', orderBy: 'surgery_date' })).toBe(
      'Each person is counted once, in the cell of their last row by surgery_date (ties: the latest in the extract); their other rows are left out of every count, sum and mean.',
    );
    expect(personRowNote({ keep: 'first' })).toBe('Each person is counted once, in the cell of their first row in the extract; their other rows are left out of every count, sum and mean.');
  });

  it('cohortKey keeps the key of earlier releases without personRow, and tells choices apart', () => {
    const filter = { column: 'sex', in: ['2'] };
    expect(cohortKey({})).toBe('');
    expect(cohortKey({ filter })).toBe('{"column":"sex","in":["2"]}');
    expect(cohortKey({ personRow: FIRST_BY_YEAR })).toBe('{"filter":null,"personRow":{"keep":"first","orderBy":"year"}}');
    const keys = new Set([
      cohortKey({ filter }),
      cohortKey({ filter, personRow: FIRST_BY_YEAR }),
      cohortKey({ filter, personRow: { keep: 'last', orderBy: 'year' } }),
      cohortKey({ filter, personRow: { keep: 'first' } }),
    ]);
    expect(keys.size).toBe(4);
  });
});
