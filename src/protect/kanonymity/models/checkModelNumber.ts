import { PrikkError } from '../../../errors/PrikkError.js';

/**
 * Validates one numeric parameter of a privacy model (internal helper of the model factories): finite, within
 * `[min, max]` (or above `min` when `exclusiveMin`), an integer when `integer` is set.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming the factory, the parameter, what was expected and what came.
 * @example
 * checkModelNumber('kAnonymity', 'k', 5, { min: 1, integer: true }) // 5
 * checkModelNumber('kAnonymity', 'k', 0, { min: 1, integer: true }) // throws "kAnonymity: k must be an integer >= 1, got 0"
 */
export function checkModelNumber(
  fn: string,
  name: string,
  value: unknown,
  rule: { readonly min: number; readonly max?: number; readonly integer?: boolean; readonly exclusiveMin?: boolean },
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule.exclusiveMin ? value > rule.min : value >= rule.min) &&
    (rule.max === undefined || value <= rule.max) &&
    (!rule.integer || Number.isInteger(value));
  if (!ok) {
    const kind = rule.integer ? 'an integer' : 'a number';
    const range = rule.max === undefined ? `${rule.exclusiveMin ? '>' : '>='} ${rule.min}` : `in [${rule.min}, ${rule.max}]`;
    throw new PrikkError('INVALID_ARGUMENT', `${fn}: ${name} must be ${kind} ${range}, got ${typeof value === 'number' ? value : typeof value}`);
  }
  return value as number;
}
