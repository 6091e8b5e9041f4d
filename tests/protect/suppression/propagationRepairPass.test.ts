import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { CellTable } from '../../../src/aggregate/CellTable.js';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import { Hierarchy } from '../../../src/hierarchy/Hierarchy.js';
import { boundTargets, propagatedFailures } from '../../../src/protect/suppression/propagatedFailures.js';
import { propagationRepairPass } from '../../../src/protect/suppression/propagationRepairPass.js';
import { publishOrder } from '../../../src/protect/suppression/publishOrder.js';
import { frequencyRule } from '../../../src/protect/suppression/rules/frequencyRule.js';
import { suppressCells } from '../../../src/protect/suppression/suppressCells.js';
import { flat, makeTable, twoLevel } from '../../audit/tableHelpers.js';
import { protectsWithFast } from './protectsWithFast.js';

/** Place of each cell in the publishing order (0 = most wanted published), as suppressCells makes it. */
function rankOf(counts: Float64Array): Int32Array {
  const order = publishOrder(new Float64Array(counts.length).fill(1), counts);
  const rank = new Int32Array(counts.length);
  order.forEach((c, i) => (rank[c] = i));
  return rank;
}

/** The pass on `t` with `hiddenCells` hidden and the cells of `primaryCells` primary under count < 5. */
function runPass(t: CellTable, primaryCells: string[], hiddenCells: string[], at: (label: string) => number) {
  const space = CellSpace.fromTables([t]);
  const counts = space.values({ kind: 'count' });
  const primary = new Uint8Array(t.cellCount);
  const hidden = new Uint8Array(t.cellCount);
  for (const l of primaryCells) primary[at(l)] = hidden[at(l)] = 1;
  for (const l of hiddenCells) hidden[at(l)] = 1;
  const targets = boundTargets(space, [frequencyRule({ n: 5 })], primary);
  const failures = propagatedFailures(space, targets, hidden);
  const out = propagationRepairPass(space.relations, space.relationIndex, () => counts, hidden, rankOf(counts), failures);
  return { failures, out, hidden };
}

describe('propagationRepairPass', () => {
  it('a member target: hides the published member that covers the shortfall (hand-computed)', () => {
    // T = a + b + c, counts 1, 2, 9 (T = 12 published), a and b hidden (count < 5): propagation bounds a by
    // 12 - 9 - 0 = 3 < 5 (and b likewise). The relation binds both; c (9) covers the shortfall of 2 and is hidden,
    // once (b's failure waits for the next round, where it no longer fails).
    const t = makeTable([{ name: 'd', hierarchy: flat('T', ['a', 'b', 'c']) }], [1, 2, 9]);
    const at = (d: string): number => t.indexOf({ d });
    const { failures, out } = runPass(t, ['a', 'b'], [], at);
    expect(failures.map((f) => f.cell).sort()).toEqual([at('a'), at('b')].sort());
    expect(out.added).toEqual([at('c')]);
    expect(out.left).toEqual([]);
  });

  it('a total target: hides the least wanted published member of the relation it totals (hand-computed)', () => {
    // T = A + B, A = a1 + a2 with counts a1 1, a2 2, B 10; A (3) primary, T and B hidden: T and B are unbounded, so
    // A's bound comes from its children alone, 1 + 2 = 3 < 5. The least wanted published child (smaller count) is
    // a1, which is hidden.
    const h: Hierarchy = twoLevel('T', { A: ['a1', 'a2'], B: ['b1'] });
    const t = makeTable([{ name: 'd', hierarchy: h }], [1, 2, 10]);
    const at = (d: string): number => t.indexOf({ d });
    const { failures, out } = runPass(t, ['A'], ['T', 'B', 'b1'], at);
    expect(failures.map((f) => f.cell)).toEqual([at('A')]);
    expect(out.added).toEqual([at('a1')]);
  });

  it('a total target whose members are all hidden: follows a member down to its own relation (hand-computed)', () => {
    // T = A + B, A = a1 + a2, a1 = a11 + a12, a2 = a21 + a22; leaves a11 1, a12 0, a21 2, a22 0, B 20. A (3) primary;
    // T, B, a1 and a2 hidden. a1 and a2 are pinned by their published children (1 and 2), so A <= 1 + 2 = 3 < 5; T is
    // hidden, so A's other relation gives no bound. A's binding relation has nothing published: the search goes down
    // to a1 (the first member), whose relation a1 = a11 + a12 binds it, and hides its least wanted published member,
    // a11 (count 1: zeros are most wanted published).
    const h = Hierarchy.fromParents('T', ['a11', 'a12', 'a21', 'a22', 'B', 'a1', 'a2', 'A', 'T'], [5, 5, 6, 6, 8, 7, 7, 8, -1]);
    const t = makeTable([{ name: 'd', hierarchy: h }], [1, 0, 2, 0, 20]);
    const at = (d: string): number => t.indexOf({ d });
    // a1 and a2 (counts 1 and 2) fail too, each pinned by its own relation; the pass is asked for A alone.
    const { failures } = runPass(t, ['A'], ['T', 'B', 'a1', 'a2'], at);
    expect(failures.map((f) => f.cell)).toEqual([at('a1'), at('a2'), at('A')]);
    const space = CellSpace.fromTables([t]);
    const counts = space.values({ kind: 'count' });
    const hidden = new Uint8Array(t.cellCount);
    for (const l of ['A', 'T', 'B', 'a1', 'a2']) hidden[at(l)] = 1;
    const out = propagationRepairPass(space.relations, space.relationIndex, () => counts, hidden, rankOf(counts), failures.slice(2));
    expect(out.added).toEqual([at('a11')]);
    expect(out.left).toEqual([]);
  });

  it('hands a failure on to the repair LPs when its binding relation has nothing published left (hand-computed)', () => {
    // T = a + b, counts 1 and 2 (T = 3 published), a and b hidden: a <= 3 < 5. The relation's only published cell is
    // T, which the pass hides. Asked again on that pattern, the relation has nothing published: the failure is
    // returned, nothing hidden.
    const t = makeTable([{ name: 'd', hierarchy: flat('T', ['a', 'b']) }], [1, 2]);
    const at = (d: string): number => t.indexOf({ d });
    const first = runPass(t, ['a', 'b'], [], at);
    expect(first.out.added).toEqual([at('T')]);
    const space = CellSpace.fromTables([t]);
    const counts = space.values({ kind: 'count' });
    const failure = first.failures[0]!;
    const again = propagationRepairPass(space.relations, space.relationIndex, () => counts, first.hidden, rankOf(counts), [failure]);
    expect(again.added).toEqual([]);
    expect(again.left).toEqual([failure]);
  });
});

