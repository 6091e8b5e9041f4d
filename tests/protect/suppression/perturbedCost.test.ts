import { describe, expect, it } from 'vitest';
import { REPAIR_COST_PERTURBATION, perturbedCost } from '../../../src/protect/suppression/perturbedCost.js';

describe('perturbedCost', () => {
  it('raises the cost by ε · place / count (hand-computed)', () => {
    expect(REPAIR_COST_PERTURBATION).toBe(1e-4);
    // 2 × (1 + 1e-4 × 0/4) = 2; 2 × (1 + 1e-4 × 3/4) = 2 + 1.5e-4 = 2.00015.
    expect(perturbedCost(2, 0, 4)).toBe(2);
    expect(perturbedCost(2, 3, 4)).toBeCloseTo(2.00015, 12);
  });

  it('gives each place its own cost, spaced ε / count apart, below cost × (1 + ε)', () => {
    const count = 300;
    const costs = Array.from({ length: count }, (_, p) => perturbedCost(1, p, count));
    for (let p = 1; p < count; p++) expect(costs[p]! - costs[p - 1]!).toBeCloseTo(1e-4 / count, 12);
    expect(costs[count - 1]!).toBeLessThan(1 + 1e-4);
  });
});
