import { expect } from 'vitest';
import { PrikkError } from '../../src/errors/PrikkError.js';
import type { HierarchyJson } from '../../src/hierarchy/Hierarchy.js';

/** Runs `f`, expects a PrikkError, returns it. */
export function thrown(f: () => unknown): PrikkError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PrikkError);
    return e as PrikkError;
  }
  throw new Error('expected a PrikkError');
}

/** `toJSON()` with every child list sorted, to compare trees whatever the node order. */
export function canonical(json: HierarchyJson): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(json)) out[k] = [...v].sort();
  return out;
}
