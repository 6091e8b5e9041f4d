/**
 * A binary min-heap of lattice nodes ordered by (bound, height, node), the order in which the optimal search visits
 * nodes. Internal. Cost O(log size) per push and pop.
 *
 * @example
 * const heap = new NodeHeap();
 * heap.push(7, 0.5, 2); heap.push(3, 0.5, 1); heap.push(9, 0.1, 4);
 * heap.pop() // 9 (lowest bound), then 3 (same bound as 7, lower height), then 7
 */
export class NodeHeap {
  private nodes: number[] = [];
  private bounds: number[] = [];
  private heights: number[] = [];

  get size(): number {
    return this.nodes.length;
  }

  push(node: number, bound: number, height: number): void {
    this.nodes.push(node);
    this.bounds.push(bound);
    this.heights.push(height);
    let i = this.nodes.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Bound of the next node, or Infinity when empty. */
  peekBound(): number {
    return this.nodes.length === 0 ? Number.POSITIVE_INFINITY : this.bounds[0]!;
  }

  pop(): number {
    const top = this.nodes[0]!;
    const last = this.nodes.length - 1;
    this.swap(0, last);
    this.nodes.pop();
    this.bounds.pop();
    this.heights.pop();
    let i = 0;
    const n = this.nodes.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.less(left, smallest)) smallest = left;
      if (right < n && this.less(right, smallest)) smallest = right;
      if (smallest === i) break;
      this.swap(i, smallest);
      i = smallest;
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const ba = this.bounds[a]!;
    const bb = this.bounds[b]!;
    if (ba !== bb) return ba < bb;
    const ha = this.heights[a]!;
    const hb = this.heights[b]!;
    if (ha !== hb) return ha < hb;
    return this.nodes[a]! < this.nodes[b]!;
  }

  private swap(a: number, b: number): void {
    const n = this.nodes;
    const bo = this.bounds;
    const h = this.heights;
    const node = n[a]!;
    n[a] = n[b]!;
    n[b] = node;
    const bound = bo[a]!;
    bo[a] = bo[b]!;
    bo[b] = bound;
    const height = h[a]!;
    h[a] = h[b]!;
    h[b] = height;
  }
}
