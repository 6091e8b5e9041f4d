import type { CellTable } from '../aggregate/CellTable.js';
import { PrikkError } from '../errors/PrikkError.js';
import { cubeRelations, relationIndex, type RelationIndex, type Relations } from './Relations.js';

/** Which value an audit or a suppression works on: the table's count, or the sum of a measure. */
export type Quantity = { readonly kind: 'count' } | { readonly kind: 'sum'; readonly measure: string };

/**
 * A quantity's key, one per distinct quantity: `count`, or `sum:` and the measure.
 * @example
 * quantityKey({ kind: 'sum', measure: 'cost' }) // 'sum:cost'
 * @internal
 */
export function quantityKey(q: Quantity): string {
  return q.kind === 'count' ? 'count' : `sum:${q.measure}`;
}

/** Boundary points of one node's leaf set in a dimension's leaf order (see {@link CellSpace.leafRuns}). @internal */
export interface NodeBoundaries {
  readonly points: Int32Array;
  readonly signs: Int8Array;
}

const TOTAL_KEY = '\u0000*';

/**
 * The cells of one table, or of several linked tables from the same extract, as one set of unknowns with one set
 * of additive relations. Tables are linked through the cells they share: two cells are the same cell when their
 * coordinates agree on every dimension name, a dimension a table does not have counting as its total (region ×
 * sex at sex = total is the same cell as region × age at age = total). Protecting and auditing the space protects
 * all tables together, so that what one table hides another cannot reveal (tau-ARGUS calls these linked tables;
 * de Wolf & Giessing 2009, "Adapting the modular approach for cell suppression to deal with linked tables").
 *
 * For one table the space is the table itself (cell `i` of the space is cell `i` of the table).
 *
 * Cost: O(cells × dimensions) for one table; linked tables add one string key per cell.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when no table is given, the tables disagree on the unit or on a shared
 * cell's count, or a dimension's hierarchies do not have the same leaves in every table.
 * @example
 * const space = CellSpace.fromTables([byRegionSex, byRegionAge]);
 * space.cellCount              // distinct cells over both tables
 * space.cellOf[1][cellIndex]   // the space cell of a cell of the second table
 */
export class CellSpace {
  readonly tables: readonly CellTable[];
  readonly cellCount: number;
  /** Per table: table cell index → space cell index. */
  readonly cellOf: readonly Int32Array[];
  /** Per space cell: a table holding it, and its index there. */
  readonly originTable: Int32Array;
  readonly originCell: Int32Array;
  /** Union of the tables' dimension names, in order of first appearance. */
  readonly dimensionNames: readonly string[];
  /** Every additive relation of every table, in space cell indices. */
  readonly relations: Relations;
  private index: RelationIndex | undefined;
  private leafCount: number[] | undefined;
  private nodeBounds: NodeBoundaries[][][] | undefined;

  private constructor(tables: readonly CellTable[], cellOf: Int32Array[], originTable: Int32Array, originCell: Int32Array, names: string[], relations: Relations) {
    this.tables = tables;
    this.cellCount = originTable.length;
    this.cellOf = cellOf;
    this.originTable = originTable;
    this.originCell = originCell;
    this.dimensionNames = names;
    this.relations = relations;
  }

