import { PrikkError } from '../../../errors/PrikkError.js';
import { Hierarchy } from '../../../hierarchy/Hierarchy.js';
import { checkModelNumber } from './checkModelNumber.js';
import type { PrivacyModel } from './PrivacyModel.js';

/**
 * Validates a list of privacy models given as plain objects (as a policy file or a caller may build them, without
 * the factories): a non-empty array, each with a known `kind` and valid parameters. Returns frozen copies.
 *
 * Cost O(models).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming the function, the model's position and the problem.
 * @example
 * checkModels('anonymise', [{ kind: 'k-anonymity', k: 5 }]) // [{ kind: 'k-anonymity', k: 5 }]
 */
export function checkModels(fn: string, models: unknown): readonly PrivacyModel[] {
  if (!Array.isArray(models) || models.length === 0) {
    throw new PrikkError('INVALID_ARGUMENT', `${fn}: models must be a non-empty array of privacy models (e.g. [kAnonymity(5)])`);
  }
  return Object.freeze(
    models.map((m: unknown, i): PrivacyModel => {
      const where = `${fn}: models[${i}]`;
      if (typeof m !== 'object' || m === null) throw new PrikkError('INVALID_ARGUMENT', `${where} must be a privacy model object`);
      const model = m as Record<string, unknown>;
      switch (model.kind) {
        case 'k-anonymity':
          return Object.freeze({ kind: model.kind, k: checkModelNumber(where, 'k', model.k, { min: 1, integer: true }) });
        case 'distinct-l-diversity':
          return Object.freeze({ kind: model.kind, l: checkModelNumber(where, 'l', model.l, { min: 1, integer: true }) });
        case 'entropy-l-diversity':
          return Object.freeze({ kind: model.kind, l: checkModelNumber(where, 'l', model.l, { min: 1 }) });
        case 'recursive-cl-diversity':
          return Object.freeze({
            kind: model.kind,
            c: checkModelNumber(where, 'c', model.c, { min: 0, exclusiveMin: true }),
            l: checkModelNumber(where, 'l', model.l, { min: 1, integer: true }),
          });
        case 'equal-distance-t-closeness':
          return Object.freeze({ kind: model.kind, t: checkModelNumber(where, 't', model.t, { min: 0, max: 1 }) });
        case 'hierarchical-distance-t-closeness': {
          const t = checkModelNumber(where, 't', model.t, { min: 0, max: 1 });
          const h = model.hierarchy;
          if (!(h instanceof Hierarchy) || h.levelCount < 2) {
            throw new PrikkError('INVALID_ARGUMENT', `${where}: hierarchy must be a Hierarchy with at least two levels and every leaf at the same depth`);
          }
          return Object.freeze({ kind: model.kind, t, hierarchy: h });
        }
        default:
          throw new PrikkError(
            'INVALID_ARGUMENT',
            `${where}: unknown kind ${JSON.stringify(model.kind)}; expected k-anonymity, distinct-l-diversity, entropy-l-diversity, ` +
              'recursive-cl-diversity, equal-distance-t-closeness or hierarchical-distance-t-closeness',
          );
      }
    }),
  );
}
