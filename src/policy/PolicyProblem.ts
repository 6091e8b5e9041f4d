import { PrikkError } from '../errors/PrikkError.js';
import { formatPolicyPath, type PolicyPath } from './PolicyPath.js';

/** One thing wrong with a policy: the key it is about, and what was expected and found. */
export interface PolicyProblem {
  /** The key the problem is about (for a missing key: where it is missing, the key included). */
  readonly path: PolicyPath;
  /** What was expected, and what was found, e.g. `expected an integer >= 1, found 0`. */
  readonly message: string;
}

/** Options for {@link policyError}. */
export interface PolicyErrorOptions {
  /** Defaults to none. The policy file, named on every line. */
  readonly file?: string | undefined;
  /** Defaults to none. The line of a key path (`tables[0].method`), as `parsePolicy` finds it. */
  readonly locate?: ((path: string) => number | undefined) | undefined;
}

/** At most this many problems are listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 20;

/**
 * One `INVALID_POLICY` error that lists every problem (up to {@link MAX_LISTED_PROBLEMS}, the rest counted), each on
 * its own line as `<file>:<line>: <key path>: <what was expected, and what was found>`, sorted by line. The error's
 * location is the file and the first listed problem's line.
 *
 * Cost: O(problems × log problems).
 *
 * @throws nothing; returns the error for the caller to throw.
 * @example
 * policyError([{ path: ['tables', 0, 'name'], message: "expected text, found 3" }], { file: 'p.yaml', locate: () => 7 }).message
 * // "p.yaml, line 7: invalid policy (1 problem):\n  p.yaml:7: tables[0].name: expected text, found 3"
 */
export function policyError(problems: readonly PolicyProblem[], options: PolicyErrorOptions = {}): PrikkError {
  const { file, locate } = options;
  const located = problems.map((p, order) => {
    const path = formatPolicyPath(p.path);
    return { path, message: p.message, line: locate?.(path), order };
  });
  located.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.order - b.order);
  const shown = located.slice(0, MAX_LISTED_PROBLEMS);
  const lines = shown.map((p) => {
    const where = file !== undefined ? (p.line !== undefined ? `${file}:${p.line}: ` : `${file}: `) : p.line !== undefined ? `line ${p.line}: ` : '';
    return `  ${where}${p.path}: ${p.message}`;
  });
  if (located.length > shown.length) lines.push(`  ... and ${located.length - shown.length} more`);
  const count = `${located.length} problem${located.length === 1 ? '' : 's'}`;
  const first = shown[0]?.line;
  const location = file !== undefined || first !== undefined ? { ...(file !== undefined ? { file } : {}), ...(first !== undefined ? { line: first } : {}) } : undefined;
  return new PrikkError('INVALID_POLICY', `invalid policy (${count}):\n${lines.join('\n')}`, location);
}
