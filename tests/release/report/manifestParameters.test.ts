// The parameters as the method plug-ins write them to the manifest (shapes copied from the example's manifest.json in
// exampleShapes.ts), described for the rules section. Expected sentences and summary lines are written by hand from
// those values; numbers worked out in the comments.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactJson } from '../../../src/release/report/rules/compactJson.js';
import { describeParameters } from '../../../src/release/report/rules/describeParameters.js';
import { dpNoiseLevels } from '../../../src/release/report/rules/dpNoiseLevels.js';
import { summariseParameterValue } from '../../../src/release/report/rules/summariseParameterValue.js';
import {
  CELL_KEY_PARAMETERS,
  DP_PARAMETERS,
  HOSPITALS_SPEC,
  K_ANONYMITY_PARAMETERS,
  ROUNDING_PARAMETERS,
  SUPPRESSION_PARAMETERS,
} from './exampleShapes.js';

const rows = { unit: 'rows', smallSymbol: '*' };
const persons = { unit: 'persons', smallSymbol: '*' };

describe('describeParameters on the manifest shapes of the example', () => {
  it('suppression: the rules by their own names read as the policy form; what was found is a second sentence', () => {
    const d = describeParameters('suppression', SUPPRESSION_PARAMETERS, rows);
    expect(d.sentences).toEqual([
      'Cell suppression: a cell is sensitive when rows < 5; p % rule (p = 10 %) on cost; secondary suppression: fast (Gaussian elimination), ' +
        'cost: fewest cells; singletons protected',
      'Result: 79 primary cells (rows < 5: 79; p % rule (p = 10 %) on cost: 44), 18 secondary cells',
    ]);
    expect(d.summaries).toEqual([
      ['linkedGroup', 'tables = [cost_by_hospital_year], primaryCells = 79, primaryByRule = {2 fields}, secondaryCells = 18, singletonAdded = 2, repairAdded = 7'],
    ]);
    // The full text is still there for whoever wants it.
    expect(d.others[0]![1]).toBe(JSON.stringify(SUPPRESSION_PARAMETERS.linkedGroup));
  });

  it('suppression, optimal method: the result says whether the pattern is proven optimal, else how far it can be from it', () => {
    const base = { ...SUPPRESSION_PARAMETERS, secondary: 'optimal' };
    const proven = describeParameters('suppression', { ...base, optimal: { proven: true, rounds: 7, cost: 369, costLowerBound: 369, timeLimitReached: false, timeLimitSeconds: 60 } }, rows);
    expect(proven.sentences[1]).toBe('Result: 79 primary cells (rows < 5: 79; p % rule (p = 10 %) on cost: 44), 18 secondary cells, proven optimal');
    // Said in words, so not listed again among the other fields.
    expect([...proven.summaries, ...proven.others].map(([key]) => key)).not.toContain('optimal');
    // Bench table d (bench/results/suppression.md): 1,116 primaries + 461 secondaries = 1,577 hidden; bound 1,512.
    const stopped = describeParameters(
      'suppression',
      { ...base, optimal: { proven: false, rounds: 7, cost: 1577, costLowerBound: 1511.9999999, timeLimitReached: true, timeLimitSeconds: 60 } },
      rows,
    );
    expect(stopped.sentences[1]).toBe(
      'Result: 79 primary cells (rows < 5: 79; p % rule (p = 10 %) on cost: 44), 18 secondary cells, not proven optimal (the search stopped at its 60 s time limit): ' +
        '1577 cells hidden, primaries included; no protecting pattern hides fewer than 1512',
    );
    // With the cleanup before the search (bench table d, session 18: 27 of the fast pattern's secondaries).
    const cleaned = describeParameters(
      'suppression',
      { ...base, optimal: { proven: false, rounds: 12, cost: 1565, costLowerBound: 1516, timeLimitReached: true, timeLimitSeconds: 60, republished: 27 } },
      rows,
    );
    expect(cleaned.sentences[1]).toMatch(
      /no protecting pattern hides fewer than 1516; before the search, 27 secondary cells of the fast pattern were published again \(the audit passed without them\)$/,
    );
    const one = describeParameters('suppression', { ...base, optimal: { proven: false, cost: 10, costLowerBound: 9, timeLimitReached: false, republished: 1 } }, rows);
    expect(one.sentences[1]).toMatch(/; before the search, 1 secondary cell of the fast pattern was published again \(the audit passed without them\)$/);
    const byValue = describeParameters('suppression', { ...base, cost: 'value', optimal: { proven: false, cost: 420.5, costLowerBound: 400.25, timeLimitReached: false } }, rows);
    expect(byValue.sentences[1]).toMatch(/, not proven optimal: cost 420.5; no protecting pattern costs less than 400.25$/);
  });

  it('rounding: the fields rounded and the independent margins are said; its own name and symbol are covered', () => {
    const d = describeParameters('rounding', ROUNDING_PARAMETERS, rows);
    expect(d.sentences).toEqual([
      'NHS rule: 1–7 shown as *, other counts rounded to base 5; values rounded: rows; ' +
        'every margin rounded on its own, so margins may not equal the sum of their parts',
    ]);
    expect(d.summaries).toEqual([['expectedAbsoluteError', 'per count, assuming remainders mod base are uniform']]);
  });

  it('k-anonymity: the result sentence; metrics and search as their scalar fields', () => {
    const d = describeParameters('kAnonymity', K_ANONYMITY_PARAMETERS, persons);
    expect(d.sentences).toEqual([
      'k-anonymity: k = 5 (every combination of the dimensions is shared by at least 5 persons); suppression limit 2 % of records; metric: loss (ARX)',
      'Result: 691 records in 21 equivalence classes (the smallest of 5); 10 records suppressed (11 rows), 13 allowed; ' +
        'generalisation levels (0 = as recorded): age 0, sex 0, municipality 3',
    ]);
    expect(d.summaries).toEqual([
      ['models', '5-anonymity'],
      // 0.27204745171722466 and 31.40909090909091 to six significant digits.
      ['metrics', 'loss = 0.272047, discernibility = 42663, height = 3, averageClassSize = 31.4091'],
      ['search', 'strategy = optimal, latticeSize = 24, checked = 4'],
      ['recordsFile', 'false'],
    ]);
  });

  it('dp: public keys in the sentence; noise as rows of a table, each level 1/16 of ε = 1/2, i.e. 12.5 %', () => {
    const d = describeParameters('dp', DP_PARAMETERS, persons);
    expect(d.sentences).toEqual([
      'Differential privacy: ε = 1/2 (0.5); statistic: persons; each person counts in at most 2 cells, with at most 1 row per cell; ' +
        '95 % confidence intervals; margins: every margin measured with its own noise; ' +
        'post-processed to non-negative values consistent with their totals; keys from public lists (municipality: 357, year: 7), ' +
        'so empty cells are released too',
    ]);
    expect(d.summaries).toEqual([
      ['consistent', 'false'],
      ['ciExact', 'true'],
      ['random', 'node:crypto'],
    ]);
    // 4 municipality depths × 2 year depths = 8 levels, depths in row-major order (municipality slower).
    expect(d.noise?.map((n) => [n.level, n.depths, n.distribution, n.loss, n.share, n.shareOf])).toEqual(
      [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
        [2, 0],
        [2, 1],
        [3, 0],
        [3, 1],
      ].map((depths, level) => [level, depths, 'discrete Laplace(scale 32)', 'ε = 1/16 (0.0625)', 0.125, 'ε']),
    );
  });

  it('cell key: the p-table in one phrase with P(no change) for large counts; the secret only by where it comes from', () => {
    const d = describeParameters('cellKey', CELL_KEY_PARAMETERS, persons);
    expect(d.sentences).toEqual([
      // pNoChange 0.2225525565657432 to two significant digits: 0.22; the sha256's first 16 hex digits.
      'Cell key method: p-table by maximum entropy, D = 4, V = 3, js = 2 (sha256 41a5540b0db2a77f…); P(no change) for large counts 0.22; ' +
        'record keys uniform on [0, 1), cell key = sum mod 1; ' +
        "each person's record key is HMAC-SHA256 of their id under the secret (32 bits, 4097 persons, secret fingerprint e1fe0da70dbaee0b); " +
        'counts perturbed: persons, rows; secret from the environment variable PRIKK_CELL_KEY_SECRET; ' +
        'every cell perturbed on its own, so margins are not additive',
    ]);
    expect(d.summaries.map(([key]) => key)).toEqual(['method', 'cellKey', 'lookup']);
  });

  it('lists the same keys in full (others) and in one line (summaries), each a parameter', () => {
    const cases = [
      ['suppression', SUPPRESSION_PARAMETERS],
      ['rounding', ROUNDING_PARAMETERS],
      ['kAnonymity', K_ANONYMITY_PARAMETERS],
      ['dp', DP_PARAMETERS],
      ['cellKey', CELL_KEY_PARAMETERS],
    ] as const;
    for (const [method, parameters] of cases) {
      const d = describeParameters(method, parameters, persons);
      expect(d.others.map(([k]) => k)).toEqual(d.summaries.map(([k]) => k));
      for (const [key] of d.summaries) expect(Object.keys(parameters)).toContain(key);
    }
  });
});

