import { meaningProblems } from './meaningProblems.js';
import type { PolicyProblem } from './PolicyProblem.js';
import type { ReleasePolicy } from './ReleasePolicy.js';
import { schemaProblems } from './schemaProblems.js';

/**
 * Every problem of a policy's data: first its shape against `POLICY_JSON_SCHEMA` (unknown keys, types, ranges,
 * required keys, exactly-one-of choices); when the shape is right, the meaning checks (`meaningProblems`). The
 * meaning checks read the data as a {@link ReleasePolicy}, so they only run on data of the right shape.
 *
 * Cost: one schema validation plus the meaning checks, O(size of the policy).
 *
 * @param written The text of a scalar as written in the file, for hints (from `parsePolicyText`).
 * @throws nothing for bad data; every problem is returned.
 * @example
 * policyProblems({ prikk: 1 })[0] // { path: ['dataset'], message: "missing required key 'dataset': …" }
 */
export function policyProblems(value: unknown, written?: (path: string) => string | undefined): PolicyProblem[] {
  const shape = schemaProblems(value, written);
  return shape.length > 0 ? shape : meaningProblems(value as ReleasePolicy);
}
