import { PrikkError } from '../../../errors/PrikkError.js';
import { compare, describeRational, formatRational, type Rational, ZERO } from '../rational/Rational.js';
import { type RationalInput, toRational } from '../rational/toRational.js';

/**
 * A privacy loss (what one mechanism costs) or a privacy budget (what may be spent), with exact rational parameters.
 *
 * - `pure`: ε-differential privacy (Dwork, McSherry, Nissim & Smith 2006). The discrete Laplace mechanism.
 * - `zcdp`: δ-approximate ρ-zero-concentrated DP (Bun & Steinke 2016, Definitions 1.1 and 8.1): ρ-zCDP outside an
 *   event of probability at most δ; `delta` is 0 for plain ρ-zCDP. The discrete Gaussian mechanism.
 * - `approx`: ε-DP outside an event of probability at most δ (which implies (ε, δ)-DP, and δ-approximate ε²/2-zCDP).
 *   DP partition selection by thresholding has this form: the only outputs that break ε-DP are keys of one person
 *   that pass the threshold, and that event has probability at most δ.
 *
 * Build one with {@link pureDp}, {@link zcdp} or {@link approxDp}; parameters are read exactly by `toRational`.
 */
export type PrivacyLoss =
  | { readonly kind: 'pure'; readonly epsilon: Rational }
  | { readonly kind: 'zcdp'; readonly rho: Rational; readonly delta: Rational }
  | { readonly kind: 'approx'; readonly epsilon: Rational; readonly delta: Rational };

function nonNegative(value: RationalInput, what: string): Rational {
  const r = toRational(value, what);
  if (r.num < 0n) throw new PrikkError('INVALID_ARGUMENT', `${what}: expected a value >= 0, got ${formatRational(r)}`);
  return r;
}

function probability(value: RationalInput, what: string): Rational {
  const r = nonNegative(value, what);
  if (r.num >= r.den) throw new PrikkError('INVALID_ARGUMENT', `${what}: expected a probability below 1, got ${formatRational(r)}`);
  return r;
}

/**
 * Pure ε-DP.
 * @throws {PrikkError} `INVALID_ARGUMENT` when ε is negative or not a number.
 * @example pureDp(0.5) // { kind: 'pure', epsilon: { num: 1n, den: 2n } }
 */
export function pureDp(epsilon: RationalInput): PrivacyLoss {
  return Object.freeze({ kind: 'pure', epsilon: nonNegative(epsilon, 'pureDp: epsilon') });
}

/**
 * ρ-zCDP, or δ-approximate ρ-zCDP when δ > 0.
 * @throws {PrikkError} `INVALID_ARGUMENT` when ρ is negative or δ is outside [0, 1).
 * @example zcdp('1/50') // { kind: 'zcdp', rho: { num: 1n, den: 50n }, delta: { num: 0n, den: 1n } }
 */
export function zcdp(rho: RationalInput, delta: RationalInput = 0): PrivacyLoss {
  return Object.freeze({ kind: 'zcdp', rho: nonNegative(rho, 'zcdp: rho'), delta: probability(delta, 'zcdp: delta') });
}

/**
 * ε-DP outside an event of probability at most δ (hence (ε, δ)-DP).
 * @throws {PrikkError} `INVALID_ARGUMENT` when ε is negative or δ is outside [0, 1).
 * @example approxDp(1, '1e-6') // { kind: 'approx', epsilon: 1, delta: 1/1000000 }
 */
export function approxDp(epsilon: RationalInput, delta: RationalInput): PrivacyLoss {
  return Object.freeze({
    kind: 'approx',
    epsilon: nonNegative(epsilon, 'approxDp: epsilon'),
    delta: probability(delta, 'approxDp: delta'),
  });
}

function show(name: string, r: Rational): string {
  return `${name} = ${describeRational(r)}`;
}

/**
 * Readable form of a loss, exact with a decimal beside fractions.
 * @example describeLoss(zcdp('1/50')) // 'ρ = 1/50 (0.02)'
 */
export function describeLoss(loss: PrivacyLoss): string {
  switch (loss.kind) {
    case 'pure':
      return show('ε', loss.epsilon);
    case 'zcdp':
      return compare(loss.delta, ZERO) === 0 ? show('ρ', loss.rho) : `${show('ρ', loss.rho)}, ${show('δ', loss.delta)}`;
    case 'approx':
      return `${show('ε', loss.epsilon)}, ${show('δ', loss.delta)}`;
  }
}

/** The loss as plain JSON (rationals as `num/den` text), the form a ledger file stores. */
export interface PrivacyLossJson {
  readonly kind: 'pure' | 'zcdp' | 'approx';
  readonly epsilon?: string;
  readonly rho?: string;
  readonly delta?: string;
}

/** @example lossToJson(pureDp('0.1')) // { kind: 'pure', epsilon: '1/10' } */
export function lossToJson(loss: PrivacyLoss): PrivacyLossJson {
  switch (loss.kind) {
    case 'pure':
      return { kind: 'pure', epsilon: formatRational(loss.epsilon) };
    case 'zcdp':
      return { kind: 'zcdp', rho: formatRational(loss.rho), delta: formatRational(loss.delta) };
    case 'approx':
      return { kind: 'approx', epsilon: formatRational(loss.epsilon), delta: formatRational(loss.delta) };
  }
}

/**
 * Reads {@link lossToJson}'s form back, exactly.
 * @throws {PrikkError} `INVALID_ARGUMENT` for an unknown kind or a missing or malformed parameter.
 */
export function lossFromJson(json: PrivacyLossJson): PrivacyLoss {
  const need = (v: string | undefined, name: string): string => {
    if (v === undefined) throw new PrikkError('INVALID_ARGUMENT', `lossFromJson: a '${json.kind}' loss needs '${name}'`);
    return v;
  };
  switch (json.kind) {
    case 'pure':
      return pureDp(need(json.epsilon, 'epsilon'));
    case 'zcdp':
      return zcdp(need(json.rho, 'rho'), json.delta ?? 0);
    case 'approx':
      return approxDp(need(json.epsilon, 'epsilon'), need(json.delta, 'delta'));
    default:
      throw new PrikkError('INVALID_ARGUMENT', `lossFromJson: unknown kind '${String((json as { kind: unknown }).kind)}', expected pure, zcdp or approx`);
  }
}
