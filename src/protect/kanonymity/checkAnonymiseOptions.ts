import { PrikkError } from '../../errors/PrikkError.js';
import { Hierarchy } from '../../hierarchy/Hierarchy.js';
import type { AnonymiseOptions, QuasiIdentifier } from './AnonymiseOptions.js';
import type { AnonymiseInput } from './Microdata.js';
import { UTILITY_METRICS, type UtilityMetric } from './metrics/UtilityMetric.js';
import { checkModels } from './models/checkModels.js';
import type { PrivacyModel } from './models/PrivacyModel.js';

/** `AnonymiseOptions` with every default filled in. */
export interface ResolvedAnonymiseOptions {
  readonly quasiIdentifiers: readonly QuasiIdentifier[];
  readonly models: readonly PrivacyModel[];
  readonly sensitive: string | undefined;
  readonly suppressionLimit: number;
  readonly metric: UtilityMetric;
  readonly maxLatticeSize: number;
  readonly heuristicBudget: number;
  readonly suppressedLabel: string;
  readonly memoryBudget: number;
}

const positiveInteger = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;

/**
 * Validates the input and options of `anonymise` before any data is read, and fills in the defaults.
 *
 * Cost O(quasi-identifiers + models).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming the option and what was expected.
 * @example
 * checkAnonymiseOptions('anonymise', extract, { quasiIdentifiers, models: [kAnonymity(5)] }).suppressionLimit // 0
 * checkAnonymiseOptions('anonymise', extract, { quasiIdentifiers, models: [kAnonymity(5)], metric: 'x' as never })
 * // throws "anonymise: options.metric must be one of loss, discernibility, height, average-class-size, got "x""
 */
export function checkAnonymiseOptions(fn: string, input: AnonymiseInput, options: AnonymiseOptions): ResolvedAnonymiseOptions {
  const bad = (message: string): PrikkError => new PrikkError('INVALID_ARGUMENT', `${fn}: ${message}`);
  if (typeof input !== 'object' || input === null || !(input.columns instanceof Map) || !Number.isSafeInteger(input.rowCount) || input.rowCount < 0) {
    throw bad('input must be an Extract (or an object with rowCount, a Map of encoded columns and an optional person column)');
  }
  if (typeof options !== 'object' || options === null) throw bad('options must be an object');
  const qis = options.quasiIdentifiers;
  if (!Array.isArray(qis) || qis.length === 0) throw bad('options.quasiIdentifiers must be a non-empty array of { column, hierarchy }');
  const names = new Set<string>();
  qis.forEach((q: unknown, i) => {
    const qi = q as Partial<QuasiIdentifier> | null;
    if (typeof qi !== 'object' || qi === null || typeof qi.column !== 'string' || qi.column === '') {
      throw bad(`options.quasiIdentifiers[${i}].column must be a non-empty string`);
    }
    if (names.has(qi.column)) throw bad(`options.quasiIdentifiers: the column '${qi.column}' appears twice`);
    names.add(qi.column);
    if (!(qi.hierarchy instanceof Hierarchy)) throw bad(`options.quasiIdentifiers[${i}].hierarchy must be a Hierarchy`);
    if (qi.hierarchy.levelCount === 0) {
      throw bad(`the hierarchy of '${qi.column}' has leaves at different depths, so it has no generalisation levels; full-domain generalisation needs every leaf at the same depth`);
    }
  });
  const models = checkModels(fn, options.models);
  const sensitive = options.sensitive;
  if (sensitive !== undefined && (typeof sensitive !== 'string' || sensitive === '')) throw bad('options.sensitive must be a non-empty string');
  if (sensitive !== undefined && names.has(sensitive)) throw bad(`options.sensitive '${sensitive}' is also a quasi-identifier`);
  const reader = models.find((m) => m.kind !== 'k-anonymity');
  if (reader && sensitive === undefined) throw bad(`the model '${reader.kind}' reads a sensitive attribute: give options.sensitive`);
  const suppressionLimit = options.suppressionLimit ?? 0;
  if (typeof suppressionLimit !== 'number' || !(suppressionLimit >= 0 && suppressionLimit <= 1)) {
    throw bad(`options.suppressionLimit must be a number in [0, 1], got ${String(suppressionLimit)}`);
  }
  const metric = options.metric ?? 'loss';
  if (!UTILITY_METRICS.includes(metric)) throw bad(`options.metric must be one of ${UTILITY_METRICS.join(', ')}, got ${JSON.stringify(metric)}`);
  const maxLatticeSize = options.maxLatticeSize ?? 1_000_000;
  if (!positiveInteger(maxLatticeSize)) throw bad(`options.maxLatticeSize must be a positive integer, got ${String(maxLatticeSize)}`);
  const heuristicBudget = options.heuristicBudget ?? 5_000;
  if (!positiveInteger(heuristicBudget)) throw bad(`options.heuristicBudget must be a positive integer, got ${String(heuristicBudget)}`);
  const suppressedLabel = options.suppressedLabel ?? '*';
  if (typeof suppressedLabel !== 'string') throw bad('options.suppressedLabel must be a string');
  const memoryBudget = options.memoryBudget ?? 32 * 2 ** 20;
  if (typeof memoryBudget !== 'number' || !(memoryBudget >= 0) || !Number.isFinite(memoryBudget)) {
    throw bad(`options.memoryBudget must be a number of bytes >= 0, got ${String(memoryBudget)}`);
  }
  return { quasiIdentifiers: [...qis], models, sensitive, suppressionLimit, metric, maxLatticeSize, heuristicBudget, suppressedLabel, memoryBudget };
}