  /**
   * Builds the space of one table or of linked tables (see the class).
   * @throws {PrikkError} `INVALID_ARGUMENT` as described on the class.
   */
  static fromTables(tables: readonly CellTable[]): CellSpace {
    if (tables.length === 0) throw new PrikkError('INVALID_ARGUMENT', 'CellSpace.fromTables: expected at least one table');
    const names: string[] = [];
    for (const t of tables) for (const d of t.dimensions) if (!names.includes(d.name)) names.push(d.name);
    for (const t of tables) {
      if (t.unit !== tables[0]!.unit) {
        throw new PrikkError('INVALID_ARGUMENT', `CellSpace.fromTables: linked tables must count the same unit, got '${tables[0]!.unit}' and '${t.unit}'`);
      }
    }
    checkLeaves(tables, names);
    if (tables.length === 1) {
      const t = tables[0]!;
      const ident = new Int32Array(t.cellCount);
      for (let i = 0; i < ident.length; i++) ident[i] = i;
      return new CellSpace(tables, [ident], new Int32Array(t.cellCount), ident, names, cubeRelations(t));
    }
    const keyIndex = new Map<string, number>();
    const originTable: number[] = [];
    const originCell: number[] = [];
    const cellOf: Int32Array[] = [];
    tables.forEach((t, ti) => {
      const map = new Int32Array(t.cellCount);
      const dimPos = names.map((n) => t.dimensions.findIndex((d) => d.name === n));
      const parts = new Array<string>(names.length);
      for (let c = 0; c < t.cellCount; c++) {
        for (let k = 0; k < names.length; k++) {
          const d = dimPos[k]!;
          if (d < 0) {
            parts[k] = TOTAL_KEY;
          } else {
            const node = t.nodeAt(c, d);
            const h = t.dimensions[d]!.hierarchy;
            parts[k] = node === h.size - 1 ? TOTAL_KEY : h.labels[node]!;
          }
        }
        const key = parts.join('\u0001');
        let s = keyIndex.get(key);
        if (s === undefined) {
          s = originTable.length;
          keyIndex.set(key, s);
          originTable.push(ti);
          originCell.push(c);
        } else {
          const o = tables[originTable[s]!]!;
          const a = o.counts[originCell[s]!]!;
          const b = t.counts[c]!;
          if (!Number.isNaN(a) && !Number.isNaN(b) && a !== b) {
            throw new PrikkError(
              'INVALID_ARGUMENT',
              `CellSpace.fromTables: the cell ${JSON.stringify(t.coords(c))} is in tables ${originTable[s]!} and ${ti} with different counts; linked tables must come from the same extract`,
            );
          }
        }
        map[c] = s;
      }
      cellOf.push(map);
    });
    // Relations of every table, mapped to space cells (duplicates are harmless for every consumer).
    const rels = tables.map((t) => cubeRelations(t));
    let count = 0;
    let mcount = 0;
    for (const r of rels) {
      count += r.count;
      mcount += r.members.length;
    }
    const totals = new Int32Array(count);
    const starts = new Int32Array(count + 1);
    const members = new Int32Array(mcount);
    let r0 = 0;
    let m0 = 0;
    rels.forEach((rel, ti) => {
      const map = cellOf[ti]!;
      for (let r = 0; r < rel.count; r++) {
        totals[r0] = map[rel.totals[r]!]!;
        starts[r0] = m0;
        for (let j = rel.starts[r]!; j < rel.starts[r + 1]!; j++) members[m0++] = map[rel.members[j]!]!;
        r0++;
      }
    });
    starts[r0] = m0;
    return new CellSpace(
      tables,
      cellOf,
      Int32Array.from(originTable),
      Int32Array.from(originCell),
      names,
      Object.freeze({ count, totals, starts, members }),
    );
  }

  /** The cell → relations index (built on first use, see `relationIndex`; kept here too for the hot paths). */
  get relationIndex(): RelationIndex {
    this.index ??= relationIndex(this.relations, this.cellCount);
    return this.index;
  }

  /** Coordinates of a space cell by dimension name; a dimension at its total is left out. */
  coords(cell: number): Record<string, string> {
    const t = this.tables[this.originTable[cell]!]!;
    const c = this.originCell[cell]!;
    const out: Record<string, string> = {};
    t.dimensions.forEach((dim, d) => {
      const node = t.nodeAt(c, d);
      if (node !== dim.hierarchy.size - 1) out[dim.name] = dim.hierarchy.labels[node]!;
    });
    return out;
  }

  /**
   * Values of a quantity per space cell: counts, or a measure's sums. Cells hidden in every table read from JSON
   * are NaN.
   * @throws {PrikkError} `UNKNOWN_COLUMN` when no table has sums for the measure (a linked table without it shows none
   * of it: NaN).
   */
  values(q: Quantity): Float64Array {
    const out = new Float64Array(this.cellCount);
    const arrays = this.tables.map((t) => (q.kind === 'count' ? t.counts : t.sums.get(q.measure)));
    if (q.kind === 'sum' && arrays.every((a) => a === undefined)) {
      throw new PrikkError('UNKNOWN_COLUMN', `CellSpace.values: no table has sums for measure '${q.measure}'`);
    }
    if (this.tables.length === 1) {
      out.set(arrays[0]!);
      return out;
    }
    // A value known in any linked table (a cell hidden in one JSON table may be published in another; a table
    // without the measure shows none of it).
    out.fill(Number.NaN);
    arrays.forEach((a, ti) => {
      if (a === undefined) return;
      const map = this.cellOf[ti]!;
      for (let c = 0; c < a.length; c++) if (!Number.isNaN(a[c]!)) out[map[c]!] = a[c]!;
    });
    return out;
  }

