import { describeLoss, lossFromJson, type PrivacyLoss } from '../../../protect/dp/budget/PrivacyLoss.js';
import { div, type Rational, toNumber } from '../../../protect/dp/rational/Rational.js';
import { lossJsonOf } from './describeLossJson.js';
import { asArray, asNumber, asRecord, asString } from './readParameter.js';

/** One measured level of a differentially private table: where the noise went and what it cost. */
export interface DpNoiseLevel {
  /** The level's index (`DpTable.level`). */
  readonly level: number;
  /** What was measured (`persons`, `rows`, `sum:cost`, …). */
  readonly component: string;
  /** Per dimension, the depth of the level's cells below the total (0 = the total); -1 when not given (finest cells). */
  readonly depths: readonly number[];
  /** The noise, e.g. `discrete Laplace(scale 32)`. */
  readonly distribution: string;
  /** The level's privacy loss in words, e.g. `ε = 1/16 (0.0625)`. */
  readonly loss: string;
  /** The level's loss as a share (0..1) of the table's loss (same kind, exact ratio); undefined when they differ in kind. */
  readonly share?: number;
  /** `ε` or `ρ`: what the share is a share of. */
  readonly shareOf?: string;
}

function lossOf(value: unknown): PrivacyLoss | undefined {
  const json = lossJsonOf(value);
  if (json === undefined) return undefined;
  try {
    return lossFromJson(json);
  } catch {
    return undefined;
  }
}

/** The parameter a share is taken of: ε for pure and approximate DP, ρ for zCDP. */
function main(loss: PrivacyLoss): { symbol: string; value: Rational } {
  return loss.kind === 'zcdp' ? { symbol: 'ρ', value: loss.rho } : { symbol: 'ε', value: loss.epsilon };
}

/**
 * Reads the DP method's `noise` parameter (one entry per measured level: `{ component, level, depths, distribution,
 * loss }`, as `protectDp` writes it) into rows for the report's noise table, each with its share of the table's loss
 * (`total`, the `privacy` parameter) computed exactly on rationals. Under sequential composition (Dwork & Roth 2014,
 * Theorem 3.16; for ρ-zCDP Bun & Steinke 2016, Lemma 2.3) the shares of a table add up to 1. Returns `undefined`
 * when `noise` is not an array of entries of that shape, so the caller falls back to the generic parameter list.
 *
 * Cost: O(levels × dimensions), plus BigInt work per loss.
 *
 * @example
 * dpNoiseLevels([{ component: 'persons', level: 0, depths: [0, 0], distribution: 'discrete Laplace(scale 32)',
 *   loss: { kind: 'pure', epsilon: '1/16' } }], { kind: 'pure', epsilon: '1/2' })
 * // [{ level: 0, component: 'persons', depths: [0, 0], distribution: 'discrete Laplace(scale 32)',
 * //    loss: 'ε = 1/16 (0.0625)', share: 0.125, shareOf: 'ε' }]
 */
export function dpNoiseLevels(noise: unknown, total: unknown): readonly DpNoiseLevel[] | undefined {
  const list = asArray(noise);
  if (list === undefined || list.length === 0) return undefined;
  const totalLoss = lossOf(total);
  const rows: DpNoiseLevel[] = [];
  for (const item of list) {
    const entry = asRecord(item);
    const level = asNumber(entry?.['level']);
    const distribution = asString(entry?.['distribution']);
    const depths = asArray(entry?.['depths'])?.map(asNumber);
    const loss = lossOf(entry?.['loss']);
    if (entry === undefined || level === undefined || distribution === undefined || loss === undefined) return undefined;
    if (depths !== undefined && depths.some((d) => d === undefined)) return undefined;
    let share: { share: number; shareOf: string } | undefined;
    if (totalLoss !== undefined && totalLoss.kind === loss.kind) {
      const whole = main(totalLoss);
      if (whole.value.num !== 0n) share = { share: toNumber(div(main(loss).value, whole.value)), shareOf: whole.symbol };
    }
    rows.push(
      Object.freeze({
        level,
        component: asString(entry['component']) ?? '',
        depths: Object.freeze((depths ?? []) as number[]),
        distribution,
        loss: describeLoss(loss),
        ...(share ?? {}),
      }),
    );
  }
  return Object.freeze(rows);
}
