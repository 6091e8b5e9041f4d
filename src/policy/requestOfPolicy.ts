import type { ReleasePolicy } from './ReleasePolicy.js';

export { canonicalJson } from '../json/canonicalJson.js';

/**
 * The part of a policy that defines WHAT is released: `dataset`, `extract`, `hierarchies`, `tables` and
 * `privacyBudget`, without who receives it and why (`recipient`, `purpose`, `agreement`), where it is recorded
 * (`ledger`) and how the files look (`output`). A release hashes
 * `canonicalJson({ input: sha256OfExtract, request: requestOfPolicy(policy) })` to recognise the same request from
 * anyone, so that it answers with the same released values (non-exclusivity; for noisy methods, never fresh noise).
 * Keys left out of the policy are left out here too (defaults are not filled in), so a request that writes a default
 * out differs from one that does not.
 *
 * Cost: O(1); the parts are shared with the policy, not copied.
 *
 * @throws nothing.
 * @example
 * requestOfPolicy({ prikk: 1, dataset: 'd', recipient: 'Acme', purpose: 'p', ledger: './l', extract, tables })
 * // { dataset: 'd', extract, tables }
 */
export function requestOfPolicy(policy: ReleasePolicy): unknown {
  const { dataset, extract, hierarchies, tables, privacyBudget } = policy;
  return Object.freeze({
    dataset,
    extract,
    ...(hierarchies !== undefined ? { hierarchies } : {}),
    tables,
    ...(privacyBudget !== undefined ? { privacyBudget } : {}),
  });
}