describe('summariseParameterValue', () => {
  it('scalars as they are, short scalar lists listed, long ones counted', () => {
    expect(summariseParameterValue('fast')).toBe('fast');
    expect(summariseParameterValue(0.1 + 0.2)).toBe('0.3');
    expect(summariseParameterValue(false)).toBe('false');
    expect(summariseParameterValue(null)).toBe('null');
    expect(summariseParameterValue(['persons', 'rows'])).toBe('persons, rows');
    expect(summariseParameterValue([1, 2, 3, 4, 5, 6, 7])).toBe('7 items');
    expect(summariseParameterValue(DP_PARAMETERS.noise)).toBe('8 items');
    expect(summariseParameterValue([{ a: 1 }])).toBe('1 item');
  });

  it('objects as their fields, nested ones counted, at most 8 fields', () => {
    expect(summariseParameterValue({})).toBe('empty');
    expect(summariseParameterValue(CELL_KEY_PARAMETERS.recordKeys)).toBe(
      'source = hmac-sha256, bits = 32, per = person, count = 4097, secretFingerprint = e1fe0da70dbaee0b',
    );
    const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]));
    expect(summariseParameterValue(ten)).toBe('k0 = 0, k1 = 1, k2 = 2, k3 = 3, k4 = 4, k5 = 5, k6 = 6, k7 = 7, … (2 more)');
    expect(summariseParameterValue({ a: [1, 2], b: { c: 1, d: 2 } })).toBe('a = [1, 2], b = {2 fields}');
  });
});

