import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellTable } from '../../../src/aggregate/CellTable.js';
import { auditTable } from '../../../src/audit/auditTable.js';
import type { Hierarchy } from '../../../src/hierarchy/Hierarchy.js';
import { frequencyRule } from '../../../src/protect/suppression/rules/frequencyRule.js';
import { suppressCells } from '../../../src/protect/suppression/suppressCells.js';
import { flat, makeTable, twoLevel, withStatuses } from '../../audit/tableHelpers.js';
import { protectsWithFast } from './protectsWithFast.js';

/** A random dimension: flat with 2-3 leaves, or two groups of 1-2 leaves (a hierarchy with a middle level). */
const dimension = fc.oneof(
  fc.integer({ min: 2, max: 3 }).map((k) => (name: string): Hierarchy => flat('T', Array.from({ length: k }, (_, i) => `${name}${i}`))),
  fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })).map(
    ([a, b]) =>
      (name: string): Hierarchy =>
        twoLevel('T', { [`${name}G`]: Array.from({ length: a }, (_, i) => `${name}g${i}`), [`${name}H`]: Array.from({ length: b }, (_, i) => `${name}h${i}`) }),
  ),
);

/** A random small dimension: flat with 2 leaves, or two groups of one leaf each (a middle level of single children). */
const smallDimension = fc.constantFrom(
  (name: string): Hierarchy => flat('T', [`${name}0`, `${name}1`]),
  (name: string): Hierarchy => twoLevel('T', { [`${name}G`]: [`${name}g0`], [`${name}H`]: [`${name}h0`] }),
  (name: string): Hierarchy => flat('T', [`${name}0`, `${name}1`, `${name}2`]),
);

/** Random tables of 2-4 dimensions (or `minDims`..`maxDims` of `dim`) with many small counts (0-3 often, up to 20). */
function tables(maxDims: number, maxCells: number, minDims = 2, dim = dimension): fc.Arbitrary<CellTable> {
  return fc
    .tuple(fc.array(dim, { minLength: minDims, maxLength: maxDims }), fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 20 })), { minLength: 64, maxLength: 64 }))
    .map(([dims, pool]) => {
      const hs = dims.map((f, d) => ({ name: `d${d}`, hierarchy: f(`d${d}`) }));
      const leafCount = hs.reduce((a, h) => a * h.hierarchy.leafCount, 1);
      return makeTable(hs, Array.from({ length: leafCount }, (_, i) => pool[i % pool.length]!));
    })
    .filter((t) => t.cellCount <= maxCells);
}

const rule = frequencyRule({ n: 4 });

function hiddenCount(t: CellTable): number {
  let n = 0;
  for (let c = 0; c < t.cellCount; c++) if (t.statusOf(c) !== 'published') n++;
  return n;
}


describe('suppressCells properties on random hierarchical tables', () => {
  it('fast: every primary cell is hidden and the audit passes (also an independent re-audit of the output)', async () => {
    await fc.assert(
      fc.asyncProperty(tables(4, 400), async (t) => {
        await protectsWithFast(t, rule);
      }),
      { numRuns: 25, seed: 424242 },
    );
  });

  it('fast on 1- and 5-dimensional tables (the issue names 1 to 5): primaries hidden, the audit and a re-audit pass', async () => {
    const withSecondaries = [0, 0]; // 1-dim, 5-dim tables that needed secondaries
    await fc.assert(
      fc.asyncProperty(fc.oneof(tables(1, 400, 1), tables(5, 1500, 5, smallDimension)), async (t) => {
        const r = await protectsWithFast(t, rule);
        if (r.secondaryCount > 0) withSecondaries[t.dimensions.length === 1 ? 0 : 1]!++;
      }),
      { numRuns: 16, seed: 515151 },
    );
    // Both kinds were really exercised.
    expect(withSecondaries[0]).toBeGreaterThan(1);
    expect(withSecondaries[1]).toBeGreaterThan(1);
  });

  it('the audit can fail: hiding only the primaries leaks a primary that is alone in a relation', async () => {
    let leaking = 0;
    await fc.assert(
      fc.asyncProperty(tables(3, 200), async (t) => {
        const flags = rule.sensitive(t);
        const marks: [Record<string, string>, 'primary'][] = [];
        for (let c = 0; c < t.cellCount; c++) if (flags[c]) marks.push([t.coords(c), 'primary']);
        // Is some primary the only primary of one of its relations? Then it is recomputed by subtraction.
        const lone = [...Array(t.cellCount).keys()].some((c) => {
          if (!flags[c]) return false;
          return t.dimensions.some((dim, d) => {
            const h = dim.hierarchy;
            const node = t.nodeAt(c, d);
            if (node === h.size - 1) return false;
            const parent = h.parents[node]!;
            const base = c - node * t.strides[d]!;
            const members = [parent, ...h.children(parent)].map((k) => base + k * t.strides[d]!);
            return members.filter((m) => flags[m]).length === 1;
          });
        });
        fc.pre(marks.length > 0);
        const r = await auditTable(withStatuses(t, marks), { rules: [rule] });
        if (lone) {
          leaking++;
          expect(r.passed).toBe(false);
          expect(r.narrowest?.width).toBe(0);
        }
      }),
      { numRuns: 25, seed: 99 },
    );
    expect(leaking).toBeGreaterThan(5); // the property was really exercised
  });

  it('optimal never hides more cells than fast (small tables)', async () => {
    await fc.assert(
      fc.asyncProperty(tables(3, 48), async (t) => {
        const fast = await suppressCells(t, { rules: [rule] });
        const opt = await suppressCells(t, { rules: [rule], method: 'optimal' });
        expect(opt.audit.passed).toBe(true);
        expect(hiddenCount(opt.tables[0]!)).toBeLessThanOrEqual(hiddenCount(fast.tables[0]!));
      }),
      { numRuns: 10, seed: 2025 },
    );
  });
});
