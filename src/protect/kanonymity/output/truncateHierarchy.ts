import { PrikkError } from '../../../errors/PrikkError.js';
import { Hierarchy } from '../../../hierarchy/Hierarchy.js';

/**
 * The part of a hierarchy at and above a generalisation level: the nodes at `level` become the leaves (in node
 * order), their ancestors stay, labels and display labels are kept. This is the hierarchy of a quasi-identifier in a
 * table of k-anonymised data: its finest cells are the generalised values.
 *
 * Cost O(nodes).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when the hierarchy has no levels or `level` is out of range.
 * @example
 * const age = hierarchyFromArx('1;0-4;*\n2;0-4;*\n7;5-9;*\n');
 * truncateHierarchy(age, 1).toJSON() // { '*': ['0-4', '5-9'] }
 */
export function truncateHierarchy(hierarchy: Hierarchy, level: number): Hierarchy {
  if (hierarchy.levelCount === 0 || !Number.isInteger(level) || level < 0 || level >= hierarchy.levelCount) {
    throw new PrikkError('INVALID_ARGUMENT', `truncateHierarchy: expected a level in [0, ${hierarchy.levelCount}) of hierarchy '${hierarchy.total}', got ${level}`);
  }
  const kept: number[] = [];
  for (let l = level; l < hierarchy.levelCount; l++) {
    for (let node = 0; node < hierarchy.size; node++) if (hierarchy.levelOf(node) === l) kept.push(node);
  }
  const position = new Int32Array(hierarchy.size).fill(-1);
  kept.forEach((node, i) => (position[node] = i));
  return Hierarchy.build({
    total: hierarchy.total,
    labels: kept.map((node) => hierarchy.labels[node]!),
    parents: kept.map((node) => (hierarchy.parents[node]! < 0 ? -1 : position[hierarchy.parents[node]!]!)),
    displayLabels: kept.map((node) => hierarchy.displayLabels[node]!),
  });
}
