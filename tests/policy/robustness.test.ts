import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../src/errors/PrikkError.js';
import { checkPolicy } from '../../src/policy/checkPolicy.js';
import { parsePolicy } from '../../src/policy/parsePolicy.js';
import type { ReleasePolicy } from '../../src/policy/ReleasePolicy.js';
import { withLines } from './helpers.js';

const BASE = JSON.parse(JSON.stringify(parsePolicy(withLines({}), { file: 'p.yaml' }))) as Record<string, unknown>;

/** Every path (keys and indexes) of a JSON value, the root excluded. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}

function replaced(value: unknown, path: readonly (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaced(v, rest, by) : v));
  return { ...(value as object), [head!]: replaced((value as Record<string, unknown>)[head as string], rest, by) };
}

const PATHS = pathsOf(BASE);

describe('checkPolicy on damaged policies (property)', () => {
  it('any part of a valid policy replaced by any JSON value: INVALID_POLICY or accepted, never another error', () => {
    const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('', 0, -1, 1.5, 'sum:cost', 'persons', 'hospital', 'cost', { type: 'flat' }, { epsilon: 1 }, { rho: '1/3' }, [], {}));
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), value, (path, by) => {
        const damaged = replaced(BASE, path, by) as ReleasePolicy;
        try {
          checkPolicy(damaged);
        } catch (error) {
          expect(error).toBeInstanceOf(PrikkError);
          expect((error as PrikkError).code).toBe('INVALID_POLICY');
          expect((error as PrikkError).message).toMatch(/^invalid policy \(\d+ problems?\):\n {2}\S/);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
