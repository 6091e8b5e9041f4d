import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteDictionary } from '../../src/read/ByteDictionary.js';
import { utf8 } from './helpers.js';

/** Reference: a Map from the value's text to its number in order of first appearance. */
function reference(values: readonly string[]): number[] {
  const map = new Map<string, number>();
  return values.map((v) => {
    if (!map.has(v)) map.set(v, map.size);
    return map.get(v)!;
  });
}

function viaFindAdd(values: readonly string[]): number[] {
  const d = new ByteDictionary(4);
  return values.map((v) => {
    const b = utf8(v);
    const id = d.find(b, 0, b.length);
    return id >= 0 ? id : d.addPrepared();
  });
}

function viaSorted(values: readonly string[]): number[] {
  const d = new ByteDictionary(4, true);
  return values.map((v) => {
    const b = utf8(v);
    return d.findOrAdd(b, 0, b.length);
  });
}

describe('ByteDictionary', () => {
  it('numbers values in order of first appearance, like a Map (hand case)', () => {
    const values = ['0301', '1103', '0301', '', 'Tromsø', '1103', ''];
    expect(viaFindAdd(values)).toEqual([0, 1, 0, 2, 3, 1, 2]);
    expect(viaSorted(values)).toEqual([0, 1, 0, 2, 3, 1, 2]);
    const d = new ByteDictionary();
    for (const v of values) d.findOrAdd(utf8(v), 0, utf8(v).length);
    expect(new TextDecoder().decode(d.bytesOf(3))).toBe('Tromsø');
    expect(d.size).toBe(4);
  });

  it('equals the Map reference on random values (both modes), through table growth', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '\u0000', 'ø'), maxLength: 12 }), { maxLength: 400 }), (values) => {
        const expected = reference(values);
        expect(viaFindAdd(values)).toEqual(expected);
        expect(viaSorted(values)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('sorted-run mode: sorted ids, then many out-of-order new ids (switching to the hash table) stay correct', () => {
    const values: string[] = [];
    for (let i = 0; i < 50_000; i++) values.push(String(1_000_000 + i), String(1_000_000 + i));
    // Then 150 000 new ids in a scrambled order (7919 is prime to 150 000), and the first ids again.
    for (let i = 0; i < 150_000; i++) values.push(String(2_000_000 + ((i * 7919) % 150_000)));
    for (let i = 0; i < 50_000; i += 7) values.push(String(1_000_000 + i));
    const d = new ByteDictionary(4, true);
    const state = d as unknown as { sorted: boolean };
    const got = values.map((v, i) => {
      if (i === 100_000) expect(state.sorted).toBe(true); // still in sorted mode after the sorted part
      const b = utf8(v);
      return d.findOrAdd(b, 0, b.length);
    });
    expect(state.sorted).toBe(false); // switched to hashing
    expect(got).toEqual(reference(values));
  });
});
