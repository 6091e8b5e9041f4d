/** The convex problem behind one row of a generated perturbation table. */
export interface MaxEntropyProblem {
  /** Required. The possible noise values (the row's `j - i`), ascending, distinct. */
  readonly v: Float64Array;
  /** Required. The variance `Σ p v²` (with the mean held at 0 this is the variance): its value, or its upper bound. */
  readonly variance: number;
  /**
   * Required. `equal`: the variance is exactly `variance` (ptable's optim = 4, and the tables published with
   * tau-ARGUS); `atMost`: it is at most `variance` (ptable's default optim = 1), so a row whose entropy optimum is
   * narrower keeps a smaller variance.
   */
  readonly varianceConstraint: 'equal' | 'atMost';
  /** Required. Lower bound per value, each > 0 (ptable: 1e-8, or the probability of no change at v = 0). */
  readonly lower: Float64Array;
  /** Required. Whether p must not decrease from the smallest value up to v = 0 (ptable's `mono`). */
  readonly mono: boolean;
}

/** The optimum of a {@link MaxEntropyProblem}. */
export interface MaxEntropySolution {
  readonly p: Float64Array;
  /** `Σ p v²` at the optimum: the bound when it binds, less when the entropy optimum is narrower. */
  readonly variance: number;
  /** Newton steps taken. */
  readonly newtonSteps: number;
}

/** Barrier parameter growth per outer iteration, and the duality gap bound m / t at which the method stops. */
const MU = 10;
const GAP = 1e-11;
const MAX_NEWTON = 200;

/**
 * Maximises the entropy `-Σ p ln p` of a distribution on the values `v` subject to: `Σ p = 1`, mean `Σ p v = 0`,
 * variance `Σ p v² = V` (or `<= V`), `p >= lower`, and (with `mono`) `p` non-decreasing over the values up to 0. This
 * is the problem the ptable package solves per row (`pt_optim_entropy`: entropy objective, SLSQP via nloptr; optim = 1
 * has the variance as an inequality, optim = 4 as an equality; Giessing 2016, "Computational issues in the design of
 * transition probabilities and disclosure risk estimation for additive noise", PSD 2016, LNCS 9867), here solved to a
 * duality gap of 1e-11 with a log-barrier interior-point method (Boyd & Vandenberghe 2004, Convex Optimization,
 * §11.3, with the infeasible-start Newton method of §10.3 to reach the equality constraints). The problem is strictly
 * convex, so the optimum is unique and both methods find the same distribution up to their tolerances (SLSQP stops
 * at a relative step of 1e-7): the rows of `tau_testW_ptable.txt` are reproduced to 2e-9. Where a constraint holds with
 * equality but a zero multiplier (a degenerate optimum, e.g. a uniform row on the mono bound) the barrier converges
 * only like 1/√t, and the probabilities are accurate to about 1e-6.
 *
 * Cost: O(outer iterations × Newton steps × (n + 3)^3) for n values; about 15 × 10 steps, n <= 2D + 1.
 *
 * @returns The optimum, or undefined when no distribution meets the constraints (e.g. the variance cannot be reached
 * with a zero mean on these values, or the lower bounds sum to more than 1).
 * @example
 * maxEntropyDistribution({ v: Float64Array.of(-1, 0, 1), variance: 0.5, varianceConstraint: 'equal',
 *   lower: new Float64Array(3).fill(1e-8), mono: true }).p
 * // ≈ [0.25, 0.5, 0.25]
 */
