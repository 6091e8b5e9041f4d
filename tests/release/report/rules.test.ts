// Plain-word descriptions of each method's parameters. Expected sentences are written by hand from the policy
// documentation in src/policy/ReleasePolicy.ts (and the brief's examples); exact fractions by hand (0.02 = 1/50).
import { describe, expect, it } from 'vitest';
import { describeParameters } from '../../../src/release/report/rules/describeParameters.js';

const context = { unit: 'persons', smallSymbol: '*' };

describe('describeParameters', () => {
  it('suppression: rules, secondary method, cost and singletons', () => {
    const d = describeParameters(
      'suppression',
      {
        rules: [{ frequency: { n: 3, zerosSensitive: true } }, { pPercent: { measure: 'cost', p: 10 } }, 'custom(rule)'],
        secondary: 'optimal',
        cost: 'value',
        singletons: false,
      },
      { ...context, unit: 'rows' },
    );
    expect(d.sentences).toEqual([
      'Cell suppression: a cell is sensitive when rows < 3 (zeros too); p % rule (p = 10 %) on cost; custom(rule); ' +
        'secondary suppression: optimal (mixed-integer programming), cost: least value; singletons not protected',
    ]);
    expect(d.others).toEqual([]);
  });

  it("unwraps the policy's { method: { … } } form", () => {
    const d = describeParameters('suppression', { suppression: { rules: [{ frequency: { n: 5 } }] } }, context);
    expect(d.sentences).toEqual(['Cell suppression: a cell is sensitive when persons < 5']);
  });

  it('rounding: the three rules', () => {
    expect(describeParameters('rounding', { rule: 'nhs', base: 5, low: 1, high: 7 }, { ...context, smallSymbol: '~' }).sentences).toEqual([
      'NHS rule: 1–7 shown as ~, other counts rounded to base 5',
    ]);
    expect(describeParameters('rounding', { rule: 'base', base: 10 }, context).sentences).toEqual([
      'Rounding: every count rounded to the nearest multiple of 10',
    ]);
    expect(describeParameters('rounding', { rule: 'random', base: 3 }, context).sentences[0]).toMatch(/^Unbiased random rounding to base 3: /);
  });

  it('rounding: keyed draws name the record keys and where the secret is (never a value); fresh draws say so', () => {
    const keyed = describeParameters(
      'rounding',
      {
        rule: 'random',
        base: 5,
        draws: 'keyed',
        recordKeys: { source: 'hmac-sha256', bits: 32, per: 'person', secretFingerprint: 'abc123' },
        secret: { env: 'REGISTRY_SECRET' },
      },
      context,
    );
    expect(keyed.sentences[0]).toBe(
      'Unbiased random rounding to base 5: each count goes up or down to a multiple at random, its expectation the true count; ' +
        "the draw is the cell's key (its persons' record keys summed), so the same persons are rounded the same way in every table and release; " +
        "each person's record key is HMAC-SHA256 of their id under the secret (32 bits, secret fingerprint abc123); " +
        'secret from the environment variable REGISTRY_SECRET',
    );
    const fresh = describeParameters('rounding', { rule: 'random', base: 5, draws: 'fresh', random: 'node:crypto' }, context);
    expect(fresh.sentences[0]).toMatch(/; fresh draws for this release \(asked for by name/);
  });

  it('dp: ρ, a clamped sum, bounds, margins, no post-processing', () => {
    const d = describeParameters(
      'dp',
      {
        privacy: { rho: 0.02 },
        statistic: 'sum',
        measure: 'cost',
        clamp: { lower: 0, upper: 100000 },
        resolution: 1,
        bounds: { maxPartitionsPerPerson: 3, maxRowsPerPartition: 2 },
        margins: 'finestOnly',
        postProcess: false,
        confidence: 0.9,
        seedNote: 'n/a',
      },
      context,
    );
    expect(d.sentences).toEqual([
      'Differential privacy: ρ = 1/50 (0.02); statistic: sum of cost, values clamped to [0, 100000], resolution 1; ' +
        'each person counts in at most 3 cells, with at most 2 rows per cell; 90 % confidence intervals; ' +
        'margins: only the finest cells measured, margins are their sums; no post-processing (raw noisy values)',
    ]);
    expect(d.others).toEqual([['seedNote', 'n/a']]);
  });

  it("dp: reads the ledger's loss form too", () => {
    expect(describeParameters('dp', { loss: { kind: 'pure', epsilon: '1/4' } }, context).sentences).toEqual(['Differential privacy: ε = 1/4 (0.25)']);
  });

  it('cell key: a p-table file, mod 256 keys, magnitudes; always "not additive"', () => {
    const d = describeParameters(
      'cellKey',
      { ptable: { file: 'p.tau', sha256: 'abc' }, keys: 'mod256', magnitudes: { ptable: { D: 2, V: 0.5 }, p: 0.1 }, secret: { file: 'secret.bin' } },
      context,
    );
    expect(d.sentences).toEqual([
      'Cell key method: p-table from p.tau (sha256 abc); record keys on 256 steps, cell key = sum mod 256; ' +
        'sums perturbed with p-table D = 2, V = 0.5, p = 0.1; secret from the file secret.bin; ' +
        'every cell perturbed on its own, so margins are not additive',
    ]);
    expect(d.others).toEqual([]);
  });

  it('k-anonymity: k, suppression limit, metric, l-diversity, t-closeness', () => {
    const d = describeParameters(
      'kAnonymity',
      { k: 5, suppressionLimit: 0.02, metric: 'loss', sensitive: 'diagnosis', lDiversity: { kind: 'distinct', l: 2 }, tCloseness: { kind: 'equal', t: 0.2 } },
      context,
    );
    expect(d.sentences).toEqual([
      'k-anonymity: k = 5 (every combination of the dimensions is shared by at least 5 persons); suppression limit 2 % of records; ' +
        'metric: loss (ARX); sensitive attribute: diagnosis; distinct 2-diversity; 0.2-closeness (equal ground distance)',
    ]);
  });

  it('falls back to key/value for shapes it does not know, and never drops a key', () => {
    const d = describeParameters('suppression', { rules: 'n<5', frobnicate: { a: [1, 2] }, secondary: 'fast', flag: true }, context);
    expect(d.sentences).toEqual(['Cell suppression: secondary suppression: fast (Gaussian elimination)']);
    expect(d.others).toEqual([
      ['rules', 'n<5'],
      ['frobnicate', '{"a":[1,2]}'],
      ['flag', 'true'],
    ]);
    const unknown = describeParameters('cellKey', { ptable: { D: 3, V: 1, extra: 1 } }, context);
    expect(unknown.others).toEqual([['ptable', '{"D":3,"V":1,"extra":1}']]);
  });
});
