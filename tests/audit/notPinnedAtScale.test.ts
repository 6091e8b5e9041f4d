import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditSpace, type QuantityTargets } from '../../src/audit/auditSpace.js';
import { NOT_PINNED } from '../../src/audit/sensitiveTargets.js';
import { smallPatternArb } from './tableHelpers.js';

// "Not pinned" is what the audit of published files can require of a hidden sum (no contributions). Its width goal
// is 10^-3, tiny beside sums of 10^5-10^11 (NOK, øre), where LP round-off is larger than that. Widths scale with the
// values: a cell pinned in the table of counts (its exact interval a point) is pinned in the same table times S, and
// a free one spans at least S. The reference: exact LPs (no goals, no moves, no certificates) on the counts.
describe('"not pinned" at large magnitudes', () => {
  it('fails every pinned hidden sum and passes every free one, at sums of 10^6, 10^9 and 10^11 (random patterns)', async () => {
    await fc.assert(
      fc.asyncProperty(smallPatternArb(60), async ({ space, counts, hidden }) => {
        const cells = Int32Array.from([...hidden.keys()].filter((c) => hidden[c]));
        if (cells.length === 0) return;
        const group: QuantityTargets = { quantity: { kind: 'count' }, values: counts, cells, requirements: Array.from(cells, () => NOT_PINNED) };
        const reference = (await auditSpace(space, hidden, [group], { exact: true }))[0]!;
        for (const scale of [1e6, 1e9, 1e11]) {
          // The published values only (hidden ones unknown, as read from a release folder).
          const values = Float64Array.from(counts, (v, c) => (hidden[c] ? NaN : v * scale));
          const got = (await auditSpace(space, hidden, [{ ...group, quantity: { kind: 'sum', measure: 'cost' }, values }]))[0]!;
          reference.forEach((r, i) => expect(got[i]!.pass, `scale ${scale}, target ${i}: exact width at scale 1 is ${r.width}`).toBe(r.width > 1e-9));
        }
      }),
      { numRuns: 120, seed: 77 },
    );
  });
});
