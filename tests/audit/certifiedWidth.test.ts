import { describe, expect, it } from 'vitest';
import { attackIntervals } from '../../src/audit/attackIntervals.js';
import type { FeasiblePoint } from '../../src/audit/BoxMoveFinder.js';
import { grid3x3 } from './grid3x3.js';

// A certified width must be the width reported. Reported intervals are clamped into each cell's box (a value below
// the bound 0 is round-off), so the certificate must be clamped too. Seen on a release folder's costs (10^5 NOK): an
// LP's table had a hidden cost at -2·10^-5, another at 0.00098; the span 0.001 certified "not pinned", the clamped
// interval [0, 0.00098] then failed the very goal it had certified.
describe('a width goal is certified on the interval as reported', () => {
  it('a table a round-off below zero does not certify a width the clamped interval falls short of', async () => {
    // a1 = 0, every inner cell hidden: one core (every row and column has three unknowns). Hand: a1 ranges over
    // [0, 7] (column 1 holds 0 + 4 + 3 = 7; row a 12).
    const { space, at, counts } = grid3x3([0, 5, 7, 4, 6, 8, 3, 9, 2]);
    const hidden = new Uint8Array(space.cellCount);
    for (const r of ['a', 'b', 'c']) for (const c of ['1', '2', '3']) hidden[at(r, c)] = 1;
    const target = at('a', '1');
    // Moves as an LP's round-off would leave them: up to 0.00098, down to -0.00002 (span 0.001).
    const moves = (cell: number, direction: 1 | -1): FeasiblePoint | undefined =>
      cell === target ? { cells: Int32Array.of(cell), values: Float64Array.of(direction > 0 ? 0.00098 : -0.00002), reached: 0 } : undefined;
    const b = await attackIntervals({
      relations: space.relations,
      values: counts,
      hidden,
      targets: Int32Array.of(target),
      describe: String,
      goals: [{ upper: -Infinity, lower: Infinity, width: 1e-3 }],
      moves,
      // Out of the narrowest walk, as a "not pinned" target is (the walk would make the only target exact).
      widthReported: Uint8Array.of(0),
    });
    expect(b.lower[0]).toBe(0);
    // Certified by an LP instead (an inner width of at least the goal), or exact: 7.
    expect(b.upper[0]! - b.lower[0]!).toBeGreaterThanOrEqual(1e-3);
    if (b.exact[0] === 1) expect(b.upper[0]).toBeCloseTo(7, 9);
  });
});
