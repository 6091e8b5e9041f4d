import { describe, expect, it } from 'vitest';
import { hierarchyFromParentChild } from '../../../src/hierarchy/hierarchyFromParentChild.js';
import { protectKAnonymity } from '../../../src/release/methods/protectKAnonymity.js';
import { cellAt, context, extractOf, personsIn, request } from './helpers.js';

// Persons per (hospital, sex): A 2 | 3, B 3 | 3, C 4 | 3, D 3 | 3 (24 persons, one row each).
// Regions: A, B → R1; C, D → R2.
const ROWS = personsIn([
  ['A', '1', 2],
  ['A', '2', 3],
  ['B', '1', 3],
  ['B', '2', 3],
  ['C', '1', 4],
  ['C', '2', 3],
  ['D', '1', 3],
  ['D', '2', 3],
]);
const REGIONS = hierarchyFromParentChild([
  ['A', 'R1'],
  ['B', 'R1'],
  ['C', 'R2'],
  ['D', 'R2'],
]);
const HOSPITAL = { column: 'hospital', hierarchy: REGIONS, spec: { type: 'parentChild', pairs: [] } };

describe('protectKAnonymity', () => {
  it('with a 10 % suppression limit keeps the original values and suppresses (A, 1) (hand computed with ARX Loss)', () => {
    // Admissible: at most floor(0.1 × 24) = 2 suppressed. (0, 0) suppresses A/1's 2 persons. ARX Loss by hand:
    // (0, 0): hospital raw 22/4 + 2 = 7.5, norm (7.5 − 6)/18 = 1/12; sex raw 22/2 + 2 = 13, norm 1/12;
    //         Loss = (13/12 · 13/12)^(1/2) − 1 = 1/12 ≈ 0.083.
    // (1, 0): hospital norm (24·2/4 − 6)/18 = 1/3, sex 0: Loss = (4/3)^(1/2) − 1 ≈ 0.155. (0, 1): √2 − 1 ≈ 0.414.
    const settings = { k: 3, suppressionLimit: 0.1, records: true };
    const req = request('by_hospital_sex', [HOSPITAL, 'sex'], { kAnonymity: settings });
    const outcome = protectKAnonymity(req, settings, context(extractOf(ROWS), { csvDelimiter: ';' }));
    const p = outcome.manifest.parameters;
    expect(p).toMatchObject({ k: 3, models: ['3-anonymity'], suppressionLimit: 0.1, metric: 'loss', levels: { hospital: 0, sex: 0 }, suppressedRecords: 2, allowedSuppressed: 2 });
    expect((p.metrics as { loss: number }).loss).toBeCloseTo(1 / 12, 9);
    const t = outcome.released;
    expect(t.method).toBe('kAnonymity');
    expect(cellAt(t, { hospital: 'A', sex: '1' }).persons).toBe(0);
    expect(cellAt(t, { hospital: 'A', sex: 'Total' }).persons).toBe(3);
    expect(cellAt(t, { hospital: 'R1', sex: 'Total' }).persons).toBe(9);
    expect(cellAt(t, { hospital: 'Total', sex: 'Total' }).persons).toBe(22);
    for (const c of t.cells) {
      expect(c.status).toBe('published');
      expect(c.persons === 0 || c.persons! >= 3).toBe(true);
    }
    expect(t.summary.suppressedRecords).toBe(2);
    expect(t.notes[1]).toBe('2 persons (2 rows) were suppressed by k-anonymisation and are left out of every cell, margins included.');
    // The records: one line per person, in the extract's order, suppressed ones as * in every quasi-identifier.
    const expected = ['hospital;sex', ...ROWS.map((r) => (r.hospital === 'A' && r.sex === '1' ? '*;*' : `${r.hospital};${r.sex}`))].join('\r\n') + '\r\n';
    expect(outcome.extraFiles).toEqual([{ path: 'by_hospital_sex.records.csv', content: expected }]);
  });

  it('without suppression generalises hospitals to regions (the lowest Loss), truncating the hierarchy there', () => {
    const settings = { k: 3 };
    const req = request('t', [HOSPITAL, 'sex'], { kAnonymity: settings });
    const outcome = protectKAnonymity(req, settings, context(extractOf(ROWS)));
    expect(outcome.manifest.parameters.levels).toEqual({ hospital: 1, sex: 0 });
    const t = outcome.released;
    expect(t.dimensions[0]).toEqual({ name: 'hospital', total: 'Total', hierarchy: { Total: ['R1', 'R2'] } });
    // R1: A + B = 2 + 3 | 3 + 3 → 5 | 6; R2: 4 + 3 | 3 + 3 → 7 | 6.
    expect([['R1', '1'], ['R1', '2'], ['R2', '1'], ['R2', '2']].map(([h, s]) => cellAt(t, { hospital: h!, sex: s! }).persons)).toEqual([5, 6, 7, 6]);
    expect(outcome.extraFiles).toBeUndefined();
    expect(t.summary.suppressedRecords).toBe(0);
  });

  it('anonymises the filtered cohort only', () => {
    // sex 2 only: A 3, B 3, C 3, D 3: already 3-anonymous at the original values.
    const settings = { k: 3 };
    const req = request('t', [HOSPITAL, 'sex'], { kAnonymity: settings }, { filter: { column: 'sex', in: ['2'] } });
    const outcome = protectKAnonymity(req, settings, context(extractOf(ROWS)));
    expect(outcome.manifest.parameters.levels).toEqual({ hospital: 0, sex: 0 });
    expect(cellAt(outcome.released, { hospital: 'Total', sex: 'Total' }).persons).toBe(12);
    expect(outcome.manifest.filter).toBe('sex = 2');
  });

  it('refuses sums, hierarchical t-closeness, and an unknown metric', () => {
    const extract = extractOf(ROWS);
    const ok = request('t', ['hospital'], { kAnonymity: { k: 3 } });
    expect(() => protectKAnonymity(request('t', ['hospital'], { kAnonymity: { k: 3 } }, { values: ['sum:cost'] }), { k: 3 }, context(extract))).toThrow(/not a count/);
    expect(() => protectKAnonymity(ok, { k: 3, sensitive: 'sex', tCloseness: { kind: 'hierarchical', t: 0.2 } }, context(extract))).toThrow(/hierarchical/);
    expect(() => protectKAnonymity(ok, { k: 3, tCloseness: { kind: 'equal', t: 0.2 } }, context(extract))).toThrow(/need kAnonymity.sensitive/);
    expect(() => protectKAnonymity(ok, { k: 3, metric: 'entropy' as never }, context(extract))).toThrow(/metric must be one of/);
  });
});
