import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandomSource } from '../../../src/random/seededRandomSource.js';
import { expectedRoundingError, protectRounding, ROUNDED_INDEPENDENTLY } from '../../../src/release/methods/protectRounding.js';
import { cellAt, context, extractOf, hasNoValue, personsIn, referenceCount, request } from './helpers.js';

const TOTALS = { hospital: 'Total', sex: 'Total' };

// Persons per (hospital, sex): A: 3 and 0, B: 8 and 13, C: 41 and 7. Margins: A 3, B 21, C 48, sex 1: 52,
// sex 2: 20, all: 72.
const ROWS = personsIn([
  ['A', '1', 3],
  ['B', '1', 8],
  ['B', '2', 13],
  ['C', '1', 41],
  ['C', '2', 7],
]);

function valuesOf(outcome: Awaited<ReturnType<typeof protectRounding>>): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const c of outcome.released.cells) out[`${c.coords.hospital}/${c.coords.sex}`] = c.status === 'published' ? c.persons! : c.status;
  return out;
}

describe('protectRounding', () => {
  it('nhs: 1-7 become small (no value), 0 stays 0, the rest go to the nearest 5 (hand computed)', async () => {
    const req = request('t', ['hospital', 'sex'], { rounding: { rule: 'nhs' } });
    const outcome = await protectRounding(req, { rule: 'nhs' }, context(extractOf(ROWS)));
    // By hand: 3 → small, 0 → 0, 8 → 10, 13 → 15, 21 → 20, 41 → 40, 7 → small, 48 → 50, 52 → 50, 20 → 20, 72 → 70.
    expect(valuesOf(outcome)).toEqual({
      'A/1': 'small', 'A/2': 0, 'A/Total': 'small',
      'B/1': 10, 'B/2': 15, 'B/Total': 20,
      'C/1': 40, 'C/2': 'small', 'C/Total': 50,
      'Total/1': 50, 'Total/2': 20, 'Total/Total': 70,
    });
    const t = outcome.released;
    for (const c of t.cells) if (c.status !== 'published') expect(hasNoValue(c)).toBe(true);
    expect(t.legend).toEqual([
      { status: 'published', symbol: '', meaning: 'Rounded to the nearest multiple of 5 (halves up); 0 stays 0', cells: 9 },
      { status: 'small', symbol: '*', meaning: 'Hidden: 1 to 7 persons (counts from 1 to 7 are shown as *)', cells: 3 },
    ]);
    expect(t.notes).toEqual([ROUNDED_INDEPENDENTLY]);
    // hiddenCountShare from published cells: (70 − (0 + 10 + 15 + 40)) / 70 = 5/70.
    expect(t.summary.hiddenCountShare).toBeCloseTo(5 / 70, 12);
    expect(t.summary.hiddenCells).toBe(3);
    // E|error| for base 5 with uniform remainders: (0 + 1 + 2 + 2 + 1) / 5.
    expect(t.summary.expectedAbsoluteError).toBeCloseTo(1.2, 12);
    expect(outcome.manifest.parameters).toMatchObject({ rule: 'nhs', base: 5, low: 1, high: 7, symbol: '*', marginsRoundedIndependently: true });
    expect(outcome.manifest.method).toBe('rounding');
  });

  it('base: every published count goes to the nearest multiple of the base, nothing is hidden (hand computed)', async () => {
    const req = request('t', ['hospital', 'sex'], { rounding: { rule: 'base', base: 5 } });
    const outcome = await protectRounding(req, { rule: 'base', base: 5 }, context(extractOf(ROWS)));
    expect(valuesOf(outcome)).toEqual({
      'A/1': 5, 'A/2': 0, 'A/Total': 5,
      'B/1': 10, 'B/2': 15, 'B/Total': 20,
      'C/1': 40, 'C/2': 5, 'C/Total': 50,
      'Total/1': 50, 'Total/2': 20, 'Total/Total': 70,
    });
    expect(outcome.released.summary.hiddenCountShare).toBe(0);
  });

  it('rounds rows and persons each on their own when both are published', async () => {
    // p0, p1, p2 in A, and p0 has 5 more rows: 3 persons (→ 5) and 8 rows (→ 10).
    const extra = Array.from({ length: 5 }, () => ({ pid: 'p0', hospital: 'A', sex: '1', cost: 1 }));
    const rows = [...personsIn([['A', '1', 3]]), ...extra];
    const req = request('t', ['hospital'], { rounding: { rule: 'base', base: 5 } }, { values: ['persons', 'rows'] });
    const outcome = await protectRounding(req, { rule: 'base', base: 5 }, context(extractOf(rows)));
    expect(cellAt(outcome.released, { hospital: 'A' })).toEqual({ coords: { hospital: 'A' }, rows: 10, persons: 5, status: 'published' });
    expect(outcome.released.valueFields.map((f) => f.label)).toEqual(['Persons', 'Rows']);
  });

  it('random with fresh draws: needs a secure source unless the test names the insecure one; values are neighbouring multiples', async () => {
    const extract = extractOf(ROWS);
    const req = request('t', ['hospital', 'sex'], { rounding: { rule: 'random', base: 5 } });
    await expect(protectRounding(req, { rule: 'random', base: 5, draws: 'fresh' }, context(extract, { random: seededRandomSource('r') }))).rejects.toThrow(/not secure/);
    const outcome = await protectRounding(req, { rule: 'random', base: 5, draws: 'fresh' }, context(extract, { random: seededRandomSource('r'), insecureRandomForTesting: 'seeded(r)' }));
    for (const c of outcome.released.cells) {
      const truth = referenceCount(ROWS, c.coords, TOTALS);
      expect(c.persons! % 5).toBe(0);
      expect(Math.abs(c.persons! - truth)).toBeLessThan(5);
    }
    expect(outcome.manifest.parameters.random).toBe('seeded(r)');
    // The default context's source is node:crypto (secure): accepted without a name.
    await expect(protectRounding(req, { rule: 'random', draws: 'fresh' }, context(extract))).resolves.toBeDefined();
  });

  it('refuses sums, bad bases and nhs bounds for other rules', async () => {
    const extract = extractOf(ROWS);
    const req = request('t', ['hospital'], { rounding: { rule: 'nhs' } }, { values: ['persons', 'sum:cost'] });
    await expect(protectRounding(req, { rule: 'nhs' }, context(extract))).rejects.toThrow(/not a count/);
    const ok = request('t', ['hospital'], { rounding: { rule: 'nhs' } });
    await expect(protectRounding(ok, { rule: 'base', base: 1 }, context(extract))).rejects.toThrow(/integer >= 2/);
    await expect(protectRounding(ok, { rule: 'base', low: 1 }, context(extract))).rejects.toThrow(/'nhs' rule only/);
    await expect(protectRounding(ok, { rule: 'ceil' as never }, context(extract))).rejects.toThrow(/'nhs', 'base' or 'random'/);
  });

  it('expectedRoundingError matches a direct average over remainders', () => {
    // random, base 5: E|err | r| = 2r(5 − r)/5 → 0, 1.6, 2.4, 2.4, 1.6; mean 8/5.
    expect(expectedRoundingError('random', 5)).toBeCloseTo(1.6, 12);
    // base 10: min(r, 10 − r) = 0 1 2 3 4 5 4 3 2 1 → 25 / 10.
    expect(expectedRoundingError('base', 10)).toBeCloseTo(2.5, 12);
  });

  it('property: nhs and base publish multiples of the base (nhs: never 1..7), each the rounded true count', async () => {
    const rowArb = fc.record({
      pid: fc.integer({ min: 0, max: 40 }).map((i) => `q${i}`),
      hospital: fc.constantFrom('A', 'B', 'C'),
      sex: fc.constantFrom('1', '2'),
      cost: fc.constant(1),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 80 }), fc.constantFrom('nhs', 'base'), fc.constantFrom(3, 5, 10), async (rows, rule, base) => {
        const req = request('t', ['hospital', 'sex'], { rounding: { rule: rule as 'nhs' | 'base', base } });
        const outcome = await protectRounding(req, { rule: rule as 'nhs' | 'base', base }, context(extractOf(rows)));
        for (const c of outcome.released.cells) {
          const truth = referenceCount(rows, c.coords, TOTALS);
          if (rule === 'nhs' && truth >= 1 && truth <= 7) {
            expect(c.status).toBe('small');
            expect(hasNoValue(c)).toBe(true);
            continue;
          }
          expect(c.status).toBe('published');
          const v = c.persons!;
          expect(v % base).toBe(0);
          if (rule === 'nhs') expect(v >= 1 && v <= 7).toBe(false);
          expect(v).toBe(Math.floor(truth / base + 0.5) * base); // nearest multiple, halves up
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