export function maxEntropyDistribution(problem: MaxEntropyProblem): MaxEntropySolution | undefined {
  const { v, lower, mono } = problem;
  const V = problem.variance;
  const equalVariance = problem.varianceConstraint === 'equal';
  const n = v.length;
  let lowerSum = 0;
  for (let k = 0; k < n; k++) lowerSum += lower[k]!;
  if (!(lowerSum < 1) || n === 0) return undefined;
  if (n === 1) {
    const ok = v[0] === 0 && (equalVariance ? V === 0 : V >= 0);
    return ok ? { p: Float64Array.of(1), variance: 0, newtonSteps: 0 } : undefined;
  }

  const v2 = Float64Array.from(v, (x) => x * x);
  // Mono pairs (k, k + 1) for every k before the position of v = 0 (as ptable's eval_g_mono; none without a 0).
  const zero = v.indexOf(0);
  const monoPairs = mono && zero > 0 ? zero : 0;
  // Equality rows: Σ p = 1, Σ p v = 0 (and Σ p v² = V); inequality count m for the duality gap.
  const E = equalVariance ? 3 : 2;
  const rowsA = [new Float64Array(n).fill(1), v, v2].slice(0, E);
  const b = Float64Array.of(1, 0, V).subarray(0, E);
  const m = n + monoPairs + (equalVariance ? 0 : 1);

  // Phase I (B&V §11.4.1): a point strictly inside every inequality that meets the equalities, or none.
  const G: Float64Array[] = [];
  const h: number[] = [];
  for (let k = 0; k < n; k++) {
    const g = new Float64Array(n);
    g[k] = -1;
    G.push(g);
    h.push(-lower[k]!);
  }
  for (let k = 0; k < monoPairs; k++) {
    const g = new Float64Array(n);
    g[k] = 1;
    g[k + 1] = -1;
    G.push(g);
    h.push(0);
  }
  if (!equalVariance) {
    G.push(v2);
    h.push(V);
  }
  const start = strictlyFeasiblePoint(rowsA, b, G, Float64Array.from(h));
  if (start === undefined) return undefined;
  const x = start;

  const N = n + E;
  const kkt = new Float64Array(N * N);
  const rhs = new Float64Array(N);
  const grad = new Float64Array(n);
  const dx = new Float64Array(n);
  const trial = new Float64Array(n);
  const res = new Float64Array(E);
  let steps = 0;

  const slackVar = (p: Float64Array): number => {
    let s = V;
    for (let k = 0; k < n; k++) s -= v2[k]! * p[k]!;
    return s;
  };
  const inDomain = (p: Float64Array): boolean => {
    for (let k = 0; k < n; k++) if (!(p[k]! > lower[k]!)) return false;
    for (let k = 0; k < monoPairs; k++) if (!(p[k + 1]! > p[k]!)) return false;
    return equalVariance || slackVar(p) > 0;
  };
  // Gradient of the barrier function t·Σ p ln p − Σ ln(slacks); the Hessian goes into the KKT matrix.
  const gradient = (t: number, p: Float64Array, out: Float64Array): void => {
    const sV = equalVariance ? Infinity : slackVar(p);
    for (let k = 0; k < n; k++) out[k] = t * (Math.log(p[k]!) + 1) + v2[k]! / sV - 1 / (p[k]! - lower[k]!);
    for (let k = 0; k < monoPairs; k++) {
      const s = p[k + 1]! - p[k]!;
      out[k]! += 1 / s;
      out[k + 1]! -= 1 / s;
    }
  };
  const assemble = (t: number, p: Float64Array): void => {
    kkt.fill(0);
    const sV = equalVariance ? Infinity : slackVar(p);
    for (let a = 0; a < n; a++) {
      const row = a * N;
      if (!equalVariance) {
        const wa = v2[a]! / sV;
        for (let c = 0; c < n; c++) kkt[row + c] = wa * (v2[c]! / sV);
      }
      const sl = p[a]! - lower[a]!;
      kkt[row + a]! += t / p[a]! + 1 / (sl * sl);
      for (let e = 0; e < E; e++) {
        kkt[row + n + e] = rowsA[e]![a]!;
        kkt[(n + e) * N + a] = rowsA[e]![a]!;
      }
    }
    for (let k = 0; k < monoPairs; k++) {
      const s = p[k + 1]! - p[k]!;
      const h = 1 / (s * s);
      kkt[k * N + k]! += h;
      kkt[(k + 1) * N + k + 1]! += h;
      kkt[k * N + k + 1]! -= h;
      kkt[(k + 1) * N + k]! -= h;
    }
  };
  // Change of the barrier function from p to p + s·d, term by term, so that it stays accurate when t is large.
  const change = (t: number, p: Float64Array, d: Float64Array, s: number): number => {
    let f = 0;
    let dV = 0;
    for (let k = 0; k < n; k++) {
      const a = p[k]!;
      const e = s * d[k]!;
      f += t * (a * Math.log1p(e / a) + e * Math.log(a + e)) - Math.log1p(e / (a - lower[k]!));
      dV += v2[k]! * e;
    }
    if (!equalVariance) f -= Math.log1p(-dV / slackVar(p));
    for (let k = 0; k < monoPairs; k++) {
      const sl = p[k + 1]! - p[k]!;
      f -= Math.log1p((s * (d[k + 1]! - d[k]!)) / sl);
    }
    return f;
  };
  const eqResidual = (p: Float64Array, out: Float64Array): number => {
    let worst = 0;
    for (let e = 0; e < E; e++) {
      const a = rowsA[e]!;
      let r = -b[e]!;
      for (let k = 0; k < n; k++) r += a[k]! * p[k]!;
      out[e] = r;
      worst = Math.max(worst, Math.abs(r) / (e === 2 ? Math.max(1, V) : 1));
    }
    return worst;
  };
  let t = 1;
  // Phase II: barrier method (B&V Algorithm 11.1) with feasible Newton centering steps.
  for (;;) {
    for (let it = 0; it < MAX_NEWTON; it++) {
      gradient(t, x, grad);
      assemble(t, x);
      eqResidual(x, res);
      for (let k = 0; k < n; k++) rhs[k] = -grad[k]!;
      for (let e = 0; e < E; e++) rhs[n + e] = -res[e]!;
      if (!solve(kkt, rhs, N)) break;
      let decrement = 0;
      for (let k = 0; k < n; k++) {
        dx[k] = rhs[k]!;
        decrement -= grad[k]! * dx[k]!;
      }
      if (decrement / 2 <= 1e-12) break;
      let s = 1;
      let ok = false;
      while (s > 1e-14) {
        for (let k = 0; k < n; k++) trial[k] = x[k]! + s * dx[k]!;
        if (inDomain(trial) && change(t, x, dx, s) <= -0.01 * s * decrement) {
          ok = true;
          break;
        }
        s *= 0.5;
      }
      if (!ok) break; // no further progress in floating point
      x.set(trial);
      steps++;
    }
    if (m / t < GAP) break;
    t *= MU;
  }
  let variance = 0;
  for (let k = 0; k < n; k++) variance += v2[k]! * x[k]!;
  return { p: x, variance, newtonSteps: steps };
}