describe('suppressCells with every propagated failure sent to the pass (PRIKK_REPAIR_LP_WORK=0)', () => {
  afterEach(() => {
    delete process.env.PRIKK_REPAIR_LP_WORK;
  });

  const dimension = fc.oneof(
    fc.integer({ min: 2, max: 3 }).map((k) => (name: string): Hierarchy => flat('T', Array.from({ length: k }, (_, i) => `${name}${i}`))),
    fc.constant((name: string): Hierarchy => twoLevel('T', { [`${name}G`]: [`${name}g0`, `${name}g1`], [`${name}H`]: [`${name}h0`, `${name}h1`] })),
  );
  const tables = fc
    .tuple(fc.array(dimension, { minLength: 2, maxLength: 3 }), fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 20 })), { minLength: 64, maxLength: 64 }))
    .map(([dims, pool]) => {
      const hs = dims.map((f, d) => ({ name: `d${d}`, hierarchy: f(`d${d}`) }));
      const leafCount = hs.reduce((a, h) => a * h.hierarchy.leafCount, 1);
      return makeTable(hs, Array.from({ length: leafCount }, (_, i) => pool[i % pool.length]!));
    });

  it('every primary hidden; the loop audit and an independent re-audit pass (singleton handling off); the pass really ran', async () => {
    const rule = frequencyRule({ n: 4 });
    let used = 0;
    await fc.assert(
      fc.asyncProperty(tables, async (t) => {
        process.env.PRIKK_REPAIR_LP_WORK = '0';
        try {
          // Without the singleton pass: on tables this small it hides so much (a derivable cell is no cover) that
          // propagation proves no failure in most of them, and the pass would hardly run.
          const r = await protectsWithFast(t, rule, false);
          if (r.loop!.propagationRepairs > 0) used++;
        } finally {
          delete process.env.PRIKK_REPAIR_LP_WORK;
        }
      }),
      { numRuns: 60, seed: 616161 },
    );
    expect(used).toBeGreaterThan(3);
  });

  it('refuses a malformed PRIKK_REPAIR_LP_WORK, naming it', async () => {
    process.env.PRIKK_REPAIR_LP_WORK = 'many';
    const t = makeTable([{ name: 'd', hierarchy: flat('T', ['a', 'b', 'c']) }], [1, 2, 9]);
    await expect(suppressCells(t, { rules: [frequencyRule({ n: 5 })] })).rejects.toThrow(/PRIKK_REPAIR_LP_WORK/);
  });
});
