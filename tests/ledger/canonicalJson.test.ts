import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/json/canonicalJson.js';
import { checkLedgerName, checkStoredPath } from '../../src/ledger/checkLedgerName.js';
import { sortedJson } from './helpers.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined properties', () => {
    // Written by hand from RFC 8785 section 3.2.3 (keys sorted by UTF-16 code units: 'B' < 'a' < 'b' < 'é').
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' }, é: 2, B: 0, u: undefined })).toBe(
      '{"B":0,"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1,"é":2}',
    );
  });

  it('agrees with a second implementation (sorted rebuild + JSON.stringify) on random JSON, and is stable under key order', () => {
    const json = fc.jsonValue().filter((v) => !JSON.stringify(v).match(/"\d+":/)); // no integer-like keys
    fc.assert(
      fc.property(json, (v) => {
        expect(canonicalJson(v)).toBe(sortedJson(JSON.parse(JSON.stringify(v))));
        const reversed = JSON.parse(JSON.stringify(v), (_k, x: unknown) =>
          x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).reverse()) : x,
        ) as unknown;
        expect(canonicalJson(reversed)).toBe(canonicalJson(v));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses values JSON cannot hold exactly, naming the path', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(/\$\.a\[1\]: expected a finite number/);
    expect(() => canonicalJson({ a: 1n })).toThrow(/\$\.a: expected a JSON value, got bigint/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/\$\.d: expected a plain object/);
    expect(() => canonicalJson([undefined])).toThrow(/\$\[0\]/);
  });
});

describe('checkLedgerName and checkStoredPath', () => {
  it('accept safe names and paths and refuse the rest', () => {
    expect(checkLedgerName('hip-fracture_2025.v1', 'x')).toBe('hip-fracture_2025.v1');
    for (const bad of ['', '.', '..', 'a/b', 'a\\b', 'a b', 'ø', 5]) expect(() => checkLedgerName(bad, 'x')).toThrow(/x: expected a name/);
    expect(checkStoredPath('tables/by region.json', 'p')).toBe('tables/by region.json');
    for (const bad of ['', '/a', 'a/', 'a//b', './a', 'a/../b', '..', 'a\\b', 'c:x', 'a\nb']) expect(() => checkStoredPath(bad, 'p')).toThrow(/p: expected a relative path/);
  });
});
