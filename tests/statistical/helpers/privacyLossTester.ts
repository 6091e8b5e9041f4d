/**
 * An empirical privacy-loss tester in the style of Google's differential-privacy library (its "stochastic tester"
 * and the DP testing of Gilbert & McMillan 2018, "Property testing for differential privacy"): run a mechanism many
 * times on two neighbouring datasets, histogram the outputs, and check on every bin with enough mass that the
 * log-ratio of the two empirical probabilities does not exceed ε by more than sampling error.
 *
 * Decision rule per bin (both directions): the lower confidence bound of ln(p̂_A / p̂_B), with the delta-method
 * standard error √((1 − p_A)/(N p_A) + (1 − p_B)/(N p_B)) times z, must stay at or below ε. A bin whose lower bound
 * is above ε is a significant violation. z = 4.5 keeps the false-alarm rate below 1e-4 over ~30 bins.
 */
export interface LossReport {
  /** Largest |ln(p̂_A/p̂_B)| over the bins tested (a point estimate, for the report). */
  readonly maxLoss: number;
  /** Largest lower confidence bound of |ln(p̂_A/p̂_B)|: the test fails when it exceeds ε. */
  readonly maxLowerBound: number;
  readonly binsTested: number;
  readonly violates: boolean;
}

export function histogram(n: number, run: () => number | string): Map<string, number> {
  const h = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const k = String(run());
    h.set(k, (h.get(k) ?? 0) + 1);
  }
  return h;
}

export function privacyLoss(a: Map<string, number>, b: Map<string, number>, n: number, epsilon: number, minCount = 200, z = 4.5): LossReport {
  let maxLoss = 0;
  let maxLowerBound = Number.NEGATIVE_INFINITY;
  let binsTested = 0;
  const keys = new Set([...a.keys(), ...b.keys()]);
  for (const k of keys) {
    const ca = a.get(k) ?? 0;
    const cb = b.get(k) ?? 0;
    if (ca < minCount || cb < minCount) continue;
    binsTested++;
    const pa = ca / n;
    const pb = cb / n;
    const loss = Math.abs(Math.log(pa / pb));
    const se = Math.sqrt((1 - pa) / (n * pa) + (1 - pb) / (n * pb));
    maxLoss = Math.max(maxLoss, loss);
    maxLowerBound = Math.max(maxLowerBound, loss - z * se);
  }
  return { maxLoss, maxLowerBound, binsTested, violates: maxLowerBound > epsilon };
}

/**
 * Empirical Rényi divergence of order 2, ln Σ p̂_A² / p̂_B over bins where both have at least `minCount` (the other
 * bins are left out, which biases the estimate down; the broken mechanisms tested are far off).
 */
export function renyi2(a: Map<string, number>, b: Map<string, number>, n: number, minCount = 50): number {
  let s = 0;
  for (const [k, ca] of a) {
    const cb = b.get(k) ?? 0;
    if (ca < minCount || cb < minCount) continue;
    s += (ca / n) ** 2 / (cb / n);
  }
  return Math.log(s);
}
