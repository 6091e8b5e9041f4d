import { describe, expect, it } from 'vitest';
import { Hierarchy } from '../../src/hierarchy/Hierarchy.js';
import { thrown } from './helpers.js';

describe('Hierarchy levels and leaf counts', () => {
  // The example of the class doc: 0301 -> 03, 1101/1103 -> 11, -> Total.
  const h = Hierarchy.fromParents('Total', ['0301', '1101', '1103', '03', '11', 'Total'], [3, 4, 4, 5, 5, -1]);

  it('keeps the existing API (fromParents, leafOf, toJSON)', () => {
    expect(h.leafCount).toBe(3);
    expect(h.leafOf('1103')).toBe(2);
    expect(h.labels[h.parents[2]!]).toBe('11');
    expect(h.toJSON()).toEqual({ Total: ['03', '11'], '03': ['0301'], '11': ['1101', '1103'] });
    expect(h.displayLabels).toEqual(h.labels);
  });

  it('has one level per depth, with a Uint32Array per level mapping leaf -> node', () => {
    expect(h.levelCount).toBe(3);
    expect(h.levelMaps.map((m) => [...m])).toEqual([
      [0, 1, 2],
      [3, 4, 4],
      [5, 5, 5],
    ]);
    expect(h.levelMaps[1]).toBeInstanceOf(Uint32Array);
    expect(h.ancestorAtLevel(2, 1)).toBe(4);
    expect(h.ancestorAtLevel(0, 2)).toBe(5);
    expect([0, 3, 5].map((n) => h.levelOf(n))).toEqual([0, 1, 2]);
  });

  it('counts leaves under every node', () => {
    expect([...h.leafCounts]).toEqual([1, 1, 1, 1, 2, 3]);
    expect(h.leafCountUnder(4)).toBe(2);
  });

  it('has no levels when leaves sit at different depths, and says so', () => {
    // a -> g -> T and b -> T: depths 2 and 1.
    const u = Hierarchy.build({ total: 'T', labels: ['a', 'b', 'g', 'T'], parents: [2, 3, 3, -1] });
    expect(u.levelCount).toBe(0);
    expect(u.levelMaps).toEqual([]);
    expect([...u.leafCounts]).toEqual([1, 1, 1, 2]);
    expect(thrown(() => u.ancestorAtLevel(0, 0)).message).toMatch(/different depths/);
    expect(thrown(() => u.levelOf(0)).code).toBe('INVALID_ARGUMENT');
  });

  it('rejects out-of-range leaves, levels and nodes', () => {
    expect(thrown(() => h.ancestorAtLevel(3, 0)).message).toMatch(/leaf index in \[0, 3\), got 3/);
    expect(thrown(() => h.ancestorAtLevel(0, 3)).message).toMatch(/level in \[0, 3\), got 3/);
    expect(thrown(() => h.ancestorAtLevel(0, 0.5)).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => h.leafCountUnder(6)).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => h.leafCountUnder(-1)).code).toBe('INVALID_ARGUMENT');
  });

  it('treats a lone root as one leaf with one level', () => {
    const r = Hierarchy.build({ total: 'T', labels: ['T'], parents: [-1] });
    expect([r.leafCount, r.levelCount, r.ancestorAtLevel(0, 0)]).toEqual([1, 1, 0]);
  });

  it('validates build inputs', () => {
    expect(thrown(() => Hierarchy.build({ total: 'T', labels: ['a', 'T'], parents: [1, -1], displayLabels: ['a'] })).code).toBe('INVALID_SCHEMA');
    expect(thrown(() => Hierarchy.build({ total: 'T', labels: ['a', 'a', 'T'], parents: [2, 2, -1] })).message).toMatch(/'a' appears twice/);
    expect(thrown(() => Hierarchy.build({ total: 'T', labels: ['a', 'T'], parents: [0, -1] })).message).toMatch(/before its parent/);
  });

  it('refuses a tree deeper than its Uint8Array depths can hold (255)', () => {
    const n = 258;
    const labels = Array.from({ length: n }, (_, i) => (i === n - 1 ? 'T' : `n${i}`));
    const parents = Array.from({ length: n }, (_, i) => (i === n - 1 ? -1 : i + 1));
    expect(thrown(() => Hierarchy.build({ total: 'T', labels, parents })).message).toMatch(/more than 255 levels/);
  });

  it('is immutable', () => {
    expect(Object.isFrozen(h)).toBe(true);
    expect(Object.isFrozen(h.labels)).toBe(true);
    expect(Object.isFrozen(h.levelMaps)).toBe(true);
  });
});
