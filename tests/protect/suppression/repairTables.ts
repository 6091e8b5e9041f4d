// Random tables for the repair-loop tests: 3 dimensions with a middle level in the first and many small counts, so the
// elimination leaves failures that the audit-and-repair loop must fix.
import fc from 'fast-check';
import { CellSpace } from '../../../src/audit/CellSpace.js';
import type { CellTable } from '../../../src/aggregate/CellTable.js';
import { flat, makeTable, twoLevel } from '../../audit/tableHelpers.js';

/** municipality (A, B, C with 3, 2, 3 leaves) × age (2 or 3 bands) × sex, leaves drawn from a pool of small counts. */
export const repairTables: fc.Arbitrary<CellTable> = fc
  .tuple(fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 30 })), { minLength: 90, maxLength: 90 }), fc.integer({ min: 2, max: 3 }))
  .map(([pool, k]) =>
    makeTable(
      [
        { name: 'm', hierarchy: twoLevel('T', { A: ['a1', 'a2', 'a3'], B: ['b1', 'b2'], C: ['c1', 'c2', 'c3'] }) },
        { name: 'age', hierarchy: flat('T', ['0', '1', '2'].slice(0, k)) },
        { name: 'sex', hierarchy: flat('T', ['1', '2']) },
      ],
      Array.from({ length: 8 * k * 2 }, (_, i) => pool[i % pool.length]!),
    ),
  );

/**
 * A repair case on a random table: hidden are the small cells (count < 5) and a random fifth of the others (`coin`);
 * the target is one hidden non-zero cell (`pick`), asked up by 5 (`up`) or down to 0. Undefined without a target.
 */
export function repairCase(t: CellTable, coin: readonly boolean[], pick: number, up: boolean): { space: CellSpace; values: Float64Array; hidden: Uint8Array; target: number; delta: number } | undefined {
  const space = CellSpace.fromTables([t]);
  const values = space.values({ kind: 'count' });
  const hidden = Uint8Array.from({ length: space.cellCount }, (_, c) => (values[c]! < 5 || (coin[c % coin.length]! && c % 5 === 0) ? 1 : 0));
  const targets = [...hidden.keys()].filter((c) => hidden[c] && values[c]! > 0);
  if (targets.length === 0) return undefined;
  const target = targets[pick % targets.length]!;
  return { space, values, hidden, target, delta: up ? 5 : -values[target]! };
}
