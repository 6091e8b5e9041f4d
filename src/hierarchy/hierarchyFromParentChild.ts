import { PrikkError } from '../errors/PrikkError.js';
import { checkTotal } from './checkHierarchyArgs.js';
import { Hierarchy } from './Hierarchy.js';

/** Options for {@link hierarchyFromParentChild}. */
export interface ParentChildOptions {
  /** Label of the root; nodes without a parent attach to it, and a pair may name it as a parent. Defaults to `Total`. */
  readonly total?: string;
  /** Name of the pairs' origin (a policy file) for error messages. Defaults to none. */
  readonly source?: string;
}

/**
 * Builds a hierarchy of any depth from `[child, parent]` pairs, as a code list's parent-child table gives them
 * (hospital -> health trust -> health region). The tree may be unbalanced (leaves at different depths; `levelCount`
 * is then 0). Nodes that are never a child attach to the total. Leaves (labels never used as a parent) keep the order
 * of first appearance; internal nodes are ordered by height (longest path down to a leaf), then first appearance,
 * so every child comes before its parent. A repeated identical pair is accepted.
 *
 * Cost: O(pairs × depth) time, O(pairs) memory.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when `pairs` is not an array of two non-empty strings each or an option is
 * bad; `INVALID_SCHEMA` naming the pair (row = 1-based index) for a child equal to the total, a child with two
 * parents, a pair whose child is its own parent, or a cycle (all its members named).
 * @example
 * hierarchyFromParentChild([['0301', '03'], ['1101', '11'], ['1103', '11']]).toJSON()
 * // { Total: ['03', '11'], '03': ['0301'], '11': ['1101', '1103'] }
 */
export function hierarchyFromParentChild(
  pairs: readonly (readonly [child: string, parent: string])[],
  options: ParentChildOptions = {},
): Hierarchy {
  const fn = 'hierarchyFromParentChild';
  const total = checkTotal(fn, options.total);
  const source = options.source;
  if (source !== undefined && typeof source !== 'string') {
    throw new PrikkError('INVALID_ARGUMENT', `${fn}: options.source must be a string, got ${typeof source}`);
  }
  const at = (i: number) => (source === undefined ? { row: i + 1 } : { file: source, row: i + 1 });
  if (!Array.isArray(pairs) || pairs.length === 0) {
    throw new PrikkError('INVALID_ARGUMENT', `${fn}: pairs must be a non-empty array of [child, parent]`);
  }

  const parentOf = new Map<string, { parent: string; pair: number }>();
  const order = new Map<string, number>(); // first appearance of every non-root label
  pairs.forEach((pair, i) => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string' || pair[0] === '' || pair[1] === '') {
      throw new PrikkError('INVALID_ARGUMENT', `${fn}: pairs[${i}] must be [child, parent] with two non-empty strings, got ${JSON.stringify(pair)}`);
    }
    const [child, parent] = pair;
    if (child === total) {
      throw new PrikkError('INVALID_SCHEMA', `${fn}: the child '${child}' equals the total label; the total is the root and has no parent`, at(i));
    }
    if (child === parent) throw new PrikkError('INVALID_SCHEMA', `${fn}: '${child}' is its own parent`, at(i));
    const seen = parentOf.get(child);
    if (seen !== undefined && seen.parent !== parent) {
      throw new PrikkError(
        'INVALID_SCHEMA',
        `${fn}: '${child}' has two parents, '${seen.parent}' (pair ${seen.pair + 1}) and '${parent}'`,
        at(i),
      );
    }
    if (seen === undefined) parentOf.set(child, { parent, pair: i });
    if (!order.has(child)) order.set(child, order.size);
    if (parent !== total && !order.has(parent)) order.set(parent, order.size);
  });

  // Walk up from every node; a walk that meets itself is a cycle. `state`: 1 = on the current path, 2 = done.
  const state = new Map<string, number>();
  for (const start of order.keys()) {
    const path: string[] = [];
    let node: string | undefined = start;
    while (node !== undefined && node !== total && state.get(node) !== 2) {
      if (state.get(node) === 1) {
        const cycle = path.slice(path.indexOf(node));
        throw new PrikkError(
          'INVALID_SCHEMA',
          `${fn}: the pairs form a cycle: ${[...cycle, node].map((c) => `'${c}'`).join(' -> ')}`,
          at(parentOf.get(node)!.pair),
        );
      }
      state.set(node, 1);
      path.push(node);
      node = parentOf.get(node)?.parent;
    }
    for (const p of path) state.set(p, 2);
  }

  // Height = longest path down to a leaf; sorting by height puts every child before its parent.
  const height = new Map<string, number>();
  for (const label of order.keys()) height.set(label, 0);
  for (const label of order.keys()) {
    let h = 0;
    let node: string | undefined = label;
    while (node !== undefined && node !== total) {
      if ((height.get(node) ?? 0) < h) height.set(node, h);
      node = parentOf.get(node)?.parent;
      h++;
    }
  }
  const isParent = new Set<string>();
  for (const { parent } of parentOf.values()) isParent.add(parent);
  const labels = [...order.keys()].sort((a, b) => {
    const la = isParent.has(a) ? 1 : 0;
    const lb = isParent.has(b) ? 1 : 0;
    if (la !== lb) return la - lb;
    return la === 0 ? order.get(a)! - order.get(b)! : height.get(a)! - height.get(b)! || order.get(a)! - order.get(b)!;
  });
  labels.push(total);
  const index = new Map<string, number>();
  labels.forEach((l, i) => index.set(l, i));
  const parents = new Int32Array(labels.length);
  for (let i = 0; i < labels.length - 1; i++) {
    const parent = parentOf.get(labels[i]!)?.parent ?? total;
    parents[i] = index.get(parent)!;
  }
  parents[labels.length - 1] = -1;
  return Hierarchy.build({ total, labels, parents });
}
