import type { CellTableDimensionJson } from '../../../aggregate/CellTableJson.js';
import { describeHierarchySpec } from './describeHierarchySpec.js';
import { hierarchyShape } from './hierarchyShape.js';

/**
 * Names each depth of a released dimension's tree, the total first: `labels[0]` is the total's label, `labels[d]`
 * the name of the nodes `d` levels below it, from the hierarchy spec's level names where it has them
 * (`describeHierarchySpec`: `['Total', 'health region', 'county', 'municipality']`), else `depth d`; the finest level
 * of a flat or unnamed tree is named by the dimension (`year`). Depths are those of `Hierarchy.depths` and of a DP table's `noise[].depths`.
 *
 * Cost: O(nodes of the released dimension).
 *
 * @example
 * levelLabels({ type: 'municipality' }, municipalityDimension) // ['Total', 'health region', 'county', 'municipality']
 * levelLabels('flat', { name: 'year', total: 'Total', hierarchy: { Total: ['2023', '2024'] } }) // ['Total', 'year']
 */
export function levelLabels(spec: unknown, released: CellTableDimensionJson): readonly string[] {
  const shape = hierarchyShape(released);
  const depth = shape.nodes.length - 1;
  const names = describeHierarchySpec(spec).levels;
  const labels = [shape.total];
  const known = shape.balanced && names !== undefined && names.length >= depth;
  for (let d = 1; d <= depth; d++) {
    // Names are finest first and a generalised tree keeps the coarsest ones, so depth d (1 = under the total) is names[L - d].
    const name = known ? names[names.length - d]!.one : undefined;
    labels.push(d === depth && (name === undefined || name === 'value') ? released.name : (name ?? `depth ${d}`));
  }
  return Object.freeze(labels);
}
