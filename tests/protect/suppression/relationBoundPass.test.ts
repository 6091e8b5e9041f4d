import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attackIntervals } from '../../../src/audit/attackIntervals.js';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import type { Relations } from '../../../src/audit/Relations.js';
import { publishOrder } from '../../../src/protect/suppression/publishOrder.js';
import { relationBoundPass } from '../../../src/protect/suppression/relationBoundPass.js';
import { flat, makeTable, smallPatternArb } from '../../audit/tableHelpers.js';

/** The frequency rule's requirement for count < n: the interval must reach n. */
const upTo = (n: number) => ({ upperTarget: n, lowerTarget: Infinity, minWidth: 0 });

/** Place of each cell in the publishing order (0 = most wanted published), as suppressCells makes it. */
function rankOf(counts: Float64Array): Int32Array {
  const order = publishOrder(new Float64Array(counts.length).fill(1), counts);
  const rank = new Int32Array(counts.length);
  order.forEach((c, i) => (rank[c] = i));
  return rank;
}

/**
 * Second implementation of the bound, written from the definition: for each relation with a published total that
 * holds `x` as a member, the total minus the published members (the sum of the hidden members' true values).
 */
function oneRelationCap(relations: Relations, values: Float64Array, hidden: Uint8Array, x: number): number {
  let cap = Infinity;
  for (let r = 0; r < relations.count; r++) {
    const members = Array.from(relations.members.subarray(relations.starts[r]!, relations.starts[r + 1]!));
    if (!members.includes(x) || hidden[relations.totals[r]!]) continue;
    const published = members.filter((m) => !hidden[m]).reduce((a, m) => a + values[m]!, 0);
    cap = Math.min(cap, values[relations.totals[r]!]! - published);
  }
  return cap;
}

describe('relationBoundPass', () => {
  it('hides the least wanted published member that covers the shortfall (hand-computed example)', () => {
    // One dimension: T = a + b + c + d, counts 1, 2, 7, 9 (T = 19), rule count < 5: a and b hidden (primary).
    // The attacker knows a + b = 19 - 7 - 9 = 3 < 5, so a cannot reach 5. c (7) and d (9) each cover the shortfall
    // of 2; the publishing order wants the larger count published, so c is hidden. Then a <= 19 - 9 = 10.
    const t = makeTable([{ name: 'd', hierarchy: flat('T', ['a', 'b', 'c', 'd']) }], [1, 2, 7, 9]);
    const space = CellSpace.fromTables([t]);
    const counts = space.values({ kind: 'count' });
    const at = (d: string): number => t.indexOf({ d });
    const hidden = new Uint8Array(t.cellCount);
    hidden[at('a')] = 1;
    hidden[at('b')] = 1;
    const targets = [{ group: 0, values: counts, cells: Int32Array.of(at('a'), at('b')), requirements: [upTo(5), upTo(5)] }];
    const added = relationBoundPass(space.relations, space.relationIndex, targets, hidden, rankOf(counts));
    expect(added).toEqual([at('c')]);
    expect(oneRelationCap(space.relations, counts, hidden, at('a'))).toBe(10);
  });

  it('hides the total when no published member is left to hide', () => {
    // T = a + b, counts 1 and 2, both hidden: a + b = 3 is published through T. Only T can open the relation.
    const t = makeTable([{ name: 'd', hierarchy: flat('T', ['a', 'b']) }], [1, 2]);
    const space = CellSpace.fromTables([t]);
    const counts = space.values({ kind: 'count' });
    const hidden = new Uint8Array(t.cellCount);
    hidden[t.indexOf({ d: 'a' })] = 1;
    hidden[t.indexOf({ d: 'b' })] = 1;
    const targets = [{ group: 0, values: counts, cells: Int32Array.of(t.indexOf({ d: 'a' })), requirements: [upTo(5)] }];
    expect(relationBoundPass(space.relations, space.relationIndex, targets, hidden, rankOf(counts))).toEqual([t.indexOf({})]);
  });

  it('acts only on failures the attacker LP confirms, and leaves no target capped below its goal by one relation', async () => {
    let acted = 0;
    await fc.assert(
      fc.asyncProperty(smallPatternArb(30), async ({ space, counts, hidden, n }) => {
          const cells = Int32Array.from([...counts.keys()].filter((c) => counts[c]! > 0 && counts[c]! < n));
          if (cells.length === 0) return;
          const requirements = Array.from(cells, () => upTo(n));
          // Before the pass: every target that one relation caps below n must fail the exact LP as well.
          const capped = Array.from(cells).filter((x) => oneRelationCap(space.relations, counts, hidden, x) < n - 1e-9);
          if (capped.length > 0) {
            const lp = await attackIntervals({ relations: space.relations, values: counts, hidden, targets: Int32Array.from(capped), describe: String });
            capped.forEach((_, i) => expect(lp.upper[i]!).toBeLessThan(n - 1e-9));
          }
          const before = hidden.slice();
          const added = relationBoundPass(space.relations, space.relationIndex, [{ group: 0, values: counts, cells, requirements }], hidden, rankOf(counts));
          if (added.length > 0) acted++;
          expect(capped.length > 0).toBe(added.length > 0);
          // Only hides, and only published cells, each once.
          expect(new Set(added).size).toBe(added.length);
          for (const c of added) expect(before[c]).toBe(0);
          for (let c = 0; c < hidden.length; c++) expect(hidden[c]! >= before[c]!).toBe(true);
          // Afterwards no target is capped below its goal by one relation.
          for (const x of cells) expect(oneRelationCap(space.relations, counts, hidden, x)).toBeGreaterThanOrEqual(n - 1e-9);
      }),
      { numRuns: 80, seed: 2026 },
    );
    expect(acted).toBeGreaterThan(5);
  });
});
