/**
 * The name in `names` nearest to `wanted` when it is close enough to be a typo (a case difference, or at most 2
 * edits and fewer edits than a third of the longer name), for "did you mean" hints; undefined otherwise.
 * Edit distance with swaps of neighbouring letters (optimal string alignment), case-insensitive.
 *
 * Cost: O(names × |wanted| × |name|).
 *
 * @throws nothing.
 * @example
 * closestName('supression', ['suppression', 'rounding']) // 'suppression'
 * closestName('colour', ['dimensions', 'measures'])      // undefined
 */
export function closestName(wanted: string, names: Iterable<string>): string | undefined {
  const w = wanted.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const n = name.toLowerCase();
    const d = editDistance(w, n);
    const limit = Math.min(2, Math.ceil(Math.max(w.length, n.length) / 3) - 1);
    if (d <= limit && d < bestDistance && name !== wanted) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours, one each. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