  /**
   * The cell's column of the model matrix (cell = sum of finest cells) after a difference transform along each
   * dimension's leaf order: a node covering leaves at positions a..b becomes `+1` at `a` and `-1` at `b + 1`,
   * and a cell is the tensor product over dimensions. With leaves in depth-first order every node is one run,
   * so a cell has at most 2^D entries. The transform is invertible, so linear dependence between cells is the
   * same as in the model matrix (Langsrud 2024's GaussSuppression works on the model matrix itself).
   *
   * Returns grid keys (numbers below 2^53) and signs.
   */
  column(cell: number): { keys: number[]; signs: number[] } {
    this.prepareBoundaries();
    const lc = this.leafCount!;
    const ti = this.originTable[cell]!;
    const t = this.tables[ti]!;
    const c = this.originCell[cell]!;
    let keys = [0];
    let signs = [1];
    let stride = 1;
    for (let k = 0; k < this.dimensionNames.length; k++) {
      const b = this.nodeBounds![ti]![k]!;
      const d = t.dimensions.findIndex((x) => x.name === this.dimensionNames[k]);
      const nb = d < 0 ? b[0]! : b[t.nodeAt(c, d)]!;
      const nk: number[] = [];
      const ns: number[] = [];
      for (let i = 0; i < keys.length; i++) {
        for (let j = 0; j < nb.points.length; j++) {
          nk.push(keys[i]! + nb.points[j]! * stride);
          ns.push(signs[i]! * nb.signs[j]!);
        }
      }
      keys = nk;
      signs = ns;
      stride *= lc[k]! + 1;
    }
    return { keys, signs };
  }

  /**
   * The layout behind {@link column}, for code that builds every column in bulk (the Gaussian elimination's
   * `differenceColumns`): per dimension of the space its leaf count, and per table, per space dimension, per node of
   * the table's hierarchy, the node's leaf set as runs (`+1` at a run's first position, `-1` one past its last) in the
   * depth-first leaf order of the first table that has the dimension. A table that lacks the dimension has one entry:
   * the whole range. Built once per space (O(nodes × depth)); the arrays are shared, do not change them.
   * @internal
   */
  leafRuns(): { readonly leafCount: readonly number[]; readonly nodeBounds: readonly (readonly (readonly NodeBoundaries[])[])[] } {
    this.prepareBoundaries();
    return { leafCount: this.leafCount!, nodeBounds: this.nodeBounds! };
  }

  private prepareBoundaries(): void {
    if (this.nodeBounds) return;
    const leafOrder = new Map<string, Map<string, number>>();
    const leafCount: number[] = [];
    for (const name of this.dimensionNames) {
      const t = this.tables.find((x) => x.dimensions.some((d) => d.name === name))!;
      const h = t.dimensions.find((d) => d.name === name)!.hierarchy;
      // Depth-first order of the first hierarchy's leaves: each of its nodes is then one run.
      const kids: number[][] = Array.from({ length: h.size }, () => []);
      for (let n = 0; n < h.size - 1; n++) kids[h.parents[n]!]!.push(n);
      const order = new Map<string, number>();
      const stack = [h.size - 1];
      while (stack.length > 0) {
        const n = stack.pop()!;
        if (n < h.leafCount) order.set(h.labels[n]!, order.size);
        const ks = kids[n]!;
        for (let i = ks.length - 1; i >= 0; i--) stack.push(ks[i]!);
      }
      leafOrder.set(name, order);
      leafCount.push(h.leafCount);
    }
    this.leafCount = leafCount;
    this.nodeBounds = this.tables.map((t) =>
      this.dimensionNames.map((name, k) => {
        const d = t.dimensions.findIndex((x) => x.name === name);
        const L = leafCount[k]!;
        const full: NodeBoundaries = { points: Int32Array.of(0, L), signs: Int8Array.of(1, -1) };
        if (d < 0) return [full];
        const h = t.dimensions[d]!.hierarchy;
        const order = leafOrder.get(name)!;
        const sets: number[][] = Array.from({ length: h.size }, () => []);
        for (let leaf = 0; leaf < h.leafCount; leaf++) {
          const pos = order.get(h.labels[leaf]!)!;
          for (let n = leaf; n >= 0; n = h.parents[n]!) sets[n]!.push(pos);
        }
        return sets.map((s) => {
          s.sort((a, b) => a - b);
          const pts: number[] = [];
          const sg: number[] = [];
          let i = 0;
          while (i < s.length) {
            let j = i;
            while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
            pts.push(s[i]!, s[j]! + 1);
            sg.push(1, -1);
            i = j + 1;
          }
          return { points: Int32Array.from(pts), signs: Int8Array.from(sg) };
        });
      }),
    );
  }
}

function checkLeaves(tables: readonly CellTable[], names: readonly string[]): void {
  for (const name of names) {
    let ref: string[] | undefined;
    for (const t of tables) {
      const dim = t.dimensions.find((d) => d.name === name);
      if (!dim) continue;
      const leaves = dim.hierarchy.labels.slice(0, dim.hierarchy.leafCount).slice().sort();
      if (!ref) ref = leaves;
      else if (ref.length !== leaves.length || ref.some((l, i) => l !== leaves[i])) {
        throw new PrikkError(
          'INVALID_ARGUMENT',
          `CellSpace.fromTables: dimension '${name}' must have the same finest values in every linked table (${ref.length} and ${leaves.length} leaves differ)`,
        );
      }
    }
  }
}
