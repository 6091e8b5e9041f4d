import { PrikkError } from '../errors/PrikkError.js';
import { Hierarchy, type HierarchyJson } from '../hierarchy/Hierarchy.js';

/**
 * Rebuilds a {@link Hierarchy} from its JSON form `{ parent: [children] }` (as written by `Hierarchy.toJSON` and
 * the cell-table JSON). Node order: the leaves in depth-first order from the total (children in the order listed),
 * then the internal nodes in post-order, the total last. For a hierarchy written by prikk this is the original leaf
 * order whenever the leaves were numbered depth-first (flat, prefix and interval hierarchies are).
 *
 * Cost: O(nodes).
 *
 * @throws {PrikkError} `INVALID_SCHEMA` naming `where` when the value is not such an object, the total has no
 * entry while other nodes do, a node is listed twice (two parents or a cycle), or an entry is not reachable from
 * the total.
 * @example
 * hierarchyFromJson('Total', { Total: ['03', '11'], '03': ['0301'], '11': ['1101', '1103'] }, 'json').labels
 * // ['0301', '1101', '1103', '03', '11', 'Total']
 */
export function hierarchyFromJson(total: string, json: HierarchyJson, where: string): Hierarchy {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new PrikkError('INVALID_SCHEMA', `${where}: expected an object { parent: [children] }`);
  }
  for (const [parent, children] of Object.entries(json)) {
    if (!Array.isArray(children) || children.some((c) => typeof c !== 'string')) {
      throw new PrikkError('INVALID_SCHEMA', `${where}: the children of '${parent}' must be an array of labels`);
    }
  }
  const keys = Object.keys(json);
  if (keys.length > 0 && !Object.hasOwn(json, total)) {
    throw new PrikkError('INVALID_SCHEMA', `${where}: the total '${total}' has no entry`);
  }
  const leaves: string[] = [];
  const internal: string[] = [];
  const parentOf = new Map<string, string>();
  const seen = new Set<string>([total]);
  // Iterative depth-first walk: pre-order for the leaves, post-order for the internal nodes.
  const stack: { node: string; next: number }[] = [{ node: total, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const children = Object.hasOwn(json, top.node) ? json[top.node]! : [];
    if (children.length === 0) {
      leaves.push(top.node);
      stack.pop();
      continue;
    }
    if (top.next === children.length) {
      internal.push(top.node);
      stack.pop();
      continue;
    }
    const child = children[top.next++]!;
    if (seen.has(child)) {
      throw new PrikkError('INVALID_SCHEMA', `${where}: '${child}' appears twice (two parents, or a cycle)`);
    }
    seen.add(child);
    parentOf.set(child, top.node);
    stack.push({ node: child, next: 0 });
  }
  for (const key of keys) {
    if (!seen.has(key)) throw new PrikkError('INVALID_SCHEMA', `${where}: '${key}' is not below the total '${total}'`);
  }
  const labels = [...leaves, ...internal];
  if (labels.length === 1) return Hierarchy.fromParents(total, labels, [-1]);
  const index = new Map(labels.map((l, i) => [l, i]));
  const parents = labels.map((l) => (l === total ? -1 : index.get(parentOf.get(l)!)!));
  return Hierarchy.fromParents(total, labels, parents);
}
