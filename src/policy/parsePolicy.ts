import { PrikkError } from '../errors/PrikkError.js';
import { parsePolicyText } from './parsePolicyText.js';
import { policyError } from './PolicyProblem.js';
import { policyProblems } from './policyProblems.js';
import type { ReleasePolicy } from './ReleasePolicy.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Reads a release policy from its text: JSON when `file` ends in `.json`, else YAML (1.2; JSON is valid YAML too),
 * both with the line of every key. The data is validated against `POLICY_JSON_SCHEMA` (Ajv, every error) and, when
 * its shape is right, by the meaning checks of {@link checkPolicy}. Every problem is reported at once.
 *
 * Cost: O(length of the text); the JSON Schema is compiled once per process, on first use (a few milliseconds).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when `text` is not a string or `options.file` is not a non-empty string.
 * `INVALID_POLICY` for a syntax error (file, line and column), or one error listing every problem (up to 20, the rest
 * counted), one a line: `<file>:<line>: <key path>: <what was expected, and what was found>`, e.g.
 * `policy.yaml:14: tables[0].method.suppression.rules[1].frequency.n: expected an integer >= 1, found 0`;
 * `error.location` is `{ file, line }` of the first.
 * @example
 * const policy = parsePolicy(readFileSync('policy.yaml', 'utf8'), { file: 'policy.yaml' });
 * policy.tables[0].name // 'by_hospital'
 */
export function parsePolicy(text: string, options: { readonly file: string }): ReleasePolicy {
  if (typeof text !== 'string') throw new PrikkError('INVALID_ARGUMENT', `parsePolicy: text must be a string, got ${typeof text}`);
  if (typeof options !== 'object' || options === null || typeof options.file !== 'string' || options.file === '') {
    throw new PrikkError('INVALID_ARGUMENT', 'parsePolicy: options.file must be the (non-empty) name of the policy file, for messages');
  }
  const { file } = options;
  const parsed = parsePolicyText(text, { file });
  const problems = policyProblems(parsed.value, parsed.written);
  if (problems.length > 0) throw policyError(problems, { file, locate: parsed.locate });
  return deepFreeze(parsed.value as ReleasePolicy);
}
