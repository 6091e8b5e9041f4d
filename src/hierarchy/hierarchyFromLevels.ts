import { PrikkError } from '../errors/PrikkError.js';
import type { ErrorLocation } from '../errors/PrikkError.js';
import { Hierarchy } from './Hierarchy.js';
import type { LeafBands } from './Hierarchy.js';

/**
 * How {@link hierarchyFromLevels} names rows in error messages and makes colliding labels unique. Internal: the
 * factories (`hierarchyFromArx`, `prefixHierarchy`, `icd10Hierarchy`, ...) fill it in.
 */
export interface LevelTableContext {
  /** Required. The public function the table comes from, first word of every message (`hierarchyFromArx`). */
  readonly fn: string;
  /** Required. Label of the root. */
  readonly total: string;
  /** Required. Where row `i` came from, for the error location (`{ file, line }`), or undefined. */
  readonly where: (row: number) => ErrorLocation | undefined;
  /** Required. How row `i` is named in a message (`line 7`, `value 3 ('0301')`). */
  readonly rowName: (row: number) => string;
  /**
   * Label for an internal node whose plain label is taken by a finer level or by the total.
   * Defaults to `` `${label} (level ${level})` ``.
   */
  readonly disambiguate?: (label: string, level: number) => string;
  /** Numeric bands of the leaves, one per row. Defaults to none. */
  readonly bands?: LeafBands;
}

interface LevelNode {
  readonly plain: string;
  readonly firstRow: number;
  parent: string | undefined;
}

/**
 * Builds a balanced hierarchy from a level table: one row per leaf, `[leaf, level1, ..., levelK]`, the coarsest
 * level last and the root implicit (ARX's hierarchy format without its root column). Every leaf ends up at depth
 * K + 1, so the result has `levelCount = K + 2`.
 *
 * Rules: rows have equal length; labels are non-empty; a leaf appears once and differs from the total; a node
 * (a label at a level) has one parent. Labels must be unique in a {@link Hierarchy}, but level tables often reuse a
 * label at two levels (ARX's `Male;Male;*`, ICD-10's 3-character code `I10` that is also its category). Leaves
 * keep their label (rows are classified by it); an internal label already used at a finer level, or equal to the
 * total, becomes `disambiguate(label, level)` (default `Male (level 1)`), and the plain label is kept as its display
 * label. Node order: leaves in row order, then each level in order of first appearance, then the root.
 *
 * Cost: O(rows × levels) time and memory.
 *
 * @throws {PrikkError} `INVALID_SCHEMA` naming the row (via the context) for a ragged row, an empty label, a
 * repeated leaf, a leaf equal to the total, a node with two parents, or a disambiguated label that is still taken;
 * `INVALID_ARGUMENT` when there are no rows.
 * @example
 * hierarchyFromLevels([['0301', '03'], ['1101', '11']], ctx).toJSON() // { Total: ['03', '11'], '03': ['0301'], '11': ['1101'] }
 */
export function hierarchyFromLevels(rows: readonly (readonly string[])[], ctx: LevelTableContext): Hierarchy {
  const { fn, total } = ctx;
  const fail = (row: number, message: string): PrikkError =>
    new PrikkError('INVALID_SCHEMA', `${fn}: ${message}`, ctx.where(row));
  if (rows.length === 0) throw new PrikkError('INVALID_ARGUMENT', `${fn}: expected at least one value, got none`);
  const width = rows[0]!.length;
  if (width < 1) throw fail(0, `${ctx.rowName(0)} has no value`);

  // levels[l] maps a plain label at level l to its node; Map iteration order = first appearance.
  const levels: Map<string, LevelNode>[] = [];
  for (let l = 0; l < width; l++) levels.push(new Map());
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length !== width) {
      throw fail(r, `${ctx.rowName(r)} has ${row.length} level${row.length === 1 ? '' : 's'}, expected ${width} as in ${ctx.rowName(0)}`);
    }
    for (let l = 0; l < width; l++) {
      const label = row[l]!;
      if (typeof label !== 'string' || label === '') throw fail(r, `${ctx.rowName(r)} has an empty label at level ${l}`);
    }
    const leaf = row[0]!;
    const seen = levels[0]!.get(leaf);
    if (seen !== undefined) throw fail(r, `the value '${leaf}' appears twice (${ctx.rowName(seen.firstRow)} and ${ctx.rowName(r)})`);
    if (leaf === total) throw fail(r, `the value '${leaf}' on ${ctx.rowName(r)} equals the total label; rename the total`);
    for (let l = 0; l < width; l++) {
      const label = row[l]!;
      const parent = l + 1 < width ? row[l + 1]! : undefined;
      const level = levels[l]!;
      const node = level.get(label);
      if (node === undefined) {
        level.set(label, { plain: label, firstRow: r, parent });
      } else if (node.parent !== parent) {
        throw fail(
          r,
          `'${label}' at level ${l} has parent '${parent}' on ${ctx.rowName(r)} but '${node.parent}' on ${ctx.rowName(node.firstRow)}; a node must have one parent`,
        );
      }
    }
  }

  // Lowest level at which each plain label occurs: that occurrence keeps the plain label.
  const lowest = new Map<string, number>();
  for (let l = width - 1; l >= 0; l--) for (const label of levels[l]!.keys()) lowest.set(label, l);
  const disambiguate = ctx.disambiguate ?? ((label: string, level: number) => `${label} (level ${level})`);

  const labels: string[] = [];
  const display: string[] = [];
  const indexAt: Map<string, number>[] = [];
  const taken = new Map<string, number>(); // final label -> level, to report a collision
  for (let l = 0; l < width; l++) {
    const at = new Map<string, number>();
    for (const node of levels[l]!.values()) {
      const plain = node.plain;
      const label = l > 0 && (plain === total || lowest.get(plain)! < l) ? disambiguate(plain, l) : plain;
      const clash = taken.get(label);
      if (clash !== undefined || label === total) {
        throw fail(
          node.firstRow,
          `the label '${label}' (level ${l}, from '${plain}') is also used at level ${clash ?? width}; make the labels unique`,
        );
      }
      taken.set(label, l);
      at.set(plain, labels.length);
      labels.push(label);
      display.push(plain);
    }
    indexAt.push(at);
  }
  const root = labels.length;
  labels.push(total);
  display.push(total);

  const parents = new Int32Array(labels.length);
  parents[root] = -1;
  for (let l = 0; l < width; l++) {
    const next = indexAt[l + 1];
    for (const node of levels[l]!.values()) {
      const self = indexAt[l]!.get(node.plain)!;
      parents[self] = next === undefined ? root : next.get(node.parent!)!;
    }
  }
  return Hierarchy.build({ total, labels, parents, bands: ctx.bands, displayLabels: display });
}
