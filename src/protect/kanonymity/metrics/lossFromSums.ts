/**
 * ARX's Loss from its per-attribute sums (Prasser et al., ARX's `MetricMDNMLoss` with the geometric-mean
 * aggregate, generalisation and suppression weighted equally). `sums[j]` is raw_j × |H_j|: the sum over kept
 * records of the number of hierarchy leaves (rows of an ARX hierarchy file) under the record's generalised value,
 * plus |H_j| per suppressed record, so that it is an exact integer. Then
 * norm_j = max(0, (raw_j − N/|H_j|) / (N − N/|H_j|)) = max(0, (sums[j] − N) / (N · (|H_j| − 1))), 0 when |H_j| = 1
 * or N = 0, and Loss = Π_j (norm_j + 1)^(1/d) − 1 (each factor from {@link lossFactor}).
 *
 * Cost O(d).
 *
 * @example
 * // 4 records, one QI with 4 leaves: two records kept at a node covering 2 leaves, two suppressed:
 * // sums = 2·2 + 2·4 = 12, norm = (12 − 4) / (4 · 3) = 2/3, Loss = (1 + 2/3)^(1/1) − 1 = 0.667
 * lossFromSums([12], [4], 4) // 0.6666666666666667
 */
export function lossFromSums(sums: ArrayLike<number>, domainSizes: ArrayLike<number>, records: number): number {
  const d = sums.length;
  let product = 1;
  for (let j = 0; j < d; j++) product *= lossFactor(sums[j]!, domainSizes[j]!, records, d);
  return product - 1;
}

/**
 * One attribute's factor (norm_j + 1)^(1/d) of ARX's Loss (see {@link lossFromSums}). Cost O(1).
 *
 * @example
 * lossFactor(12, 4, 4, 1) // 1.6666666666666667
 */
export function lossFactor(sum: number, domainSize: number, records: number, d: number): number {
  const norm = domainSize <= 1 || records === 0 ? 0 : Math.max(0, (sum - records) / (records * (domainSize - 1)));
  return Math.pow(norm + 1, 1 / d);
}
