import { PrikkError } from '../../errors/PrikkError.js';
import { maxEntropyDistribution } from './maxEntropyDistribution.js';
import { PerturbationTable, type PerturbationRowInit, type PerturbationTableKind } from './PerturbationTable.js';

/** Options of {@link createPTable} (the parameters of the ptable package's `create_cnt_ptable` / `create_num_ptable`). */
export interface CreatePTableOptions {
  /** Required. The maximum noise D: an integer from 1 to 49 (no perturbation is larger than D in absolute value). */
  readonly D: number;
  /** Required. The noise variance V > 0. */
  readonly V: number;
  /** Defaults to 0. Counts only: no original count >= 1 is ever published as 1..js ("no perturbed 1s or 2s": 2). */
  readonly js?: number;
  /**
   * Defaults to none. The probability that a value stays unchanged, `p(v = 0) >= pstay` (0 < pstay < 1), as one number
   * or one per row (i = 1..ncat, or per `icat`). As in the ptable package, a row whose variance then cannot be met has
   * the bound lowered in steps of 0.05 (at most 20 times); `parameters.pstay` records the bound each row got.
   */
  readonly pstay?: number | readonly number[];
  /** Defaults to true. p must not decrease from the largest negative noise up to 0; one boolean or one per row. */
  readonly mono?: boolean | readonly boolean[];
  /**
   * Defaults to `equal`: every row has exactly the variance V (ptable's optim = 4; how the tables published with
   * tau-ARGUS were made, e.g. `tau_testW_ptable.txt`). `atMost`: variance <= V (ptable's default optim = 1), so rows
   * of small counts whose entropy optimum is narrower keep a smaller variance.
   */
  readonly varianceConstraint?: 'equal' | 'atMost';
  /** Defaults to `counts`. */
  readonly kind?: PerturbationTableKind;
  /** Defaults to 2. Magnitudes only: noise values are multiples of 1 / step (D × step < 50). */
  readonly step?: number;
  /** Magnitudes only, required there: the classes i of the rows, ascending integers in 1..D, containing 1 and D. */
  readonly icat?: readonly number[];
}

/** The parameters a generated table was made from, with every default filled in (for the manifest). */
export interface PTableParameters {
  readonly method: 'maximum entropy (ptable package construction)';
  readonly kind: PerturbationTableKind;
  readonly D: number;
  readonly V: number;
  readonly js: number;
  readonly varianceConstraint: 'equal' | 'atMost';
  readonly step: number;
  /** The original values with a row of their own (besides 0): 1..ncat for counts, `icat` for magnitudes. */
  readonly icat: readonly number[];
  readonly mono: readonly boolean[];
  /** The lower bound of p(v = 0) each row got (after any relaxation), or null where none was asked. */
  readonly pstay: readonly (number | null)[];
  /** Lower bound of every probability (ptable: 1e-8), so that every noise in -D..D keeps a positive probability. */
  readonly lowerBound: number;
}

/** ptable's lower bound of every transition probability (`epsilon <- 1 / 10^ndigits`, ndigits = 8). */
const EPSILON = 1e-8;

function bad(message: string): PrikkError {
  return new PrikkError('INVALID_ARGUMENT', `createPTable: ${message}`);
}

function perRow<T>(name: string, value: T | readonly T[] | undefined, rows: number, fallback: T, check: (x: T) => boolean, expected: string): T[] {
  if (value === undefined) return new Array<T>(rows).fill(fallback);
  if (Array.isArray(value)) {
    if (value.length !== rows) throw bad(`${name} has ${value.length} values, expected one per row (${rows}) or a single value`);
    value.forEach((x: T, r) => {
      if (!check(x)) throw bad(`${name}[${r}] must be ${expected}, got ${String(x)}`);
    });
    return [...(value as readonly T[])];
  }
  if (!check(value as T)) throw bad(`${name} must be ${expected}, got ${String(value)}`);
  return new Array<T>(rows).fill(value as T);
}

/**
 * Generates a perturbation table from parameters by the maximum-entropy construction of the ptable R package
 * (Enderle, `pt_create_pTable`; Giessing 2016, PSD 2016, LNCS 9867; Marley & Leaver 2011): for each original value i,
 * the noise v = j - i takes the values with |v| <= D (and j >= 0, j not in 1..js, steps of 1/step for magnitudes)
 * whose distribution has the largest entropy subject to zero mean, variance V (see `varianceConstraint`), p >= 1e-8,
 * the optional probability of no change, and (with `mono`) probabilities not decreasing from the most negative noise
 * up to 0. Each row is solved by {@link maxEntropyDistribution}. Row 0 is "0 stays 0".
 *
 * Counts: rows i = 1..ncat with ncat = D when js = 0, else D + js + 1 (as ptable), so the last row's values are all
 * above js and at least 0 and its distribution is symmetric; it serves every larger count. Magnitudes: rows at 0 and
 * `icat` (ptable's `create_num_ptable`), looked up as the cellKey package does (see `perturbMagnitudes`).
 *
 * Checked equivalent: `createPTable({ D: 7, V: 4, js: 2 })` reproduces every probability of the tau-ARGUS table
 * `tau_testW_ptable.txt` within 1e-8 (tests/protect/cellkey/createPTable.test.ts).
 *
 * Cost: one convex solve per row, O(rows × (2D × step)^3 × ~100); milliseconds for D <= 10.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a parameter out of range (naming it), or when no distribution of some
 * row meets the constraints (the message names the row and the usual fix: a smaller V, a larger D, or `atMost`).
 * @example
 * const t = createPTable({ D: 7, V: 4, js: 2 });
 * t.maxI                           // 10 (= D + js + 1)
 * t.distribution(10).variance      // 4 (± 1e-12)
 * t.noiseOfCount(1, 0.5)           // -1: a count of 1 is published as 0 with probability 0.775
 */
