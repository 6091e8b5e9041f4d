/**
 * Pearson's chi-square goodness-of-fit test for integer-valued samplers, written for the tests (floating point is
 * fine here: it checks the samplers, it is not on a sampling path).
 *
 * Bins: every integer in [lo, hi] where the pmf has mass, plus one bin for each tail; adjacent bins are merged
 * left to right until each has expected count >= 5 (the textbook rule), and a short last bin joins its neighbour.
 */

/** ln Γ(x) by the Lanczos approximation (g = 7, n = 9; Numerical Recipes 3rd ed. §6.1), |error| < 1e-14. */
function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised upper incomplete gamma Q(a, x) (series for x < a + 1, continued fraction otherwise; NR §6.2). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnPre = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return 1 - sum * Math.exp(lnPre);
  }
  // Lentz's continued fraction.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(lnPre) * h;
}

/** P(X > x) for X ~ chi-square with df degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

export interface ChiSquareResult {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly bins: number;
}

/**
 * Tests integer samples against a pmf. `pmf(x)` must sum to 1 over the integers; `lo..hi` should cover all but a
 * negligible tail (the tails beyond get one bin each, with expected mass 1 − Σ pmf over the other side).
 */
export function chiSquareTest(samples: ArrayLike<number>, pmf: (x: number) => number, lo: number, hi: number): ChiSquareResult {
  const n = samples.length;
  const width = hi - lo + 1;
  // observed: [below lo] [lo..hi] [above hi]
  const observed = new Float64Array(width + 2);
  for (let i = 0; i < n; i++) {
    const x = samples[i]!;
    if (x < lo) observed[0]!++;
    else if (x > hi) observed[width + 1]!++;
    else observed[x - lo + 1]!++;
  }
  const expected = new Float64Array(width + 2);
  let inner = 0;
  for (let x = lo; x <= hi; x++) {
    const p = pmf(x);
    expected[x - lo + 1] = p * n;
    inner += p;
  }
  // Split the outside mass between the tails in proportion to the pmf at the edges (symmetric pmfs: half each).
  const outside = Math.max(0, 1 - inner);
  const left = pmf(lo - 1);
  const right = pmf(hi + 1);
  const share = left + right > 0 ? left / (left + right) : 0.5;
  expected[0] = outside * share * n;
  expected[width + 1] = outside * (1 - share) * n;

  const bins: { o: number; e: number }[] = [];
  let o = 0;
  let e = 0;
  for (let i = 0; i < width + 2; i++) {
    o += observed[i]!;
    e += expected[i]!;
    if (e >= 5) {
      bins.push({ o, e });
      o = 0;
      e = 0;
    }
  }
  if (e > 0 || o > 0) {
    const last = bins.pop();
    bins.push(last ? { o: last.o + o, e: last.e + e } : { o, e });
  }
  let statistic = 0;
  for (const b of bins) statistic += ((b.o - b.e) * (b.o - b.e)) / b.e;
  const df = bins.length - 1;
  return { statistic, df, pValue: chiSquareSurvival(statistic, df), bins: bins.length };
}

/** Draws `n` samples from `sample` into an Int32Array-like array of numbers. */
export function draw(n: number, sample: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sample();
  return out;
}
