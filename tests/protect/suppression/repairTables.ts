// Random tables for the repair-loop tests: 3 dimensions with a middle level in the first and many small counts, so the
// elimination leaves failures that the audit-and-repair loop must fix.
import fc from 'fast-check';
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