export function createPTable(options: CreatePTableOptions): PerturbationTable {
  if (typeof options !== 'object' || options === null) throw bad('expected an options object');
  const known = new Set(['D', 'V', 'js', 'pstay', 'mono', 'varianceConstraint', 'kind', 'step', 'icat']);
  for (const key of Object.keys(options)) if (!known.has(key)) throw bad(`unknown option '${key}' (expected ${[...known].join(', ')})`);
  const kind = options.kind ?? 'counts';
  if (kind !== 'counts' && kind !== 'magnitudes') throw bad(`kind must be 'counts' or 'magnitudes', got '${String(kind)}'`);
  const { D, V } = options;
  if (!Number.isInteger(D) || D < 1 || D > 49) throw bad(`D must be an integer from 1 to 49, got ${String(D)}`);
  if (!(typeof V === 'number' && Number.isFinite(V) && V > 0)) throw bad(`V must be a finite number > 0, got ${String(V)}`);
  const varianceConstraint = options.varianceConstraint ?? 'equal';
  if (varianceConstraint !== 'equal' && varianceConstraint !== 'atMost') {
    throw bad(`varianceConstraint must be 'equal' or 'atMost', got '${String(varianceConstraint)}'`);
  }
  const js = options.js ?? 0;
  if (!Number.isInteger(js) || js < 0 || js > 49) throw bad(`js must be an integer from 0 to 49, got ${String(js)}`);
  if (kind === 'magnitudes' && js !== 0) throw bad('js applies to counts tables only');
  let step = 1;
  let icat: number[];
  if (kind === 'counts') {
    if (options.step !== undefined && options.step !== 1) throw bad('step applies to magnitudes tables only');
    if (options.icat !== undefined) throw bad('icat applies to magnitudes tables only (a counts table has the rows 1..ncat)');
    const ncat = js === 0 ? D : D + js + 1;
    icat = Array.from({ length: ncat }, (_, r) => r + 1);
  } else {
    step = options.step ?? 2;
    if (!Number.isInteger(step) || step < 1 || D * step >= 50) throw bad(`step must be an integer >= 1 with D × step < 50, got ${String(step)}`);
    const given = options.icat;
    if (!Array.isArray(given) || given.length === 0) throw bad('icat is required for a magnitudes table, e.g. [1, D]');
    icat = [...new Set(given)].sort((a, b) => a - b);
    if (icat.some((x) => !Number.isInteger(x) || x < 1 || x > D) || icat[0] !== 1 || icat[icat.length - 1] !== D) {
      throw bad(`icat must be integers in 1..D containing 1 and D (D = ${D}), got [${given.join(', ')}]`);
    }
  }
  const rows = icat.length;
  const mono = perRow<boolean>('mono', options.mono, rows, true, (x) => typeof x === 'boolean', 'a boolean');
  const pstayIn = perRow<number | null>(
    'pstay',
    options.pstay as number | readonly number[] | undefined,
    rows,
    null,
    (x) => typeof x === 'number' && x > 0 && x < 1,
    'a number with 0 < pstay < 1',
  );

  const out: PerturbationRowInit[] = [{ i: 0, j: [0], p: [1] }];
  const pstayUsed: (number | null)[] = [];
  icat.forEach((i, r) => {
    const j: number[] = [];
    const from = Math.max(i - D, 0);
    for (let q = 0; from + q / step <= i + D + 1e-9; q++) {
      const target = Math.round((from + q / step) * 1e4) / 1e4;
      if (kind === 'counts' && target >= 1 && target <= js) continue;
      j.push(target);
    }
    const v = Float64Array.from(j, (x) => Math.round((x - i) * 1e4) / 1e4);
    const zero = v.indexOf(0);
    const lower = new Float64Array(v.length).fill(EPSILON);
    let stay = zero >= 0 ? pstayIn[r]! : null;
    const blocked = kind === 'counts' && i <= js;
    let solution = undefined as ReturnType<typeof maxEntropyDistribution>;
    for (let attempt = 0; attempt < 20; attempt++) {
      if (stay !== null) lower[zero] = Math.max(stay, EPSILON);
      solution = maxEntropyDistribution({ v, variance: V, varianceConstraint, lower, mono: mono[r]! });
      const met = solution !== undefined && (blocked || varianceConstraint === 'atMost' || Math.abs(solution.variance - V) <= 1e-6);
      if (met || stay === null) break;
      stay = Math.max(stay - 0.05, EPSILON);
    }
    if (solution === undefined) {
      throw bad(
        `no noise distribution for the original value i = ${i} meets the constraints (D = ${D}, V = ${V}, js = ${js}${stay !== null ? `, pstay = ${stay}` : ''}): its possible values are ${v[0]}..${v[v.length - 1]} with zero mean${varianceConstraint === 'equal' ? ' and variance exactly V' : ''}; try a smaller V or a larger D${varianceConstraint === 'equal' ? ", or varianceConstraint: 'atMost'" : ''}`,
      );
    }
    pstayUsed.push(stay);
    out.push({ i, j, p: Array.from(solution.p) });
  });

  const parameters: PTableParameters = Object.freeze({
    method: 'maximum entropy (ptable package construction)',
    kind,
    D,
    V,
    js,
    varianceConstraint,
    step,
    icat: Object.freeze(icat),
    mono: Object.freeze(mono),
    pstay: Object.freeze(pstayUsed),
    lowerBound: EPSILON,
  });
  return new PerturbationTable({
    kind,
    rows: out,
    source: `generated: maximum entropy, D = ${D}, V = ${V}${kind === 'counts' ? `, js = ${js}` : `, step = ${step}`}`,
    parameters,
  });
}
