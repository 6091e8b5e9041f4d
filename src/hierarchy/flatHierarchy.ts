import { checkTotal, checkValues } from './checkHierarchyArgs.js';
import type { Hierarchy } from './Hierarchy.js';
import { hierarchyFromLevels } from './hierarchyFromLevels.js';

/** Options for {@link flatHierarchy}. */
export interface FlatHierarchyOptions {
  /** Label of the root. Defaults to `Total`. */
  readonly total?: string;
}

/**
 * A two-level hierarchy: every value is a leaf directly under the total (sex, hospital, year). The order of the
 * leaves is the order of `values`.
 *
 * Cost: O(values).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` when `values` is not a non-empty array of strings or `total` is not a
 * non-empty string; `INVALID_SCHEMA` when a value is empty, repeats, or equals the total label.
 * @example
 * flatHierarchy(['1', '2']).toJSON() // { Total: ['1', '2'] }
 * flatHierarchy(['1', '2'], { total: 'Both' }).levelCount // 2
 */
export function flatHierarchy(values: readonly string[], options: FlatHierarchyOptions = {}): Hierarchy {
  const total = checkTotal('flatHierarchy', options.total);
  const list = checkValues('flatHierarchy', values);
  return hierarchyFromLevels(
    list.map((v) => [v]),
    { fn: 'flatHierarchy', total, where: () => undefined, rowName: (i) => `values[${i}]` },
  );
}
