import { describe, expect, it } from 'vitest';
import { hierarchyFromParentChild } from '../../src/hierarchy/hierarchyFromParentChild.js';
import { lowestCommonAncestor } from '../../src/hierarchy/lowestCommonAncestor.js';

describe('lowestCommonAncestor', () => {
  // Hand-drawn tree: Total <- 03 <- 0301; Total <- 11 <- {1101, 1103}; Total <- 5001 (a leaf one level up).
  const h = hierarchyFromParentChild([['0301', '03'], ['1101', '11'], ['1103', '11'], ['03', 'Total'], ['11', 'Total'], ['5001', 'Total']]);
  const lca = (a: string, b: string): string => h.labels[lowestCommonAncestor(h.parents, h.depths, h.nodeOf(a), h.nodeOf(b))]!;

  it('finds the join of siblings, cousins, a node and its ancestor, and leaves at different depths', () => {
    expect(lca('1101', '1103')).toBe('11');
    expect(lca('0301', '1103')).toBe('Total');
    expect(lca('1103', '11')).toBe('11');
    expect(lca('0301', '0301')).toBe('0301');
    expect(lca('5001', '1101')).toBe('Total');
    expect(lca('Total', '0301')).toBe('Total');
  });
});
