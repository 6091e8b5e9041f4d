// Test helpers: build CellTables directly from leaf values, rolling margins up by brute force (an implementation
// independent of src/aggregate), and set statuses by coordinates.
import fc from 'fast-check';
import { CELL_STATUS, CellTable, type CountUnit } from '../../src/aggregate/CellTable.js';
import { Hierarchy } from '../../src/hierarchy/Hierarchy.js';
import { CellSpace } from '../../src/audit/CellSpace.js';

/** A one-level hierarchy: the labels under a total. */
export function flat(total: string, labels: readonly string[]): Hierarchy {
  return Hierarchy.fromParents(total, [...labels, total], [...labels.map(() => labels.length), -1]);
}

/** A two-level hierarchy: groups of leaves under group labels under a total. */
export function twoLevel(total: string, groups: Readonly<Record<string, readonly string[]>>): Hierarchy {
  const names = Object.keys(groups);
  const leaves = names.flatMap((g) => groups[g]!);
  const labels = [...leaves, ...names, total];
  const parents = [...names.flatMap((g, gi) => groups[g]!.map(() => leaves.length + gi)), ...names.map(() => labels.length - 1), -1];
  return Hierarchy.fromParents(total, labels, parents);
}

/** Is `node` equal to or below `anc` in h? */
function under(h: Hierarchy, node: number, anc: number): boolean {
  for (let n = node; n >= 0; n = h.parents[n]!) if (n === anc) return true;
  return false;
}

/**
 * Rolls leaf values (row-major over the dimensions' leaves, last dimension fastest) up to every cell of the cube
 * by brute force: each cell is the sum of the leaf tuples below it.
 */
export function rollUpBrute(hs: readonly Hierarchy[], leaves: ArrayLike<number>): Float64Array {
  const shape = hs.map((h) => h.size);
  const leafShape = hs.map((h) => h.leafCount);
  const cellCount = shape.reduce((a, b) => a * b, 1);
  const leafCount = leafShape.reduce((a, b) => a * b, 1);
  const out = new Float64Array(cellCount);
  const nodes = new Array<number>(hs.length);
  const lnodes = new Array<number>(hs.length);
  for (let c = 0; c < cellCount; c++) {
    let r = c;
    for (let d = hs.length - 1; d >= 0; d--) {
      nodes[d] = r % shape[d]!;
      r = Math.floor(r / shape[d]!);
    }
    let s = 0;
    for (let l = 0; l < leafCount; l++) {
      let q = l;
      for (let d = hs.length - 1; d >= 0; d--) {
        lnodes[d] = q % leafShape[d]!;
        q = Math.floor(q / leafShape[d]!);
      }
      if (hs.every((h, d) => under(h, lnodes[d]!, nodes[d]!))) s += leaves[l]!;
    }
    out[c] = s;
  }
  return out;
}

export interface MakeTableOptions {
  readonly unit?: CountUnit;
  readonly sums?: Readonly<Record<string, ArrayLike<number>>>;
}

/** A CellTable over `dims` whose counts (persons) roll up from `leaves`. */
export function makeTable(dims: readonly { name: string; hierarchy: Hierarchy }[], leaves: ArrayLike<number>, options: MakeTableOptions = {}): CellTable {
  const hs = dims.map((d) => d.hierarchy);
  const counts = rollUpBrute(hs, leaves);
  const sums = new Map(Object.entries(options.sums ?? {}).map(([k, v]) => [k, rollUpBrute(hs, v)]));
  return new CellTable({ dimensions: dims, unit: options.unit ?? 'persons', rows: counts, persons: counts, sums });
}

/** A copy of `table` with the given statuses at the given coordinates (all other cells published). */
export function withStatuses(table: CellTable, marks: readonly [Record<string, string>, 'primary' | 'secondary'][]): CellTable {
  const status = new Uint8Array(table.cellCount);
  for (const [coords, s] of marks) status[table.indexOf(coords)] = CELL_STATUS.indexOf(s);
  return table.withStatus(status);
}

/** The sdcTable reference table: region A-D × gender with totals; male/female A 18/2, B 14/19, C 12/10, D 11/14. */
export function sdcTableExample(): CellTable {
  return makeTable(
    [
      { name: 'region', hierarchy: flat('Total', ['A', 'B', 'C', 'D']) },
      { name: 'gender', hierarchy: flat('Total', ['male', 'female']) },
    ],
    [18, 2, 14, 19, 12, 10, 11, 14],
  );
}

/**
 * The hand-computed 2 × 2 table of the box-move and repair tests: rows A, B (total T) × columns m, f (total T),
 * interior [[3, 1], [2, 4]], so the row margins are 4 and 6, the column margins 5 and 5, the total 10. `at(r, s)`
 * is a cell's index (in the table and in its one-table space), `values` the space's counts.
 */
export function twoByTwo(): { table: CellTable; space: CellSpace; at: (r: string, s: string) => number; values: Float64Array } {
  const table = makeTable(
    [
      { name: 'r', hierarchy: flat('T', ['A', 'B']) },
      { name: 's', hierarchy: flat('T', ['m', 'f']) },
    ],
    [3, 1, 2, 4],
  );
  const space = CellSpace.fromTables([table]);
  return { table, space, at: (r, s) => table.indexOf({ r, s }), values: space.values({ kind: 'count' }) };
}

/**
 * A 2-3 dimensional one-table space for the audit's property tests: 3 leaves per dimension (the first dimension in
 * two groups of 2 and 3 leaves when `hierarchical`), leaf counts cycled from `seed`.
 */
export function smallRandomSpace(dims: number, hierarchical: boolean, seed: readonly number[]): { table: CellTable; space: CellSpace } {
  const hs = Array.from({ length: dims }, (_, d) =>
    d === 0 && hierarchical ? twoLevel('T', { a: ['a1', 'a2'], b: ['b1', 'b2', 'b3'] }) : flat('T', ['0', '1', '2']),
  );
  const leafCount = hs.reduce((a, h) => a * h.leafCount, 1);
  const table = makeTable(
    hs.map((hierarchy, d) => ({ name: `d${d}`, hierarchy })),
    Array.from({ length: leafCount }, (_, i) => seed[i % seed.length]!),
  );
  return { table, space: CellSpace.fromTables([table]) };
}

/**
 * A random table from {@link smallRandomSpace} (1-3 dimensions, counts 0-9) with a rule threshold `n` (2-6) and a
 * pattern that hides every cell with 0 < count < n and some others (up to `maxExtra` in 100), the grand total
 * published: the patterns the secondary suppression's passes and the audit's bounds are tested on.
 */
export function smallPatternArb(maxExtra: number): fc.Arbitrary<{ table: CellTable; space: CellSpace; counts: Float64Array; hidden: Uint8Array; n: number }> {
  return fc
    .record({
      dims: fc.integer({ min: 1, max: 3 }),
      hierarchical: fc.boolean(),
      seed: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 48, maxLength: 48 }),
      mask: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 64, maxLength: 64 }),
      extra: fc.integer({ min: 0, max: maxExtra }),
      n: fc.integer({ min: 2, max: 6 }),
    })
    .map(({ dims, hierarchical, seed, mask, extra, n }) => {
      const { table, space } = smallRandomSpace(dims, hierarchical, seed);
      const counts = space.values({ kind: 'count' });
      const hidden = Uint8Array.from(counts, (v, c) => ((v > 0 && v < n) || mask[c % mask.length]! < extra ? 1 : 0));
      hidden[table.cellCount - 1] = 0;
      return { table, space, counts, hidden, n };
    });
}
