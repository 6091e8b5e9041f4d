import { describeLoss, lossFromJson, type PrivacyLossJson } from '../../../protect/dp/budget/PrivacyLoss.js';
import { asRecord } from './readParameter.js';

/**
 * Describes a privacy loss written either as the ledger's JSON (`{ kind: 'pure', epsilon: '1/2' }`) or as a
 * policy writes it (`{ epsilon: 0.5 }`, `{ rho: '1/50' }`), exactly (`describeLoss`); `undefined` when the value
 * is neither.
 *
 * Cost: O(digits²) BigInt work.
 *
 * @example
 * describeLossJson({ kind: 'pure', epsilon: '1/2' }) // 'ε = 1/2 (0.5)'
 * describeLossJson({ rho: 0.02 })                    // 'ρ = 1/50 (0.02)'
 * describeLossJson('x')                              // undefined
 */
export function describeLossJson(value: unknown): string | undefined {
  const json = lossJsonOf(value);
  if (json === undefined) return undefined;
  try {
    return describeLoss(lossFromJson(json));
  } catch {
    return undefined;
  }
}

/**
 * Reads either form of a loss into the ledger's JSON form, without checking the numbers; `undefined` otherwise.
 * @example lossJsonOf({ epsilon: 1 }) // { kind: 'pure', epsilon: '1' }
 */
export function lossJsonOf(value: unknown): PrivacyLossJson | undefined {
  const record = asRecord(value);
  if (record === undefined) return undefined;
  const text = (v: unknown): string | undefined => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : undefined);
  const kind = record['kind'];
  if (kind === 'pure' || kind === 'zcdp' || kind === 'approx') {
    const json: { kind: typeof kind; epsilon?: string; rho?: string; delta?: string } = { kind };
    const epsilon = text(record['epsilon']);
    const rho = text(record['rho']);
    const delta = text(record['delta']);
    if (epsilon !== undefined) json.epsilon = epsilon;
    if (rho !== undefined) json.rho = rho;
    if (delta !== undefined) json.delta = delta;
    return json;
  }
  const epsilon = text(record['epsilon']);
  const rho = text(record['rho']);
  const delta = text(record['delta']);
  if (epsilon !== undefined && rho === undefined) {
    return delta === undefined ? { kind: 'pure', epsilon } : { kind: 'approx', epsilon, delta };
  }
  if (rho !== undefined && epsilon === undefined) return delta === undefined ? { kind: 'zcdp', rho } : { kind: 'zcdp', rho, delta };
  return undefined;
}