describe('compactJson', () => {
  it('keeps what fits on one line, so 47 pairs take 47 lines', () => {
    const text = compactJson(HOSPITALS_SPEC);
    const lines = text.split('\n');
    // '{', name, type, '"pairs": [', 47 pairs, ']', '}' = 53 lines (JSON.stringify(_, null, 2) takes 3 + 1 + 47 × 4 + 2 = 194).
    expect(lines).toHaveLength(53);
    expect(lines[4]).toBe('    ["OUS-ULL", "Helse Sør-Øst"],');
    expect(JSON.stringify(HOSPITALS_SPEC, null, 2).split('\n')).toHaveLength(194);
    expect(compactJson({ level: 0, loss: { kind: 'pure', epsilon: '1/16' } })).toBe('{"level": 0, "loss": {"kind": "pure", "epsilon": "1/16"}}');
    expect(compactJson({ n: 10n, skip: undefined })).toBe('{"n": "10"}');
  });

  it('reads back as the same JSON (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(compactJson(value))).toEqual(JSON.parse(JSON.stringify(value) ?? 'null'));
      }),
      { numRuns: 300 },
    );
  });
});

describe('dpNoiseLevels', () => {
  it('ρ shares: levels of ρ = 1/100 and 3/100 of ρ = 1/25 are 1/4 and 3/4', () => {
    const noise = [
      { component: 'persons', level: 0, depths: [0], distribution: 'discrete Gaussian(σ² 50)', loss: { kind: 'zcdp', rho: '1/100', delta: '0' } },
      { component: 'persons', level: 1, depths: [1], distribution: 'discrete Gaussian(σ² 50/3)', loss: { kind: 'zcdp', rho: '3/100', delta: '0' } },
    ];
    const levels = dpNoiseLevels(noise, { kind: 'zcdp', rho: '1/25', delta: '0' });
    expect(levels?.map((l) => [l.loss, l.share, l.shareOf])).toEqual([
      ['ρ = 1/100 (0.01)', 0.25, 'ρ'],
      ['ρ = 3/100 (0.03)', 0.75, 'ρ'],
    ]);
  });

  it('no share across kinds; undefined for a shape it does not know (the generic list takes it)', () => {
    const pure = [{ level: 0, depths: [0], distribution: 'x', loss: { kind: 'pure', epsilon: '1' } }];
    expect(dpNoiseLevels(pure, { rho: 0.5 })?.[0]?.share).toBeUndefined();
    expect(dpNoiseLevels([{ level: 0 }], { epsilon: 1 })).toBeUndefined();
    expect(dpNoiseLevels('n/a', { epsilon: 1 })).toBeUndefined();
    const d = describeParameters('dp', { privacy: { epsilon: 1 }, noise: [{ level: 'x' }] }, persons);
    expect(d.noise).toBeUndefined();
    expect(d.summaries).toEqual([['noise', '1 item']]);
  });
});
