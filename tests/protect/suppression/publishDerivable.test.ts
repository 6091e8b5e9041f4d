import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attackIntervals } from '../../../src/audit/attackIntervals.js';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import { publishDerivable } from '../../../src/protect/suppression/publishDerivable.js';
import { grid3x3 } from '../../audit/grid3x3.js';
import { flat, makeTable, twoLevel } from '../../audit/tableHelpers.js';

/** Exact LP interval (min, max) of each cell in `targets` (the attacker's, by HiGHS). */
async function intervals(space: CellSpace, hidden: Uint8Array, targets: number[]): Promise<[number, number][]> {
  const b = await attackIntervals({ relations: space.relations, values: space.values({ kind: 'count' }), hidden, targets: Int32Array.from(targets), describe: String });
  return targets.map((_, i): [number, number] => [b.lower[i]!, b.upper[i]!]);
}

describe('publishDerivable', () => {
  it('publishes a hidden cell derived from its column, and no interval of the sensitive cells changes', async () => {
    // Rows a-c × columns 1-3 with totals; inner a: 1 5 7, b: 4 6 8, c: 3 9 2. Columns 1-2 hidden (sensitive, kept)
    // and a3, alone in column 3: a3 = column 3 - b3 - c3, so publishing it tells the attacker nothing new.
    const { space, at } = grid3x3();
    const hidden = new Uint8Array(space.cellCount);
    const keep = new Uint8Array(space.cellCount);
    const block = ['a', 'b', 'c'].flatMap((r) => ['1', '2'].map((c) => at(r, c)));
    for (const c of block) hidden[c] = keep[c] = 1;
    hidden[at('a', '3')] = 1;
    const before = await intervals(space, hidden, block);
    expect(publishDerivable(space.relations, [space.values({ kind: 'count' })], hidden, keep)).toEqual([at('a', '3')]);
    expect(hidden[at('a', '3')]).toBe(0);
    expect(await intervals(space, hidden, block)).toEqual(before);
  });

  it('on random tables and patterns: every hidden cell left keeps its exact LP interval', async () => {
    const dimension = fc.oneof(
      fc.integer({ min: 2, max: 3 }).map((k) => (name: string) => flat('T', Array.from({ length: k }, (_, i) => `${name}${i}`))),
      fc.constant((name: string) => twoLevel('T', { [`${name}G`]: [`${name}g0`, `${name}g1`], [`${name}H`]: [`${name}h0`, `${name}h1`] })),
    );
    const cases = fc.record({
      dims: fc.array(dimension, { minLength: 2, maxLength: 3 }),
      pool: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 16, maxLength: 16 }),
      pattern: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
      keepEvery: fc.integer({ min: 2, max: 5 }),
    });
    let published = 0;
    await fc.assert(
      fc.asyncProperty(cases, async ({ dims, pool, pattern, keepEvery }) => {
        const hs = dims.map((f, d) => ({ name: `d${d}`, hierarchy: f(`d${d}`) }));
        const leafCount = hs.reduce((a, h) => a * h.hierarchy.leafCount, 1);
        const t = makeTable(hs, Array.from({ length: leafCount }, (_, i) => pool[i % pool.length]!));
        const space = CellSpace.fromTables([t]);
        const hidden = Uint8Array.from({ length: space.cellCount }, (_, c) => (pattern[c % pattern.length] ? 1 : 0));
        const keep = Uint8Array.from(hidden, (h, c) => (h && c % keepEvery === 0 ? 1 : 0));
        const left = [...hidden.keys()].filter((c) => hidden[c]);
        const before = await intervals(space, hidden, left);
        const out = publishDerivable(space.relations, [space.values({ kind: 'count' })], hidden, keep);
        published += out.length;
        for (const c of out) expect(keep[c]).toBe(0);
        const stay = left.filter((c) => hidden[c]);
        const after = await intervals(space, hidden, stay);
        // Each published cell's interval was a point (its value); every other interval is unchanged.
        for (const c of out) {
          const [lo, hi] = before[left.indexOf(c)]!;
          expect(hi - lo).toBeLessThanOrEqual(1e-6);
        }
        stay.forEach((c, i) => {
          const [lo, hi] = before[left.indexOf(c)]!;
          expect(after[i]![0]).toBeCloseTo(lo, 6);
          expect(after[i]![1]).toBeCloseTo(hi, 6);
        });
      }),
      { numRuns: 40 },
    );
    // The property is not vacuous: random patterns leave many cells alone in a relation.
    expect(published).toBeGreaterThan(20);
  });
});
