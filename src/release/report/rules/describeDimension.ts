import type { CellTableDimensionJson } from '../../../aggregate/CellTableJson.js';
import { describeHierarchySpec, type LevelName } from './describeHierarchySpec.js';
import { hierarchyShape, type HierarchyShape } from './hierarchyShape.js';

const VALUE: LevelName = { one: 'value', many: 'values' };
const GROUP: LevelName = { one: 'group', many: 'groups' };
/** A flat dimension lists its values when there are at most this many, in at most LIST_CHARS characters. */
const LIST_MAX = 8;
const LIST_CHARS = 60;

/**
 * Describes one dimension of a table in one line: its column, how its hierarchy was built (the manifest's spec, see
 * `describeHierarchySpec`) and how many nodes each level of the released tree has (`hierarchyShape` of the released
 * table's dimension), finest first, e.g. `municipality: named hierarchy 'municipalities' (Norwegian municipalities
 * 2024, all codes, 357 municipalities → 15 counties → 4 health regions → Total)`. The counts come from the released
 * table, so a dimension that k-anonymity generalised says so (`released generalised to 4 health regions → Total`,
 * `released as Total only`). Without the released table the spec's level names (when it has two or more) are listed
 * without counts. A tree
 * whose leaves sit at different depths is counted as values and groups.
 *
 * Cost: O(nodes of the released dimension).
 *
 * @example
 * describeDimension('hospital', { name: 'hospitals', type: 'parentChild', pairs: [...] },
 *   { name: 'hospital', total: 'Total', hierarchy: { Total: ['Helse Sør-Øst', …4], 'Helse Sør-Øst': [...], … } })
 * // "hospital: named hierarchy 'hospitals' (parent-child, 47 values → 4 groups → Total)"
 * describeDimension('sex', 'flat', { name: 'sex', total: 'Total', hierarchy: { Total: ['1', '2'] } })
 * // 'sex: flat (2 values: 1, 2)'
 */
export function describeDimension(column: string, spec: unknown, released?: CellTableDimensionJson): string {
  const described = describeHierarchySpec(spec);
  const total = released?.total ?? described.total ?? 'Total';
  const shape = released === undefined ? undefined : hierarchyShape(released);
  const head = described.name === undefined ? described.kind : `named hierarchy '${described.name}'`;
  const inner = [described.name === undefined ? '' : described.kind, shapeText(shape, described.kind === 'flat', described.levels, total)].filter(
    (s) => s !== '',
  );
  return inner.length === 0 ? `${column}: ${head}` : `${column}: ${head} (${inner.join(', ')})`;
}

function count(n: number, level: LevelName): string {
  return `${n} ${n === 1 ? level.one : level.many}`;
}

function shapeText(shape: HierarchyShape | undefined, flat: boolean, levels: readonly LevelName[] | undefined, total: string): string {
  // Without the released tree, level names say something only when there are levels between the values and the total.
  if (shape === undefined) return levels === undefined || levels.length < 2 ? '' : [...levels.map((l) => l.many), total].join(' → ');
  const depth = shape.nodes.length - 1;
  if (depth === 0) return `released as ${total} only`;
  if (!shape.balanced) {
    const groups = shape.nodes.reduce((a, b) => a + b, 0) - 1 - shape.leaves;
    return `${count(shape.leaves, VALUE)} and ${count(groups, GROUP)}, up to ${depth} levels below ${total}`;
  }
  if (flat && depth === 1) {
    const list = shape.topLabels.join(', ');
    return shape.topLabels.length <= LIST_MAX && list.length <= LIST_CHARS ? `${count(shape.leaves, VALUE)}: ${list}` : count(shape.leaves, VALUE);
  }
  const known = levels !== undefined && levels.length >= depth;
  const names = known ? levels.slice(levels.length - depth) : [VALUE, ...Array.from({ length: depth - 1 }, () => GROUP)];
  const parts: string[] = [];
  for (let d = depth, i = 0; d >= 1; d--, i++) parts.push(count(shape.nodes[d]!, names[i]!));
  const text = `${parts.join(' → ')} → ${total}`;
  return known && levels.length > depth ? `released generalised to ${text}` : text;
}
