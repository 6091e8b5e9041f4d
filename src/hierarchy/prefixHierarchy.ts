import { PrikkError } from '../errors/PrikkError.js';
import { checkTotal, checkValues } from './checkHierarchyArgs.js';
import type { Hierarchy } from './Hierarchy.js';
import { hierarchyFromLevels } from './hierarchyFromLevels.js';

/** Options for {@link prefixHierarchy}. */
export interface PrefixHierarchyOptions {
  /**
   * Required. The coarser levels, from the finest-but-one to the coarsest. A number keeps that many leading
   * characters of the code (`2`: `0301` -> `03`); a function maps the code to its label at that level (it receives
   * the original code, not the previous level's label). Every label must have one parent, so the levels must nest.
   */
  readonly levels: readonly (number | ((code: string) => string))[];
  /** Label of the root. Defaults to `Total`. */
  readonly total?: string;
}

/**
 * A hierarchy of codes generalised by prefix or by a function: Norwegian municipality `0301` -> county `03` ->
 * total, NCSP procedure code `NFB02` -> `NFB` -> `NF`, or any mapping a function can express. Leaves keep the order of
 * `values`; every level's nodes follow in order of first appearance. The result is balanced (`levelCount` =
 * levels + 2). A code that is also its own prefix (`S72` with length 3) keeps its label as a leaf, and the coarser
 * node becomes `S72 (level 1)`.
 *
 * Cost: O(values × levels), plus the functions' cost.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for bad options, a prefix length that is not a positive integer, a code
 * shorter than a prefix length, or a function that returns something other than a non-empty string;
 * `INVALID_SCHEMA` for an empty or repeated value, a value equal to the total, or levels that do not nest (a label
 * with two parents).
 * @example
 * prefixHierarchy(['0301', '1101', '1103'], { levels: [2] }).toJSON()
 * // { Total: ['03', '11'], '03': ['0301'], '11': ['1101', '1103'] }
 */
export function prefixHierarchy(values: readonly string[], options: PrefixHierarchyOptions): Hierarchy {
  const fn = 'prefixHierarchy';
  if (typeof options !== 'object' || options === null) throw new PrikkError('INVALID_ARGUMENT', `${fn}: options with levels are required`);
  const total = checkTotal(fn, options.total);
  const codes = checkValues(fn, values);
  const levels = options.levels;
  if (!Array.isArray(levels)) throw new PrikkError('INVALID_ARGUMENT', `${fn}: options.levels must be an array of prefix lengths or functions`);
  levels.forEach((level, j) => {
    if (typeof level === 'function') return;
    if (typeof level !== 'number' || !Number.isInteger(level) || level < 1) {
      throw new PrikkError('INVALID_ARGUMENT', `${fn}: options.levels[${j}] must be a positive integer prefix length or a function, got ${String(level)}`);
    }
  });
  const rows = codes.map((code) =>
    [
      code,
      ...levels.map((level, j) => {
        if (typeof level === 'number') {
          if (code.length < level) {
            throw new PrikkError('INVALID_ARGUMENT', `${fn}: the code '${code}' is shorter than the prefix length ${level} of options.levels[${j}]`);
          }
          return code.slice(0, level);
        }
        const label: unknown = level(code);
        if (typeof label !== 'string' || label === '') {
          throw new PrikkError('INVALID_ARGUMENT', `${fn}: options.levels[${j}] returned ${JSON.stringify(label)} for '${code}'; expected a non-empty string`);
        }
        return label;
      }),
    ] as const,
  );
  return hierarchyFromLevels(rows, { fn, total, where: () => undefined, rowName: (i) => `values[${i}] ('${codes[i]}')` });
}