/**
 * Phase I of the barrier method (Boyd & Vandenberghe §11.4.1): minimises σ subject to `G p - h <= σ` and `A p = b`,
 * from the least-norm solution of `A p = b`, and stops at the end of the first centering that reaches σ < 0 (a point
 * strictly inside every inequality, well away from the boundary). Undefined when the optimum has σ >= 0 (no such
 * point: the constraints cannot all hold strictly).
 */
function strictlyFeasiblePoint(A: readonly Float64Array[], b: Float64Array, G: readonly Float64Array[], h: Float64Array): Float64Array | undefined {
  const n = A[0]!.length;
  const E = A.length;
  const m = G.length;
  // Least-norm p0 = Aᵀ (A Aᵀ)⁻¹ b.
  const aat = new Float64Array(E * E);
  for (let e = 0; e < E; e++) for (let f = 0; f < E; f++) aat[e * E + f] = dot(A[e]!, A[f]!);
  const w = Float64Array.from(b);
  if (!solve(aat, w, E)) return undefined;
  const y = new Float64Array(n + 1);
  for (let e = 0; e < E; e++) for (let k = 0; k < n; k++) y[k]! += A[e]![k]! * w[e]!;
  const gp = new Float64Array(m);
  const evalG = (p: Float64Array, out: Float64Array): void => {
    for (let c = 0; c < m; c++) out[c] = dot(G[c]!, p) - h[c]!;
  };
  evalG(y, gp);
  let sigma = -Infinity;
  for (let c = 0; c < m; c++) sigma = Math.max(sigma, gp[c]!);
  y[n] = Math.max(sigma, 0) + 1;

  const N = n + 1 + E;
  const kkt = new Float64Array(N * N);
  const rhs = new Float64Array(N);
  const grad = new Float64Array(n + 1);
  const dy = new Float64Array(n + 1);
  const trial = new Float64Array(n + 1);
  const slack = new Float64Array(m);
  const trialSlack = new Float64Array(m);
  const slacks = (z: Float64Array, out: Float64Array): boolean => {
    evalG(z, out);
    for (let c = 0; c < m; c++) {
      out[c] = z[n]! - out[c]!;
      if (!(out[c]! > 0)) return false;
    }
    return true;
  };
  for (let t = 1; t < 1e12; t *= 10) {
    for (let it = 0; it < MAX_NEWTON; it++) {
      slacks(y, slack);
      // Barrier t·σ − Σ ln(σ − G p + h): gradient and Hessian over (p, σ).
      kkt.fill(0);
      grad.fill(0);
      grad[n] = t;
      for (let c = 0; c < m; c++) {
        const g = G[c]!;
        const s = slack[c]!;
        for (let k = 0; k < n; k++) grad[k]! += g[k]! / s;
        grad[n]! -= 1 / s;
        const s2 = s * s;
        for (let a = 0; a <= n; a++) {
          const ga = a < n ? g[a]! : -1;
          if (ga === 0) continue;
          for (let k = 0; k <= n; k++) {
            const gk = k < n ? g[k]! : -1;
            if (gk !== 0) kkt[a * N + k]! += (ga * gk) / s2;
          }
        }
      }
      for (let e = 0; e < E; e++) {
        for (let k = 0; k < n; k++) {
          kkt[k * N + n + 1 + e] = A[e]![k]!;
          kkt[(n + 1 + e) * N + k] = A[e]![k]!;
        }
      }
      for (let k = 0; k <= n; k++) rhs[k] = -grad[k]!;
      for (let e = 0; e < E; e++) rhs[n + 1 + e] = b[e]! - dot(A[e]!, y);
      if (!solve(kkt, rhs, N)) break;
      let decrement = 0;
      for (let k = 0; k <= n; k++) {
        dy[k] = rhs[k]!;
        decrement -= grad[k]! * dy[k]!;
      }
      if (decrement / 2 <= 1e-12) break;
      let step = 1;
      let ok = false;
      while (step > 1e-14) {
        for (let k = 0; k <= n; k++) trial[k] = y[k]! + step * dy[k]!;
        if (slacks(trial, trialSlack)) {
          let f = t * step * dy[n]!;
          for (let c = 0; c < m; c++) f -= Math.log(trialSlack[c]! / slack[c]!);
          if (f <= -0.01 * step * decrement) {
            ok = true;
            break;
          }
        }
        step *= 0.5;
      }
      if (!ok) break;
      y.set(trial);
    }
    if (y[n]! < 0) return y.slice(0, n);
    if (m / t < 1e-10) break;
  }
  return undefined;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

/** Solves `A x = b` in place (x into b) by Gaussian elimination with partial pivoting; false when A is singular. */
function solve(a: Float64Array, b: Float64Array, n: number): boolean {
  for (let c = 0; c < n; c++) {
    let piv = c;
    let best = Math.abs(a[c * n + c]!);
    for (let r = c + 1; r < n; r++) {
      const x = Math.abs(a[r * n + c]!);
      if (x > best) {
        best = x;
        piv = r;
      }
    }
    if (!(best > 0)) return false;
    if (piv !== c) {
      for (let k = 0; k < n; k++) {
        const tmp = a[c * n + k]!;
        a[c * n + k] = a[piv * n + k]!;
        a[piv * n + k] = tmp;
      }
      const tb = b[c]!;
      b[c] = b[piv]!;
      b[piv] = tb;
    }
    const d = a[c * n + c]!;
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c]! / d;
      if (f === 0) continue;
      for (let k = c; k < n; k++) a[r * n + k]! -= f * a[c * n + k]!;
      b[r]! -= f * b[c]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= a[r * n + k]! * b[k]!;
    b[r] = s / a[r * n + r]!;
  }
  return true;
}
