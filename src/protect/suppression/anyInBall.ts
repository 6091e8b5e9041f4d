import type { CellSpace } from '../../audit/CellSpace.js';

/** A stamp buffer over a space's cells for {@link anyInBall} (reused between calls; `seenClock` counts them). @internal */
export interface BallScratch {
  readonly seen: Int32Array;
  seenClock: number;
}

/**
 * Whether `test` holds for some cell within `radius` relations of `cell`: breadth first over the relation index, each
 * cell tested once (`cell` first), stopping at the first that passes. A test that marks and returns false visits the
 * whole ball (the repair waves' and the cleanup's neighbourhoods).
 *
 * Cost: linear in the relation entries of the ball.
 * @internal
 * @example
 * // T = a + b, a = a1 + a2 (a two-level hierarchy): a1's ball of radius 1 is {a1, a, a2}; of radius 2 also T and b.
 * anyInBall(space, a1, 1, { seen: new Int32Array(space.cellCount), seenClock: 0 }, (c) => c === b) // false
 */
export function anyInBall(space: CellSpace, cell: number, radius: number, scratch: BallScratch, test: (c: number) => boolean): boolean {
  const idx = space.relationIndex;
  const rel = space.relations;
  const seen = scratch.seen;
  if (scratch.seenClock >= 0x7fffffff) {
    seen.fill(0);
    scratch.seenClock = 0;
  }
  const now = ++scratch.seenClock;
  seen[cell] = now;
  if (test(cell)) return true;
  let layer = [cell];
  for (let k = 0; k < radius && layer.length > 0; k++) {
    const next: number[] = [];
    for (const c of layer) {
      for (let j = idx.starts[c]!; j < idx.starts[c + 1]!; j++) {
        const r = idx.relations[j]!;
        // `i = starts[r] - 1` stands for the relation's total.
        for (let i = rel.starts[r]! - 1; i < rel.starts[r + 1]!; i++) {
          const m = i < rel.starts[r]! ? rel.totals[r]! : rel.members[i]!;
          if (seen[m] === now) continue;
          seen[m] = now;
          if (test(m)) return true;
          next.push(m);
        }
      }
    }
    layer = next;
  }
  return false;
}
