import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditSpace, type QuantityTargets } from '../../src/audit/auditSpace.js';
import { NOT_PINNED } from '../../src/audit/sensitiveTargets.js';
import { smallPatternArb } from './tableHelpers.js';

// An audit reports one narrowest check over all its quantities (counts and sums). Each quantity's narrowest walk
// stops at the smallest exact width found so far, the earlier quantities' included (counts first). The claims: the
// narrowest width found is exact and equals the smallest width of an audit whose every width is exact (`exact: true`,
// two LPs per target: the reference); and a quantity whose checks are all wider than the counts' narrowest gets no
// exact widths of its own beyond those the reduction gives (its walk does not run).

/** The frequency rule's requirement (the upper bound must reach n) for every hidden cell with 0 < value < n. */
function group(quantity: QuantityTargets['quantity'], values: Float64Array, hidden: Uint8Array, counts: Float64Array, n: number, unit: number): QuantityTargets {
  const cells = Int32Array.from([...hidden.keys()].filter((c) => hidden[c] && counts[c]! > 0 && counts[c]! < n));
  return { quantity, values, cells, requirements: Array.from(cells, () => ({ upperTarget: n * unit, lowerTarget: Infinity, minWidth: 0 })) };
}

describe('the narrowest width over several quantities', () => {
  it('is exact and the smallest exact width of all checks; a sum 100 times the counts needs no exact width (random tables)', async () => {
    await fc.assert(
      fc.asyncProperty(smallPatternArb(40), fc.boolean(), async ({ space, counts, hidden, n }, sumsFirst) => {
        // A "cost" of 100 per person: additive like the counts, every interval 100 times as wide.
        const costs = counts.map((v) => 100 * v);
        const countGroup = group({ kind: 'count' }, counts, hidden, counts, n, 1);
        if (countGroup.cells.length === 0) return;
        const sumGroup = group({ kind: 'sum', measure: 'cost' }, costs, hidden, counts, n, 100);
        const groups = sumsFirst ? [sumGroup, countGroup] : [countGroup, sumGroup];
        const got = await auditSpace(space, hidden, groups);
        const exact = await auditSpace(space, hidden, groups, { exact: true });
        const all = got.flat();
        const narrowest = all.reduce((a, b) => (b.width < a.width || (b.width === a.width && b.exact && !a.exact) ? b : a));
        const reference = Math.min(...exact.flat().map((v) => v.width));
        expect(narrowest.exact).toBe(true);
        expect(narrowest.width).toBeCloseTo(reference, 6);
        // Counts first: the costs' walk starts from the counts' narrowest, as a cost audit alone told that width
        // does (`exactBelow`); every cost width is 100 times a count width, so it has nothing to make exact.
        if (!sumsFirst) {
          const countNarrowest = Math.min(...got[0]!.filter((v) => v.exact).map((v) => v.width));
          const alone = await auditSpace(space, hidden, [sumGroup], { exactBelow: countNarrowest });
          expect(got[1]).toEqual(alone[0]);
        }
      }),
      { numRuns: 80, seed: 1124 },
    );
  });

  it('leaves out the checks required only not to be pinned: they get no LP of the walk and bound no other (random tables)', async () => {
    // Sums 100 times smaller than the counts, required only not to be pinned, as a release folder's hidden sums are:
    // their widths are no protection interval, so making the narrowest of them exact would be LPs for nothing.
    await fc.assert(
      fc.asyncProperty(smallPatternArb(40), fc.boolean(), async ({ space, counts, hidden, n }, sumsFirst) => {
        const countGroup = group({ kind: 'count' }, counts, hidden, counts, n, 1);
        if (countGroup.cells.length === 0) return;
        const cells = Int32Array.from([...hidden.keys()].filter((c) => hidden[c]));
        const notPinned: QuantityTargets = { quantity: { kind: 'sum', measure: 'cost' }, values: counts.map((v) => v / 100), cells, requirements: Array.from(cells, () => NOT_PINNED) };
        const got = await auditSpace(space, hidden, sumsFirst ? [notPinned, countGroup] : [countGroup, notPinned]);
        // The counts' verdicts are those of the counts audited alone: same widths, same exact ones.
        const alone = await auditSpace(space, hidden, [countGroup]);
        expect(got[sumsFirst ? 1 : 0]).toEqual(alone[0]);
        // The sums' are those of an audit whose walk never runs (no known width lies below an exact width of 0).
        const noWalk = await auditSpace(space, hidden, [notPinned], { exactBelow: 0 });
        expect(got[sumsFirst ? 0 : 1]).toEqual(noWalk[0]);
      }),
      { numRuns: 60, seed: 1125 },
    );
  });
});
