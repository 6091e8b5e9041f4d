import fc from 'fast-check';
import type { Highs } from 'highs';
import { describe, expect, it } from 'vitest';
import type { CellSpace } from '../../../src/audit/CellSpace.js';
import { loadHighs } from '../../../src/audit/loadHighs.js';
import { repairCell } from '../../../src/protect/suppression/repairCell.js';
import { repairCase, repairTables } from './repairTables.js';

/**
 * The attacker's best value of `target` (maximum when `up`, else minimum) on a pattern: an LP written here from the
 * definition (Fischetti & Salazar 2001; Hundepool et al. 2012, §4.4), in HiGHS's LP text format, independent of
 * `repairCell`'s columns: one unknown `y >= 0` per hidden cell, every relation `total = sum of members` with the
 * published values as constants.
 */
function attack(highs: Highs, space: CellSpace, values: Float64Array, hidden: Uint8Array, target: number, up: boolean): number {
  const rel = space.relations;
  const name = (c: number): string => `y${c}`;
  const rows: string[] = [];
  for (let r = 0; r < rel.count; r++) {
    const coef = new Map<number, number>();
    let rhs = 0;
    const put = (c: number, s: number): void => {
      if (hidden[c]) coef.set(c, (coef.get(c) ?? 0) + s);
      else rhs -= s * values[c]!;
    };
    put(rel.totals[r]!, 1);
    for (let j = rel.starts[r]!; j < rel.starts[r + 1]!; j++) put(rel.members[j]!, -1);
    const terms = [...coef].filter(([, s]) => s !== 0);
    if (terms.length === 0) continue;
    rows.push(` r${r}: ${terms.map(([c, s]) => `${s > 0 ? '+' : '-'} ${Math.abs(s)} ${name(c)}`).join(' ')} = ${rhs}`);
  }
  const lp = `${up ? 'Maximize' : 'Minimize'}\n obj: ${name(target)}\nSubject To\n${rows.join('\n')}\nEnd`;
  const res = highs.solve(lp);
  if (res.Status === 'Unbounded') return up ? Infinity : -Infinity;
  expect(res.Status).toBe('Optimal');
  return (res.Columns[name(target)] as { Primal: number }).Primal;
}

/** `repairCase` with unit costs, the publishing order by cell index (the last cell first), and the target's value. */
function unitCase(...args: Parameters<typeof repairCase>) {
  const one = repairCase(...args);
  if (!one) return undefined;
  const n = one.space.cellCount;
  return { ...one, x: one.values[one.target]!, cost: new Float64Array(n).fill(1), rank: Int32Array.from({ length: n }, (_, c) => n - 1 - c) };
}

/** The cells are published ones, and with them hidden the attacker's best value of the target reaches `to`. */
function expectRepaired(highs: Highs, space: CellSpace, values: Float64Array, hidden: Uint8Array, cells: Int32Array, target: number, up: boolean, to: number): void {
  for (const c of cells) expect(hidden[c]).toBe(0);
  const grown = hidden.slice();
  for (const c of cells) grown[c] = 1;
  const best = attack(highs, space, values, grown, target, up);
  if (up) expect(best).toBeGreaterThanOrEqual(to - 1e-6);
  else expect(best).toBeLessThanOrEqual(to + 1e-6);
}

describe('repairCell on random hierarchical tables', () => {
  it('returns published cells whose hiding lets the target move by delta (checked by an independent attacker LP)', async () => {
    const highs = await loadHighs();
    let repaired = 0;
    await fc.assert(
      fc.asyncProperty(repairTables, fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }), fc.nat(), fc.boolean(), async (t, coin, pick, up) => {
        // Hidden: the small cells (count < 5) and a random fifth of the others.
        const one = unitCase(t, coin, pick, up);
        if (!one) return;
        const { space, values, hidden, target, delta, x, cost, rank } = one;
        const cells = await repairCell({ highs, space, values, hidden, cost, rank, target, delta, radius: 1_000_000 });
        if (!cells) {
          // No change of the connected table moves the target that far even with every published cell hidden
          // (the neighbourhood is the whole connected table): the attacker LP with everything hidden agrees.
          const all = new Uint8Array(space.cellCount).fill(1);
          const best = attack(highs, space, values, all, target, up);
          expect(up ? best < x + delta - 1e-6 : best > x + delta + 1e-6).toBe(true);
          return;
        }
        repaired++;
        expectRepaired(highs, space, values, hidden, cells, target, up, x + delta);
      }),
      { numRuns: 40, seed: 20261122 },
    );
    expect(repaired).toBeGreaterThan(10);
  });

  it('with a few hidden layers first: what it hides still lets the target move by delta (the same attacker LP)', async () => {
    const highs = await loadHighs();
    let repaired = 0;
    let fellBack = 0;
    await fc.assert(
      fc.asyncProperty(repairTables, fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }), fc.nat(), fc.boolean(), fc.integer({ min: 0, max: 2 }), async (t, coin, pick, up, hiddenDepth) => {
        const one = unitCase(t, coin, pick, up);
        if (!one) return;
        const { space, values, hidden, target, delta, x, cost, rank } = one;
        const counter = { n: 0 };
        const cells = await repairCell({ highs, space, values, hidden, cost, rank, target, delta, radius: 2, hiddenDepth, counter });
        expect(counter.n === 1 || counter.n === 2).toBe(true);
        if (counter.n === 2) fellBack++;
        if (!cells) return;
        repaired++;
        expectRepaired(highs, space, values, hidden, cells, target, up, x + delta);
      }),
      { numRuns: 40, seed: 20261123 },
    );
    expect(repaired).toBeGreaterThan(10);
    expect(fellBack).toBeGreaterThan(0);
  });
});
