import { describe, expect, it } from 'vitest';
import { prefixHierarchy } from '../../src/hierarchy/prefixHierarchy.js';
import { thrown } from './helpers.js';

describe('prefixHierarchy', () => {
  it('generalises municipality -> county -> total by prefix (expected tree by hand)', () => {
    const h = prefixHierarchy(['0301', '1101', '1103', '1506'], { levels: [2] });
    expect(h.toJSON()).toEqual({ Total: ['03', '11', '15'], '03': ['0301'], '11': ['1101', '1103'], '15': ['1506'] });
    expect(h.labels).toEqual(['0301', '1101', '1103', '1506', '03', '11', '15', 'Total']);
    expect(h.levelCount).toBe(3);
  });

  it('mixes prefix lengths and functions, coarsest last (NCSP-like codes)', () => {
    const h = prefixHierarchy(['NFB02', 'NFB12', 'NGB01', 'JKA21'], {
      levels: [3, 2, (code) => (code.startsWith('N') ? 'musculoskeletal' : 'digestive')],
      total: 'All',
    });
    expect(h.toJSON()).toEqual({
      All: ['musculoskeletal', 'digestive'],
      musculoskeletal: ['NF', 'NG'],
      digestive: ['JK'],
      NF: ['NFB'],
      NG: ['NGB'],
      JK: ['JKA'],
      NFB: ['NFB02', 'NFB12'],
      NGB: ['NGB01'],
      JKA: ['JKA21'],
    });
    expect(h.levelCount).toBe(5);
  });

  it('keeps a code that is its own prefix as the leaf and renames the coarser node', () => {
    const h = prefixHierarchy(['S72', 'S72.0'], { levels: [3] });
    expect(h.labels).toEqual(['S72', 'S72.0', 'S72 (level 1)', 'Total']);
    expect(h.displayLabels[2]).toBe('S72');
  });

  it('rejects levels that do not nest, short codes and bad functions', () => {
    expect(thrown(() => prefixHierarchy(['0301', '0311'], { levels: [2, 3] })).message).toMatch(/'03' at level 1 has parent '031' on values\[1\] \('0311'\) but '030'/);
    expect(thrown(() => prefixHierarchy(['3'], { levels: [2] })).message).toMatch(/'3' is shorter than the prefix length 2/);
    expect(thrown(() => prefixHierarchy(['03'], { levels: [() => ''] })).message).toMatch(/levels\[0\] returned ""/);
    expect(thrown(() => prefixHierarchy(['03'], { levels: [0] })).message).toMatch(/positive integer/);
    expect(thrown(() => prefixHierarchy(['03', '03'], { levels: [1] })).message).toMatch(/appears twice/);
  });
});
