import { describe, expect, it } from 'vitest';
import { hierarchyFromParentChild } from '../../src/hierarchy/hierarchyFromParentChild.js';
import { thrown } from './helpers.js';

describe('hierarchyFromParentChild', () => {
  it('builds municipality -> county -> total from pairs (expected tree written by hand)', () => {
    const h = hierarchyFromParentChild([
      ['0301', '03'],
      ['1101', '11'],
      ['1103', '11'],
    ]);
    expect(h.toJSON()).toEqual({ Total: ['03', '11'], '03': ['0301'], '11': ['1101', '1103'] });
    expect(h.labels).toEqual(['0301', '1101', '1103', '03', '11', 'Total']);
    expect(h.levelCount).toBe(3);
  });

  it('builds an unbalanced tree: hospital -> trust -> region, a private clinic straight under the total', () => {
    const h = hierarchyFromParentChild(
      [
        ['Ullevål', 'OUS'],
        ['Rikshospitalet', 'OUS'],
        ['OUS', 'Helse Sør-Øst'],
        ['Haukeland', 'Helse Bergen'],
        ['Helse Bergen', 'Helse Vest'],
        ['Helse Vest', 'Norge'],
        ['Helse Sør-Øst', 'Norge'],
        ['Privat klinikk', 'Norge'],
      ],
      { total: 'Norge' },
    );
    expect(h.toJSON()).toEqual({
      Norge: ['Privat klinikk', 'Helse Sør-Øst', 'Helse Vest'], // children in node order: the leaf first
      'Helse Sør-Øst': ['OUS'],
      'Helse Vest': ['Helse Bergen'],
      OUS: ['Ullevål', 'Rikshospitalet'],
      'Helse Bergen': ['Haukeland'],
    });
    // Leaves first in order of appearance, then internal nodes by height: OUS, Helse Bergen (1), then the regions (2).
    expect(h.labels).toEqual(['Ullevål', 'Rikshospitalet', 'Haukeland', 'Privat klinikk', 'OUS', 'Helse Bergen', 'Helse Sør-Øst', 'Helse Vest', 'Norge']);
    expect(h.levelCount).toBe(0);
    expect([...h.depths]).toEqual([3, 3, 3, 1, 2, 2, 1, 1, 0]);
  });

  it('attaches parentless nodes to the total and accepts a repeated identical pair', () => {
    const h = hierarchyFromParentChild([
      ['a', 'x'],
      ['a', 'x'],
      ['b', 'Total'],
    ]);
    expect(h.toJSON()).toEqual({ Total: ['b', 'x'], x: ['a'] });
    expect(h.labels).toEqual(['a', 'b', 'x', 'Total']);
  });

  it('rejects cycles, two parents, a child equal to the total, and bad pairs, naming the pair', () => {
    const cycle = thrown(() => hierarchyFromParentChild([['r', 's'], ['a', 'b'], ['b', 'c'], ['c', 'a']], { source: 'policy.json' }));
    expect(cycle.code).toBe('INVALID_SCHEMA');
    expect(cycle.message).toMatch(/cycle: 'a' -> 'b' -> 'c' -> 'a'/);
    expect(cycle.location?.file).toBe('policy.json');
    const two = thrown(() => hierarchyFromParentChild([['a', 'x'], ['a', 'y']]));
    expect(two.message).toBe("row 2: hierarchyFromParentChild: 'a' has two parents, 'x' (pair 1) and 'y'");
    expect(thrown(() => hierarchyFromParentChild([['Total', 'x']])).message).toMatch(/child 'Total' equals the total label/);
    expect(thrown(() => hierarchyFromParentChild([['a', 'a']])).message).toMatch(/its own parent/);
    expect(thrown(() => hierarchyFromParentChild([['a']] as unknown as [string, string][])).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => hierarchyFromParentChild([])).code).toBe('INVALID_ARGUMENT');
  });
});
