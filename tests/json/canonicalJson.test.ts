import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/json/canonicalJson.js';
import { parsePolicy } from '../../src/policy/parsePolicy.js';
import { requestOfPolicy } from '../../src/policy/requestOfPolicy.js';
import { withLines } from '../policy/helpers.js';

/** The same JSON value with the keys of every object in another order (a permutation chosen by `seed`). */
function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => shuffleKeys(v, seed + i + 1));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  // a Fisher-Yates shuffle driven by a small linear congruential generator (deterministic per seed)
  let s = seed >>> 0;
  for (let i = entries.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries.map(([k, v], i) => [k, shuffleKeys(v, seed * 31 + i)]));
}

describe('canonicalJson', () => {
  it('sorts keys recursively and writes no whitespace (hand-written expected text)', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: 'x' }], a: true, e: null, f: undefined })).toBe('{"a":true,"b":[1,{"c":"x","d":2}],"e":null}');
    expect(canonicalJson({ 'é': 1, Z: 2, a: 3, '10': 4, '9': 5 })).toBe('{"10":4,"9":5,"Z":2,"a":3,"é":1}');
    expect(canonicalJson([0.5, 1e21, -0, 'a"b\n'])).toBe('[0.5,1e+21,0,"a\\"b\\n"]');
  });

  it('is invariant under key order permutations (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it('is JSON that reads back as the same value, and canonical text is its own canonical form (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        // JSON.stringify writes -0 as 0, so compare with the value JSON itself round-trips to
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(text).not.toMatch(/^\s|\s$/);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses what JSON cannot hold exactly', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow('canonicalJson: $.a: expected a finite number, got NaN');
    expect(() => canonicalJson([1, Infinity])).toThrow('$[1]: expected a finite number, got Infinity');
    expect(() => canonicalJson({ a: 1n })).toThrow('$.a: expected a JSON value, got bigint');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow('$.self: expected a JSON value, got a reference back to an enclosing object (a cycle)');
    expect(() => canonicalJson(undefined)).toThrow('$: expected a JSON value, got undefined');
    // a repeated (not cyclic) object is fine
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe('requestOfPolicy', () => {
  const policy = parsePolicy(withLines({}), { file: 'p.yaml' });

  it('keeps what is released, drops who, why, where and how it looks', () => {
    const request = requestOfPolicy({ ...policy, agreement: 'DUA-1', output: { formats: ['csv'] } }) as Record<string, unknown>;
    expect(Object.keys(request).sort()).toEqual(['dataset', 'extract', 'hierarchies', 'privacyBudget', 'tables']);
    expect(request.tables).toBe(policy.tables);
  });

  it('gives the same hash for the same request from another recipient, written in another order and as JSON', () => {
    const input = 'ab'.repeat(32);
    const hash = (p: typeof policy): string => createHash('sha256').update(canonicalJson({ input, request: requestOfPolicy(p) })).digest('hex');
    const other = parsePolicy(JSON.stringify(shuffleKeys({ ...policy, recipient: 'Someone Else AS', purpose: 'Another purpose', ledger: './elsewhere' }, 7)), { file: 'p.json' });
    expect(hash(other)).toBe(hash(policy));
    // a different table is a different request
    expect(hash({ ...policy, tables: policy.tables.slice(1) })).not.toBe(hash(policy));
  });
});
