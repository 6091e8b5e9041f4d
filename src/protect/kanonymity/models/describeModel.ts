import type { PrivacyModel } from './PrivacyModel.js';

/**
 * A short text for a privacy model, for summaries and verification reports. Cost O(1).
 *
 * @example
 * describeModel(kAnonymity(5))                // '5-anonymity'
 * describeModel(recursiveClDiversity(3, 2))   // 'recursive-(3,2)-diversity'
 */
export function describeModel(model: PrivacyModel): string {
  switch (model.kind) {
    case 'k-anonymity':
      return `${model.k}-anonymity`;
    case 'distinct-l-diversity':
      return `distinct-${model.l}-diversity`;
    case 'entropy-l-diversity':
      return `entropy-${model.l}-diversity`;
    case 'recursive-cl-diversity':
      return `recursive-(${model.c},${model.l})-diversity`;
    case 'equal-distance-t-closeness':
      return `${model.t}-closeness (equal distance)`;
    case 'hierarchical-distance-t-closeness':
      return `${model.t}-closeness (hierarchical distance)`;
  }
}
